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
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any, get_args
from urllib.parse import urljoin

from praktijkboek.core.exports import agenda, jsonld, opendata
from praktijkboek.core.knowledge import lens, taxonomy
from praktijkboek.core.knowledge.graph import KnowledgeGraph, Node, ref_field_names
from praktijkboek.core.knowledge.lens import Lens
from praktijkboek.core.pages import handouts, search_filters
from praktijkboek.core.pages.formatting import Fact, contact_fact, contact_facts, format_date, roles_of, session_facts, taking_part_facts, where
from praktijkboek.core.reading.kinds import KINDS, InParent
from praktijkboek.core.reading.media import MediaFile
from praktijkboek.core.reading.media import sizes as media_sizes
from praktijkboek.core.reading.models import Case, Entity, Event, Link, Organisation, Person, Place

if TYPE_CHECKING:
    from praktijkboek.core.pages.plan import Page


@dataclass
class Section:
    key: str
    """Stable name, for `data-pb-relation` hooks (`cases`, `in:session.cases`)."""
    heading: str
    nodes: list[Node]
    notes: dict[str, str] = field(default_factory=dict)
    """A short text after a node's link, by its key: the role of a speaker ("gebiedswerker")."""


@dataclass(frozen=True)
class Settings:
    """What the site owner sets for the book (mkdocs.yml), as far as pages show it."""

    contribute_email: str | None = None
    """Where a reader without a GitHub account sends what they know (`contribute_email`)."""
    edit_base: str | None = None
    """repo_url + edit_uri: the start of the address where a file of the repository is edited."""


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
        return taxonomy.place_label(graph, node)
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
    if isinstance(e, Event):
        date = format_date(e.date)
        network = graph.series_of(node)
        parts = [network.label if network else None, None if date in e.title else date]
        return f"{e.title} ({', '.join(p for p in parts if p)})"
    return node.label


#: Parts of a context line that are more than one field (`Kind.context`).
CONTEXT_PARTS: dict[str, Callable[[KnowledgeGraph, Node], str]] = {"mentioned_in": _mentioned_in}


def _facts(graph: KnowledgeGraph, node: Node) -> list[Fact]:
    kind = KINDS[node.kind]
    facts: list[Fact] = []
    for name in kind.facts:
        if name in FACT_GROUPS:
            facts.extend(FACT_GROUPS[name](graph, node))
            continue
        value = getattr(node.entity, name, None)
        if not value:
            continue
        if isinstance(value, Place):
            # (PlaceGroup.key depends only on the level and the slug of the name, as places() groups them)
            facts.append(Fact(name, kind.fields[name], taxonomy.place_label(graph, node) or "", target=taxonomy.place_target(graph, node)))
        elif isinstance(value, str) and value.startswith(("https://", "http://")):
            facts.append(Fact(name, kind.fields[name], value, value))
        else:
            facts.append(Fact(name, kind.fields[name], str(value)))
    return facts


def _schedule(graph: KnowledgeGraph, node: Node) -> list[Fact]:
    assert isinstance(node.entity, Event)  # a kind declares `schedule` only with a session's fields
    return session_facts(node.entity, graph.targets(node, "regions"))


def _taking_part(graph: KnowledgeGraph, node: Node) -> list[Fact]:
    assert isinstance(node.entity, Event)  # a kind declares `taking_part` only with a session's fields
    return taking_part_facts(node.entity)


def _contact(graph: KnowledgeGraph, node: Node) -> list[Fact]:
    assert isinstance(node.entity, Person | Organisation)  # a kind declares `contact` only with a person's or organisation's fields
    return contact_facts(node.entity)


#: Groups of facts that are more than one field each (`Kind.facts`).
FACT_GROUPS: dict[str, Callable[[KnowledgeGraph, Node], list[Fact]]] = {
    "schedule": _schedule,
    "taking_part": _taking_part,
    "contact": _contact,
    "public_contact": _contact,
}


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
    view = EntityView(node, getattr(node.entity, "summary", None), _facts(graph, node), _lists(node), _links(node))
    by_field: dict[str, list[Node]] = {}
    for edge in graph.outgoing.get(node.key, ()):
        by_field.setdefault(edge.field, []).append(edge.target)
    for name, targets in by_field.items():
        if isinstance(kind.files, InParent) and name == kind.files.parent:
            continue  # shown in the page header
        if name in kind.facts:
            continue  # the facts box links it already (a case's place, its region)
        heading = kind.fields.get(name) or KINDS[targets[0].kind].plural
        view.sections.append(Section(name, heading, targets))
    # Grouped under their heading: sessions and activities that name a theme are one list "Sessies", the
    # sessions and cases that used a method one list "Gebruikt in" (each kind in its order, by date or title).
    order = list(KINDS)
    groups: dict[str, tuple[str, list[Node]]] = {}
    for edge in sorted(graph.incoming.get(node.key, ()), key=lambda e: order.index(e.source.kind)):
        if graph.is_parent_edge(edge):
            continue  # a network's sessions: its page shows them as a timeline
        group = groups.setdefault(edge.inverse, (f"in:{edge.source.kind}.{edge.field}", []))
        if edge.source not in group[1]:
            group[1].append(edge.source)
    for heading, (key, sources) in groups.items():
        view.backlinks.append(Section(key, heading, sorted(sources, key=lambda n: (order.index(n.kind), n.sort_key()))))
    for facet in kind.facets:
        given = FACETS[facet](book, node)
        view.facet_sections += given.pop("sections", [])
        shown = given.pop("shows", ())  # relations the facet shows in its own way (a case's contact, with its details)
        view.sections = [s for s in view.sections if s.key not in shown]
        view.extra.update(given)
    notes: dict[str, dict[str, str]] = view.extra.get("notes", {})  # type: ignore[assignment]  # the roles facet gives a dict per field
    for section in view.sections:
        section.notes = notes.get(section.key, {})
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
    e = node.entity
    assert isinstance(e, Event)  # a kind declares `agenda` only with a session's fields
    if not e.date:
        return {}
    return {"ics": agenda.session_path(node), "status": "upcoming" if e.last_day >= book.today else "past", "dates": (e.date, e.last_day)}  # type: ignore[operator]  # last_day is a date when date is


def _roles(book: Book, node: Node) -> dict[str, Any]:
    """The role texts of speakers, facilitators and organisers, after their names in the page's relations."""
    return {
        "notes": {field: {who.key: role for who, role in roles_of(book.graph, node, field) if role} for field in ("speakers", "facilitators", "organisers")}
    }


def _pictures(book: Book, node: Node) -> dict[str, Any]:
    pictures = getattr(node.entity, "pictures", [])
    return {"pictures": [(picture, book.media.get(picture.file)) for picture in pictures]} if pictures else {}


#: A case page shows this when it tells no more than this many things beyond its title, with an invitation to add more.
LITTLE_KNOWN = 1


def _case_record(book: Book, node: Node) -> dict[str, Any]:
    """What a case record holds beyond the facts, in the order of case libraries: aim, approach, results,
    what it takes, contact; and, for a case we know little about, a word of that and how to add to it."""
    e = node.entity
    assert isinstance(e, Case)  # a kind declares `case_record` only with a case's fields
    record = [
        (name, heading, paragraphs(value))
        for name, heading, value in (("aim", "Doel", e.aim), ("approach", "Aanpak", e.approach), ("results", "Resultaten", e.results))
        if value
    ]
    needs = [(label, value) for label, value in (("Mensen", e.needs.people), ("Geld", e.needs.money), ("Ruimte", e.needs.space)) if value] if e.needs else []
    contact = book.graph.targets(node, "contact")
    found: dict[str, Any] = {"record": record, "needs": needs, "shows": ("contact",)}
    if contact:
        found["contact"] = (contact[0], contact_facts(contact[0].entity) if isinstance(contact[0].entity, Person | Organisation) else [])
    if e.known <= LITTLE_KNOWN and not e.pictures:
        email = book.settings.contribute_email
        found["invite"] = Invite(contact_fact("invite_email", "E-mail", email) if email else None, book.edit_url(node), node.label, e.known)
    return found


@dataclass(frozen=True)
class Invite:
    """An invitation to tell the book what one knows about a case it knows little of."""

    email: Fact | None
    """The book's address for readers who are not on GitHub (mkdocs.yml: `contribute_email`), encoded as published contacts are."""
    edit_url: str | None
    """Where the file is edited on GitHub."""
    title: str
    known: int
    """How many things the file tells beyond its title (0: nothing, 1: only a summary, say)."""


def paragraphs(text: str) -> list[str]:
    """Plain text as paragraphs: a blank line starts a new one."""
    return [" ".join(part.split()) for part in text.split("\n\n") if part.strip()]


def _region_places(book: Book, node: Node) -> dict[str, Any]:
    """The municipalities the content places in this region."""
    municipalities = [group for group in book.places.values() if group.region is not None and group.region.key == node.key]
    return {"places": municipalities} if municipalities else {}


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
    "roles": _roles,
    "pictures": _pictures,
    "case_record": _case_record,
    "region_places": _region_places,
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
    event_status: str | None = None
    """`volzet`, `afgelast` or `verplaatst` for a session that is not simply open."""
    dates: tuple[dt.date, dt.date] | None = None
    """First and last day of a dated session: the reader's browser decides 'komt eraan' or 'voorbij' from them."""


#: A listing gets filters from this many entries on: a shorter list is read at a glance.
LISTING_FILTERS_FROM = 8
#: The filters of a listing, by the names of the search filters (core/pages/search_filters.py), plus the place.
LISTING_FILTERS = [("thema", "Thema"), ("plaats", "Plaats"), ("jaar", "Jaar"), ("netwerk", "Netwerk"), ("voorwaarde", "Voorwaarde")]


def card(book: Book, node: Node) -> Card:
    graph = book.graph
    values: dict[str, list[str]] = {}
    for name, value in book.filters(node):
        values.setdefault(name, []).append(value)
    place = taxonomy.place_label(graph, node) if isinstance(getattr(node.entity, "place", None), Place) else None
    if isinstance(node.entity, Event):
        place = where(node.entity, graph.targets(node, "regions"))
    values["plaats"] = [place] if place else []
    date = getattr(node.entity, "date", None)
    last: dt.date | None = getattr(node.entity, "last_day", None) or date
    status = ("upcoming" if last >= book.today else "past") if isinstance(date, dt.date) and last else None
    themes = [t.label for t in graph.targets(node, "themes")] if "themes" in ref_field_names(type(node.entity)) else []
    summary = getattr(node.entity, "summary", None) or getattr(node.entity, "definition", None)
    full = getattr(node.entity, "status", None) if isinstance(node.entity, Event) else None
    return Card(node, summary, describe(graph, node), place, themes, status, values, full if full != "open" else None, (date, last) if date and last else None)


def listing_view(book: Book, kind: str, heading: str) -> ListingView:
    graph = book.graph
    nodes = graph.by_kind[kind]
    also = KINDS[kind].index.also
    if also:
        nodes = sorted([*nodes, *(n for other in also for n in graph.by_kind[other])], key=Node.sort_key)
    if KINDS[kind].event:
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
    split = agenda.split(graph.events(), book.today)
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
    dated = {s.network_id for s in graph.events() if getattr(s.entity, "date", None)}
    feeds = ([(agenda.feed_path(), "Alle sessies")] if dated else []) + [(agenda.feed_path(n), n.label) for n in graph.by_kind["network"] if n.id in dated]
    return OpenDataView(files, feeds)


def edit_base(repo_url: str | None, edit_uri: str | None) -> str | None:
    """Where files of the repository are edited, as MkDocs makes a page's edit link: repo_url + edit_uri."""
    if not repo_url or not edit_uri:
        return None
    return urljoin(repo_url.rstrip("/") + "/", edit_uri.rstrip("/") + "/")


class Book:
    """Everything the page templates need, computed once per build: the graph, the lens, the taxonomies."""

    def __init__(self, graph: KnowledgeGraph, settings: Settings = Settings()):  # noqa: B008  # frozen
        self.graph: KnowledgeGraph = graph
        self.settings = settings
        self.media: Mapping[str, MediaFile] = graph.media
        """The media folder's files as the site has them (pictures resized, with their size), by path."""
        self.sizes = media_sizes(graph.media)
        """Width and height of the media folder's pictures, for the editors' `<img>` too."""
        self.lens: Lens = Lens(graph)
        self.today = agenda.build_date()
        self.absolute: dict[str, str] = {}
        """Absolute page addresses by key, when the site has a site_url (set by the host adapter)."""
        self.places = {group.key: group for group in taxonomy.places(graph)}
        self.years = {group.key: group for group in taxonomy.years(graph)}
        self._filters: dict[str, list[tuple[str, str]]] = {}

    def edit_url(self, node: Node) -> str | None:
        """Where an entity's own file is edited (GitHub's editor), when the site has a repository."""
        return f"{self.settings.edit_base}{node.path}" if self.settings.edit_base else None

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
