"""Problems found in content files, and how they are told to editors (in Dutch).

A `Problem` names the file, the line, the field, what is wrong, what was
expected and, where it helps, an example or the closest valid choice. All
problems of a run are collected and reported together.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    path: str
    """The file, relative to the project root, with forward slashes."""
    line: int
    """1-based line number; 1 when the problem concerns the whole file."""
    field: str | None
    """The field as editors read it (`'speakers', 2e item`), or None for the file as a whole."""
    message: str
    """What is wrong, in Dutch."""
    hint: str | None = None
    """What was expected, an example, or 'bedoel je ...?'."""

    def sort_key(self) -> tuple[str, int, str, str]:
        return (self.path, self.line, self.field or "", self.message)

    @property
    def location(self) -> str:
        """`file:line`; a problem with a command's argument (line 0) names only the command."""
        return f"{self.path}:{self.line}" if self.line else self.path

    def format(self) -> str:
        """The problem as people read it. What an editor wrote can never act on the terminal or the
        CI log: control characters (ESC, BEL, CR, ...) are shown as `\\x1b`, and workflow commands
        are broken up (`visible`); every line after the first is indented."""
        where = f"veld {visible(self.field)}: " if self.field else ""
        first, *rest = f"{visible(self.location)}: {where}{visible(self.message)}".split("\n")
        more = [*rest, *(visible(self.hint).split("\n") if self.hint else [])]
        return "\n".join([first, *(f"    {line}" for line in more)])


#: Characters that act on a terminal or a log instead of being read: C0 and C1 controls (but the
#: line feed, which the report indents) and DEL; also the Unicode line and paragraph separators.
_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029]")


#: What GitHub Actions' runner reads as a workflow command in a log line: `::name::` at the start (after
#: spaces) and the older `##[name]` anywhere. A zero-width space breaks both, and is not seen.
_COMMAND = re.compile(r"(:)(?=:)|(#)(?=#\[)")


def visible(text: str) -> str:
    """Editors' text for a terminal or a log: control characters written out (`\\x1b`), not obeyed,
    and no workflow command for GitHub Actions (`::warning::`, `##[error]`) left whole."""
    shown = _CONTROL.sub(lambda match: f"\\x{ord(match.group()):02x}" if ord(match.group()) < 0x100 else f"\\u{ord(match.group()):04x}", text)
    return _COMMAND.sub(lambda match: match.group() + "\u200b", shown)


class ContentError(Exception):
    """Raised when content files have problems; carries all of them."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(problems, key=Problem.sort_key)
        super().__init__(format_report(self.problems))


def format_report(problems: list[Problem]) -> str:
    count = len(problems)
    noun = "probleem" if count == 1 else "problemen"
    files = len({p.path for p in problems})
    head = f"De inhoud van het praktijkboek heeft {count} {noun} in {files} bestand{'en' if files != 1 else ''}:"
    body = "\n\n".join(p.format() for p in sorted(problems, key=Problem.sort_key))
    return f"{head}\n\n{body}\n"


def field_name(loc: tuple[str | int, ...]) -> str | None:
    """A field location as editors count: `('links', 0, 'url')` is `'links', 1e item, 'url'`."""
    parts = [f"{p + 1}e item" if isinstance(p, int) else f"'{p}'" for p in loc]
    return ", ".join(parts) or None


def did_you_mean(value: str, choices: Iterable[str]) -> str | None:
    """`bedoel je 'repair-cafe'?` for the closest choice, if any is close."""
    match = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.6)
    return f"Bedoel je '{match[0]}'?" if match else None


def did_you_mean_id(value: str, ids: Iterable[str]) -> str | None:
    """`bedoel je ...?` for an id: a near spelling first (`bmc-adviseur` -> `bmc-adviseurs`), then the
    ids that contain it or that it contains, word for word (`bmc-adviseurs` -> `bmc`, `voorst` ->
    `gemeente-voorst`); for a session, among the sessions of the same network."""
    candidates = sorted(set(ids))
    near = difflib.get_close_matches(value, candidates, n=1, cutoff=0.85)
    if near:
        return f"Bedoel je '{near[0]}'?"
    network, _, name = value.rpartition("/")
    pool = [c for c in candidates if c.rpartition("/")[0] == network]
    words = name.split("-")
    related = [c for c in pool if contains_words(c.rpartition("/")[2].split("-"), words) or contains_words(words, c.rpartition("/")[2].split("-"))]
    related.sort(key=lambda c: (abs(len(c) - len(value)), c))
    if related:
        return "Bedoel je " + " of ".join(f"'{c}'" for c in related[:3]) + "?"
    return did_you_mean(value, candidates)


def contains_words(words: list[str], part: list[str]) -> bool:
    """`part` occurs in `words` as consecutive whole words."""
    return any(words[i : i + len(part)] == part for i in range(len(words) - len(part) + 1))


def list_choices(choices: Iterable[str], limit: int = 12) -> str:
    items = sorted(choices)
    shown = ", ".join(f"'{c}'" for c in items[:limit])
    more = f" (en {len(items) - limit} meer)" if len(items) > limit else ""
    return shown + more
