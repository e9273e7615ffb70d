"""Links to entities from inside Markdown: `[[case:repair-cafe]]` or `[[praktijkvoorbeeld:repair-cafe|het Repair Café]]`.

The kind is written in English (as in the schema) or in Dutch (as on the site).
A reference becomes an ordinary relative Markdown link to the entity's page
source, so the host tool turns it into the right URL wherever the page lives
and checks it like any other link. A reference to an id that does not exist is
a problem with file and line, like a broken reference in a YAML field.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

from praktijkboek.core.knowledge.graph import KnowledgeGraph, Node
from praktijkboek.core.reading.kinds import KINDS
from praktijkboek.core.reading.media import remote_images
from praktijkboek.core.reading.problems import Problem, did_you_mean_id, list_choices
from praktijkboek.core.reading.yamlfile import ParsedFile, ReadError, parse, read_regular, read_text

REFERENCE = re.compile(r"\[\[\s*([a-zA-Z-]+)\s*:\s*([^\]|\s]+)\s*(?:\|\s*([^\]\n]+?)\s*)?\]\]")

#: Kind names editors may write: the schema's own and the Dutch one shown on the site.
KIND_NAMES = KINDS.names()


def find(text: str) -> Iterator[tuple[int, re.Match[str]]]:
    """(0-based line within `text`, match) for every reference."""
    for match in REFERENCE.finditer(text):
        yield text.count("\n", 0, match.start()), match


def _target(graph: KnowledgeGraph, match: re.Match[str]) -> tuple[Node | None, str | None]:
    kind = KIND_NAMES.get(match.group(1).lower())
    if kind is None:
        return None, f"'{match.group(1)}' is geen soort; kies uit: {list_choices(KIND_NAMES)}"
    node = graph.get(kind, match.group(2))
    if node is None:
        return None, kind
    return node, None


def check(
    graph: KnowledgeGraph, text: str, path: str, first_line: int, field: str | None, broken: frozenset[str] = frozenset(), source: list[str] | None = None
) -> list[Problem]:
    """Problems for every reference in `text` that does not resolve; `first_line` is the file line of text's first line.

    References to `broken` keys (files that exist but failed validation) are not reported again. With the
    file's `source` lines, each reference is told at the line it was written on: in a folded block (`>`)
    the text's line breaks are not the file's.
    """
    problems = []
    written = "\n".join(source[first_line - 1 :]) if source else ""
    position = 0  # where in `written` the next reference is looked for
    for line, match in find(text):
        where = first_line + line
        found = written.find(match.group(0), position) if written else -1
        if found >= 0:
            where, position = first_line + written.count("\n", 0, found), found + len(match.group(0))
        node, error = _target(graph, match)
        if node is not None or f"{error}:{match.group(2)}" in broken:
            continue
        if error is not None and error in KINDS:
            kind = error
            guess = did_you_mean_id(match.group(2), [n.id for n in graph.by_kind[kind]])
            problems.append(
                Problem(
                    path,
                    where,
                    field,
                    f"verwijzing '{match.group(0)}': '{match.group(2)}' bestaat niet als {KINDS[kind].label}",
                    guess or f"Schrijf [[{match.group(1)}:id]] met de id (bestandsnaam) van een bestaande {KINDS[kind].label}.",
                )
            )
        else:
            problems.append(
                Problem(
                    path,
                    where,
                    field,
                    f"verwijzing '{match.group(0)}': {error}",
                    "Voorbeeld: [[praktijkvoorbeeld:repair-cafe]] of [[case:repair-cafe|het Repair Café]].",
                )
            )
    return problems


def check_graph(graph: KnowledgeGraph, broken: frozenset[str] = frozenset(), also: list[Node] | None = None) -> list[Problem]:
    """References in every Markdown field of every entity (and of `also`: what is valid of files that failed)."""
    problems = []
    for node in [*graph.nodes.values(), *(also or [])]:
        name = KINDS[node.kind].body_field
        text = getattr(node.entity, name, None)
        if not text:
            continue
        parsed: ParsedFile = node.parsed
        if parsed.body is not None:
            first = parsed.body_line
        else:  # a YAML block scalar starts on the line after its key
            first = parsed.line_of((name,)) + (1 if "\n" in text else 0)
        problems += check(graph, text, node.path, first, f"'{name}'", broken, parsed.source if parsed.body is None else None)
        problems += remote_media(text, node.path, first, f"'{name}'")
    return problems


def remote_media(text: str, rel: str, first: int, field: str | None) -> list[Problem]:
    """A picture or player from another website in editors' Markdown: refused, no request leaves the site."""
    return [
        Problem(
            rel,
            first + line - 1,
            field,
            "deze afbeelding (of video) komt van buiten het boek (een andere website, of een adres dat met / begint); het boek toont alleen bestanden uit de eigen map media",
            "Zet de foto in content/media/ en noem ze bij 'pictures' (met 'file' en 'alt'), of link naar de andere website met [tekst](https://...).",
        )
        for line in remote_images(text)
    ]


def check_pages(graph: KnowledgeGraph, root: Path, pages_dir: str, broken: frozenset[str] = frozenset()) -> list[Problem]:
    """References in the hand-written Markdown pages."""
    problems = []
    folder = root / pages_dir
    for path in markdown_pages(folder):
        rel = path.relative_to(root).as_posix()
        try:
            text = read_text(read_regular(path))
        except ReadError as exc:
            problems.append(Problem(rel, exc.line, None, exc.message, exc.hint))
            continue
        except OSError as exc:
            problems.append(Problem(rel, 1, None, f"het bestand kan niet gelezen worden ({exc.strerror or exc})"))
            continue
        problems += front_matter_problems(text, rel)
        problems += check(graph, text, rel, 1, None, broken)
        problems += remote_media(text, rel, 1, None)
    return problems


#: The endings MkDocs builds as Markdown pages (mkdocs.utils.markdown_extensions).
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")


def markdown_pages(folder: Path) -> list[Path]:
    """The hand-written pages in `folder`, whatever Markdown ending MkDocs accepts. Symbolic links, and
    what lies behind them, are left out: the loader's discovery refuses them, and they are never read."""
    if not folder.is_dir() or folder.is_symlink():
        return []
    return sorted(path for path in folder.rglob("*") if path.suffix in MARKDOWN_SUFFIXES and not behind_a_link(path, folder))


def behind_a_link(path: Path, folder: Path) -> bool:
    """`path` is a symbolic link, or lies in a folder below `folder` that is one."""
    parts = path.relative_to(folder).parts
    return any(folder.joinpath(*parts[: i + 1]).is_symlink() for i in range(len(parts)))


#: Front matter keys a hand-written page may use (all escaped or checked by the plugin); others are refused:
#: Material prints keys such as `subtitle`, `icon` or `template` into its pages unescaped.
PAGE_META_KEYS = ("description", "hide", "title")


#: Front matter as MkDocs finds it (mkdocs.utils.meta.YAML_RE): the same rule, so that what MkDocs
#: would read as a page's fields is what is checked here.
FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.UNICODE | re.DOTALL)


def front_matter_problems(text: str, rel: str) -> list[Problem]:
    """A hand-written page's front matter, read as strictly as a content file's: YAML that does not parse
    would be published as text (MkDocs drops broken front matter silently), and unknown keys are refused."""
    match = FRONT_MATTER.match(text)
    if match is None:
        if re.match(r"-{3}[ \t]*(\n|$)", text):
            return [
                Problem(
                    rel,
                    1,
                    None,
                    "de velden bovenaan worden niet afgesloten met een regel '---'",
                    "Zet na de velden een regel met alleen '---' (en daarna een nieuwe regel), of haal de eerste regel '---' weg.",
                )
            ]
        return []
    parsed = parse(match.group(1).encode("utf-8"), rel, markdown=False)
    if isinstance(parsed, Problem):
        return [replace(parsed, line=parsed.line + 1)]
    if parsed.data is None:
        return []
    if not isinstance(parsed.data, dict):
        return [Problem(rel, 2, None, "de velden bovenaan moeten de vorm 'naam: waarde' hebben", f"Toegestaan: {', '.join(PAGE_META_KEYS)}.")]
    return [
        Problem(rel, parsed.line_of((key,)) + 1, f"'{key}'", "dit veld bovenaan de pagina wordt niet ondersteund", f"Toegestaan: {', '.join(PAGE_META_KEYS)}.")
        for key in parsed.data
        if key not in PAGE_META_KEYS
    ]


def expand(text: str, from_uri: str, graph: KnowledgeGraph, uri_of: Callable[[Node], str]) -> str:
    """Replace every reference by a relative Markdown link from page `from_uri` to the entity's page."""

    def link(match: re.Match[str]) -> str:
        node, _ = _target(graph, match)
        if node is None:  # checked before the build; leave the text as written
            return match.group(0)
        label = (match.group(3) or node.label).replace("[", r"\[").replace("]", r"\]")
        target = posixpath.relpath(uri_of(node), posixpath.dirname(from_uri) or ".")
        return f"[{label}]({target})"

    return REFERENCE.sub(link, text)
