"""Session handouts as coordinators get them: real A4 PDFs from headless Chromium, read back."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import SMALL_SITE, Site

A4 = (595, 842)  # points, rounded
SESSION_URL = "https://example.org/boek/netwerken/buurtpunt/bijeenkomst-1/"

#: These tests need Chromium (they print the handouts).
pytestmark = pytest.mark.browser


LONG_SESSION = (
    "\n".join(
        ["title: Een lange werkdag", "date: 2019-11-05", "format: studiedag", "programme:"]
        + [f"  - Onderdeel {i} — een werkgroep over een deelthema van het netwerk, met een korte terugkoppeling" for i in range(1, 19)]
        + ["cases:"]
        + [f"  - geval-{i}" for i in range(1, 13)]
        + ["questions:"]
        + [f"  - Vraag {i} — hoe pakken we dit aan in onze eigen gemeente?" for i in range(1, 9)]
    )
    + "\n"
)
LONG_CASES = {
    f"content/cases/geval-{i}.yml": f"title: Geval {i}\nplace: {{municipality: Gemeente {i}}}\n"
    f"summary: Dit is geval {i}. Het toont hoe een lokaal netwerk samenwerkt met bewoners, diensten en verenigingen "
    f"om een buurtpunt op te starten en levendig te houden, met aandacht voor wie het moeilijk heeft.\n"
    for i in range(1, 13)
}


@pytest.fixture(scope="module")
def handout_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    files = {
        **SMALL_SITE,
        **LONG_CASES,
        "networks/buurtpunt/sessions/lang.yml": LONG_SESSION,
        "content/activities/webinar.yml": "title: Webinar over dorpen\ndate: 2019-09-20\nattendance: online\ncost: gratis\nspeakers: [anna]\n",
    }
    files["content/cases/repair-cafe.yml"] = (
        "title: Repair Café\nplace:\n  municipality: Leuven\nthemes: [mobiliteit]\n"
        "summary: Vrijwilligers herstellen samen met bezoekers kapotte spullen. Zo leren mensen van elkaar. "
        "Dit is een derde zin die op de handout niet meer past omdat de samenvatting daar kort moet blijven, "
        "hooguit twee of drie regels lang, met nog een bijzin erbij om zeker te zijn, zodat alles op één blad past.\n"
    )
    site = Site(tmp_path_factory.mktemp("handouts"), files)
    assert site.build().returncode == 0
    result = subprocess.run([sys.executable, "-m", "praktijkboek", "handouts", "--site-dir", str(site.root / "site")], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("4 handouts gemaakt")
    return site


def pdf(site: Site, path: str) -> PdfReader:
    return PdfReader(site.root / "site/handouts" / path)


def text(reader: PdfReader) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_a_typical_handout_is_one_a4_page(handout_site: Site):
    reader = pdf(handout_site, "buurtpunt/bijeenkomst-1.pdf")
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == A4


def test_the_handout_holds_what_a_coordinator_hands_out(handout_site: Site):
    content = text(pdf(handout_site, "buurtpunt/bijeenkomst-1.pdf"))
    for expected in (
        "LEREND NETWERK BUURTPUNT",
        "Participatie en communicatie",
        "donderdag 6 juni 2019",
        "19.30–21.30 uur",
        "Leuven",
        "werksessie",
        "Anna Peeters — Netwerk Duurzame Mobiliteit",
        "Repair Café · Leuven",
        "Dorv",
        "Remmende factoren",
        "Spanningen tussen partners",
        "Gedeelde agenda",
        "Bernard Govaert, coördinator · bernard@example.org · 09 331 59 10",
        SESSION_URL,
    ):
        assert expected in content, expected
    assert "anna.geheim@example.org" not in content
    assert "Vrijwilligers herstellen samen met bezoekers kapotte spullen. Zo leren mensen van elkaar." in content
    assert "zodat alles op één blad past" not in content, "case summaries are cut to two or three lines"
    for screen_only in ("Hand-out afdrukken", "Zoeken", "Verwijst hierheen", "Made with"):
        assert screen_only not in content


def test_the_qr_code_leads_to_the_session_page(handout_site: Site, tmp_path: Path):
    source = handout_site.root / "site/handouts/buurtpunt/bijeenkomst-1.pdf"
    subprocess.run(["pdftoppm", "-png", "-r", "150", "-singlefile", str(source), str(tmp_path / "page")], check=True)
    decoded = subprocess.run(["zbarimg", "--quiet", "--raw", str(tmp_path / "page.png")], capture_output=True, text=True, check=True)
    assert decoded.stdout.strip() == SESSION_URL
    assert "QR-Code" in subprocess.run(["zbarimg", "--quiet", str(tmp_path / "page.png")], capture_output=True, text=True).stdout


def test_an_activity_of_its_own_has_its_handout_and_no_pack(handout_site: Site):
    reader = pdf(handout_site, "activiteiten/webinar.pdf")
    content = text(reader)
    assert len(reader.pages) == 1 and "Webinar over dorpen" in content and "Online" in content and "Gratis" in content
    assert not (handout_site.root / "site/handouts/activiteiten.pdf").exists()


def test_a_long_session_breaks_cleanly(handout_site: Site):
    reader = pdf(handout_site, "buurtpunt/lang.pdf")
    assert len(reader.pages) >= 2
    pages = [[line.strip() for line in page.extract_text().splitlines() if line.strip()] for page in reader.pages]
    headings = {"Programma", "Praktijkvoorbeelden", "Om te bespreken", "Contact", "Sprekers"}
    for lines in pages[:-1]:
        body = [line for line in lines if not re.fullmatch(r"pagina \d+ van \d+", line)]
        assert body[-1] not in headings, f"heading '{body[-1]}' alone at the foot of a page"
    for i in range(1, 13):  # a case's title and its summary stay on one page
        holder = [n for n, lines in enumerate(pages) if f"Geval {i} · Gemeente {i}" in lines]
        assert holder and any(f"Dit is geval {i}." in line for line in pages[holder[0]]), f"case {i} split over pages"


def test_each_network_has_a_pack_of_its_handouts(handout_site: Site):
    pack = pdf(handout_site, "buurtpunt.pdf")
    parts = [pdf(handout_site, f"buurtpunt/{name}.pdf") for name in ("bijeenkomst-1", "bijeenkomst-2", "lang")]
    assert len(pack.pages) == 1 + sum(len(p.pages) for p in parts), "a cover page, then every handout"
    cover = pack.pages[0].extract_text()
    for expected in (
        "HAND-OUTS",
        "Lerend netwerk buurtpunt",
        "Participatie en communicatie · 6 juni 2019",
        "Juridisch kader",
        "Online: https://example.org/boek/netwerken/buurtpunt/",
    ):
        assert expected in cover, (expected, cover)
    sessions = [item.title for item in pack.outline if not isinstance(item, list)]  # nested lists: a handout's own headings
    assert sessions == ["Participatie en communicatie", "Juridisch kader", "Een lange werkdag"], "a bookmark per session, with its title"
    assert [reader.outline[0].title for reader in parts] == sessions
    assert pack.metadata.title == "Hand-outs: Lerend netwerk buurtpunt"
    assert pack.trailer["/Root"]["/Lang"] == "nl" and "/StructTreeRoot" in pack.trailer["/Root"], "tagged, in Dutch"


def test_pages_link_to_their_pdfs(handout_site: Site):
    session = handout_site.page("netwerken/buurtpunt/bijeenkomst-1")
    href = re.search(r'href="([^"]+)" data-pb-pdf', session).group(1)
    assert (handout_site.root / "site/netwerken/buurtpunt/bijeenkomst-1" / href).resolve().is_file()
    network = handout_site.page("netwerken/buurtpunt")
    href = re.search(r'href="([^"]+)" data-pb-pack', network).group(1)
    assert (handout_site.root / "site/netwerken/buurtpunt" / href).resolve().is_file()


def test_printing_the_page_in_a_browser_shows_only_the_handout(handout_site: Site):
    from praktijkboek.outputs.pdf import browser

    url = (handout_site.root / "site/netwerken/buurtpunt/bijeenkomst-1/index.html").as_uri()
    with browser() as chromium:
        page = chromium.new_page()
        page.goto(url)
        assert not page.locator("[data-pb-handout]").is_visible()
        assert page.locator("[data-pb-print]").is_visible()
        page.emulate_media(media="print")
        assert page.locator("[data-pb-handout]").is_visible()
        for hidden in (".md-header", ".md-sidebar--primary", ".md-footer", "[data-pb-print]", ".pb-facts", "[data-pb-body]"):
            assert not page.locator(hidden).first.is_visible(), hidden


def test_the_session_page_carries_its_handout_but_search_does_not_index_it(handout_site: Site):

    page = handout_site.page("netwerken/buurtpunt/bijeenkomst-1")
    assert page.count("data-pb-handout") == 1 and "praktijkboek:handout" not in page
    assert 'data-pb-ho="qr"' in page
    assert page.index("data-pb-handout") > page.index("data-pb-body"), "the handout comes after the page's content"


def test_many_qr_codes_are_made_by_a_worker_process_and_match_in_process_codes():
    from praktijkboek.outputs.qrcodes import QrCodes, qr_svg

    urls = [f"{SESSION_URL}?n={n}" for n in range(3)]
    codes = QrCodes(worker_from=2)
    codes.start(urls)
    assert codes._worker is not None, "three codes, more than worker_from: a worker makes them"
    assert [codes.get(url) for url in urls] == [qr_svg(url) for url in urls]
    assert codes._worker is None and codes.get(urls[0]).startswith('<svg role="img"')


def test_a_failing_qr_worker_is_reported_in_dutch():
    from praktijkboek.outputs.qrcodes import QrCodeError, QrCodes

    codes = QrCodes(worker_from=1)
    codes.start(["https://example.org/" + "x" * 5000])  # more than a QR code can hold
    with pytest.raises(
        QrCodeError,
        match=r"^De QR-code voor een handout kon niet gemaakt worden: het adres https://example.org/x+… is te lang voor een QR-code \(5020 tekens\)\. Kies een kortere id\.$",
    ):
        codes.collect()
