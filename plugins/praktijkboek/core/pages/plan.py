"""Page generators: which pages the knowledge graph becomes, where, and from which source.

Every page is a typed record (`EntityPage`, `IndexPage`, `PlacePage`, ...), a virtual Markdown
file for the host tool: its place in the site, the template that renders its content, the
Markdown to render (only the editors' own prose; title, summary, facts and relations come from
the template, escaped), and the content file an "edit" link should open. Each kind of page
knows its view (`Page.view`); nothing here or in the host parses a page's key.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from praktijkboek.core.exports import agenda
from praktijkboek.core.knowledge import references, taxonomy
from praktijkboek.core.knowledge.graph import KnowledgeGraph, Node
from praktijkboek.core.reading.kinds import KINDS
from praktijkboek.core.reading.problems import ContentError, Problem

if TYPE_CHECKING:  # the views import this module; a page only calls its Book back
    from praktijkboek.core.pages.views import Book


@dataclass(frozen=True, kw_only=True)
class Page:
    """One page of the book. The subclasses say what it shows."""

    src_uri: str
    title: str
    body: str = ""
    """The editors' own Markdown (or an overview's intro): the only text the host renders as Markdown."""
    description: str | None = None
    """Plain-text summary, for the page's meta description."""
    source: str | None = None
    """The content file behind the page, relative to the project root (for "edit this page")."""

    in_nav: ClassVar[bool] = False
    """Whether the navigation lists it: index and overview pages only (Material renders the nav into every page)."""
    template: ClassVar[str]
    """Its template in overrides/praktijkboek/."""
    handout: ClassVar[bool] = False

    @property
    def key(self) -> str:
        """The page's name in the book: for links between pages (`pb.url_key`) and `data-pb-link` hooks."""
        raise NotImplementedError

    @property
    def url_path(self) -> str:
        return url_path(self.src_uri)

    @property
    def kind(self) -> str:
        """The kind of page, as its `data-pb-kind` says: `case`, `listing`, `place`, ..."""
        return self.template.removesuffix(".html")

    def view(self, book: Book, url: str | None) -> object:
        """What the template gets as `pb.view`; `url` is the page's absolute address, if the site has one."""
        raise NotImplementedError


@dataclass(frozen=True, kw_only=True)
class EntityPage(Page):
    node: Node

    @property
    def key(self) -> str:
        return self.node.key

    @property
    def template(self) -> str:  # type: ignore[override]  # per kind, where the other pages have one per class
        return KINDS[self.node.kind].template

    @property
    def kind(self) -> str:
        return self.node.kind

    @property
    def handout(self) -> bool:  # type: ignore[override]  # per kind, where the other pages have one per class
        return KINDS[self.node.kind].handout

    def view(self, book: Book, url: str | None) -> object:
        return book.entity(self.node, url)


@dataclass(frozen=True, kw_only=True)
class IndexPage(Page):
    """Every entity of one kind."""

    of: str
    template = "listing.html"
    in_nav = True

    @property
    def key(self) -> str:
        return index_key(self.of)

    def view(self, book: Book, url: str | None) -> object:
        return book.listing(self.of, self.title)


def index_key(kind: str) -> str:
    return f"index:{kind}"


@dataclass(frozen=True, kw_only=True)
class MatrixPage(Page):
    template = "matrix.html"
    in_nav = True
    key = "matrix"  # a constant where the base computes it

    def view(self, book: Book, url: str | None) -> object:
        return book.lens.matrix()


@dataclass(frozen=True, kw_only=True)
class PlacesPage(Page):
    template = "places.html"
    in_nav = True
    key = index_key("place")  # a constant where the base computes it

    def view(self, book: Book, url: str | None) -> object:
        return list(book.places.values())


@dataclass(frozen=True, kw_only=True)
class YearsPage(Page):
    template = "years.html"
    in_nav = True
    key = index_key("year")  # a constant where the base computes it

    def view(self, book: Book, url: str | None) -> object:
        return list(book.years.values())


@dataclass(frozen=True, kw_only=True)
class OpenDataPage(Page):
    template = "opendata.html"
    in_nav = True
    key = "opendata"  # a constant where the base computes it

    def view(self, book: Book, url: str | None) -> object:
        return book.open_data()


@dataclass(frozen=True, kw_only=True)
class _GroupPage(Page):
    """A page of what the taxonomies group: its view is the group itself."""

    group: taxonomy.PlaceGroup | taxonomy.YearGroup

    @property
    def key(self) -> str:
        return self.group.key

    def view(self, book: Book, url: str | None) -> object:
        return self.group


@dataclass(frozen=True, kw_only=True)
class PlacePage(_GroupPage):
    """The cases and organisations in one municipality, province or country."""

    template = "place.html"


@dataclass(frozen=True, kw_only=True)
class YearPage(_GroupPage):
    """The sessions of one year."""

    template = "year.html"


@dataclass(frozen=True, kw_only=True)
class HomePage(Page):
    """The hand-written home page (docs_dir's index.md), with an overview of the book around its text."""

    template = "home.html"
    key = "home"  # a constant where the base computes it

    def view(self, book: Book, url: str | None) -> object:
        return book.home()


@dataclass(frozen=True)
class Overview:
    """A page across kinds, listed in the navigation after the index pages."""

    page: type[MatrixPage | PlacesPage | YearsPage | OpenDataPage]
    src_uri: str
    title: str
    intro: str

    def make(self) -> Page:
        return self.page(src_uri=self.src_uri, title=self.title, body=self.intro)


OVERVIEWS = [
    Overview(
        MatrixPage,
        "collectieve-impact/matrix.md",
        "Matrix: voorwaarden per netwerk",
        "Per voorwaarde voor collectieve impact en per netwerk: hoeveel remmende factoren (wat het netwerk tegenhield) "
        "en hefbomen (wat het vooruithielp) het netwerk of zijn sessies noemden. Kies een getal om ze te lezen. "
        "Waar 'nog niet besproken' staat, sprak dat netwerk (nog) niet over die voorwaarde.",
    ),
    Overview(
        PlacesPage, "plaatsen/index.md", "Plaatsen", "Gemeenten en landen waar de sessies plaatsvinden en de praktijkvoorbeelden en organisaties zich bevinden."
    ),
    Overview(YearsPage, "jaren/index.md", "Jaren", "De sessies van alle netwerken, per jaar."),
    Overview(
        OpenDataPage,
        "open-data/index.md",
        "Open data en agenda",
        "Alles in dit praktijkboek is ook als open data te downloaden, en de sessies als agenda om in je eigen agenda te zetten.",
    ),
]


def index_pages() -> list[IndexPage]:
    """One index page per kind, in the order of their `Index.position`."""
    kinds = sorted(KINDS.values(), key=lambda kind: kind.index.position)
    return [IndexPage(src_uri=f"{kind.index.address}/index.md", title=kind.index.title, body=kind.index.intro, of=kind.name) for kind in kinds]


def navigation() -> list[tuple[str, str]]:
    """(title, src_uri) of the pages the navigation lists, after the home page: index pages, then overviews."""
    return [(page.title, page.src_uri) for page in index_pages()] + [(overview.title, overview.src_uri) for overview in OVERVIEWS]


def url_path(src_uri: str) -> str:
    """Where a Markdown page ends up, independent of the host's URL style: `netwerken/x`."""
    path = src_uri.removesuffix(".md")
    return "" if path in ("index", "README") else path.removesuffix("/index").removesuffix("/README")


def home_page(src_uris: Iterable[str], site_name: str) -> HomePage | None:
    """The hand-written home page among these pages (docs_dir's `index.md` or `README.md`), if there is one."""
    uri = next((uri for uri in src_uris if url_path(uri) == ""), None)
    return HomePage(src_uri=uri, title=site_name) if uri is not None else None


def describe_source(page: Page) -> str:
    return page.source or f"het overzicht '{page.title}'"


def src_uri(node: Node) -> str:
    return KINDS[node.kind].src_uri(node.id)


def entity_page(node: Node, graph: KnowledgeGraph) -> EntityPage:
    uri = src_uri(node)
    body = getattr(node.entity, KINDS[node.kind].body_field, None) or ""
    return EntityPage(
        src_uri=uri,
        title=node.label,
        body=references.expand(body, uri, graph, src_uri),
        description=getattr(node.entity, "summary", None),
        source=node.path,
        node=node,
    )


def plan(graph: KnowledgeGraph) -> list[Page]:
    """Every generated page: one per entity, one index per kind, the overviews, places and years.

    Raises ContentError when two pages would land on the same address (an id such
    as `index`, or a condition called `hefbomen`), naming the files behind them.
    """
    pages: list[Page] = [entity_page(node, graph) for node in graph.nodes.values()]
    pages += index_pages()
    pages += [overview.make() for overview in OVERVIEWS]
    for place in taxonomy.places(graph):
        level = place.level_label
        pages.append(PlacePage(src_uri=f"plaatsen/{place.slug}.md", title=place.name, description=f"{level[:1].upper()}{level[1:]} {place.name}", group=place))
    for year in taxonomy.years(graph):
        pages.append(YearPage(src_uri=f"jaren/{year.year}.md", title=str(year.year), group=year))
    taken: dict[str, Page] = {}
    problems = []
    for page in pages:
        other = taken.setdefault(page.url_path, page)
        if other is page:
            continue
        with_source = [spec for spec in (page, other) if spec.source]
        for spec, clash in ((page, other), (other, page)):
            if spec.source:
                problems.append(
                    Problem(
                        spec.source,
                        1,
                        None,
                        f"deze pagina komt op hetzelfde adres (/{spec.url_path}/) als {describe_source(clash)}",
                        "Geef het bestand een andere naam (id).",
                    )
                )
        if not with_source:  # two derived pages (places, years) on one address: never silently one of them
            problems.append(
                Problem(
                    page.src_uri,
                    1,
                    None,
                    f"'{page.title}' en '{other.title}' komen op hetzelfde adres (/{page.url_path}/)",
                    "Schrijf de naam van de plaats overal op dezelfde manier.",
                )
            )
    problems += agenda.clashes(graph)  # the files next to the pages may not overwrite each other either
    if problems:
        raise ContentError(problems)
    return pages


def address_collisions(pages: list[Page], others: dict[str, str]) -> list[Problem]:
    """Pages that are not the book's own (`others`: address -> the file or plugin behind the page) on the
    address of a generated one: the same message from `validate` and from the build."""
    taken = {page.url_path: page for page in pages}
    return [
        Problem(
            source,
            1,
            None,
            f"deze pagina komt op hetzelfde adres (/{address}/) als {describe_source(taken[address])}",
            "Geef de pagina een andere bestandsnaam.",
        )
        for address, source in others.items()
        if address in taken
    ]


def hand_written_collisions(pages: list[Page], root: Path, pages_dir: str) -> list[Problem]:
    """A hand-written page on the address of a generated one (`content/pages/personen.md`)."""
    folder = root / pages_dir
    written = {
        url_path(path.relative_to(folder).with_suffix(".md").as_posix()): path.relative_to(root).as_posix() for path in references.markdown_pages(folder)
    }
    return address_collisions(pages, written)


__all__ = ["Page", "EntityPage", "IndexPage", "HomePage", "OVERVIEWS", "plan", "navigation"]
