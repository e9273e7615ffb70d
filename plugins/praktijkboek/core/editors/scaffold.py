"""New content files with the right name, id and fields: `praktijkboek new session ons-buurtpunt/bijeenkomst-5`.

The file is written from the model: required fields filled in, every optional
field as a comment with its Dutch description, and the schema line that makes
VS Code complete and check the file. An existing file is never overwritten.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import replace
from pathlib import Path
from typing import Any, get_args

from praktijkboek.core.editors.schema import SCHEMA_DIR
from praktijkboek.core.reading.kinds import KINDS, InParent, Kind
from praktijkboek.core.reading.loader import ENTITY_SUFFIXES, MAX_ID_LENGTH, Layout, slugify, too_long
from praktijkboek.core.reading.models import FLAG_PATTERN, SLUG_PATTERN, nested_model
from praktijkboek.core.reading.problems import Problem, did_you_mean
from praktijkboek.core.reading.validation import validate
from praktijkboek.core.reading.yamlfile import NULLS, parse

#: The command-line option that gives each field its value (`praktijkboek new ... --date`).
OPTIONS = {"title": "--title", "name": "--title", "kind": "--network-kind", "date": "--date", "start_time": "--start-time", "end_time": "--end-time"}


#: Options that belong to one kind only, whatever the other kinds' fields are called.
ONLY_FOR = {"kind": "network"}  # --network-kind; a case's own `kind` is written in its file


def made() -> list[str]:
    """The kinds `praktijkboek new` makes."""
    return [name for name, kind in KINDS.items() if kind.scaffold]


class ScaffoldError(Exception):
    def __init__(self, problem: Problem, *more: Problem):
        self.problems = [problem, *more]
        super().__init__("\n".join(p.format() for p in self.problems))


def _argument_problems(kind: str, text: str, rel: str, values: dict[str, Any]) -> list[Problem]:
    """The file as it would be written, read and validated exactly as `praktijkboek validate` does.
    A problem names the command and the option that gave the value, not a line of a file that does
    not exist yet; nothing is written."""
    parsed = parse(text.encode("utf-8"), rel)
    problems = [parsed] if isinstance(parsed, Problem) else validate(KINDS[kind], parsed, rel)[1]
    told = []
    for problem in problems:
        name = (problem.field or "").split(",")[0].strip("'")
        option = OPTIONS.get(name) if name in values else None
        told.append(replace(problem, path="praktijkboek new", line=0, field=f"{problem.field} ({option})" if option else problem.field))
    return told


def target(layout: Layout, kind: str, ident: str) -> Path:
    files = KINDS[kind].files
    top = layout.root / layout.folder(files.setting)
    if isinstance(files, InParent):
        parent, _, name = ident.partition("/")
        declared, own = KINDS[kind], KINDS[files.parent]
        if not name:
            raise ScaffoldError(
                Problem(
                    "praktijkboek new",
                    0,
                    None,
                    f"'{ident}': een {declared.label} heeft een id als '{own.label}/{declared.label}'",
                    f"Bijvoorbeeld: mijn-{own.label.replace(' ', '-')}/mijn-{declared.label.replace(' ', '-')}",
                )
            )
        folder = top / parent
        own_file = own.files.file  # type: ignore[union-attr]  # a parent has a folder of its own (kinds.Registry checks it)
        if not any((folder / f"{own_file}{s}").is_file() for s in ENTITY_SUFFIXES):
            raise ScaffoldError(
                Problem(
                    f"{layout.folder(files.setting)}/{parent}",
                    1,
                    None,
                    f"het {own.label} '{parent}' bestaat niet",
                    f'Maak het eerst: praktijkboek new {own.name} {parent} --title "..."',
                )
            )
    return top / files.relative(ident)


#: Text that every YAML reader reads back as this very text (or, if only digits, as a number that a
#: text field accepts too): no quotes needed. Anything else is written between double quotes.
_PLAIN = re.compile(r"[A-Za-z0-9\u00c0-\u024f][^:#\[\]{},&*!|>'\"%@`\n]*(?<! )")
_NOT_PLAIN = NULLS | set(FLAG_PATTERN.split("|"))  # read as nothing, or as true/false


def _yaml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list):
        return "[" + ", ".join(_yaml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_yaml_value(v)}" for k, v in value.items()) + "}"
    text = str(value)
    plain = _PLAIN.fullmatch(text) is not None and text not in _NOT_PLAIN
    return text if plain else json.dumps(text, ensure_ascii=False)


def _example(info: Any) -> Any:
    """An example value of the right shape: the field's own, or built from a nested model's examples."""
    if info.examples:
        return info.examples[0]
    nested = nested_model(info.annotation)
    if nested is not None:
        value = {n: f.examples[0] for n, f in nested.model_fields.items() if f.examples}
        return [value] if "list" in str(info.annotation) else value
    return ["..."] if "list" in str(info.annotation) else "..."


def _fields_of(kind: Kind, values: dict[str, Any]) -> dict[str, Any]:
    """The command's values as the kind's fields (`--title` is an organisation's `name`); an option the
    kind has no field for is refused, naming the kinds it belongs to."""
    fields = kind.model.model_fields
    found: dict[str, Any] = {}
    wrong = []
    for name, value in values.items():
        field = "name" if name == "title" and "title" not in fields and "name" in fields else name
        if field in fields and ONLY_FOR.get(name, kind.name) == kind.name:
            found[field] = value
        else:
            wrong.append(name)
    if wrong:
        options = [OPTIONS[name] for name in wrong]
        owners = [KINDS[k].label for k in made() if all(name in KINDS[k].model.model_fields and ONLY_FOR.get(name, k) == k for name in wrong)]
        said = f"{', '.join(options[:-1])} en {options[-1]}" if len(options) > 1 else options[0]
        raise ScaffoldError(
            Problem(
                "praktijkboek new",
                0,
                None,
                f"{said} {'horen' if len(options) > 1 else 'hoort'} bij een {' of een '.join(owners) or 'ander soort bestand'}, niet bij een {kind.label}",
                f"Laat {said} weg.",
            )
        )
    return found


def render(kind: str, values: dict[str, Any], schema_path: str) -> str:
    declared = KINDS[kind]
    model = declared.model
    lines = [
        f"# yaml-language-server: $schema={schema_path}",
        f"# Een {declared.label}. Velden met # ervoor zijn optioneel: haal het # weg en vul in, of laat ze staan.",
        "# Uitleg en voorbeelden: docs/content-model.md",
        "",
    ]
    for name, info in model.model_fields.items():
        if name == "id" or name == declared.body_field:
            continue
        description = info.description or ""
        if name in values:
            lines.append(f"{name}: {_yaml_value(values[name])}")
        elif info.is_required():
            example = info.examples[0] if info.examples else ""
            lines.append(f"{name}: {_yaml_value(example)}")
        else:
            lines.append(f"# {name}: {_yaml_value(_example(info))}")
        choices = [a for arg in get_args(info.annotation) for a in (get_args(arg) or [arg]) if isinstance(a, str)]
        hint = description + (f" Keuzes: {', '.join(choices)}." if choices and len(choices) > 1 else "")
        lines[-1] = f"{lines[-1]}  # {hint}" if hint else lines[-1]
    lines += ["", f"# {declared.body_field}: |", "#   Uitgebreide tekst in Markdown."]
    return "\n".join(lines) + "\n"


def scaffold(layout: Layout, kind: str, ident: str, values: dict[str, Any]) -> Path:
    """Write a new file for `kind` with id `ident`; refuse to overwrite anything."""
    if kind not in made():
        raise ScaffoldError(
            Problem(
                "praktijkboek new",
                0,
                None,
                f"'{kind}' kan niet aangemaakt worden",
                f"Kies uit: {', '.join(made())}. {did_you_mean(kind, made()) or ''}".strip(),
            )
        )
    values = _fields_of(KINDS[kind], values)
    for part in ident.split("/"):
        if not re.fullmatch(SLUG_PATTERN, part):
            raise ScaffoldError(
                Problem(
                    "praktijkboek new",
                    0,
                    None,
                    f"'{part}' is geen geldige id",
                    f"Gebruik kleine letters, cijfers en koppeltekens, bijvoorbeeld '{slugify(part) or 'mijn-id'}'.",
                )
            )
        if too_long(part):
            raise ScaffoldError(Problem("praktijkboek new", 0, None, f"'{part[:40]}…' is te lang voor een id ({len(part)} tekens, hoogstens {MAX_ID_LENGTH})"))
    path = target(layout, kind, ident)
    existing = [path.with_suffix(s) for s in ENTITY_SUFFIXES if path.with_suffix(s).exists()]
    if existing:
        rel = existing[0].relative_to(layout.root).as_posix()
        raise ScaffoldError(
            Problem(rel, 1, None, "dit bestand bestaat al; het wordt niet overschreven", "Kies een andere id, of pas het bestaande bestand aan.")
        )
    schema = os.path.relpath(layout.root / SCHEMA_DIR / f"{kind}.schema.json", path.parent).replace(os.sep, "/")
    text = render(kind, values, schema)
    problems = _argument_problems(kind, text, path.relative_to(layout.root).as_posix(), values)
    if problems:
        raise ScaffoldError(*problems)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as handle:  # "x": never overwrite, even in a race
        handle.write(text)
    return path
