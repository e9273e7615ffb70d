// Search in the practice book: Material's search dialog, searched with Pagefind.
//
// Pagefind's index is split in small fragments: a reader downloads only the
// parts a query needs, never one index of the whole book. The bundle is loaded
// on first use (opening the dialog, or focusing the box). Results are rendered
// with Material's own classes; filters (kind, theme, network, year, condition)
// come from data-pagefind-filter elements on the pages.

const root = document.querySelector("[data-pb-search]");
const toggle = document.getElementById("__search");

const FILTER_LABELS = { soort: "Soort", thema: "Thema", netwerk: "Netwerk", jaar: "Jaar", voorwaarde: "Voorwaarde" };
const FILTER_ORDER = Object.keys(FILTER_LABELS);
const PAGE = 10;
// The kinds of page by how much of the book hangs off them (the search filter "soort" gives each page's kind).
const KIND_ORDER = ["Netwerk", "Praktijkvoorbeeld", "Thema", "Voorwaarde", "Hefboom", "Remmende factor", "Organisatie", "Persoon", "Sessie"];

if (root && toggle) {
  const input = root.querySelector("[data-pb-search-query]");
  const list = root.querySelector("[data-pb-search-list]");
  const meta = root.querySelector("[data-pb-search-meta]");
  const filterBox = root.querySelector("[data-pb-search-filters]");
  const filterDetails = root.querySelector("[data-pb-search-filterbox]");
  const filterSummary = root.querySelector("[data-pb-search-filtersummary]");
  const bundle = new URL("../pagefind/pagefind.js", import.meta.url);
  const active = new Map(); // filter name -> Set of chosen values
  let pagefind = null;
  let generation = 0;

  async function engine() {
    if (!pagefind) {
      pagefind = import(bundle.href).then(async (module) => {
        await module.options({ baseUrl: new URL("../", import.meta.url).pathname, excerptLength: 26 });
        module.init();
        return module;
      });
    }
    return pagefind;
  }

  function open() {
    toggle.checked = true;
    engine().catch(failed);
    setTimeout(() => input.focus(), 50);
  }

  // Every way into the box opens the results: a click or a tap in it (on a desktop the box sits in the
  // header, outside the toggle's label), Tab, or a shortcut. Material's own code did this for its
  // search; with its hooks replaced, this does.
  function opened() {
    if (!toggle.checked) toggle.checked = true;
    engine().catch(failed);
  }

  toggle.addEventListener("change", () => { if (toggle.checked) open(); });
  input.addEventListener("focus", opened);
  input.addEventListener("pointerdown", opened);
  // The filters' values are fetched only when the reader opens them.
  filterDetails.hidden = false;
  filterDetails.addEventListener("toggle", async () => {
    if (filterDetails.open && !filterBox.childElementCount) {
      try { showFilters(await (await engine()).filters()); } catch (error) { failed(error); }
    }
  });
  input.addEventListener("input", () => { opened(); search(); });
  // Enter in the box opens the first result (of the whole query: a pending one is run first).
  input.addEventListener("keydown", async (event) => {
    if (event.key !== "Enter") return;
    event.preventDefault();
    if (root.dataset.pbSearchDone !== input.value.trim()) await run().catch(failed);
    const first = list.querySelector(".md-search-result__link");
    if (first) window.location.href = first.href;
  });
  // Arrow keys move between the box and the results (as in Material); Enter follows a result.
  root.addEventListener("keydown", (event) => {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    const links = [...list.querySelectorAll(".md-search-result__link, [data-pb-search-more] button")];
    if (!links.length) return;
    const at = links.indexOf(document.activeElement);
    const next = event.key === "ArrowDown" ? Math.min(at + 1, links.length - 1) : at - 1;
    event.preventDefault();
    (next < 0 ? input : links[next]).focus();
  });
  root.querySelector("form").addEventListener("reset", () => setTimeout(search, 0));
  document.addEventListener("keydown", (event) => {
    const typing = event.target.closest("input, textarea, select, [contenteditable]");
    if (!typing && (event.key === "/" || event.key === "s" || event.key === "f") && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      open();
    } else if (event.key === "Escape" && toggle.checked) {
      toggle.checked = false;
      input.blur();
    }
  });

  function chosenFilters() {
    const filters = {};
    for (const [name, values] of active) if (values.size) filters[name] = { any: [...values] };
    return filters;
  }

  let pause = null;
  function search() {
    clearTimeout(pause);
    pause = setTimeout(() => run().catch(failed), 120); // wait for a pause in typing
  }

  function failed(error) {
    meta.textContent = "Zoeken lukt nu niet. Open het boek via de website (niet als bestand) of probeer het later opnieuw.";
    list.replaceChildren();
    console.error("praktijkboek search:", error);
  }

  // Dutch singulars and plurals find each other: "indicator" also searches "indicatoren", "vrijwilligers"
  // also "vrijwilliger". Pagefind's stemmer does not join all of them, and a word it does not know it
  // shortens until something matches ("indicator" became "in").
  function variants(word) {
    const forms = new Set([word]);
    if (word.length < 4) return forms;
    if (word.endsWith("en") && word.length > 5) { forms.add(word.slice(0, -2)); forms.add(word.slice(0, -3)); }
    else if (word.endsWith("s") && word.length > 4) forms.add(word.slice(0, -1));
    else {
      forms.add(word + "en");
      forms.add(word + "s");
      if (/[^aeiou][aeiou][^aeiouwxy]$/.test(word)) forms.add(word + word.slice(-1) + "en"); // kop -> koppen
    }
    return forms;
  }

  function queries(query) {
    const words = query.toLowerCase().split(/\s+/).filter(Boolean);
    const all = new Set([words.join(" ")]);
    words.forEach((word, at) => {
      for (const form of variants(word)) all.add([...words.slice(0, at), form, ...words.slice(at + 1)].join(" "));
    });
    return [...all].slice(0, 8);
  }

  // A result found only through a fragment of a word (Pagefind's fallback: "in" for "indicator") is no result.
  const plain = (text) => text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");
  function matchesAWord(data, given) {
    const words = given.map(plain);
    const marks = [...(data.excerpt || "").matchAll(/<mark>(.*?)<\/mark>/g)].map((m) => plain(m[1]));
    if (!marks.length) return true; // matched through the title or metadata
    return marks.some((mark) => words.some((word) => mark === word
      || (mark.length >= 3 && word.length >= 3 && (mark.startsWith(word.slice(0, 3)) || word.startsWith(mark.slice(0, 3))))));
  }

  const CHECKED = 40; // results whose text is fetched to check and rank them; beyond, Pagefind's order

  async function run() {
    const run = ++generation;
    const query = input.value.trim();
    const filters = chosenFilters();
    if (!query && !Object.keys(filters).length) {
      meta.textContent = "Typ om te zoeken";
      list.replaceChildren();
      showCounts(null);
      return;
    }
    const module = await engine();
    const searches = query ? await Promise.all(queries(query).map((q) => module.search(q, { filters }))) : [await module.search(null, { filters })];
    if (run !== generation) return; // a newer query is under way
    const best = new Map();
    for (const found of searches) for (const result of found.results) if (!best.has(result.id) || best.get(result.id).score < result.score) best.set(result.id, result);
    let results = [...best.values()].sort((a, b) => b.score - a.score);
    if (query) {
      const words = query.toLowerCase().split(/\s+/).filter(Boolean);
      const head = await Promise.all(results.slice(0, CHECKED).map(async (result) => ({ result, data: await result.data() })));
      if (run !== generation) return;
      const wanted = query.toLowerCase();
      const kept = head.filter(({ data }) => matchesAWord(data, words));
      // The page whose title is the query comes first, then titles that hold it, then Pagefind's order.
      // Among titles that hold it, what the others belong to first: a network before its sessions.
      const rank = ({ data }) => {
        const title = (data.meta.title || "").toLowerCase();
        const kind = KIND_ORDER.indexOf(((data.filters && data.filters.soort) || [""])[0]);
        return (title === wanted ? 0 : title.includes(wanted) ? 100 : 200) + (kind < 0 ? KIND_ORDER.length : kind);
      };
      kept.sort((a, b) => (rank(a) >= 200 && rank(b) >= 200 ? 0 : rank(a) - rank(b)));
      for (const item of kept) item.result.data = async () => item.data;
      results = [...kept.map((item) => item.result), ...results.slice(CHECKED)];
    }
    showCounts(searches[0].filters);
    const count = results.length;
    meta.textContent = count === 0 ? "Geen resultaten" : count === 1 ? "1 resultaat" : `${count} resultaten`;
    list.replaceChildren();
    if (count === 0) list.append(suggestions(query, filters));
    await more(results, 0, run);
    if (run === generation) root.dataset.pbSearchDone = query; // the results shown are this query's (a hook for tests)
  }

  // "Geen resultaten" says what to try next.
  function suggestions(query, filters) {
    const li = el("li", "md-search-result__item pb-search-none");
    li.dataset.pbSearchNone = "";
    const tips = el("ul");
    if (query.split(/\s+/).length > 1) tips.append(el("li", "", "Zoek met minder woorden, of met één woord."));
    if (Object.keys(filters).length) {
      const item = el("li", "", "Zet de filters uit: ");
      const clear = el("button", "pb-search-clearfilters", "alle filters wissen");
      clear.type = "button";
      clear.addEventListener("click", () => {
        active.clear();
        filterBox.querySelectorAll("input:checked").forEach((box) => { box.checked = false; });
        filterSummary.textContent = "Filteren";
        search();
      });
      item.append(clear);
      tips.append(item);
    }
    tips.append(el("li", "", "Controleer de spelling, of zoek een ander woord voor hetzelfde."));
    const browse = el("li", "", "Of blader: ");
    for (const [href, text] of [["netwerken/", "netwerken"], ["praktijkvoorbeelden/", "praktijkvoorbeelden"], ["themas/", "thema's"]]) {
      const link = el("a", "", text);
      link.href = new URL(`../${href}`, import.meta.url).pathname;
      browse.append(link, " ");
    }
    tips.append(browse);
    li.append(tips);
    return li;
  }

  // The filters' counts follow the query: how many of the results each value would keep.
  function showCounts(filters) {
    for (const group of filterBox.querySelectorAll("[data-pb-filter]")) {
      const counts = (filters && filters[group.dataset.pbFilter]) || null;
      for (const label of group.querySelectorAll("label")) {
        const box = label.querySelector("input");
        const shown = label.querySelector(".pb-search-count");
        const number = counts ? counts[box.value] || 0 : Number(shown.dataset.total);
        shown.textContent = `(${number})`;
        label.classList.toggle("pb-search-empty", number === 0 && !box.checked);
      }
    }
  }

  // Results come in pages of ten: each result's text is a small fragment fetched on demand.
  async function more(results, from, run) {
    const shown = await Promise.all(results.slice(from, from + PAGE).map((result) => result.data()));
    if (run !== generation) return;
    list.querySelector("[data-pb-search-more]")?.remove();
    list.append(...shown.map(item));
    if (results.length > from + PAGE) {
      const li = el("li", "md-search-result__item pb-search-more");
      li.dataset.pbSearchMore = "";
      const button = el("button", "md-button", `Meer resultaten (${results.length - from - PAGE})`);
      button.type = "button";
      button.addEventListener("click", () => more(results, from + PAGE, run).catch(failed));
      li.append(button);
      list.append(li);
    }
  }

  function item(data) {
    const li = el("li", "md-search-result__item");
    li.dataset.pbResult = data.url;
    const link = el("a", "md-search-result__link");
    link.href = data.url;
    const article = el("article", "md-search-result__article md-typeset");
    const kind = (data.filters && data.filters.soort && data.filters.soort[0]) || "";
    if (kind) article.append(el("p", "pb-search-kind", kind));
    article.append(el("h1", "", data.meta.title || data.url));
    const excerpt = el("p");
    excerpt.append(...marked(data.excerpt || ""));
    article.append(excerpt);
    link.append(article);
    li.append(link);
    return li;
  }

  // Pagefind's excerpt is page text with <mark> around the matches: keep only text and <mark>.
  function marked(html) {
    const template = document.createElement("template");
    template.innerHTML = html;
    return [...template.content.childNodes].map((node) =>
      node.nodeName === "MARK" ? el("mark", "", node.textContent) : document.createTextNode(node.textContent));
  }

  function showFilters(filters) {
    const names = FILTER_ORDER.filter((name) => filters[name] && Object.keys(filters[name]).length);
    if (!names.length) return;
    filterBox.replaceChildren(...names.map((name) => {
      const group = el("fieldset", "pb-search-filter");
      group.dataset.pbFilter = name;
      group.append(el("legend", "", FILTER_LABELS[name]));
      const values = Object.entries(filters[name]).sort(([a], [b]) => (name === "jaar" ? b.localeCompare(a) : a.localeCompare(b, "nl")));
      for (const [value, count] of values) {
        const label = el("label");
        const box = document.createElement("input");
        box.type = "checkbox";
        box.value = value;
        box.addEventListener("change", () => {
          const chosen = active.get(name) || new Set();
          box.checked ? chosen.add(value) : chosen.delete(value);
          active.set(name, chosen);
          const count = [...active.values()].reduce((sum, values) => sum + values.size, 0);
          filterSummary.textContent = count ? `Filteren (${count} gekozen)` : "Filteren";
          search();
        });
        const shown = el("span", "pb-search-count", `(${count})`);
        shown.dataset.total = count;
        label.append(box, ` ${value} `, shown);
        group.append(label);
      }
      return group;
    }));
  }

  function el(tag, className = "", text = "") {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }
}
