"""JSON Schema for every kind of content file, generated from the pydantic models.

Editors' editors (VS Code's YAML extension, the GitHub web editor with it) read
these to complete field names and show the Dutch descriptions while typing.
They are generated, never written by hand: `praktijkboek schemas` writes them
and a test fails when the committed ones differ from the models.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from praktijkboek.core.reading.kinds import DEFAULT_FOLDERS, KINDS, Folders

SCHEMA_DIR = "docs/schemas"


def schema_for(kind: str) -> dict[str, Any]:
    declared = KINDS[kind]
    schema = declared.model.model_json_schema(mode="validation")
    _titles(schema)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{kind}.schema.json",
        **schema,
        "title": declared.title_label,
        "description": f"Een {declared.label} van het praktijkboek, in {declared.glob()}. Zie docs/content-model.md voor uitleg en voorbeelden.",
    }


def _titles(schema: dict[str, Any]) -> None:
    """Field titles are the field names editors type, not pydantic's English 'Start Time'."""
    for definition in [schema, *schema.get("$defs", {}).values()]:
        for name, prop in definition.get("properties", {}).items():
            prop["title"] = name


def render(kind: str) -> str:
    return json.dumps(schema_for(kind), ensure_ascii=False, indent=2) + "\n"


def write_all(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in KINDS:
        path = folder / f"{kind}.schema.json"
        path.write_text(render(kind), encoding="utf-8")
        written.append(path)
    return written


def stale(folder: Path) -> list[str]:
    """Schema files that are missing or differ from what the models generate now."""
    return [
        f"{kind}.schema.json"
        for kind in KINDS
        if not (folder / f"{kind}.schema.json").is_file() or (folder / f"{kind}.schema.json").read_text(encoding="utf-8") != render(kind)
    ]


def vscode_mapping(folder: str = SCHEMA_DIR, folders: Folders = DEFAULT_FOLDERS) -> dict[str, str]:
    """`yaml.schemas` for .vscode/settings.json: schema file -> the files it describes."""
    return {f"./{folder}/{name}.schema.json": kind.glob(folders) for name, kind in KINDS.items()}


VSCODE_SETTINGS = ".vscode/settings.json"


def vscode_settings(current: str | None, folders: Folders = DEFAULT_FOLDERS) -> str:
    """.vscode/settings.json with `yaml.schemas` as the kinds say; every other setting kept as it is."""
    settings = json.loads(current) if current else {}
    settings["yaml.schemas"] = vscode_mapping(SCHEMA_DIR, folders)
    return json.dumps(settings, ensure_ascii=False, indent=2) + "\n"


CONTENT_MODEL = "docs/content-model.md"
#: The part of the content model's page that `praktijkboek schemas` writes from the kinds.
KINDS_START = "<!-- soorten: geschreven door `praktijkboek schemas` uit core/reading/kinds.py; pas het daar aan -->"
KINDS_END = "<!-- /soorten -->"


def kinds_table(folders: Folders = DEFAULT_FOLDERS) -> str:
    """The overview of the kinds on the content model's page: where each kind's files are, its required fields."""
    rows = ["| Soort | Map | Verplichte velden |", "| --- | --- | --- |"]
    for kind in KINDS.values():
        required = ", ".join(f"`{name}`" for name, info in kind.model.model_fields.items() if info.is_required())
        anchor = kind.label.replace(" ", "-")
        rows.append(f"| [{kind.title_label}](#{anchor}) | `{kind.files.pattern(folders)}` | {required or '(geen)'} |")
    return "\n".join(rows)


def content_model(current: str, folders: Folders = DEFAULT_FOLDERS) -> str:
    """The content model's page with its overview of the kinds as KINDS says; the rest as it is."""
    start, end = current.find(KINDS_START), current.find(KINDS_END)
    if start < 0 or end < start:
        raise ValueError(f"{CONTENT_MODEL}: the lines {KINDS_START!r} and {KINDS_END!r} are missing")
    return current[: start + len(KINDS_START)] + "\n" + kinds_table(folders) + "\n" + current[end:]
