"""Sanitising HTML rendered from editors' Markdown.

Editors' raw HTML is untrusted: scripts, event handlers (also through
attr_list), `style`, and `javascript:`/`data:` URLs never reach the page. What
Markdown and its usual extensions produce (headings with ids, tables,
admonitions, code) passes.
"""

from __future__ import annotations

import nh3

ALLOWED_TAGS = set(nh3.ALLOWED_TAGS) | {"details", "summary", "figure", "figcaption", "mark", "abbr", "sup", "sub", "span", "div", "dl", "dt", "dd"}
ALLOWED_ATTRIBUTES = {
    "*": {"class", "id", "title", "lang"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height", "loading"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "ol": {"start"},
    "abbr": {"title"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}


def sanitize_html(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )
