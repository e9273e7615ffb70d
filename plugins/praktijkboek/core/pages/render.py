"""The page renderer: a page of the book, its view and the templates become HTML, with no host object.

The host (the MkDocs plugin today, a `generate` step before Zensical tomorrow) gives it a Jinja
environment over the theme's folders (overrides/ first), the book and where each page lives
(`urls`: page key -> site path such as `netwerken/x/`). It renders a page's own part around
BODY_MARK, where the host puts the editors' sanitised Markdown, and a session's handout, which
the host puts at HANDOUT_MARK in the written page.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import jinja2
from markupsafe import Markup

from praktijkboek.core.knowledge.graph import Node
from praktijkboek.core.pages import views
from praktijkboek.core.pages.plan import HomePage, Page, index_key
from praktijkboek.core.reading.kinds import KINDS, InParent, Kind
from praktijkboek.core.reading.loader import slugify

#: Folder of the practice book's templates in the theme (Material's custom_dir: overrides/).
TEMPLATE_DIR = "praktijkboek"
#: Where the editors' rendered Markdown goes in a rendered partial.
BODY_MARK = Markup("<!--praktijkboek:body-->")
#: Where a session's handout goes in its written page.
HANDOUT_MARK = Markup("<!--praktijkboek:handout-->")
#: Where the QR code of a page's printed foot goes (made on the other core, like the handouts' codes).
PRINT_MARK = Markup("<!--praktijkboek:print-qr-->")


@dataclass
class TemplateHelpers:
    """What templates get as `pb`: the view of this page and a few helpers."""

    book: views.Book
    urls: Mapping[str, str]
    view: Any
    kind: str
    page_url: str
    """The URL of the page being rendered: every link is made relative to it (like MkDocs' `url` filter)."""

    def __post_init__(self) -> None:
        url = self.page_url.removeprefix("./")  # the home page is at "./"
        self._to_root = "../" * url.count("/")
        self._anchors: set[str] = set()

    def reserve(self, ids: set[str]) -> None:
        """Ids the page has already (the editors' headings): `anchor` gives others."""
        self._anchors |= ids

    def anchor(self, heading: str) -> str:
        """An id for a section's heading, from its words (`Verwante praktijkvoorbeelden` ->
        `verwante-praktijkvoorbeelden`), unique on the page: every generated section can be linked to,
        and the host lists it in the page's table of contents (`headings`)."""
        base = slugify(str(heading)) or "deel"
        found, number = base, 2
        while found in self._anchors:
            found, number = f"{base}-{number}", number + 1
        self._anchors.add(found)
        return found

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

    def trail(self) -> list[tuple[str, str]]:
        """The breadcrumb above the page's title, (label, link) from the home page down: Start > Netwerken >
        the network, for a session; Start > the kind's index, for another entity; Start, for the rest."""
        steps = [("Start", self.href(""))]
        node = getattr(self.view, "node", None)
        if node is None or node.kind not in KINDS:
            return steps
        files = KINDS[node.kind].files
        if isinstance(files, InParent):
            parent = self.book.graph.targets(node, files.parent)
            steps.append((KINDS[files.parent].plural, self.index_url(files.parent)))
            steps += [(p.label, self.url(p)) for p in parent[:1]]
        else:
            steps.append((KINDS[node.kind].plural, self.index_url(node.kind)))
        return steps

    def describe(self, node: Node) -> str:
        return views.describe(self.book.graph, node)

    def kind_of(self, node: Node) -> Kind:
        """The declaration of a node's kind: its Dutch `label`, `plural`, ..."""
        return KINDS[node.kind]

    def index_url(self, kind: str) -> str:
        return self.url_key(index_key(kind))

    format_date = staticmethod(views.format_date)


@dataclass
class PageInfo:
    """What the templates know of the page they are rendered for: its title and address."""

    title: str
    url: str
    absolute: str | None = None
    """The page's address on the web, when the site has a site_url (printed at the page's foot)."""


@dataclass
class SiteInfo:
    """What the templates know of the site (`config.site_name`)."""

    site_name: str


class PageRenderer:
    """Renders pages of one book: `content` for a page's own part, `handout` for a session's A4 sheet."""

    def __init__(self, env: jinja2.Environment, book: views.Book, urls: Mapping[str, str], site_name: str):
        self.env = env
        """The theme's templates. They show editors' text, so everything is escaped unless marked safe."""
        self.env.autoescape = True
        self.book = book
        self.urls = urls
        """Page key -> the page's site path (`netwerken/x/`): the URL resolver."""
        self.site = SiteInfo(site_name)

    def content(self, page: Page, base: str | None = None, body: str = "") -> Markup:
        """What the practice book shows on a page, around the editors' text (BODY_MARK). Links are relative
        to `base` (a site path such as `netwerken/`), by default the page's own address; a host that
        resolves links from the page's source file, as Zensical does, gives the source file's folder.
        `body`, the editors' rendered text, if known: the book's section ids keep clear of its headings'."""
        kind, view = self.book.view(page)
        title = self.site.site_name if isinstance(page, HomePage) else page.title
        taken = set(re.findall(r'\bid="([^"]+)"', body))
        return self._render(page.template, PageInfo(title, self.urls[page.key], self.book.absolute.get(page.key)), kind, view, base, taken)

    def handout(self, page: Page, qr: str | None, base: str | None = None) -> Markup:
        """A session's handout: printed, not read on screen, so the host puts it in the written page after
        the content that search indexes, once the QR codes are ready."""
        return self._render("handout.html", PageInfo(page.title, self.urls[page.key]), "handout", self.book.handout(page, qr), base)

    def _render(self, template: str, page: PageInfo, kind: str, view: Any, base: str | None = None, taken: set[str] | None = None) -> Markup:
        helpers = TemplateHelpers(self.book, self.urls, view, kind, page.url if base is None else base)
        helpers.reserve(taken or set())
        context = {"config": self.site, "page": page, "pb": helpers, "body": BODY_MARK, "handout": HANDOUT_MARK, "print_qr": PRINT_MARK}
        return Markup(self.env.get_template(f"{TEMPLATE_DIR}/{template}").render(context))

    @staticmethod
    def place_body(partial: Markup, body: Markup) -> Markup:
        return Markup(partial.replace(BODY_MARK, body, 1))


#: A generated section's heading as the templates write it (`<h2 id="...">`), for the table of contents.
SECTION_HEADING = re.compile(r'<h2 id="([^"]+)"[^>]*>(.*?)</h2>', re.S)


def headings(partial: str) -> list[tuple[str, str]]:
    """(id, plain text) of the generated sections of a rendered page, in order: what the host adds to the
    page's table of contents after the editors' own headings (escaping it as its theme needs)."""
    return [(anchor, html.unescape(re.sub(r"<[^>]+>", "", title)).strip()) for anchor, title in SECTION_HEADING.findall(partial)]
