"""Benchmark: how soon the preview (`mkdocs serve --dirty`, as ./scripts/serve runs it) shows a content
error in the browser, and how soon the book is back once the file is fixed.

Usage: python scripts/bench_serve_error.py [--runs 5] [--sizes 1000]
Measured on the repository's content and on synthetic books (scripts/synthetic.py): from saving the
file to the first answer of a page address that is the error page (or the book again). The preview
polls the files every 0.5 s, as MkDocs does. Writes its figures to docs/benchmarks.md ("serve-error").
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import ROOT, machine, write_section

sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "plugins")]
from conftest import copy_of_the_repository, fetch, serving, wait_for  # noqa: E402
from praktijkboek.core.knowledge.load import load  # noqa: E402
from praktijkboek.core.pages.plan import plan  # noqa: E402
from praktijkboek.core.reading.loader import Layout  # noqa: E402


def _page(url: str) -> str:
    status, _, text = fetch(url, timeout=30)
    return text if status == 200 else ""


def measure(root: Path, runs: int) -> tuple[list[float], list[float], list[float]]:
    """Seconds from saving a broken case file to the error page, from fixing it to the book, and,
    to compare, from an edit of the case's first line (its title) to the page that shows it."""
    graph = load(Layout(root))
    case = graph.by_kind["case"][0]
    address = next(spec.url_path for spec in plan(graph) if spec.key == case.key) + "/"
    source = root / case.path
    good = source.read_text(encoding="utf-8")
    broken = good.replace("title:", "titel:", 1) if "title:" in good else "titel: kapot\n"
    to_error, to_book, edit = [], [], []
    with serving(root, wait=address) as preview:
        url = preview.url + address
        for run in range(runs):
            marker = f"Bewerkt {run}"
            steps = [
                (broken, to_error, lambda: "data-pb-error-page" in _page(url)),
                (good, to_book, lambda: "data-pb-error-page" not in (text := _page(url)) and "data-pb-kind" in text),
                (good.replace("\n", f" {marker}\n", 1), edit, lambda marker=marker: marker in _page(url)),
                (good, [], lambda marker=marker: marker not in (text := _page(url)) and "data-pb-kind" in text),
            ]
            for text, times, shown in steps:
                time.sleep(1.0)  # past the file-system poll of the previous change
                start = time.monotonic()
                source.write_text(text, encoding="utf-8")
                wait_for(shown, timeout=300, every=0.02)
                times.append(time.monotonic() - start)
    return to_error, to_book, edit


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000])
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        books = [("the repository's content", copy_of_the_repository(Path(tmp) / "repository"))]
        for size in args.sizes:
            root = Path(tmp) / f"synthetic-{size}"
            subprocess.run([sys.executable, str(ROOT / "scripts/synthetic.py"), str(size), str(root)], check=True, capture_output=True)
            books.append((f"{size:,} synthetic entities", root))
        for name, root in books:
            figures = measure(root, args.runs)
            rows.append(f"| {name} | " + " | ".join(f"{statistics.median(t):.2f} s (max {max(t):.2f})" for t in figures) + " |")
            print(rows[-1], flush=True)
    body = "\n".join(
        [
            "## A content error in the preview (`./scripts/serve`)",
            "",
            f"Machine: {machine()}. Command: `python scripts/bench_serve_error.py --runs {args.runs} --sizes {' '.join(map(str, args.sizes))}`.",
            "",
            "From saving a file to the first answer of a page address: the Dutch error page after breaking a case file "
            "(an unknown field), the book again after fixing it. Median of the runs, and the slowest. The preview "
            "notices a change by polling the files every 0.5 s (MkDocs' watcher), which is part of every figure. "
            "Showing the error builds no page, so it stays quick as the book grows; bringing the book back is a "
            "rebuild like any edit (last column: the same file's title changed, for comparison).",
            "",
            "| Book | Error shown | Book back | An ordinary edit shown |",
            "| --- | ---: | ---: | ---: |",
            *rows,
        ]
    )
    write_section("serve-error", body)


if __name__ == "__main__":
    main()
