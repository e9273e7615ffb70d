"""Dutch formatting shared by pages and handouts: dates, times, facts, published contact details."""

from __future__ import annotations

import base64
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from praktijkboek.core.knowledge.graph import KnowledgeGraph, Node
from praktijkboek.core.knowledge.taxonomy import PlaceGroup
from praktijkboek.core.reading.models import PARTS_OF_DAY, Event, Organisation, Person

MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"]
WEEKDAYS = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"]


def format_date(value: dt.date | None, weekday: bool = False) -> str:
    if value is None:
        return "datum nog niet bekend"
    text = f"{value.day} {MONTHS[value.month - 1]} {value.year}"
    return f"{WEEKDAYS[value.weekday()]} {text}" if weekday else text


def format_time_range(start: dt.time | None, end: dt.time | None) -> str | None:
    if not start:
        return None
    text = f"{start:%H.%M}"
    return f"{text}–{end:%H.%M} uur" if end else f"vanaf {text} uur"


@dataclass
class Fact:
    name: str
    """Stable field name, for `data-pb-field` hooks."""
    label: str
    value: str
    href: str | None = None
    """An outside address (website, mailto:, tel:)."""
    contact: tuple[str, str] | None = None
    """('email' | 'phone', encoded value) for published contact details; `value` is then only the fallback
    shown without script (an address with [at] and [punt], a phone number stored reversed)."""
    target: str | None = None
    """The key of a page in the book this fact links to (`year:2019`, `place:gemeente-halle`)."""


ATTENDANCE = {"ter plaatse": "Ter plaatse", "online": "Online", "hybride": "Ter plaatse en online (hybride)"}
STATUS = {"volzet": "Volzet", "afgelast": "Afgelast", "verplaatst": "Verplaatst"}
SINGULAR = {"deelnemers": "deelnemer", "teams": "team", "organisaties": "organisatie", "gemeenten": "gemeente"}


def format_dates(start: dt.date | None, end: dt.date | None) -> str:
    """One day, or the first and the last of a session over several days."""
    if not end or not start:
        return format_date(start, weekday=True)
    return f"{format_date(start, weekday=True)} tot {format_date(end, weekday=True)}"


def when(event: Event) -> str | None:
    """The hours, or the part of the day when the hours are not known."""
    return format_time_range(event.start_time, event.end_time) or (PARTS_OF_DAY[event.part_of_day] if event.part_of_day else None)


def where(event: Event, regions: list[Node]) -> str | None:
    """The venue, its address and municipality; else the regions it is for; 'online' where it is online only."""
    on_site = event.venue_line
    if not on_site and regions:
        on_site = "voor " + _and([r.label for r in regions])
    if event.attendance == "online":
        return "Online" + (f", {on_site}" if on_site else "")
    if event.attendance == "hybride":
        return f"{on_site} en online" if on_site else "Ter plaatse en online"
    return on_site or None


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " en " + items[-1]


def session_facts(session: Event, regions: list[Node] = []) -> list[Fact]:  # noqa: B006  # never changed
    """When and where a session is: on its page and on its handout alike. `regions`: the regions it names."""
    date = session.date
    facts = [Fact("date", "Datum", format_dates(date, session.end_date), target=f"year:{date.year}" if date else None)]
    if session.status != "open":
        text = STATUS[session.status] + (f" (eerst gepland op {format_date(session.previous_date)})" if session.previous_date else "")
        facts.append(Fact("status", "Stand van zaken", text))
    place = where(session, regions)
    target = PlaceGroup("municipality", session.municipality).key if session.municipality else None
    for name, label, value, key in (
        ("time", "Uur", when(session), None),
        ("place", "Waar", place, target),
        ("format", "Vorm", session.format, None),
    ):
        if value:
            facts.append(Fact(name, label, value, target=key))
    if session.online_url and session.publish_online_url:
        facts.append(Fact("online_url", "Online meedoen", session.online_url, href=session.online_url))
    return facts


def format_amount(amount: Decimal) -> str:
    """`Gratis`, or the amount the Dutch way: € 12,50 (€ 25 for a round one)."""
    if amount == 0:
        return "Gratis"
    text = f"{amount:.2f}".replace(".", ",")
    return "€ " + (text[:-3] if text.endswith(",00") else text)


def taking_part_facts(session: Event) -> list[Fact]:
    """Who can take part and how: capacity, cost, registration (its e-mail address written as published contacts are)."""
    facts = []
    if session.capacity:
        unit = SINGULAR.get(session.capacity_unit, session.capacity_unit) if session.capacity == 1 else session.capacity_unit
        facts.append(Fact("capacity", "Plaatsen", f"hoogstens {session.capacity} {unit}"))
    if session.cost is not None:
        facts.append(Fact("cost", "Kosten", format_amount(session.cost)))
    registration = session.registration
    if registration and session.status not in ("afgelast",):
        if registration.url:
            facts.append(Fact("registration_url", "Inschrijven", registration.url, href=registration.url))
        if registration.email:
            facts.append(contact_fact("registration_email", "Inschrijven per e-mail", registration.email))
        if registration.deadline:
            facts.append(Fact("registration_deadline", "Inschrijven tot", format_date(registration.deadline, weekday=True)))
        if registration.note:
            facts.append(Fact("registration_note", "Over inschrijven", registration.note))
    return facts


def roles_of(graph: KnowledgeGraph, node: Node, field: str) -> list[tuple[Node, str | None]]:
    """Who is in a role at a session (`speakers`, `facilitators`, `organisers`), in the order written, with the role text."""
    texts = {role.who: role.role for role in getattr(node.entity, field, [])}
    return [(target, texts.get(target.id)) for target in graph.targets(node, field)]


def encode_contact(value: str) -> str:
    """How a published address sits in the page: reversed and base64, decoded by the page's script,
    so that simple scrapers reading the HTML do not find it."""
    return base64.b64encode(value[::-1].encode("utf-8")).decode("ascii")


def contact_fact(name: str, label: str, email: str) -> Fact:
    """An e-mail address as published contacts are written: encoded in the page, readable through its script."""
    readable = email.replace("@", " [at] ").replace(".", " [punt] ")
    return Fact(name, label, readable, contact=("email", encode_contact(email)))


def contact_facts(entity: Person | Organisation) -> list[Fact]:
    """Email and phone, never in plain text in the page: a person's only when their file allows publishing
    them; an organisation's always (they are its public ones)."""
    if isinstance(entity, Person) and not entity.publish_contact:
        return []
    facts: list[Fact] = []
    if entity.email:
        facts.append(contact_fact("email", "E-mail", entity.email))
    if entity.phone:
        facts.append(Fact("phone", "Telefoon", entity.phone[::-1], contact=("phone", encode_contact(entity.phone))))
    return facts
