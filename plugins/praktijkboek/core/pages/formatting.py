"""Dutch formatting shared by pages and handouts: dates, times, facts, published contact details."""

from __future__ import annotations

import base64
import datetime as dt
from dataclasses import dataclass

from praktijkboek.core.reading.models import Person, Session

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


def session_facts(session: Session) -> list[Fact]:
    """When and where a session is: on its page and on its handout alike."""
    date = session.date
    facts = [Fact("date", "Datum", format_date(date, weekday=True), target=f"year:{date.year}" if date else None)]
    for name, label, value in (
        ("time", "Uur", format_time_range(session.start_time, session.end_time)),
        ("place", "Plaats", session.place),
        ("format", "Vorm", session.format),
    ):
        if value:
            facts.append(Fact(name, label, value))
    return facts


def encode_contact(value: str) -> str:
    """How a published address sits in the page: reversed and base64, decoded by the page's script,
    so that simple scrapers reading the HTML do not find it."""
    return base64.b64encode(value[::-1].encode("utf-8")).decode("ascii")


def contact_facts(person: Person) -> list[Fact]:
    """Email and phone, only when the person's file allows publishing them, never in plain text in the page."""
    if not person.publish_contact:
        return []
    facts: list[Fact] = []
    if person.email:
        readable = person.email.replace("@", " [at] ").replace(".", " [punt] ")
        facts.append(Fact("email", "E-mail", readable, contact=("email", encode_contact(person.email))))
    if person.phone:
        facts.append(Fact("phone", "Telefoon", person.phone[::-1], contact=("phone", encode_contact(person.phone))))
    return facts
