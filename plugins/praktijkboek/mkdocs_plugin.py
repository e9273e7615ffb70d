"""The MkDocs (and ProperDocs) plugin: a thin adapter over the domain core.

Each event calls plain functions of `praktijkboek.core`: load and validate the
content into a knowledge graph, plan the pages, hand them to MkDocs as
generated files, give the templates their view, sanitise what editors wrote.
All content knowledge lives in the core; this file only speaks MkDocs.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from markupsafe import Markup, escape
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

from .core import agenda, handouts, opendata, references, searchindex, views
from .core.graph import Node
from .core.loader import FileCache, Layout, load
from .core.pages import INDEXES, OVERVIEWS, PageSpec, address_collisions, hand_written_collisions, plan, src_uri, url_path
from .core.problems import ContentError, Problem
from .core.qrcodes import QrCodeError, QrCodes
from .core.references import PAGE_META_KEYS
from .core.sanitize import sanitize_html
from .serve_preview import ServePreview

#: Folder of the practice book's templates in the theme (Material's custom_dir: overrides/).
TEMPLATE_DIR = "praktijkboek"


class PraktijkboekConfig(Config):
    networks_dir = c.Type(str, default="networks")
    """Folder with one subfolder per network (`network.yml` and `sessions/`), relative to mkdocs.yml."""

    content_dir = c.Type(str, default="content")
    """Folder with what networks share: cases, organisations, people, themes, conditions, barriers, levers.
    The docs_dir (hand-written pages) may live inside it; it is then skipped by the loader."""

    search = c.Choice(("pagefind", "material"), default="pagefind")
    """`pagefind`: Pagefind indexes every page while the book is built, and the header's search box (Material's
    look) searches it, with filters; the index is fetched in small parts, so it scales to large books.
    Leave Material's `search` plugin out of mkdocs.yml then. `material`: Material's own search plugin."""

    default_nav = c.Type(bool, default=True)
    """When mkdocs.yml has no `nav`, use one of index pages only. Entity pages stay out of the
    navigation: Material renders the whole nav into every page, so listing every entity makes the
    build quadratic."""


@dataclass
class TemplateHelpers:
    """What templates get as `pb`: the view of this page and a few helpers."""

    book: views.Book
    urls: dict[str, str]
    view: Any
    kind: str
    page_url: str
    """The URL of the page being rendered: every link is made relative to it (like MkDocs' `url` filter)."""

    def __post_init__(self) -> None:
        url = self.page_url.removeprefix("./")  # the home page is at "./"
        self._to_root = "../" * url.count("/")

    def href(self, site_path: str) -> str:
        """A site-relative path (`netwerken/x/`, `handouts/x.pdf`) as a link from this page: up to the
        site's root, then down. It leads where MkDocs' get_relative_url leads, without its path
        arithmetic, which cost a second per 10,000 pages (a page has dozens of links)."""
        return self._to_root + site_path

    def url(self, node: Any) -> str:
        """Link from this page to an entity's (or a place's, a year's) page."""
        return self.href(self.urls[node.key])

    def url_key(self, key: str) -> str:
        return self.href(self.urls[key])

    def describe(self, node: Node) -> str:
        return views.describe(self.book.graph, node)

    def index_url(self, kind: str) -> str:
        return self.url_key(f"index:{kind}")

    format_date = staticmethod(views.format_date)


def _text(value: Any) -> Any:
    """Editors' plain text as Markup, so Material's templates (not autoescaped) print it escaped."""
    return value if value is None or isinstance(value, Markup) else Markup(escape(str(value)))


@dataclass
class PageInfo:
    """What our partials know of the page they are rendered for: its title and address."""

    title: str
    url: str


class ContentFile(File):
    """A page that `serve --dirty` rebuilds when what it shows changed, not when a file's mtime did."""

    changed = True

    def is_modified(self) -> bool:
        if self.changed:
            return True
        return self.generated_by is None and super().is_modified()


#: Where the editors' rendered Markdown goes in a rendered partial.
BODY_MARK = Markup("<!--praktijkboek:body-->")
#: Where a session's handout goes in its written page (see `PraktijkboekPlugin._handout`).
HANDOUT_MARK = Markup("<!--praktijkboek:handout-->")


class PraktijkboekPlugin(BasePlugin[PraktijkboekConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        super().__init__()
        # Kept across rebuilds of `mkdocs serve` (the plugin has on_startup, so MkDocs keeps it).
        self.cache = FileCache()
        self.fingerprints: dict[str, str] = {}
        self.search_docs: list[dict[str, Any]] | None = None
        self.qr = QrCodes()
        self.indexer: searchindex.Indexer | None = None
        self.dirty = False
        self.serving = False
        self.preview = ServePreview()
        self.hand_written: set[str] = set()
        """The src_uris of docs_dir's pages: the only pages besides its own that the plugin changes."""

    def on_startup(self, *, command, dirty):
        self.dirty = dirty
        self.serving = command == "serve"

    def on_config(self, config):
        root = Path(config.config_file_path or ".").resolve().parent
        docs = Path(config.docs_dir).resolve()
        pages_dir = os.path.relpath(docs, root).replace(os.sep, "/")
        self.layout = Layout(root, self.config.networks_dir, self.config.content_dir, pages_dir)
        if self.config.search == "pagefind":
            if "search" in config.plugins or "material/search" in config.plugins:
                raise PluginError(
                    "praktijkboek: search: pagefind, maar ook Material's plugin 'search' staat in mkdocs.yml. "
                    "Haal 'search' uit plugins, of zet search: material bij praktijkboek."
                )
            config.extra["praktijkboek_search"] = "pagefind"
        if config.nav is None and self.config.default_nav:
            config.nav = [{"Start": "index.md"}] + [{title: uri} for _, uri, title, _ in INDEXES] + [{title: uri} for _, uri, _, title, _ in OVERVIEWS]
        return config

    def on_files(self, files: Files, config) -> Files:
        written = {url_path(file.src_uri): file for file in files.documentation_pages()}
        # Only the hand-written pages of docs_dir are ours to change; pages that another plugin or a hook
        # added are left as they are (like mkdocs-gen-files' FilesEditor, which changes only its own files).
        hand_written = {address: file for address, file in written.items() if file.generated_by is None}
        try:
            self.graph = load(self.layout, self.cache)
            specs = plan(self.graph)
            others = {address: f"{file.src_uri} (van {file.generated_by})" for address, file in written.items() if file.generated_by is not None}
            collisions = hand_written_collisions(specs, self.layout.root, self.layout.pages_dir) + address_collisions(specs, others)
            if collisions:
                raise ContentError(collisions)
        except ContentError as error:
            if not self.serving:
                raise PluginError(str(error)) from None
            # The preview shows the report at every address (serve_preview.py): build no page now,
            # so the server counts the rebuild as done and open tabs reload at once.
            self.preview.fail(error.problems, config.site_name)
            config.nav = []
            return Files([file for file in files if not file.is_documentation_page()])
        self.preview.clear()
        self.book = views.Book(self.graph)
        # Our own environment over the theme's folders (overrides/ first), used only for our
        # partials; they show editors' text, so everything is escaped unless marked safe.
        self.env = config.theme.get_env()
        self.env.autoescape = True
        for file in hand_written.values():
            file.edit_uri = f"{self.layout.pages_dir}/{file.src_uri}"
        self.specs: dict[str, PageSpec] = {}
        self.urls: dict[str, str] = {}
        self.pages: dict[str, File] = {}
        for spec in specs:
            in_nav = spec.key.startswith("index:") or spec.key in ("matrix", "opendata")
            inclusion = InclusionLevel.UNDEFINED if in_nav else InclusionLevel.NOT_IN_NAV
            # A leading blank line: editors' text can never be read as front matter.
            file = ContentFile.generated(config, spec.src_uri, content="\n" + spec.body, inclusion=inclusion)
            file.edit_uri = spec.source
            files.append(file)
            self.specs[spec.src_uri] = spec
            self.urls[spec.key] = file.url
            self.pages[spec.key] = file
        # Agenda feeds and open data: files next to the pages, made from the same graph.
        self.book.absolute = {key: urljoin(config.site_url, file.url) for key, file in self.pages.items()} if config.site_url else {}
        addresses = self.book.absolute or {key: file.url for key, file in self.pages.items()}
        extra = {**agenda.feeds(self.graph, addresses, config.site_name, self.book.today), **opendata.files(self.graph, addresses, self.book.today.isoformat())}
        for path, content in extra.items():
            files.append(File.generated(config, path, content=content))
        # The handouts' QR codes are made on the other core while MkDocs renders (core/qrcodes.py).
        with _reported():
            self.qr.start(url for key, url in self.book.absolute.items() if key.startswith("session:"))
        self.mkdocs_config = config
        self.home = hand_written.get("")
        self.hand_written = {file.src_uri for file in hand_written.values()}
        # `serve --dirty` rebuilds only the pages whose output changed: render every page's own
        # part now, to compare. Otherwise each is rendered when MkDocs gets to its page.
        fingerprints: dict[str, str] = {}
        if self.dirty:
            for spec in specs:
                fingerprints[spec.src_uri] = _digest(
                    self._partial(spec.src_uri) or "", self._handout(spec.src_uri) or "", spec.title, spec.description or "", spec.body
                )
        for page in hand_written.values():
            if self.dirty:  # hand-written pages depend on the book too (the home overview, [[kind:id]] link labels)
                text = Path(page.abs_src_path).read_text(encoding="utf-8", errors="replace") if page.abs_src_path else ""
                expanded = references.expand(text, page.src_uri, self.graph, src_uri)
                fingerprints[page.src_uri] = _digest(expanded, self._partial(page.src_uri) or "")
            replacement = ContentFile(page.src_uri, page.src_dir, page.dest_dir, page.use_directory_urls, inclusion=page.inclusion)
            replacement.edit_uri = page.edit_uri
            files.remove(page)
            files.append(replacement)
        for file in files.documentation_pages():
            if isinstance(file, ContentFile):
                file.changed = not self.dirty or fingerprints.get(file.src_uri) != self.fingerprints.get(file.src_uri)
        self.pending_fingerprints = fingerprints  # kept only once the build has succeeded (on_post_build)
        self.populated: set[str] = set()
        if self.config.search == "pagefind":
            self._stop_indexer()  # one of a build that failed
            with _reported():
                self.indexer = searchindex.Indexer()
        return files

    def on_page_markdown(self, markdown, page, config, files):
        if page.file.src_uri in self.specs:
            page.meta = {}  # generated pages take nothing from front matter (their references are expanded already)
            return markdown
        if page.file.src_uri not in self.hand_written:
            return markdown  # another plugin's page: its front matter and text are its own
        # Editors' front matter reaches Material's templates, which do not escape (subtitle, status,
        # icon, template...): only the keys we handle, and those escaped.
        # The loader refuses other keys first (references.front_matter_problems, the rule MkDocs reads front
        # matter by); this guard keeps Material's unescaped keys out should the two ever differ.
        unknown = sorted(set(map(str, page.meta)) - set(PAGE_META_KEYS))
        if unknown:
            raise PluginError(
                Problem(
                    f"{self.layout.pages_dir}/{page.file.src_uri}",
                    1,
                    f"'{unknown[0]}'",
                    "dit veld bovenaan de pagina wordt niet ondersteund",
                    f"Toegestaan: {', '.join(sorted(PAGE_META_KEYS))}.",
                ).format()
            )
        # Hand-written pages may link to entities with [[kind:id]] too (checked by the loader).
        return references.expand(markdown, page.file.src_uri, self.graph, src_uri)

    def on_page_content(self, html: str, page, config, files) -> str:
        self.populated.add(page.url)
        # Everything rendered from Markdown was written by editors: never trust its raw HTML.
        body = Markup(sanitize_html(html))
        spec = self.specs.get(page.file.src_uri)
        if spec:
            page.title = spec.title
            page.meta["description"] = spec.description
        partial = self._partial(page.file.src_uri)
        if partial is not None:
            body = Markup(partial.replace(BODY_MARK, body, 1))
        # Titles and descriptions end up in Material's <title>, meta tags, header and search index.
        page.title = _text(page.title)
        for key in ("title", "description"):
            if key in page.meta:
                page.meta[key] = _text(page.meta[key])
        # Search indexes this content, facts and relations included: Material's search plugin after
        # this event; Pagefind now, on the other core, while MkDocs goes on with the next page.
        if self.indexer is not None:
            with _reported():
                self.indexer.add(_search_url(page.file.dest_uri), searchindex.page_html(config.theme["language"], page.title, body))
        return str(body)

    @event_priority(100)  # before other plugins touch the written page (a minifier drops the mark)
    def on_post_page(self, output: str, page, config) -> str:
        handout = self._handout(page.file.src_uri)
        if handout is None:
            return output
        if HANDOUT_MARK not in output:  # a session.html without {{ handout }}, or a plugin that strips comments
            raise PluginError(
                f"praktijkboek: de handout van {page.file.src_uri} vindt zijn plaats niet in de pagina: "
                f"zet {{{{ handout }}}} in praktijkboek/session.html, en laat HTML-commentaar staan tot na deze plugin."
            )
        return output.replace(HANDOUT_MARK, handout, 1)

    def _partial(self, src_uri: str) -> Markup | None:
        """What the practice book shows on a page, around the editors' text (BODY_MARK); None for a plain page."""
        spec = self.specs.get(src_uri)
        if spec is not None:
            kind, view = self.book.view(spec.key, spec.title, self.book.absolute.get(spec.key))
            return self._render(spec.template, PageInfo(spec.title, self.pages[spec.key].url), kind, view)
        if self.home is not None and src_uri == self.home.src_uri:
            kind, view = self.book.view("home")
            return self._render("home.html", PageInfo(self.mkdocs_config.site_name, self.home.url), kind, view)
        return None

    def _handout(self, src_uri: str) -> Markup | None:
        """A session's A4 handout. It goes into the written page at HANDOUT_MARK, after the page
        content was made: printed, not read on screen, so not in the content that search indexes,
        and rendered last, when the QR codes are ready."""
        spec = self.specs.get(src_uri)
        if spec is None or not spec.key.startswith("session:"):
            return None
        url = self.book.absolute.get(spec.key)
        with _reported():
            qr = self.qr.get(url) if url else None
        handout = self.book.handout(spec.key, url, qr)
        return self._render("handout.html", PageInfo(spec.title, self.pages[spec.key].url), "handout", handout)

    def _render(self, template: str, page: PageInfo, kind: str, view: Any) -> Markup:
        helpers = TemplateHelpers(self.book, self.urls, view, kind, page.url)
        context = {"config": self.mkdocs_config, "page": page, "pb": helpers, "body": BODY_MARK, "handout": HANDOUT_MARK}
        return Markup(self.env.get_template(f"{TEMPLATE_DIR}/{template}").render(context))

    def on_build_error(self, error):
        # The pages of a failed build may not have been written: rebuild them all next time.
        self.fingerprints = {}
        self.qr.stop()
        self._stop_indexer()

    def _stop_indexer(self) -> None:
        if self.indexer is not None:
            self.indexer.stop()
            self.indexer = None

    @event_priority(-100)  # after the search plugin has written its index
    def on_post_build(self, config):
        if self.preview.failing:
            self.preview.write(Path(config.site_dir))
            return
        self.preview.remove(Path(config.site_dir))
        self.fingerprints = self.pending_fingerprints
        with _reported():
            self.qr.collect()  # a book without session pages never asked for its codes
        self._remove_stale_pages(Path(config.site_dir))
        # What `praktijkboek handouts` renders: the built session pages and where their PDFs go.
        pages = {key: file.dest_uri for key, file in self.pages.items() if key.startswith("session:")}
        target = Path(config.site_dir) / handouts.HANDOUT_DIR / "manifest.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(handouts.manifest(self.graph, pages), ensure_ascii=False, indent=1), encoding="utf-8")
        if self.indexer is not None:
            self._finish_indexer()
        else:
            self._keep_search_index_whole(Path(config.site_dir))

    def _finish_indexer(self) -> None:
        if self.indexer is not None:
            indexer, self.indexer = self.indexer, None
            with _reported():
                indexer.finish()

    def _remove_stale_pages(self, site_dir: Path) -> None:
        """In a dirty rebuild MkDocs keeps the HTML of pages that no longer exist (a deleted or renamed
        entity); remove it, so that neither readers nor the search index find them."""
        current = {file.dest_uri for file in self.pages.values()}
        for dest in sorted(getattr(self, "generated_dests", set()) - current):
            path = site_dir / dest
            if path.is_file():
                path.unlink()
        self.generated_dests = current

    def _keep_search_index_whole(self, site_dir: Path) -> None:
        """In a dirty rebuild Material's search indexes only the pages it rebuilt: add back the others."""
        path = site_dir / "search" / "search_index.json"
        if not path.is_file():
            return
        index = json.loads(path.read_text(encoding="utf-8"))
        if self.dirty and self.search_docs is not None:
            existing = {page.url for page in self._all_pages}
            kept = [doc for doc in self.search_docs if doc["location"].split("#")[0] in existing and doc["location"].split("#")[0] not in self.populated]
            index["docs"] = kept + index["docs"]
            path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        self.search_docs = index["docs"]

    def on_env(self, env, config, files):
        """Every page's content is made (MkDocs' first pass): Pagefind can write its index while
        MkDocs renders the pages' templates (the second pass)."""
        if self.indexer is not None:
            site_dir = Path(config.site_dir)
            with _reported():
                # In a dirty rebuild only the changed pages were made: the others are read back from the site.
                for page in self._all_pages:
                    written = site_dir / page.file.dest_uri
                    if _search_url(page.file.dest_uri) not in self.indexer.pages and written.is_file():
                        self.indexer.add(_search_url(page.file.dest_uri), searchindex.indexable(written.read_text(encoding="utf-8")))
                self.indexer.write(site_dir / searchindex.INDEX_DIR)
        return env

    def on_nav(self, nav, config, files):
        self._all_pages = [file.page for file in files.documentation_pages() if file.page is not None]
        return nav

    def on_serve(self, server, config, builder):
        for folder in (self.layout.networks_dir, self.layout.content_dir):
            path = self.layout.root / folder
            if path.is_dir():
                server.watch(str(path))
        # While the content has problems, every page address answers with the report (serve_preview.py).
        server.set_app(self.preview.wsgi(server.get_app(), urlsplit(config.site_url or "/").path))
        return server


@contextmanager
def _reported() -> Iterator[None]:
    """What the core reports (content problems, a failing QR-code worker or Pagefind) becomes a
    PluginError: MkDocs prints the Dutch message, without a traceback, and exits non-zero."""
    try:
        yield
    except (ContentError, QrCodeError, searchindex.SearchIndexError) as exc:
        raise PluginError(str(exc)) from None


def _search_url(dest_uri: str) -> str:
    """A page's address from the site's root, as Pagefind reports it (`/netwerken/x/`)."""
    return "/" + dest_uri.removesuffix("index.html")


def _digest(*parts: str) -> str:
    return hashlib.sha1("\0".join(parts).encode("utf-8")).hexdigest()
