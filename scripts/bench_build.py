"""Benchmark: build speed and memory at scale, against MkDocs + Material building the same pages by hand.

    python scripts/bench_build.py                       # 100, 1,000 and 10,000 entities; writes docs/benchmarks.md
    python scripts/bench_build.py --sizes 100 --output -   # a quick run, report on stdout only

For each size: synthetic content (scripts/synthetic.py), then
- validation: loading and checking every file and planning the pages (in-process, best of runs);
- full build: `mkdocs build` of the book, and of the baseline (the same pages as plain Markdown,
  no plugin), wall time (median of runs) and the child's own peak RSS;
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
from pathlib import Path

from benchmarks import ROOT, machine, write_section
from synthetic import generate, write_baseline, write_book

sys.path.insert(0, str(ROOT / "plugins"))
from praktijkboek.core.loader import Layout, load  # noqa: E402
from praktijkboek.core.pages import plan  # noqa: E402

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def timed_child(args: list[str], cwd: Path) -> tuple[float, int]:
    """(wall seconds, peak RSS in MiB) of one child process; fails loudly if it fails."""
    started = time.perf_counter()
    with tempfile.TemporaryFile() as errors:  # a file, not a pipe: a chatty child can never block
        process = subprocess.Popen(args, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        if os.waitstatus_to_exitcode(status) != 0:
            errors.seek(0)
            raise RuntimeError(f"{' '.join(args)} failed in {cwd}: {errors.read().decode()[-2000:]}")
    return seconds, usage.ru_maxrss // 1024


def build(project: Path, site: Path, runs: int) -> tuple[float, int]:
    results = [timed_child([sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site)], project) for _ in range(runs)]
    return statistics.median(r[0] for r in results), max(r[1] for r in results)


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
    row: dict = {"entities": book.count(), "pages": pages}
    row["validation_s"] = validation(project, runs)
    row["build_s"], row["rss_mib"] = build(project, work / f"site-{size}", runs)
    row["baseline_s"], row["baseline_rss_mib"] = build(baseline, work / f"baseline-site-{size}", runs)
    row["site_mib"] = size_mib(work / f"site-{size}")
    row["baseline_site_mib"] = size_mib(work / f"baseline-site-{size}")
    row["built_pages"] = sum(1 for _ in (work / f"site-{size}").rglob("index.html"))
    row["overhead"] = row["build_s"] / row["baseline_s"]
    row["memory_ratio"] = row["rss_mib"] / row["baseline_rss_mib"]
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
        "Markdown, without the plugin; overhead = our build time / the baseline's. Peak RSS is each build process's own.",
        "",
        f"Machine: {machine()}.",
        "",
        "| entities | pages | validation (s) | build (s) | baseline (s) | overhead | peak RSS (MiB) | baseline RSS (MiB) | memory ratio | site (MiB) | serve --dirty: edit shown (s) | serve: edit shown (s) |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        serve = (f"{r['serve_dirty_s']:.1f} | {r['serve_full_s']:.1f}") if "serve_dirty_s" in r else "– | –"
        lines.append(f"| {r['entities']:,} | {r['pages']:,} | {r['validation_s']:.2f} | {r['build_s']:.1f} | {r['baseline_s']:.1f} | "
                     f"{r['overhead']:.2f} | {r['rss_mib']} | {r['baseline_rss_mib']} | {r['memory_ratio']:.2f} | {r['site_mib']:.0f} | {serve} |")
    by = {r["entities"]: r for r in rows}
    sizes = sorted(by)
    if len(sizes) >= 2:
        lines += ["", "Growth between sizes (10x more entities):", ""]
        for small, large in zip(sizes, sizes[1:]):
            lines.append(f"- {small:,} → {large:,}: build x{by[large]['build_s'] / by[small]['build_s']:.1f}, "
                         f"validation x{by[large]['validation_s'] / by[small]['validation_s']:.1f}, "
                         f"baseline x{by[large]['baseline_s'] / by[small]['baseline_s']:.1f}")
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
