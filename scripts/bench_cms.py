"""Benchmark of the editing interface at /admin/: its size in the built book, and the time from opening it to
an editable form, in Chromium on the loopback server with the local proxy (decap-server).

    .venv/bin/python scripts/bench_cms.py [--runs 5]

Builds the repository's book into a temporary folder, serves it, starts decap-server on a copy of the content
and writes the figures to docs/benchmarks.md (section "cms").
"""

from __future__ import annotations

import argparse
import gzip
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
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from threading import Thread
from typing import Any

from benchmarks import ROOT, machine, write_section

PACKAGES = ROOT / "scripts" / "cms" / "node_modules"


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def measure(work: Path, env: dict[str, str], proxy_port: int, runs: int) -> dict[str, Any]:
    """Build the book in `work` with the interface, serve it, and time Chromium from /admin/ to the form."""
    config = work / "mkdocs.yml"
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    options = f"      cms: true\n      cms_packages: {PACKAGES}\n      cms_local_proxy: http://127.0.0.1:{proxy_port}/api/v1\n"
    config.write_text(text.replace("      cms: true\n", options), encoding="utf-8")
    site = work / "site"
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)], check=True, env=env, cwd=work)
    admin = site / "admin"
    files = [p for p in admin.iterdir() if p.is_file()]
    first_load = [admin / name for name in ("index.html", "js-yaml.umd.min.js", "decap-cms.js", "praktijkboek-cms.js", "config.yml")]
    found: dict[str, Any] = {
        "files": len(files),
        "chunks": sum(1 for p in files if p.name.endswith(".decap-cms.js")),
        "wasm": sum(1 for p in files if p.suffix == ".wasm"),
        "total": sum(p.stat().st_size for p in files),
        "first": sum(p.stat().st_size for p in first_load),
        "first_gzip": sum(len(gzip.compress(p.read_bytes(), 6)) for p in first_load),
        "config": (admin / "config.yml").stat().st_size,
    }
    for _ in range(100):
        request = urllib.request.Request(f"http://127.0.0.1:{proxy_port}/api/v1", data=b'{"action": "info"}', headers={"Content-Type": "application/json"})
        try:
            urllib.request.urlopen(request, timeout=1).read()
            break
        except OSError:
            time.sleep(0.1)
    from praktijkboek.outputs.pdf import browser

    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(Quiet, directory=str(site)))
    Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/admin/"
    cold: list[float] = []
    warm: list[float] = []
    try:
        with browser() as chromium:
            for _ in range(runs):
                context = chromium.new_context()
                tab = context.new_page()
                start = time.perf_counter()
                tab.goto(url)
                tab.get_by_role("button", name="Inloggen").click()
                tab.get_by_role("link", name="Sessies").first.wait_for(timeout=60_000)
                tab.goto(url + "#/collections/session/new")
                tab.get_by_label("Titel (title)").wait_for()
                assert tab.get_by_label("Titel (title)").is_editable()
                cold.append(time.perf_counter() - start)
                # The bundle in the browser's cache: an editor's second visit (the local proxy asks to sign in again).
                tab.goto("about:blank")
                start = time.perf_counter()
                tab.goto(url + "#/collections/session/new")
                title, button = tab.get_by_label("Titel (title)"), tab.get_by_role("button", name="Inloggen")
                title.or_(button).first.wait_for()
                if button.is_visible():
                    button.click()
                title.wait_for()
                warm.append(time.perf_counter() - start)
                context.close()
    finally:
        server.shutdown()
    return found | {"cold": cold, "warm": warm}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for folder in ("networks", "content", "overrides"):
            shutil.copytree(ROOT / folder, work / folder)
        with socket.socket() as probe:  # a free port for the proxy
            probe.bind(("127.0.0.1", 0))
            proxy_port = probe.getsockname()[1]
        proxy = subprocess.Popen(
            ["node", str(PACKAGES / "decap-server" / "dist" / "index.js")],
            env={**env, "GIT_REPO_DIRECTORY": str(work), "PORT": str(proxy_port), "MODE": "fs", "BIND_HOST": "127.0.0.1"},
            stdout=subprocess.DEVNULL,
        )
        try:
            m = measure(work, env, proxy_port, args.runs)
        finally:
            proxy.terminate()
            proxy.wait(timeout=10)
    cold, warm = m["cold"], m["warm"]

    version = json.loads((PACKAGES / "decap-cms" / "package.json").read_text(encoding="utf-8"))["version"]
    body = f"""## The editing interface at /admin/ (`scripts/bench_cms.py`)

{machine()}; Decap CMS {version}, the repository's content, {args.runs} runs, each in a new browser context.

| | |
| --- | --- |
| admin/ in the built book | {m["files"]} files, {m["total"] / 1e6:.1f} MB (Decap's bundle, {m["chunks"]} chunks it loads when needed, {m["wasm"]} wasm files, js-yaml, the book's loader) |
| loaded on opening it | {m["first"] / 1e6:.2f} MB, {m["first_gzip"] / 1e6:.2f} MB gzipped (decap-cms.js, js-yaml, praktijkboek-cms.js, index.html, config.yml) |
| config.yml | {m["config"] / 1e3:.0f} kB |
| opening /admin/ to an editable form for a new session (sign in with the local proxy, the list, the form) | median {statistics.median(cold):.2f} s (min {min(cold):.2f}, max {max(cold):.2f}) |
| the same again, the bundle in the browser's cache | median {statistics.median(warm):.2f} s (min {min(warm):.2f}, max {max(warm):.2f}) |

On the loopback server nothing waits for the network: over a phone connection the 1.5 MB gzipped of the first
visit come on top (GitHub Pages serves gzip). Most of the time is the bundle's parse and start in Chromium.
"""
    write_section("cms", body)
    print(body)


if __name__ == "__main__":
    main()
