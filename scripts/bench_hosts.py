"""Benchmark: the book built by each host, side by side in one run.

    python scripts/bench_hosts.py                  # 1,000 entities, 3 runs each; writes docs/benchmarks.md
    python scripts/bench_hosts.py --entities 100 --runs 1 --output -

For a synthetic book (scripts/synthetic.py), the runs of the hosts interleaved (a slow spell of the
machine hits all alike), wall time (median) and peak memory of the process tree:
- `praktijkboek build --host mkdocs --no-handouts`: MkDocs with the plugin, then postbuild (the book
  check and the link check; the plugin wrote search, feeds and open data);
- the same with `--host properdocs`;
- the same with `--host zensical`: generate, `zensical build`, then postbuild (which also writes the
  Pagefind index, the feeds and open data there).
Each step of the Zensical build is timed once more on its own.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from synthetic import generate, write_book

from benchmarks import machine, run_measured, write_section

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
HOSTS = ("mkdocs", "properdocs", "zensical")
CLI = [sys.executable, "-m", "praktijkboek"]


def _steps(book: Path) -> list[tuple[str, float]]:
    """The Zensical build's three steps, each timed."""
    timings = []
    out = book / ".praktijkboek/zensical"
    zensical = str(Path(sys.executable).with_name("zensical"))
    for name, command, cwd in (
        ("generate", [*CLI, "generate", "--root", str(book)], book),
        ("zensical build", [zensical, "build", "--clean", "-f", str(out / "mkdocs.yml")], out),
        ("postbuild", [*CLI, "postbuild", "--root", str(book), "--site-dir", str(out / "site"), "--no-handouts"], book),
    ):
        started = time.perf_counter()
        subprocess.run(command, cwd=cwd, env=ENV, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        timings.append((name, time.perf_counter() - started))
    return timings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entities", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--output", default=None, help="'-' for stdout only")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as work:
        book = Path(work) / "boek"
        write_book(generate(args.entities), book)
        results: dict[str, list[tuple[float, int]]] = {host: [] for host in HOSTS}
        for _ in range(args.runs):
            for host in HOSTS:
                seconds, tree, _largest = run_measured([*CLI, "build", "--host", host, "--no-handouts", "--root", str(book)], book, ENV)
                results[host].append((seconds, tree))
        pages = sum(1 for _ in (book / "site").rglob("index.html"))
        steps = _steps(book)

    rows = "\n".join(f"| {host} | {statistics.median(s for s, _ in runs):.1f} s | {max(m for _, m in runs)} MiB |" for host, runs in results.items())
    step_rows = "\n".join(f"| {name} | {seconds:.1f} s |" for name, seconds in steps)
    report = f"""## The book on three hosts (`scripts/bench_hosts.py`)

A synthetic book of {args.entities} entities ({pages} pages), built by `praktijkboek build --host <host> --no-handouts`
(the build, then postbuild: the book check and the link check), {args.runs} runs each, interleaved; median wall
time and the largest peak memory of the process tree. {machine()}.

| host | build | peak memory |
|---|---|---|
{rows}

The Zensical build, step by step (one run):

| step | time |
|---|---|
{step_rows}
"""
    if args.output == "-":
        print(report)
    else:
        write_section("hosts", report)
        print(report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
