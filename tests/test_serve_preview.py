"""The error shows where the editor looks: while `./scripts/serve` runs, a content error turns every
page of the preview into one Dutch error page, at once, and the book comes back when the file is fixed.

Real servers on loopback (MkDocs and ProperDocs), real requests, and Chromium for a tab that stays open.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from conftest import Site, fetch, serving, wait_for

CASE = "content/cases/repair-cafe.yml"
BROKEN = "title: Repair Café\ntitel: Repair\n"
PROBLEM = (f"{CASE}:2: veld 'titel': onbekend veld 'titel'", "Bedoel je 'title'?")
#: Addresses of every sort: the home page, an entity, a listing, an index.html, an address that never existed.
ADDRESSES = ["", "praktijkvoorbeelden/repair-cafe/", "netwerken/", "netwerken/buurtpunt/bijeenkomst-1/index.html", "bestaat-niet/"]


def is_error_page(url: str) -> str | None:
    """The report's text as a reader sees it, if `url` answers with the error page."""
    status, kind, text = fetch(url)
    if status == 200 and "text/html" in kind and "data-pb-error-page" in text:
        return html.unescape(re.sub(r"<[^>]+>", "", text.split("<script>")[0]))
    return None


def is_book(url: str, marker: str) -> bool:
    status, _, text = fetch(url)
    return status == 200 and marker in text and "data-pb-error-page" not in text


@pytest.mark.parametrize("tool", ["mkdocs", "properdocs"])
def test_a_broken_file_turns_every_page_into_the_report_and_back(tmp_path: Path, tool: str):
    site = Site(tmp_path)
    good = (tmp_path / CASE).read_text(encoding="utf-8")
    with serving(tmp_path, tool) as preview:
        assert is_book(preview.url + "praktijkvoorbeelden/repair-cafe/", "Repair Café")
        site.write(CASE, BROKEN)
        page = wait_for(lambda: is_error_page(preview.url + "praktijkvoorbeelden/repair-cafe/"), timeout=30)
        for message in PROBLEM:
            assert message in page
        for address in ADDRESSES:  # every address answers at once (fetch fails after 5 s), with the report
            assert is_error_page(preview.url + address), address
        status, kind, css = fetch(preview.url + "assets/praktijkboek.css")
        assert status == 200 and "text/css" in kind, "files pass through unchanged"
        terminal = wait_for(lambda: PROBLEM[0] in preview.output() and preview.output(), timeout=10)
        assert PROBLEM[1] in terminal, "the same text in the terminal"
        site.write(CASE, good)
        wait_for(lambda: is_book(preview.url + "praktijkvoorbeelden/repair-cafe/", "Repair Café"), timeout=30)
        for address in ADDRESSES[:-1]:
            assert is_book(preview.url + address, "<html"), address
        terminal = preview.output()
    assert "Aborted with a BuildError" not in terminal and "Traceback" not in terminal
    assert "An error happened during the rebuild" not in terminal


def test_a_book_that_is_broken_when_the_preview_starts_shows_the_report(tmp_path: Path):
    site = Site(tmp_path)
    good = (tmp_path / CASE).read_text(encoding="utf-8")
    site.write(CASE, BROKEN)
    with serving(tmp_path) as preview:
        assert is_error_page(preview.url)
        site.write(CASE, good)
        wait_for(lambda: is_book(preview.url + "praktijkvoorbeelden/repair-cafe/", "Repair Café"), timeout=30)


def test_a_hand_written_pages_front_matter_is_reported_in_the_preview_too(tmp_path: Path):
    site = Site(tmp_path)
    with serving(tmp_path) as preview:
        site.write("content/pages/over.md", "---\ntitle: Over\nsubtitle: <b>x</b>\n---\n# Over\n")
        page = wait_for(lambda: is_error_page(preview.url), timeout=30)
        assert "content/pages/over.md:3: veld 'subtitle': dit veld bovenaan de pagina wordt niet ondersteund" in page
        site.write("content/pages/over.md", "---\ntitle: Over\n---\n# Over ons\n")
        wait_for(lambda: is_book(preview.url + "over/", "Over ons"), timeout=30)


def test_an_open_tab_shows_the_report_by_itself_and_then_the_book(tmp_path: Path, chromium):
    site = Site(tmp_path)
    good = (tmp_path / CASE).read_text(encoding="utf-8")
    with serving(tmp_path) as preview:
        tab = chromium.new_page()
        tab.goto(preview.url + "praktijkvoorbeelden/repair-cafe/")
        tab.wait_for_selector("h1:has-text('Repair Café')", timeout=10_000)
        site.write(CASE, BROKEN)
        tab.wait_for_selector("[data-pb-error-page]", timeout=30_000)
        assert "onbekend veld 'titel'" in tab.inner_text("[data-pb-error-page]")
        assert tab.evaluate("document.documentElement.lang") == "nl"
        site.write(CASE, good)
        tab.wait_for_selector("h1:has-text('Repair Café')", timeout=30_000)
        assert tab.locator("[data-pb-error-page]").count() == 0
        tab.close()


def test_the_report_page_escapes_what_the_editor_wrote():
    from praktijkboek.core.editors.report import html_page
    from praktijkboek.core.reading.problems import Problem

    page = html_page([Problem("content/cases/<x>.yml", 3, "'date'", "'<script>alert(1)</script>' is geen geldige datum", "Schrijf <b>JJJJ</b>.")], "Boek <i>")
    assert "<script>alert" not in page and "<b>JJJJ" not in page and "<i>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and 'data-pb-problem="content/cases/&lt;x&gt;.yml"' in page


@pytest.mark.parametrize(
    "failing_before, failing_after, served",
    [
        (False, True, "/boek/.praktijkboek-fout.html"),  # saved broken while the request waited for the rebuild
        (True, False, "/boek/netwerken/"),  # fixed while the request waited: the book, not a stale report
        (True, True, "/boek/.praktijkboek-fout.html"),
        (False, False, "/boek/netwerken/"),
    ],
)
def test_the_preview_decides_once_the_rebuild_it_waited_for_is_done(failing_before: bool, failing_after: bool, served: str):
    """MkDocs' server holds a page request while a rebuild runs; the report or the page is chosen after."""
    from praktijkboek.core.reading.problems import Problem
    from praktijkboek.host.preview import ServePreview

    preview = ServePreview()
    broken = [Problem("content/cases/x.yml", 1, None, "kapot")]
    preview.problems = broken if failing_before else []
    asked: list[str] = []

    def server(environ, start_response):  # a WSGI server whose rebuild ends during the request
        asked.append(environ["PATH_INFO"])
        preview.problems = broken if failing_after else []
        start_response("200 OK", [("Content-Type", "text/html")])
        return [environ["PATH_INFO"].encode()]

    answers: list[tuple[str, list]] = []
    body = preview.wsgi(server, "/boek/")({"PATH_INFO": "/boek/netwerken/"}, lambda status, headers, exc_info=None: answers.append((status, headers)))
    assert b"".join(body).decode() == served
    assert len(answers) == 1 and answers[0][0] == "200 OK"
    assert asked[0] == "/boek/netwerken/"
    css = preview.wsgi(server, "/boek/")({"PATH_INFO": "/boek/assets/x.css"}, lambda *a: None)
    assert b"".join(css) == b"/boek/assets/x.css", "files pass through"
