"""Every output read by clients and validators nobody here wrote: the Nu Html Checker (the W3C's),
ical.js (Mozilla's, as in Thunderbird) next to Python's icalendar, ajv for the open data, xmllint with
the sitemaps.org XSD, qpdf, pdffonts and pdfinfo for the handouts.

They run on the repository's built book and on the copy with an editor's new network (sessions with
start and end times, an online meeting, every kind of page). `./scripts/test` installs them: the
Debian packages (scripts/system-packages) and the npm packages at the versions in
tests/conformance/package-lock.json.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest

from conftest import REPO, BuiltBook
from praktijkboek.core.exports import agenda
from praktijkboek.core.knowledge.load import load
from praktijkboek.core.reading.loader import Layout

TOOLS = REPO / "tests" / "conformance"
MODULES = TOOLS / "node_modules"
VNU = MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"

pytestmark = pytest.mark.skipif(
    not MODULES.is_dir() or not all(shutil.which(tool) for tool in ("node", "java", "qpdf", "pdffonts", "pdfinfo", "xmllint")),
    reason="the conformance clients are missing: run ./scripts/test, which installs them",
)

#: Errors the Nu Html Checker finds in a plain Material for MkDocs site too (see
#: test_materials_own_errors_are_materials); they come from Material's templates, not from ours.
MATERIALS_OWN = [
    # The drawer, search and palette toggles are <input type="checkbox" autocomplete="off">: Material
    # sets autocomplete so that Firefox does not restore a toggle's state on reload.
    "Attribute “autocomplete” is only allowed when the input type is",
    # The table of contents' title is <label for="__toc">, but the __toc checkbox is only made for a page
    # in the navigation; the practice book keeps entity pages out of it (the nav would be quadratic).
    "The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control.",
]


@pytest.fixture(scope="module", params=["repository_book", "book_with_a_new_network"])
def book(request: pytest.FixtureRequest) -> BuiltBook:
    return request.getfixturevalue(request.param)


def nu_html_checker(folder: Path) -> list[dict]:
    """The checker's errors over every HTML file of a site (warnings, such as Material's, are left out)."""
    result = subprocess.run(["java", "-jar", str(VNU), "--format", "json", "--errors-only", "--skip-non-html", str(folder)], capture_output=True, text=True)
    return json.loads(result.stderr)["messages"]


def test_every_page_is_valid_html(book: BuiltBook):
    errors = [m for m in nu_html_checker(book.site) if not any(m["message"].startswith(own) for own in MATERIALS_OWN)]
    assert errors == [], [(m["url"].split("/site/")[-1], m.get("lastLine"), m["message"]) for m in errors[:10]]


def test_materials_own_errors_are_materials(tmp_path: Path):
    """Each exception above is found in a plain Material site of the same theme settings: it is no defect of ours."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Start\n\n## Een kop\n\nTekst.\n")
    (tmp_path / "docs" / "los.md").write_text("# Los\n\n## Eerste kop\n\nTekst.\n\n## Tweede kop\n\nMeer.\n")
    book = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    theme = book[book.index("theme:") : book.index("\nplugins:")].replace("  custom_dir: overrides\n", "")
    (tmp_path / "mkdocs.yml").write_text(f"site_name: Kaal\nsite_url: https://example.org/\nnav:\n  - index.md\nnot_in_nav: los.md\n{theme}\n")
    built = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(tmp_path / "mkdocs.yml")],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert built.returncode == 0, built.stderr
    messages = [m["message"] for m in nu_html_checker(tmp_path / "site")]
    for own in MATERIALS_OWN:
        assert any(message.startswith(own) for message in messages), own


def _utc(value: dt.date | dt.datetime) -> str:
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return value.strftime("%Y-%m-%d")


def test_every_calendar_gives_the_same_instants_in_ical_js_and_icalendar(book: BuiltBook):
    feeds = sorted(book.site.rglob("*.ics"))
    assert feeds
    read = subprocess.run(["node", str(TOOLS / "ical.mjs"), *map(str, feeds)], capture_output=True, text=True)
    assert read.returncode == 0, read.stderr
    by_ical_js = json.loads(read.stdout)
    graph = load(Layout(book.root))
    expected: dict[str, tuple[str, str | None]] = {}
    brussels = ZoneInfo("Europe/Brussels")
    for session in graph.events():
        e = session.entity
        if e.date is None:
            continue
        if e.start_time is None:
            expected[agenda.uid(session)] = (e.date.isoformat(), None)
        else:
            end = dt.datetime.combine(e.last_day, e.end_time, brussels) if e.end_time else None
            expected[agenda.uid(session)] = (_utc(dt.datetime.combine(e.date, e.start_time, brussels)), end and _utc(end))
    for feed in feeds:
        events = icalendar.Calendar.from_ical(feed.read_bytes()).walk("VEVENT")
        by_icalendar = {str(v["uid"]): _utc(v.decoded("dtstart")) for v in events}
        mozilla = {item["uid"]: item["start"] for item in by_ical_js[str(feed)]}
        assert mozilla == by_icalendar, feed.name
        for uid, start in mozilla.items():
            assert start == expected[uid][0], f"{feed.name}: {uid}"
        for item in by_ical_js[str(feed)]:
            if expected[item["uid"]][1]:
                assert item["end"] == expected[item["uid"]][1], f"{feed.name}: {item['uid']}"


def test_a_session_in_summer_and_one_in_winter_are_an_hour_apart_in_utc(tmp_path: Path):
    """The time zone's yearly rules, read by ical.js for dates in every period of its history."""
    lines = [b"BEGIN:VCALENDAR", b"VERSION:2.0", b"PRODID:-//test//NL"]
    body = agenda.vtimezone()
    # Either side of every change of the rules; the expected instants come from the tz database.
    local = [
        "1977-03-30 19:30",
        "1977-04-10 19:30",
        "1978-09-30 19:30",
        "1980-04-05 19:30",
        "1980-04-07 19:30",
        "1990-07-10 19:30",
        "1990-10-10 19:30",
        "1995-10-01 19:30",
        "1996-10-20 19:30",
        "1996-10-28 19:30",
        "2019-10-22 19:30",
        "2019-10-29 19:30",
        "2026-03-28 10:00",
        "2026-03-30 10:00",
    ]
    brussels = ZoneInfo("Europe/Brussels")
    cases = {when: _utc(dt.datetime.strptime(when, "%Y-%m-%d %H:%M").replace(tzinfo=brussels)) for when in local}
    events = b""
    for number, local in enumerate(cases):
        stamp = local.replace("-", "").replace(":", "").replace(" ", "T") + "00"
        events += (f"BEGIN:VEVENT\r\nUID:{number}\r\nDTSTAMP:20260101T000000Z\r\nDTSTART;TZID=Europe/Brussels:{stamp}\r\nEND:VEVENT\r\n").encode()
    path = tmp_path / "zones.ics"
    path.write_bytes(b"\r\n".join(lines) + b"\r\n" + body + events + b"END:VCALENDAR\r\n")
    read = subprocess.run(["node", str(TOOLS / "ical.mjs"), str(path)], capture_output=True, text=True, check=True)
    assert [item["start"] for item in json.loads(read.stdout)[str(path)]] == list(cases.values())


def test_the_open_data_matches_its_json_schema(book: BuiltBook):
    folder = book.site / "open-data"
    result = subprocess.run(
        ["node", str(TOOLS / "jsonschema.mjs"), str(folder / "praktijkboek.schema.json"), str(folder / "praktijkboek.json")], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []


def test_the_sitemap_matches_the_sitemaps_org_schema(book: BuiltBook):
    schema = MODULES / "sitemap" / "schema" / "sitemap.xsd"
    result = subprocess.run(["xmllint", "--noout", "--schema", str(schema), str(book.site / "sitemap.xml")], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def _root(pdf: Path) -> str:
    trailer = subprocess.run(["qpdf", "--show-object=trailer", str(pdf)], capture_output=True, text=True, check=True).stdout
    number = re.search(r"/Root (\d+) 0 R", trailer).group(1)
    return subprocess.run(["qpdf", f"--show-object={number}", str(pdf)], capture_output=True, text=True, check=True).stdout


@pytest.mark.browser
def test_every_handout_is_a_sound_tagged_dutch_pdf(book: BuiltBook):
    pdfs = sorted((book.site / "handouts").rglob("*.pdf"))
    assert pdfs
    for pdf in pdfs:
        check = subprocess.run(["qpdf", "--check", str(pdf)], capture_output=True, text=True)
        assert check.returncode == 0, f"{pdf.name}: {check.stdout[-500:]}"
        fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
        assert fonts and all(line.split()[-5] == "yes" for line in fonts), f"{pdf.name}: a font is not embedded"
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        assert re.search(r"^Title:\s+\S", info, re.M), f"{pdf.name}: no title"
        assert re.search(r"^Tagged:\s+yes", info, re.M), f"{pdf.name}: not tagged"
        root = _root(pdf)
        assert re.search(r"/Lang \((nl|nl-BE|nl-NL)\)", root), f"{pdf.name}: no Dutch language"
        assert "/StructTreeRoot" in root, f"{pdf.name}: no structure tree"


@pytest.mark.browser
def test_each_packs_bookmarks_are_its_sessions_titles(book: BuiltBook):
    graph = load(Layout(book.root))
    for network in graph.by_kind["network"]:
        sessions = graph.sessions_of(network)
        if not sessions:
            continue
        pack = book.site / "handouts" / f"{network.id}.pdf"
        outlines = json.loads(subprocess.run(["qpdf", "--json", "--json-key=outlines", str(pack)], capture_output=True, text=True, check=True).stdout)[
            "outlines"
        ]
        assert [item["title"] for item in outlines] == [s.label for s in sessions], network.id
        title = subprocess.run(["pdfinfo", str(pack)], capture_output=True, text=True, check=True).stdout
        assert f"Hand-outs: {network.label}" in title
