// Small behaviours of the practice book's pages, without inline event handlers.
// A classic script (not a module), so that it also runs when a handout is printed from a file.
(function () {
  for (const button of document.querySelectorAll("[data-pb-print]")) {
    button.addEventListener("click", function () { window.print(); });
  }
  // Published contact details sit in the page encoded (reversed, base64): simple scrapers reading
  // the HTML do not find them; here they become readable, working links.
  for (const link of document.querySelectorAll("[data-pb-contact]")) {
    const bytes = Uint8Array.from(atob(link.dataset.pbCode), function (c) { return c.charCodeAt(0); });
    const value = Array.from(new TextDecoder().decode(bytes)).reverse().join("");
    link.textContent = value;
    link.href = link.dataset.pbContact === "email" ? "mailto:" + value : "tel:" + value.replace(/[^0-9+]/g, "");
    link.classList.add("pb-contact--shown");
  }
  // "Komt eraan" or "Voorbij": the build wrote what was true on its day; the reader's date decides (in
  // Brussels' time zone, as the sessions' dates are). A session that has passed leaves the home page's list of
  // upcoming sessions, and a list left empty says so.
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Brussels", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
  for (const badge of document.querySelectorAll("[data-pb-when]")) {
    const status = badge.dataset.pbUntil < today ? "past" : "upcoming";
    badge.dataset.pbStatus = status;
    badge.textContent = status === "past" ? "Voorbij" : "Komt eraan";
    badge.classList.toggle("pb-badge--past", status === "past");
    if (badge.hasAttribute("data-pb-past-hidden")) badge.hidden = status === "past";
    const card = badge.closest("[data-pb-card]");
    if (card) card.dataset.pbStatus = status;
  }
  for (const item of document.querySelectorAll("[data-pb-until]")) {
    if (item.matches("[data-pb-status]:not([data-pb-card])") && item.dataset.pbStatus !== "undated") {
      item.dataset.pbStatus = item.dataset.pbUntil < today ? "past" : "upcoming";
    }
  }
  for (const list of document.querySelectorAll("[data-pb-upcoming-only]")) {
    let left = 0;
    for (const item of list.querySelectorAll(":scope > [data-pb-until]")) {
      item.hidden = item.dataset.pbUntil < today;
      if (!item.hidden) left += 1;
    }
    const empty = list.parentElement.querySelector("[data-pb-upcoming-none]");
    if (empty) empty.hidden = left > 0;
    list.hidden = left === 0;
    const block = list.closest("[data-pb-upcoming-block]");
    if (block) block.hidden = left === 0;
  }
  // A listing's filters: in the page, with their state in the address so that a filtered list can be shared.
  const form = document.querySelector("[data-pb-listing-filters]");
  if (form) {
    const cards = Array.from(document.querySelectorAll("[data-pb-card]"));
    const shown = document.querySelector("[data-pb-count-shown]");
    const none = document.querySelector("[data-pb-listing-none]");
    const selects = Array.from(form.querySelectorAll("[data-pb-listing-filter]"));
    const apply = function () {
      const chosen = selects.filter(function (s) { return s.value; });
      let count = 0;
      for (const card of cards) {
        const keep = chosen.every(function (s) { return JSON.parse(card.getAttribute("data-pb-f-" + s.name) || "[]").indexOf(s.value) >= 0; });
        card.hidden = !keep;
        if (keep) count += 1;
      }
      shown.textContent = String(count);
      if (none) none.hidden = count > 0;
      const query = new URLSearchParams(window.location.search);
      for (const s of selects) { if (s.value) query.set(s.name, s.value); else query.delete(s.name); }
      const search = query.toString();
      history.replaceState(null, "", window.location.pathname + (search ? "?" + search : "") + window.location.hash);
    };
    const start = new URLSearchParams(window.location.search);
    for (const s of selects) {
      const wanted = start.get(s.name);
      if (wanted && Array.from(s.options).some(function (o) { return o.value === wanted; })) s.value = wanted;
      s.addEventListener("change", apply);
    }
    form.addEventListener("reset", function () { setTimeout(apply, 0); });
    if (none) none.querySelector("[data-pb-listing-clear]").addEventListener("click", function (event) { event.preventDefault(); form.reset(); });
    form.hidden = false;
    apply();
  }
  // The home page's search button opens the search, whichever engine the book uses (it toggles the dialog).
  for (const button of document.querySelectorAll("[data-pb-home-search]")) {
    button.addEventListener("click", function () {
      const toggle = document.getElementById("__search");
      if (toggle && !toggle.checked) toggle.click();
    });
  }
  // The navigation lists index pages only: an entity's page marks the index of the section it is in.
  const section = document.querySelector("[data-pb-trail-section]");
  if (section) {
    for (const link of document.querySelectorAll(".md-nav--primary a.md-nav__link[href]")) {
      if (link.href === section.href) {
        link.classList.add("md-nav__link--active", "pb-nav-section");
        link.setAttribute("aria-current", "location");
      }
    }
  }
})();
