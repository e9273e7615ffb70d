"""Find every content file, read it strictly, validate it and build the knowledge graph.

Nothing is dropped silently: a file in a place the loader does not know is a
problem, just like a broken one. All problems of a run are collected.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Any

from praktijkboek.core.reading.kinds import DEFAULT_FOLDERS, KINDS, Folders, Kind, Setting
from praktijkboek.core.reading.models import SLUG_PATTERN, Entity
from praktijkboek.core.reading.problems import Problem, field_name, list_choices
from praktijkboek.core.reading.validation import validate_all
from praktijkboek.core.reading.yamlfile import SYMLINK_HINT, SYMLINK_MESSAGE, ParsedFile, read_file

ENTITY_SUFFIXES = (".yml", ".yaml", ".md")
#: The folder in the content folder with the book's own pictures and files (core/reading/media.py reads it).
MEDIA_FOLDER = "media"
#: Files that may sit anywhere without being content.
IGNORED_NAMES = {"README.md", ".gitkeep", ".DS_Store"}


@dataclass(frozen=True)
class Layout:
    """Where content lives, relative to the project root."""

    root: Path
    networks_dir: str = DEFAULT_FOLDERS.networks
    content_dir: str = DEFAULT_FOLDERS.content
    pages_dir: str = f"{DEFAULT_FOLDERS.content}/pages"
    """Hand-written Markdown pages (MkDocs' docs_dir); not entity files."""

    @property
    def media_dir(self) -> str:
        """Pictures and attachments (presentations, photos), referred to by path from the content files."""
        return f"{self.content_dir}/{MEDIA_FOLDER}"

    def rel(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def folder(self, setting: Setting) -> str:
        """The configured folder a kind's files are in (kinds.py: `setting`)."""
        return self.folders.of(setting)

    @property
    def folders(self) -> Folders:
        return Folders(self.networks_dir, self.content_dir)


@dataclass(eq=False)
class Node:
    """One entity with where it came from."""

    kind: str
    id: str
    entity: Entity
    path: str
    """Source file, relative to the project root."""
    parsed: ParsedFile = field(repr=False)
    valid: bool = True
    """False for what is left of a file that failed validation: its references are checked, it is no page."""

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.id}"

    @property
    def label(self) -> str:
        return self.entity.label

    @cached_property
    def title_key(self) -> str:
        """The label for sorting: case-insensitive."""
        return self.entity.label.casefold()

    @property
    def network_id(self) -> str | None:
        """For a session, the id of its network."""
        return self.id.split("/", 1)[0] if "/" in self.id else None

    @property
    def name(self) -> str:
        """The id within its folder: the file name (for a session, without its network)."""
        return self.id.rsplit("/", 1)[-1]

    def sort_key(self) -> tuple[Any, ...]:
        return self.entity.sort_key()


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


#: The longest id: it becomes a file name with an ending (`<id>.pdf`, `<id>.ics`) and a folder, and file
#: systems allow 255 bytes a name; well below that, so that every output the book makes of an id fits.
MAX_ID_LENGTH = 200


def too_long(name: str) -> bool:
    return len(name.encode("utf-8")) > MAX_ID_LENGTH


def _too_long(rel: str, what: str, name: str) -> Problem:
    return Problem(
        rel,
        1,
        None,
        f"de {what} is te lang voor een id ({len(name)} tekens, hoogstens {MAX_ID_LENGTH})",
        f"Kort de {what} in, bijvoorbeeld tot '{name[:60].rstrip('-')}': de titel in het bestand mag lang blijven.",
    )


def _required(kind: Kind) -> str:
    names = [f"'{name}'" for name, info in kind.model.model_fields.items() if info.is_required()]
    return " en ".join(names) or "één veld"


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
        if too_long(path.stem):
            problems.append(_too_long(layout.rel(path), "bestandsnaam", path.stem))
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
    for kind, own_folder in KINDS.with_own_folder():
        setting = layout.folder(own_folder.setting)
        top = layout.root / setting
        if not top.is_dir() or top.is_symlink():
            continue
        own = own_folder.file
        children = KINDS.children(kind.name)
        inside = " en ".join([f"{own}.yml", *(f"een map {folder}/" for folder in children)])
        only = " en ".join([f"{own}.yml (of {own}.md)", *(f"de map {folder}/" for folder in children)])
        for folder in entries(top):
            if not folder.is_dir():
                stray(folder, f"In {setting}/ staat per {kind.label} een map met {inside}.")
                continue
            own_files = [folder / f"{own}{s}" for s in ENTITY_SUFFIXES if (folder / f"{own}{s}").is_file()]
            if not own_files:
                problems.append(
                    Problem(
                        layout.rel(folder),
                        1,
                        None,
                        f"deze {kind.label}map heeft geen {own}.yml",
                        f"Elk {kind.label} heeft een bestand {own}.yml met minstens {_required(kind)}.",
                    )
                )
            for path in entries(folder):
                if path in own_files:
                    if re.fullmatch(SLUG_PATTERN, folder.name) and too_long(folder.name):
                        problems.append(_too_long(layout.rel(path), "mapnaam", folder.name))
                    elif re.fullmatch(SLUG_PATTERN, folder.name):
                        found.append(Found(kind.name, folder.name, path))
                    else:
                        problems.append(
                            Problem(
                                layout.rel(path), 1, None, f"de mapnaam '{folder.name}' is geen geldige id", f"Hernoem de map naar '{slugify(folder.name)}'."
                            )
                        )
                elif path.name in children and path.is_dir():
                    for child in entries(path):
                        entity(children[path.name].name, child, f"{folder.name}/")
                else:
                    stray(path, f"In een {kind.label}map staan alleen {only}.")
    pages = (layout.root / layout.pages_dir).resolve()
    media = (layout.root / layout.media_dir).resolve()
    for walked in (layout.pages_dir, layout.media_dir):  # MkDocs would follow a link in its docs_dir; the media are copied
        if (layout.root / walked).is_dir() and not linked(layout.root / walked):
            for base, folders, names in os.walk(layout.root / walked):
                for name in sorted(folders + names):
                    linked(Path(base) / name)
    shared = KINDS.shared()
    for setting in sorted({layout.folder(kind.files.setting) for kind in shared.values()}):
        top = layout.root / setting
        if not top.is_dir() or top.is_symlink():
            continue
        here = {folder: kind for folder, kind in shared.items() if layout.folder(kind.files.setting) == setting}
        for folder in entries(top):
            if folder.resolve() in (pages, media):
                continue
            shared_kind = here.get(folder.name)
            if shared_kind is None or not folder.is_dir():
                stray(folder, f"Mappen in {setting}/: {list_choices([*here, Path(layout.pages_dir).name, MEDIA_FOLDER], limit=30)}.")
                continue
            for path in entries(folder):
                entity(shared_kind.name, path)
    return found, problems


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
    entity, rest, file_problems = validate_all(KINDS[item.kind], parsed, rel)
    problems.extend(file_problems)
    if entity is None:
        # What of a broken file is valid still has its references checked (every error of a file at once),
        # but it is no entity of the book: `valid=False`.
        return None if rest is None else Node(item.kind, item.id, rest, rel, replace(parsed, data=None), valid=False)
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


__all__ = ["Layout", "Node", "discover", "load_file", "ParsedFile"]
