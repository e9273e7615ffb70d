"""Sanitising HTML rendered from editors' Markdown.

Editors' raw HTML is untrusted: scripts, event handlers (also through
attr_list), `style`, and `javascript:`/`data:` URLs never reach the page. What
Markdown and the site's extensions produce passes: headings keep their ids (the
table of contents links to them), admonitions and permalinks keep their
classes. Other ids and classes are dropped, so editors' text cannot clobber
the theme's own elements or pose as them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from urllib.parse import unquote

import nh3

from praktijkboek.core.reading.media import leaves_the_site

ALLOWED_TAGS = set(nh3.ALLOWED_TAGS) | {"details", "summary", "figure", "figcaption", "mark", "abbr", "sup", "sub", "span", "div", "dl", "dt", "dd"}
ALLOWED_ATTRIBUTES = {
    **{f"h{level}": {"id"} for level in range(1, 7)},
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height", "loading"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "ol": {"start"},
    "abbr": {"title"},
}
ADMONITION_TYPES = {"note", "abstract", "info", "tip", "success", "question", "warning", "failure", "danger", "bug", "example", "quote"}
ALLOWED_CLASSES = {
    "div": {"admonition", *ADMONITION_TYPES},
    "details": set(ADMONITION_TYPES),
    "p": {"admonition-title"},
    "a": {"headerlink"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}


SAFE_ID = re.compile(r"[a-z0-9][a-z0-9_-]*")


def _attribute(tag: str, name: str, value: str) -> str | None:
    """Ids only in the form Markdown's table of contents makes them: never the theme's own (`__search`).
    No picture from another website: a page of the book makes no request elsewhere (the loader refuses
    them in Markdown it can read; this catches the rest, such as a reference-style image)."""
    if name == "id" and not SAFE_ID.fullmatch(value):
        return None
    if tag == "img" and name == "src" and leaves_the_site(value):
        return None
    return value


def sanitize_html(html: str) -> str:
    return nh3.clean(
        html,
        attribute_filter=_attribute,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        allowed_classes=ALLOWED_CLASSES,
        url_schemes=URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )


_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_SRC = re.compile(r'\bsrc="([^"]*)"')
_MEDIA_PATH = re.compile(r"(?:^|/)media/([^?#]+)")


def with_sizes(html: str, sizes: Mapping[str, tuple[int, int]]) -> str:
    """Width and height on every picture from the media folder that has none (`sizes`: its path there ->
    the size of its web version), so that the page does not jump while pictures load."""
    if "<img" not in html or not sizes:
        return html

    def add(match: re.Match[str]) -> str:
        tag = match.group(0)
        src = _SRC.search(tag)
        found = _MEDIA_PATH.search(unquote(src.group(1))) if src else None
        if not found or found.group(1) not in sizes or " width=" in tag:
            return tag
        width, height = sizes[found.group(1)]
        return f'{tag[:4]} width="{width}" height="{height}"{tag[4:]}'

    return _IMG.sub(add, html)
