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

from .models import MODELS

SCHEMA_DIR = "docs/schemas"

#: Where each kind's files live, for the schema's description and for editors' settings.
FILE_GLOBS = {
    "network": "networks/*/network.yml",
    "session": "networks/*/sessions/*.yml",
    "case": "content/cases/*.yml",
    "organisation": "content/organisations/*.yml",
    "person": "content/people/*.yml",
    "theme": "content/themes/*.yml",
    "condition": "content/conditions/*.yml",
    "barrier": "content/barriers/*.yml",
    "lever": "content/levers/*.yml",
}


def schema_for(kind: str) -> dict[str, Any]:
    model = MODELS[kind]
    schema = model.model_json_schema(mode="validation")
    _titles(schema)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{kind}.schema.json",
        **schema,
        "title": f"{model.LABEL[:1].upper()}{model.LABEL[1:]}",
        "description": f"Een {model.LABEL} van het praktijkboek, in {FILE_GLOBS[kind]}. Zie docs/content-model.md voor uitleg en voorbeelden.",
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
    for kind in MODELS:
        path = folder / f"{kind}.schema.json"
        path.write_text(render(kind), encoding="utf-8")
        written.append(path)
    return written


def stale(folder: Path) -> list[str]:
    """Schema files that are missing or differ from what the models generate now."""
    return [
        f"{kind}.schema.json"
        for kind in MODELS
        if not (folder / f"{kind}.schema.json").is_file() or (folder / f"{kind}.schema.json").read_text(encoding="utf-8") != render(kind)
    ]


def vscode_mapping(folder: str = SCHEMA_DIR) -> dict[str, str]:
    """`yaml.schemas` for .vscode/settings.json: schema file -> the files it describes."""
    return {f"./{folder}/{kind}.schema.json": glob for kind, glob in FILE_GLOBS.items()}
