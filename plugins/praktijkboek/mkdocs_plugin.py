"""The MkDocs (and ProperDocs) plugin: a thin adapter over the domain core.

Each event calls plain functions of `praktijkboek.core`: load and validate the
content into a knowledge graph, plan the pages, hand them to MkDocs as
generated files, give the templates their view, sanitise what editors wrote.
All content knowledge lives in the core; this file only speaks MkDocs.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel

from .core import views
from .core.graph import KnowledgeGraph, Node
from .core.loader import Layout, load
from .core.pages import INDEXES, PageSpec, TEMPLATE_DIR, plan
from .core.problems import ContentError
from .core.sanitize import sanitize_html

log = logging.getLogger("mkdocs.plugins.praktijkboek")
HOME_TEMPLATE = f"{TEMPLATE_DIR}/home.html"


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

    graph: KnowledgeGraph
    urls: dict[str, str]
    view: Any
    kind: str

    def url(self, node: Node) -> str:
        """Site-relative URL of a node's page; pass it through MkDocs' `url` filter."""
        return self.urls[node.key]

    def describe(self, node: Node) -> str:
        return views.describe(self.graph, node)

    def index_url(self, kind: str) -> str:
        return self.urls[f"index:{kind}"]

    format_date = staticmethod(views.format_date)


class PraktijkboekPlugin(BasePlugin[PraktijkboekConfig]):
    supports_multiple_instances = False

    def on_config(self, config):
        root = Path(config.config_file_path or ".").resolve().parent
        docs = Path(config.docs_dir).resolve()
        pages_dir = os.path.relpath(docs, root).replace(os.sep, "/")
        self.layout = Layout(root, self.config.networks_dir, self.config.content_dir, pages_dir)
        if config.nav is None and self.config.default_nav:
            config.nav = [{"Start": "index.md"}] + [{title: uri} for _, uri, title, _ in INDEXES]
        return config

    def on_files(self, files: Files, config) -> Files:
        try:
            self.graph = load(self.layout)
        except ContentError as exc:
            raise PluginError(str(exc)) from None
        for file in files.documentation_pages():
            if file.generated_by is None:
                file.edit_uri = f"{self.layout.pages_dir}/{file.src_uri}"
        self.specs: dict[str, PageSpec] = {}
        urls: dict[str, str] = {}
        for spec in plan(self.graph):
            if files.get_file_from_path(spec.src_uri) is not None:
                raise PluginError(
                    f"{self.layout.pages_dir}/{spec.src_uri}: deze pagina bestaat al als gegenereerde pagina "
                    "van het praktijkboek. Kies een andere bestandsnaam."
                )
            inclusion = InclusionLevel.NOT_IN_NAV if spec.node_key else InclusionLevel.UNDEFINED
            file = File.generated(config, spec.src_uri, content=spec.markdown, inclusion=inclusion)
            file.edit_uri = spec.source
            files.append(file)
            self.specs[spec.src_uri] = spec
            urls[spec.node_key or f"index:{spec.listing_kind}"] = file.url
        self.urls = urls
        return files

    def on_page_markdown(self, markdown, page, config, files):
        # The editors' home page gets the overview of the book appended by its template.
        if page.is_homepage:
            page.meta.setdefault("template", HOME_TEMPLATE)
        return markdown

    def on_env(self, env, config, files):
        # Our templates show editors' text: escape by default there, without touching Material's.
        previous = env.autoescape
        env.autoescape = lambda name: bool(name and name.startswith(f"{TEMPLATE_DIR}/")) or (
            previous(name) if callable(previous) else bool(previous)
        )
        return env

    def on_page_context(self, context, page, config, nav):
        spec = self.specs.get(page.file.src_uri)
        if spec and spec.node_key:
            node = self.graph.nodes[spec.node_key]
            context["pb"] = TemplateHelpers(self.graph, self.urls, views.entity_view(self.graph, node), node.kind)
        elif spec and spec.listing_kind:
            kind = spec.listing_kind
            view = views.ListingView(kind, spec.title, self.graph.by_kind[kind])
            context["pb"] = TemplateHelpers(self.graph, self.urls, view, "listing")
        elif page.meta.get("template") == HOME_TEMPLATE:
            context["pb"] = TemplateHelpers(self.graph, self.urls, views.home_view(self.graph), "home")
        return context

    def on_page_content(self, html: str, page, config, files) -> str:
        # Everything rendered from Markdown was written by editors: never trust its raw HTML.
        return sanitize_html(html)

    def on_serve(self, server, config, builder):
        for folder in (self.layout.networks_dir, self.layout.content_dir):
            path = self.layout.root / folder
            if path.is_dir():
                server.watch(str(path))
        return server
