"""schema.org JSON-LD for entity pages: Event for a session, EventSeries for a network,
Organization, Person (contact details only when published), and a CreativeWork for a case.

Search engines and calendar tools read it; the text is serialised so that it can
never close the <script> element it lives in.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

from praktijkboek.core.exports.agenda import TIMEZONE
from praktijkboek.core.knowledge.graph import KnowledgeGraph, Node
from praktijkboek.core.reading.kinds import KINDS
from praktijkboek.core.reading.models import Case, Network, Organisation, Person, Session

CONTEXT = "https://schema.org"


def _place(name: str | None) -> dict[str, Any] | None:
    return {"@type": "Place", "name": name} if name else None


def _who(graph: KnowledgeGraph, node: Node, urls: dict[str, str]) -> dict[str, Any]:
    kind = "Person" if KINDS[node.kind].jsonld == "Person" else "Organization"
    return _clean({"@type": kind, "name": node.label, "url": urls.get(node.key)})


def _clean(data: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in data.items() if value not in (None, [], "")}


def _moment(date: dt.date, time: dt.time | None) -> str:
    return dt.datetime.combine(date, time, tzinfo=TIMEZONE).isoformat() if time else date.isoformat()


def _event(graph: KnowledgeGraph, node: Node, urls: dict[str, str]) -> dict[str, Any] | None:
    e = node.entity
    assert isinstance(e, Session)  # kinds.py declares Event for sessions
    if e.date is None:
        return None
    network = graph.network_of(node)
    return {
        "@type": "Event",
        "name": e.title,
        "startDate": _moment(e.date, e.start_time),
        "endDate": _moment(e.date, e.end_time) if e.end_time else None,
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "eventStatus": "https://schema.org/EventScheduled",
        "location": _place(e.place),
        "description": e.summary,
        "organizer": [_who(graph, o, urls) for o in graph.targets(network, "organisers")],
        "performer": [_who(graph, s, urls) for s in graph.targets(node, "speakers")],
        "superEvent": _clean({"@type": "EventSeries", "name": network.label, "url": urls.get(network.key)}),
        "inLanguage": "nl",
    }


def _series(graph: KnowledgeGraph, node: Node, urls: dict[str, str]) -> dict[str, Any]:
    e = node.entity
    assert isinstance(e, Network)  # kinds.py declares EventSeries for networks
    return {
        "@type": "EventSeries",
        "name": e.title,
        "description": e.summary,
        "organizer": [_who(graph, o, urls) for o in graph.targets(node, "organisers")],
        "subEvent": [_clean({"@type": "Event", "name": s.label, "url": urls.get(s.key)}) for s in graph.sessions_of(node)],
        "inLanguage": "nl",
    }


def _organisation(graph: KnowledgeGraph, node: Node, urls: dict[str, str]) -> dict[str, Any]:
    e = node.entity
    assert isinstance(e, Organisation)  # kinds.py declares Organization for organisations
    return {"@type": "Organization", "name": e.name, "description": e.summary, "sameAs": e.website, "location": _place(e.place.label if e.place else None)}


def _person(graph: KnowledgeGraph, node: Node, urls: dict[str, str]) -> dict[str, Any]:
    e = node.entity
    assert isinstance(e, Person)  # kinds.py declares Person for people
    organisation = graph.targets(node, "organisation")
    # No email or telephone here, even when published: JSON-LD is what scrapers read first.
    return {"@type": "Person", "name": e.name, "jobTitle": e.role, "worksFor": _who(graph, organisation[0], urls) if organisation else None}


def _creative_work(graph: KnowledgeGraph, node: Node, urls: dict[str, str]) -> dict[str, Any]:
    e = node.entity
    assert isinstance(e, Case)  # kinds.py declares CreativeWork for cases
    return {
        "@type": "CreativeWork",
        "name": e.title,
        "abstract": e.summary,
        "contentLocation": _place(e.place.label if e.place else None),
        "keywords": [t.label for t in graph.targets(node, "themes")],
        "creator": [_who(graph, o, urls) for o in graph.targets(node, "organisations")],
        "inLanguage": "nl",
    }


#: How each schema.org type that a kind may declare (`Kind.jsonld`) is written.
BUILDERS: dict[str, Callable[[KnowledgeGraph, Node, dict[str, str]], dict[str, Any] | None]] = {
    "Event": _event,
    "EventSeries": _series,
    "Organization": _organisation,
    "Person": _person,
    "CreativeWork": _creative_work,
}


def describe(graph: KnowledgeGraph, node: Node, url: str | None, urls: dict[str, str]) -> dict[str, Any] | None:
    """The JSON-LD object for an entity's page, or None where its kind declares no schema.org type."""
    kind = KINDS[node.kind].jsonld
    data = BUILDERS[kind](graph, node, urls) if kind else None
    if data is None:
        return None
    return {"@context": CONTEXT, **_clean({**data, "url": url})}


def script_text(data: dict[str, Any]) -> str:
    """JSON for inside <script type="application/ld+json">: '<', '>' and '&' escaped, so no text can end the element."""
    return json.dumps(data, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
