"""Benchmark: Material's built-in search against Pagefind, as a reader meets them, in headless Chromium.

    python scripts/bench_search.py                        # 100, 1,000 and 10,000 entities; writes docs/benchmarks.md
    python scripts/bench_search.py --sizes 100 --output -  # quick, to stdout

For each size, the same synthetic book is built twice: with Material's `search` plugin (lunr,
one search_index.json) and with the practice book's Pagefind search. Each site is served on
loopback; Chromium opens the home page, opens the search box and types a query. Measured:
bytes transferred from opening the page until the first result shows (all requests, and the
search index's share), and the time from the first keystroke to the first result.
"""

from __future__ import annotations

import argparse
import http.server
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from functools import partial
from pathlib import Path

from synthetic import generate, write_book

from benchmarks import ROOT, machine, material_search_config, write_section

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
QUERIES = ["buurtpunt", "vrijwilligers", "Leuven"]


def material_variant(project: Path) -> None:
    (project / "mkdocs.yml").write_text(material_search_config((project / "mkdocs.yml").read_text(encoding="utf-8")), encoding="utf-8")


def build(project: Path, site: Path) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site)], cwd=project, env=ENV, check=True, capture_output=True)
    return time.perf_counter() - started


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # noqa: D102
        pass


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


#: A 4G-like connection (Chromium's network emulation): readers are not on loopback.
NETWORK = {"offline": False, "latency": 60, "downloadThroughput": 1_500_000, "uploadThroughput": 750_000}


def search_once(browser, url: str, query: str) -> dict:
    context = browser.new_context()
    page = context.new_page()
    context.new_cdp_session(page).send("Network.emulateNetworkConditions", NETWORK)
    sizes: list[tuple[str, int]] = []

    def finished(request) -> None:
        try:
            sizes.append((request.url, request.sizes()["responseBodySize"] + request.sizes()["responseHeadersSize"]))
        except Exception:  # noqa: BLE001 - a request without sizes (aborted) counts as nothing
            sizes.append((request.url, 0))

    page.on("requestfinished", finished)
    started = time.perf_counter()
    page.goto(url, wait_until="load")
    page.keyboard.press("/")
    box = page.locator("input.md-search__input")
    box.wait_for(state="visible")
    box.press_sequentially(query, delay=0)
    page.locator(".md-search-result__item").first.wait_for(state="visible", timeout=120_000)
    seconds = time.perf_counter() - started
    page.wait_for_timeout(200)
    context.close()
    search_bytes = sum(size for address, size in sizes if "search_index.json" in address or "/pagefind/" in address)
    return {"seconds": seconds, "bytes": sum(size for _, size in sizes), "search_bytes": search_bytes}


def measure(size: int, work: Path, browser) -> dict:
    row: dict = {"entities": size}
    book = generate(size)
    for engine in ("material", "pagefind"):
        project = work / f"{engine}-{size}"
        write_book(book, project)
        if engine == "material":
            material_variant(project)
        site = work / f"{engine}-site-{size}"
        row[f"{engine}_build_s"] = build(project, site)
        server, url = serve(site)
        try:
            runs = [search_once(browser, url, query) for query in QUERIES]
        finally:
            server.shutdown()
        row[f"{engine}_first_result_s"] = statistics.median(r["seconds"] for r in runs)
        row[f"{engine}_bytes"] = statistics.median(r["bytes"] for r in runs)
        row[f"{engine}_search_bytes"] = statistics.median(r["search_bytes"] for r in runs)
        shutil.rmtree(site, ignore_errors=True)
    return row


def report(rows: list[dict], sizes: list[int]) -> str:
    kib = lambda n: f"{n / 1024:,.0f}"  # noqa: E731
    lines = [
        "## Search: Material's built-in search against Pagefind",
        "",
        f"Command: `python scripts/bench_search.py --sizes {' '.join(map(str, sizes))}`. The same synthetic book built with "
        "Material's `search` plugin and with Pagefind; served on loopback; headless Chromium opens the home page, opens "
        f"the search box and types a query as soon as the page has loaded (median over {', '.join(QUERIES)}), over an emulated "
        "4G-like connection (60 ms latency, 1.5 MB/s down). Bytes: everything transferred from opening the page until the first "
        "result shows (the search index's share apart); time: from opening the page to the first result.",
        "",
        f"Machine: {machine()}.",
        "",
        "| entities | engine | KiB until first result | of which search index (KiB) | page opened to first result (s) | build (s) |",
        "| ---: | --- | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        for engine in ("material", "pagefind"):
            lines.append(
                f"| {r['entities']:,} | {engine} | {kib(r[f'{engine}_bytes'])} | {kib(r[f'{engine}_search_bytes'])} | "
                f"{r[f'{engine}_first_result_s']:.2f} | {r[f'{engine}_build_s']:.1f} |"
            )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--output", default=str(ROOT / "docs" / "benchmarks.md"), help="'-' for stdout only")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "plugins"))
    from playwright.sync_api import sync_playwright

    from praktijkboek.outputs.pdf import CHROMIUM_ARGS, find_chromium

    work = Path(tempfile.mkdtemp(prefix="praktijkboek-search-"))
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=find_chromium(), args=CHROMIUM_ARGS)
            rows = [measure(size, work, browser) for size in args.sizes]
            browser.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    text = report(rows, args.sizes)
    if args.output != "-":
        write_section("search", text, Path(args.output))
    print(text)


if __name__ == "__main__":
    main()
