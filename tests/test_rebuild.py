"""Editing one file while `mkdocs serve --dirty` runs: the pages it affects are rebuilt, the others are not."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

from conftest import REPO, Site


def _build(site: Site, out: Path, *, start: bool = False):
    """One build of `mkdocs serve --dirty`: MkDocs starts the plugin once per serve (`start`: on_startup),
    then builds again after every change with the same plugin."""
    config = load_config(str(site.root / "mkdocs.yml"), site_dir=str(out), strict=False)
    if start:
        config.plugins.on_startup(command="serve", dirty=True)
    build(config, dirty=True)
    return config.plugins["praktijkboek"]


def _stamps(out: Path) -> dict[str, int]:
    return {p.relative_to(out).as_posix(): p.stat().st_mtime_ns for p in out.rglob("index.html")}


def test_a_dirty_rebuild_redoes_exactly_the_affected_pages(site: Site, tmp_path: Path):
    out = tmp_path / "out"
    first = _build(site, out, start=True)
    before = _stamps(out)
    site.write(
        "networks/buurtpunt/sessions/bijeenkomst-1.yml",
        (site.root / "networks/buurtpunt/sessions/bijeenkomst-1.yml").read_text().replace("Participatie en communicatie", "Nieuwe titel"),
    )
    second = _build(site, out)
    assert second is first, "MkDocs keeps a plugin with on_startup across serve rebuilds"
    after = _stamps(out)
    rebuilt = {page for page in after if after[page] != before.get(page)}
    # the session itself, and every page that shows its title
    for page in (
        "netwerken/buurtpunt/bijeenkomst-1/index.html",
        "netwerken/buurtpunt/index.html",
        "praktijkvoorbeelden/repair-cafe/index.html",
        "praktijkvoorbeelden/dorv/index.html",
        "personen/anna/index.html",
        "themas/mobiliteit/index.html",
        "index.html",
        "sessies/index.html",
        "jaren/2019/index.html",
        "collectieve-impact/remmende-factoren/spanningen/index.html",
    ):
        assert page in rebuilt, page
        assert "Nieuwe titel" in (out / page).read_text(), page
    for page in ("organisaties/netwerk-mobiliteit/index.html", "personen/bernard/index.html", "collectieve-impact/matrix/index.html"):
        assert page not in rebuilt, page
    assert len(rebuilt) <= len(after) / 2, "the others are left as they are"
    index = json.loads((out / "search/search_index.json").read_text())
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert "organisaties/netwerk-mobiliteit/" in locations, "pages not rebuilt stay in the search index"
    titles = [doc["title"] for doc in index["docs"] if doc["location"] == "netwerken/buurtpunt/bijeenkomst-1/"]
    assert titles == ["Nieuwe titel"]


def test_a_dirty_rebuild_without_a_change_rewrites_no_page(site: Site, tmp_path: Path):
    """Generated and hand-written pages alike: nothing they show changed, so none is written again."""
    out = tmp_path / "out"
    _build(site, out, start=True)
    before = _stamps(out)
    _build(site, out)
    after = _stamps(out)
    assert "index.html" in after  # the hand-written home page is among them
    assert [page for page in after if after[page] != before.get(page)] == []


def test_pagefind_indexes_every_page_after_a_dirty_rebuild(site: Site, tmp_path: Path):
    yml = site.root / "mkdocs.yml"
    yml.write_text(yml.read_text().replace("  - search\n", "").replace("search: material", "search: pagefind"))
    out = tmp_path / "out"

    def indexed() -> int:
        entry = json.loads((out / "pagefind/pagefind-entry.json").read_text())
        return entry["languages"]["nl"]["page_count"]

    _build(site, out, start=True)
    pages = len(list(out.rglob("index.html")))
    assert indexed() == pages
    site.write(
        "networks/buurtpunt/sessions/bijeenkomst-1.yml",
        (site.root / "networks/buurtpunt/sessions/bijeenkomst-1.yml").read_text().replace("Participatie en communicatie", "Nieuwe titel"),
    )
    _build(site, out)
    assert indexed() == pages, "the pages not rebuilt are read back from the site"


def test_the_benchmark_runs_on_a_small_book():
    result = subprocess.run(
        [sys.executable, str(REPO / "scripts/bench_build.py"), "--sizes", "40", "--runs", "1", "--serve-up-to", "0", "--output", "-", "--json"],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    row = json.loads(result.stdout.strip().splitlines()[-1])[0]
    assert row["entities"] == 40
    assert row["built_pages"] >= row["pages"] - 1, "every page of the book is in the built site"
    for variant in ("book", "book_material", "baseline", "baseline_pagefind"):
        assert row[f"{variant}_s"] > 0 and row[f"{variant}_mib"] > 0, variant


def test_a_dirty_rebuild_removes_deleted_pages_and_updates_links_in_hand_written_pages(site: Site, tmp_path: Path):
    out = tmp_path / "out"
    site.write("content/pages/over.md", "# Over\n\nZie [[case:dorv]].\n")
    _build(site, out, start=True)
    assert ">Dorv</a>" in (out / "over/index.html").read_text()
    site.write("content/cases/dorv.md", "---\ntitle: Dorpswinkel Dorv\n---\nEen dorpswinkel.\n")
    site.write("networks/buurtpunt/sessions/bijeenkomst-1.yml", "title: Participatie\ndate: 2019-06-06\ncases: [dorv]\n")
    (site.root / "content/cases/repair-cafe.yml").unlink()
    site.write("networks/buurtpunt/sessions/bijeenkomst-2.md", "---\ntitle: Juridisch kader\ndate: 2019-10-22\n---\nTekst.\n")
    _build(site, out)
    assert ">Dorpswinkel Dorv</a>" in (out / "over/index.html").read_text()
    assert not (out / "praktijkvoorbeelden/repair-cafe/index.html").exists()


def test_after_a_failed_build_the_next_one_redoes_every_page(site: Site, tmp_path: Path):
    out = tmp_path / "out"
    plugin = _build(site, out, start=True)
    plugin.on_build_error(error=RuntimeError("stopped halfway"))
    before = _stamps(out)
    _build(site, out)
    after = _stamps(out)
    assert all(after[page] != before[page] for page in before if page != "404.html" and not page.startswith("search"))
