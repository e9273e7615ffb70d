"""The preview (`mkdocs serve`) while the content has problems: one Dutch error page at every address.

MkDocs' preview server holds every request until a rebuild succeeds, so a broken file used to
leave the browser hanging on the old page, with the report only in the terminal. Instead, a
content error makes the plugin's build succeed without pages (`ServePreview.fail`), so that the
server's rebuild counts as done and open tabs reload at once; and the WSGI application in front
of MkDocs' own (`ServePreview.wsgi`, installed in `on_serve`) answers every page address with the
report until the next build succeeds. The page is served through MkDocs' server, which adds its
live-reload script: the browser reloads by itself when the file is fixed.

Nothing here imports MkDocs: the server is plain WSGI, the page comes from `core/editors/report.py`.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from praktijkboek.core.editors import report
from praktijkboek.core.reading.problems import Problem

WsgiApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]

#: The report in the served site. A dot file: no page of the book can have this name.
PAGE_NAME = ".praktijkboek-fout.html"


class ServePreview:
    """Whether the served book is broken, and what the browser is shown then."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        """The content's problems; empty while the book builds."""
        self.site_name = "Het praktijkboek"

    @property
    def failing(self) -> bool:
        return bool(self.problems)

    def fail(self, problems: list[Problem], site_name: str) -> None:
        """The content cannot be built: tell the terminal, in Dutch and nothing else, and the browser."""
        self.problems, self.site_name = sorted(problems, key=Problem.sort_key), site_name
        stream = sys.stderr
        color = stream.isatty() and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"
        stream.write("\n" + report.human(self.problems, color=color))
        stream.write("Het boek in de browser toont deze problemen op elke pagina, tot ze opgelost zijn.\n\n")
        stream.flush()

    def clear(self) -> None:
        self.problems = []

    def write(self, site_dir: Path) -> None:
        """Put the report in the served site, where the server will find it (`wsgi`)."""
        (site_dir / PAGE_NAME).write_text(report.html_page(self.problems, self.site_name), encoding="utf-8")

    def remove(self, site_dir: Path) -> None:
        """The book builds again: no report left in the served site."""
        (site_dir / PAGE_NAME).unlink(missing_ok=True)

    def wsgi(self, app: WsgiApp, mount_path: str) -> WsgiApp:
        """MkDocs' server application, with every page address answered by the report while failing.
        Files (styles, scripts, images) and the live-reload polls pass through unchanged."""
        error_page = mount_path.rstrip("/") + "/" + PAGE_NAME

        def application(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
            path = environ.get("PATH_INFO", "/")
            if path.startswith("/livereload/") or not _is_page(path):
                return app(environ, start_response)
            # MkDocs' server holds a request while a rebuild runs, so whether the book is broken is
            # known only once it answers: ask it for the page, then decide what to send.
            answer: list[Any] = []

            def held(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Callable[[bytes], None]:
                answer[:] = [status, headers, exc_info]
                return _no_write

            body = app(environ, held)
            if not self.failing:
                start_response(*answer)
                return body
            close = getattr(body, "close", None)
            if close is not None:
                close()

            # 200, not 503: MkDocs' server logs every other status as an English warning in the terminal,
            # where the editor should read only the Dutch report. no-store: never the report from a cache.
            def fresh(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
                return start_response(status, [*headers, ("Cache-Control", "no-store")], exc_info)

            return app({**environ, "PATH_INFO": error_page}, fresh)

        return application


def _no_write(data: bytes) -> None:
    """WSGI's `write` for a held answer; MkDocs' server returns its body instead of writing it."""
    raise RuntimeError("praktijkboek: write() is not supported while an answer is held")


def _is_page(path: str) -> bool:
    """An address of a page (`/boek/netwerken/x/`, `.../index.html`, `/boek`), not of a file."""
    last = path.rsplit("/", 1)[-1]
    return not last or last.endswith(".html") or "." not in last
