"""Real events and full case records, built: where and how a session takes place, its time, taking part,
roles, activities of their own, methods and tools, regions, case records, pictures and files.

Asserted on the built HTML (its `data-pb-*` hooks), the JSON-LD, the calendar files, the pictures the
site got and the handout manifest of one small book that uses every new field.
"""

from __future__ import annotations

import datetime as dt
import html as markup
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from icalendar import Calendar
from PIL import Image

from conftest import SMALL_SITE, Site, links
from conftest import field as escaped_field


def field(html: str, name: str) -> str | None:
    value = escaped_field(html, name)
    return markup.unescape(value) if value is not None else None


# The build "happens" on 1 September 2019 (see test_agenda_opendata.py).
BUILD_DAY = {"SOURCE_DATE_EPOCH": str(int(dt.datetime(2019, 9, 1, 12, tzinfo=dt.timezone.utc).timestamp()))}


def _photo(width: int, height: int, orientation: int = 1) -> bytes:
    """A JPEG as a phone makes it: large, with EXIF (the place it was taken, here just a camera name, and
    how the phone was held: orientation 6 is upright, the picture stored on its side)."""
    picture = Image.new("RGB", (width, height), (200, 120, 40))
    exif = Image.Exif()
    exif[0x0110] = "Telefoon X"  # Model
    exif[0x0112] = orientation
    out = io.BytesIO()
    picture.save(out, "JPEG", exif=exif.tobytes())
    return out.getvalue()


def _png_with_text() -> bytes:
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "GPS 50.88 4.70")
    out = io.BytesIO()
    Image.new("RGB", (200, 100), (0, 90, 80)).save(out, "PNG", pnginfo=info)
    return out.getvalue()


EVENTS = {
    **SMALL_SITE,
    "networks/buurtpunt/sessions/online.yml": """\
        title: Online terugkomdag
        date: 2019-10-01
        start_time: "14:00"
        end_time: "15:00"
        attendance: online
        online_url: https://meet.example.org/terugkomdag
        publish_online_url: true
        status: volzet
        """,
    "networks/buurtpunt/sessions/geheim.yml": """\
        title: Online met een geheime link
        date: 2019-10-02
        attendance: online
        online_url: https://meet.example.org/geheim-123
        """,
    "networks/buurtpunt/sessions/hybride.yml": """\
        title: Hybride studiedag
        date: 2019-11-04
        end_date: 2019-11-05
        part_of_day: voormiddag
        attendance: hybride
        venue: CC De Werf
        address: Werfstraat 1, 9300 Aalst
        municipality: Aalst
        cost: "12,50"
        capacity: 40
        registration:
          url: https://example.org/inschrijven
          email: inschrijven@example.org
          deadline: 2019-10-20
          note: Tot vier weken vooraf.
        facilitators:
          - who: anna
            role: procesbegeleider
        organisers: [netwerk-mobiliteit]
        methods: [intervisie]
        materials:
          - title: De presentatie
            file: presentaties/studiedag.pdf
        pictures:
          - file: fotos/zaal.jpg
            alt: De zaal vol deelnemers
            caption: De ochtendsessie
        """,
    "networks/buurtpunt/sessions/regio.yml": """\
        title: Regionale sessie noord
        date: 2019-12-01
        part_of_day: dagdeel
        regions: [friesland, groningen]
        capacity: 6
        capacity_unit: teams
        cost: gratis
        registration:
          note: Aanmelden per e-mail.
        """,
    "networks/buurtpunt/sessions/drie-dagen.yml": "title: Drie dagen\ndate: 2019-09-25\nend_date: 2019-09-27\nstart_time: '09:00'\nmunicipality: Zwolle\nregions: [friesland]\n",
    "networks/buurtpunt/sessions/afgelast.yml": "title: Afgelaste sessie\ndate: 2019-10-10\nstatus: afgelast\nmunicipality: Leuven\n",
    "networks/buurtpunt/sessions/verplaatst.yml": "title: Verplaatste sessie\ndate: 2019-10-17\nstatus: verplaatst\nprevious_date: 2019-10-03\n",
    "content/activities/webinar.yml": """\
        title: Webinar over dorpen
        date: 2019-09-20
        start_time: "10:00"
        end_time: "11:00"
        attendance: online
        speakers:
          - who: anna
            role: gebiedswerker, gemeente X
        organisers: [netwerk-mobiliteit]
        methods: [intervisie]
        pictures:
          - file: fotos/staand.jpg
            alt: Een spreker, staand gefotografeerd
        """,
    "content/methods/intervisie.yml": "title: Intervisie\nkind: werkvorm\npurpose: Samen leren van lastige situaties.\nmaterials: [Een lokaal, Een tijdwaker]\n",
    "content/regions/friesland.yml": "name: Friesland\ncountry: Nederland\nkind: provincie\n",
    "content/regions/groningen.yml": "name: Groningen\ncountry: Nederland\nkind: provincie\n",
    "content/regions/limburg-be.yml": "name: Limburg\ncountry: België\nkind: provincie\n",
    "content/regions/limburg-nl.yml": "name: Limburg\ncountry: Nederland\nkind: provincie\n",
    "content/cases/genk.yml": "title: Buurtpunt Genk\nplace:\n  municipality: Genk\n  region: limburg-be\n",
    "content/cases/venlo.yml": "title: Buurtpunt Venlo\nplace:\n  municipality: Venlo\n  region: limburg-nl\n",
    "content/cases/repair-cafe.yml": """\
        title: Repair Café
        place:
          municipality: Leuven
        status: lopend
        start_year: 2015
        aim: Spullen langer laten meegaan en buren laten kennismaken.
        approach: |
          Eén keer per maand herstellen vrijwilligers wat buren meebrengen.

          Wie wacht, drinkt koffie.
        results: Honderden herstellingen per jaar.
        lessons: [Begin klein, Zoek een vaste zaal]
        needs:
          people: Een tiental vrijwilligers
          space: Een zaal met stopcontacten
        contact: netwerk-mobiliteit
        website: https://www.repaircafe.org
        methods: [intervisie]
        pictures:
          - file: fotos/zaal.jpg
            alt: Een herstelling
        """,
    "content/organisations/netwerk-mobiliteit.yml": """\
        name: Netwerk Duurzame Mobiliteit
        address: Stationsstraat 1, 3000 Leuven
        email: info@mobiliteit.example.org
        phone: 016 12 34 56
        """,
    "content/media/fotos/zaal.jpg": b"",
    "content/cases/dorv.md": "---\ntitle: Dorv\n---\nEen dorpswinkel.\n\n![De winkel van binnen](../media/fotos/zaal.jpg)\n",
    "content/media/presentaties/studiedag.pdf": b"%PDF-1.4 presentatie\n",
}


@pytest.fixture(scope="module")
def events(tmp_path_factory: pytest.TempPathFactory) -> Site:
    site = Site(
        tmp_path_factory.mktemp("events"),
        {
            **EVENTS,
            "content/media/fotos/zaal.jpg": _photo(3200, 2400),
            "content/media/fotos/staand.jpg": _photo(3000, 2000, orientation=6),
            "content/media/logo.png": _png_with_text(),
        },
    )
    config = site.root / "mkdocs.yml"
    config.write_text(config.read_text().replace("      search: material\n", "      search: material\n      contribute_email: redactie@example.org\n"))
    result = site.build(env=BUILD_DAY)
    assert result.returncode == 0, result.stderr
    return site


def _jsonld(html: str) -> dict:
    return json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))


def _events(site: Site) -> dict[str, object]:
    cal = Calendar.from_ical((site.root / "site/agenda/index.ics").read_bytes())
    return {str(e["UID"]): e for e in cal.walk("VEVENT")}


def test_an_online_session_says_so_everywhere(events: Site):
    html = events.page("netwerken/buurtpunt/online")
    assert field(html, "place") == "Online"
    assert field(html, "online_url") == "https://meet.example.org/terugkomdag"
    data = _jsonld(html)
    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert data["location"] == {"@type": "VirtualLocation", "url": "https://meet.example.org/terugkomdag"}
    event = _events(events)["buurtpunt.online@praktijkboek"]
    assert str(event["LOCATION"]) == "https://meet.example.org/terugkomdag"
    assert str(event["URL"]) == "https://example.org/boek/netwerken/buurtpunt/online/"


def test_a_meeting_link_not_to_be_published_is_nowhere(events: Site):
    html = events.page("netwerken/buurtpunt/geheim")
    assert "geheim-123" not in html and field(html, "online_url") is None
    assert _jsonld(html)["location"] == {"@type": "VirtualLocation"}
    assert str(_events(events)["buurtpunt.geheim@praktijkboek"]["LOCATION"]) == "Online"
    assert not any(b"geheim-123" in path.read_bytes() for path in (events.root / "site").rglob("*") if path.is_file())


def test_a_hybrid_session_over_two_days_with_registration_and_cost(events: Site):
    html = events.page("netwerken/buurtpunt/hybride")
    assert field(html, "date") == "maandag 4 november 2019 tot dinsdag 5 november 2019"
    assert field(html, "time") == "'s voormiddags"
    assert field(html, "place") == "CC De Werf, Werfstraat 1, 9300 Aalst, Aalst en online"
    assert field(html, "cost") == "€ 12,50" and field(html, "capacity") == "hoogstens 40 deelnemers"
    assert field(html, "registration_deadline") == "zondag 20 oktober 2019"
    assert "inschrijven@example.org" not in html, "the registration address is encoded as published contacts are"
    assert 'data-pb-contact="email"' in re.search(r'data-pb-field="registration_email">.*?</div>', html, re.S).group(0)
    data = _jsonld(html)
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert data["startDate"] == "2019-11-04" and data["endDate"] == "2019-11-05"
    assert data["location"][0] == {
        "@type": "Place",
        "name": "CC De Werf",
        "address": {"@type": "PostalAddress", "streetAddress": "Werfstraat 1, 9300 Aalst", "addressLocality": "Aalst"},
    }
    assert data["location"][1] == {"@type": "VirtualLocation"}
    assert data["offers"] == {
        "@type": "Offer",
        "price": "12.50",
        "priceCurrency": "EUR",
        "availability": "https://schema.org/InStock",
        "url": "https://example.org/inschrijven",
        "validThrough": "2019-10-20",
    }
    assert data["maximumAttendeeCapacity"] == 40
    assert data["contributor"] == [{"@type": "Person", "name": "Anna Peeters", "url": "https://example.org/boek/personen/anna/"}]
    event = _events(events)["buurtpunt.hybride@praktijkboek"]
    assert event["DTSTART"].dt == dt.date(2019, 11, 4) and event["DTEND"].dt == dt.date(2019, 11, 6)
    assert str(event["LOCATION"]) == "CC De Werf, Werfstraat 1, 9300 Aalst, Aalst en Online"
    assert "'s voormiddags" in str(event["DESCRIPTION"])


def test_a_regional_session_is_on_its_regions_pages(events: Site):
    html = events.page("netwerken/buurtpunt/regio")
    assert field(html, "place") == "voor Friesland (NL) en Groningen (NL)"
    assert field(html, "capacity") == "hoogstens 6 teams" and field(html, "cost") == "Gratis"
    data = _jsonld(html)
    assert data["location"] == [{"@type": "AdministrativeArea", "name": "Friesland (NL)"}, {"@type": "AdministrativeArea", "name": "Groningen (NL)"}]
    assert "maximumAttendeeCapacity" not in data, "six teams are not six people"
    assert data["isAccessibleForFree"] is True and data["offers"]["price"] == "0.00"
    assert links(events.page("regios/friesland"), "in:session.regions") == ["session:buurtpunt/drie-dagen", "session:buurtpunt/regio"]
    assert str(_events(events)["buurtpunt.regio@praktijkboek"]["LOCATION"]) == "Friesland (NL), Groningen (NL)"


def test_limburg_in_belgium_and_limburg_in_the_netherlands_are_two_places(events: Site):
    assert links(events.page("regios/limburg-be"), "in:case.place") == ["case:genk"]
    assert links(events.page("regios/limburg-nl"), "in:case.place") == ["case:venlo"]
    assert links(events.page("regios/limburg-be"), "region:places") == ["place:gemeente-genk"]
    assert 'data-pb-link="region:limburg-nl"' in events.page("plaatsen/gemeente-venlo")
    assert field(events.page("praktijkvoorbeelden/venlo"), "place") == "Venlo, Limburg (NL)"


def test_full_cancelled_and_moved_sessions(events: Site):
    full = events.page("netwerken/buurtpunt/online")
    assert 'data-pb-event-status="volzet"' in full and field(full, "status") == "Volzet"
    assert _jsonld(full)["offers"]["availability"] == "https://schema.org/SoldOut"
    cancelled = events.page("netwerken/buurtpunt/afgelast")
    assert _jsonld(cancelled)["eventStatus"] == "https://schema.org/EventCancelled"
    feed = _events(events)
    assert str(feed["buurtpunt.afgelast@praktijkboek"]["STATUS"]) == "CANCELLED"
    assert str(feed["buurtpunt.online@praktijkboek"]["SUMMARY"]).endswith("(volzet)")
    moved = events.page("netwerken/buurtpunt/verplaatst")
    assert field(moved, "status") == "Verplaatst (eerst gepland op 3 oktober 2019)"
    assert _jsonld(moved)["eventStatus"] == "https://schema.org/EventRescheduled" and _jsonld(moved)["previousStartDate"] == "2019-10-03"
    home = (events.root / "site/index.html").read_text(encoding="utf-8")
    card = re.search(r'<li class="pb-card" data-pb-link="session:buurtpunt/online".*?</li>', home, re.S)
    assert card and 'data-pb-event-status="volzet"' in card.group(0), "an upcoming session that is full says so on the home page"


def test_roles_have_their_text_and_their_reverse_relation(events: Site):
    session = events.page("netwerken/buurtpunt/hybride")
    section = re.search(r'data-pb-relation="facilitators">.*?</ul>', session, re.S).group(0)
    assert 'data-pb-link="person:anna"' in section and "procesbegeleider" in section
    person = events.page("personen/anna")
    assert links(person, "in:session.facilitators") == ["session:buurtpunt/hybride"]
    assert links(person, "in:session.speakers") == ["session:buurtpunt/bijeenkomst-1", "activity:webinar"], "sessions and activities: one list"
    assert links(events.page("organisaties/netwerk-mobiliteit"), "in:session.organisers") == ["session:buurtpunt/hybride", "activity:webinar"]


def test_an_organisations_public_contact_is_shown_but_not_in_plain_text(events: Site):
    html = events.page("organisaties/netwerk-mobiliteit")
    assert field(html, "address") == "Stationsstraat 1, 3000 Leuven"
    assert "info@mobiliteit.example.org" not in html and "016 12 34 56" not in html
    assert 'data-pb-contact="email"' in html and 'data-pb-contact="phone"' in html
    data = _jsonld(html)
    assert data["address"] == "Stationsstraat 1, 3000 Leuven" and "email" not in data


def test_an_activity_of_its_own_is_everywhere_a_session_is(events: Site):
    html = events.page("activiteiten/webinar")
    assert "Sessie van" not in html and 'data-pb-kind="activity"' in html
    data = _jsonld(html)
    assert data["@type"] == "Event" and "superEvent" not in data
    assert data["organizer"][0]["name"] == "Netwerk Duurzame Mobiliteit", "its own organisers, there is no network's"
    assert "activity:webinar" in links(events.page("sessies"), "listing:session")
    assert "activiteiten.webinar@praktijkboek" in _events(events)
    assert (events.root / "site/agenda/activiteiten/webinar.ics").is_file()
    manifest = json.loads((events.root / "site/handouts/manifest.json").read_text(encoding="utf-8"))
    assert [a["pdf"] for a in manifest["activities"]] == ["handouts/activiteiten/webinar.pdf"]
    assert not (events.root / "site/netwerken/webinar").exists()


def test_a_method_has_its_page_and_the_sessions_and_cases_that_used_it(events: Site):
    html = events.page("methoden/intervisie")
    assert field(html, "kind") == "werkvorm" and field(html, "purpose") == "Samen leren van lastige situaties."
    assert "Een tijdwaker" in html
    assert links(html, "in:session.methods") == ["session:buurtpunt/hybride", "activity:webinar", "case:repair-cafe"], "one list 'Gebruikt in'"
    assert _jsonld(html)["@type"] == "HowTo"
    assert links(events.page("methoden"), "listing:method") == ["method:intervisie"]


def test_a_case_record_reads_as_one(events: Site):
    html = events.page("praktijkvoorbeelden/repair-cafe")
    order = [html.index(f'data-pb-record="{name}"') for name in ("aim", "approach", "results")]
    assert order == sorted(order)
    approach = re.search(r'data-pb-record="approach">.*?</section>', html, re.S).group(0)
    assert approach.count("<p>") == 2, "a blank line starts a new paragraph"
    assert field(html, "status") == "lopend" and field(html, "start_year") == "2015"
    assert "Zoek een vaste zaal" in re.search(r'data-pb-list="lessons">.*?</section>', html, re.S).group(0)
    assert "Een tiental vrijwilligers" in re.search(r'data-pb-record="needs">.*?</section>', html, re.S).group(0)
    assert 'data-pb-link="organisation:netwerk-mobiliteit"' in re.search(r'data-pb-record="contact">.*?</section>', html, re.S).group(0)
    assert 'data-pb-relation="contact"' not in html, "the contact once, with its details"
    assert "data-pb-invite" not in html


def test_a_case_the_book_knows_little_of_invites_the_reader(events: Site):
    html = events.page("praktijkvoorbeelden/genk")
    invite = re.search(r"<aside[^>]*data-pb-invite.*?</aside>", html, re.S).group(0)
    assert "We weten nog weinig over Buurtpunt Genk" in invite
    assert "redactie@example.org" not in invite, "the book's address is encoded as published contacts are"
    assert 'data-pb-contact="email"' in invite
    assert 'href="https://github.com/voorbeeld/boek/edit/main/content/cases/genk.yml"' in invite


def test_pictures_are_made_fit_for_the_web_and_keep_their_size(events: Site):
    built = events.root / "site/media/fotos/zaal.jpg"
    with Image.open(built) as picture:
        assert picture.size == (1600, 1200)
        assert not picture.getexif(), "the metadata of a phone's photo stays out of the site"
    html = events.page("praktijkvoorbeelden/repair-cafe")
    img = re.search(r'<figure class="pb-picture"[^>]*>\s*<img ([^>]*)>', html).group(1)
    assert 'alt="Een herstelling"' in img and 'width="1600"' in img and 'height="1200"' in img
    assert 'src="../../media/fotos/zaal.jpg"' in img


def test_an_upright_phone_photo_is_turned_and_sized_as_shown(events: Site):
    with Image.open(events.root / "site/media/fotos/staand.jpg") as picture:
        assert picture.size == (1067, 1600)
    assert events.root.joinpath("site/media/logo.png").read_bytes().find(b"GPS") == -1, "no text chunks of a small PNG either"
    html = events.page("activiteiten/webinar")
    img = re.search(r"<img [^>]*staand\.jpg[^>]*>", html).group(0)
    assert 'width="1067"' in img and 'height="1600"' in img


def test_a_picture_in_the_editors_text_gets_its_size_too(events: Site):
    img = re.search(r"<img [^>]*>", re.search(r"data-pb-body>.*?</div>", events.page("praktijkvoorbeelden/dorv"), re.S).group(0)).group(0)
    assert 'width="1600"' in img and 'height="1200"' in img and 'alt="De winkel van binnen"' in img
    assert (events.root / "site/praktijkvoorbeelden/dorv" / re.search(r'src="([^"]+)"', img).group(1)).resolve().is_file()


def test_attachments_are_in_the_site_and_linked(events: Site):
    html = events.page("netwerken/buurtpunt/hybride")
    href = re.search(r'<a href="([^"]+)" data-pb-file="presentaties/studiedag.pdf">De presentatie</a>', html).group(1)
    target = (events.root / "site/netwerken/buurtpunt/hybride" / href).resolve()
    assert target.read_bytes() == b"%PDF-1.4 presentatie\n"


def test_the_handout_has_what_taking_part_needs(events: Site):
    html = events.page("netwerken/buurtpunt/hybride")
    handout = re.search(r"<section class=\"pb-handout\".*?</section>\s*(?=<)", html, re.S).group(0)
    for name in ("place", "cost", "capacity", "registration_deadline"):
        assert f'data-pb-ho-field="{name}"' in handout
    assert 'data-pb-ho="facilitators"' in handout and "procesbegeleider" in handout


# "Komt eraan" and "voorbij" in the reader's browser -------------------------------------------------

#: Built on 1 September 2019: the session of 1 October is upcoming in the page as built.
WHEN_SITE = {
    **SMALL_SITE,
    "networks/buurtpunt/sessions/oktober.yml": "title: Sessie in oktober\ndate: 2019-10-01\n",
    "networks/buurtpunt/sessions/meer-dagen.yml": "title: Twee dagen\ndate: 2019-10-08\nend_date: 2019-10-09\n",
}


@pytest.fixture(scope="module")
def built_last_month(tmp_path_factory: pytest.TempPathFactory):
    from conftest import serve_folder

    site = Site(tmp_path_factory.mktemp("when"), WHEN_SITE)
    result = site.build(env=BUILD_DAY)
    assert result.returncode == 0, result.stderr
    with serve_folder(site.root / "site") as url:
        yield site, url


def _at(chromium, day: str):
    """A browser tab whose clock says `day`, noon in Brussels."""
    page = chromium.new_page()
    page.clock.set_fixed_time(dt.datetime.fromisoformat(f"{day}T12:00:00+02:00"))
    return page


def _badge(page) -> tuple[str, str]:
    badge = page.locator("[data-pb-actions] [data-pb-when]")
    return badge.inner_text(), badge.get_attribute("data-pb-status")


@pytest.mark.browser
def test_the_build_says_upcoming_and_the_readers_date_decides(built_last_month, chromium):
    site, url = built_last_month
    html = site.page("netwerken/buurtpunt/oktober")
    assert re.search(r'data-pb-when[^>]*data-pb-status="upcoming"[^>]*>Komt eraan<', html), "without script, the build's word stays"
    before = _at(chromium, "2019-09-15")
    before.goto(url + "netwerken/buurtpunt/oktober/")
    assert _badge(before) == ("Komt eraan", "upcoming")
    after = _at(chromium, "2019-10-02")
    after.goto(url + "netwerken/buurtpunt/oktober/")
    assert _badge(after) == ("Voorbij", "past")
    during = _at(chromium, "2019-10-09")
    during.goto(url + "netwerken/buurtpunt/meer-dagen/")
    assert _badge(during) == ("Komt eraan", "upcoming"), "a session over several days is not past on its last day"


@pytest.mark.browser
def test_a_session_that_has_passed_leaves_the_home_pages_upcoming_list(built_last_month, chromium):
    site, url = built_last_month
    assert links(site.page(""), "home:upcoming") == ["session:buurtpunt/oktober", "session:buurtpunt/meer-dagen", "session:buurtpunt/bijeenkomst-2"]
    page = _at(chromium, "2019-10-05")
    page.goto(url)
    shown = page.locator('[data-pb-relation="home:upcoming"] [data-pb-card]:visible').evaluate_all("cards => cards.map(c => c.dataset.pbLink)")
    assert shown == ["session:buurtpunt/meer-dagen", "session:buurtpunt/bijeenkomst-2"]
    later = _at(chromium, "2020-01-01")
    later.goto(url)
    assert page.locator("[data-pb-upcoming-none]").count() == 1
    assert later.locator("[data-pb-upcoming-none]").is_visible() and not later.locator('[data-pb-relation="home:upcoming"]').is_visible()
    listing = _at(chromium, "2019-10-05")
    listing.goto(url + "sessies/")
    card = listing.locator('[data-pb-card][data-pb-link="session:buurtpunt/oktober"]')
    assert card.get_attribute("data-pb-status") == "past" and not card.locator("[data-pb-when]").is_visible()


def test_zensical_gets_the_same_media_and_picture_sizes(events: Site, tmp_path: Path):
    copy = tmp_path / "book"
    shutil.copytree(events.root, copy, ignore=shutil.ignore_patterns("site", ".praktijkboek"))
    result = subprocess.run(
        [sys.executable, "-m", "praktijkboek", "build", "--host", "zensical", "--no-handouts", "--root", str(copy)],
        capture_output=True,
        text=True,
        env={**os.environ, **BUILD_DAY},
    )
    assert result.returncode == 0, result.stderr
    assert (copy / "site/media/fotos/zaal.jpg").read_bytes() == (events.root / "site/media/fotos/zaal.jpg").read_bytes()
    for address in ("praktijkvoorbeelden/dorv", "praktijkvoorbeelden/repair-cafe"):
        img = re.search(r"<img [^>]*media/fotos/zaal\.jpg[^>]*>", (copy / "site" / address / "index.html").read_text(encoding="utf-8")).group(0)
        assert 'width="1600"' in img and 'height="1200"' in img, address


def test_several_days_without_an_end_hour_last_all_days_in_the_calendar(events: Site):
    event = _events(events)["buurtpunt.drie-dagen@praktijkboek"]
    assert event["DTSTART"].dt == dt.date(2019, 9, 25) and event["DTEND"].dt == dt.date(2019, 9, 28)
    assert "Begint om 09.00 uur." in str(event["DESCRIPTION"])


def test_a_sessions_regions_do_not_place_its_municipality(events: Site):
    zwolle = events.page("plaatsen/gemeente-zwolle")
    assert "data-pb-region" not in zwolle, "what a session is for says nothing of where its municipality lies"
    assert "region:places" not in events.page("regios/friesland")
