"""Check every internal link and anchor of a built site, offline.

Reads each HTML file once (ids and links), then resolves every relative link to
a file in the site (a folder means its index.html) and every `#fragment` to an
id in that file. External addresses (http, mailto, tel) are not fetched.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

LINK_ATTRIBUTES = {"a": "href", "link": "href", "img": "src", "script": "src", "source": "src", "iframe": "src"}


@dataclass(frozen=True)
class BrokenLink:
    page: str
    """The page with the link, relative to the site folder."""
    link: str
    reason: str

    def format(self) -> str:
        return f"{self.page}: {self.link} — {self.reason}"


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for key in ("id", "name") if tag == "a" else ("id",):
            if values.get(key):
                self.ids.add(values[key] or "")
        attribute = LINK_ATTRIBUTES.get(tag)
        if attribute and values.get(attribute) and not (tag == "link" and values.get("rel") in {"canonical", "alternate"}):
            self.links.append(values[attribute] or "")


def _target(site: Path, page: str, link: str, base: str) -> tuple[str | None, str]:
    """(site-relative file the link points at, fragment), or (None, '') for links not to check."""
    parts = urlsplit(link)
    if parts.scheme or parts.netloc or link.startswith(("//", "data:")):
        return None, ""
    path = unquote(parts.path)
    if not path:
        return page, unquote(parts.fragment)
    if path.startswith("/"):  # absolute: only within the site's base path (from site_url)
        if not path.startswith(base):
            return "../" + path.lstrip("/"), ""
        path = path[len(base) :] or "./"
        resolved = posixpath.normpath(path)
    else:
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
    if path.endswith("/") or (site / resolved).is_dir():
        resolved = posixpath.join(resolved, "index.html")
    return resolved, unquote(parts.fragment)


def check_site(site: Path, base: str = "/", skip: tuple[str, ...] = ()) -> tuple[int, list[BrokenLink]]:
    """(number of internal links checked, broken ones). `base` is the path the site is served under;
    links to targets starting with one of `skip` (site-relative) are not checked."""
    base = "/" + base.strip("/") + "/" if base.strip("/") else "/"
    pages: dict[str, _Collector] = {}
    for path in sorted(site.rglob("*.html")):
        collector = _Collector()
        collector.feed(path.read_text(encoding="utf-8", errors="replace"))
        pages[path.relative_to(site).as_posix()] = collector
    broken: list[BrokenLink] = []
    checked = 0
    for page, collector in pages.items():
        for link in collector.links:
            target, fragment = _target(site, page, link, base)
            if target is None or target.startswith(skip):
                continue
            checked += 1
            if target.startswith(".."):
                broken.append(BrokenLink(page, link, "wijst buiten de site"))
            elif target in pages:
                if fragment and fragment not in pages[target].ids:
                    broken.append(BrokenLink(page, link, f"anker '#{fragment}' bestaat niet op {target}"))
            elif not (site / target).is_file():
                broken.append(BrokenLink(page, link, f"{target} bestaat niet"))
    return checked, broken
