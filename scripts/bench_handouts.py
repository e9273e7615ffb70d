"""Benchmark: time per PDF handout, on the repository's content and on a synthetic network.

Usage: python scripts/bench_handouts.py [--sessions 50] [--runs 3]
Writes its figures to docs/benchmarks.md (section "handouts").
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import ROOT, machine, write_section

sys.path.insert(0, str(ROOT / "plugins"))
from praktijkboek.outputs.pdf import render_site  # noqa: E402

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def build(project: Path, site: Path) -> None:
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)], cwd=project, env=ENV, check=True, capture_output=True)


def synthetic(project: Path, sessions: int) -> None:
    """A copy of the repository with one extra network of `sessions` sessions, each with cases and questions."""
    for item in ("mkdocs.yml", "networks", "content", "overrides"):
        (shutil.copytree if (ROOT / item).is_dir() else shutil.copy)(ROOT / item, project / item)
    (project / "scripts" / "cms").mkdir(parents=True)
    (project / "scripts" / "cms" / "node_modules").symlink_to(ROOT / "scripts" / "cms" / "node_modules")  # the editing interface's
    folder = project / "networks" / "bench" / "sessions"
    folder.mkdir(parents=True)
    (project / "networks" / "bench" / "network.yml").write_text("title: Benchmarknetwerk\nkind: lerend netwerk\ncontacts: [bernard-govaert]\n")
    cases = ["repair-cafe", "mobipunt", "dorv", "kompas-halle", "over-de-zulle"]
    for i in range(1, sessions + 1):
        (folder / f"sessie-{i}.yml").write_text(
            f"number: {i}\ntitle: Werksessie {i}\ndate: 2025-{(i % 12) + 1:02d}-{(i % 27) + 1:02d}\nstart_time: '19:30'\n"
            f"end_time: '21:30'\nvenue: Gemeentehuis\nformat: werksessie\nprogramme:\n  - Welkom\n  - Werken in groepjes\n"
            f"  - Terugkoppeling\ncases: [{', '.join(cases[: 1 + i % 5])}]\nquestions:\n  - Wat nemen we mee naar onze gemeente?\n"
        )


def measure(site: Path, runs: int) -> tuple[int, list[float]]:
    per_handout = []
    count = 0
    for _ in range(runs):
        started = time.perf_counter()
        rendered = render_site(site)
        total = time.perf_counter() - started
        count = len(rendered)
        per_handout.append(total / count)
    return count, per_handout


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sessions", type=int, default=50)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "repo-site"
        build(ROOT, site)
        count, times = measure(site, args.runs)
        rows.append(("repository content", count, times))
        project = Path(tmp) / "synthetic"
        project.mkdir()
        synthetic(project, args.sessions)
        site = Path(tmp) / "synthetic-site"
        build(project, site)
        count, times = measure(site, args.runs)
        rows.append((f"repository + {args.sessions} synthetic sessions", count, times))
    lines = [
        "## Handouts (PDF per session)",
        "",
        f"Command: `python scripts/bench_handouts.py --sessions {args.sessions} --runs {args.runs}`. "
        "Wall time of `praktijkboek handouts` (one headless Chromium for all, plus printing each network's pack as one tagged document), "
        "divided by the number of session handouts.",
        "",
        f"Machine: {machine()}.",
        "",
        "| content | handouts | seconds per handout (median of runs) | min | max |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for name, count, times in rows:
        lines.append(f"| {name} | {count} | {statistics.median(times):.3f} | {min(times):.3f} | {max(times):.3f} |")
    write_section("handouts", "\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
