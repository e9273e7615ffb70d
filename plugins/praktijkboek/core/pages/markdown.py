"""Editors' Markdown as the host would render it, for hosts that render no Markdown of ours.

MkDocs renders the editors' Markdown itself (the plugin sanitises the result); a host without
plugins (Zensical) gets finished HTML from `praktijkboek generate`. So that both give the same
page, this renders with Python-Markdown and the site's own extensions (mkdocs.yml's
`markdown_extensions`, plus the three MkDocs always adds), and rewrites links the way MkDocs
does (mkdocs.structure.pages._RelativePathTreeprocessor): a relative link to a page's Markdown
file becomes the relative address of that page, a link to another file of the site the relative
path to it. The result is sanitised like every editor's HTML (core/pages/sanitize.py).
"""

from __future__ import annotations

import posixpath
import xml.etree.ElementTree as etree
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote, urlsplit, urlunsplit

import markdown
from markupsafe import Markup

from praktijkboek.core.pages.sanitize import sanitize_html, with_sizes

#: The extensions MkDocs always adds to the site's own (mkdocs.config.defaults, `markdown_extensions`).
HOST_BUILTINS = ("toc", "tables", "fenced_code")


@dataclass(frozen=True)
class MarkdownSetup:
    """The Markdown extensions the site renders pages with (mkdocs.yml's `markdown_extensions`)."""

    extensions: Sequence[Any] = ()
    configs: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)

    def reader(self) -> markdown.Markdown:
        names = [*HOST_BUILTINS, *(e for e in self.extensions if e not in HOST_BUILTINS)]
        return markdown.Markdown(extensions=names, extension_configs={name: dict(options) for name, options in self.configs.items()})


def relative_url(url: str, other: str) -> str:
    """The address `url` as seen from the page at `other` (both from the site's root), as MkDocs'
    `mkdocs.utils.get_relative_url` gives it."""
    if other != ".":
        head, tail = posixpath.split(other)
        other = head if "." in tail else other
    found = posixpath.relpath("/" + url, "/" + other)
    return found + "/" if url.endswith("/") else found


def source_folder(src_uri: str) -> str:
    """The folder of a page's source file as a site path (`collectieve-impact/matrix.md` -> `collectieve-impact/`):
    what a host that resolves links from the source file (Zensical) resolves them against."""
    folder = posixpath.dirname(src_uri)
    return f"{folder}/" if folder else ""


def site_url_of(src_uri: str) -> str:
    """Where a Markdown page is published with directory URLs (`over.md` -> `over/`, `index.md` -> ``)."""
    stem = posixpath.splitext(src_uri)[0]
    for name in ("index", "README"):  # as MkDocs: either is its folder's page
        if stem == name or stem.endswith(f"/{name}"):
            return stem[: -len(name)]
    return stem + "/"


def link_attributes(root: etree.Element) -> Iterator[tuple[etree.Element, str]]:
    """(element, attribute) of every link (`href`) and image (`src`) in a rendered tree: what MkDocs resolves."""
    for element in root.iter():
        key = "href" if element.tag == "a" else "src" if element.tag == "img" else None
        if key and element.get(key) is not None:
            yield element, key


def relative_target(url: str, from_uri: str) -> tuple[str, str, str] | None:
    """(the site path a relative link names, its query, its anchor) from the page `from_uri`; None for what
    MkDocs leaves as written: another site, an e-mail address, an absolute path, an anchor on the page."""
    scheme, netloc, path, query, anchor = urlsplit(url)
    if scheme or netloc or url.startswith(("/", "\\")) or not path or "\x02amp\x03" in url:
        return None
    return posixpath.normpath(posixpath.join(posixpath.dirname(from_uri), unquote(path)).lstrip("/")), query, anchor


class _Links(markdown.treeprocessors.Treeprocessor):
    def __init__(self, md: markdown.Markdown, renderer: BodyRenderer) -> None:
        super().__init__(md)
        self.renderer = renderer
        self.src_uri = ""
        self.page_url = ""

    def run(self, root: etree.Element) -> None:
        for element, key in link_attributes(root):
            element.set(key, self.renderer.link(element.get(key, ""), self.src_uri, self.page_url))


class BodyRenderer:
    """Editors' Markdown of one site -> sanitised HTML, with links as the host resolves them."""

    def __init__(self, setup: MarkdownSetup, pages: Mapping[str, str], files: set[str], sizes: Mapping[str, tuple[int, int]] | None = None) -> None:
        """`pages`: src_uri -> the page's address (`praktijkvoorbeelden/dorv.md` -> `praktijkvoorbeelden/dorv/`);
        `files`: the other files of the site by path (`foto.png`, `agenda/index.ics`); `sizes`: the pictures of
        the media folder by path there -> their width and height."""
        self.pages = pages
        self.files = files
        self.sizes = sizes or {}
        self._md = setup.reader()
        self._links = _Links(self._md, self)
        self._md.treeprocessors.register(self._links, "praktijkboek_relpath", 0)  # where MkDocs puts its own

    def link(self, url: str, src_uri: str, page_url: str) -> str:
        found = relative_target(url, src_uri)
        if found is None:
            return url
        target, query, anchor = found
        if target in self.pages:
            return urlunsplit(("", "", relative_url(self.pages[target], page_url) or "./", query, anchor))
        if target in self.files:
            return urlunsplit(("", "", relative_url(target, page_url), query, anchor))
        return url  # refused before the build (sitecheck.broken_links) where MkDocs would refuse it

    def render(self, text: str, src_uri: str, base: str | None = None) -> Markup:
        """`text` as HTML; links relative to `base` (a site path), by default the page's own address."""
        self._links.src_uri = src_uri
        self._links.page_url = self.pages.get(src_uri, site_url_of(src_uri)) if base is None else base
        html = self._md.reset().convert(text)
        return Markup(with_sizes(sanitize_html(html), self.sizes))
