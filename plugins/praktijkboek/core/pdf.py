"""Render the handouts of a built site to A4 PDFs with headless Chromium.

One browser for all handouts: each session page is opened from the built site
and printed with its print stylesheet (the same as Ctrl+P in a browser); then
the sessions of each network are bound into one pack. Uses Debian's chromium
through playwright; playwright's own browser download is never needed.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfWriter

from .handouts import HANDOUT_DIR

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


class HandoutError(Exception):
    """Something a person has to fix before handouts can be rendered (told in Dutch)."""


@dataclass
class Rendered:
    pdf: Path
    seconds: float


def find_chromium() -> str:
    configured = os.environ.get("PRAKTIJKBOEK_CHROMIUM")
    for candidate in ([configured] if configured else []) + [*CHROMIUM_CANDIDATES, shutil.which("chromium") or ""]:
        if candidate and Path(candidate).is_file():
            return candidate
    raise HandoutError(
        "Chromium niet gevonden. Installeer het (Debian/Ubuntu: apt-get install chromium) "
        "of geef het pad in de omgevingsvariabele PRAKTIJKBOEK_CHROMIUM."
    )


@contextmanager
def browser() -> Iterator[object]:
    try:
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise HandoutError("playwright ontbreekt: installeer het project opnieuw (pip install -e .).") from None
    with sync_playwright() as playwright:
        try:
            chromium = playwright.chromium.launch(executable_path=find_chromium(), args=CHROMIUM_ARGS)
        except PlaywrightError as exc:
            raise HandoutError(f"Chromium start niet: {str(exc).splitlines()[0]}") from None
        try:
            yield chromium
        finally:
            chromium.close()


def read_manifest(site_dir: Path) -> dict:
    path = site_dir / HANDOUT_DIR / "manifest.json"
    if not path.is_file():
        raise HandoutError(f"{path} ontbreekt: bouw eerst het boek (mkdocs build) in {site_dir}.")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, OSError) as exc:
        raise HandoutError(f"{path} is onleesbaar ({exc}): bouw het boek opnieuw.") from None


def render_site(site_dir: Path) -> list[Rendered]:
    """Every session's handout and every network's pack, into the site folder. Returns the sessions' timings."""
    site_dir = site_dir.resolve()
    networks = read_manifest(site_dir)["networks"]
    rendered: list[Rendered] = []
    with browser() as chromium:
        page = chromium.new_page()  # type: ignore[attr-defined]
        for network in networks:
            pdfs = []
            for session in network["sessions"]:
                target = site_dir / session["pdf"]
                target.parent.mkdir(parents=True, exist_ok=True)
                started = time.perf_counter()
                try:
                    page.goto((site_dir / session["page"]).as_uri(), wait_until="load")
                    page.emulate_media(media="print")
                    page.pdf(path=str(target), format="A4", print_background=True, prefer_css_page_size=True)
                except Exception as exc:  # playwright's errors: told to the coordinator, not a traceback
                    raise HandoutError(f"de handout van {session['page']} kon niet gemaakt worden: {str(exc).splitlines()[0]}") from exc
                rendered.append(Rendered(target, time.perf_counter() - started))
                pdfs.append(target)
            if pdfs:
                bind(pdfs, site_dir / network["pack"], network["title"])
    return rendered


def bind(pdfs: list[Path], target: Path, title: str) -> None:
    """One PDF of several, each starting on a new page, with a bookmark per handout."""
    writer = PdfWriter()
    for pdf in pdfs:
        start = len(writer.pages)
        writer.append(str(pdf))
        writer.add_outline_item(pdf.stem, start)
    writer.add_metadata({"/Title": f"Handouts: {title}"})
    with target.open("wb") as handle:
        writer.write(handle)
