"""The same book on every host: MkDocs and ProperDocs with the plugin, Zensical after `praktijkboek generate`.

Theme chrome may differ between hosts (Zensical has its own templates); the practice book's own part
of every page, the element with `data-pb-kind`, may not. Where Zensical cannot do something yet, the
difference is listed in KNOWN_DIFFERENCES (and in docs/hosts.md), and the test checks that it still
occurs: when a new Zensical does it, the entry has to go.
"""

from __future__ import annotations

import hashlib
import html as html_module
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from test_hardening import PAYLOADS, _yaml_text
from test_search import SEARCH_SITE, search

from conftest import REPO, BuiltBook, Site, _shared, copy_of_the_repository, serve_folder

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
CLI = [sys.executable, "-m", "praktijkboek"]
VOID = {"area", "br", "col", "hr", "img", "input", "link", "meta", "source", "wbr"}

#: What Zensical does differently inside the book's part of a page: (name, why, what the comparison leaves out).
KNOWN_DIFFERENCES = [
    (
        "data-search-exclude",
        "Zensical's own search consumes the attribute `data-search-exclude` and removes it from the written page.",
        "data-search-exclude",
    ),
]


class BookPart(HTMLParser):
    """The book's own part of a page (the element with `data-pb-kind`), as tags, attributes and text."""

    def __init__(self, leave_out: set[str] = frozenset()) -> None:  # type: ignore[assignment]
        super().__init__(convert_charrefs=True)
        self.leave_out = leave_out
        self.depth = 0
        self.done = False
        self.seen: set[str] = set()
        self.items: list[str] = []

    def _tag(self, tag: str, attrs: list[tuple[str, str | None]], end: str = "") -> str:
        self.seen |= {name for name, _ in attrs}
        shown = " ".join(f'{name}="{value}"' for name, value in attrs if name not in self.leave_out)
        return f"<{tag} {shown}{end}>"

    def handle_starttag(self, tag, attrs):
        if self.depth == 0:
            if self.done or "data-pb-kind" not in dict(attrs):
                return
        if tag not in VOID or self.depth == 0:
            self.depth += 1
        self.items.append(self._tag(tag, attrs))

    def handle_startendtag(self, tag, attrs):
        if self.depth:
            self.items.append(self._tag(tag, attrs, "/"))

    def handle_endtag(self, tag):
        if self.depth and tag not in VOID:
            self.items.append(f"</{tag}>")
            self.depth -= 1
            self.done = self.depth == 0

    def handle_data(self, data):
        text = " ".join(data.split())
        if self.depth and text:
            self.items.append(text)


def book_part(html: str, leave_out: set[str] = frozenset()) -> tuple[str, set[str]]:  # type: ignore[assignment]
    parser = BookPart(leave_out)
    parser.feed(html)
    return "\n".join(parser.items), parser.seen


def book_pages(site: Path) -> dict[str, str]:
    """Every page of a built site that carries the book's part, by its path in the site."""
    pages = {}
    for path in sorted(site.rglob("index.html")):
        html = path.read_text(encoding="utf-8")
        if "data-pb-kind" in html:
            pages[path.relative_to(site).as_posix()] = html
    return pages


def written_text(html: str) -> list[str]:
    """A hand-written page's headings, paragraphs and list items, with the headings' ids."""
    body = html.split("data-pagefind-body", 1)[1]
    return re.findall(r'<(h[1-6]|p|li)(?=[\s>])(?: id="([^"]*)")?[^>]*>(.*?)</\1>', body, flags=re.S)


def _build_with(host: str, folder: Path, *extra: str) -> BuiltBook:
    root = copy_of_the_repository(folder / "book")
    result = subprocess.run([*CLI, "build", "--host", host, "--root", str(root), *extra], capture_output=True, text=True, env=ENV, timeout=900)
    assert result.returncode == 0, result.stdout + result.stderr
    return BuiltBook(root, root / "site", result.stdout)


@pytest.fixture(scope="session")
def properdocs_book(tmp_path_factory, worker_id) -> BuiltBook:
    return _shared("host-properdocs", tmp_path_factory, worker_id, lambda folder: _build_with("properdocs", folder, "--no-handouts"))


@pytest.fixture(scope="session")
def zensical_book(tmp_path_factory, worker_id) -> BuiltBook:
    """The repository built as a site owner who follows Material's banner would: with Zensical, handouts included."""
    return _shared("host-zensical", tmp_path_factory, worker_id, lambda folder: _build_with("zensical", folder))


@pytest.mark.content
def test_the_three_hosts_give_the_same_book(repository_book: BuiltBook, properdocs_book: BuiltBook, zensical_book: BuiltBook):
    mkdocs, properdocs, zensical = (book_pages(book.site) for book in (repository_book, properdocs_book, zensical_book))
    assert mkdocs, "the book has pages"
    assert set(properdocs) == set(mkdocs) and set(zensical) == set(mkdocs), (set(mkdocs) ^ set(zensical), set(mkdocs) ^ set(properdocs))
    leave_out = {attribute for _, _, attribute in KNOWN_DIFFERENCES}
    seen: set[str] = set()
    for path, html in mkdocs.items():
        expected, _ = book_part(html, leave_out)
        assert book_part(properdocs[path], leave_out)[0] == expected, path
        found, attributes = book_part(zensical[path], leave_out)
        assert found == expected, path
        seen |= attributes
    for name, why, attribute in KNOWN_DIFFERENCES:
        in_mkdocs = any(attribute in book_part(html)[1] for html in mkdocs.values())
        assert in_mkdocs and attribute not in seen, f"known difference '{name}' no longer occurs ({why}): remove it from KNOWN_DIFFERENCES and docs/hosts.md"


@pytest.mark.content
def test_the_three_hosts_ship_the_same_editing_interface(repository_book: BuiltBook, properdocs_book: BuiltBook, zensical_book: BuiltBook):
    """/admin/ (mkdocs.yml: cms) is written by the plugin on MkDocs and ProperDocs, by postbuild on Zensical."""
    for name in ("index.html", "config.yml", "praktijkboek-cms.js", "decap-cms.js"):
        found = {(book.site / "admin" / name).read_bytes() for book in (repository_book, properdocs_book, zensical_book)}
        assert len(found) == 1, name


@pytest.mark.content
def test_hand_written_pages_are_the_same_on_zensical(repository_book: BuiltBook, zensical_book: BuiltBook):
    for page in sorted((REPO / "content/pages").rglob("*.md")):
        if page.name == "index.md":
            continue  # the home page has the book's part: compared above
        address = page.relative_to(REPO / "content/pages").with_suffix("").as_posix() + "/index.html"
        ours, theirs = ((book.site / address).read_text(encoding="utf-8") for book in (repository_book, zensical_book))
        assert written_text(ours) and written_text(theirs) == written_text(ours), address


@pytest.mark.content
def test_zensical_builds_search_agenda_open_data_and_handouts(zensical_book: BuiltBook):
    site = zensical_book.site
    assert (site / "pagefind/pagefind.js").is_file()
    assert (site / "agenda/index.ics").read_bytes().startswith(b"BEGIN:VCALENDAR")
    assert (site / "open-data/praktijkboek.json").is_file()
    pdfs = list((site / "handouts").rglob("*.pdf"))
    assert pdfs and all(pdf.read_bytes().startswith(b"%PDF") for pdf in pdfs)
    assert not (zensical_book.root / "content/pages/netwerken").exists(), "nothing is generated among the hand-written pages"


@pytest.mark.browser
@pytest.mark.content
def test_search_and_the_handout_work_on_the_zensical_build(zensical_book: BuiltBook, chromium):
    pages = book_pages(zensical_book.site)
    session = next(p for p, html in pages.items() if 'data-pb-kind="session"' in html)
    # A case's title, read off the built book (not named here): the search finds its page.
    case_title = html_module.unescape(re.search(r"<h1>(.*?)</h1>", next(h for h in pages.values() if 'data-pb-kind="case"' in h)).group(1))
    with serve_folder(zensical_book.site) as url:
        page, titles = search(chromium, url, case_title)
        assert case_title in titles, (case_title, titles)
        page.goto(url + session.removesuffix("index.html"))
        pdf = page.locator("[data-pb-pdf]").first.get_attribute("href")
        assert pdf and page.request.get(page.url + pdf).headers["content-type"] == "application/pdf"
        assert not page.locator("[data-pb-handout]").is_visible()
        page.emulate_media(media="print")
        assert page.locator("[data-pb-handout]").is_visible(), "printing the session page prints its handout"
        assert not page.locator("[data-pb-print]").is_visible()
        page.close()


def test_a_site_built_without_the_book_is_refused(tmp_path: Path):
    """Zensical run on the repository as it is: it says "No issues found" and writes the hand-written pages
    only. The check that `praktijkboek build` and CI run names what is missing, in Dutch, and what to run."""
    Site(tmp_path)
    zensical = shutil.which("zensical") or str(Path(sys.executable).with_name("zensical"))
    built = subprocess.run([zensical, "build"], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert built.returncode == 0 and (tmp_path / "site/index.html").is_file(), built.stdout + built.stderr
    for command in (["postbuild", "--no-handouts"], ["check-links"]):
        told = subprocess.run([*CLI, *command, "--site-dir", "site"], cwd=tmp_path, capture_output=True, text=True, timeout=300)
        assert told.returncode == 1, command
        assert "Het praktijkboek staat niet (helemaal) in deze site" in told.stderr, told.stderr
        assert "/netwerken/buurtpunt/" in told.stderr and "praktijkboek build --host zensical" in told.stderr
        assert "Traceback" not in told.stderr


def _tree(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_generate_writes_only_its_own_folder_and_replaces_it(tmp_path: Path):
    site = Site(tmp_path)
    pages = _tree(tmp_path / "content/pages")
    first = subprocess.run([*CLI, "generate", "--root", str(tmp_path)], capture_output=True, text=True, timeout=300)
    assert first.returncode == 0, first.stderr
    out = tmp_path / ".praktijkboek/zensical"
    assert (out / "docs/netwerken/buurtpunt/bijeenkomst-1.md").is_file() and (out / "mkdocs.yml").is_file()
    (out / "docs/oud.md").write_text("van een vorige run")
    site.write("content/cases/dorv.md", "---\ntitle: Dorv vernieuwd\n---\nTekst.\n")
    again = subprocess.run([*CLI, "generate", "--root", str(tmp_path)], capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    assert not (out / "docs/oud.md").exists() and "Dorv vernieuwd" in (out / "docs/praktijkvoorbeelden/dorv.md").read_text()
    assert _tree(tmp_path / "content/pages") == pages, "hand-written pages are never written"
    mine = tmp_path / "elders"
    mine.mkdir()
    (mine / "notities.txt").write_text("van iemand anders")
    refused = subprocess.run([*CLI, "generate", "--root", str(tmp_path), "--out", "elders"], capture_output=True, text=True, timeout=300)
    assert refused.returncode == 1 and "niet door 'praktijkboek generate' gemaakt" in refused.stderr
    assert (mine / "notities.txt").read_text() == "van iemand anders"


def test_generate_refuses_what_validate_refuses(tmp_path: Path):
    Site(tmp_path).write("networks/buurtpunt/sessions/bijeenkomst-1.yml", "title: Sessie\ncases: [repair-cafee]\n")
    told = subprocess.run([*CLI, "generate", "--root", str(tmp_path)], capture_output=True, text=True, timeout=300)
    assert told.returncode == 1
    assert "networks/buurtpunt/sessions/bijeenkomst-1.yml:2: veld 'cases', 1e item: 'repair-cafee' bestaat niet" in told.stderr
    assert not (tmp_path / ".praktijkboek").exists()


def test_editors_text_stays_escaped_on_zensical(tmp_path: Path):
    files = {"content/pages/index.md": "# Boek\n\nWelkom.\n", "networks/n/network.yml": "title: N\nkind: leerkring\n"}
    for number, payload in enumerate(PAYLOADS):
        files[f"content/cases/geval-{number}.yml"] = f"title: {_yaml_text(payload)}\nsummary: {_yaml_text(payload)}\ndescription: {_yaml_text(payload)}\n"
    site = Site(tmp_path, files)
    built = subprocess.run(
        [*CLI, "build", "--host", "zensical", "--no-handouts", "--root", str(tmp_path)], capture_output=True, text=True, env=ENV, timeout=600
    )
    assert built.returncode == 0, built.stdout + built.stderr
    for path in (site.root / "site").rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert "<script>alert(" not in html, path
        assert not re.search(r"<(img|svg|iframe|a|style)\b[^>]*(onerror|onload|javascript:|data:text)", html), path


@pytest.mark.browser
def test_the_search_box_finds_on_zensical(tmp_path: Path, chromium):
    site = Site(tmp_path, SEARCH_SITE)
    site.with_pagefind()
    built = subprocess.run(
        [*CLI, "build", "--host", "zensical", "--no-handouts", "--root", str(tmp_path)], capture_output=True, text=True, env=ENV, timeout=600
    )
    assert built.returncode == 0, built.stdout + built.stderr
    with serve_folder(site.root / "site") as url:
        for query, expected in (("Anna", "Anna Peeters"), ("buurtpunt", "Werken aan buurtpunten")):
            page, titles = search(chromium, url, query)
            assert expected in titles, (query, titles)
            page.close()
