"""Page generators: which pages the knowledge graph becomes, where, and from which source.

Each `PageSpec` is a virtual Markdown file for the host tool (MkDocs): its
place in the site, the template that renders its content, the Markdown to render
(only the editors' own prose; title, summary, facts and relations come from the
template, escaped), and the content file an "edit" link should open.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import references, taxonomy
from .graph import KnowledgeGraph, Node
from .problems import ContentError, Problem

#: Site folder per kind (Dutch URLs). Sessions live below their network.
FOLDERS = {
    "network": "netwerken",
    "session": "netwerken",
    "case": "praktijkvoorbeelden",
    "organisation": "organisaties",
    "person": "personen",
    "theme": "themas",
    "condition": "collectieve-impact",
    "barrier": "collectieve-impact/remmende-factoren",
    "lever": "collectieve-impact/hefbomen",
}

#: Index pages: (kind, src_uri, title, intro). These are what the navigation lists.
INDEXES = [
    ("network", "netwerken/index.md", "Netwerken", "Alle lerende netwerken, leerkringen, praktijktafels en overleggen in dit praktijkboek."),
    ("session", "sessies/index.md", "Sessies", "Alle bijeenkomsten van alle netwerken, op datum."),
    ("case", "praktijkvoorbeelden/index.md", "Praktijkvoorbeelden", "Inspirerende voorbeelden die in de netwerken aan bod kwamen."),
    (
        "condition",
        "collectieve-impact/index.md",
        "Collectieve impact",
        "De vijf voorwaarden voor collectieve impact, met de remmende factoren en hefbomen die netwerken erbij noemden.",
    ),
    ("barrier", "collectieve-impact/remmende-factoren/index.md", "Remmende factoren", "Wat netwerken tegenhoudt, per voorwaarde voor collectieve impact."),
    ("lever", "collectieve-impact/hefbomen/index.md", "Hefbomen", "Wat netwerken vooruit helpt, per voorwaarde voor collectieve impact."),
    ("theme", "themas/index.md", "Thema's", "Alle thema's, met de netwerken, sessies en voorbeelden die erover gaan."),
    ("organisation", "organisaties/index.md", "Organisaties", "Organisatoren, partners en andere organisaties uit de netwerken."),
    ("person", "personen/index.md", "Personen", "Sprekers, coördinatoren en contactpersonen."),
]


@dataclass(frozen=True)
class PageSpec:
    src_uri: str
    template: str
    """Name of the template (under the site's template folder) that renders the page's content."""
    title: str
    body: str
    """The editors' own Markdown: the only text of the page that the host tool renders as Markdown."""
    description: str | None = None
    """Plain-text summary, for the page's meta description."""
    source: str | None = None
    """The content file behind the page, relative to the project root (for "edit this page")."""
    key: str = ""
    """What the page shows: an entity (`case:dorv`), an index (`index:case`, `index:place`),
    a place (`place:gemeente-halle`), a year (`year:2019`) or `matrix`."""

    @property
    def url_path(self) -> str:
        return url_path(self.src_uri)


def url_path(src_uri: str) -> str:
    """Where a Markdown page ends up, independent of the host's URL style: `netwerken/x`."""
    path = src_uri.removesuffix(".md")
    return "" if path in ("index", "README") else path.removesuffix("/index").removesuffix("/README")


def describe_source(spec: PageSpec) -> str:
    return spec.source or f"het overzicht '{spec.title}'"


def src_uri(node: Node) -> str:
    if node.kind == "network":
        return f"netwerken/{node.id}/index.md"
    return f"{FOLDERS[node.kind]}/{node.id}.md"


#: Pages across kinds: (key, src_uri, template, title, intro). Listed in the navigation too.
OVERVIEWS = [
    (
        "matrix",
        "collectieve-impact/matrix.md",
        "matrix.html",
        "Matrix: voorwaarden per netwerk",
        "Hoeveel remmende factoren en hefbomen elk netwerk bij elke voorwaarde voor collectieve impact noemde. "
        "Een leeg vak betekent: daar sprak dat netwerk (nog) niet over.",
    ),
    (
        "index:place",
        "plaatsen/index.md",
        "places.html",
        "Plaatsen",
        "Gemeenten, provincies en landen waar de praktijkvoorbeelden en organisaties zich bevinden.",
    ),
    ("index:year", "jaren/index.md", "years.html", "Jaren", "De sessies van alle netwerken, per jaar."),
    (
        "opendata",
        "open-data/index.md",
        "opendata.html",
        "Open data en agenda",
        "Alles in dit praktijkboek is ook als open data te downloaden, en de sessies als agenda om in je eigen agenda te zetten.",
    ),
]


def entity_page(node: Node, graph: KnowledgeGraph) -> PageSpec:
    e = node.entity
    uri = src_uri(node)
    body = getattr(e, type(e).body_field, None) or ""
    return PageSpec(
        src_uri=uri,
        template=f"{node.kind}.html",
        title=node.label,
        body=references.expand(body, uri, graph, src_uri),
        description=getattr(e, "summary", None),
        source=node.path,
        key=node.key,
    )


def plan(graph: KnowledgeGraph) -> list[PageSpec]:
    """Every generated page: one per entity and one index per kind.

    Raises ContentError when two pages would land on the same address (an id such
    as `index`, or a condition called `hefbomen`), naming the files behind them.
    """
    pages = [entity_page(node, graph) for node in graph.nodes.values()]
    for kind, uri, title, intro in INDEXES:
        pages.append(PageSpec(uri, "listing.html", title, intro, key=f"index:{kind}"))
    for key, uri, template, title, intro in OVERVIEWS:
        pages.append(PageSpec(uri, template, title, intro, key=key))
    for place in taxonomy.places(graph):
        level = place.level_label
        pages.append(
            PageSpec(f"plaatsen/{place.slug}.md", "place.html", place.name, "", description=f"{level[:1].upper()}{level[1:]} {place.name}", key=place.key)
        )
    for year in taxonomy.years(graph):
        pages.append(PageSpec(f"jaren/{year.year}.md", "year.html", str(year.year), "", key=year.key))
    taken: dict[str, PageSpec] = {}
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
    if problems:
        raise ContentError(problems)
    return pages


def address_collisions(specs: list[PageSpec], others: dict[str, str]) -> list[Problem]:
    """Pages that are not the book's own (`others`: address -> the file or plugin behind the page) on the
    address of a generated one: the same message from `validate` and from the build."""
    taken = {spec.url_path: spec for spec in specs}
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


def hand_written_collisions(specs: list[PageSpec], root: Path, pages_dir: str) -> list[Problem]:
    """A hand-written page on the address of a generated one (`content/pages/personen.md`)."""
    folder = root / pages_dir
    pages = {url_path(path.relative_to(folder).with_suffix(".md").as_posix()): path.relative_to(root).as_posix() for path in references.markdown_pages(folder)}
    return address_collisions(specs, pages)
