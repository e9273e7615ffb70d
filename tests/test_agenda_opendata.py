"""Agenda feeds, upcoming and past sessions, schema.org JSON-LD and the open-data export, on a built site."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path

import jsonschema
import pytest
from icalendar import Calendar

from conftest import SMALL_SITE, Site, links
from praktijkboek.core.knowledge.load import load
from praktijkboek.core.reading.loader import Layout

# The build "happens" on 1 September 2019: bijeenkomst-1 (6 June) is past, bijeenkomst-2 (22 October) upcoming.
BUILD_DAY = {"SOURCE_DATE_EPOCH": str(int(dt.datetime(2019, 9, 1, 12, tzinfo=dt.timezone.utc).timestamp()))}


@pytest.fixture(scope="module")
def dated_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    files = {
        **SMALL_SITE,
        "networks/buurtpunt/sessions/zonder-uur.yml": "title: Zonder uur\ndate: 2019-11-05\n",
        "networks/buurtpunt/sessions/zonder-datum.yml": "title: Nog te plannen\n",
    }
    site = Site(tmp_path_factory.mktemp("agenda"), files)
    result = site.build(env=BUILD_DAY)
    assert result.returncode == 0, result.stderr
    return site


def ics(site: Site, path: str) -> Calendar:
    return Calendar.from_ical((site.root / "site/agenda" / path).read_bytes())


def test_the_feed_of_all_sessions(dated_site: Site):
    cal = ics(dated_site, "index.ics")
    events = {str(e["UID"]): e for e in cal.walk("VEVENT")}
    assert set(events) == {"buurtpunt.bijeenkomst-1@praktijkboek", "buurtpunt.bijeenkomst-2@praktijkboek", "buurtpunt.zonder-uur@praktijkboek"}
    timed = events["buurtpunt.bijeenkomst-1@praktijkboek"]
    assert timed["DTSTART"].dt == dt.datetime(2019, 6, 6, 19, 30, tzinfo=timed["DTSTART"].dt.tzinfo)
    assert str(timed["DTSTART"].dt.tzinfo) == "Europe/Brussels" and timed["DTSTART"].params["TZID"] == "Europe/Brussels"
    assert timed["DTEND"].dt.hour == 21 and str(timed["LOCATION"]) == "Leuven"
    assert str(timed["URL"]) == "https://example.org/boek/netwerken/buurtpunt/bijeenkomst-1/"
    all_day = events["buurtpunt.zonder-uur@praktijkboek"]
    assert all_day["DTSTART"].dt == dt.date(2019, 11, 5) and all_day["DTEND"].dt == dt.date(2019, 11, 6)
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["Europe/Brussels"]


def test_uids_are_stable_between_builds(dated_site: Site, tmp_path: Path):
    again = Site(tmp_path, {**SMALL_SITE})
    assert again.build().returncode == 0
    first = {str(e["UID"]) for e in ics(dated_site, "buurtpunt.ics").walk("VEVENT")}
    second = {str(e["UID"]) for e in ics(again, "buurtpunt.ics").walk("VEVENT")}
    assert {"buurtpunt.bijeenkomst-1@praktijkboek", "buurtpunt.bijeenkomst-2@praktijkboek"} <= first & second


def test_every_dated_session_page_offers_its_calendar_file(dated_site: Site):
    html = dated_site.page("netwerken/buurtpunt/bijeenkomst-1")
    href = re.search(r'href="([^"]+)" data-pb-ics', html).group(1)
    path = (dated_site.root / "site/netwerken/buurtpunt/bijeenkomst-1" / href).resolve()
    assert [str(e["SUMMARY"]) for e in Calendar.from_ical(path.read_bytes()).walk("VEVENT")] == ["Participatie en communicatie (Lerend netwerk buurtpunt)"]
    assert "data-pb-ics" not in dated_site.page("netwerken/buurtpunt/zonder-datum")


def test_upcoming_and_past_follow_the_build_date(dated_site: Site):
    network = dated_site.page("netwerken/buurtpunt")
    status = dict(re.findall(r'data-pb-link="session:buurtpunt/([^"]+)" data-pb-status="([a-z]+)"', network))
    assert status == {"bijeenkomst-1": "past", "bijeenkomst-2": "upcoming", "zonder-uur": "upcoming", "zonder-datum": "undated"}
    assert links(network, "sessions-upcoming") == ["session:buurtpunt/bijeenkomst-2", "session:buurtpunt/zonder-uur"]
    home = (dated_site.root / "site/index.html").read_text()
    assert links(home, "home:upcoming") == ["session:buurtpunt/bijeenkomst-2", "session:buurtpunt/zonder-uur"]
    assert links(home, "home:sessions") == ["session:buurtpunt/bijeenkomst-1"]
    assert 'data-pb-status="past"' in dated_site.page("netwerken/buurtpunt/bijeenkomst-1")


def _jsonld(html: str) -> dict:
    return json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))


def test_schema_org_json_ld(dated_site: Site):
    event = _jsonld(dated_site.page("netwerken/buurtpunt/bijeenkomst-1"))
    assert event["@type"] == "Event" and event["name"] == "Participatie en communicatie"
    assert event["startDate"] == "2019-06-06T19:30:00+02:00" and event["endDate"] == "2019-06-06T21:30:00+02:00"
    assert event["location"] == {"@type": "Place", "name": "Leuven", "address": {"@type": "PostalAddress", "addressLocality": "Leuven"}}
    assert event["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert event["organizer"] == [
        {"@type": "Organization", "name": "Netwerk Duurzame Mobiliteit", "url": "https://example.org/boek/organisaties/netwerk-mobiliteit/"}
    ]
    assert event["superEvent"]["@type"] == "EventSeries"
    assert _jsonld(dated_site.page("organisaties/netwerk-mobiliteit"))["@type"] == "Organization"
    anna = _jsonld(dated_site.page("personen/anna"))
    assert anna["@type"] == "Person" and "email" not in anna and "telephone" not in anna
    bernard = _jsonld(dated_site.page("personen/bernard"))
    assert bernard["name"] == "Bernard Govaert" and "email" not in bernard, "JSON-LD is what scrapers read first"


def test_json_ld_cannot_close_its_script(site: Site):
    site.write("networks/buurtpunt/sessions/bijeenkomst-1.yml", 'title: "</script><script>alert(1)</script>"\ndate: 2019-06-06\n')
    assert site.build().returncode == 0
    html = site.page("netwerken/buurtpunt/bijeenkomst-1")
    assert "<script>alert(1)" not in html
    assert _jsonld(html)["name"] == "</script><script>alert(1)</script>"


def test_the_export_holds_every_entity_and_relation(dated_site: Site):
    exported = json.loads((dated_site.root / "site/open-data/praktijkboek.json").read_text())
    schema = json.loads((dated_site.root / "site/open-data/praktijkboek.schema.json").read_text())
    jsonschema.Draft202012Validator(schema).validate(exported)
    graph = load(Layout(dated_site.root))
    assert {(e["kind"], e["id"]) for e in exported["entities"]} == {(n.kind, n.id) for n in graph.nodes.values()}
    relations = {(r["source"], r["field"], r["target"]) for r in exported["relations"]}
    expected = {(e.source.key, e.field, e.target.key) for edges in graph.outgoing.values() for e in edges}
    assert relations == expected and ("session:buurtpunt/bijeenkomst-1", "cases", "case:dorv") in relations
    session = next(e for e in exported["entities"] if e["id"] == "buurtpunt/bijeenkomst-1")
    assert session["data"]["start_time"] == "19:30" and session["url"] == "https://example.org/boek/netwerken/buurtpunt/bijeenkomst-1/"


def test_contact_details_are_in_no_machine_readable_output(dated_site: Site):
    """Published or not, e-mail and phone appear only on a person's page, encoded (README, "Personal data")."""
    site = dated_site.root / "site"
    contacts = ["anna.geheim@example.org", "0470 12 34 56", "bernard@example.org", "09 331 59 10", "bernard [at] example", "01 95 133 90"]
    outputs = [p for p in site.rglob("*") if p.is_file() and p.suffix in {".json", ".csv", ".ics", ".xml"}]
    assert {p.suffix for p in outputs} >= {".json", ".csv", ".ics"}
    for path in outputs:
        text = path.read_text(encoding="utf-8")
        for value in contacts:
            assert value not in text, f"{path.relative_to(site)}: {value}"
    for page in site.rglob("*.html"):
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', page.read_text(encoding="utf-8"), re.S):
            for value in contacts:
                assert value not in block, page
    person = dated_site.page("personen/bernard")
    assert re.search(r'data-pb-contact="email" data-pb-code="[^"]+" data-pagefind-ignore="all" data-search-exclude>', person), "kept out of both search indexes"


def test_the_cases_as_csv(dated_site: Site):
    raw = (dated_site.root / "site/open-data/praktijkvoorbeelden.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [r["id"] for r in rows] == ["dorv", "repair-cafe"]
    repair = rows[1]
    assert repair["gemeente"] == "Leuven" and repair["themas"] == "Mobiliteit"
    assert repair["sessies"] == "Participatie en communicatie; Juridisch kader"


def test_the_open_data_page_links_every_download(dated_site: Site):
    html = dated_site.page("open-data")
    for href in re.findall(r'href="([^"]+)" data-pb-(?:download|feed)=', html):
        assert (dated_site.root / "site/open-data" / href).resolve().is_file(), href
    assert len(re.findall(r"data-pb-feed=", html)) == 2


def test_csv_cells_never_start_a_formula(site: Site):
    site.write("content/cases/dorv.md", '---\ntitle: "=HYPERLINK(\\"https://kwaad.example\\")"\nsummary: "+31 6 12345678 bellen"\n---\n')
    assert site.build().returncode == 0
    rows = list(csv.DictReader(io.StringIO((site.root / "site/open-data/praktijkvoorbeelden.csv").read_bytes().decode("utf-8-sig"))))
    dorv = next(r for r in rows if r["id"] == "dorv")
    assert dorv["titel"].startswith("'=") and dorv["samenvatting"].startswith("'+")


def test_no_empty_calendars(site: Site):
    site.write("networks/leeg/network.yml", "title: Netwerk zonder data\nkind: overleg\n")
    site.write("networks/leeg/sessions/later.yml", "title: Ooit\n")
    assert site.build().returncode == 0
    assert not (site.root / "site/agenda/leeg.ics").exists()
    assert "data-pb-feed" not in site.page("netwerken/leeg")
    assert (site.root / "site/agenda/buurtpunt.ics").is_file()
