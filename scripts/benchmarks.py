"""Shared helpers for benchmark scripts: machine facts and a section of docs/benchmarks.md each."""

from __future__ import annotations

import os
import platform
import re
import subprocess
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
    return f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores{memory}, Python {platform.python_version()}, {chromium}; {date.today().isoformat()}"


def write_section(name: str, body: str, report: Path = REPORT) -> None:
    """Replace (or add) the section between `<!-- name -->` markers in a Markdown report (docs/benchmarks.md)."""
    text = report.read_text(encoding="utf-8") if report.exists() else HEADER
    block = f"<!-- {name} -->\n{body.strip()}\n<!-- /{name} -->"
    pattern = re.compile(rf"<!-- {re.escape(name)} -->.*?<!-- /{re.escape(name)} -->", re.S)
    text = pattern.sub(lambda _: block, text) if pattern.search(text) else text.rstrip() + "\n\n" + block + "\n"
    report.write_text(text, encoding="utf-8")
