"""Strict, safe reading of content files (YAML, or Markdown with YAML front matter).

Like StrictYAML, every scalar is read as text: `no`, `off` and `on` stay strings
(no Norway problem), `19:30` is not a base-60 number and `2019-13-45` is not a
crash but a string that the schema then rejects with a clear message. Only an
empty value, `~` or `null` becomes None. Duplicate keys, anchors, aliases and
tags are refused. Every mapping key and list item keeps its line number, so
that schema errors can point at the right line.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, cast

import frontmatter
import yaml

from praktijkboek.core.reading.kinds import FIELD_NAMES
from praktijkboek.core.reading.problems import Problem, field_name

MAX_FILE_BYTES = 256 * 1024
#: Deeper nesting than this is no content file but a mistake (or an attack on the parser's stack).
MAX_DEPTH = 20
#: The parsers whose events the reader takes, in turn: libyaml's (C, about ten times faster), when PyYAML
#: was built with it (the wheels on PyPI are), then PyYAML's own, whose syntax errors we can translate.
#: The strict rules are one (`_from_events`), whichever parser gives the events.
PARSERS: tuple[type[yaml.SafeLoader], ...] = (
    *((yaml.CSafeLoader,) if yaml.__with_libyaml__ else ()),
    yaml.SafeLoader,
)

Path_ = tuple[str | int, ...]


@dataclass
class ParsedFile:
    """The data of one file and the line of every key and list item in it."""

    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)
    body: str | None = None
    """The Markdown body of a `.md` file (after the front matter)."""
    body_line: int = 1
    source: list[str] = field(default_factory=list, repr=False)
    """The file's lines, for finding where a text inside a folded block (`>`) was written."""

    def line_of(self, path: Path_) -> int:
        """The line of `path`, or of its nearest ancestor that has one."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), 1)


class ReadError(Exception):
    """A file that cannot be read as content; becomes a Problem."""

    def __init__(self, line: int, message: str, hint: str | None = None, field: str | None = None):
        super().__init__(message)
        self.line, self.message, self.hint, self.field = line, message, hint, field


#: The unquoted values that mean "nothing": the field is left out.
NULLS = frozenset({"", "~", "null", "Null", "NULL"})


class _Mark(Protocol):
    """Where an event or node starts or ends: PyYAML's Mark, or libyaml's."""

    line: int


def _check_plain(lines: list[str], start: _Mark, end: _Mark) -> None:
    """An unquoted value over several lines whose next line starts with '- ' is a list item indented
    differently from its siblings: YAML glues it onto the value above. Refuse it instead."""
    for index in range(start.line + 1, min(end.line, len(lines) - 1) + 1):
        stripped = lines[index].lstrip()
        if stripped == "-" or stripped.startswith("- "):
            raise ReadError(
                index + 1,
                "dit lijstitem springt anders in dan de items erboven; zo wordt het aan het vorige item vastgeplakt",
                "Laat elke regel die met '- ' begint even ver inspringen als de andere items van de lijst, "
                "bijvoorbeeld twee spaties. Hoort het streepje bij de tekst? Zet de tekst dan tussen aanhalingstekens.",
            )


_FIELD_LINE = re.compile(r"( *(?:- +)?)([A-Za-z_][A-Za-z0-9_]*):(?: |$)")


def _indented_field(lines: list[str], index: int) -> tuple[int, str, str] | None:
    """`summary:` (a field the content model has) indented further than the field above it, which has
    a value of its own."""
    here = _FIELD_LINE.match(lines[index]) if index < len(lines) else None
    if not here or not here.group(1) or "-" in here.group(1) or here.group(2) not in FIELD_NAMES:
        return None  # text with a colon in it, which the quotes advice is for
    above = next((lines[i] for i in range(index - 1, -1, -1) if lines[i].strip() and not lines[i].lstrip().startswith("#")), "")
    field_above = _FIELD_LINE.match(above)
    indent_above = len(field_above.group(1)) if field_above else len(above) - len(above.lstrip(" "))
    if len(here.group(1)) <= indent_above:
        return None
    name, over = here.group(2), f"'{field_above.group(2)}'" if field_above else "de regel erboven"
    return (
        index + 1,
        f"het veld '{name}' springt verder in dan {over}",
        f"Velden beginnen allemaal even ver: haal de spaties vóór '{name}' weg, tot het onder {over} begint.",
    )


def _describe_yaml_error(exc: yaml.MarkedYAMLError, text: str) -> tuple[int, str, str]:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else 1
    problem = (exc.problem or "").strip()
    source_line = text.splitlines()[line - 1] if mark and line <= len(text.splitlines()) else ""
    if "\t" in source_line[: len(source_line) - len(source_line.lstrip())] or "found character '\\t'" in problem:
        return (
            line,
            "tab gebruikt om in te springen",
            "YAML springt in met spaties, niet met tabs. Vervang de tab door twee spaties.",
        )
    if "mapping values are not allowed" in problem:
        indented = _indented_field(text.splitlines(), line - 1)
        if indented:
            return indented
        return (
            line,
            "dubbele punt op een onverwachte plaats",
            "Staat er een ': ' in een tekst? Zet de tekst dan tussen aanhalingstekens, bijvoorbeeld: title: \"Tafel 1: dialoog\"",
        )
    if "could not find expected ':'" in problem or "expected <block end>" in problem:
        return (
            line,
            "de structuur klopt niet (inspringing of ontbrekende ':')",
            "Controleer of elk veld de vorm 'naam: waarde' heeft en even ver inspringt als de velden erboven.",
        )
    if "expected a single document" in str(exc) or "but found another document" in problem:
        return (
            line,
            "het bestand bevat meer dan één YAML-document (een tweede regel '---')",
            "Een inhoudsbestand is één document: verwijder de extra regel '---'.",
        )
    if "found unexpected end of stream" in problem or "<stream end>" in problem or "expected ','" in problem:
        # Told where the quote or bracket opens (PyYAML's context), not where the reader gave up.
        opened = exc.context_mark.line + 1 if exc.context_mark and exc.context and ("quoted" in exc.context or "flow" in exc.context) else line
        return (opened, "een aanhalingsteken of haakje wordt niet afgesloten", "Sluit elk \" ' [ of { weer af.")
    start = re.search(r"found character '(.)' that cannot start any token", problem)
    if start:
        char = start.group(1)
        return (line, f"een waarde mag niet beginnen met '{char}'", f'Zet de waarde tussen aanhalingstekens, bijvoorbeeld: title: "{char}..."')
    escape = re.search(r"found unknown escape character '(.)'", problem)
    if escape:
        return (
            line,
            f"tussen dubbele aanhalingstekens is '\\{escape.group(1)}' geen geldig teken",
            "Schrijf een backslash dubbel (\\\\), of zet de tekst tussen enkele aanhalingstekens (').",
        )
    if "chomping or indentation indicators" in problem or "indentation indicator" in problem:
        return (
            line,
            "na '|' of '>' mag op dezelfde regel niets meer komen",
            "Zet de tekst op de regels eronder, twee spaties ingesprongen, of zet de waarde tussen aanhalingstekens.",
        )
    # No text of PyYAML reaches an editor: what is left is told in general terms, with what to try.
    return (
        line,
        "dit is geen geldige YAML",
        "Staat er een bijzonder teken aan het begin van een waarde (@ ` % & * ! | > { [ ' \") of een ': ' in een tekst? "
        "Zet de waarde dan tussen aanhalingstekens. Vergelijk anders met het voorbeeld in docs/content-model.md.",
    )


def _too_large(size: int) -> ReadError:
    return ReadError(
        1,
        f"het bestand is te groot ({size // 1024} KiB; de grens is {MAX_FILE_BYTES // 1024} KiB)",
        "Splits de inhoud op in meerdere bestanden, of verplaats grote stukken naar een link.",
    )


SYMLINK_MESSAGE = "een snelkoppeling (symbolische link) is hier niet toegestaan"
SYMLINK_HINT = (
    "Zet het bestand of de map zelf hier, geen snelkoppeling: die kan naar iets buiten het project wijzen, "
    "en niets van buiten het project komt in het praktijkboek."
)


def read_regular(path: Path) -> bytes:
    """The bytes of a regular file, and never more than the size cap. A symbolic link, a FIFO or a
    device is refused without being read (a pull request's files are built in CI: nothing outside
    the repository may be read or published)."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    if path.is_symlink():  # also where the system has no O_NOFOLLOW (Windows)
        raise ReadError(1, SYMLINK_MESSAGE, SYMLINK_HINT)
    try:
        descriptor = os.open(path, flags)
    except OSError as exc:
        if exc.errno == errno.ELOOP or path.is_symlink():
            raise ReadError(1, SYMLINK_MESSAGE, SYMLINK_HINT) from None
        raise
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            raise ReadError(1, "dit is geen gewoon bestand (maar een map, apparaat of pijp)", "Een inhoudsbestand is een gewoon tekstbestand (.yml of .md).")
        if status.st_size > MAX_FILE_BYTES:
            raise _too_large(status.st_size)
        with os.fdopen(descriptor, "rb", closefd=False) as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    finally:
        os.close(descriptor)
    if len(raw) > MAX_FILE_BYTES:
        raise _too_large(len(raw))
    return raw


def read_file(path: Path, rel: str) -> ParsedFile | Problem:
    """Read and parse one content file from disk; an unreadable file is a Problem."""
    try:
        raw = read_regular(path)
    except ReadError as exc:
        return Problem(rel, exc.line, exc.field, exc.message, exc.hint)
    except OSError as exc:
        return Problem(
            rel, 1, None, f"het bestand kan niet gelezen worden ({exc.strerror or exc})", "Is het een gewoon bestand (geen map of kapotte snelkoppeling)?"
        )
    return parse(raw, rel)


def read_text(raw: bytes) -> str:
    """Decode a content file: UTF-8 (a BOM is tolerated), line ends normalised."""
    if len(raw) > MAX_FILE_BYTES:
        raise _too_large(len(raw))
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ReadError(
            line,
            f"het bestand is niet in UTF-8 opgeslagen (onleesbare byte 0x{raw[exc.start]:02x})",
            "Sla het bestand op als UTF-8 (in VS Code: rechtsonder op de codering klikken, 'Save with Encoding', 'UTF-8').",
        ) from None
    if "\x00" in text:
        line = text[: text.index("\x00")].replace("\r\n", "\n").replace("\r", "\n").count("\n") + 1
        raise ReadError(
            line, "het bestand bevat een NUL-teken; is het wel een tekstbestand?", "Zo'n teken komt meestal mee bij kopiëren en plakken: typ de regel opnieuw."
        )
    # Line and paragraph separators and NEL, pasted from Word or a PDF, are no line ends to the editors'
    # editors (GitHub, VS Code), but YAML counts them as such: read as spaces, every line number is the editor's.
    return text.replace("\r\n", "\n").replace("\r", "\n").translate(_NOT_LINE_ENDS)


#: Control characters a text may not hold, however written (a tab and a line end may).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f]")

_NOT_LINE_ENDS = {ord("\u2028"): " ", ord("\u2029"): " ", ord("\x85"): " "}


def _from_events(text: str, parser: type[yaml.SafeLoader]) -> tuple[Any, dict[Path_, int]]:
    """Data and line map in one pass over a parser's event stream, with every strict rule: one
    document, no anchors, aliases or tags, no deep nesting, no duplicate keys, every scalar text,
    an unquoted empty value, `~` or `null` read as nothing."""
    lines: dict[Path_, int] = {}
    stack: list[tuple[Any, Path_]] = []  # (container, its path)
    pending_key: list[str | None] = []  # per open mapping: the key waiting for its value
    root: Any = None
    documents = 0
    source = text.split("\n")
    # Any: the events are told apart by their class (`type(event) is ...`), which mypy does not narrow.
    events = cast(Iterator[Any], yaml.parse(text, Loader=parser))
    for event in events:
        kind = type(event)
        if kind is yaml.DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise ReadError(
                    event.start_mark.line + 1,
                    "het bestand bevat meer dan één YAML-document (een tweede regel '---')",
                    "Een inhoudsbestand is één document: verwijder de extra regel '---'.",
                )
        if kind in (yaml.StreamStartEvent, yaml.StreamEndEvent, yaml.DocumentStartEvent, yaml.DocumentEndEvent):
            continue
        line = event.start_mark.line + 1
        if kind is yaml.AliasEvent:
            raise ReadError(
                line,
                f"verwijzing '*{event.anchor}' (YAML-alias) is niet toegestaan",
                "Schrijf de waarde gewoon opnieuw uit; ankers (&) en aliassen (*) maken bestanden moeilijk leesbaar.",
            )
        if kind in (yaml.MappingEndEvent, yaml.SequenceEndEvent):
            stack.pop()
            if kind is yaml.MappingEndEvent:
                pending_key.pop()
            continue
        if event.tag is not None:
            raise ReadError(line, f"YAML-tag '{event.tag}' is niet toegestaan", "Laat de tag (het woord dat met ! begint) weg; schrijf gewoon de waarde.")
        if event.anchor is not None:
            raise ReadError(line, f"anker '&{event.anchor}' (YAML-anker) is niet toegestaan", "Schrijf de waarde gewoon uit zonder '&'.")
        if stack:
            parent, parent_path = stack[-1]
            if isinstance(parent, dict) and pending_key[-1] is None:  # this event is a key
                if kind is not yaml.ScalarEvent:
                    raise ReadError(line, "een veldnaam moet gewone tekst zijn", field=field_name(parent_path))
                key = event.value
                if key == "<<":
                    raise ReadError(line, "samenvoegen met '<<' is niet toegestaan", field=field_name(parent_path))
                if key in parent:
                    raise ReadError(
                        line,
                        f"staat twee keer in dit bestand (eerst op regel {lines[parent_path + (key,)]})",
                        "Elk veld mag maar één keer voorkomen: voeg de twee samen of verwijder er één.",
                        field=field_name(parent_path + (key,)),
                    )
                lines[parent_path + (key,)] = line
                pending_key[-1] = key
                continue
            if isinstance(parent, dict):
                key_of_value = pending_key[-1]
                assert key_of_value is not None, "in a mapping, a value comes after its key (see above)"
                path: Path_ = parent_path + (key_of_value,)
            else:
                path = parent_path + (len(parent),)
        else:
            path = ()
        lines.setdefault(path, line)
        if kind is yaml.ScalarEvent:
            # libyaml marks a plain scalar with style '' (PyYAML's own parser with None): both are unquoted.
            value: Any = event.value
            if not event.style:
                _check_plain(source, event.start_mark, event.end_mark)
                if value in NULLS:
                    value = None
            elif (control := _CONTROL.search(value)) is not None:  # written as an escape between double quotes
                raise ReadError(
                    line,
                    f"de waarde bevat een onzichtbaar stuurteken (0x{ord(control.group()):02x}), geschreven als escape tussen aanhalingstekens",
                    "Haal de escape (zoals \\a, \\x07 of \\u0007) weg: zo'n teken hoort niet in een tekst.",
                )
        elif kind is yaml.MappingStartEvent:
            value = {}
        else:
            value = []
        if stack:
            parent = stack[-1][0]
            if isinstance(parent, dict):
                parent[pending_key[-1]] = value
                pending_key[-1] = None
            else:
                parent.append(value)
        else:
            root = value
        if kind is not yaml.ScalarEvent:
            if len(stack) >= MAX_DEPTH:
                raise ReadError(
                    line,
                    f"de velden zijn meer dan {MAX_DEPTH} niveaus diep genest",
                    "Een inhoudsbestand heeft hooguit een paar niveaus: velden, lijsten en een groep velden.",
                )
            stack.append((value, path))
            if kind is yaml.MappingStartEvent:
                pending_key.append(None)
    return root, lines


def _parse_yaml(text: str, line_offset: int = 0, parsers: tuple[type[yaml.SafeLoader], ...] = PARSERS) -> tuple[Any, dict[Path_, int]]:
    for parser in parsers:
        last = parser is parsers[-1]
        try:
            data, lines = _from_events(text, parser)
        except ReadError as exc:
            exc.line += line_offset
            raise
        except yaml.reader.ReaderError as exc:
            if not last:
                continue
            line = text[: exc.position].count("\n") + 1 + line_offset
            code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "\0")
            raise ReadError(
                line,
                f"het bestand bevat een onzichtbaar stuurteken (0x{code:02x})",
                "Zo'n teken komt meestal mee bij kopiëren en plakken: typ de regel opnieuw.",
            ) from None
        except yaml.MarkedYAMLError as exc:
            if not last:
                continue  # a syntax error: read again with PyYAML's own parser, whose messages we translate
            line, message, hint = _describe_yaml_error(exc, text)
            raise ReadError(line + line_offset, message, hint) from None
        except yaml.YAMLError:
            if not last:
                continue
            raise ReadError(1 + line_offset, "dit is geen geldige YAML", "Vergelijk met het voorbeeld in docs/content-model.md.") from None
        return data, ({k: v + line_offset for k, v in lines.items()} if line_offset else lines)
    raise ValueError("no YAML parser given")  # pragma: no cover - PARSERS always holds PyYAML's own


def parse(raw: bytes, path: str, *, markdown: bool | None = None, parsers: tuple[type[yaml.SafeLoader], ...] = PARSERS) -> ParsedFile | Problem:
    """Read one content file; a broken file gives a Problem instead of a crash. `markdown`: front
    matter and a body (by default: when `path` ends in .md), or YAML only. `parsers`: whose events
    to read (tests give each one alone, to prove that they agree)."""
    try:
        text = read_text(raw)
        if path.endswith(".md") if markdown is None else markdown:
            return _parse_markdown(text, parsers)
        data, lines = _parse_yaml(text, parsers=parsers)
        return ParsedFile(data, lines, source=text.split("\n"))
    except ReadError as exc:
        return Problem(path, exc.line, exc.field, exc.message, exc.hint)


def _parse_markdown(text: str, parsers: tuple[type[yaml.SafeLoader], ...]) -> ParsedFile:
    handler = frontmatter.YAMLHandler()
    if not handler.detect(text):
        raise ReadError(
            1,
            "een Markdown-bestand moet beginnen met velden tussen twee regels '---'",
            "Bijvoorbeeld:\n---\ntitle: Repair Café\n---\nHier komt de tekst.",
        )
    try:
        front, body = handler.split(text)
    except ValueError:
        raise ReadError(1, "de velden bovenaan worden niet afgesloten met een regel '---'") from None
    start = text.find(front) if front.strip() else 0
    data, lines = _parse_yaml(front, line_offset=text[:start].count("\n"), parsers=parsers)
    stripped = body.strip()
    start = len(text) - len(body) + (len(body) - len(body.lstrip()))
    return ParsedFile(data, lines, body=stripped or None, body_line=text[:start].count("\n") + 1, source=text.split("\n"))
