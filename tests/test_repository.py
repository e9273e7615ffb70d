"""The repository's own content: it validates, builds with --strict, and every seed entity has its page."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, field, links
from praktijkboek.core.loader import Layout, load
from praktijkboek.core.pages import plan

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


@pytest.fixture(scope="module")
def repo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("repo-site")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=REPO, capture_output=True, text=True, env=ENV,
    )
    assert result.returncode == 0, result.stderr
    return out


def page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def test_validate_command_passes_on_the_repository():
    result = subprocess.run([sys.executable, "-m", "praktijkboek", "validate"], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("In orde:")


def test_every_content_file_has_a_page(repo_site: Path):
    graph = load(Layout(REPO))
    files = [p for folder in ("networks", "content") for p in (REPO / folder).rglob("*")
             if p.is_file() and p.suffix in {".yml", ".md"} and "pages" not in p.relative_to(REPO).parts]
    assert len(graph) == len(files)
    for spec in plan(graph):
        html_path = repo_site / spec.src_uri.removesuffix(".md").removesuffix("/index") / "index.html"
        assert html_path.exists(), spec.src_uri


def test_the_seed_networks_and_their_sessions(repo_site: Path):
    expected = {
        "ons-buurtpunt": ["inspiratiedag", "bijeenkomst-1", "bijeenkomst-2", "bijeenkomst-3", "bijeenkomst-4", "studiedag"],
        "leerkring-wijkgericht-werken": ["startsessie"],
        "praktijktafel-levende-lokale-netwerken": ["tafel-1", "tafel-2", "tafel-3"],
        "overleg-buurtprojecten": ["bijeenkomst-2024-09-29"],
    }
    for network, sessions in expected.items():
        html = page(repo_site, f"netwerken/{network}")
        assert links(html, "sessions") == [f"session:{network}/{s}" for s in sessions]
    dates = {
        "ons-buurtpunt/inspiratiedag": "donderdag 21 maart 2019",
        "ons-buurtpunt/bijeenkomst-1": "donderdag 6 juni 2019",
        "ons-buurtpunt/bijeenkomst-2": "dinsdag 24 september 2019",
        "ons-buurtpunt/bijeenkomst-3": "dinsdag 22 oktober 2019",
        "ons-buurtpunt/bijeenkomst-4": "dinsdag 17 december 2019",
        "ons-buurtpunt/studiedag": "dinsdag 10 maart 2020",
        "praktijktafel-levende-lokale-netwerken/tafel-2": "donderdag 7 juli 2011",
        "overleg-buurtprojecten/bijeenkomst-2024-09-29": "zondag 29 september 2024",
    }
    for session, date in dates.items():
        assert field(page(repo_site, f"netwerken/{session}"), "date") == date


def test_inspiration_cases_link_both_ways(repo_site: Path):
    session = page(repo_site, "netwerken/ons-buurtpunt/bijeenkomst-2")
    assert links(session, "cases") == [f"case:{c}" for c in ("repair-cafe", "mobipunt", "farmcafe", "dorv", "buurderij")]
    for case in ("repair-cafe", "mobipunt", "farmcafe", "dorv", "buurderij"):
        assert links(page(repo_site, f"praktijkvoorbeelden/{case}"), "in:session.cases") == ["session:ons-buurtpunt/bijeenkomst-2"]
    kompas = page(repo_site, "praktijkvoorbeelden/kompas-halle")
    assert links(kompas, "in:session.cases") == ["session:praktijktafel-levende-lokale-netwerken/tafel-3"]


def test_barriers_and_levers_of_the_2024_meeting_under_their_conditions(repo_site: Path):
    graph = load(Layout(REPO))
    counts = {}
    for condition in graph.by_kind["condition"]:
        html = page(repo_site, f"collectieve-impact/{condition.id}")
        barriers = links(html, "in:barrier.condition") if 'data-pb-relation="in:barrier.condition"' in html else []
        levers = links(html, "in:lever.condition") if 'data-pb-relation="in:lever.condition"' in html else []
        counts[condition.id] = (len(barriers), len(levers))
    assert counts == {
        "gedeelde-agenda": (3, 2),
        "open-en-voortdurende-communicatie": (1, 3),
        "strategisch-leren-en-gedeelde-maatregelen": (3, 3),
        "activiteiten-die-elkaar-versterken": (2, 4),
        "ondersteunende-structuur": (0, 0),
    }
    meeting = page(repo_site, "netwerken/overleg-buurtprojecten/bijeenkomst-2024-09-29")
    assert len(links(meeting, "in:barrier.sources")) == 9
    assert len(links(meeting, "in:lever.sources")) == 12
    assert field(meeting, "participants") == "15"


def test_published_contacts_only(repo_site: Path):
    assert field(page(repo_site, "personen/jochem-heemskerk"), "email") == "jochem [punt] heemskerk [at] platform31 [punt] nl"
    assert "jochem.heemskerk@platform31.nl" not in page(repo_site, "personen/jochem-heemskerk")
    assert field(page(repo_site, "personen/melissa-bosmans"), "email") is None


def test_handouts_of_the_repository(repo_site: Path):
    result = subprocess.run([sys.executable, "-m", "praktijkboek", "handouts", "--site-dir", str(repo_site)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("11 handouts gemaakt")
    sessions = sorted(p.relative_to(repo_site / "handouts").as_posix() for p in (repo_site / "handouts").glob("*/*.pdf"))
    assert len(sessions) == 11 and "ons-buurtpunt/studiedag.pdf" in sessions
    assert len(list((repo_site / "handouts").glob("*.pdf"))) == 4


def test_properdocs_builds_the_repository(tmp_path: Path):
    if shutil.which("properdocs") is None and subprocess.run([sys.executable, "-c", "import properdocs"]).returncode:
        pytest.fail("properdocs is a test dependency: pip install -e '.[test]'")
    result = subprocess.run(
        [sys.executable, "-m", "properdocs", "build", "--strict", "-f", "mkdocs.yml", "--site-dir", str(tmp_path)],
        cwd=REPO, capture_output=True, text=True, env=ENV,
    )
    assert result.returncode == 0, result.stderr
    assert re.search(r'data-pb-link="case:repair-cafe"', (tmp_path / "netwerken/ons-buurtpunt/bijeenkomst-2/index.html").read_text())


def test_the_matrix_of_the_seed_content(repo_site: Path):
    html = page(repo_site, "collectieve-impact/matrix")
    cells = {m[0]: (int(m[1]), int(m[2])) for m in re.findall(r'data-pb-cell="([^"]+)" data-pb-barriers="(\d+)" data-pb-levers="(\d+)"', html)}
    assert cells == {
        "gedeelde-agenda/overleg-buurtprojecten": (3, 2),
        "strategisch-leren-en-gedeelde-maatregelen/overleg-buurtprojecten": (3, 3),
        "activiteiten-die-elkaar-versterken/overleg-buurtprojecten": (2, 4),
        "open-en-voortdurende-communicatie/overleg-buurtprojecten": (1, 3),
    }
    assert len(re.findall(r"data-pb-gap", html)) == 5 * 4 - 4, "every other condition and network is a plain gap"
