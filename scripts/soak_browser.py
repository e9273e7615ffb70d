"""Soak test: the browser tests, many runs in a row, while another build keeps the machine busy.

A test that waits for a fixed time, or stops at a half-typed query's first "Geen resultaten",
passes on a quiet machine and fails on a busy one. This runs every test marked `browser`
RUNS times in a row (two workers, as the suite runs), while a background loop builds a
synthetic book of LOAD_ENTITIES entities over and over, and counts the runs that fail.

Usage: python scripts/soak_browser.py [--runs 20] [--load-entities 1000]
Writes its figures to docs/benchmarks.md (section "browser-soak"); exits 1 when a run failed.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from benchmarks import ROOT, machine, write_section

PYTHON = sys.executable


def _keep_busy(book: Path, stop: threading.Event, builds: list[float]) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    while not stop.is_set():
        start = time.perf_counter()
        with tempfile.TemporaryDirectory() as site:
            subprocess.run(
                [PYTHON, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(book / "mkdocs.yml"), "--site-dir", site],
                cwd=book,
                env=env,
                check=True,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        builds.append(time.perf_counter() - start)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--load-entities", type=int, default=1000)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as work:
        book = Path(work) / "boek"
        subprocess.run([PYTHON, str(ROOT / "scripts/synthetic.py"), str(args.load_entities), str(book)], check=True, stdout=subprocess.DEVNULL)
        stop, builds = threading.Event(), []
        busy = threading.Thread(target=_keep_busy, args=(book, stop, builds), daemon=True)
        busy.start()
        results = []
        try:
            for run in range(1, args.runs + 1):
                start = time.perf_counter()
                done = subprocess.run(
                    [PYTHON, "-m", "pytest", "-q", "-n", "2", "-m", "browser", "-p", "no:cacheprovider"], cwd=ROOT, capture_output=True, text=True
                )
                seconds = time.perf_counter() - start
                summary = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else done.stderr.strip()[-200:]
                results.append((run, done.returncode, seconds, summary))
                print(f"run {run}: exit {done.returncode} in {seconds:.0f} s: {summary}", flush=True)
                if done.returncode != 0:
                    print(done.stdout[-6000:], flush=True)
        finally:
            stop.set()
            busy.join()

    failed = [r for r in results if r[1] != 0]
    rows = "\n".join(f"| {run} | {'passed' if code == 0 else 'FAILED'} | {seconds:.0f} s | {summary} |" for run, code, seconds, summary in results)
    write_section(
        "browser-soak",
        f"""## The browser tests under load (`scripts/soak_browser.py`)

Every test marked `browser` ({args.runs} runs in a row, two workers), while a background loop rebuilt a
synthetic book of {args.load_entities} entities ({len(builds)} builds, {sum(builds) / max(len(builds), 1):.0f} s each on average).
{machine()}.

**{args.runs - len(failed)} of {args.runs} runs passed.**

| run | result | time | pytest's summary |
|---|---|---|---|
{rows}
""",
    )
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
