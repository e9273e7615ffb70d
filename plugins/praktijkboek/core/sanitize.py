"""Sanitising HTML rendered from editors' Markdown.

Editors' raw HTML is untrusted: scripts, event handlers (also through
attr_list), `style`, and `javascript:`/`data:` URLs never reach the page. What
Markdown and the site's extensions produce passes: headings keep their ids (the
table of contents links to them), admonitions and permalinks keep their
classes. Other ids and classes are dropped, so editors' text cannot clobber
the theme's own elements or pose as them.
"""

from __future__ import annotations

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


def sanitize_html(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        allowed_classes=ALLOWED_CLASSES,
        url_schemes=URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )
