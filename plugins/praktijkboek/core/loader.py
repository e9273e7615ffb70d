"""Find every content file, read it strictly, validate it and build the knowledge graph.

Nothing is dropped silently: a file in a place the loader does not know is a
problem, just like a broken one. All problems of a run are collected.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path

from . import references
from .graph import KnowledgeGraph, Node, resolve
from .models import CONTENT_FOLDERS, MODELS, SLUG_PATTERN
from .problems import ContentError, Problem, field_name, list_choices
from .validation import validate
from .yamlfile import SYMLINK_HINT, SYMLINK_MESSAGE, ParsedFile, read_file

ENTITY_SUFFIXES = (".yml", ".yaml", ".md")
#: Files that may sit anywhere without being content.
IGNORED_NAMES = {"README.md", ".gitkeep", ".DS_Store"}


@dataclass(frozen=True)
class Layout:
    """Where content lives, relative to the project root."""

    root: Path
    networks_dir: str = "networks"
    content_dir: str = "content"
    pages_dir: str = "content/pages"
    """Hand-written Markdown pages (MkDocs' docs_dir); not entity files."""

    def rel(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()


class FileCache:
    """Parsed and validated files by path, valid while the file's modification time and size are unchanged.

    Kept by a long-lived caller (the plugin during `mkdocs serve`), it makes a rebuild after one
    edit read and validate one file instead of all of them.
    """

    def __init__(self) -> None:
        self._entries: dict[Path, tuple[tuple[int, int], Node | None, list[Problem]]] = {}

    def get(self, path: Path, stamp: tuple[int, int]) -> tuple[Node | None, list[Problem]] | None:
        entry = self._entries.get(path)
        return (entry[1], entry[2]) if entry and entry[0] == stamp else None

    def put(self, path: Path, stamp: tuple[int, int], node: Node | None, problems: list[Problem]) -> None:
        self._entries[path] = (stamp, node, problems)


@dataclass(frozen=True)
class Found:
    kind: str
    id: str
    path: Path


def slugify(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.name not in IGNORED_NAMES)


def discover(layout: Layout) -> tuple[list[Found], list[Problem]]:
    """Every entity file under the networks and content folders, and every stray file."""
    found: list[Found] = []
    problems: list[Problem] = []

    refused: set[Path] = set()

    def linked(path: Path) -> bool:
        """A symbolic link is refused, wherever it is: it could lead outside the repository. (Told once,
        also when the pages folder inside content/ is the link.)"""
        if not path.is_symlink():
            return False
        if path not in refused:
            refused.add(path)
            problems.append(Problem(layout.rel(path), 1, None, SYMLINK_MESSAGE, SYMLINK_HINT))
        return True

    def entries(folder: Path) -> list[Path]:
        return [path for path in _files(folder) if not linked(path)]

    def stray(path: Path, hint: str) -> None:
        problems.append(Problem(layout.rel(path), 1, None, "dit bestand hoort hier niet en komt niet in het praktijkboek", hint))

    def entity(kind: str, path: Path, id_prefix: str = "") -> None:
        if path.exists() and not path.is_file() and not path.is_dir():
            problems.append(
                Problem(
                    layout.rel(path),
                    1,
                    None,
                    "dit is geen gewoon bestand (maar een apparaat of pijp)",
                    "Een inhoudsbestand is een gewoon tekstbestand (.yml of .md).",
                )
            )
            return
        if not path.is_file() or path.suffix not in ENTITY_SUFFIXES:
            stray(path, f"Inhoud staat in bestanden met de extensie .yml of .md. Verplaats of verwijder '{path.name}'.")
            return
        if not re.fullmatch(SLUG_PATTERN, path.stem):
            problems.append(
                Problem(
                    layout.rel(path),
                    1,
                    None,
                    f"de bestandsnaam '{path.stem}' is geen geldige id",
                    f"Gebruik kleine letters, cijfers en koppeltekens, bijvoorbeeld '{slugify(path.stem) or 'mijn-bestand'}{path.suffix}'.",
                )
            )
            return
        found.append(Found(kind, id_prefix + path.stem, path))

    for setting in (layout.networks_dir, layout.content_dir, layout.pages_dir):
        if linked(layout.root / setting):
            continue
        if setting == layout.pages_dir:
            continue  # hand-written pages are optional
        if not (layout.root / setting).is_dir():
            problems.append(
                Problem(
                    setting,
                    1,
                    None,
                    f"de map '{setting}' bestaat niet in {layout.root}",
                    "Voer de opdracht uit in de map van het project, of controleer networks_dir en content_dir in mkdocs.yml.",
                )
            )
    networks = layout.root / layout.networks_dir
    if networks.is_dir() and not networks.is_symlink():
        for folder in entries(networks):
            if not folder.is_dir():
                stray(folder, "In networks/ staat per netwerk een map met network.yml en een map sessions/.")
                continue
            network_files = [folder / f"network{s}" for s in ENTITY_SUFFIXES if (folder / f"network{s}").is_file()]
            if not network_files:
                problems.append(
                    Problem(
                        layout.rel(folder),
                        1,
                        None,
                        "deze netwerkmap heeft geen network.yml",
                        "Elk netwerk heeft een bestand network.yml met minstens 'title' en 'kind'.",
                    )
                )
            for path in entries(folder):
                if path in network_files:
                    if re.fullmatch(SLUG_PATTERN, folder.name):
                        found.append(Found("network", folder.name, path))
                    else:
                        problems.append(
                            Problem(
                                layout.rel(path), 1, None, f"de mapnaam '{folder.name}' is geen geldige id", f"Hernoem de map naar '{slugify(folder.name)}'."
                            )
                        )
                elif path.name == "sessions" and path.is_dir():
                    for session in entries(path):
                        entity("session", session, f"{folder.name}/")
                else:
                    stray(path, "In een netwerkmap staan alleen network.yml (of network.md) en de map sessions/.")
    content = layout.root / layout.content_dir
    pages = (layout.root / layout.pages_dir).resolve()
    if pages.is_dir() and not (layout.root / layout.pages_dir).is_symlink():  # MkDocs would follow a link in its docs_dir
        for base, folders, names in os.walk(pages):
            for name in sorted(folders + names):
                linked(Path(base) / name)
    if content.is_dir() and not content.is_symlink():
        for folder in entries(content):
            if folder.resolve() == pages:
                continue
            kind = CONTENT_FOLDERS.get(folder.name)
            if kind is None or not folder.is_dir():
                stray(folder, f"Mappen in {layout.content_dir}/: {list_choices([*CONTENT_FOLDERS, Path(layout.pages_dir).name])}.")
                continue
            for path in entries(folder):
                entity(kind, path)
    return found, problems


def load(layout: Layout, cache: FileCache | None = None) -> KnowledgeGraph:
    """Load and validate everything; raise ContentError with every problem found.

    With a `cache`, files unchanged since the last load are not read again.
    """
    found, problems = discover(layout)
    nodes: list[Node] = []
    seen: dict[str, str] = {}
    for item in found:
        rel = layout.rel(item.path)
        key = f"{item.kind}:{item.id}"
        if key in seen:
            problems.append(
                Problem(
                    rel,
                    1,
                    None,
                    f"de id '{item.id}' bestaat al ({seen[key]})",
                    "Elke id komt maar één keer voor: verwijder of hernoem één van beide bestanden.",
                )
            )
            continue
        seen[key] = rel
        node = load_file(item, rel, problems, cache)
        if node:
            nodes.append(node)
    broken = frozenset(f"{f.kind}:{f.id}" for f in found) - {n.key for n in nodes}
    graph, ref_problems = resolve(nodes, broken)
    problems.extend(ref_problems)
    problems.extend(references.check_graph(graph, broken))
    problems.extend(references.check_pages(graph, layout.root, layout.pages_dir, broken))
    if problems:
        raise ContentError(problems)
    return graph


def load_file(item: Found, rel: str, problems: list[Problem], cache: FileCache | None = None) -> Node | None:
    stamp = None
    if cache is not None:
        try:
            status = item.path.stat()
        except OSError:
            status = None
        if status is not None:
            stamp = (status.st_mtime_ns, status.st_size)
            hit = cache.get(item.path, stamp)
            if hit is not None:
                problems.extend(hit[1])
                return hit[0]
    found: list[Problem] = []
    node = _load_file(item, rel, found)
    problems.extend(found)
    if cache is not None and stamp is not None:
        cache.put(item.path, stamp, node, found)
    return node


def _load_file(item: Found, rel: str, problems: list[Problem]) -> Node | None:
    parsed = read_file(item.path, rel)
    if isinstance(parsed, Problem):
        problems.append(parsed)
        return None
    model = MODELS[item.kind]
    entity, file_problems = validate(model, parsed, rel)
    problems.extend(file_problems)
    if entity is None:
        return None
    own_id = item.id.rsplit("/", 1)[-1]
    if entity.id is not None and entity.id != own_id:
        problems.append(
            Problem(
                rel,
                parsed.line_of(("id",)),
                field_name(("id",)),
                f"de id '{entity.id}' verschilt van de bestandsnaam '{own_id}'",
                "De id is de bestandsnaam: verwijder het veld 'id', of hernoem het bestand.",
            )
        )
        return None
    # The raw data now lives on as the validated entity; keep only what later messages need (lines, body).
    return Node(item.kind, item.id, entity, rel, replace(parsed, data=None))


__all__ = ["Layout", "load", "discover", "ContentError", "ParsedFile"]
