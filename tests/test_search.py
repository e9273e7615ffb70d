"""Search as a reader uses it: the real search box in headless Chromium, with Pagefind's index of a built site."""

from __future__ import annotations

import pytest

from conftest import served_book

SEARCH_SITE = {
    "content/pages/index.md": "# Zoekboek\n\nWelkom.\n",
    "networks/buurtpunt/network.yml": "title: Lerend netwerk buurtpunt\nkind: lerend netwerk\nthemes: [mobiliteit]\n",
    "networks/buurtpunt/sessions/s1.yml": "title: Werken aan buurtpunten\ndate: 2019-06-06\nmunicipality: Leuven\ncases: [coop]\nspeakers: [anna]\n",
    "networks/leerkring/network.yml": "title: Leerkring wijkwerk\nkind: leerkring\n",
    "networks/leerkring/sessions/s2.yml": "title: Startsessie\ndate: 2018-04-05\nthemes: [participatie]\n",
    "content/cases/coop.yml": "title: Dorpswinkel als coöperatie\nthemes: [participatie]\nplace: {municipality: Halle}\n",
    "content/people/anna.yml": "name: Anna Peeters\nrole: buurtwerker\n",
    "content/themes/mobiliteit.yml": "title: Mobiliteit\n",
    "content/themes/participatie.yml": "title: Participatie\n",
    "content/conditions/gedeelde-agenda.yml": "title: Gedeelde agenda\norder: 1\ndefinition: Alle actoren delen een visie.\n",
}


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory):
    with served_book(tmp_path_factory.mktemp("search"), SEARCH_SITE) as (site, url):
        assert (site.root / "site/pagefind/pagefind.js").is_file()
        yield url


#: The ways a reader gets into the search box, each as a test would do it.
WAYS_IN = ("/", "s", "f", "click", "tab", "phone button")


def search(chromium, url: str, query: str, *, way: str = "/", phone: bool = False) -> tuple[object, list[str]]:
    page = chromium.new_page(viewport={"width": 390, "height": 800} if phone or way == "phone button" else {"width": 1280, "height": 800})
    page.goto(url)
    box = page.locator("[data-pb-search-query]")
    if way in ("/", "s", "f"):
        page.keyboard.press(way)
    elif way == "click":
        box.click()
    elif way == "tab":
        for _ in range(40):  # past the skip link, the logo and the header's controls, as a keyboard user would
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.matches('[data-pb-search-query]')"):
                break
        else:
            raise AssertionError("Tab never reaches the search box")
    else:
        page.click("label.md-header__button[for=__search]")
    box.wait_for(state="visible")
    box.press_sequentially(query, delay=10)
    # Wait for the results of the whole query, not of a half-typed one (which may say "Geen resultaten").
    page.wait_for_function("query => document.querySelector('[data-pb-search]').dataset.pbSearchDone === query", arg=query, timeout=45000)
    assert page.locator(".md-search__output").is_visible(), f"the results are shown ({way})"
    return page, page.locator(".md-search-result__article h1").all_inner_texts()


@pytest.mark.parametrize(
    "query, expected",
    [
        ("Anna", "Anna Peeters"),  # a person by name
        ("Halle", "Dorpswinkel als coöperatie"),  # a case by its place
        ("buurtpunt", "Werken aan buurtpunten"),  # Dutch stemming: buurtpunt finds buurtpunten
        ("cooperatie", "Dorpswinkel als coöperatie"),  # folded accents
        ("Mobiliteit", "Lerend netwerk buurtpunt"),  # a network by its theme
        ("buurtwerker", "Anna Peeters"),  # a person by role
    ],
)
def test_the_search_box_finds(served, chromium, query: str, expected: str):
    page, titles = search(chromium, served, query)
    assert expected in titles, titles
    page.close()


def test_filters_narrow_the_results(served, chromium):
    page, titles = search(chromium, served, "participatie")
    assert {"Startsessie", "Dorpswinkel als coöperatie"} <= set(titles)
    page.click("[data-pb-search-filtersummary]")
    page.locator('[data-pb-filter="soort"] input[value="Sessie"]').check()
    page.wait_for_timeout(600)
    assert page.locator(".md-search-result__article h1").all_inner_texts() == ["Startsessie"]
    page.locator('[data-pb-filter="soort"] input[value="Sessie"]').uncheck()
    page.locator('[data-pb-filter="jaar"] input[value="2019"]').check()
    page.wait_for_timeout(600)
    assert "Startsessie" not in page.locator(".md-search-result__article h1").all_inner_texts()
    for name in ("soort", "thema", "netwerk", "jaar", "voorwaarde"):
        assert page.locator(f'[data-pb-filter="{name}"]').count() == 1, name
    page.close()


def test_search_works_with_the_keyboard_alone(served, chromium):
    page, titles = search(chromium, served, "Anna")
    assert titles[0] == "Anna Peeters"
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.classList.contains('md-search-result__link')")
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.matches('[data-pb-search-query]')")
    page.keyboard.press("Escape")
    assert not page.locator(".md-search__output").is_visible()
    page.keyboard.press("/")
    page.wait_for_function("document.activeElement.matches('[data-pb-search-query]')")
    page.keyboard.press("ArrowDown")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/personen/anna/")
    page.close()


@pytest.mark.parametrize("way", WAYS_IN)
@pytest.mark.parametrize("where", ["", "netwerken/buurtpunt/s1/", "praktijkvoorbeelden/"])
def test_every_way_into_the_box_shows_results_on_every_page(served, chromium, way: str, where: str):
    """A click or a tap in the box, Tab, a shortcut, the phone's header button: each opens the results."""
    page, titles = search(chromium, served + where, "Anna", way=way)
    assert titles and titles[0] == "Anna Peeters", (way, where, titles)
    page.close()


def test_enter_opens_the_first_result(served, chromium):
    page, titles = search(chromium, served, "coöperatie", way="click")
    assert titles[0] == "Dorpswinkel als coöperatie"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/praktijkvoorbeelden/coop/")
    page.close()


def test_search_opens_from_the_header_button_on_a_phone(served, chromium):
    page, titles = search(chromium, served, "Leuven", way="phone button")
    assert "Werken aan buurtpunten" in titles
    page.close()


@pytest.mark.content
def test_the_repository_builds_its_search_index(repository_book):
    site = repository_book.site
    assert (site / "pagefind/pagefind.js").is_file()
    assert "data-pb-search" in (site / "index.html").read_text()
    assert not (site / "search/search_index.json").exists(), "one search engine, not two"


def test_pagefind_is_handed_the_searchable_part_of_a_page_only(built_small_site):
    from praktijkboek.outputs.searchindex import indexable

    page = built_small_site.page("praktijkvoorbeelden/dorv")
    part = indexable(page)
    assert part.startswith('<html lang="nl"') and part.endswith("</body></html>")
    assert "data-pagefind-body" in part and "<h1" in part and 'data-pagefind-filter="soort"' in part
    assert "md-header" not in part and "md-nav" not in part and "<script src=" not in part
    assert len(part) < len(page) / 2
    assert indexable("<html><body>geen markering</body></html>") == "<html><body>geen markering</body></html>"


#: A small book written to try relevance: what a reader types, and what a reader expects first.
RANKING_SITE = {
    "content/pages/index.md": "# Rangboek\n\nWelkom.\n",
    "content/pages/over.md": "# Over dit boek\n\nWie het boek maakt.\n",
    "networks/buurtpunt/network.yml": "title: Lerend netwerk buurtpunt\nkind: lerend netwerk\n",
    "networks/buurtpunt/sessions/s1.yml": "title: Inspiratiedag buurtpunt\ndate: 2019-06-06\ncases: [repair-cafe, dorv]\n",
    "networks/buurtpunt/sessions/s2.yml": "title: Studiedag buurtpunt\ndate: 2019-09-06\ncases: [repair-cafe]\n",
    "content/cases/repair-cafe.yml": "title: Repair Café\nsummary: Samen herstellen in de buurt.\n",
    "content/cases/dorv.yml": "title: Dorv\nsummary: Een winkel in het dorp, gedragen door vrijwilligers.\n",
    "content/cases/mobipunt.yml": "title: Mobipunt\nsummary: In de kern, in de buurt, in beweging.\n",
    "content/cases/subsidie.yml": "title: Subsidie van de EU\nsummary: Geld uit Europa voor een buurtproject.\n",
    "content/conditions/meten.yml": "title: Gedeeld meetsysteem\norder: 1\ndefinition: In kaart brengen wat werkt.\n",
    "content/barriers/indicatoren.yml": "title: Gebruik van eenvoudige indicatoren\ncondition: meten\nsources: [buurtpunt]\n",
    "content/barriers/actoren.yml": "title: Concurrentie tussen actoren\ncondition: meten\nsources: [buurtpunt/s1]\n",
}

#: (query, the first result a reader expects, a page that must not be a result)
RANKING = [
    ("repair", "Repair Café", "Lerend netwerk buurtpunt"),  # not the pages that only list it (sessions that discussed it follow)
    ("buurtpunt", "Lerend netwerk buurtpunt", None),  # the network before its sessions
    ("indicator", "Gebruik van eenvoudige indicatoren", "Mobipunt"),  # singular finds plural; never through "in"
    ("indicatoren", "Gebruik van eenvoudige indicatoren", "Mobipunt"),
    ("vrijwilliger", "Dorv", None),  # singular finds plural in a summary
    ("actor", "Concurrentie tussen actoren", None),
    ("over dit boek", "Over dit boek", None),  # a hand-written page's title, without the permalink sign
    ("EU", "Subsidie van de EU", None),  # a word of two letters, found as it is
]


@pytest.fixture(scope="module")
def ranked(tmp_path_factory: pytest.TempPathFactory):
    with served_book(tmp_path_factory.mktemp("ranking"), RANKING_SITE) as (_, url):
        yield url


@pytest.mark.parametrize("query, first, never", RANKING, ids=[case[0] for case in RANKING])
def test_the_first_result_is_the_one_a_reader_expects(ranked, chromium, query: str, first: str, never: str | None):
    page, titles = search(chromium, ranked, query, way="click")
    assert titles and titles[0] == first, titles
    assert never not in titles, titles
    assert all("¶" not in title for title in titles), titles
    page.close()


def test_no_results_says_what_to_try(ranked, chromium):
    page, titles = search(chromium, ranked, "fietsenstalling wijkfeest", way="click")
    assert titles == []
    tips = page.locator("[data-pb-search-none]").inner_text()
    assert "minder woorden" in tips and "spelling" in tips
    assert page.locator("[data-pb-search-none] a").count() >= 2, "links to browse the listings"
    page.close()


def test_filter_counts_follow_the_query(ranked, chromium):
    page, titles = search(chromium, ranked, "buurtpunt", way="click")
    page.click("[data-pb-search-filtersummary]")
    case_count = page.locator('[data-pb-filter="soort"] label:has(input[value="Praktijkvoorbeeld"]) .pb-search-count')
    case_count.wait_for()
    page.locator("[data-pb-search-query]").fill("repair")
    page.wait_for_function("() => document.querySelector('[data-pb-search]').dataset.pbSearchDone === 'repair'")
    assert case_count.inner_text() == "(1)", "one case matches 'repair', of the three in the book"
    page.close()


def test_the_search_box_has_one_clear_button(ranked, chromium):
    """The dialog's own clear button, not also the browser's (a type=search field draws its own ×)."""
    page = chromium.new_page()
    page.goto(ranked)
    box = page.locator("[data-pb-search-query]")
    assert box.get_attribute("type") != "search" and box.get_attribute("role") == "searchbox"
    assert page.locator("[data-pb-search] button[type=reset]").count() == 1
    page.close()
