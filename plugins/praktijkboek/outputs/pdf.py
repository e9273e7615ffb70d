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
from html import escape
from pathlib import Path
from typing import Any

from pypdf import PdfWriter
from pypdf.generic import NameObject, TextStringObject

from praktijkboek.core.pages.handouts import HANDOUT_DIR

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
        "Chromium niet gevonden. Installeer het (Debian/Ubuntu: apt-get install chromium) of geef het pad in de omgevingsvariabele PRAKTIJKBOEK_CHROMIUM."
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


#: Chromium's PDF: A4 from the print stylesheet, tagged (a screen reader can read it; the language
#: comes from <html lang="nl">, the title from <title>) and with bookmarks made of the headings.
PDF_OPTIONS = {"format": "A4", "print_background": True, "prefer_css_page_size": True, "tagged": True, "outline": True}

#: Puts a cover page before the first session's handout and the other sessions' handouts after it, each
#: from a new page, and titles the pack. (The cover's title is no heading: the bookmarks are the sessions.)
_PACK_SCRIPT = """([cover, sections, title]) => {
  let last = document.querySelector('[data-pb-handout]');
  const front = document.createElement('template');
  front.innerHTML = cover;
  last.before(front.content.firstElementChild);
  for (const html of sections) {
    const holder = document.createElement('template');
    holder.innerHTML = html;
    const handout = holder.content.firstElementChild;
    handout.style.breakBefore = 'page';
    last.after(handout);
    last = handout;
  }
  document.title = title;
}"""


def render_site(site_dir: Path) -> list[Rendered]:
    """Every session's handout and every network's pack, into the site folder. Returns the sessions' timings."""
    site_dir = site_dir.resolve()
    found = read_manifest(site_dir)
    networks = [*found["networks"], *({"sessions": [activity]} for activity in found.get("activities", []))]  # an activity: a handout, no pack
    rendered: list[Rendered] = []
    with browser() as chromium:
        page = chromium.new_page()  # type: ignore[attr-defined]  # browser() yields playwright's Browser
        for network in networks:
            handouts = []
            for session in network["sessions"]:
                target = site_dir / session["pdf"]
                target.parent.mkdir(parents=True, exist_ok=True)
                started = time.perf_counter()
                try:
                    page.goto((site_dir / session["page"]).as_uri(), wait_until="load")
                    page.emulate_media(media="print")
                    _print(page, target)
                    handouts.append(page.eval_on_selector("[data-pb-handout]", "element => element.outerHTML"))
                except Exception as exc:  # playwright's errors: told to the coordinator, not a traceback
                    raise HandoutError(f"de handout van {session['page']} kon niet gemaakt worden: {str(exc).splitlines()[0]}") from exc
                rendered.append(Rendered(target, time.perf_counter() - started))
            if handouts and "pack" in network:
                _pack(page, site_dir / network["sessions"][0]["page"], handouts, site_dir / network["pack"], network["title"], cover(network))
    return rendered


def cover(network: dict[str, Any]) -> str:
    """The pack's first page: the network, its sessions with their dates, where it is online."""
    sessions = "".join(f"<li><strong>{escape(s['title'])}</strong>{' · ' + escape(s['when']) if s.get('when') else ''}</li>" for s in network["sessions"])
    summary = f"<p class='pb-ho-cover-summary'>{escape(network['summary'])}</p>" if network.get("summary") else ""
    url = f"<p class='pb-ho-foot'>Online: {escape(network['url'])}</p>" if network.get("url") else ""
    return (
        f"<section class='pb-handout pb-ho-cover' data-pb-pack-cover style='break-after: page'>"
        f"<p class='pb-ho-network'>Hand-outs</p><p class='pb-ho-cover-title'>{escape(network['title'])}</p>{summary}"
        f"<p class='pb-ho-label'>De sessies in deze bundel</p><ol>{sessions}</ol>{url}</section>"
    )


def _pack(page: Any, first: Path, handouts: list[str], target: Path, title: str, front: str) -> None:
    """One PDF with every handout of a network, each from a new page: Chromium prints them as one
    document (the first session's page with the others' handouts after its own), so the pack is
    tagged too and its bookmarks are the sessions' titles. (Binding the separate PDFs would lose
    their tags: no PDF library merges structure trees.)"""
    try:
        page.goto(first.as_uri(), wait_until="load")
        page.emulate_media(media="print")
        page.evaluate(_PACK_SCRIPT, [front, handouts[1:], f"Hand-outs: {title}"])
        _print(page, target)
    except Exception as exc:  # playwright's errors: told to the coordinator, not a traceback
        raise HandoutError(f"de bundel {target.name} kon niet gemaakt worden: {str(exc).splitlines()[0]}") from exc


#: The headings Chromium makes bookmarks of: those shown on paper, in the order of the document.
_HEADINGS_SCRIPT = """() => [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')]
  .filter(h => h.getClientRects().length > 0).map(h => h.textContent.replace(/\\s+/g, ' ').trim())"""


def _print(page: Any, target: Path) -> None:
    """The page as a tagged A4 PDF. Chromium's bookmarks drop the space where a heading wraps on paper
    ('Participatie encommunicatie'): they get the headings' own text back."""
    page.pdf(path=str(target), **PDF_OPTIONS)
    _retitle(target, page.evaluate(_HEADINGS_SCRIPT))


def _retitle(path: Path, titles: list[str]) -> None:
    """Give the bookmarks of a PDF these titles, in order; the rest of the file (tags too) stays."""
    writer = PdfWriter(clone_from=str(path))
    items = []
    outlines = writer.root_object.get("/Outlines")
    pending = [outlines.get_object()["/First"]] if outlines is not None and "/First" in outlines.get_object() else []
    while pending:  # depth first, in document order
        item = pending.pop().get_object()
        items.append(item)
        if "/Next" in item:
            pending.append(item["/Next"])
        if "/First" in item:
            pending.append(item["/First"])
    if len(items) != len(titles):
        return  # not the headings' bookmarks (another Chromium, or headings hidden on paper): keep Chromium's own
    for item, title in zip(items, titles, strict=True):
        item[NameObject("/Title")] = TextStringObject(title)
    with path.open("wb") as handle:
        writer.write(handle)
