"""Dutch formatting shared by pages and handouts: dates, times, facts, published contact details."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .models import Person

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
    target: str | None = None
    """The key of a page in the book this fact links to (`year:2019`, `place:gemeente-halle`)."""


def contact_facts(person: Person) -> list[Fact]:
    """Email and phone, only when the person's file allows publishing them."""
    if not person.publish_contact:
        return []
    facts = []
    if person.email:
        facts.append(Fact("email", "E-mail", person.email, f"mailto:{person.email}"))
    if person.phone:
        facts.append(Fact("phone", "Telefoon", person.phone, "tel:" + "".join(c for c in person.phone if c.isdigit() or c == "+")))
    return facts


