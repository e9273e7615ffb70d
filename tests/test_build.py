"""Build small practice books for real and check the HTML through data-pb-* hooks."""

from __future__ import annotations

import re

import pytest

from conftest import Site, field, links


def test_session_page_shows_date_time_place_and_links_to_its_cases(built_small_site: Site):
    html = built_small_site.page("netwerken/buurtpunt/bijeenkomst-1")
    assert field(html, "date") == "donderdag 6 juni 2019"
    assert field(html, "time") == "19.30–21.30 uur"
    assert field(html, "place") == "Leuven"
    assert links(html, "cases") == ["case:repair-cafe", "case:dorv"]
    assert links(html, "speakers") == ["person:anna"]
    assert 'data-pb-link="network:buurtpunt"' in html
    assert 'href="../../../praktijkvoorbeelden/repair-cafe/"' in html


def test_case_page_links_back_to_the_sessions_that_discussed_it(built_small_site: Site):
    html = built_small_site.page("praktijkvoorbeelden/repair-cafe")
    assert links(html, "in:session.cases") == ["session:buurtpunt/bijeenkomst-1", "session:buurtpunt/bijeenkomst-2"]
    assert links(html, "networks-via-sessions") == ["network:buurtpunt"]
    assert field(html, "place") == "Leuven"


def test_network_page_has_a_timeline_of_its_sessions_in_date_order(built_small_site: Site):
    html = built_small_site.page("netwerken/buurtpunt")
    assert links(html, "sessions") == ["session:buurtpunt/bijeenkomst-1", "session:buurtpunt/bijeenkomst-2"]
    assert links(html, "organisers") == ["organisation:netwerk-mobiliteit"]
    assert links(html, "impact:gedeelde-agenda:levers") == ["lever:stuurgroep"]
    assert 'data-pb-relation="in:lever.sources"' not in html, "shown per condition, not again as a flat list"
    assert "6 juni 2019" in html


def test_every_reverse_relation_is_shown(built_small_site: Site):
    org = built_small_site.page("organisaties/netwerk-mobiliteit")
    assert links(org, "in:network.organisers") == ["network:buurtpunt"]
    assert links(org, "in:person.organisation") == ["person:anna"]
    theme = built_small_site.page("themas/mobiliteit")
    assert links(theme, "in:network.themes") == ["network:buurtpunt"]
    assert links(theme, "in:session.themes") == ["session:buurtpunt/bijeenkomst-1"]
    assert links(theme, "in:case.themes") == ["case:repair-cafe"]
    condition = built_small_site.page("collectieve-impact/gedeelde-agenda")
    assert links(condition, "in:barrier.condition") == ["barrier:spanningen"]
    assert links(condition, "in:lever.condition") == ["lever:stuurgroep"]
    session = built_small_site.page("netwerken/buurtpunt/bijeenkomst-1")
    assert links(session, "impact:gedeelde-agenda:barriers") == ["barrier:spanningen"]
    assert 'data-pb-relation="in:barrier.sources"' not in session, "a session's factors are grouped per condition"
    person = built_small_site.page("personen/anna")
    assert links(person, "in:session.speakers") == ["session:buurtpunt/bijeenkomst-1"]


def test_markdown_body_of_a_md_file_is_rendered(built_small_site: Site):
    html = built_small_site.page("netwerken/buurtpunt/bijeenkomst-2")
    assert "<strong>juridische</strong>" in html


def test_edit_link_points_at_the_content_file_not_a_generated_page(built_small_site: Site):
    edit = re.compile(r'href="([^"]+)"[^>]*rel="edit"')
    session = built_small_site.page("netwerken/buurtpunt/bijeenkomst-2")
    assert edit.search(session).group(1) == "https://github.com/voorbeeld/boek/edit/main/networks/buurtpunt/sessions/bijeenkomst-2.md"
    case = built_small_site.page("praktijkvoorbeelden/repair-cafe")
    assert edit.search(case).group(1) == "https://github.com/voorbeeld/boek/edit/main/content/cases/repair-cafe.yml"
    home = (built_small_site.root / "site/index.html").read_text()
    assert edit.search(home).group(1) == "https://github.com/voorbeeld/boek/edit/main/content/pages/index.md"
    listing = built_small_site.page("praktijkvoorbeelden")
    assert not edit.search(listing), "an index page has no file to edit"


def test_contact_details_appear_only_when_the_person_allows_it(built_small_site: Site):
    site_html = "".join(p.read_text() for p in (built_small_site.root / "site").rglob("*.html"))
    search_index = (built_small_site.root / "site/search/search_index.json").read_text()
    for secret in ("anna.geheim@example.org", "0470 12 34 56"):
        assert secret not in site_html and secret not in search_index
    bernard = built_small_site.page("personen/bernard")
    assert field(bernard, "email") == "bernard [at] example [punt] org"
    assert field(bernard, "phone") == "01 95 133 90", "stored reversed, shown right way round by CSS"
    assert "bernard@example.org" not in site_html and "09 331 59 10" not in site_html, "no plain address for scrapers"
    import base64

    codes = dict(re.findall(r'data-pb-contact="(\w+)" data-pb-code="([^"]+)"', bernard))
    assert base64.b64decode(codes["email"]).decode()[::-1] == "bernard@example.org"
    assert base64.b64decode(codes["phone"]).decode()[::-1] == "09 331 59 10"


@pytest.mark.browser
def test_published_contact_details_are_readable_links_in_a_browser(built_small_site: Site):
    from praktijkboek.outputs.pdf import browser

    with browser() as chromium:
        page = chromium.new_page()
        page.goto((built_small_site.root / "site/personen/bernard/index.html").as_uri())
        email = page.locator('[data-pb-field="email"] a')
        assert email.inner_text() == "bernard@example.org" and email.get_attribute("href") == "mailto:bernard@example.org"
        phone = page.locator('[data-pb-field="phone"] a')
        assert phone.inner_text() == "09 331 59 10" and phone.get_attribute("href") == "tel:093315910"


def test_navigation_lists_index_pages_not_entities(built_small_site: Site):
    html = built_small_site.page("praktijkvoorbeelden")
    nav = re.search(r'<nav class="md-nav md-nav--primary".*?</nav>', html, re.S).group(0)
    assert "Praktijkvoorbeelden" in nav
    assert "repair-cafe" not in nav and "bijeenkomst-1" not in nav
    assert links(html, "listing:case") == ["case:dorv", "case:repair-cafe"]


def test_home_page_keeps_the_editors_text_and_adds_an_overview(built_small_site: Site):
    html = (built_small_site.root / "site/index.html").read_text()
    assert "Welkom in het testboek." in html
    assert links(html, "home:networks") == ["network:buurtpunt"]
    assert links(html, "home:sessions") == ["session:buurtpunt/bijeenkomst-2", "session:buurtpunt/bijeenkomst-1"]
    assert 'data-pb-count-kind="case"' in html


def test_dutch_interface(built_small_site: Site):
    html = (built_small_site.root / "site/index.html").read_text()
    assert '<html lang="nl"' in html


def test_an_invalid_file_fails_the_build_with_file_line_and_field(site: Site):
    site.write("networks/buurtpunt/sessions/bijeenkomst-1.yml", "title: Participatie\ndate: 2019-13-45\ncases: [repair-cafee]\n")
    result = site.build()
    assert result.returncode != 0
    assert "networks/buurtpunt/sessions/bijeenkomst-1.yml:2: veld 'date': '2019-13-45' is geen geldige datum" in result.stderr
    assert not (site.root / "site/index.html").exists()


def test_a_dangling_reference_fails_the_build_with_a_suggestion(site: Site):
    site.write("networks/buurtpunt/sessions/bijeenkomst-1.yml", "title: Participatie\ndate: 2019-06-06\ncases:\n  - dorv\n  - repair-cafee\n")
    result = site.build()
    assert result.returncode != 0
    assert "networks/buurtpunt/sessions/bijeenkomst-1.yml:5: veld 'cases', 2e item: 'repair-cafee' bestaat niet als praktijkvoorbeeld" in result.stderr
    assert "Bedoel je 'repair-cafe'?" in result.stderr


def test_a_typo_in_a_field_name_fails_the_build(site: Site):
    site.write("content/cases/dorv.md", "---\ntitel: Dorv\n---\nTekst.\n")
    result = site.build()
    assert result.returncode != 0
    assert "content/cases/dorv.md:2: veld 'titel': onbekend veld 'titel'" in result.stderr
    assert "Bedoel je 'title'?" in result.stderr
    assert "'dorv' bestaat niet" not in result.stderr, "a broken file is reported once, not again by every reference to it"


def test_raw_html_from_editors_is_sanitised(site: Site):
    site.write(
        "content/cases/dorv.md",
        '---\ntitle: Dorv\nsummary: <img src=x onerror="alert(1)">\n---\n'
        '<script>alert("x")</script>\n\n[klik](javascript:alert(1))\n\nTekst\n{: onclick="alert(2)" }\n',
    )
    result = site.build()
    assert result.returncode == 0, result.stderr
    body = re.search(r"data-pb-body>(.*?)</div>", site.page("praktijkvoorbeelden/dorv"), re.S).group(1)
    assert "<script" not in body and "onerror" not in body and "onclick" not in body
    assert "javascript:" not in body
    assert "Tekst" in body
    lead = re.search(r"data-pb-summary>(.*?)</p>", site.page("praktijkvoorbeelden/dorv"), re.S).group(1)
    assert lead == "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;", "plain-text fields are escaped"


def test_properdocs_builds_the_same_site(site: Site):
    result = site.build(tool="properdocs")
    assert result.returncode == 0, result.stderr
    assert links(site.page("praktijkvoorbeelden/repair-cafe"), "in:session.cases") == [
        "session:buurtpunt/bijeenkomst-1",
        "session:buurtpunt/bijeenkomst-2",
    ]


def test_editor_text_is_escaped_in_titles_meta_tags_and_search(site: Site):
    site.write(
        "content/cases/dorv.md",
        '---\ntitle: "Dorv </title><script>alert(\'t\')</script>"\nsummary: \'x"><script>alert("d")</script>\'\n---\nTekst.\n',
    )
    site.write("content/pages/over.md", "# Over <script>alert('h')</script>\n\nTekst.\n")
    site.write("content/pages/meedoen.md", "---\ntitle: \"Meedoen <script>alert('m')</script>\"\n---\nTekst.\n")
    result = site.build()
    assert result.returncode == 0, result.stderr
    for page in ("praktijkvoorbeelden/dorv", "over", "meedoen", "praktijkvoorbeelden", "netwerken/buurtpunt/bijeenkomst-1"):
        html = site.page(page)
        assert "<script>alert" not in html, page
    html = site.page("praktijkvoorbeelden/dorv")
    assert "<title>Dorv &lt;/title&gt;&lt;script&gt;" in html
    assert 'content="x&#34;&gt;&lt;script&gt;' in html
    index = (site.root / "site/search/search_index.json").read_text()
    assert "<script>alert" not in index


def test_editor_text_cannot_become_front_matter(site: Site):
    site.write("content/cases/dorv.md", "---\ntitle: Dorv\n---\n---\ntemplate: main.html\ntitle: Gekaapt\n---\nTekst.\n")
    result = site.build()
    assert result.returncode == 0, result.stderr
    html = site.page("praktijkvoorbeelden/dorv")
    assert 'data-pb-kind="case"' in html
    assert "<title>Dorv" in html and "Gekaapt</title>" not in html


def test_search_index_holds_every_entity_page_with_its_facts(built_small_site: Site):
    import json

    docs = json.loads((built_small_site.root / "site/search/search_index.json").read_text())["docs"]
    locations = {d["location"].split("#")[0] for d in docs}
    for page in (
        "personen/bernard/",
        "organisaties/netwerk-mobiliteit/",
        "themas/mobiliteit/",
        "netwerken/buurtpunt/bijeenkomst-1/",
        "collectieve-impact/remmende-factoren/spanningen/",
    ):
        assert page in locations, page
    bernard = " ".join(d["text"] for d in docs if d["location"].startswith("personen/bernard/"))
    assert "coördinator" in bernard
    session = " ".join(d["text"] for d in docs if d["location"].startswith("netwerken/buurtpunt/bijeenkomst-1/"))
    assert re.search(r"\bLeuven\b", session) and "Repair Café" in session
    assert re.search(r"\bcoördinator\b", bernard), "a fact's label and value are separate words for search"


def test_links_and_materials_are_shown(site: Site):
    site.write("content/cases/dorv.md", "---\ntitle: Dorv\nlinks:\n  - title: Website van Dorv\n    url: https://dorv.example.org/\n---\nTekst.\n")
    site.write(
        "networks/buurtpunt/sessions/bijeenkomst-2.md",
        "---\ntitle: S\ndate: 2019-10-22\nmaterials:\n  - title: Presentatie\n    url: https://example.org/p.pdf\n---\n",
    )
    assert site.build().returncode == 0
    assert re.search(r'data-pb-weblinks="links"><li><a href="https://dorv.example.org/">Website van Dorv</a>', site.page("praktijkvoorbeelden/dorv"))
    assert re.search(r'data-pb-weblinks="materials"><li><a href="https://example.org/p.pdf">Presentatie</a>', site.page("netwerken/buurtpunt/bijeenkomst-2"))


def test_a_hand_written_page_on_a_generated_address_fails_the_build(site: Site):
    site.write("content/pages/personen.md", "# Personen\n")
    result = site.build()
    assert result.returncode != 0
    assert (
        "content/pages/personen.md:1: deze pagina komt op hetzelfde adres (/personen/) als het overzicht 'Personen'\n"
        "    Geef de pagina een andere bestandsnaam."
    ) in result.stderr


def test_front_matter_of_hand_written_pages_is_limited(site: Site):
    site.write("content/pages/over.md", "---\ntitle: Over\nsubtitle: <img src=x onerror=alert(1)>\n---\n# Over\n")
    result = site.build()
    assert result.returncode != 0
    assert (
        "content/pages/over.md:3: veld 'subtitle': dit veld bovenaan de pagina wordt niet ondersteund\n    Toegestaan: description, hide, title."
    ) in result.stderr


def test_editors_cannot_take_the_themes_element_ids(site: Site):
    site.write("content/cases/dorv.md", "---\ntitle: Dorv\n---\n## Kop {#__search}\n\n## Gewone kop\n")
    assert site.build().returncode == 0
    html = site.page("praktijkvoorbeelden/dorv")
    body = html[html.index("data-pb-body") :]
    assert 'id="__search"' not in body[: body.index("</div>")]
    assert 'id="gewone-kop"' in body


OTHER_PLUGIN = """\
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File


@event_priority(100)  # before the practice book's plugin
def on_files(files, config):
    files.append(File.generated(config, "{uri}", content="---\\nsubtitle: eigen veld\\n---\\n# Extra\\n\\nVan een andere plugin.\\n"))
    return files
"""


def test_a_page_that_another_plugin_adds_is_left_as_it_is(site: Site):
    site.write("hook.py", OTHER_PLUGIN.format(uri="extra/andere-plugin.md"))
    site.write("mkdocs.yml", (site.root / "mkdocs.yml").read_text() + "hooks:\n  - hook.py\n")
    result = site.build()
    assert result.returncode == 0, result.stderr
    assert "Van een andere plugin." in site.page("extra/andere-plugin")
    assert 'data-pb-kind="case"' in site.page("praktijkvoorbeelden/dorv")


def test_another_plugins_page_on_a_generated_address_is_named(site: Site):
    site.write("hook.py", OTHER_PLUGIN.format(uri="personen/index.md"))
    site.write("mkdocs.yml", (site.root / "mkdocs.yml").read_text() + "hooks:\n  - hook.py\n")
    result = site.build()
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "personen/index.md (van hook.py):1: deze pagina komt op hetzelfde adres (/personen/) als het overzicht 'Personen'" in result.stderr


def test_a_hand_written_page_with_another_markdown_ending_on_a_generated_address(site: Site):
    site.write("content/pages/personen.markdown", "# Personen\n")
    result = site.build()
    assert result.returncode != 0
    assert "content/pages/personen.markdown:1: deze pagina komt op hetzelfde adres (/personen/) als het overzicht 'Personen'" in result.stderr
