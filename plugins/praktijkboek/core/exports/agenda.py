"""The agenda: iCalendar feeds of sessions, and upcoming versus past by the build date.

- one feed for all sessions, one per network, and one file per session (the "add to
  calendar" link on its page);
- UIDs are stable (made of the session's id), so a calendar that subscribed updates
  the event instead of adding a copy;
- times are in Europe/Brussels, with the time zone described in the feed; a session
  without a time is an all-day event; a session without a date is left out.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from icalendar import Calendar
from icalendar import Event as ICalEvent

from praktijkboek.core.knowledge.graph import KnowledgeGraph, Node
from praktijkboek.core.reading.models import PARTS_OF_DAY, Event
from praktijkboek.core.reading.problems import Problem

TIMEZONE = ZoneInfo("Europe/Brussels")
AGENDA_DIR = "agenda"
UID_DOMAIN = "praktijkboek"


def build_date() -> dt.date:
    """Today, or the date of SOURCE_DATE_EPOCH (reproducible builds and tests)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc).astimezone(TIMEZONE).date()
    return dt.datetime.now(TIMEZONE).date()


def feed_path(network: Node | None = None) -> str:
    return f"{AGENDA_DIR}/{network.id}.ics" if network else f"{AGENDA_DIR}/index.ics"


def clashes(graph: KnowledgeGraph) -> list[Problem]:
    """A network whose feed would land on the file of another (`index`: the feed of all sessions):
    never one silently overwriting the other."""
    taken = {feed_path(): "de agenda van alle sessies", f"{AGENDA_DIR}/{ACTIVITIES}.ics": "de map met de agenda's van de losse activiteiten"}
    problems = []
    for network in graph.by_kind["network"]:
        path = feed_path(network)
        if path in taken:
            problems.append(
                Problem(
                    network.path,
                    1,
                    None,
                    f"de agenda van dit netwerk komt in hetzelfde bestand (/{path}) als {taken[path]}",
                    f"De id '{network.id}' is voorbehouden: geef de map van het netwerk een andere naam.",
                )
            )
        taken.setdefault(path, f"de agenda van {network.path}")
    return problems


#: The folder of the calendar files of activities that belong to no network (a network's id may not be this).
ACTIVITIES = "activiteiten"


def session_path(session: Node) -> str:
    return f"{AGENDA_DIR}/{session.network_id or ACTIVITIES}/{session.name}.ics"


def uid(session: Node) -> str:
    """Stable: made of the id (an activity's in the folder name of activities, as no network may be called)."""
    ident = session.id if session.network_id else f"{ACTIVITIES}/{session.id}"
    return f"{ident.replace('/', '.')}@{UID_DOMAIN}"


@dataclass
class Split:
    upcoming: list[Node]
    """Sessions on or after the build date, soonest first."""
    past: list[Node]
    """Sessions before the build date, most recent first."""
    undated: list[Node]


def split(sessions: list[Node], today: dt.date) -> Split:
    dated = [s for s in sessions if getattr(s.entity, "date", None)]
    upcoming = sorted((s for s in dated if s.entity.last_day >= today), key=lambda s: s.sort_key())  # type: ignore[attr-defined]  # Node.entity is typed as the base Entity; these nodes are events
    past = sorted((s for s in dated if s.entity.last_day < today), key=lambda s: s.sort_key(), reverse=True)  # type: ignore[attr-defined]  # Node.entity is typed as the base Entity; these nodes are events
    return Split(upcoming, past, [s for s in sessions if not getattr(s.entity, "date", None)])


def location(graph: KnowledgeGraph, session: Node) -> str | None:
    """Where to go, as a calendar shows it: the venue's address; 'Online' (or the meeting link, where it may be
    published) for an online session; both for a hybrid one; else the regions it is for."""
    e = session.entity
    assert isinstance(e, Event)
    on_site = e.venue_line if e.on_site else ""
    if not on_site and e.on_site:
        on_site = ", ".join(r.label for r in graph.targets(session, "regions"))
    online = (e.online_url if e.publish_online_url else "Online") if e.online else ""
    return " en ".join(part for part in (on_site, online) if part) or None


def event(graph: KnowledgeGraph, session: Node, url: str | None, stamp: dt.datetime) -> ICalEvent | None:
    e = session.entity
    assert isinstance(e, Event)
    if e.date is None:
        return None
    network = graph.series_of(session)
    item = ICalEvent()
    item.add("uid", uid(session))
    item.add("dtstamp", stamp)
    status = {"volzet": " (volzet)", "afgelast": " (afgelast)"}.get(e.status, "")
    item.add("summary", f"{e.title} ({network.label}){status}" if network else f"{e.title}{status}")
    last = e.end_date or e.date
    if e.start_time and (e.end_time or not e.end_date):
        start = dt.datetime.combine(e.date, e.start_time, tzinfo=TIMEZONE)
        item.add("dtstart", start)
        item.add("dtend", dt.datetime.combine(last, e.end_time, tzinfo=TIMEZONE) if e.end_time else start + dt.timedelta(hours=2))
    else:  # all day (a part of the day without hours too: the calendar says which part; several days without an end hour)
        item.add("dtstart", e.date)
        item.add("dtend", last + dt.timedelta(days=1))
    item.add("status", "CANCELLED" if e.status == "afgelast" else "CONFIRMED")
    where = location(graph, session)
    if where:
        item.add("location", where)
    description = [e.summary or ""]
    if e.part_of_day and not e.start_time:
        description.append(f"Wanneer: {PARTS_OF_DAY[e.part_of_day]}")
    if e.start_time and e.end_date and not e.end_time:
        description.append(f"Begint om {e.start_time:%H.%M} uur.")
    if e.status == "volzet":
        description.append("Deze sessie is volzet.")
    if e.status == "verplaatst" and e.previous_date:
        description.append(f"Verplaatst; eerst gepland op {e.previous_date.day}-{e.previous_date.month}-{e.previous_date.year}.")
    if e.online_url and e.publish_online_url:
        description.append(f"Online meedoen: {e.online_url}")
    if network:
        description.append(f"Netwerk: {network.label}")
    if url:
        description.append(url)
        item.add("url", url)
    item.add("description", "\n\n".join(part for part in description if part))
    return item


@dataclass
class SerialisedEvent:
    """One session's VEVENT, serialised once and shared by every feed it appears in."""

    data: bytes
    timed: bool
    """Whether it has a clock time (and so needs the VTIMEZONE in the feed)."""


def serialise(item: ICalEvent) -> SerialisedEvent:
    return SerialisedEvent(item.to_ical(), isinstance(item.decoded("dtstart"), dt.datetime))


def calendar(events: list[SerialisedEvent], name: str, timezone: bytes) -> bytes:
    """An iCalendar file of already serialised events.

    `timezone` is the VTIMEZONE of Europe/Brussels, serialised once for all feeds (see `feeds`);
    it goes before the first event, and only into feeds with a timed event. iCalendar is
    line-based, so joining serialised components is exact.
    """
    cal = Calendar()
    cal.add("prodid", "-//Praktijkboek lerende netwerken//NL")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", " ".join(name.split()))  # one line: a title written as a block has line ends
    cal.add("x-wr-timezone", "Europe/Brussels")
    head = cal.to_ical()
    end = b"END:VCALENDAR\r\n"
    assert head.endswith(end)
    zone = timezone if any(e.timed for e in events) else b""
    return head[: -len(end)] + zone + b"".join(e.data for e in events) + end


#: Europe/Brussels as calendar programs expect it: the yearly rules of summer time, not a list of
#: dates. (icalendar's `Timezone.from_tzinfo` writes every transition on one RDATE line; ical.js
#: reads only its first date and vobject is wrong from 2013 on, an hour off.) Summer time starts on
#: the last Sunday of March at 02:00 and ends on the last Sunday of October at 03:00, since 1996;
#: from 1979 to 1995 it ended on the last Sunday of September (in 1977 too, in 1978 on 1 October), and
#: from 1977 to 1980 it started on the first Sunday of April. (No summer time from 1947 to 1976.)
_RULES: list[tuple[str, str, int | None, str, str | None, str, str, str]] = [
    # (component, start of the rule, month, day, until, offset before, offset after, name)
    ("STANDARD", "19470101T000000", None, "", None, "+0100", "+0100", "CET"),  # before 1977: no summer time
    ("DAYLIGHT", "19770403T020000", 4, "1SU", "19800406T010000Z", "+0100", "+0200", "CEST"),
    ("DAYLIGHT", "19810329T020000", 3, "-1SU", None, "+0100", "+0200", "CEST"),
    ("STANDARD", "19770925T030000", None, "", None, "+0200", "+0100", "CET"),  # 1977: the last Sunday of September
    ("STANDARD", "19781001T030000", None, "", None, "+0200", "+0100", "CET"),  # 1978: 1 October
    ("STANDARD", "19790930T030000", 9, "-1SU", "19950924T010000Z", "+0200", "+0100", "CET"),
    ("STANDARD", "19961027T030000", 10, "-1SU", None, "+0200", "+0100", "CET"),
]


def vtimezone() -> bytes:
    """The VTIMEZONE of Europe/Brussels: the same in every feed, so made once."""
    lines = ["BEGIN:VTIMEZONE", "TZID:Europe/Brussels", "X-LIC-LOCATION:Europe/Brussels"]
    for component, start, month, day, until, before, after, name in _RULES:
        rules = [f"RRULE:FREQ=YEARLY;BYMONTH={month};BYDAY={day}" + (f";UNTIL={until}" if until else "")] if month else []
        lines += [f"BEGIN:{component}", f"DTSTART:{start}", *rules, f"TZOFFSETFROM:{before}", f"TZOFFSETTO:{after}", f"TZNAME:{name}", f"END:{component}"]
    lines.append("END:VTIMEZONE")
    return ("\r\n".join(lines) + "\r\n").encode("ascii")


def feeds(graph: KnowledgeGraph, urls: dict[str, str], site_name: str, today: dt.date) -> dict[str, bytes]:
    """Every .ics file of the book, by site path (none for a network without dated sessions)."""
    stamp = dt.datetime.combine(today, dt.time(0, 0), tzinfo=dt.timezone.utc)
    every = graph.events()
    dates = [s.entity.date for s in every if getattr(s.entity, "date", None)]  # type: ignore[attr-defined]  # Node.entity is typed as the base Entity; these nodes are events
    timezone = vtimezone() if dates else b""

    events: dict[str, SerialisedEvent] = {}
    for session in every:
        item = event(graph, session, urls.get(session.key), stamp)
        if item is not None:
            events[session.key] = serialise(item)

    def feed(sessions: list[Node], name: str) -> bytes:
        return calendar([events[s.key] for s in sessions if s.key in events], name, timezone)

    files = {}
    if events:  # a calendar without events is not valid iCalendar
        files[feed_path()] = feed(every, f"{site_name}: alle sessies")
    for network in graph.by_kind["network"]:
        if any(s.key in events for s in graph.sessions_of(network)):
            files[feed_path(network)] = feed(graph.sessions_of(network), network.label)
    for session in every:
        if session.key in events:
            files[session_path(session)] = feed([session], session.label)
    return files
