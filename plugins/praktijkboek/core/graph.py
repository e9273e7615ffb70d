"""The knowledge graph: validated entities and the relations between them.

Relations are written once, in one direction, in content files (a session
lists its cases). The graph indexes every relation both ways in one linear
pass, so a case page can list the sessions it was discussed in.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import Any, get_args

from pydantic import BaseModel

from .models import MODELS, Condition, Entity, Ref, Session, nested_model
from .problems import Problem, did_you_mean_id, field_name
from .yamlfile import ParsedFile


@dataclass(eq=False)
class Node:
    """One entity with where it came from."""

    kind: str
    id: str
    entity: Entity
    path: str
    """Source file, relative to the project root."""
    parsed: ParsedFile = field(repr=False)

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
        return self.id.split("/", 1)[0] if self.kind == "session" else None

    @property
    def name(self) -> str:
        """The id within its folder: the file name (for a session, without its network)."""
        return self.id.rsplit("/", 1)[-1]

    def sort_key(self) -> tuple[Any, ...]:
        e = self.entity
        if self.kind == "session":
            assert isinstance(e, Session)
            return (e.date is None, e.date or "", e.number or 0, self.title_key)
        if self.kind == "condition":
            assert isinstance(e, Condition)
            return (e.order,)
        return (self.title_key,)


@dataclass(frozen=True)
class Edge:
    source: Node
    field: str
    """Top-level field name in the source (`cases`; `sources`; `network` for a session's own network)."""
    target: Node
    inverse: str
    """Dutch heading under which the target lists its sources."""


@cache
def _ref_fields(model: type[BaseModel]) -> tuple[tuple[str, Ref | None, type[BaseModel] | None], ...]:
    """For each field: the Ref marker it carries (also inside list/Optional), or the nested model."""
    found = []
    for name, info in model.model_fields.items():
        marker = _find(info.annotation, info.metadata)
        nested = None if marker else nested_model(info.annotation)
        if marker or nested:
            found.append((name, marker, nested))
    return tuple(found)


def _find(annotation: Any, metadata: list[Any] | None = None) -> Ref | None:
    for m in metadata or []:
        if isinstance(m, Ref):
            return m
    for m in getattr(annotation, "__metadata__", ()):
        if isinstance(m, Ref):
            return m
    for arg in get_args(annotation):
        found = _find(arg)
        if found:
            return found
    return None


def iter_refs(obj: BaseModel, prefix: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple[str | int, ...], Ref, str]]:
    """Every (location, marker, id) of the references in `obj`, found through the model's types."""
    for name, marker, _nested in _ref_fields(type(obj)):
        value = getattr(obj, name)
        if value is None:
            continue
        values = list(enumerate(value)) if isinstance(value, list) else [(None, value)]
        for index, item in values:
            loc = (*prefix, name) if index is None else (*prefix, name, index)
            if marker:
                yield loc, marker, item
            elif isinstance(item, BaseModel):
                yield from iter_refs(item, loc)


class KnowledgeGraph:
    """All entities by kind and id, with every relation indexed both ways."""

    def __init__(self, nodes: list[Node]):
        self.nodes: dict[str, Node] = {}
        self.by_kind: dict[str, list[Node]] = {kind: [] for kind in MODELS}
        self.outgoing: dict[str, list[Edge]] = defaultdict(list)
        self.incoming: dict[str, list[Edge]] = defaultdict(list)
        for node in nodes:
            self.nodes[node.key] = node
            self.by_kind[node.kind].append(node)
        for kind_nodes in self.by_kind.values():
            kind_nodes.sort(key=Node.sort_key)

    def get(self, kind: str, id: str) -> Node | None:
        return self.nodes.get(f"{kind}:{id}")

    def __len__(self) -> int:
        return len(self.nodes)

    def add_edge(self, source: Node, field: str, target: Node, inverse: str) -> None:
        edge = Edge(source, field, target, inverse)
        self.outgoing[source.key].append(edge)
        self.incoming[target.key].append(edge)

    def targets(self, node: Node, field: str) -> list[Node]:
        """The nodes `node` refers to through `field`, in the order written."""
        return [e.target for e in self.outgoing.get(node.key, ()) if e.field == field]

    def sources(self, node: Node, kind: str | None = None, field: str | None = None) -> list[Node]:
        """The nodes that refer to `node`, optionally only of `kind` through `field`, sorted."""
        found = {
            e.source.key: e.source for e in self.incoming.get(node.key, ()) if (kind is None or e.source.kind == kind) and (field is None or e.field == field)
        }
        return sorted(found.values(), key=Node.sort_key)

    def sessions_of(self, network: Node) -> list[Node]:
        return self.sources(network, kind="session", field="network")

    def network_of(self, session: Node) -> Node:
        return self.targets(session, "network")[0]


def resolve(nodes: list[Node], broken: frozenset[str] = frozenset()) -> tuple[KnowledgeGraph, list[Problem]]:
    """Build the graph and check that every reference resolves; collect all problems.

    `broken` holds the keys of files that exist but failed validation: references to them are
    not reported again (their own problem is), so one mistake gives one message.
    """
    graph = KnowledgeGraph(nodes)
    problems: list[Problem] = []
    ids_by_kind: dict[str, list[str]] = {k: [n.id for n in v] for k, v in graph.by_kind.items()}
    for node in nodes:
        if node.kind == "session":
            network = graph.get("network", node.network_id or "")
            if network is not None:  # a missing or broken network.yml is reported for its folder
                graph.add_edge(node, "network", network, "Sessies")
        seen: dict[tuple[object, ...], tuple[str | int, ...]] = {}
        for loc, marker, value in iter_refs(node.entity):
            list_key = (*loc[:-1], value)
            if isinstance(loc[-1], int) and list_key in seen:
                problems.append(
                    Problem(
                        node.path,
                        node.parsed.line_of(loc),
                        field_name(loc),
                        f"'{value}' staat twee keer in deze lijst (eerst als {seen[list_key][-1] + 1}e item)",  # type: ignore[operator]  # the last part of a list item's location is its index
                        "Verwijder het tweede exemplaar.",
                    )
                )
                continue
            seen[list_key] = loc
            matches = [m for m in (graph.get(kind, value) for kind in marker.kinds) if m is not None]
            if len(matches) == 1:
                graph.add_edge(node, str(loc[0]), matches[0], marker.inverse or MODELS[node.kind].PLURAL)
                continue
            field, line = field_name(loc), node.parsed.line_of(loc)
            labels = " of ".join(MODELS[k].LABEL for k in marker.kinds)
            if not matches and any(f"{kind}:{value}" in broken for kind in marker.kinds):
                continue
            if matches:
                problems.append(
                    Problem(
                        node.path,
                        line,
                        field,
                        f"'{value}' is dubbelzinnig: het bestaat als {labels}",
                        "Geef één van beide bestanden een andere id (bestandsnaam).",
                    )
                )
                continue
            candidates = [i for k in marker.kinds for i in ids_by_kind[k]]
            guess = did_you_mean_id(value, candidates)
            hint = [guess] if guess else []
            hint.append(_where(marker.kinds))
            problems.append(Problem(node.path, line, field, f"'{value}' bestaat niet als {labels}", " ".join(hint)))
    return graph, problems


def _where(kinds: tuple[str, ...]) -> str:
    places = {
        "network": "networks/<id>/network.yml",
        "session": "networks/<netwerk>/sessions/<id>.yml (schrijf 'netwerk/sessie')",
        "case": "content/cases/",
        "organisation": "content/organisations/",
        "person": "content/people/",
        "theme": "content/themes/",
        "condition": "content/conditions/",
        "barrier": "content/barriers/",
        "lever": "content/levers/",
    }
    return "Bestaande ids vind je als bestandsnamen in " + " en ".join(places[k] for k in kinds) + "."
