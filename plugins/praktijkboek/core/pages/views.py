"""Rendering helpers: what each page shows, as plain data for the templates.

The templates in `overrides/praktijkboek/` decide the markup; this module
decides the content (which facts, which relations, in which order, under which
Dutch heading), so that the rules — contact details only when published, the
reverse relations, the Dutch dates — live in one tested place and not in Jinja.

What differs between kinds is declared with the kind (reading/kinds.py: its `facts`,
`context`, `facets` and Dutch field names); the groups of facts, parts of a context line
and facets it may name are the tables below.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any, get_args

from praktijkboek.core.exports import agenda, jsonld, opendata
from praktijkboek.core.knowledge import lens, taxonomy
from praktijkboek.core.knowledge.graph import KnowledgeGraph, Node, ref_field_names
from praktijkboek.core.knowledge.lens import Lens
from praktijkboek.core.pages import handouts, search_filters
from praktijkboek.core.pages.formatting import Fact, contact_facts, format_date, session_facts
from praktijkboek.core.reading.kinds import KINDS, InParent
from praktijkboek.core.reading.models import Entity, Link, Person, Place, Session

if TYPE_CHECKING:
    from praktijkboek.core.pages.plan import Page


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
    facet_sections: list[Section] = field(default_factory=list)
    """Lists of other pages that facets add (`sections` in what a facet gives), shown like the relations."""
    extra: dict[str, object] = field(default_factory=dict)


def describe(graph: KnowledgeGraph, node: Node) -> str:
    """A short context line for a node in a list ("6 juni 2019 · Lerend netwerk 'ons buurtpunt'"): the
    parts its kind declares (`Kind.context`), those with a value, joined by ' · '."""
    parts = (_context_part(graph, node, name) for name in KINDS[node.kind].context)
    return " · ".join(part for part in parts if part)


def _context_part(graph: KnowledgeGraph, node: Node, name: str) -> str | None:
    if name in CONTEXT_PARTS:
        return CONTEXT_PARTS[name](graph, node)
    files = KINDS[node.kind].files
    if name in ref_field_names(type(node.entity)) or (isinstance(files, InParent) and name == files.parent):
        targets = graph.targets(node, name)  # a relation: the first it names
        return targets[0].label if targets else None
    value = getattr(node.entity, name, None)
    if isinstance(value, dt.date) or (value is None and _is_date(type(node.entity), name)):
        return format_date(value)
    if isinstance(value, Place):
        return value.label
    return str(value) if value else None


@cache
def _is_date(model: type[Entity], name: str) -> bool:
    """Whether the field holds a date: an unknown one is said as such ("datum nog niet bekend")."""
    info = model.model_fields.get(name)
    return info is not None and dt.date in _types(info.annotation)


def _types(annotation: Any) -> set[Any]:
    args = get_args(annotation)
    return {annotation} if not args else set().union(*(_types(arg) for arg in args))


def _mentioned_in(graph: KnowledgeGraph, node: Node) -> str:
    return "genoemd in " + "; ".join(_source_label(graph, s) for s in graph.targets(node, "sources"))


def _source_label(graph: KnowledgeGraph, node: Node) -> str:
    e = node.entity
    if isinstance(e, Session):
        date = format_date(e.date)
        when = "" if date in e.title else f", {date}"
        return f"{e.title} ({graph.network_of(node).label}{when})"
    return node.label


#: Parts of a context line that are more than one field (`Kind.context`).
CONTEXT_PARTS: dict[str, Callable[[KnowledgeGraph, Node], str]] = {"mentioned_in": _mentioned_in}


def _facts(node: Node) -> list[Fact]:
    kind = KINDS[node.kind]
    facts: list[Fact] = []
    for name in kind.facts:
        if name in FACT_GROUPS:
            facts.extend(FACT_GROUPS[name](node))
            continue
        value = getattr(node.entity, name, None)
        if not value:
            continue
        if isinstance(value, Place):
            # (PlaceGroup.key depends only on the level and the slug of the name, as places() groups them)
            places = taxonomy.place_keys(node)
            target = taxonomy.PlaceGroup(*places[-1]).key if places else None
            facts.append(Fact(name, kind.fields[name], value.label, target=target))
        elif isinstance(value, str) and value.startswith(("https://", "http://")):
            facts.append(Fact(name, kind.fields[name], value, value))
        else:
            facts.append(Fact(name, kind.fields[name], str(value)))
    return facts


def _schedule(node: Node) -> list[Fact]:
    assert isinstance(node.entity, Session)  # a kind declares `schedule` only with a session's fields
    return session_facts(node.entity)


def _contact(node: Node) -> list[Fact]:
    assert isinstance(node.entity, Person)  # a kind declares `contact` only with a person's fields
    return contact_facts(node.entity)


#: Groups of facts that are more than one field each (`Kind.facts`).
FACT_GROUPS: dict[str, Callable[[Node], list[Fact]]] = {"schedule": _schedule, "contact": _contact}


def _lists(node: Node) -> list[tuple[str, str, list[str]]]:
    """The kind's lists of plain text (programme, audience, offer, ...), in the order of its Dutch field names."""
    refs = ref_field_names(type(node.entity))
    found = []
    for name, heading in KINDS[node.kind].fields.items():
        value = getattr(node.entity, name, None)
        if name not in refs and isinstance(value, list) and value and all(isinstance(item, str) for item in value):
            found.append((name, heading, value))
    return found


def _links(node: Node) -> list[tuple[str, str, list[Link]]]:
    found = []
    for name, heading in KINDS[node.kind].fields.items():
        value = getattr(node.entity, name, None)
        if isinstance(value, list) and value and all(isinstance(item, Link) for item in value):
            found.append((name, heading, value))
    return found


def entity_view(book: Book, node: Node, url: str | None) -> EntityView:
    graph = book.graph
    kind = KINDS[node.kind]
    view = EntityView(node, getattr(node.entity, "summary", None), _facts(node), _lists(node), _links(node))
    by_field: dict[str, list[Node]] = {}
    for edge in graph.outgoing.get(node.key, ()):
        by_field.setdefault(edge.field, []).append(edge.target)
    for name, targets in by_field.items():
        if isinstance(kind.files, InParent) and name == kind.files.parent:
            continue  # shown in the page header
        heading = kind.fields.get(name) or KINDS[targets[0].kind].plural
        view.sections.append(Section(name, heading, targets))
    groups: dict[tuple[str, str], tuple[str, list[Node]]] = {}
    for edge in graph.incoming.get(node.key, ()):
        if graph.is_parent_edge(edge):
            continue  # a network's sessions: its page shows them as a timeline
        group = groups.setdefault((edge.source.kind, edge.field), (edge.inverse, []))
        if edge.source not in group[1]:
            group[1].append(edge.source)
    order = list(KINDS)
    for (source_kind, name), (heading, sources) in sorted(groups.items(), key=lambda g: order.index(g[0][0])):
        view.backlinks.append(Section(f"in:{source_kind}.{name}", heading, sorted(sources, key=Node.sort_key)))
    for facet in kind.facets:
        given = FACETS[facet](book, node)
        view.facet_sections += given.pop("sections", [])
        view.extra.update(given)
    view.extra["filters"] = book.filters(node)
    data = jsonld.describe(graph, node, url, book.absolute)
    if data:
        view.extra["jsonld"] = jsonld.script_text(data)
    return view


def _timeline(book: Book, node: Node) -> dict[str, Any]:
    sessions = book.graph.children(node)  # the sessions in the network's folder
    found: dict[str, Any] = {"sessions": sessions, "split": agenda.split(sessions, book.today)}
    if any(getattr(s.entity, "date", None) for s in sessions):
        found["feed"] = agenda.feed_path(node)
    return found


def _cases_via_sessions(book: Book, node: Node) -> dict[str, Any]:
    cases = {c.key: c for s in book.graph.children(node) for c in book.graph.targets(s, "cases")}
    return {"cases": sorted(cases.values(), key=Node.sort_key)}


def _networks_via_sessions(book: Book, node: Node) -> dict[str, Any]:
    graph = book.graph
    networks = {graph.network_of(s).key: graph.network_of(s) for s in graph.sources(node, kind="session")}
    return {"sections": [Section("networks-via-sessions", "Aan bod in de netwerken", sorted(networks.values(), key=Node.sort_key))]} if networks else {}


def _same_condition(book: Book, node: Node) -> dict[str, Any]:
    """A barrier's levers of its condition, a lever's barriers."""
    others = lens.same_condition(book.graph, node)
    return {"sections": [Section("same-condition", f"{KINDS[others[0].kind].plural} bij dezelfde voorwaarde", others)]} if others else {}


def _agenda(book: Book, node: Node) -> dict[str, Any]:
    date = getattr(node.entity, "date", None)
    return {"ics": agenda.session_path(node), "status": "upcoming" if date >= book.today else "past"} if date else {}


def _neighbours(book: Book, node: Node) -> dict[str, Any]:
    """The sessions before and after this one in its network, in the timeline's order."""
    sessions = book.graph.children(book.graph.network_of(node))
    at = sessions.index(node)
    return {"previous": sessions[at - 1] if at > 0 else None, "next": sessions[at + 1] if at + 1 < len(sessions) else None}


#: What else an entity's page shows, by the names kinds declare (`Kind.facets`): each gives entries of `pb.view.extra`.
FACETS: dict[str, Callable[[Book, Node], dict[str, Any]]] = {
    "timeline": _timeline,
    "cases_via_sessions": _cases_via_sessions,
    "impact": lambda book, node: {"impact": book.lens.network_factors(node), "grouped": ("in:barrier.sources", "in:lever.sources")},
    "pack": lambda book, node: {"pack": handouts.pack_path(node)},
    "parent": lambda book, node: {"network": book.graph.network_of(node)},
    "handout": lambda book, node: {"pdf": handouts.pdf_path(node)},
    "agenda": _agenda,
    "neighbours": _neighbours,
    "networks_via_sessions": _networks_via_sessions,
    "related_cases": lambda book, node: {"related": book.lens.related_cases(node)},
    "condition_cases": lambda book, node: {"cases": book.lens.condition_cases(node)},
    # A session's barriers and levers per condition, as on its handout (and not again as two flat lists).
    "impact_named": lambda book, node: {"impact": lens.factors_named_in(book.graph, node), "grouped": ("in:barrier.sources", "in:lever.sources")},
    "same_condition": _same_condition,
}


@dataclass
class ListingView:
    kind: str
    heading: str
    nodes: list[Node]
    cards: list[Card] = field(default_factory=list)
    """One per node, in the listing's order (sessions: upcoming first, soonest first, then newest first)."""
    filters: list[tuple[str, str, list[str]]] = field(default_factory=list)
    """(name, Dutch label, values) of the filters on the page; none for a list too short to need them."""


@dataclass
class Card:
    """An entity in a listing: what a reader needs to choose it."""

    node: Node
    summary: str | None
    context: str
    place: str | None
    themes: list[str]
    status: str | None
    """`upcoming` or `past` for a dated session."""
    filters: dict[str, list[str]]
    """Filter name -> the values this card has (data attributes the page's filters read)."""


#: A listing gets filters from this many entries on: a shorter list is read at a glance.
LISTING_FILTERS_FROM = 8
#: The filters of a listing, by the names of the search filters (core/pages/search_filters.py), plus the place.
LISTING_FILTERS = [("thema", "Thema"), ("plaats", "Plaats"), ("jaar", "Jaar"), ("netwerk", "Netwerk"), ("voorwaarde", "Voorwaarde")]


def _place_label(node: Node) -> str | None:
    place = getattr(node.entity, "place", None)
    return place.label if isinstance(place, Place) else str(place) if place else None


def card(book: Book, node: Node) -> Card:
    graph = book.graph
    values: dict[str, list[str]] = {}
    for name, value in book.filters(node):
        values.setdefault(name, []).append(value)
    place = _place_label(node)
    values["plaats"] = [place] if place else []
    date = getattr(node.entity, "date", None)
    status = ("upcoming" if date >= book.today else "past") if isinstance(date, dt.date) else None
    themes = [t.label for t in graph.targets(node, "themes")] if "themes" in ref_field_names(type(node.entity)) else []
    summary = getattr(node.entity, "summary", None) or getattr(node.entity, "definition", None)
    return Card(node, summary, describe(graph, node), place, themes, status, values)


def listing_view(book: Book, kind: str, heading: str) -> ListingView:
    graph = book.graph
    nodes = graph.by_kind[kind]
    if kind == "session":
        split = agenda.split(nodes, book.today)
        nodes = [*split.upcoming, *split.past, *split.undated]
    cards = [card(book, node) for node in nodes]
    filters = []
    if len(cards) >= LISTING_FILTERS_FROM:
        for name, label in LISTING_FILTERS:
            found = sorted({value for card in cards for value in card.filters.get(name, [])}, reverse=name == "jaar")
            if len(found) >= 2:
                filters.append((name, label, found))
    return ListingView(kind, heading, nodes, cards, filters)


@dataclass
class HomeView:
    networks: list[Node]
    sessions: list[Node]
    """The most recent past sessions."""
    upcoming: list[Node]
    counts: list[tuple[str, str, int]]
    """(kind, Dutch plural, number)."""
    conditions: list[Node]
    upcoming_cards: list[Card] = field(default_factory=list)
    case_cards: list[Card] = field(default_factory=list)
    """The cases of the most recent sessions first."""
    network_cards: list[Card] = field(default_factory=list)
    condition_cards: list[Card] = field(default_factory=list)


#: How many cards each part of the home page shows.
HOME_CARDS = 6


def home_view(book: Book) -> HomeView:
    graph = book.graph
    split = agenda.split(graph.by_kind["session"], book.today)
    counts = [(kind, KINDS[kind].plural, len(nodes)) for kind, nodes in graph.by_kind.items() if nodes]
    # The cases of the most recent sessions first (the book keeps no date for a case itself), then the others.
    recent: dict[str, Node] = {}
    for session in [*split.past, *split.upcoming]:
        for case in graph.targets(session, "cases"):
            recent.setdefault(case.key, case)
    cases = [*recent.values(), *(c for c in graph.by_kind["case"] if c.key not in recent)][:HOME_CARDS]
    return HomeView(
        graph.by_kind["network"],
        split.past[:HOME_CARDS],
        split.upcoming[:HOME_CARDS],
        counts,
        graph.by_kind["condition"],
        upcoming_cards=[card(book, n) for n in split.upcoming[:HOME_CARDS]],
        case_cards=[card(book, n) for n in cases],
        network_cards=[card(book, n) for n in graph.by_kind["network"]],
        condition_cards=[card(book, n) for n in graph.by_kind["condition"]],
    )


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
        self.graph: KnowledgeGraph = graph
        self.lens: Lens = Lens(graph)
        self.today = agenda.build_date()
        self.absolute: dict[str, str] = {}
        """Absolute page addresses by key, when the site has a site_url (set by the host adapter)."""
        self.places = {group.key: group for group in taxonomy.places(graph)}
        self.years = {group.key: group for group in taxonomy.years(graph)}
        self._filters: dict[str, list[tuple[str, str]]] = {}

    def filters(self, node: Node) -> list[tuple[str, str]]:
        """A node's search filters, computed once per build: its page and its cards in listings show them."""
        if node.key not in self._filters:
            self._filters[node.key] = search_filters.filters(self.graph, node)
        return self._filters[node.key]

    def view(self, page: Page) -> tuple[str, object]:
        """(kind of page, its view): what the page's template gets as `pb.kind` and `pb.view`."""
        return page.kind, page.view(self, self.absolute.get(page.key))

    def entity(self, node: Node, url: str | None) -> EntityView:
        return entity_view(self, node, url)

    def listing(self, kind: str, heading: str) -> ListingView:
        return listing_view(self, kind, heading)

    def home(self) -> HomeView:
        return home_view(self)

    def open_data(self) -> OpenDataView:
        return open_data_view(self.graph)

    def handout(self, page: Page, qr: str | None) -> handouts.Handout:
        """The printed handout of a session page (`qr`: the SVG of its address): rendered apart from the page's content (see the plugin)."""
        return handouts.handout(self.graph, self.graph.nodes[page.key], self.absolute.get(page.key), qr)
