"""Accessibility in Chromium: axe-core on every kind of page finds no serious or critical violation;
search and the handout button work with the keyboard alone."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from axe_playwright_python.sync_playwright import Axe

from conftest import REPO, serve_folder

PAGES = [
    "", "netwerken/", "netwerken/ons-buurtpunt/", "netwerken/ons-buurtpunt/bijeenkomst-2/", "sessies/",
    "praktijkvoorbeelden/kompas-halle/", "organisaties/platform31/", "personen/jochem-heemskerk/", "themas/samenwerking/",
    "collectieve-impact/", "collectieve-impact/gedeelde-agenda/", "collectieve-impact/matrix/",
    "collectieve-impact/hefbomen/gebruik-van-verschillende-media/", "collectieve-impact/remmende-factoren/spanningen-tussen-partners/",
    "plaatsen/", "plaatsen/gemeente-halle/", "jaren/", "jaren/2019/", "open-data/", "over/", "meedoen/",
]



@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory):
    site = tmp_path_factory.mktemp("a11y")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)], cwd=REPO,
                            capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stderr
    with serve_folder(site) as url:
        yield url




def serious(page) -> list[tuple[str, list]]:
    result = Axe().run(page)
    return [(v["id"], [n["target"] for n in v["nodes"][:3]]) for v in result.response["violations"] if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("path", PAGES)
def test_no_serious_accessibility_violation(served, chromium, path: str):
    page = chromium.new_page()
    page.goto(served + path)
    assert serious(page) == []
    page.close()


def test_no_serious_violation_on_a_phone_with_search_open(served, chromium):
    page = chromium.new_page(viewport={"width": 390, "height": 800})
    page.goto(served + "netwerken/ons-buurtpunt/bijeenkomst-2/")
    page.keyboard.press("/")
    page.locator("[data-pb-search-query]").press_sequentially("buurtpunt", delay=10)
    page.locator(".md-search-result__item").first.wait_for()
    page.click("[data-pb-search-filtersummary]")
    assert serious(page) == []
    page.close()


def test_the_handout_button_works_with_the_keyboard(served, chromium):
    page = chromium.new_page()
    page.goto(served + "netwerken/ons-buurtpunt/bijeenkomst-2/")
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
    page.goto(served + "netwerken/ons-buurtpunt/bijeenkomst-2/")
    page.keyboard.press("/")
    page.locator("[data-pb-search-query]").press_sequentially("buurtpunt", delay=10)
    page.locator(".md-search-result__item").first.wait_for()
    outside = [url for url in requests if not url.startswith(served) and not url.startswith("data:")]
    assert outside == []
    page.close()
