"""The collective-impact lens, taxonomies, related cases and body references, on a built site."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import Site, links

LENS_SITE = {
    "content/pages/index.md": "# Lensboek\n\nZie ook [[praktijkvoorbeeld:a-buurtpunt]].\n",
    "networks/net1/network.yml": "title: Netwerk Een\nkind: lerend netwerk\n",
    "networks/net1/sessions/s1.yml": "title: Eerste\ndate: 2019-06-06\ncases: [a-buurtpunt, cafe]\n",
    "networks/net1/sessions/s2.md": "---\ntitle: Tweede\ndate: 2020-01-15\ncases: [bakkerij]\n---\nWe bespraken [[case:a-buurtpunt]] en\n[[hefboom:stuurgroep|de stuurgroep]].\n",
    "networks/net2/network.yml": "title: Netwerk Twee\nkind: leerkring\n",
    "networks/net2/sessions/s1.yml": "title: Start\ndate: 2019-09-01\ncases: [buurtwinkel]\n",
    "content/themes/mobiliteit.yml": "title: Mobiliteit\n",
    "content/regions/vlaams-brabant.yml": "name: Vlaams-Brabant\ncountry: België\nkind: provincie\n",
    "content/themes/participatie.yml": "title: Participatie\n",
    "content/cases/a-buurtpunt.yml": """\
        title: A-buurtpunt
        themes: [mobiliteit, participatie]
        levers: [stuurgroep]
        place: {municipality: Halle, region: vlaams-brabant}
        """,
    "content/cases/buurtwinkel.yml": """\
        title: Buurtwinkel
        themes: [mobiliteit]
        levers: [stuurgroep]
        place: {municipality: Leuven, region: vlaams-brabant}
        """,
    "content/cases/cafe.yml": "title: Café\nthemes: [participatie]\nplace: {municipality: Halle}\n",
    "content/cases/bakkerij.yml": "title: Bakkerij\nthemes: [participatie]\nplace: {municipality: Halle}\n",
    "content/cases/provinciaal.yml": "title: Provinciaal project\nthemes: [participatie]\nplace: {region: vlaams-brabant}\n",
    "content/cases/los.yml": "title: Los voorbeeld\nplace: {municipality: Gent}\n",
    "content/conditions/gedeelde-agenda.yml": "title: Gedeelde agenda\norder: 1\ndefinition: Alle actoren delen een visie.\n",
    "content/conditions/ondersteunende-structuur.yml": "title: Ondersteunende structuur\norder: 5\ndefinition: Een organisatie coördineert.\n",
    "content/barriers/spanningen.yml": "title: Spanningen tussen partners\ncondition: gedeelde-agenda\nsources: [net1/s1]\n",
    "content/levers/stuurgroep.yml": "title: Een stuurgroep\ncondition: gedeelde-agenda\nsources: [net1]\n",
    "content/levers/voordelen.yml": "title: Voordelen verduidelijken\ncondition: gedeelde-agenda\nsources: [net2/s1, net1/s1]\n",
}


@pytest.fixture(scope="module")
def lens_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    site = Site(tmp_path_factory.mktemp("lens"), LENS_SITE)
    result = site.build()
    assert result.returncode == 0, result.stderr
    return site


def test_condition_page_lists_exactly_its_barriers_levers_and_their_cases(lens_site: Site):
    html = lens_site.page("collectieve-impact/gedeelde-agenda")
    assert links(html, "in:barrier.condition") == ["barrier:spanningen"]
    assert links(html, "in:lever.condition") == ["lever:stuurgroep", "lever:voordelen"]
    assert links(html, "condition-cases") == ["case:a-buurtpunt", "case:buurtwinkel"]
    assert "genoemd in Eerste (Netwerk Een, 6 juni 2019)" in html
    empty = lens_site.page("collectieve-impact/ondersteunende-structuur")
    assert 'data-pb-relation="in:barrier.condition"' not in empty
    assert "data-pb-gap" in empty


def test_a_barrier_points_to_the_levers_of_its_condition_and_back(lens_site: Site):
    barrier = lens_site.page("collectieve-impact/remmende-factoren/spanningen")
    assert links(barrier, "same-condition") == ["lever:stuurgroep", "lever:voordelen"]
    assert "Hefbomen bij dezelfde voorwaarde" in barrier
    lever = lens_site.page("collectieve-impact/hefbomen/stuurgroep")
    assert links(lever, "same-condition") == ["barrier:spanningen"]


def test_a_session_page_groups_its_factors_per_condition_without_naming_itself(lens_site: Site):
    import html as markup

    session = lens_site.page("netwerken/net1/s1")
    blocks = re.findall(r'data-pb-impact="([^"]+)"', session)
    assert blocks, "the session's barriers and levers, per condition"
    title = markup.unescape(re.search(r"<h1>(.*?)</h1>", session).group(1))
    impact = session.split('data-pb-section="impact"', 1)[1].split("</section>", 1)[0]
    assert f"genoemd in {title}" not in markup.unescape(impact) and "pb-note" not in impact


def test_lever_page_lists_the_cases_that_show_it(lens_site: Site):
    assert links(lens_site.page("collectieve-impact/hefbomen/stuurgroep"), "in:case.levers") == ["case:a-buurtpunt", "case:buurtwinkel"]


def test_matrix_counts_and_gaps(lens_site: Site):
    html = lens_site.page("collectieve-impact/matrix")
    cells = {m[0]: (int(m[1]), int(m[2])) for m in re.findall(r'data-pb-cell="([^"]+)" data-pb-barriers="(\d+)" data-pb-levers="(\d+)"', html)}
    assert cells == {"gedeelde-agenda/net1": (1, 2), "gedeelde-agenda/net2": (0, 1)}
    gaps = re.findall(r'data-pb-cell="([^"]+)" data-pb-gap', html)
    assert gaps == ["ondersteunende-structuur/net1", "ondersteunende-structuur/net2"]
    assert 'href="../../netwerken/net2/#voorwaarde-gedeelde-agenda"' in html


def test_network_page_groups_its_factors_per_condition_where_the_matrix_links(lens_site: Site):
    html = lens_site.page("netwerken/net1")
    assert 'id="voorwaarde-gedeelde-agenda"' in html
    assert links(html, "impact:gedeelde-agenda:barriers") == ["barrier:spanningen"]
    assert links(html, "impact:gedeelde-agenda:levers") == ["lever:stuurgroep", "lever:voordelen"]


def test_related_cases_are_ranked_by_what_they_share_with_the_reason(lens_site: Site):
    html = lens_site.page("praktijkvoorbeelden/a-buurtpunt")
    ranked = re.findall(r'<li data-pb-link="([^"]+)" data-pb-score="(\d+)">.*?data-pb-reason>([^<]*)<', html, re.S)
    assert ranked == [
        # lever 3 + theme 2 + province 1
        ("case:buurtwinkel", "6", "ook hefboom &#39;een stuurgroep&#39;, ook over mobiliteit, ook in Vlaams-Brabant (BE)"),
        # theme 2 + municipality 2 (the province is not counted again) + network 1; a tie, so by title
        ("case:bakkerij", "5", "ook over participatie, ook in Halle, ook in Netwerk Een"),
        ("case:cafe", "5", "ook over participatie, ook in Halle, ook in Netwerk Een"),
        ("case:provinciaal", "3", "ook over participatie, ook in Vlaams-Brabant (BE)"),
    ]


@pytest.mark.parametrize(
    "page, relation, expected",
    [
        ("plaatsen/gemeente-halle", "place:case", ["case:a-buurtpunt", "case:bakkerij", "case:cafe"]),
        ("regios/vlaams-brabant", "in:case.place", ["case:a-buurtpunt", "case:buurtwinkel", "case:provinciaal"]),
        ("regios/vlaams-brabant", "region:places", ["place:gemeente-halle", "place:gemeente-leuven"]),
        ("plaatsen/land-belgie", "place:parts", ["place:gemeente-halle", "place:gemeente-leuven"]),
        ("plaatsen", "places:municipality", ["place:gemeente-gent", "place:gemeente-halle", "place:gemeente-leuven"]),
        ("jaren", "years", ["year:2020", "year:2019"]),
        ("jaren/2019", "year:sessions", ["session:net1/s1", "session:net2/s1"]),
        ("jaren/2019", "year:networks", ["network:net1", "network:net2"]),
    ],
)
def test_places_and_years_keep_their_own_listings(lens_site: Site, page: str, relation: str, expected: list[str]):
    assert links(lens_site.page(page), relation) == expected


def test_facts_link_to_their_place_and_year(lens_site: Site):
    assert 'data-pb-link="place:gemeente-halle"' in lens_site.page("praktijkvoorbeelden/cafe")
    assert 'data-pb-link="year:2019"' in lens_site.page("netwerken/net1/s1")


def test_references_in_markdown_become_links_wherever_the_page_lives(lens_site: Site):
    body = re.search(r"data-pb-body>(.*?)</div>", lens_site.page("netwerken/net1/s2"), re.S).group(1)
    assert '<a href="../../../praktijkvoorbeelden/a-buurtpunt/">A-buurtpunt</a>' in body
    assert '<a href="../../../collectieve-impact/hefbomen/stuurgroep/">de stuurgroep</a>' in body
    home = (lens_site.root / "site/index.html").read_text()
    assert '<a href="praktijkvoorbeelden/a-buurtpunt/">A-buurtpunt</a>' in home


@pytest.mark.parametrize(
    "path, content, expected",
    [
        (
            "networks/net1/sessions/s2.md",
            "---\ntitle: Tweede\n---\nEerste regel.\nZie [[case:a-buurtpnt]].\n",
            "networks/net1/sessions/s2.md:5: veld 'report': verwijzing '[[case:a-buurtpnt]]': 'a-buurtpnt' bestaat niet als praktijkvoorbeeld\n    Bedoel je 'a-buurtpunt'?",
        ),
        (
            "content/cases/los.yml",
            "title: Los\ndescription: |\n  Regel een.\n  Zie [[voorbeeld:cafe]].\n",
            "content/cases/los.yml:4: veld 'description': verwijzing '[[voorbeeld:cafe]]': 'voorbeeld' is geen soort",
        ),
        (
            "content/pages/index.md",
            "# Start\n\nZie [[thema:fietsen]].\n",
            "content/pages/index.md:3: verwijzing '[[thema:fietsen]]': 'fietsen' bestaat niet als thema",
        ),
    ],
)
def test_a_dangling_reference_in_a_body_fails_with_its_line(tmp_path: Path, path: str, content: str, expected: str):
    site = Site(tmp_path, LENS_SITE)
    site.write(path, content)
    assert expected in site.build_here()


def test_a_theme_outside_the_allow_list_fails_with_file_and_line(tmp_path: Path):
    site = Site(tmp_path, LENS_SITE)
    site.write("content/cases/cafe.yml", "title: Café\nthemes:\n  - participatie\n  - mobilitijt\n")
    result = site.build()
    assert result.returncode != 0
    assert "content/cases/cafe.yml:4: veld 'themes', 2e item: 'mobilitijt' bestaat niet als thema\n    Bedoel je 'mobiliteit'?" in result.stderr


def test_one_place_written_two_ways_is_one_page(tmp_path: Path):
    site = Site(tmp_path, LENS_SITE)
    site.write("content/cases/cafe.yml", "title: Café\nplace: {municipality: Sint-Niklaas}\n")
    site.write("content/cases/los.yml", "title: Los voorbeeld\nplace: {municipality: Sint Niklaas}\n")
    assert site.build().returncode == 0
    assert links(site.page("plaatsen/gemeente-sint-niklaas"), "place:case") == ["case:cafe", "case:los"]


#: In the page: every word of the matrix on one line (a word broken over lines has two boxes), and no sideways scroll.
BROKEN_WORDS = """() => {
  const broken = [];
  const walker = document.createTreeWalker(document.querySelector('[data-pb-matrix]'), NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const head = node.parentElement.closest('thead');
    if (head && head.getBoundingClientRect().width <= 1) continue;  // read out, not shown: the phone's list names each network
    for (const match of node.textContent.matchAll(/\\S+/g)) {
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
      if (lines.size > 1) broken.push(match[0]);
    }
  }
  return {broken, scroll: document.scrollingElement.scrollWidth - document.scrollingElement.clientWidth};
}"""


@pytest.mark.parametrize("width", [390, 1280])
def test_the_matrix_reads_on_a_phone_and_a_desktop(lens_site: Site, chromium, width: int):
    from conftest import serve_folder

    with serve_folder(lens_site.root / "site") as url:
        page = chromium.new_page(viewport={"width": width, "height": 900})
        page.goto(url + "collectieve-impact/matrix/")
        found = page.evaluate(BROKEN_WORDS)
        assert found == {"broken": [], "scroll": 0}, found
        assert "1 remmende factor, 2 hefbomen" in page.locator('[data-pb-cell="gedeelde-agenda/net1"]').inner_text()
        gap = page.locator('[data-pb-cell="ondersteunende-structuur/net1"]')
        assert "nog niet besproken" in gap.inner_text()
        layout = page.evaluate("getComputedStyle(document.querySelector('[data-pb-matrix]')).display")
        assert layout == ("block" if width < 700 else "table")
        if width < 700:  # as a list, each line says which network it is about
            assert gap.evaluate("el => getComputedStyle(el, '::before').content").startswith('"')
        page.close()
