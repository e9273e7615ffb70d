"""The search index: Pagefind, fed the pages while they are written, as the pages are written.

Pagefind (from PyPI's pagefind-bin, which ships the binary) turns HTML pages into a
fragmented index in `pagefind/`: a reader downloads only the parts a query needs. Its
Dutch stemming follows `<html lang="nl">`. Filters come from `data-pagefind-filter`
elements that the page templates write (core/pages/search_filters.py).

`Indexer` runs Pagefind as a service (`pagefind --service`, the interface of Pagefind's
own Node and Python APIs: base64-encoded JSON messages, each ended by a comma). MkDocs
builds on one core and in two passes: first every page's content, then every page's
template. Pagefind gets each page's content in the first pass (`page_html`), parses it
on the other core, and writes its index during the second pass.
(Pagefind's Python package speaks the same protocol, but reads one answer per tenth of
a second: 10,000 pages would take 17 minutes.)
"""

from __future__ import annotations

import base64
import io
import json
import subprocess
import tempfile
import threading
from pathlib import Path
from typing import Any, cast

from pagefind_bin import get_executable

from praktijkboek.core.pages.sitecheck import SEARCH_INDEX_DIR

INDEX_DIR = SEARCH_INDEX_DIR  # reserved: a hand-written file there is refused before the build
#: Where the part of a page that Pagefind indexes begins and ends (overrides/main.html).
BODY_START, BODY_END = "<div data-pagefind-body>", "<!--/pagefind-body-->"


def page_html(language: str, title: str, content: str) -> str:
    """A page as Pagefind reads it, from its content (what Material puts in `data-pagefind-body`)."""
    heading = "" if "<h1" in content else f"<h1>{title}</h1>"  # as Material's content.html adds it
    # The title for the results as main.html writes it: the page's title, not its heading with the permalink sign.
    meta = f'<div hidden data-pagefind-ignore><span data-pagefind-meta="title">{title}</span></div>'
    return f'<html lang="{language}"><body><div data-pagefind-body>{meta}{heading}{content}</div></body></html>'


def indexable(html: str) -> str:
    """What Pagefind needs of a written page: its `<html lang>` (the language, for stemming) and the
    `data-pagefind-body` part. Material's head, header, navigation, footer and scripts, about two
    thirds of a page, are left out: less to encode, send and parse. A page without the marks
    (a theme that overrides main.html) is sent whole."""
    start = html.find(BODY_START)
    end = html.find(BODY_END, start)
    root = html.find("<html")
    if start < 0 or end < 0 or root < 0:
        return html
    return html[root : html.index(">", root) + 1] + "<body>" + html[start:end] + "</body></html>"


class SearchIndexError(Exception):
    pass


class Indexer:
    """One Pagefind index, built in a Pagefind service process while pages are added."""

    def __init__(self) -> None:
        self._log = tempfile.TemporaryFile()
        try:
            self._process = subprocess.Popen([str(get_executable()), "--service"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._log)
        except OSError as exc:  # also pagefind-bin's FileNotFoundError when its binary is missing
            self._log.close()
            raise SearchIndexError(f"Pagefind kon niet starten ({exc}). Installeer het opnieuw: pip install pagefind-bin") from None
        self._next_id = 0
        self._writing: int | None = None
        self._urls: dict[int, str] = {}
        self._answers: dict[int, dict[str, Any]] = {}
        self._arrived = threading.Condition()
        self._closed = False
        self._errors: list[str] = []
        self._reader = threading.Thread(target=self._read, name="pagefind-answers", daemon=True)
        self._reader.start()
        self.pages: set[str] = set()
        """The URLs added so far."""
        try:
            self._index = self._wait(self._send({"type": "NewIndex", "config": {}}))["index_id"]
        except SearchIndexError:
            self.stop()
            raise

    def add(self, url: str, html: str) -> None:
        """Add a written page; `url` is its address from the site's root (`/netwerken/x/`)."""
        self._urls[self._send({"type": "AddFile", "index_id": self._index, "url": url, "file_path": None, "file_contents": html})] = url
        self.pages.add(url)

    def write(self, folder: Path) -> None:
        """Have Pagefind write the index to `folder`, in its own time: `finish` waits for it."""
        self._writing = self._send({"type": "WriteFiles", "index_id": self._index, "output_path": str(folder)})

    def finish(self) -> None:
        """Wait until the index is written and stop the service; raise SearchIndexError if Pagefind failed."""
        try:
            if self._writing is None:
                raise SearchIndexError("Pagefind kreeg nooit de opdracht om de zoekindex te schrijven.")
            self._wait(self._writing)
            if self._errors:
                raise SearchIndexError(self._errors[0])
        finally:
            self.stop()

    def stop(self) -> None:
        if self._process.poll() is None:
            try:
                self._process.stdin.close()  # type: ignore[union-attr]  # the process is started with stdin=PIPE
            except OSError:  # Pagefind already gone (a broken pipe): the build's own error says why
                self._process.kill()
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        self._reader.join(timeout=10)
        self._log.close()

    def _send(self, payload: dict[str, Any]) -> int:
        self._next_id += 1
        message = json.dumps({"message_id": self._next_id, "payload": payload}, ensure_ascii=False).encode("utf-8")
        try:
            self._process.stdin.write(base64.b64encode(message) + b",")  # type: ignore[union-attr]  # the process is started with stdin=PIPE
            if payload["type"] != "AddFile":
                self._process.stdin.flush()  # type: ignore[union-attr]  # the process is started with stdin=PIPE
        except BrokenPipeError:
            raise SearchIndexError(self._failure("Pagefind is onverwacht gestopt")) from None
        return self._next_id

    def _read(self) -> None:
        """Collect Pagefind's answers (on its stdout) in a thread, so that its pipe never fills up."""
        stream = cast(io.BufferedReader, self._process.stdout)  # a pipe opened in binary mode: buffered, with read1
        assert stream is not None
        pending = b""
        try:
            while chunk := stream.read1(1 << 16):
                pending += chunk
                *messages, pending = pending.split(b",")
                for raw in messages:
                    answer = json.loads(base64.b64decode(raw))
                    payload = answer.get("payload") or {}
                    if payload.get("type") == "Error":
                        page = self._urls.get(answer.get("message_id") or -1)
                        where = f" (pagina {page})" if page else ""
                        self._errors.append(f"Pagefind kon de zoekindex niet maken{where}: {payload.get('message')}")
                    with self._arrived:
                        if payload.get("type") != "IndexedFile":  # the answers someone waits for
                            self._answers[answer.get("message_id") or -1] = payload
                        self._arrived.notify_all()
        except (ValueError, AttributeError) as exc:  # an answer that is not base64-encoded JSON
            self._errors.append(f"Pagefind antwoordde onverwacht: {exc}")
        finally:  # whatever happened, nobody keeps waiting for an answer
            with self._arrived:
                self._closed = True
                self._arrived.notify_all()

    def _wait(self, message_id: int) -> dict[str, Any]:
        with self._arrived:
            while message_id not in self._answers and -1 not in self._answers and not self._closed:
                self._arrived.wait()
            answer = self._answers.pop(message_id, None) or self._answers.pop(-1, None)
        if answer is None:
            raise SearchIndexError(self._failure("Pagefind is onverwacht gestopt"))
        if answer.get("type") == "Error":
            raise SearchIndexError(f"Pagefind kon de zoekindex niet maken: {answer.get('message')}")
        return answer

    def _failure(self, what: str) -> str:
        self._log.seek(0)
        detail = self._log.read().decode("utf-8", errors="replace").strip()
        return f"{what}{': ' + detail if detail else '.'}"
