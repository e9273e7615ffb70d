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
from praktijkboek.core.knowledge.taxonomy import place_label
from praktijkboek.core.reading.kinds import KINDS
from praktijkboek.core.reading.models import Case, Event, Method, Network, Organisation, Person, Region

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


ATTENDANCE = {
    "ter plaatse": "https://schema.org/OfflineEventAttendanceMode",
    "online": "https://schema.org/OnlineEventAttendanceMode",
    "hybride": "https://schema.org/MixedEventAttendanceMode",
}
STATUS = {
    "open": "https://schema.org/EventScheduled",
    "volzet": "https://schema.org/EventScheduled",  # full is no status of the event: its offer is sold out
    "afgelast": "https://schema.org/EventCancelled",
    "verplaatst": "https://schema.org/EventRescheduled",
}


def _locations(graph: KnowledgeGraph, node: Node, e: Event) -> list[dict[str, Any]]:
    """A Place for where to go (the venue with its address, or the regions it is for), a VirtualLocation for online."""
    found = []
    if e.on_site:
        address = _clean({"@type": "PostalAddress", "streetAddress": e.address, "addressLocality": e.municipality})
        regions = [_clean({"@type": "AdministrativeArea", "name": r.label}) for r in graph.targets(node, "regions")]
        if e.venue or len(address) > 1:
            found.append(_clean({"@type": "Place", "name": e.venue or e.municipality, "address": address if len(address) > 1 else None}))
        found += regions
    if e.online:
        found.append(_clean({"@type": "VirtualLocation", "url": e.online_url if e.publish_online_url else None}))
    return found


def _offer(e: Event, url: str | None) -> dict[str, Any] | None:
    if e.cost is None and not e.registration and e.status != "volzet":
        return None
    availability = "https://schema.org/SoldOut" if e.status == "volzet" else "https://schema.org/InStock"
    registration = e.registration
    return _clean(
        {
            "@type": "Offer",
            "price": str(e.cost) if e.cost is not None else None,
            "priceCurrency": "EUR" if e.cost is not None else None,
            "availability": availability,
            "url": (registration.url if registration and registration.url else None) or url,
            "validThrough": registration.deadline.isoformat() if registration and registration.deadline else None,
        }
    )


def _event(graph: KnowledgeGraph, node: Node, urls: dict[str, str]) -> dict[str, Any] | None:
    e = node.entity
    assert isinstance(e, Event)  # kinds.py declares Event for sessions and activities
    if e.date is None:
        return None
    network = graph.series_of(node)
    organisers = graph.targets(node, "organisers") or (graph.targets(network, "organisers") if network else [])
    locations = _locations(graph, node, e)
    last = e.last_day or e.date
    return {
        "@type": "Event",
        "name": e.title,
        "startDate": _moment(e.date, e.start_time),
        "endDate": _moment(last, e.end_time) if e.end_time or e.end_date else None,
        "previousStartDate": e.previous_date.isoformat() if e.previous_date else None,
        "eventAttendanceMode": ATTENDANCE[e.attendance],
        "eventStatus": STATUS[e.status],
        "location": locations[0] if len(locations) == 1 else locations,
        "description": e.summary,
        "maximumAttendeeCapacity": e.capacity if e.capacity and e.capacity_unit == "deelnemers" else None,
        "offers": _offer(e, urls.get(node.key)),
        "isAccessibleForFree": True if e.cost == 0 else None,
        "organizer": [_who(graph, o, urls) for o in organisers],
        "performer": [_who(graph, s, urls) for s in graph.targets(node, "speakers")],
        "contributor": [_who(graph, s, urls) for s in graph.targets(node, "facilitators")],
        "superEvent": _clean({"@type": "EventSeries", "name": network.label, "url": urls.get(network.key)}) if network else None,
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
    # Its public address, no e-mail or telephone: JSON-LD is what scrapers read first (the page has them, encoded).
    return {
        "@type": "Organization",
        "name": e.name,
        "description": e.summary,
        "sameAs": e.website,
        "address": e.address,
        "location": _place(place_label(graph, node)),
    }


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
        "contentLocation": _place(place_label(graph, node)),
        "keywords": [t.label for t in graph.targets(node, "themes")],
        "creator": [_who(graph, o, urls) for o in graph.targets(node, "organisations")],
        "dateCreated": str(e.start_year) if e.start_year else None,
        "creativeWorkStatus": {"lopend": "lopend", "gestopt": "gestopt"}.get(e.status or ""),
        "sameAs": e.website,
        "inLanguage": "nl",
    }


def _how_to(graph: KnowledgeGraph, node: Node, urls: dict[str, str]) -> dict[str, Any]:
    e = node.entity
    assert isinstance(e, Method)  # kinds.py declares HowTo for methods and tools
    return {
        "@type": "HowTo",
        "name": e.title,
        "description": e.summary or e.purpose,
        "supply": [{"@type": "HowToSupply", "name": m} for m in e.materials],
        "creator": [_who(graph, o, urls) for o in graph.targets(node, "organisations")],
        "keywords": [e.kind, *(t.label for t in graph.targets(node, "themes"))],
        "inLanguage": "nl",
    }


def _area(graph: KnowledgeGraph, node: Node, urls: dict[str, str]) -> dict[str, Any]:
    e = node.entity
    assert isinstance(e, Region)  # kinds.py declares AdministrativeArea for regions
    outer = graph.targets(node, "part_of")
    return {
        "@type": "AdministrativeArea",
        "name": e.name,
        "containedInPlace": _clean({"@type": "AdministrativeArea", "name": outer[0].label, "url": urls.get(outer[0].key)})
        if outer
        else {"@type": "Country", "name": e.country},
    }


#: How each schema.org type that a kind may declare (`Kind.jsonld`) is written.
BUILDERS: dict[str, Callable[[KnowledgeGraph, Node, dict[str, str]], dict[str, Any] | None]] = {
    "Event": _event,
    "EventSeries": _series,
    "Organization": _organisation,
    "Person": _person,
    "CreativeWork": _creative_work,
    "HowTo": _how_to,
    "AdministrativeArea": _area,
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
