"""What stands between editors' text and Material's templates, and between the core's errors and a traceback."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from markupsafe import Markup, escape
from mkdocs.exceptions import PluginError

from praktijkboek.core.knowledge.references import PAGE_META_KEYS
from praktijkboek.core.reading.problems import ContentError, Problem
from praktijkboek.outputs import searchindex
from praktijkboek.outputs.qrcodes import QrCodeError


def refuse_unknown_meta(meta: dict[str, Any], path: str) -> None:
    """Editors' front matter reaches Material's templates, which do not escape (subtitle, status, icon,
    template...): only the keys we handle. The loader refuses other keys first (references.front_matter_problems,
    by the rule MkDocs reads front matter by); this guard keeps Material's unescaped keys out should the two differ."""
    unknown = sorted(set(map(str, meta)) - set(PAGE_META_KEYS))
    if unknown:
        problem = Problem(path, 1, f"'{unknown[0]}'", "dit veld bovenaan de pagina wordt niet ondersteund", f"Toegestaan: {', '.join(sorted(PAGE_META_KEYS))}.")
        raise PluginError(problem.format())


def escaped(value: Any) -> Any:
    """Editors' plain text as Markup, so Material's templates (not autoescaped) print it escaped."""
    return value if value is None or isinstance(value, Markup) else Markup(escape(str(value)))


@contextmanager
def reported() -> Iterator[None]:
    """What the core reports (content problems, a failing QR-code worker or Pagefind) becomes a
    PluginError: MkDocs prints the Dutch message, without a traceback, and exits non-zero."""
    try:
        yield
    except (ContentError, QrCodeError, searchindex.SearchIndexError) as exc:
        raise PluginError(str(exc)) from None
