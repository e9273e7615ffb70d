"""Accessibility in Chromium: axe-core on every kind of page finds no serious or critical violation;
search and the handout button work with the keyboard alone."""

from __future__ import annotations

from pathlib import Path

import axe_playwright_python
import pytest
from axe_playwright_python.sync_playwright import Axe

from conftest import REPO, serve_folder
from praktijkboek.core.knowledge.load import load
from praktijkboek.core.pages.plan import plan
from praktijkboek.core.reading.loader import Layout

#: These tests read the repository's own content (a pull request that changes only content runs them) and drive Chromium.
pytestmark = [pytest.mark.content, pytest.mark.browser]


def _one_page_of_each_kind() -> list[str]:
    """The home page, every hand-written page, and the first page of each template (entity kinds,
    a listing, overviews, the matrix), read off the repository's content, not named here."""
    pages, templates = [""], set()
    for spec in plan(load(Layout(REPO))):
        if spec.template not in templates:
            templates.add(spec.template)
            pages.append(f"{spec.url_path}/")
    pages += [f"{p.stem}/" for p in sorted((REPO / "content/pages").glob("*.md")) if p.stem != "index"]
    return pages


PAGES = _one_page_of_each_kind()
#: The hand-written pages among them (their text is the editors', around no part of the book's).
HAND_WRITTEN = {f"{p.stem}/" for p in (REPO / "content/pages").glob("*.md") if p.stem != "index"}
#: A session page: it has the most on it (facts, relations, the handout button).
SESSION = next(f"{spec.url_path}/" for spec in plan(load(Layout(REPO))) if spec.handout)
#: A word to search for: the longest of that session's title.
QUERY = max(next(spec.title for spec in plan(load(Layout(REPO))) if spec.handout).split(), key=len).strip(".,:;'\"()")


@pytest.fixture(scope="module")
def served(repository_book):
    with serve_folder(repository_book.site) as url:
        yield url


def serious(page) -> list[tuple[str, list]]:
    result = Axe().run(page)
    return [(v["id"], [n["target"] for n in v["nodes"][:3]]) for v in result.response["violations"] if v["impact"] in ("serious", "critical")]


@pytest.fixture(scope="module")
def axe_tab(chromium):
    """One tab for the pages in turn, with axe-core loaded into every page it opens (once, not per page)."""
    context = chromium.new_context()
    context.add_init_script(path=str(Path(axe_playwright_python.__file__).parent / "axe.min.js"))
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="module")
def dark_tab(chromium):
    """The same, with the reader's system in dark mode (Material follows it: the slate scheme)."""
    context = chromium.new_context(color_scheme="dark")
    context.add_init_script(path=str(Path(axe_playwright_python.__file__).parent / "axe.min.js"))
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.parametrize("path", PAGES)
def test_no_serious_accessibility_violation(served, axe_tab, path: str):
    axe_tab.goto(served + path)
    result = axe_tab.evaluate("axe.run()")
    assert [(v["id"], [n["target"] for n in v["nodes"][:3]]) for v in result["violations"] if v["impact"] in ("serious", "critical")] == []


@pytest.mark.parametrize("path", PAGES)
def test_every_control_has_enough_contrast_in_dark_mode(served, dark_tab, path: str):
    dark_tab.goto(served + path)
    assert dark_tab.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    result = dark_tab.evaluate("axe.run({runOnly: ['color-contrast']})")
    assert [(v["id"], [n["target"] for n in v["nodes"][:3]]) for v in result["violations"]] == []


@pytest.mark.parametrize("path", [p for p in PAGES if p != SESSION])
def test_a_page_prints_clean_with_its_address(served, chromium, path: str):
    """On paper: no buttons or search, links in black, and at the foot the page's address and a QR code."""
    page = chromium.new_page()
    page.goto(served + path)
    page.emulate_media(media="print")
    for hidden in (".md-header", ".md-sidebar--primary", ".md-footer", ".md-typeset .md-button", ".pb-breadcrumb", ".pb-listing-filters"):
        assert not any(element.is_visible() for element in page.locator(hidden).all()), hidden
    colours = page.evaluate("[...document.querySelectorAll('.md-content a')].filter(a => a.getClientRects().length).map(a => getComputedStyle(a).color)")
    assert set(colours) <= {"rgb(0, 0, 0)"}, set(colours)
    foot = page.locator("[data-pb-print-foot]")
    if path in HAND_WRITTEN:  # a hand-written page is the editors' own: no foot of the book's
        assert foot.count() == 0
    else:
        assert foot.is_visible() and "Deze pagina online: https://" in foot.inner_text()
        assert foot.locator("svg").count() == 1
    page.close()


def test_no_serious_violation_on_a_phone_with_search_open(served, chromium):
    page = chromium.new_page(viewport={"width": 390, "height": 800})
    page.goto(served + SESSION)
    page.keyboard.press("/")
    page.locator("[data-pb-search-query]").press_sequentially(QUERY, delay=10)
    page.locator(".md-search-result__item").first.wait_for()
    page.click("[data-pb-search-filtersummary]")
    assert serious(page) == []
    page.close()


def test_the_handout_button_works_with_the_keyboard(served, chromium):
    page = chromium.new_page()
    page.goto(served + SESSION)
    page.evaluate("window.print = () => { window.__printed = true; }")
    for _ in range(60):  # Tab through the page until the button has the focus
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('[data-pb-print]')"):
            break
    else:
        pytest.fail("the handout button cannot be reached with Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("window.__printed === true")
    page.close()


def test_a_page_makes_no_request_outside_the_site(served, chromium):
    """Privacy: no fonts, repository statistics or anything else from third parties."""
    page = chromium.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(served + SESSION)
    page.keyboard.press("/")
    page.locator("[data-pb-search-query]").press_sequentially(QUERY, delay=10)
    page.locator(".md-search-result__item").first.wait_for()
    outside = [url for url in requests if not url.startswith(served) and not url.startswith("data:")]
    assert outside == []
    page.close()
