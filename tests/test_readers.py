"""Readers: the home page, listings, wayfinding, as a reader meets them in Chromium on a desktop and a phone."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from conftest import SMALL_SITE, Site, links, served_book

PLACES = ["Leuven", "Gent", "Hasselt", "Brugge"]
THEMES = ["mobiliteit", "participatie"]

#: The small book and enough cases, sessions and themes for a listing to need filters.
READERS_SITE = {
    **SMALL_SITE,
    "content/themes/participatie.yml": "title: Participatie\n",
    **{
        f"content/cases/geval-{n}.yml": (
            f"title: Geval {n}\nsummary: Een voorbeeld met nummer {n}.\nplace:\n  municipality: {PLACES[n % len(PLACES)]}\nthemes: [{THEMES[n % 2]}]\n"
        )
        for n in range(1, 10)
    },
    "networks/buurtpunt/sessions/bijeenkomst-3.yml": "title: Later dit jaar\ndate: 2099-05-01\ncases: [geval-1]\n",
}


@pytest.fixture(scope="module")
def readers(tmp_path_factory: pytest.TempPathFactory):
    with served_book(tmp_path_factory.mktemp("readers"), READERS_SITE) as served:
        yield served


def test_the_home_page_says_what_it_is_and_puts_search_first(readers):
    site, _ = readers
    home = site.page("")
    order = [home.index(hook) for hook in ("data-pb-body", "data-pb-home-search", 'data-pb-section="upcoming-sessions"', 'data-pb-section="cases"')]
    assert order == sorted(order), "introduction, search, what is coming, what is new"
    assert links(home, "home:upcoming") == ["session:buurtpunt/bijeenkomst-3"]
    cases = links(home, "home:cases")
    assert cases[0] == "case:repair-cafe" and "case:geval-1" in cases, "the cases of the latest sessions first"
    assert "pb-card__summary" in home and links(home, "home:conditions") == ["condition:gedeelde-agenda"]


@pytest.mark.parametrize("width", [390, 1280])
def test_the_home_page_reads_on_a_phone_and_a_desktop(readers, chromium, width: int):
    _, url = readers
    page = chromium.new_page(viewport={"width": width, "height": 900})
    page.goto(url)
    assert page.evaluate("document.scrollingElement.scrollWidth - document.scrollingElement.clientWidth") == 0
    title = page.locator(".md-header__topic .md-ellipsis").first
    assert title.evaluate("el => el.scrollWidth <= el.clientWidth + 1"), "the site's name is not cut off"
    page.click("[data-pb-home-search]")
    box = page.locator("[data-pb-search-query]")
    box.wait_for(state="visible")
    box.press_sequentially("Geval 3", delay=10)
    page.wait_for_function("() => document.querySelector('[data-pb-search]').dataset.pbSearchDone === 'Geval 3'")
    assert page.locator(".md-search-result__article h1").first.inner_text() == "Geval 3"
    page.close()


def test_a_listing_shows_cards_and_sessions_upcoming_first_then_newest(readers):
    site, _ = readers
    sessions = site.page("sessies")
    assert links(sessions, "listing:session") == ["session:buurtpunt/bijeenkomst-3", "session:buurtpunt/bijeenkomst-2", "session:buurtpunt/bijeenkomst-1"]
    cases = site.page("praktijkvoorbeelden")
    card = re.search(r'<li class="pb-card" data-pb-link="case:geval-2".*?</li>', cases, re.S).group(0)
    assert "Een voorbeeld met nummer 2." in card and "Mobiliteit" in card and "Hasselt" in card
    assert "data-pb-listing-filters" in cases
    assert "data-pb-listing-filters" not in sessions, "no filters for a list read at a glance"


def test_listing_filters_work_in_the_page_and_keep_their_state_in_the_address(readers, chromium):
    _, url = readers
    page = chromium.new_page(viewport={"width": 390, "height": 900})
    page.goto(url + "praktijkvoorbeelden/")
    everything = page.locator("[data-pb-card]:visible").count()
    page.select_option('[data-pb-listing-filter="thema"]', "Participatie")
    page.select_option('[data-pb-listing-filter="plaats"]', "Gent")
    visible = page.locator("[data-pb-card]:visible .pb-card__title").all_inner_texts()
    assert visible and len(visible) < everything and all(t.startswith("Geval") for t in visible), visible
    assert page.locator("[data-pb-count-shown]").inner_text() == str(len(visible))
    query = parse_qs(urlsplit(page.url).query)
    assert query == {"thema": ["Participatie"], "plaats": ["Gent"]}
    shared = chromium.new_page()
    shared.goto(page.url)  # a filtered list, shared as its address
    assert shared.locator("[data-pb-card]:visible .pb-card__title").all_inner_texts() == visible
    assert shared.locator('[data-pb-listing-filter="plaats"]').input_value() == "Gent"
    shared.click("[data-pb-listing-reset]")
    shared.wait_for_function("() => !location.search")
    assert shared.locator("[data-pb-card]:visible").count() == everything
    page.close()
    shared.close()


def test_every_generated_section_has_an_anchor_in_the_table_of_contents(readers):
    site, _ = readers
    network = site.page("netwerken/buurtpunt")
    part = network.split('data-pb-kind="network"', 1)[1]
    headings = re.findall(r"<h2([^>]*)>(.*?)</h2>", part)
    assert headings and all('id="' in attrs for attrs, _ in headings), headings
    toc = network.split("md-nav--secondary", 1)[1].split("</nav>", 1)[0]
    for attrs, _ in headings:
        anchor = re.search(r'id="([^"]+)"', attrs).group(1)
        assert f'href="#{anchor}"' in toc, anchor
    assert "Thema" in toc and "&amp;#39;" not in toc and "&amp;amp;" not in toc, "escaped once, as the theme needs"


def test_a_session_has_a_breadcrumb_and_its_neighbours(readers):
    site, _ = readers
    session = site.page("netwerken/buurtpunt/bijeenkomst-2")
    trail = session.split("data-pb-breadcrumb", 1)[1].split("</nav>", 1)[0]
    assert re.findall(r">([^<>]+)</a>", trail) == ["Start", "Netwerken", "Lerend netwerk buurtpunt"]
    assert 'aria-current="page">Juridisch kader<' in trail
    neighbours = session.split("data-pb-neighbours", 1)[1].split("</nav>", 1)[0]
    assert 'rel="prev" data-pb-link="session:buurtpunt/bijeenkomst-1"' in neighbours
    assert 'rel="next" data-pb-link="session:buurtpunt/bijeenkomst-3"' in neighbours
    case = site.page("praktijkvoorbeelden/dorv")
    assert re.findall(r">([^<>]+)</a>", case.split("data-pb-breadcrumb", 1)[1].split("</nav>", 1)[0]) == ["Start", "Praktijkvoorbeelden"]


def test_the_sidebar_marks_the_section_an_entity_page_is_in(readers, chromium):
    _, url = readers
    page = chromium.new_page(viewport={"width": 1280, "height": 900})
    page.goto(url + "praktijkvoorbeelden/dorv/")
    active = page.locator(".md-nav--primary a.md-nav__link--active")
    assert active.count() >= 1 and "Praktijkvoorbeelden" in active.first.inner_text()
    assert active.first.get_attribute("aria-current") == "location"
    page.close()


def test_the_books_section_ids_keep_clear_of_the_editors_headings(tmp_path):
    site = Site(tmp_path)
    site.write(
        "networks/buurtpunt/network.yml",
        "title: Lerend netwerk buurtpunt\nkind: lerend netwerk\ndescription: |\n  ## Sessies\n\n  Zo werken we.\n",
    )
    assert site.build_here() == ""
    ids = re.findall(r'\bid="([^"]+)"', site.page("netwerken/buurtpunt"))
    assert "sessies" in ids and len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)


def test_settings_are_read_as_mkdocs_reads_them(tmp_path, monkeypatch):
    from praktijkboek import cli

    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "site_name: !ENV [BOEK_NAAM, Standaard]\nsite_url: https://example.org/boek\nmarkdown_extensions:\n  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
    )
    monkeypatch.setenv("BOEK_NAAM", "Ons boek")
    settings = cli._settings(config)
    assert settings["site_name"] == "Ons boek"
    assert settings["site_url"] == "https://example.org/boek/", "a folder, so that page addresses keep its path"
    assert callable(settings["markdown_extensions"][0]["pymdownx.emoji"]["emoji_index"])
    config.write_text("site_name: x\nuse_directory_urls: false\n")
    with pytest.raises(cli.SettingsError, match="use_directory_urls: false wordt niet ondersteund"):
        cli._settings(config)
