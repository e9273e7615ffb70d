"""One schema, two readers, one verdict: what `praktijkboek validate` accepts, the JSON Schema that
VS Code checks while the editor types accepts too, and what the schema offers, the validator takes.

The validator reads every value as text (core/reading/yamlfile.py); VS Code's YAML extension reads YAML 1.2,
where `2026` is a number and `true` a boolean (conftest.Yaml12Loader). Each test puts the same text
through both readers.
"""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import frontmatter
import jsonschema
import pytest
import yaml

from conftest import REPO, Site, yaml12
from praktijkboek.core.editors import scaffold, schema
from praktijkboek.core.reading.kinds import KINDS
from praktijkboek.core.reading.loader import Layout, discover
from praktijkboek.core.reading.problems import Problem
from praktijkboek.core.reading.validation import validate
from praktijkboek.core.reading.yamlfile import parse

VALIDATORS = {kind: jsonschema.Draft202012Validator(schema.schema_for(kind)) for kind in KINDS}

#: These tests read the repository's own content: a pull request that changes only content runs them.
pytestmark = pytest.mark.content

#: The smallest valid file of each kind; a field under test is set on top of it.
BASE: dict[str, dict[str, Any]] = {
    "network": {"title": "Een netwerk", "kind": "lerend netwerk"},
    "session": {"title": "Een sessie", "date": "2019-06-06", "start_time": "09:00"},
    "activity": {"title": "Een activiteit", "date": "2019-06-06", "start_time": "09:00"},
    "method": {"title": "Een methode", "kind": "werkvorm"},
    "region": {"name": "Een regio", "country": "België", "kind": "provincie"},
    "case": {"title": "Een voorbeeld"},
    "organisation": {"name": "Een organisatie"},
    "person": {"name": "Een persoon"},
    "theme": {"title": "Een thema"},
    "condition": {"title": "Een voorwaarde", "order": "1", "definition": "Wat ze betekent."},
    "barrier": {"title": "Een remmende factor", "condition": "gedeelde-agenda", "sources": ["een-netwerk"]},
    "lever": {"title": "Een hefboom", "condition": "gedeelde-agenda", "sources": ["een-netwerk/een-sessie"]},
}


def validator_accepts(kind: str, text: str, name: str = "bestand.yml") -> list[Problem]:
    """The problems `validate` finds in one file (parsing and the model; ids need not exist here)."""
    parsed = parse(text.encode("utf-8"), name)
    if isinstance(parsed, Problem):
        return [parsed]
    return validate(KINDS[kind], parsed, name)[1]


def schema_accepts(kind: str, text: str, markdown: bool = False) -> list[str]:
    """The errors the editor's YAML extension shows for the same text (a syntax error is one too)."""
    try:
        data = yaml12(frontmatter.YAMLHandler().split(text)[0] if markdown else text)
    except yaml.YAMLError as exc:
        return [f"YAML: {exc}"]
    return [error.message for error in VALIDATORS[kind].iter_errors({} if data is None else data)]


#: What a field's values need beside them, by a rule over several fields (models.py): a sessions's or an
#: activity's field -> fields to add (None: to leave out) for the value offered.
COMPANIONS: dict[str, Any] = {
    "part_of_day": {"start_time": None},
    "online_url": {"attendance": "online"},
    "publish_online_url": {"attendance": "online", "online_url": "https://meet.voorbeeld.nl/abc"},
    "capacity_unit": {"capacity": "6"},
    "previous_date": {"status": "verplaatst"},
    "status=verplaatst": {"previous_date": "2019-06-01"},
}


def document(kind: str, field: str, value_text: str) -> str:
    """The base file of a kind with `field: <value as typed>` (the value text is written as is)."""
    base = {k: v for k, v in BASE[kind].items() if k != field}
    if kind in ("session", "activity"):
        value = value_text.strip().strip("'\"")
        for name, companion in (*COMPANIONS.get(field, {}).items(), *COMPANIONS.get(f"{field}={value}", {}).items()):
            if companion is None:
                base.pop(name, None)
            else:
                base[name] = companion
    head = yaml.safe_dump(base, allow_unicode=True, sort_keys=False) if base else ""
    return f"{head}{field}: {value_text}\n"


def test_every_content_file_of_the_repository_passes_both():
    found, problems = discover(Layout(REPO))
    assert not problems
    for item in found:
        rel = item.path.relative_to(REPO).as_posix()
        text = item.path.read_text(encoding="utf-8")
        assert validator_accepts(item.kind, text, rel) == [], rel
        assert schema_accepts(item.kind, text, markdown=rel.endswith(".md")) == [], rel


def _guide_examples() -> list[tuple[str, str, str]]:
    """(guide, file the example is for, the example) for every ```yaml block headed by its file's path."""
    examples = []
    for guide in ("CONTRIBUTING.md", "docs/content-model.md"):
        text = (REPO / guide).read_text(encoding="utf-8")
        for match in re.finditer(r"`([^`\s]+\.yml)`[^`\n]*:\n\n( *)```yaml\n(.*?)\n\2```", text, re.S):
            examples.append((guide, match.group(1), textwrap.dedent(match.group(3)) + "\n"))
    return examples


def test_the_guides_examples_pass_both():
    examples = _guide_examples()
    assert {guide for guide, _, _ in examples} == {"CONTRIBUTING.md", "docs/content-model.md"}
    globs = {kind: re.compile(glob.replace("*", "[^/]+").replace(".", r"\.")) for kind, glob in ((name, declared.glob()) for name, declared in KINDS.items())}
    for guide, path, example in examples:
        kinds = [kind for kind, pattern in globs.items() if pattern.fullmatch(path)]
        assert len(kinds) == 1, f"{guide}: {path} is no content file"
        assert validator_accepts(kinds[0], example, path) == [], f"{guide}: {path}"
        assert schema_accepts(kinds[0], example) == [], f"{guide}: {path}"


@pytest.mark.parametrize(
    "kind, ident, extra",
    [
        ("network", "nieuw-netwerk", ["--network-kind", "praktijktafel"]),
        ("session", "buurtpunt/bijeenkomst-9", ["--date", "2026-03-18", "--start-time", "19:30", "--end-time", "21:00"]),
        ("session", "buurtpunt/bijeenkomst-10", []),
        ("case", "buurtwinkel-kessel", []),
    ],
)
def test_what_praktijkboek_new_writes_passes_both(tmp_path: Path, kind: str, ident: str, extra: list[str]):
    Site(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "praktijkboek", "new", kind, ident, "--title", "2026", *extra, "--root", str(tmp_path)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    path = tmp_path / result.stdout.split("Aangemaakt: ")[1].split(". ")[0]
    text = path.read_text(encoding="utf-8")
    assert validator_accepts(kind, text) == []
    assert schema_accepts(kind, text) == []


def test_every_kind_scaffolded_from_the_model_passes_both():
    for kind, declared in KINDS.items():
        label = "name" if "name" in declared.model.model_fields else "title"
        text = scaffold.render(kind, {label: "Iets nieuws"}, "schema.json")
        assert validator_accepts(kind, text) == [], kind
        assert schema_accepts(kind, text) == [], kind


#: Value forms per type: (kind, field, the value as an editor types it, validate's verdict, the schema's).
#: The two differ only where the JSON Schema cannot know: the calendar, and 1.0 (a whole number to JSON).
FORMS = [
    # years and periods are text
    ("network", "period", "2026", True, True),
    ("network", "period", '"2026"', True, True),
    ("network", "period", "2019-2020", True, True),
    ("network", "period", "sinds 2019", True, True),
    # text that YAML 1.2 reads as a number or a boolean
    ("case", "title", "2026", True, True),
    ("case", "title", "1.5", True, True),
    ("case", "title", "true", True, True),
    ("case", "title", "yes", True, True),
    ("case", "title", '"Tafel 1: dialoog"', True, True),
    ("case", "title", "Tafel 1: dialoog", False, False),
    ("case", "title", '""', False, False),
    ("case", "title", "", False, False),
    ("case", "summary", "", True, True),
    # dates
    ("session", "date", "2019-06-06", True, True),
    ("session", "date", '"2019-06-06"', True, True),
    ("session", "date", "2019-6-6", False, False),
    ("session", "date", "06-06-2019", False, False),
    ("session", "date", "2019-06-06 19:30", False, False),
    ("session", "date", "6 juni 2019", False, False),
    ("session", "date", "2019-02-30", False, True),
    # times
    ("session", "start_time", "19:30", True, True),
    ("session", "start_time", '"19:30"', True, True),
    ("session", "start_time", "7:30", True, True),
    ("session", "start_time", "19.30", False, False),
    ("session", "start_time", "24:00", False, False),
    ("session", "start_time", "19u30", False, False),
    # whole numbers
    ("session", "participants", "15", True, True),
    ("session", "participants", '"15"', True, True),
    ("session", "participants", "015", True, True),
    ("session", "participants", "0", False, False),
    ("session", "participants", "-3", False, False),
    ("session", "participants", "1.5", False, False),
    ("session", "participants", "15 deelnemers", False, False),
    ("session", "participants", "1.0", False, True),
    ("condition", "order", "2", True, True),
    # true/false
    ("person", "publish_contact", "true", True, True),
    ("person", "publish_contact", "false", True, True),
    ("person", "publish_contact", "True", True, True),
    ("person", "publish_contact", "TRUE", True, True),
    ("person", "publish_contact", '"true"', True, True),
    ("person", "publish_contact", "yes", False, False),
    ("person", "publish_contact", "ja", False, False),
    ("person", "publish_contact", "1", False, False),
    # lists, inline and as blocks
    ("session", "themes", "[participatie, mobiliteit]", True, True),
    ("session", "themes", "\n  - participatie\n  - mobiliteit", True, True),
    ("session", "themes", "\n- participatie\n- mobiliteit", True, True),
    ("session", "themes", "[]", True, True),
    ("session", "themes", "participatie", False, False),
    ("session", "themes", "", False, False),
    ("session", "cases", "\n  - 2024\n  - repair-cafe", True, True),
    ("session", "cases", "[Repair Café]", False, False),
    ("session", "cases", "[1e-5]", True, True),
    ("session", "programme", "\n  - 2026\n  - Onthaal", True, True),
    # contact details and addresses
    ("person", "phone", "0475123456", True, True),
    ("person", "phone", "09 331 59 10", True, True),
    ("person", "phone", '"+32 9 331 59 10"', True, True),
    ("person", "phone", "0471.123456", True, True),
    ("person", "phone", "09.3315910", True, True),
    ("person", "phone", "bel me", False, False),
    ("person", "email", "naam@organisatie.be", True, True),
    ("person", "email", "naam", False, False),
    ("organisation", "website", "https://www.platform31.nl", True, True),
    ("organisation", "website", "www.platform31.nl", False, False),
    # choices
    ("network", "kind", "leerkring", True, True),
    ("network", "kind", "Leerkring", False, False),
    ("session", "format", "webinar", True, True),
    # a field the model does not know
    ("case", "titel", "Repair Café", False, False),
    # a group of fields
    ("case", "place", "{municipality: Kessel}", True, True),
    ("case", "place", "\n  municipality: Kessel\n  country: Nederland", True, True),
    ("case", "place", "\n  municipality: 2000", True, True),
    ("case", "place", "Kessel", False, False),
    ("case", "place", '\n  municipality: "  ' + "x" * 79 + '  "', True, True),
    ("case", "links", "\n  - title: Verslag\n    url: https://www.voorbeeld.be/verslag", True, True),
    ("case", "links", "\n  - https://www.voorbeeld.be/verslag", False, False),
]


@pytest.mark.parametrize("kind, field, typed, by_validator, by_schema", FORMS, ids=[f"{k}.{f}={t.strip()!r}" for k, f, t, _, _ in FORMS])
def test_value_forms(kind: str, field: str, typed: str, by_validator: bool, by_schema: bool):
    text = document(kind, field, typed)
    problems = validator_accepts(kind, text)
    errors = schema_accepts(kind, text)
    assert (not problems) is by_validator, [p.format() for p in problems]
    assert (not errors) is by_schema, errors
    if by_validator:
        assert by_schema, "every value the validator accepts, the editor's schema must accept"


def _offered(prop: dict[str, Any], defs: dict[str, Any]) -> list[Any]:
    """What the editor's YAML extension offers for a field: its choices, examples, default, true/false."""
    if "$ref" in prop:
        prop = {**defs[prop["$ref"].rsplit("/", 1)[1]], **{k: v for k, v in prop.items() if k != "$ref"}}
    values = [*prop.get("examples", []), *prop.get("enum", [])]
    if prop.get("default") not in (None, []):
        values.append(prop["default"])
    for branch in prop.get("anyOf", []):
        values += _offered(branch, defs)
        if branch.get("type") == "boolean":
            values += [True, False]
    if prop.get("type") == "boolean":
        values += [True, False]
    return values


def test_every_value_the_schema_offers_is_accepted_by_the_validator():
    offered = 0
    for kind in KINDS:
        generated = schema.schema_for(kind)
        for field, prop in generated["properties"].items():
            for value in _offered(prop, generated.get("$defs", {})):
                typed = yaml.safe_dump({field: value}, allow_unicode=True, default_flow_style=False, sort_keys=False)
                text = document(kind, field, typed[len(field) + 1 :].rstrip("\n"))
                assert validator_accepts(kind, text) == [], f"{kind}.{field}: {value!r}"
                assert schema_accepts(kind, text) == [], f"{kind}.{field}: {value!r}"
                offered += 1
    assert offered > len(KINDS)


def _nested(prop: dict[str, Any]) -> tuple[str, bool] | None:
    """The group of fields (`$defs` name) a field holds, and whether as a list (`links`) or one (`place`)."""
    for branch in [prop, *prop.get("anyOf", [])]:
        if "$ref" in branch:
            return branch["$ref"].rsplit("/", 1)[1], False
        if "$ref" in branch.get("items", {}):
            return branch["items"]["$ref"].rsplit("/", 1)[1], True
    return None


def test_every_value_the_schema_offers_inside_a_group_of_fields_is_accepted():
    """The same for the fields inside `links`, `materials` and `place`."""
    offered = 0
    for kind in KINDS:
        generated = schema.schema_for(kind)
        defs = generated.get("$defs", {})
        for field, prop in generated["properties"].items():
            nested = _nested(prop)
            if nested is None:
                continue
            group = defs[nested[0]]
            example = {name: sub["examples"][0] for name, sub in group["properties"].items() if sub.get("examples")}
            for name, sub in group["properties"].items():
                for value in _offered(sub, defs):
                    item = {**example, name: value}
                    typed = yaml.safe_dump({field: [item] if nested[1] else item}, allow_unicode=True, sort_keys=False)
                    text = document(kind, field, typed[len(field) + 1 :].rstrip("\n"))
                    assert validator_accepts(kind, text) == [], f"{kind}.{field}.{name}: {value!r}"
                    assert schema_accepts(kind, text) == [], f"{kind}.{field}.{name}: {value!r}"
                    offered += 1
    assert offered > 0
