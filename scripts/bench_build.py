"""Benchmark: build speed and memory at scale, against MkDocs + Material building the same pages by hand.

    python scripts/bench_build.py                       # 100, 1,000 and 10,000 entities; writes docs/benchmarks.md
    python scripts/bench_build.py --sizes 100 --output -   # a quick run, report on stdout only

For each size: synthetic content (scripts/synthetic.py), then
- validation: loading and checking every file and planning the pages (in-process, best of runs);
- full builds, the runs of the variants interleaved (so that a slow spell of the machine hits all alike),
  wall time (median of runs) and peak memory of the whole process tree (sampled; see benchmarks.run_measured):
  - the book, as the repository builds it (search by Pagefind, fed while the pages are written);
  - the book with `search: material` (Material's search plugin instead of Pagefind);
  - the baseline: MkDocs + Material (with its search plugin) building the same pages written as plain
    Markdown, without the plugin;
  - the baseline with Pagefind instead: `mkdocs build` without search, then Pagefind's command line over
    the pages' content (`--root-selector .md-content`);
- site size on disk;
- serve: `mkdocs serve` (with and without --dirty), one session file edited, time until the
  served page shows the edit.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from itertools import pairwise
from pathlib import Path

from synthetic import generate, write_baseline, write_book

from benchmarks import ROOT, machine, material_search_config, run_measured, write_section

sys.path.insert(0, str(ROOT / "plugins"))
from praktijkboek.core.knowledge.load import load  # noqa: E402
from praktijkboek.core.pages.plan import plan  # noqa: E402
from praktijkboek.core.reading.loader import Layout  # noqa: E402

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


#: name -> (folder: "book" or "baseline", config file, then run Pagefind's CLI over the site?)
VARIANTS = {
    "book": ("book", "mkdocs.yml", False),
    "book_material": ("book", "mkdocs.material-search.yml", False),
    "baseline": ("baseline", "mkdocs.yml", False),
    "baseline_pagefind": ("baseline", "mkdocs.no-search.yml", True),
}


def write_variant_configs(project: Path, baseline: Path) -> None:
    (project / "mkdocs.material-search.yml").write_text(material_search_config((project / "mkdocs.yml").read_text(encoding="utf-8")), encoding="utf-8")
    text = (baseline / "mkdocs.yml").read_text(encoding="utf-8")
    assert "plugins:\n  - search:\n      lang: nl\n" in text
    (baseline / "mkdocs.no-search.yml").write_text(text.replace("plugins:\n  - search:\n      lang: nl\n", "plugins: []\n"), encoding="utf-8")


def build_variant(name: str, folders: dict[str, Path], site: Path) -> tuple[float, int, int]:
    """(seconds, peak MiB of the process tree, peak MiB of the largest process) of one full build."""
    folder, config, pagefind = VARIANTS[name]
    seconds, tree, largest = run_measured([sys.executable, "-m", "mkdocs", "build", "-f", config, "--site-dir", str(site)], folders[folder], ENV)
    if pagefind:  # a second step: the build's memory is freed by then, so the peak is the larger of the two
        more, tree2, largest2 = run_measured(
            [sys.executable, "-m", "pagefind_bin", "--site", str(site), "--output-subdir", "pagefind", "--root-selector", ".md-content", "--silent"],
            folders[folder],
            ENV,
        )
        seconds, tree, largest = seconds + more, max(tree, tree2), max(largest, largest2)
    return seconds, tree, largest


def validation(project: Path, runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        plan(load(Layout(project)))
        best = min(best, time.perf_counter() - started)
    return best


def size_mib(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1024 / 1024


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve_rebuild(project: Path, dirty: bool, timeout: float = 900) -> float:
    """Seconds from saving an edited session file until `mkdocs serve` shows the edit (loopback only)."""
    port = free_port()
    args = [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"] + (["--dirty", "--no-strict"] if dirty else [])
    log = tempfile.TemporaryFile()
    process = subprocess.Popen(args, cwd=project, env=ENV, stdout=log, stderr=subprocess.STDOUT)
    session = sorted((project / "networks").glob("*/sessions/*.yml"))[0]
    url = f"http://127.0.0.1:{port}/praktijkboek/netwerken/{session.parent.parent.name}/{session.stem}/"
    original = session.read_text(encoding="utf-8")
    try:
        deadline = time.monotonic() + timeout
        while not _shows(url, "<h1"):
            if process.poll() is not None or time.monotonic() > deadline:
                log.seek(0)
                raise RuntimeError(f"mkdocs serve did not come up: {log.read().decode()[-2000:]}")
            time.sleep(0.5)
        marker = f"Bewerkt {time.time_ns()}"
        lines = original.splitlines()
        lines = [f"title: {marker}" if line.startswith("title:") else line for line in lines]
        started = time.perf_counter()
        session.write_text("\n".join(lines) + "\n", encoding="utf-8")
        while not _shows(url, marker):
            if time.monotonic() > deadline:
                raise RuntimeError("the edit never showed")
            time.sleep(0.05)
        return time.perf_counter() - started
    finally:
        session.write_text(original, encoding="utf-8")
        process.terminate()
        process.wait(timeout=30)


def _shows(url: str, text: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - loopback only
            return text in response.read().decode("utf-8")
    except OSError:
        return False


def measure(size: int, runs: int, serve: bool, work: Path) -> dict:
    book = generate(size)
    project, baseline = work / f"book-{size}", work / f"baseline-{size}"
    write_book(book, project)
    pages = write_baseline(project, baseline)
    write_variant_configs(project, baseline)
    row: dict = {"entities": book.count(), "pages": pages}
    row["validation_s"] = validation(project, runs)
    folders = {"book": project, "baseline": baseline}
    results: dict[str, list[tuple[float, int, int]]] = {name: [] for name in VARIANTS}
    for _ in range(runs):
        for name in VARIANTS:
            results[name].append(build_variant(name, folders, work / f"site-{size}-{name}"))
    for name, measured in results.items():
        row[f"{name}_s"] = statistics.median(m[0] for m in measured)
        row[f"{name}_mib"] = max(m[1] for m in measured)
        row[f"{name}_largest_mib"] = max(m[2] for m in measured)
    row["site_mib"] = size_mib(work / f"site-{size}-book")
    row["baseline_site_mib"] = size_mib(work / f"site-{size}-baseline")
    row["built_pages"] = sum(1 for _ in (work / f"site-{size}-book").rglob("index.html"))
    if serve:
        row["serve_dirty_s"] = serve_rebuild(project, dirty=True)
        row["serve_full_s"] = serve_rebuild(project, dirty=False)
    return row


def report(rows: list[dict], args: argparse.Namespace) -> str:
    lines = [
        "## Build speed at scale",
        "",
        f"Command: `python scripts/bench_build.py --sizes {' '.join(map(str, args.sizes))} --runs {args.runs}`. "
        "Synthetic content from `scripts/synthetic.py` (networks, sessions, cases, organisations, people, themes, "
        "conditions, barriers and levers with Dutch text and every relation kind). The baseline is MkDocs + Material "
        "building the same pages (same facts, relations both ways, listings and handout text) written as plain "
        "Markdown, without the plugin. Builds: the median of the runs, the variants' runs interleaved. Memory: the peak "
        "of the whole process tree (the build and the helpers it starts: Pagefind, the QR-code worker), sampled every "
        "50 ms; in brackets the largest single process, as the kernel reports it.",
        "",
        f"Machine: {machine()}.",
        "",
        "Time (seconds) and overhead (our build / the baseline's):",
        "",
        "| entities | pages | validation | book (Pagefind) | baseline (Material search) | overhead | baseline + Pagefind | overhead, same search | book (Material search) | overhead, same search |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        lines.append(
            f"| {r['entities']:,} | {r['pages']:,} | {r['validation_s']:.2f} | {r['book_s']:.1f} | {r['baseline_s']:.1f} | "
            f"{r['book_s'] / r['baseline_s']:.2f} | {r['baseline_pagefind_s']:.1f} | {r['book_s'] / r['baseline_pagefind_s']:.2f} | "
            f"{r['book_material_s']:.1f} | {r['book_material_s'] / r['baseline_s']:.2f} |"
        )
    lines += [
        "",
        "Peak memory (MiB) and ratio (ours / the baseline's):",
        "",
        "| entities | book (Pagefind) | baseline (Material search) | ratio | baseline + Pagefind | ratio, same search | book (Material search) | ratio, same search |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:

        def mib(name: str, r: dict = r) -> str:
            return f"{r[name + '_mib']:,} ({r[name + '_largest_mib']:,})"

        lines.append(
            f"| {r['entities']:,} | {mib('book')} | {mib('baseline')} | {r['book_mib'] / r['baseline_mib']:.2f} | "
            f"{mib('baseline_pagefind')} | {r['book_mib'] / r['baseline_pagefind_mib']:.2f} | "
            f"{mib('book_material')} | {r['book_material_mib'] / r['baseline_mib']:.2f} |"
        )
    lines += [
        "",
        "Site and `mkdocs serve` (seconds from saving an edited session file until the served page shows it):",
        "",
        "| entities | site (MiB) | baseline site (MiB) | serve --dirty | serve |",
        "| ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        serve = (f"{r['serve_dirty_s']:.1f} | {r['serve_full_s']:.1f}") if "serve_dirty_s" in r else "– | –"
        lines.append(f"| {r['entities']:,} | {r['site_mib']:.0f} | {r['baseline_site_mib']:.0f} | {serve} |")
    by = {r["entities"]: r for r in rows}
    sizes = sorted(by)
    if len(sizes) >= 2:
        lines += ["", "Growth between sizes (10x more entities):", ""]
        for small, large in pairwise(sizes):
            lines.append(
                f"- {small:,} → {large:,}: build x{by[large]['book_s'] / by[small]['book_s']:.1f}, "
                f"validation x{by[large]['validation_s'] / by[small]['validation_s']:.1f}, "
                f"baseline x{by[large]['baseline_s'] / by[small]['baseline_s']:.1f}"
            )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--serve-up-to", type=int, default=10000, help="measure serve rebuilds for sizes up to this")
    parser.add_argument("--output", default=str(ROOT / "docs" / "benchmarks.md"), help="'-' for stdout only")
    parser.add_argument("--json", action="store_true", help="print the raw figures as JSON too")
    parser.add_argument("--keep", type=Path, help="keep the generated books and sites in this folder")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="praktijkboek-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        rows = [measure(size, args.runs, size <= args.serve_up_to, work) for size in args.sizes]
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    text = report(rows, args)
    if args.output != "-":
        write_section("build", text, Path(args.output))
    print(text)
    if args.json:
        print(json.dumps(rows))


if __name__ == "__main__":
    main()
