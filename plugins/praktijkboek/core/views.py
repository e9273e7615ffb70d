"""Rendering helpers: what each page shows, as plain data for the templates.

The templates in `overrides/praktijkboek/` decide the markup; this module
decides the content (which facts, which relations, in which order, under which
Dutch heading), so that the rules — contact details only when published, the
reverse relations, the Dutch dates — live in one tested place and not in Jinja.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from . import agenda, handouts, jsonld, opendata, searchindex, taxonomy
from .formatting import Fact, contact_facts, format_date, session_facts
from .graph import KnowledgeGraph, Node
from .lens import Lens
from .models import MODELS, Barrier, Case, Condition, Lever, Link, Network, Organisation, Person, Session

#: Heading of an outgoing relation where the target kind's plural does not say it.
FIELD_HEADINGS = {
    ("network", "organisers"): "Organisatoren",
    ("network", "partners"): "Partners",
    ("network", "contacts"): "Contactpersonen",
    ("session", "speakers"): "Sprekers",
    ("session", "network"): "Netwerk",
    ("person", "organisation"): "Organisatie",
    ("barrier", "condition"): "Voorwaarde voor collectieve impact",
    ("lever", "condition"): "Voorwaarde voor collectieve impact",
    ("barrier", "sources"): "Genoemd in",
    ("lever", "sources"): "Genoemd in",
}


@dataclass
class Section:
    key: str
    """Stable name, for `data-pb-relation` hooks (`cases`, `in:session.cases`)."""
    heading: str
    nodes: list[Node]


@dataclass
class EntityView:
    node: Node
    summary: str | None = None
    """Plain text lead; the Markdown body is the page's own content."""
    facts: list[Fact] = field(default_factory=list)
    lists: list[tuple[str, str, list[str]]] = field(default_factory=list)
    """(name, heading, items) of plain-text lists: programme, audience, offer, ..."""
    links: list[tuple[str, str, list[Link]]] = field(default_factory=list)
    """(name, heading, links) of web links: links, materials."""
    sections: list[Section] = field(default_factory=list)
    """Outgoing relations, in field order."""
    backlinks: list[Section] = field(default_factory=list)
    """Incoming relations, grouped by kind and field: every page that refers here."""
    extra: dict[str, object] = field(default_factory=dict)


def describe(graph: KnowledgeGraph, node: Node) -> str:
    """A short context line for a node in a list ("6 juni 2019 · Lerend netwerk 'ons buurtpunt'")."""
    e = node.entity
    if isinstance(e, Session):
        return f"{format_date(e.date)} · {graph.network_of(node).label}"
    if isinstance(e, (Barrier, Lever)):
        return "genoemd in " + "; ".join(_source_label(graph, s) for s in graph.targets(node, "sources"))
    if isinstance(e, Network):
        return " · ".join(p for p in (e.kind, e.period) if p)
    if isinstance(e, Person):
        org = graph.targets(node, "organisation")
        return " · ".join(p for p in (e.role, org[0].label if org else None) if p)
    if isinstance(e, (Case, Organisation)) and e.place:
        return e.place.label
    if isinstance(e, Condition):
        return e.definition
    return ""


def _source_label(graph: KnowledgeGraph, node: Node) -> str:
    if node.kind == "session":
        e = node.entity
        assert isinstance(e, Session)
        date = format_date(e.date)
        when = "" if date in e.title else f", {date}"
        return f"{e.title} ({graph.network_of(node).label}{when})"
    return node.label


def _facts(graph: KnowledgeGraph, node: Node) -> list[Fact]:
    e = node.entity
    facts: list[Fact] = []

    def add(name: str, label: str, value: object, href: str | None = None) -> None:
        if value:
            facts.append(Fact(name, label, str(value), href))

    if isinstance(e, Network):
        add("kind", "Soort", e.kind)
        add("period", "Periode", e.period)
        add("region", "Regio", e.region)
    elif isinstance(e, Session):
        facts.extend(session_facts(e))
        add("number", "Volgnummer", e.number)
        add("participants", "Deelnemers", e.participants)
        add("audience", "Publiek", e.audience)
    elif isinstance(e, (Case, Organisation)):
        add("kind", "Soort", e.kind)
        places = taxonomy.place_keys(node)
        if places:
            level, name = places[-1]
            facts.append(Fact("place", "Plaats", e.place.label, target=taxonomy.PlaceGroup(level, name).key))  # type: ignore[union-attr]  # checked above: the case has a place
            # (PlaceGroup.key depends only on the level and the slug of the name, as places() groups them)
        if isinstance(e, Organisation):
            add("website", "Website", e.website, e.website)
    elif isinstance(e, Person):
        add("role", "Rol", e.role)
        facts.extend(contact_facts(e))
    elif isinstance(e, Condition):
        add("definition", "Definitie", e.definition)
    return facts


def _lists(node: Node) -> list[tuple[str, str, list[str]]]:
    e = node.entity
    candidates = {
        "goals": "Doelen",
        "audience": "Voor wie?",
        "offer": "Wat bieden we?",
        "programme": "Programma",
        "questions": "Vragen om te bespreken",
    }
    return [(name, heading, value) for name, heading in candidates.items() if isinstance(value := getattr(e, name, None), list) and value]


def _links(node: Node) -> list[tuple[str, str, list[Link]]]:
    headings = {"materials": "Materiaal", "links": "Meer informatie"}
    return [(name, heading, value) for name, heading in headings.items() if (value := getattr(node.entity, name, None))]


def entity_view(book: Book, node: Node) -> EntityView:
    graph = book.graph
    view = EntityView(node, getattr(node.entity, "summary", None), _facts(graph, node), _lists(node), _links(node))
    by_field: dict[str, list[Node]] = {}
    for edge in graph.outgoing.get(node.key, ()):
        by_field.setdefault(edge.field, []).append(edge.target)
    for name, targets in by_field.items():
        if name == "network":
            continue  # shown in the page header
        heading = FIELD_HEADINGS.get((node.kind, name)) or MODELS[targets[0].kind].PLURAL
        view.sections.append(Section(name, heading, targets))
    groups: dict[tuple[str, str], tuple[str, list[Node]]] = {}
    for edge in graph.incoming.get(node.key, ()):
        if edge.field == "network":
            continue  # the network page shows its sessions as a timeline
        group = groups.setdefault((edge.source.kind, edge.field), (edge.inverse, []))
        if edge.source not in group[1]:
            group[1].append(edge.source)
    order = list(MODELS)
    for (kind, name), (heading, sources) in sorted(groups.items(), key=lambda g: order.index(g[0][0])):
        view.backlinks.append(Section(f"in:{kind}.{name}", heading, sorted(sources, key=Node.sort_key)))
    if node.kind == "network":
        view.extra["sessions"] = graph.sessions_of(node)
        cases = {c.key: c for s in view.extra["sessions"] for c in graph.targets(s, "cases")}  # type: ignore[attr-defined]  # view.extra holds the network's sessions (a list of Nodes)
        view.extra["cases"] = sorted(cases.values(), key=Node.sort_key)
    if node.kind == "session":
        view.extra["network"] = graph.network_of(node)
    if node.kind == "network":
        view.extra["impact"] = book.lens.network_factors(node)
    if node.kind == "case":
        networks = {graph.network_of(s).key: graph.network_of(s) for s in graph.sources(node, kind="session")}
        view.extra["networks"] = sorted(networks.values(), key=Node.sort_key)
        view.extra["related"] = book.lens.related_cases(node)
    if node.kind == "condition":
        view.extra["cases"] = book.lens.condition_cases(node)
    return view


@dataclass
class ListingView:
    kind: str
    heading: str
    nodes: list[Node]


def listing_view(graph: KnowledgeGraph, kind: str, heading: str) -> ListingView:
    return ListingView(kind, heading, graph.by_kind[kind])


@dataclass
class HomeView:
    networks: list[Node]
    sessions: list[Node]
    """The most recent past sessions."""
    upcoming: list[Node]
    counts: list[tuple[str, str, int]]
    """(kind, Dutch plural, number)."""
    conditions: list[Node]


def home_view(graph: KnowledgeGraph, today: dt.date) -> HomeView:
    split = agenda.split(graph.by_kind["session"], today)
    counts = [(kind, MODELS[kind].PLURAL, len(nodes)) for kind, nodes in graph.by_kind.items() if nodes]
    return HomeView(graph.by_kind["network"], split.past[:6], split.upcoming[:6], counts, graph.by_kind["condition"])


@dataclass
class OpenDataView:
    files: list[tuple[str, str, str]]
    """(site path, name, what it holds)."""
    feeds: list[tuple[str, str]]
    """(site path, name) of the iCalendar feeds."""


def open_data_view(graph: KnowledgeGraph) -> OpenDataView:
    files = [
        (opendata.EXPORT, "praktijkboek.json", "Alle onderdelen van het boek met hun velden en alle verbanden ertussen (JSON)."),
        (opendata.EXPORT_SCHEMA, "praktijkboek.schema.json", "De beschrijving van dat bestand (JSON Schema)."),
        (opendata.CASES_CSV, "praktijkvoorbeelden.csv", "De praktijkvoorbeelden als tabel, voor een rekenblad (CSV, UTF-8)."),
    ]
    dated = {s.network_id for s in graph.by_kind["session"] if getattr(s.entity, "date", None)}
    feeds = ([(agenda.feed_path(), "Alle sessies")] if dated else []) + [(agenda.feed_path(n), n.label) for n in graph.by_kind["network"] if n.id in dated]
    return OpenDataView(files, feeds)


class Book:
    """Everything the page templates need, computed once per build: the graph, the lens, the taxonomies."""

    def __init__(self, graph: KnowledgeGraph):
        self.graph = graph
        self.lens = Lens(graph)
        self.today = agenda.build_date()
        self.absolute: dict[str, str] = {}
        """Absolute page addresses by key, when the site has a site_url (set by the host adapter)."""
        self.places = {group.key: group for group in taxonomy.places(graph)}
        self.years = {group.key: group for group in taxonomy.years(graph)}

    def view(self, key: str, title: str = "", url: str | None = None) -> tuple[str, object]:
        """(kind of page, its view) for a page key: `case:dorv`, `index:case`, `place:...`, `year:...`, `matrix`, `home`.

        `url` is the page's absolute address, if the site has one.
        """
        prefix, _, rest = key.partition(":")
        if prefix in MODELS:
            node = self.graph.nodes[key]
            view = entity_view(self, node)
            if node.kind == "session":
                view.extra["pdf"] = handouts.pdf_path(node)
                date = getattr(node.entity, "date", None)
                if date:
                    view.extra["ics"] = agenda.session_path(node)
                    view.extra["status"] = "upcoming" if date >= self.today else "past"
            if node.kind == "network":
                view.extra["pack"] = handouts.pack_path(node)
                if any(getattr(s.entity, "date", None) for s in view.extra["sessions"]):  # type: ignore[attr-defined]  # view.extra holds the network's sessions (a list of Nodes)
                    view.extra["feed"] = agenda.feed_path(node)
                view.extra["split"] = agenda.split(view.extra["sessions"], self.today)  # type: ignore[arg-type]  # view.extra holds the network's sessions (a list of Nodes)
            view.extra["filters"] = searchindex.filters(self.graph, node)
            data = jsonld.describe(self.graph, node, url, self.absolute)
            if data:
                view.extra["jsonld"] = jsonld.script_text(data)
            return node.kind, view
        if prefix == "index" and rest in MODELS:
            return "listing", listing_view(self.graph, rest, title)
        if key == "index:place":
            return "places", list(self.places.values())
        if key == "index:year":
            return "years", list(self.years.values())
        if prefix == "place":
            return "place", self.places[key]
        if prefix == "year":
            return "year", self.years[key]
        if key == "matrix":
            return "matrix", self.lens.matrix()
        if key == "home":
            return "home", home_view(self.graph, self.today)
        if key == "opendata":
            return "opendata", open_data_view(self.graph)
        raise KeyError(key)

    def handout(self, key: str, url: str | None, qr: str | None) -> handouts.Handout:
        """The printed handout of a session page: rendered apart from the page's content (see the plugin)."""
        return handouts.handout(self.graph, self.graph.nodes[key], url, qr)
