"""The domain core on in-memory graphs: no files, no build. Views, page plans, the lens, references,
agenda, exports and the page renderer, each asserted on what it gives the templates or the reader."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import jinja2
import pytest

from conftest import REPO
from praktijkboek.core.exports import agenda, jsonld, opendata
from praktijkboek.core.knowledge import references
from praktijkboek.core.knowledge.graph import KnowledgeGraph, Node, resolve
from praktijkboek.core.knowledge.lens import Lens
from praktijkboek.core.pages import search_filters
from praktijkboek.core.pages.plan import EntityPage, IndexPage, MatrixPage, PlacePage, YearPage, navigation, plan, src_uri
from praktijkboek.core.pages.render import BODY_MARK, PageRenderer
from praktijkboek.core.pages.views import Book, describe
from praktijkboek.core.reading.kinds import KINDS
from praktijkboek.core.reading.problems import ContentError
from praktijkboek.core.reading.yamlfile import ParsedFile

#: A small book as data: key -> the fields as an editor writes them (values as text, as the reader gives them).
BOOK: dict[str, dict[str, Any]] = {
    "network:buurtpunt": {
        "title": "Lerend netwerk buurtpunt",
        "kind": "lerend netwerk",
        "period": "2019-2020",
        "organisers": ["mobiel"],
        "themes": ["mobiliteit"],
    },
    "session:buurtpunt/een": {
        "number": "1",
        "title": "Participatie",
        "date": "2019-06-06",
        "start_time": "19:30",
        "end_time": "21:30",
        "municipality": "Leuven",
        "cases": ["dorv", "repair"],
        "speakers": ["anna"],
        "programme": ["Welkom", "Rondvraag"],
    },
    "session:buurtpunt/twee": {"title": "Zonder datum", "cases": ["repair"]},
    "case:dorv": {"title": "Dorv", "place": {"municipality": "Halle", "region": "vlaams-brabant"}, "themes": ["mobiliteit"], "levers": ["stuurgroep"]},
    "case:repair": {"title": "Repair Café", "place": {"municipality": "Halle"}, "themes": ["mobiliteit"]},
    "organisation:mobiel": {"name": "Netwerk Mobiliteit", "website": "https://mobiel.example.org"},
    "person:anna": {"name": "Anna Peeters", "role": "coördinator", "organisation": "mobiel", "email": "anna@example.org", "publish_contact": "false"},
    "theme:mobiliteit": {"title": "Mobiliteit"},
    "region:vlaams-brabant": {"name": "Vlaams-Brabant", "country": "België", "kind": "provincie"},
    "condition:agenda": {"title": "Gedeelde agenda", "order": "1", "definition": "Alle actoren delen een visie."},
    "barrier:spanningen": {"title": "Spanningen", "condition": "agenda", "sources": ["buurtpunt/een"]},
    "lever:stuurgroep": {"title": "Een stuurgroep", "condition": "agenda", "sources": ["buurtpunt"]},
}


def graph_of(entities: dict[str, dict[str, Any]]) -> KnowledgeGraph:
    nodes = []
    for key, data in entities.items():
        kind, ident = key.split(":", 1)
        nodes.append(Node(kind, ident, KINDS[kind].model.model_validate(data), f"geheugen/{key}", ParsedFile(None)))
    graph, problems = resolve(nodes)
    assert problems == [], [p.format() for p in problems]
    return graph


@pytest.fixture
def graph() -> KnowledgeGraph:
    return graph_of(BOOK)


@pytest.fixture
def book(graph: KnowledgeGraph) -> Book:
    return Book(graph)


def node(graph: KnowledgeGraph, key: str) -> Node:
    return graph.nodes[key]


def test_relations_are_indexed_both_ways_with_the_parent_apart(graph: KnowledgeGraph):
    network, session = node(graph, "network:buurtpunt"), node(graph, "session:buurtpunt/een")
    assert graph.parent(session) is network
    assert [s.id for s in graph.children(network)] == ["buurtpunt/een", "buurtpunt/twee"]  # dated first, then undated
    assert [s.id for s in graph.sources(node(graph, "case:repair"), kind="session")] == ["buurtpunt/een", "buurtpunt/twee"]


def test_a_context_line_says_what_the_kind_declares(graph: KnowledgeGraph):
    lines = {key: describe(graph, node(graph, key)) for key in BOOK}
    assert lines["session:buurtpunt/een"] == "6 juni 2019 · Lerend netwerk buurtpunt"
    assert lines["session:buurtpunt/twee"] == "datum nog niet bekend · Lerend netwerk buurtpunt"
    assert lines["network:buurtpunt"] == "lerend netwerk · 2019-2020"
    assert lines["person:anna"] == "coördinator · Netwerk Mobiliteit"
    assert lines["case:dorv"] == "Halle, Vlaams-Brabant (BE)"
    assert lines["barrier:spanningen"] == "genoemd in Participatie (Lerend netwerk buurtpunt, 6 juni 2019)"
    assert lines["theme:mobiliteit"] == ""


def test_an_entity_view_has_its_facts_lists_and_relations_in_order(book: Book):
    view = book.entity(node(book.graph, "session:buurtpunt/een"), None)
    assert [(f.name, f.label) for f in view.facts] == [("date", "Datum"), ("time", "Uur"), ("place", "Waar"), ("number", "Volgnummer")]
    assert view.facts[0].target == "year:2019"
    assert view.lists == [("programme", "Programma", ["Welkom", "Rondvraag"])]
    assert [(s.key, s.heading, [n.id for n in s.nodes]) for s in view.sections] == [
        ("speakers", "Sprekers", ["anna"]),
        ("cases", "Praktijkvoorbeelden", ["dorv", "repair"]),
    ]
    assert [(s.key, s.heading) for s in view.backlinks] == [("in:barrier.sources", "Remmende factoren")]
    assert view.extra["network"].id == "buurtpunt" and view.extra["pdf"] == "handouts/buurtpunt/een.pdf"
    assert view.extra["status"] == ("upcoming" if dt.date(2019, 6, 6) >= book.today else "past")


def test_a_network_page_shows_its_sessions_as_a_timeline_not_as_backlinks(book: Book):
    view = book.entity(node(book.graph, "network:buurtpunt"), None)
    assert [s.id for s in view.extra["sessions"]] == ["buurtpunt/een", "buurtpunt/twee"]
    assert [c.id for c in view.extra["cases"]] == ["dorv", "repair"]
    assert "in:session.network" not in [s.key for s in view.backlinks]
    assert [(s.key, s.heading) for s in view.sections] == [("organisers", "Organisatoren"), ("themes", "Thema's")]
    assert view.extra["feed"] == agenda.feed_path(node(book.graph, "network:buurtpunt"))


def test_contact_details_are_facts_only_when_published(graph: KnowledgeGraph):
    private = Book(graph).entity(node(graph, "person:anna"), None)
    assert [f.name for f in private.facts] == ["role"]
    published = graph_of({**BOOK, "person:anna": {**BOOK["person:anna"], "publish_contact": "true"}})
    facts = Book(published).entity(node(published, "person:anna"), None).facts
    email = next(f for f in facts if f.name == "email")
    assert email.value == "anna [at] example [punt] org" and email.contact is not None and "anna@example.org" not in email.contact[1]


def test_search_filters_follow_the_relations(graph: KnowledgeGraph):
    def filters(key: str) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for name, value in search_filters.filters(graph, node(graph, key)):
            found.setdefault(name, []).append(value)
        return found

    assert filters("case:dorv") == {
        "soort": ["Praktijkvoorbeeld"],
        "thema": ["Mobiliteit"],
        "netwerk": ["Lerend netwerk buurtpunt"],
        "jaar": ["2019"],
        "voorwaarde": ["Gedeelde agenda"],
    }
    assert filters("barrier:spanningen")["netwerk"] == ["Lerend netwerk buurtpunt"] and filters("barrier:spanningen")["jaar"] == ["2019"]
    assert filters("theme:mobiliteit")["netwerk"] == ["Lerend netwerk buurtpunt"]  # the network lists the theme
    assert filters("condition:agenda") == {"soort": ["Voorwaarde"], "voorwaarde": ["Gedeelde agenda"]}


def test_the_page_plan_is_typed_and_puts_every_page_in_its_place(graph: KnowledgeGraph):
    pages = plan(graph)
    by_key = {page.key: page for page in pages}
    assert isinstance(by_key["session:buurtpunt/een"], EntityPage) and by_key["session:buurtpunt/een"].src_uri == "netwerken/buurtpunt/een.md"
    assert by_key["network:buurtpunt"].src_uri == "netwerken/buurtpunt/index.md"
    assert by_key["session:buurtpunt/een"].handout and not by_key["case:dorv"].handout
    assert {page.of for page in pages if isinstance(page, IndexPage)} == set(KINDS)
    assert isinstance(by_key["matrix"], MatrixPage) and isinstance(by_key["year:2019"], YearPage)
    assert isinstance(by_key["place:gemeente-halle"], PlacePage) and by_key["place:gemeente-halle"].url_path == "plaatsen/gemeente-halle"
    in_nav = [(page.title, page.src_uri) for page in pages if page.in_nav]
    assert sorted(in_nav) == sorted(navigation()) and navigation()[0] == ("Netwerken", "netwerken/index.md")
    assert all(not page.in_nav for page in pages if isinstance(page, EntityPage))


def test_two_pages_on_one_address_name_the_file(graph: KnowledgeGraph):
    clash = graph_of({**BOOK, "condition:hefbomen": {"title": "Hefbomen", "order": "2", "definition": "Een voorwaarde met een ongelukkige naam."}})
    with pytest.raises(ContentError) as info:
        plan(clash)
    assert "geheugen/condition:hefbomen:1: deze pagina komt op hetzelfde adres (/collectieve-impact/hefbomen/) als het overzicht 'Hefbomen'" in str(info.value)


def test_the_lens_counts_factors_per_network_and_condition(graph: KnowledgeGraph):
    lens = Lens(graph)
    matrix = lens.matrix()
    blocks = lens.network_factors(node(graph, "network:buurtpunt"))
    assert [(b.condition.id, [f.id for f in b.barriers], [f.id for f in b.levers]) for b in blocks] == [("agenda", ["spanningen"], ["stuurgroep"])]
    assert [[(cell.barriers, cell.levers) for cell in row] for row in matrix.rows] == [[(1, 1)]]
    two = Lens(graph_of({**BOOK, "network:ander": {"title": "Ander netwerk", "kind": "leerkring"}})).matrix()
    assert [n.id for n in two.networks] == ["ander", "buurtpunt"] and two.rows[0][0].empty and not two.rows[0][1].empty
    assert [c.id for c in lens.condition_cases(node(graph, "condition:agenda"))] == ["dorv"]
    related = lens.related_cases(node(graph, "case:dorv"))
    assert related[0][0].id == "repair" and related[0][1] > 0 and related[0][2]


def test_references_become_relative_links_and_unknown_ones_problems(graph: KnowledgeGraph):
    text = "Zie [[case:dorv]] en [[praktijkvoorbeeld:repair|het café]].\n\n[[case:nergens]]"
    expanded = references.expand(text, "netwerken/buurtpunt/een.md", graph, src_uri)
    assert "[Dorv](../../praktijkvoorbeelden/dorv.md)" in expanded and "[het café](../../praktijkvoorbeelden/repair.md)" in expanded
    problems = references.check(graph, text, "geheugen/x.md", 10, "report")
    assert [(p.line, p.message) for p in problems] == [(12, "verwijzing '[[case:nergens]]': 'nergens' bestaat niet als praktijkvoorbeeld")]


def test_the_agenda_has_one_event_per_dated_session_in_brussels_time(graph: KnowledgeGraph):
    feeds = agenda.feeds(graph, {"session:buurtpunt/een": "https://example.org/s/"}, "Testboek", dt.date(2026, 12, 1))
    every = feeds[agenda.feed_path()].decode()
    assert every.count("BEGIN:VEVENT") == 1 and "DTSTART;TZID=Europe/Brussels:20190606T193000" in every
    assert "URL:https://example.org/s/" in every and set(feeds) == {
        agenda.feed_path(),
        agenda.feed_path(node(graph, "network:buurtpunt")),
        agenda.session_path(node(graph, "session:buurtpunt/een")),
    }
    split = agenda.split(graph.by_kind["session"], dt.date(2026, 12, 1))
    assert [s.id for s in split.past] == ["buurtpunt/een"] and split.upcoming == []


def test_open_data_holds_every_entity_and_relation_but_no_contact(graph: KnowledgeGraph):
    data = json.loads(opendata.files(graph, {}, "2026-12-01")[opendata.EXPORT])
    assert {(e["kind"], e["id"]) for e in data["entities"]} == {tuple(key.split(":", 1)) for key in BOOK}
    assert {"source": "session:buurtpunt/een", "field": "network", "target": "network:buurtpunt"} in data["relations"]
    assert "anna@example.org" not in json.dumps(data)


def test_json_ld_is_the_schema_org_type_the_kind_declares(graph: KnowledgeGraph):
    event = jsonld.describe(graph, node(graph, "session:buurtpunt/een"), "https://example.org/s/", {})
    assert event is not None and event["@type"] == "Event" and event["startDate"] == "2019-06-06T19:30:00+02:00"
    assert jsonld.describe(graph, node(graph, "session:buurtpunt/twee"), None, {}) is None  # no date, no event
    assert jsonld.describe(graph, node(graph, "theme:mobiliteit"), None, {}) is None


def test_the_renderer_needs_no_host(graph: KnowledgeGraph):
    """What a second host (a generate step for Zensical) would do: the templates, a URL map, a page."""
    pages = plan(graph)
    urls = {page.key: page.url_path + "/" if page.url_path else "./" for page in pages}
    renderer = PageRenderer(jinja2.Environment(loader=jinja2.FileSystemLoader(REPO / "overrides")), Book(graph), urls, "Testboek")
    case = next(page for page in pages if page.key == "case:dorv")
    html = renderer.content(case)
    assert 'data-pb-kind="case"' in html and 'data-pb-id="dorv"' in html and BODY_MARK in html
    assert 'href="../../netwerken/buurtpunt/"' in html  # the case's network, via its session, linked relatively
    handout = renderer.handout(next(page for page in pages if page.key == "session:buurtpunt/een"), None)
    assert "Participatie" in handout and "Testboek" in handout
