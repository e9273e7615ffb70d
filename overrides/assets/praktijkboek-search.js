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

  async function run() {
    const run = ++generation;
    const query = input.value.trim();
    const filters = chosenFilters();
    if (!query && !Object.keys(filters).length) {
      meta.textContent = "Typ om te zoeken";
      list.replaceChildren();
      return;
    }
    const module = await engine();
    const found = await module.search(query || null, { filters });
    if (run !== generation) return; // a newer query is under way
    const count = found.results.length;
    meta.textContent = count === 0 ? "Geen resultaten" : count === 1 ? "1 resultaat" : `${count} resultaten`;
    list.replaceChildren();
    await more(found.results, 0, run);
    if (run === generation) root.dataset.pbSearchDone = query; // the results shown are this query's (a hook for tests)
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
        label.append(box, ` ${value} `, el("span", "pb-search-count", `(${count})`));
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
