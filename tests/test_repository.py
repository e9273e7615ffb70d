"""The repository's own content: it validates, builds with --strict, and every file has its page.

Editors add networks, sessions and cases every week, so nothing here counts or names the seed
content. Every expectation is read off the content files themselves, and every check runs twice:
on the repository as it is, and on a copy with what an editor's first pull request adds (a new
network with seven regional sessions and an online one, organisations, a person, cases, factors).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from conftest import REPO, BuiltBook, field, links
from praktijkboek.core.knowledge.graph import KnowledgeGraph, Node
from praktijkboek.core.knowledge.load import load
from praktijkboek.core.pages import handouts
from praktijkboek.core.pages.formatting import encode_contact, format_date
from praktijkboek.core.pages.plan import plan
from praktijkboek.core.reading.loader import Layout, discover

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}

#: These tests read the repository's own content: a pull request that changes only content runs them.
pytestmark = pytest.mark.content


@pytest.fixture(scope="module", params=["repository", "with a new network"])
def book(request: pytest.FixtureRequest) -> BuiltBook:
    name = "repository_book" if request.param == "repository" else "book_with_a_new_network"
    return request.getfixturevalue(name)


@pytest.fixture(scope="module")
def graph(book: BuiltBook) -> KnowledgeGraph:
    return load(Layout(book.root))


def url_of(graph: KnowledgeGraph, node: Node) -> str:
    return next(spec.url_path for spec in plan(graph) if spec.key == node.key)


def test_validate_passes_and_counts_every_file(book: BuiltBook):
    result = subprocess.run([sys.executable, "-m", "praktijkboek", "validate", "--root", str(book.root)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    found, problems = discover(Layout(book.root))
    assert not problems
    assert result.stdout.startswith(f"In orde: {len(found)} bestanden gelezen")


def test_every_content_file_has_a_page(book: BuiltBook, graph: KnowledgeGraph):
    files = [
        p
        for folder in ("networks", "content")
        for p in (book.root / folder).rglob("*")
        if p.is_file() and p.suffix in {".yml", ".md"} and "pages" not in p.relative_to(book.root).parts
    ]
    assert len(graph) == len(files)
    sources = {spec.source for spec in plan(graph)}
    for path in files:
        assert path.relative_to(book.root).as_posix() in sources, f"{path}: geen pagina"
    for spec in plan(graph):
        assert (book.site / spec.url_path / "index.html").is_file(), f"{spec.source}: pagina /{spec.url_path}/ ontbreekt"


def test_every_network_lists_its_sessions_in_date_order(book: BuiltBook, graph: KnowledgeGraph):
    for network in graph.by_kind["network"]:
        sessions = sorted((s for s in graph.by_kind["session"] if s.network_id == network.id), key=Node.sort_key)
        html = book.page(url_of(graph, network))
        if sessions:
            assert links(html, "sessions") == [s.key for s in sessions], network.path
        else:
            assert 'data-pb-relation="sessions"' not in html


def test_every_session_shows_its_date(book: BuiltBook, graph: KnowledgeGraph):
    for session in graph.by_kind["session"]:
        html = book.page(url_of(graph, session))
        date = session.entity.date
        assert field(html, "date") == format_date(date, weekday=date is not None), session.path


def test_sessions_and_cases_link_both_ways(book: BuiltBook, graph: KnowledgeGraph):
    discussed: dict[str, list[Node]] = {}
    for session in graph.by_kind["session"]:
        cases = session.entity.cases
        html = book.page(url_of(graph, session))
        if cases:
            assert links(html, "cases") == [f"case:{c}" for c in cases], session.path
        for case in cases:
            discussed.setdefault(case, []).append(session)
    for case in graph.by_kind["case"]:
        html = book.page(url_of(graph, case))
        sessions = sorted(discussed.get(case.id, []), key=Node.sort_key)
        if sessions:
            assert links(html, "in:session.cases") == [s.key for s in sessions], case.path
        else:
            assert 'data-pb-relation="in:session.cases"' not in html, case.path


def _networks_named(factor: Node) -> set[str]:
    """The networks a barrier or lever was named in: its sources are networks or their sessions."""
    return {source.split("/")[0] for source in factor.entity.sources}


def test_barriers_and_levers_under_their_conditions(book: BuiltBook, graph: KnowledgeGraph):
    for condition in graph.by_kind["condition"]:
        html = book.page(url_of(graph, condition))
        for kind in ("barrier", "lever"):
            expected = sorted(f"{kind}:{f.id}" for f in graph.by_kind[kind] if f.entity.condition == condition.id)
            relation = f"in:{kind}.condition"
            shown = sorted(links(html, relation)) if f'data-pb-relation="{relation}"' in html else []
            assert shown == expected, f"{condition.path}: {kind}"


def test_every_matrix_cell_counts_its_factors(book: BuiltBook, graph: KnowledgeGraph):
    counts: Counter[tuple[str, str, str]] = Counter()
    for kind in ("barrier", "lever"):
        for factor in graph.by_kind[kind]:
            for network in _networks_named(factor):
                counts[(kind, factor.entity.condition, network)] += 1
    html = book.page("collectieve-impact/matrix")
    cells = {m[0]: (int(m[1]), int(m[2])) for m in re.findall(r'data-pb-cell="([^"]+)" data-pb-barriers="(\d+)" data-pb-levers="(\d+)"', html)}
    gaps = set(re.findall(r'data-pb-cell="([^"]+)" data-pb-gap', html))
    for condition in graph.by_kind["condition"]:
        for network in graph.by_kind["network"]:
            cell = f"{condition.id}/{network.id}"
            expected = (counts[("barrier", condition.id, network.id)], counts[("lever", condition.id, network.id)])
            if expected == (0, 0):
                assert cell in gaps, cell
            else:
                assert cells.get(cell) == expected, cell
    assert len(cells) + len(gaps) == len(graph.by_kind["condition"]) * len(graph.by_kind["network"])


def test_contact_details_only_when_published(book: BuiltBook, graph: KnowledgeGraph):
    for person in graph.by_kind["person"]:
        html = book.page(url_of(graph, person))
        e = person.entity
        for value in (e.email, e.phone):
            if value:
                assert value not in html, f"{person.path}: contact in plain text"
        if e.publish_contact and e.email:
            assert encode_contact(e.email) in html, person.path
        else:
            assert field(html, "email") is None, person.path


@pytest.mark.browser
def test_every_session_has_a_handout_and_every_network_a_pack(book: BuiltBook, graph: KnowledgeGraph):
    """Every session and every activity of its own has a handout; every network with sessions a pack."""
    sessions, activities = graph.by_kind["session"], graph.by_kind["activity"]
    assert book.handouts.startswith(f"{len(sessions) + len(activities)} handouts gemaakt")
    made = {p.relative_to(book.site / "handouts").as_posix() for p in (book.site / "handouts").glob("*/*.pdf")}
    assert made == {handouts.pdf_path(s).removeprefix("handouts/") for s in [*sessions, *activities]}
    packs = {p.stem for p in (book.site / "handouts").glob("*.pdf")}
    assert packs == {s.network_id for s in sessions}


def test_the_new_network_is_in_the_book(book_with_a_new_network: BuiltBook):
    """The copy really holds the pull request's additions (else the second run proves nothing)."""
    graph = load(Layout(book_with_a_new_network.root))
    network = graph.get("network", book_with_a_new_network.added)
    assert network is not None
    assert len(graph.sessions_of(network)) == 8
    html = book_with_a_new_network.page(f"netwerken/{network.id}")
    assert "Regiobijeenkomst Friesland" in html and "Online: wat leerden we?" in html


def test_properdocs_builds_the_repository(tmp_path: Path):
    result = subprocess.run(
        [sys.executable, "-m", "properdocs", "build", "--strict", "-f", "mkdocs.yml", "--site-dir", str(tmp_path)],
        cwd=REPO,
        capture_output=True,
        text=True,
        env=ENV,
    )
    assert result.returncode == 0, result.stderr
    graph = load(Layout(REPO))
    for spec in plan(graph):
        assert (tmp_path / spec.url_path / "index.html").is_file(), spec.source


#: English or developer words that readers once met in the book's interface (theme texts, titles, buttons).
NOT_FOR_READERS = re.compile(r"Made with|Material for MkDocs|Permanent link|Not found|Ga naar repository|Wijzig deze pagina|\bFooter\b|\bHeader\b|Handout")


def test_the_interface_speaks_dutch(book: BuiltBook, graph: KnowledgeGraph):
    """Every kind of page, and the 404 page: no English theme text in what is shown or read out
    (text, titles, labels), and "hand-out" spelt the Dutch way."""
    kinds = {node.kind: node for node in graph.nodes.values()}
    paths = [
        "404.html",
        "index.html",
        *(f"{plan_page.url_path}/index.html" for plan_page in plan(graph) if plan_page.kind in kinds or plan_page.kind in {"listing", "matrix"}),
    ]
    for path in dict.fromkeys(paths):
        html = (book.site / path).read_text(encoding="utf-8")
        shown = re.sub(r"<script.*?</script>|<style.*?</style>|<svg.*?</svg>", "", html, flags=re.S)
        shown = re.sub(r'<div class="pb-body[^"]*" data-pb-body>.*?</div>', "", shown, flags=re.S)  # the editors' own text is theirs
        said = " ".join(re.findall(r'(?:title|aria-label|alt|placeholder)="([^"]*)"', shown)) + re.sub(r"<[^>]+>", " ", shown)
        found = NOT_FOR_READERS.search(said)
        assert found is None, f"{path}: {found.group(0) if found else ''}"
    assert "Deze pagina bestaat niet" in (book.site / "404.html").read_text(encoding="utf-8")


def test_the_navigation_of_mkdocs_yml_lists_every_index_page(book: BuiltBook):
    """The repository writes its own nav (grouped); every index page of the plan is in it, and in the built menu."""
    from praktijkboek.cli import _settings
    from praktijkboek.core.pages.plan import navigation

    def uris(items) -> set[str]:
        found = set()
        for item in items:
            values = item.values() if isinstance(item, dict) else [item]
            for value in values:
                found |= uris(value) if isinstance(value, list) else {value}
        return found

    written = uris(_settings(REPO / "mkdocs.yml")["nav"])
    missing = [title for title, uri in navigation() if uri not in written]
    assert not missing, f"mkdocs.yml's nav lacks {missing}"
    menu = (book.site / "index.html").read_text(encoding="utf-8")
    for title, uri in navigation():
        assert f'href="{uri.removesuffix("index.md").removesuffix(".md")}' in menu.replace('href="./', 'href="'), title
