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

import nh3

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


REMOTE = re.compile(r"\s*(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)


def _attribute(tag: str, name: str, value: str) -> str | None:
    """Ids only in the form Markdown's table of contents makes them: never the theme's own (`__search`).
    No picture from another website: a page of the book makes no request elsewhere (the loader refuses
    them in Markdown it can read; this catches the rest, such as a reference-style image)."""
    if name == "id" and not SAFE_ID.fullmatch(value):
        return None
    if tag == "img" and name == "src" and REMOTE.match(value):
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
