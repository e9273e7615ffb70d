// Small behaviours of the practice book's pages, without inline event handlers.
for (const button of document.querySelectorAll("[data-pb-print]")) {
  button.addEventListener("click", () => window.print());
}
