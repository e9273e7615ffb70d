"""Shared helpers for benchmark scripts: machine facts and a section of docs/benchmarks.md each."""

from __future__ import annotations

import os
import platform
import re
import subprocess
import tempfile
import threading
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REPORT = ROOT / "docs" / "benchmarks.md"
HEADER = "# Benchmarks\n\nFigures measured by the scripts in `scripts/`; each script rewrites its own section.\n"


def machine() -> str:
    memory = ""
    if Path("/proc/meminfo").exists():
        kib = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kib / 1024 / 1024:.0f} GiB"
    chromium = subprocess.run(["chromium", "--version"], capture_output=True, text=True).stdout.strip() if Path("/usr/bin/chromium").exists() else "no chromium"
    return (
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores{memory}, Python {platform.python_version()}, {chromium}; {date.today().isoformat()}"
    )


def write_section(name: str, body: str, report: Path = REPORT) -> None:
    """Replace (or add) the section between `<!-- name -->` markers in a Markdown report (docs/benchmarks.md)."""
    text = report.read_text(encoding="utf-8") if report.exists() else HEADER
    block = f"<!-- {name} -->\n{body.strip()}\n<!-- /{name} -->"
    pattern = re.compile(rf"<!-- {re.escape(name)} -->.*?<!-- /{re.escape(name)} -->", re.S)
    text = pattern.sub(lambda _: block, text) if pattern.search(text) else text.rstrip() + "\n\n" + block + "\n"
    report.write_text(text, encoding="utf-8")


def material_search_config(text: str) -> str:
    """A practice book's mkdocs.yml with Material's search plugin instead of Pagefind."""
    assert "      search: pagefind" in text and "\nplugins:\n" in text, "the book's mkdocs.yml has changed shape"
    return text.replace("      search: pagefind", "      search: material").replace("\nplugins:\n", "\nplugins:\n  - search:\n      lang: nl\n", 1)


def _rss_of_tree(root: int) -> int:
    """Bytes resident in `root` and all its descendants right now (Linux /proc)."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # the process ended meanwhile
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    total, todo, page = 0, [root], os.sysconf("SC_PAGE_SIZE")
    while todo:
        pid = todo.pop()
        todo.extend(children.get(pid, []))
        try:
            total += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * page
        except OSError:
            continue
    return total


def run_measured(args: list[str], cwd: Path, env: dict[str, str], interval: float = 0.05) -> tuple[float, int, int]:
    """Run a command; (wall seconds, peak MiB of the whole process tree, peak MiB of its largest process).

    The tree's peak is sampled every `interval` seconds: a build and the helpers it starts (a search
    indexer, a worker) hold memory at the same time, which the kernel's per-process peak (the second
    figure, from wait4) does not add up. Pages shared between processes (libraries) count once per
    process, so the sum errs on the high side. Fails loudly if the command fails.
    """
    peak = 0
    with tempfile.TemporaryFile() as errors:  # a file, not a pipe: a chatty child can never block
        started = time.perf_counter()
        process = subprocess.Popen(args, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=errors)
        done = threading.Event()

        def sample() -> None:
            nonlocal peak
            while not done.is_set():
                peak = max(peak, _rss_of_tree(process.pid))
                done.wait(interval)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        done.set()
        sampler.join()
        if os.waitstatus_to_exitcode(status) != 0:
            errors.seek(0)
            raise RuntimeError(f"{' '.join(args)} failed in {cwd}: {errors.read().decode()[-2000:]}")
    return seconds, peak // 2**20, usage.ru_maxrss // 1024
