"""The MkDocs (and ProperDocs) plugin: a thin adapter over the domain core.

Each event calls plain functions of `praktijkboek.core`: load and validate the
content into a knowledge graph, plan the pages, hand them to MkDocs as
generated files, give the templates their view, sanitise what editors wrote.
All content knowledge lives in the core; this file only speaks MkDocs.
"""

from __future__ import annotations

import json
import os
from urllib.parse import urljoin
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.utils import get_relative_url
from markupsafe import Markup, escape

from .core import views
from .core.graph import Node
from .core.loader import Layout, load
from .core import handouts, references
from .core.pages import INDEXES, OVERVIEWS, PageSpec, describe_source, plan, src_uri, url_path
from .core.problems import ContentError
from .core.sanitize import sanitize_html

#: Folder of the practice book's templates in the theme (Material's custom_dir: overrides/).
TEMPLATE_DIR = "praktijkboek"


class PraktijkboekConfig(Config):
    networks_dir = c.Type(str, default="networks")
    """Folder with one subfolder per network (`network.yml` and `sessions/`), relative to mkdocs.yml."""

    content_dir = c.Type(str, default="content")
    """Folder with what networks share: cases, organisations, people, themes, conditions, barriers, levers.
    The docs_dir (hand-written pages) may live inside it; it is then skipped by the loader."""

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

    def href(self, site_path: str) -> str:
        """A site-relative path (`netwerken/x/`, `handouts/x.pdf`) as a link from this page."""
        return get_relative_url(site_path, self.page_url)

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


class PraktijkboekPlugin(BasePlugin[PraktijkboekConfig]):
    supports_multiple_instances = False

    def on_config(self, config):
        root = Path(config.config_file_path or ".").resolve().parent
        docs = Path(config.docs_dir).resolve()
        pages_dir = os.path.relpath(docs, root).replace(os.sep, "/")
        self.layout = Layout(root, self.config.networks_dir, self.config.content_dir, pages_dir)
        if config.nav is None and self.config.default_nav:
            config.nav = [{"Start": "index.md"}] + [{title: uri} for _, uri, title, _ in INDEXES] + [
                {title: uri} for _, uri, _, title, _ in OVERVIEWS
            ]
        return config

    def on_files(self, files: Files, config) -> Files:
        try:
            self.graph = load(self.layout)
            specs = plan(self.graph)
            self.book = views.Book(self.graph)
        except ContentError as exc:
            raise PluginError(str(exc)) from None
        written: dict[str, File] = {}
        for file in files.documentation_pages():
            file.edit_uri = f"{self.layout.pages_dir}/{file.src_uri}"
            written[url_path(file.src_uri)] = file
        self.specs: dict[str, PageSpec] = {}
        self.urls: dict[str, str] = {}
        self.pages: dict[str, File] = {}
        # Our own environment over the theme's folders (overrides/ first), used only for our
        # partials; they show editors' text, so everything is escaped unless marked safe.
        self.env = config.theme.get_env()
        self.env.autoescape = True
        for spec in specs:
            if spec.url_path in written:
                raise PluginError(
                    f"{self.layout.pages_dir}/{written[spec.url_path].src_uri}: deze pagina komt op hetzelfde adres "
                    f"(/{spec.url_path}/) als {describe_source(spec)}. Geef de pagina een andere bestandsnaam."
                )
            in_nav = spec.key.startswith("index:") or spec.key == "matrix"
            inclusion = InclusionLevel.UNDEFINED if in_nav else InclusionLevel.NOT_IN_NAV
            # A leading blank line: editors' text can never be read as front matter.
            file = File.generated(config, spec.src_uri, content="\n" + spec.body, inclusion=inclusion)
            file.edit_uri = spec.source
            files.append(file)
            self.specs[spec.src_uri] = spec
            self.urls[spec.key] = file.url
            self.pages[spec.key] = file
        return files

    def on_page_markdown(self, markdown, page, config, files):
        if page.file.src_uri in self.specs:
            page.meta = {}  # generated pages take nothing from front matter (their references are expanded already)
            return markdown
        # Hand-written pages may link to entities with [[kind:id]] too (checked by the loader).
        return references.expand(markdown, page.file.src_uri, self.graph, src_uri)

    def on_page_content(self, html: str, page, config, files) -> str:
        # Everything rendered from Markdown was written by editors: never trust its raw HTML.
        body = Markup(sanitize_html(html))
        spec = self.specs.get(page.file.src_uri)
        if spec:
            page.title = spec.title
            page.meta["description"] = spec.description
            absolute = urljoin(config.site_url, page.url) if config.site_url else None
            kind, view = self.book.view(spec.key, spec.title, absolute)
            body = self._render(spec.template, page, config, TemplateHelpers(self.book, self.urls, view, kind, page.url), body)
        elif page.is_homepage:
            kind, view = self.book.view("home")
            body = self._render("home.html", page, config, TemplateHelpers(self.book, self.urls, view, kind, page.url), body)
        # Titles and descriptions end up in Material's <title>, meta tags, header and search index.
        page.title = _text(page.title)
        for key in ("title", "description"):
            if key in page.meta:
                page.meta[key] = _text(page.meta[key])
        # The search plugin indexes page.content after this event: facts and relations are findable.
        return str(body)

    def _render(self, template: str, page, config, helpers: TemplateHelpers, body: Markup) -> Markup:
        context = {"config": config, "page": page, "pb": helpers, "body": body}
        return Markup(self.env.get_template(f"{TEMPLATE_DIR}/{template}").render(context))

    def on_post_build(self, config):
        # What `praktijkboek handouts` renders: the built session pages and where their PDFs go.
        pages = {key: file.dest_uri for key, file in self.pages.items() if key.startswith("session:")}
        target = Path(config.site_dir) / handouts.HANDOUT_DIR / "manifest.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(handouts.manifest(self.graph, pages), ensure_ascii=False, indent=1), encoding="utf-8")

    def on_serve(self, server, config, builder):
        for folder in (self.layout.networks_dir, self.layout.content_dir):
            path = self.layout.root / folder
            if path.is_dir():
                server.watch(str(path))
        return server
