"""Hardening: untrusted content never reaches a page unsanitised, links all resolve, random input never crashes."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import REPO, Site
from praktijkboek import cli
from praktijkboek.core.editors.linkcheck import check_site
from praktijkboek.core.knowledge.load import load
from praktijkboek.core.reading.loader import Layout
from praktijkboek.core.reading.problems import ContentError
from praktijkboek.core.reading.yamlfile import parse

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}

#: Classic payloads: script tags, event handlers, javascript: and data: URLs, attribute breakouts.
PAYLOADS = [
    "<script>alert('pb-xss')</script>",
    "<img src=x onerror=alert('pb-xss')>",
    "<svg onload=alert('pb-xss')>",
    "\"><script>alert('pb-xss')</script>",
    "'><img src=x onerror=alert('pb-xss')>",
    "[klik](javascript:alert('pb-xss'))",
    "[klik](data:text/html;base64,PHNjcmlwdD5hbGVydCgncGIteHNzJyk8L3NjcmlwdD4=)",
    "<a href=\"javascript:alert('pb-xss')\">x</a>",
    "<iframe src=\"javascript:alert('pb-xss')\"></iframe>",
    "Tekst\n{: onclick=\"alert('pb-xss')\" }",
    "</title><script>alert('pb-xss')</script>",
    "<style>body{background:url(javascript:alert('pb-xss'))}</style>",
]


def _yaml_text(value: str) -> str:
    import json

    return json.dumps(value, ensure_ascii=False)


def _png() -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (40, 30), (10, 20, 30)).save(out, "PNG")
    return out.getvalue()


@pytest.fixture(scope="module")
def xss_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """Every text field of every kind carries every payload."""
    site = Site(tmp_path_factory.mktemp("xss"))
    payload = "\n\n".join(PAYLOADS)
    one = _yaml_text(" ".join(p.replace("\n", " ") for p in PAYLOADS))
    site.write(
        "networks/buurtpunt/network.yml",
        f"title: {one}\nkind: lerend netwerk\nsummary: {one}\nperiod: {one}\nregion: {one}\naudience: [{one}]\noffer: [{one}]\n"
        f"goals: [{one}]\norganisers: [netwerk-mobiliteit]\ncontacts: [bernard]\nthemes: [mobiliteit]\n"
        f"links:\n  - title: {one}\n    url: https://example.org/a\ndescription: {_yaml_text(payload)}\n",
    )
    site.write(
        "networks/buurtpunt/sessions/bijeenkomst-1.yml",
        f"title: {one}\ndate: 2019-06-06\nstart_time: '19:30'\nvenue: {one}\nformat: werksessie\nsummary: {one}\nprogramme: [{one}]\n"
        f"questions: [{one}]\naudience: {one}\ncases: [repair-cafe, dorv]\nreport: {_yaml_text(payload)}\n"
        f"materials:\n  - title: {one}\n    url: https://example.org/b\n"
        f"speakers:\n  - who: anna\n    role: {one}\nfacilitators:\n  - who: netwerk-mobiliteit\n    role: {one}\n"
        f"regions: [streek]\nmethods: [werkvorm]\nregistration:\n  note: {one}\ncapacity: 6\ncost: gratis\n"
        f"pictures:\n  - file: foto.png\n    alt: {one}\n    caption: {one}\n    credit: {one}\n",
    )
    site.write("content/media/foto.png", _png())
    site.write(
        "content/regions/streek.yml",
        f"name: {_yaml_text('Streek <script>alert(1)</script>')}\ncountry: België\nkind: regio\ndescription: {_yaml_text(payload)}\n",
    )
    site.write(
        "content/methods/werkvorm.yml",
        f"title: {one}\nkind: werkvorm\nsummary: {one}\npurpose: {one}\nmaterials: [{one}]\nsource: {one}\ndescription: {_yaml_text(payload)}\n",
    )
    site.write(
        "content/activities/los.yml",
        f"title: {one}\ndate: 2019-07-01\nattendance: online\nsummary: {one}\nspeakers:\n  - who: anna\n    role: {one}\nreport: {_yaml_text(payload)}\n",
    )
    site.write(
        "content/cases/repair-cafe.yml",
        f"title: {one}\nkind: {one}\nplace: {{municipality: {_yaml_text(PAYLOADS[0])}}}\nsummary: {one}\n"
        f"themes: [mobiliteit]\ndescription: {_yaml_text(payload)}\naim: {one}\napproach: {one}\nresults: {one}\nlessons: [{one}]\n"
        f"needs: {{people: {one}, money: {one}, space: {one}}}\n",
    )
    site.write(
        "content/organisations/netwerk-mobiliteit.yml", f"name: {one}\nkind: {one}\nsummary: {one}\naddress: {one}\ndescription: {_yaml_text(payload)}\n"
    )
    site.write("content/people/anna.yml", f"name: {one}\nrole: {one}\norganisation: netwerk-mobiliteit\ndescription: {_yaml_text(payload)}\n")
    site.write("content/themes/mobiliteit.yml", f"title: {one}\ndescription: {_yaml_text(payload)}\n")
    site.write("content/conditions/gedeelde-agenda.yml", f"title: {one}\norder: 1\ndefinition: {one}\ndescription: {_yaml_text(payload)}\n")
    site.write(
        "content/barriers/spanningen.yml", f"title: {one}\ncondition: gedeelde-agenda\nsources: [buurtpunt/bijeenkomst-1]\ndescription: {_yaml_text(payload)}\n"
    )
    site.write("content/pages/over.md", f"# Over\n\n{payload}\n")
    result = site.build()
    assert result.returncode == 0, result.stderr
    return site


class _Active(HTMLParser):
    """What a browser would run or load from a page: scripts, event handlers, URLs, frames, styles."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._script: str | None = None

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            value = (value or "").strip().lower()
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=...>")
            if name in ("href", "src", "action", "formaction") and value.startswith(("javascript:", "data:", "vbscript:")):
                self.found.append(f"<{tag} {name}={value[:30]}>")
        if tag in ("iframe", "object", "embed"):
            self.found.append(f"<{tag}>")
        if tag in ("script", "style"):
            self._script = ""
            self._data_only = dict(attrs).get("type") == "application/ld+json"

    def handle_data(self, data):
        if self._script is not None:
            self._script += data

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._script is not None:
            # JSON-LD may carry the text as data, but never a raw '<' that could end the element.
            if "pb-xss" in self._script and (not getattr(self, "_data_only", False) or "<" in self._script):
                self.found.append(f"<{tag}> with the payload")
            self._script = None


def test_no_payload_survives_in_any_built_page(xss_site: Site):
    site = xss_site.root / "site"
    pages = [p for p in site.rglob("*.html") if "pagefind" not in p.parts]
    assert len(pages) > 20
    for path in pages:
        parser = _Active()
        parser.feed(path.read_text(encoding="utf-8"))
        assert parser.found == [], f"{path.relative_to(site)}: {parser.found[:3]}"
    assert "<script>alert('pb-xss')" not in (site / "search/search_index.json").read_text()


def test_the_pages_with_payloads_still_show_the_text(xss_site: Site):
    html = xss_site.page("netwerken/buurtpunt/bijeenkomst-1")
    assert "&lt;script&gt;alert(&#39;pb-xss&#39;)&lt;/script&gt;" in html  # escaped, visible as text


@pytest.mark.browser
@pytest.mark.content
@pytest.mark.parametrize("variant", ["repository_book", "book_with_a_new_network"])
def test_every_internal_link_of_the_repository_site_resolves(request: pytest.FixtureRequest, variant: str):
    book = request.getfixturevalue(variant)
    checked, broken = check_site(book.site, "/praktijkboek/")
    assert checked > 0
    assert broken == []


def test_every_internal_link_of_a_generated_300_entity_site_resolves(tmp_path: Path):
    """Scale is measured in scripts/bench_build.py; this proves the links of a book larger than the seeds."""
    book = tmp_path / "book"
    subprocess.run([sys.executable, str(REPO / "scripts/synthetic.py"), "300", str(book)], check=True, capture_output=True)
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")], cwd=book, capture_output=True, text=True, env=ENV
    )
    assert result.returncode == 0, result.stderr
    # The handout PDFs are rendered by `praktijkboek handouts` (scripts/build), tested on their own.
    checked, broken = check_site(tmp_path / "site", "/praktijkboek/", skip=("handouts/",))
    assert checked > 10_000
    assert broken == [], broken[:5]


def test_the_link_checker_finds_a_broken_link_and_anchor(tmp_path: Path):
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text('<a href="a/">ok</a><a href="b/">weg</a><a href="a/#nergens">anker</a><a id="hier"></a><a href="#hier">ok</a>')
    (tmp_path / "a/index.html").write_text("<h1 id='top'>A</h1>")
    checked, broken = check_site(tmp_path)
    assert checked == 4
    assert [(b.link, b.reason) for b in broken] == [("b/", "b/index.html bestaat niet"), ("a/#nergens", "anker '#nergens' bestaat niet op a/index.html")]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000))
def test_random_bytes_never_crash_the_reader(raw: bytes):
    for name in ("x.yml", "x.md"):
        parse(raw, name)  # a ParsedFile or a Problem: never an exception


yaml_ish = st.recursive(
    st.one_of(st.text(max_size=30), st.sampled_from(["title", "date", ":", "- ", "\t", "&a", "*a", "!!str", "---", "[", "{", "'", '"', "#", "\n", "  "])),
    lambda inner: st.lists(inner, max_size=8).map("".join),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(text=yaml_ish, kind=st.sampled_from(["networks/buurtpunt/sessions/bijeenkomst-1.yml", "content/cases/dorv.md", "content/people/anna.yml"]))
def test_random_yaml_and_markdown_only_give_problems(tmp_path_factory, text: str, kind: str):
    root = tmp_path_factory.mktemp("fuzz")
    site = Site(root)
    site.write(kind, ("---\n" + text + "\n---\nTekst\n") if kind.endswith(".md") else text)
    try:
        load(Layout(root))
    except ContentError as exc:
        assert exc.problems and all(p.path and p.line >= 1 and p.message for p in exc.problems)


def test_a_failed_build_leaves_the_previous_site_in_place(tmp_path: Path):
    site = Site(tmp_path)
    command = [sys.executable, "-m", "praktijkboek", "build", "--root", str(tmp_path)]
    first = subprocess.run(command, capture_output=True, text=True, env=ENV)
    assert first.returncode == 0, first.stderr
    assert (tmp_path / "site/handouts/buurtpunt/bijeenkomst-1.pdf").is_file()
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE((tmp_path / "site").stat().st_mode) == 0o777 & ~umask, "a web server running as another user can read the site"
    before = (tmp_path / "site/praktijkvoorbeelden/dorv/index.html").read_text()
    site.write("content/cases/dorv.md", "---\ntitel: Dorv\n---\n")
    failed = subprocess.run(command, capture_output=True, text=True, env=ENV)
    assert failed.returncode == 1
    assert "veld 'titel': onbekend veld 'titel'" in failed.stderr and "blijft zoals het was" in failed.stderr
    assert (tmp_path / "site/praktijkvoorbeelden/dorv/index.html").read_text() == before
    assert (tmp_path / "site/handouts/buurtpunt/bijeenkomst-1.pdf").is_file()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".site-")], "no half-built folder is left behind"
    site.write("content/cases/dorv.md", "---\ntitle: Dorv vernieuwd\n---\n")
    again = subprocess.run([*command, "--no-handouts"], capture_output=True, text=True, env=ENV)
    assert again.returncode == 0, again.stderr
    assert "Dorv vernieuwd" in (tmp_path / "site/praktijkvoorbeelden/dorv/index.html").read_text()


def _link(target: str, path: str):
    def make(root: Path) -> None:
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        os.symlink(target if target.startswith("/") else root / target, root / path)

    return make


def _fifo(path: str):
    return lambda root: os.mkfifo(root / path)


#: Nothing outside the repository is read or published: (name, what is put in the book, the message).
OUTSIDE = [
    ("link to a file outside", _link("/etc/passwd", "content/cases/wachtwoord.yml"), "content/cases/wachtwoord.yml:1: een snelkoppeling"),
    ("link to a device", _link("/dev/zero", "content/cases/nul.yml"), "content/cases/nul.yml:1: een snelkoppeling"),
    ("link to a folder outside", _link("/etc", "content/themes-extra"), "content/themes-extra:1: een snelkoppeling"),
    ("link to a file inside", _link("content/cases/repair-cafe.yml", "content/cases/kopie.yml"), "content/cases/kopie.yml:1: een snelkoppeling"),
    ("link as a network folder", _link("networks/buurtpunt", "networks/kopie"), "networks/kopie:1: een snelkoppeling"),
    ("link among sessions", _link("/etc/hostname", "networks/buurtpunt/sessions/host.yml"), "networks/buurtpunt/sessions/host.yml:1: een snelkoppeling"),
    ("link among hand-written pages", _link("/etc/hostname", "content/pages/host.md"), "content/pages/host.md:1: een snelkoppeling"),
    ("link to a folder of pages", _link("/etc", "content/pages/etc"), "content/pages/etc:1: een snelkoppeling"),
    ("broken link", _link("/bestaat/niet.yml", "content/cases/weg.yml"), "content/cases/weg.yml:1: een snelkoppeling"),
    ("a pipe", _fifo("content/cases/pijp.yml"), "content/cases/pijp.yml:1: dit is geen gewoon bestand"),
]


@pytest.mark.parametrize("name, make, expected", OUTSIDE, ids=[case[0] for case in OUTSIDE])
def test_nothing_outside_the_repository_is_read_or_published(tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, make, expected: str):
    site = Site(tmp_path)
    make(tmp_path)
    # validate in this process: it opens no FIFO or device (the build below runs apart, with a time limit, in case that ever changed)
    assert cli.main(["validate", "--root", str(tmp_path), "--format", "human"]) == 1
    told = capsys.readouterr().err
    assert expected in told, told
    build = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(tmp_path / "mkdocs.yml")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        env=ENV,
    )
    assert build.returncode != 0 and expected in build.stderr, build.stderr
    assert "root:" not in build.stderr and not (site.root / "site" / "index.html").exists()


def test_a_linked_pages_folder_is_told_once(tmp_path: Path):
    Site(tmp_path)
    (tmp_path / "content/pages").rename(tmp_path / "elders")
    os.symlink(tmp_path / "elders", tmp_path / "content/pages")
    validate = subprocess.run([sys.executable, "-m", "praktijkboek", "validate", "--root", str(tmp_path)], capture_output=True, text=True, timeout=60)
    assert validate.returncode == 1
    assert validate.stderr.count("content/pages:1: een snelkoppeling (symbolische link) is hier niet toegestaan") == 1, validate.stderr


LONG_ID = "a" * 60 + "-" + "b" * 60 + "-" + "c" * 78  # the longest id there is (MAX_ID_LENGTH)

#: Text that validates, whatever it holds, reaches headers, file names, calendar properties, JSON-LD and
#: the page title without a traceback: (name, file, content, the page it makes, a text the page shows).
ODD_TEXT = [
    (
        "a title as a block over several lines",
        "networks/buurtpunt/sessions/blok.yml",
        "title: |\n  Eerste regel\n  tweede regel\ndate: 2020-01-01\nstart_time: '10:00'\n",
        "netwerken/buurtpunt/blok",
        "Eerste regel",
    ),
    (
        "tabs, zero-width and direction marks",
        "networks/buurtpunt/sessions/tekens.yml",
        'title: "Tab\\there\u200b \u202eomgekeerd\u202c"\ndate: 2020-01-02\nvenue: "Leuven\\tcentrum"\n',
        "netwerken/buurtpunt/tekens",
        "omgekeerd",
    ),
    ("an emoji and other scripts", "content/cases/feest.yml", "title: Feest 🎉 Ωμέγα 日本\nsummary: ‮tekst‬\n", "praktijkvoorbeelden/feest", "🎉"),
    (
        "a very long id",
        f"networks/buurtpunt/sessions/{LONG_ID}.yml",
        "title: Lang\ndate: 2020-01-03\nstart_time: '10:00'\n",
        f"netwerken/buurtpunt/{LONG_ID}",
        "Lang",
    ),
    (
        "a very long network folder",
        f"networks/{LONG_ID}/network.yml",
        "title: Een netwerk met een lange naam\nkind: leerkring\n",
        f"netwerken/{LONG_ID}",
        "Een netwerk met een lange naam",
    ),
    (
        "calendar and JSON specials",
        "networks/buurtpunt/sessions/tekens-2.yml",
        'title: "Aan\\" ; en , of \\\\ </script>"\ndate: 2020-01-04\nsummary: "regel\\neen;twee,drie\\\\vier"\nvenue: "Gent; Brugge, Kortrijk"\n',
        "netwerken/buurtpunt/tekens-2",
        "Gent; Brugge, Kortrijk",
    ),
]


@pytest.mark.parametrize("name, path, content, page, shown", ODD_TEXT, ids=[case[0] for case in ODD_TEXT])
def test_text_that_validates_builds_whatever_it_holds(tmp_path: Path, name: str, path: str, content: str, page: str, shown: str):
    import json

    import icalendar

    site = Site(tmp_path)
    if path.startswith(f"networks/{LONG_ID}/"):
        site.write(f"networks/{LONG_ID}/sessions/een.yml", "title: Een\ndate: 2020-01-05\n")
    site.write(path, content)
    assert site.build_here() == ""
    html = site.page(page)
    assert shown in html
    title = html.split("<title>", 1)[1].split("</title>", 1)[0]
    assert "\n" not in title and "<" not in title, title
    for block in html.split('<script type="application/ld+json">')[1:]:
        json.loads(block.split("</script>", 1)[0])
    for feed in (tmp_path / "site/agenda").rglob("*.ics"):
        calendar = icalendar.Calendar.from_ical(feed.read_bytes())
        assert "\n" not in str(calendar.get("X-WR-CALNAME", "")), feed
        for event in calendar.walk("VEVENT"):
            assert "\n" not in str(event.get("SUMMARY")), feed


@pytest.mark.parametrize("name, path, content", [case[:3] for case in ODD_TEXT], ids=[case[0] for case in ODD_TEXT])
def test_both_parsers_read_odd_text_alike(name: str, path: str, content: str):
    from praktijkboek.core.reading import yamlfile

    if len(yamlfile.PARSERS) < 2:
        pytest.skip("PyYAML without libyaml: there is only its own parser")
    raw = content.encode("utf-8")
    assert yamlfile.parse(raw, path) == yamlfile.parse(raw, path, parsers=yamlfile.PARSERS[-1:])
