"""The MkDocs (and ProperDocs) plugin: one host adapter over the domain core.

Every event hands its work to a named collaborator: the core loads the content into a knowledge
graph, plans the pages and renders them (`PageRenderer`, which takes no MkDocs object); the
adapter's own small objects put the pages among MkDocs' files (`BookFiles`), rebuild only what
changed in `serve --dirty` (`DirtyTracker`), feed the search index (`BookSearch`), make the QR
codes (`QrCodes`) and show the problems in the preview (`ServePreview`).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from urllib.parse import urlsplit

from markupsafe import Markup
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.toc import AnchorLink

from praktijkboek.core.editors import cms
from praktijkboek.core.exports import agenda, opendata
from praktijkboek.core.knowledge import references
from praktijkboek.core.knowledge.load import load
from praktijkboek.core.pages import handouts, views
from praktijkboek.core.pages.markdown import MarkdownSetup
from praktijkboek.core.pages.plan import Page, navigation, plan, src_uri
from praktijkboek.core.pages.render import HANDOUT_MARK, PRINT_MARK, PageRenderer, headings
from praktijkboek.core.pages.sanitize import sanitize_html, with_sizes
from praktijkboek.core.pages.sitecheck import site_problems
from praktijkboek.core.reading import media
from praktijkboek.core.reading.loader import FileCache, Layout
from praktijkboek.core.reading.problems import ContentError
from praktijkboek.host.config import PraktijkboekConfig
from praktijkboek.host.dirty import DirtyTracker
from praktijkboek.host.files import BookFiles, without_pages
from praktijkboek.host.guards import escaped, refuse_unknown_meta, reported
from praktijkboek.host.preview import ServePreview
from praktijkboek.host.search import BookSearch
from praktijkboek.outputs.admin import AdminError, bundle_files, write_admin
from praktijkboek.outputs.qrcodes import QrCodes

log = get_plugin_logger(__name__)


class PraktijkboekPlugin(BasePlugin[PraktijkboekConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        super().__init__()
        # Kept across the rebuilds of `mkdocs serve` (the plugin has on_startup, so MkDocs keeps it).
        self.cache = FileCache()
        self.dirty = DirtyTracker()
        self.search = BookSearch()
        self.qr = QrCodes()
        self.preview = ServePreview()
        self.serving = False
        # Made anew by each build (on_config, on_files).
        self.layout = Layout(Path("."))
        self.book: views.Book | None = None
        self.files: BookFiles | None = None
        self.renderer: PageRenderer | None = None
        self.cms_config: str | None = None
        """The editing interface's admin/config.yml (mkdocs.yml: repo_url and the cms_* options), when `cms` is on."""

    def on_startup(self, *, command, dirty):
        # A new command (MkDocs keeps the plugin within one process): nothing of an earlier one counts.
        self.serving = command == "serve"
        self.cache, self.dirty = FileCache(), DirtyTracker(dirty)

    def on_config(self, config):
        if not config.use_directory_urls:
            raise PluginError(
                "praktijkboek: use_directory_urls: false wordt niet ondersteund: het praktijkboek, zijn hand-outs en de controles"
                " gaan uit van een map per pagina (netwerken/x/). Haal de instelling weg uit mkdocs.yml."
            )
        root = Path(config.config_file_path or ".").resolve().parent
        pages_dir = os.path.relpath(Path(config.docs_dir).resolve(), root).replace(os.sep, "/")
        self.layout = Layout(root, self.config.networks_dir, self.config.content_dir, pages_dir)
        self.search.configure(self.config.search, config)
        self.cms_config = None
        if self.config.cms:
            # Before the build, not after it: the packages are missing, or there is no repository to save in.
            backend = cms.backend_from_settings({"repo_url": config.repo_url, "site_url": config.site_url}, self.config)
            try:
                bundle_files(root / self.config.cms_packages)
                self.cms_config = cms.render(backend, self.layout.folders)
            except (AdminError, cms.NoRepository) as error:
                raise PluginError(str(error)) from None
        if config.nav is None and self.config.default_nav:
            config.nav = [{"Start": "index.md"}] + [{title: uri} for title, uri in navigation()]
        return config

    def on_files(self, files, config):
        book_files = BookFiles(files, config, self.layout)
        try:
            graph = load(self.layout, self.cache)
            pages = plan(graph)
            markdown = MarkdownSetup(config.markdown_extensions, config.mdx_configs)
            problems = site_problems(pages, graph, self.layout.root, self.layout.pages_dir, markdown, book_files.others)
            if problems:
                raise ContentError(problems)
        except ContentError as error:
            if not self.serving:
                raise PluginError(str(error)) from None
            # Build no page: the server counts the rebuild as done, and the preview shows the report at every address.
            self.preview.fail(error.problems, config.site_name)
            config.nav = []
            return without_pages(files)
        self.preview.clear()
        log.debug("%d inhoudsbestanden, %d pagina's", len(graph), len(pages))
        settings = views.Settings(self.config.contribute_email, views.edit_base(config.repo_url, config.edit_uri))
        self.book, self.files = views.Book(graph, settings), book_files
        book_files.add_pages(pages)
        self.book.absolute = book_files.absolute(config.site_url)
        addresses = self.book.absolute or book_files.urls
        book_files.add_exports(
            agenda.feeds(graph, addresses, config.site_name, self.book.today)
            | opendata.files(graph, addresses, self.book.today.isoformat())
            | media.site_files(graph.media)
        )
        self.renderer = PageRenderer(config.theme.get_env(), self.book, book_files.urls, config.site_name)
        with reported():  # the handouts' QR codes are made on the other core while MkDocs renders
            self.qr.start(self.book.absolute[page.key] for page in book_files.pages.values() if page.key in self.book.absolute)
        book_files.take_over_hand_written()  # first: mark_changed sets the flags of the book's own files only
        self.dirty.mark_changed(book_files, graph, self.renderer.content, self._handout)
        with reported():
            self.search.start()
        return files

    def on_nav(self, nav, config, files):
        self.search.pages = [file.page for file in files.documentation_pages() if file.page is not None]
        return nav

    def on_page_markdown(self, markdown, page, config, files):
        assert self.files is not None and self.book is not None  # on_files made them
        uri = page.file.src_uri
        if uri not in self.files.hand_written:
            if uri in self.files.pages:
                page.meta = {}  # generated pages take nothing from front matter (their references are expanded already)
            return markdown  # or another plugin's page: its front matter and text are its own
        refuse_unknown_meta(page.meta, f"{self.layout.pages_dir}/{uri}")
        # Hand-written pages may link to entities with [[kind:id]] too (checked by the loader).
        return references.expand(markdown, uri, self.book.graph, src_uri)

    def on_page_content(self, html, page, config, files):
        assert self.files is not None and self.renderer is not None  # on_files made them
        # Everything rendered from Markdown was written by editors: never trust its raw HTML.
        body = Markup(with_sizes(sanitize_html(html), self.book.sizes if self.book else {}))
        ours = self.files.pages.get(page.file.src_uri)
        if ours is not None:
            if ours.src_uri not in self.files.hand_written:  # a generated page: its title and summary are the book's
                page.title, page.meta["description"] = ours.title, ours.description
            partial = self.renderer.content(ours, body=body)
            body = self.renderer.place_body(partial, body)
            # The book's own sections in the table of contents too, after the editors' headings.
            page.toc.items += [AnchorLink(escaped(title), anchor, 2) for anchor, title in headings(partial)]
        # Titles and descriptions end up in Material's <title>, meta tags, header and search index.
        page.title = escaped(page.title)
        for key in ("title", "description"):
            if key in page.meta:
                page.meta[key] = escaped(page.meta[key])
        with reported():
            self.search.add(page, config.theme["language"], body)
        return str(body)

    @event_priority(100)  # before other plugins touch the written page (a minifier drops the mark)
    def on_post_page(self, output, page, config):
        ours = self.files.pages.get(page.file.src_uri) if self.files else None
        if ours is None:
            return output
        if PRINT_MARK in output:  # the printed foot's QR code, for a site with an address
            url = self.book.absolute.get(ours.key) if self.book else None
            with reported():
                output = output.replace(PRINT_MARK, self.qr.get(url) if url else "", 1)
        if not ours.handout:
            return output
        if HANDOUT_MARK not in output:  # a session.html without {{ handout }}, or a plugin that strips comments
            raise PluginError(
                f"praktijkboek: de handout van {page.file.src_uri} vindt zijn plaats niet in de pagina: "
                f"zet {{{{ handout }}}} in praktijkboek/session.html, en laat HTML-commentaar staan tot na deze plugin."
            )
        return output.replace(HANDOUT_MARK, self._handout(ours), 1)

    def _handout(self, page: Page) -> Markup:
        assert self.book is not None and self.renderer is not None  # on_files made them
        url = self.book.absolute.get(page.key)
        with reported():
            qr = self.qr.get(url) if url else None
        return self.renderer.handout(page, qr)

    def on_env(self, env, config, files):
        with reported():
            self.search.write(Path(config.site_dir))
        return env

    @event_priority(-100)  # after the search plugin has written its index
    def on_post_build(self, config):
        site = Path(config.site_dir)
        if self.preview.failing:
            self.preview.write(site)
            return
        self.preview.remove(site)
        assert self.files is not None and self.book is not None  # on_files made them
        with reported():
            self.qr.collect()  # a book without session pages never asked for its codes
        self.dirty.built(self.files, site)
        # What `praktijkboek handouts` renders: the built session pages and where their PDFs go.
        manifest = site / handouts.HANDOUT_DIR / "manifest.json"
        manifest.parent.mkdir(parents=True, exist_ok=True)
        manifest.write_text(
            json.dumps(handouts.manifest(self.book.graph, self.files.handout_pages(), self.book.absolute), ensure_ascii=False, indent=1), encoding="utf-8"
        )
        with reported():
            self.search.finish(site, self.dirty.enabled)
        if self.cms_config is not None:
            self._admin(site, config, self.cms_config)

    def _admin(self, site: Path, config, cms_config: str) -> None:
        try:
            written = write_admin(site, self.layout.root / self.config.cms_packages, cms_config, config.site_name)
        except AdminError as error:
            raise PluginError(str(error)) from None
        log.debug(f"bewerkpagina: {written.files} bestanden, {written.bytes / 1e6:.1f} MB in {written.folder}")

    def on_build_error(self, error):
        self.dirty.failed()
        self.qr.stop()
        self.search.stop()

    def on_serve(self, server, config, builder):
        for folder in (self.layout.networks_dir, self.layout.content_dir):
            if (self.layout.root / folder).is_dir():
                server.watch(str(self.layout.root / folder))
        # While the content has problems, every page address answers with the report (host/preview.py).
        server.set_app(self.preview.wsgi(server.get_app(), urlsplit(config.site_url or "/").path))
        return server
