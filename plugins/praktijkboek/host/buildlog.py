"""MkDocs' own lines in a build's output, told in Dutch.

`praktijkboek build` runs MkDocs and passes on what it prints. The book's problems are Dutch
already (the plugin raises them); what MkDocs adds around them, its log levels and its
progress and abort lines, is translated here line by line. A line this table does not know is
passed on as it is: nothing MkDocs says is ever hidden.
"""

from __future__ import annotations

import re
from collections.abc import Callable

LEVELS = {"INFO": "INFO", "WARNING": "WAARSCHUWING", "ERROR": "FOUT", "DEBUG": "DEBUG"}

_LEVEL = re.compile(r"^(DEBUG|INFO|WARNING|ERROR)(\s*)-  ")

#: MkDocs' messages (mkdocs.commands.build and mkdocs.config.base) and their Dutch.
_MESSAGES: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]] = [
    (re.compile(r"^Cleaning site directory$"), lambda m: "De sitemap wordt leeggemaakt"),
    (re.compile(r"^Building documentation to directory: (.*)$"), lambda m: f"Het praktijkboek wordt gebouwd in {m[1]}"),
    (re.compile(r"^Documentation built in ([\d.]+) seconds$"), lambda m: f"Gebouwd in {m[1].replace('.', ',')} seconden"),
    # Zensical's own lines (praktijkboek build --host zensical).
    (re.compile(r"^Build started$"), lambda m: "De bouw begint"),
    (re.compile(r"^No issues found$"), lambda m: "Geen problemen gevonden"),
    (re.compile(r"^Build finished in ([\d.]+)(m?s)$"), lambda m: f"Gebouwd in {m[1].replace('.', ',')} {'milli' if m[2] == 'ms' else ''}seconden"),
    (re.compile(r"^Aborted with a BuildError!$"), lambda m: "Afgebroken: het praktijkboek kan zo niet gebouwd worden (zie hierboven)."),
    (re.compile(r"^Aborted with a configuration error!$"), lambda m: "Afgebroken: een fout in mkdocs.yml (zie hierboven)."),
    (
        re.compile(r"^Aborted with (\d+) (?:configuration )?warnings? in 'strict' mode!$|^Aborted with (\d+) warnings? in strict mode!$"),
        lambda m: f"Afgebroken: {m[1] or m[2]} waarschuwing(en), en in de strikte modus telt elke waarschuwing als fout.",
    ),
]


def dutch(line: str) -> str:
    """One line of MkDocs' output, in Dutch where MkDocs wrote it; the book's own lines are left alone."""
    prefix = ""
    level = _LEVEL.match(line)
    if level:
        name = LEVELS[level[1]]
        prefix, line = f"{name:<13}-  ", line[level.end() :]
    for pattern, say in _MESSAGES:
        found = pattern.match(line)
        if found:
            return prefix + say(found)
    return prefix + line
