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
})();
