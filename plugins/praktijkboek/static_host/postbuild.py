"""`praktijkboek postbuild`: what only a built site allows, the same for every host.

After MkDocs (with the plugin) or Zensical (after `praktijkboek generate`) has written the
site, this:

1. checks that the book is in it: every page the plan makes is there, with its `data-pb-kind`
   hook. A host that ran neither the plugin nor the generate step writes a site of only the
   hand-written pages, and says "No issues found"; this says in Dutch which pages are missing
   and what to run;
2. adds what the host did not write: the agenda feeds and open data, the handouts' manifest and
   the Pagefind search index (the plugin writes them during an MkDocs build; then they are left
   as they are);
3. prints the handouts as PDF (unless asked not to) and checks every internal link and anchor.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from praktijkboek.core.editors.linkcheck import BrokenLink, check_site
from praktijkboek.core.exports import agenda, opendata
from praktijkboek.core.knowledge import references
from praktijkboek.core.knowledge.graph import KnowledgeGraph
from praktijkboek.core.knowledge.load import load
from praktijkboek.core.pages import handouts
from praktijkboek.core.pages.markdown import site_url_of
from praktijkboek.core.pages.plan import Page, home_page, plan
from praktijkboek.core.reading import media
from praktijkboek.core.reading.loader import Layout
from praktijkboek.outputs import searchindex
from praktijkboek.static_host.generate import plugin_options, search_engine

#: How many missing pages the message names before it counts the rest.
NAMED = 10


class IncompleteBook(Exception):
    """The site lacks pages of the book: it was built without the plugin and without `generate`."""

    def __init__(self, missing: list[str], total: int) -> None:
        self.missing, self.total = missing, total
        named = ", ".join(f"/{url}" for url in missing[:NAMED]) + (f" en {len(missing) - NAMED} meer" if len(missing) > NAMED else "")
        super().__init__(
            f"Het praktijkboek staat niet (helemaal) in deze site: {len(missing)} van de {total} pagina's ontbreken ({named}).\n"
            "    De site is gebouwd zonder de praktijkboek-plugin en zonder 'praktijkboek generate' (Zensical voert geen plugins uit).\n"
            "    Bouw met MkDocs: praktijkboek build; of met Zensical: praktijkboek build --host zensical."
        )


@dataclass
class Done:
    checked_links: int = 0
    broken: list[BrokenLink] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    """What this step wrote because the host had not (`agenda en open data`, `zoekindex`, ...)."""


def book_pages(graph: KnowledgeGraph, pages_folder: Path, site_name: str) -> list[Page]:
    """Every page the book has in a built site: the plan's, and the hand-written home page."""
    pages = plan(graph)
    home = home_page((path.relative_to(pages_folder).as_posix() for path in references.markdown_pages(pages_folder)), site_name)
    return [*pages, home] if home is not None else pages


def missing_pages(site: Path, pages: list[Page]) -> list[str]:
    """The addresses of book pages the site does not have (or has without the book's part in them)."""
    missing = []
    for page in pages:
        url = site_url_of(page.src_uri)
        written = site / url / "index.html"
        if not written.is_file() or f'data-pb-kind="{page.kind}"' not in written.read_text(encoding="utf-8"):
            missing.append(url)
    return missing


def postbuild(site: Path, layout: Layout, settings: Mapping[str, Any], pdf: bool = True) -> Done:
    """Raises IncompleteBook; ContentError when the content has problems; the outputs' own errors
    (HandoutError, SearchIndexError) when a PDF or the search index cannot be made."""
    graph = load(layout)
    site_name = str(settings.get("site_name") or "")
    pages = book_pages(graph, layout.root / layout.pages_dir, site_name)
    missing = missing_pages(site, pages)
    if missing:
        raise IncompleteBook(missing, len(pages))

    done = Done()
    urls = {page.key: site_url_of(page.src_uri) for page in pages}
    site_url = settings.get("site_url")
    addresses = {key: urljoin(site_url, url) for key, url in urls.items()} if site_url else urls
    today = agenda.build_date()
    if not (site / opendata.EXPORT).is_file():
        exports = agenda.feeds(graph, addresses, site_name, today) | opendata.files(graph, addresses, today.isoformat()) | media.site_files(graph.media)
        for path, content in exports.items():
            target = site / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
        done.added.append("agenda en open data")
    manifest = site / handouts.HANDOUT_DIR / "manifest.json"
    if not manifest.is_file():
        sessions = {page.key: f"{urls[page.key]}index.html" for page in pages if page.handout}
        manifest.parent.mkdir(parents=True, exist_ok=True)
        manifest.write_text(json.dumps(handouts.manifest(graph, sessions, addresses if site_url else None), ensure_ascii=False, indent=1), encoding="utf-8")
        done.added.append("handoutlijst")
    if search_engine(settings) == "pagefind" and not (site / searchindex.INDEX_DIR / "pagefind.js").is_file():
        index_site(site)
        done.added.append("zoekindex")
    if pdf:
        from praktijkboek.outputs.pdf import render_site

        render_site(site)
    options = plugin_options(settings)
    if options.get("cms") and not (site / "admin" / "index.html").is_file():
        from praktijkboek.core.editors import cms
        from praktijkboek.outputs.admin import DEFAULT_PACKAGES, write_admin

        packages = layout.root / str(options.get("cms_packages", DEFAULT_PACKAGES))
        write_admin(site, packages, cms.render(cms.backend_from_settings(settings, options), layout.folders), site_name)
        done.added.append("bewerkpagina")
    base = urlsplit(str(site_url or "/")).path
    done.checked_links, done.broken = check_site(site, base, skip=() if pdf else (f"{handouts.HANDOUT_DIR}/",))
    return done


def index_site(site: Path) -> None:
    """The Pagefind index of every written page (the 404 page left out), from the pages as the host wrote them."""
    indexer = searchindex.Indexer()
    try:
        for path in sorted(site.rglob("*.html")):
            rel = path.relative_to(site).as_posix()
            if rel == "404.html" or rel.startswith(f"{searchindex.INDEX_DIR}/"):
                continue
            indexer.add("/" + rel.removesuffix("index.html"), searchindex.indexable(path.read_text(encoding="utf-8")))
        indexer.write(site / searchindex.INDEX_DIR)
        indexer.finish()
    finally:
        indexer.stop()
