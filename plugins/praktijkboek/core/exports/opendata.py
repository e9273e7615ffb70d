"""Open data: the whole knowledge graph as JSON (with its JSON Schema), and the cases as CSV.

The export holds every entity (its fields as in the content files, its page
address and its source file) and every relation (source, field, target). It is
public like the site: contact details a person did not allow to publish are left
out, exactly as on the pages.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from praktijkboek.core.editors.schema import schema_for
from praktijkboek.core.knowledge import taxonomy
from praktijkboek.core.knowledge.graph import KnowledgeGraph, Node
from praktijkboek.core.reading.kinds import KINDS

OPEN_DATA_DIR = "open-data"
EXPORT = f"{OPEN_DATA_DIR}/praktijkboek.json"
EXPORT_SCHEMA = f"{OPEN_DATA_DIR}/praktijkboek.schema.json"
CASES_CSV = f"{OPEN_DATA_DIR}/praktijkvoorbeelden.csv"
PRIVATE_FIELDS = ("email", "phone")


def public_data(node: Node) -> dict[str, Any]:
    """The entity's fields as JSON, without contact details: e-mail addresses and phone numbers (of people,
    organisations, a registration) appear only on pages, encoded, and a person's only when published
    (README, "Personal data"); a meeting link only where the file says it may be published."""
    data = node.entity.model_dump(mode="json", exclude_none=True, exclude={"id"})
    if not data.get("publish_online_url"):
        data.pop("online_url", None)
    return _without_private(data)


def _without_private(data: dict[str, Any]) -> dict[str, Any]:
    found = {}
    for name, value in data.items():
        if name in PRIVATE_FIELDS:
            continue
        if isinstance(value, dict):
            value = _without_private(value)
        elif isinstance(value, list):
            value = [_without_private(item) if isinstance(item, dict) else item for item in value]
        if value not in ([], {}):
            found[name] = value
    return found


def export(graph: KnowledgeGraph, urls: dict[str, str], generated: str) -> dict[str, Any]:
    """The knowledge graph as one JSON document; `urls` maps entity keys to page addresses."""
    return {
        "$schema": "praktijkboek.schema.json",
        "generated": generated,
        "entities": [
            {"kind": node.kind, "id": node.id, "title": node.label, "url": urls.get(node.key), "source": node.path, "data": public_data(node)}
            for kind in KINDS
            for node in graph.by_kind[kind]
        ],
        "relations": [
            {"source": edge.source.key, "field": edge.field, "target": edge.target.key} for key in sorted(graph.outgoing) for edge in graph.outgoing[key]
        ],
    }


def _plurals() -> str:
    names = [kind.plural.lower() for kind in KINDS.values()]
    return ", ".join(names[:-1]) + " en " + names[-1]


def export_schema() -> dict[str, Any]:
    """JSON Schema of the export, with each kind's `data` described by the content model's own schema."""
    definitions: dict[str, Any] = {}
    branches = []
    for kind in KINDS:
        schema = schema_for(kind)
        definitions.update(schema.pop("$defs", {}))
        for key in ("$schema", "$id"):
            schema.pop(key, None)
        definitions[kind] = schema
        branches.append({"if": {"properties": {"kind": {"const": kind}}}, "then": {"properties": {"data": {"$ref": f"#/$defs/{kind}"}}}})
    key_pattern = "^(" + "|".join(KINDS) + "):[a-z0-9/-]+$"
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "praktijkboek.schema.json",
        "title": "Praktijkboek lerende netwerken: open data",
        "description": f"Alle {_plurals()}, met hun verbanden.",
        "type": "object",
        "required": ["generated", "entities", "relations"],
        "properties": {
            "$schema": {"type": "string"},
            "generated": {"type": "string", "format": "date", "description": "De datum waarop het boek gebouwd werd."},
            "entities": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["kind", "id", "title", "source", "data"],
                    "properties": {
                        "kind": {"enum": list(KINDS), "description": "De soort: network, session, case, ..."},
                        "id": {"type": "string", "description": "De id (bestandsnaam); een sessie heeft 'netwerk/sessie'."},
                        "title": {"type": "string"},
                        "url": {"type": ["string", "null"], "description": "Het adres van de pagina."},
                        "source": {"type": "string", "description": "Het bronbestand in de repository."},
                        "data": {"type": "object", "description": "De velden, zoals in het bronbestand."},
                    },
                    "allOf": branches,
                },
            },
            "relations": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["source", "field", "target"],
                    "properties": {
                        "source": {"type": "string", "pattern": key_pattern, "description": "soort:id van wat verwijst."},
                        "field": {"type": "string", "description": "Het veld waarin de verwijzing staat ('network': de map van een sessie)."},
                        "target": {"type": "string", "pattern": key_pattern, "description": "soort:id van waarnaar verwezen wordt."},
                    },
                },
            },
        },
        "$defs": definitions,
    }


CSV_COLUMNS = [
    "id",
    "titel",
    "soort",
    "gemeente",
    "regio",
    "land",
    "status",
    "gestart",
    "themas",
    "organisaties",
    "hefbomen",
    "sessies",
    "samenvatting",
    "pagina",
]


def _cell(value: str) -> str:
    """A text cell a spreadsheet will not run as a formula (=, +, -, @, tab or CR first gets a ')."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def cases_csv(graph: KnowledgeGraph, urls: dict[str, str]) -> str:
    """The cases as CSV (RFC 4180, comma-separated; lists joined with '; ')."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for case in graph.by_kind["case"]:
        e = case.entity
        municipality, region, country = taxonomy.located(graph, case)

        def labels(field: str, case: Node = case) -> str:
            return "; ".join(n.label for n in graph.targets(case, field))

        writer.writerow(
            [
                _cell(value)
                for value in [
                    case.id,
                    case.label,
                    getattr(e, "kind", None) or "",
                    municipality or "",
                    region.label if region else "",
                    country or "",
                    getattr(e, "status", None) or "",
                    str(getattr(e, "start_year", None) or ""),
                    labels("themes"),
                    labels("organisations"),
                    labels("levers"),
                    "; ".join(s.label for kind in KINDS.events() for s in graph.sources(case, kind=kind)),
                    " ".join((getattr(e, "summary", None) or "").split()),
                    urls.get(case.key, ""),
                ]
            ]
        )
    return out.getvalue()


def files(graph: KnowledgeGraph, urls: dict[str, str], generated: str) -> dict[str, bytes]:
    """Every open-data file, by site path."""
    return {
        # Compact: with `indent`, Python's json falls back from its C encoder (4x slower for a large book).
        EXPORT: json.dumps(export(graph, urls, generated), ensure_ascii=False, separators=(",", ":")).encode("utf-8"),
        EXPORT_SCHEMA: json.dumps(export_schema(), ensure_ascii=False, indent=1).encode("utf-8"),
        CASES_CSV: ("\ufeff" + cases_csv(graph, urls)).encode("utf-8"),  # BOM: spreadsheets read the accents right
    }
