"""The knowledge graph: validated entities and the relations between them.

Relations are written once, in one direction, in content files (a session
lists its cases). The graph indexes every relation both ways in one linear
pass, so a case page can list the sessions it was discussed in.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from pydantic import BaseModel

from praktijkboek.core.reading.kinds import DEFAULT_FOLDERS, KINDS, Folders, InParent
from praktijkboek.core.reading.loader import Node
from praktijkboek.core.reading.media import MediaFile
from praktijkboek.core.reading.models import Location, Ref, iter_marked, marked_fields
from praktijkboek.core.reading.problems import Problem, did_you_mean_id, field_name

__all__ = ["Edge", "KnowledgeGraph", "Node", "iter_refs", "resolve"]


@dataclass(frozen=True)
class Edge:
    source: Node
    field: str
    """Top-level field name in the source (`cases`; `sources`; `network` for a session's own network)."""
    target: Node
    inverse: str
    """Dutch heading under which the target lists its sources."""


@cache
def ref_field_names(model: type[BaseModel]) -> frozenset[str]:
    """The fields of `model` that refer to other entities."""
    return frozenset(name for name, marker, _nested in marked_fields(model, Ref) if marker)


def iter_refs(obj: BaseModel) -> Iterator[tuple[Location, Ref, str]]:
    """Every (location, marker, id) of the references in `obj`, found through the model's types."""
    return iter_marked(obj, Ref)


class KnowledgeGraph:
    """All entities by kind and id, with every relation indexed both ways."""

    def __init__(self, nodes: list[Node]):
        self.nodes: dict[str, Node] = {}
        self.by_kind: dict[str, list[Node]] = {kind: [] for kind in KINDS}
        self.outgoing: dict[str, list[Edge]] = defaultdict(list)
        self.incoming: dict[str, list[Edge]] = defaultdict(list)
        self.media: dict[str, MediaFile] = {}
        """The media folder's files by their path there (set by `load`)."""
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

    def is_parent_edge(self, edge: Edge) -> bool:
        """Whether `edge` links an entity to the one whose folder it is in (a session to its network)."""
        files = KINDS[edge.source.kind].files
        return isinstance(files, InParent) and edge.field == files.parent

    def children(self, node: Node) -> list[Node]:
        """The entities in `node`'s own folder (a network's sessions), sorted."""
        return sorted((e.source for e in self.incoming.get(node.key, ()) if self.is_parent_edge(e)), key=Node.sort_key)

    def parent(self, node: Node) -> Node:
        """The entity whose folder `node` is in (a session's network)."""
        return next(e.target for e in self.outgoing.get(node.key, ()) if self.is_parent_edge(e))

    def series_of(self, node: Node) -> Node | None:
        """The network an event belongs to: a session's; None for an activity that stands alone."""
        return next((e.target for e in self.outgoing.get(node.key, ()) if self.is_parent_edge(e)), None)

    def events(self) -> list[Node]:
        """Every dated event kind's entities (sessions and activities), in one order: by date, then title."""
        found = [n for kind in KINDS.events() for n in self.by_kind[kind]]
        return sorted(found, key=Node.sort_key) if len(KINDS.events()) > 1 else found

    def sessions_of(self, network: Node) -> list[Node]:
        return self.children(network)

    def network_of(self, session: Node) -> Node:
        return self.parent(session)


def resolve(
    nodes: list[Node],
    broken: frozenset[str] = frozenset(),
    folders: Folders = DEFAULT_FOLDERS,
    also: list[Node] = (),  # type: ignore[assignment]  # an empty tuple: never changed
) -> tuple[KnowledgeGraph, list[Problem]]:
    """Build the graph and check that every reference resolves; collect all problems.

    `broken` holds the keys of files that exist but failed validation: references to them are
    not reported again (their own problem is), so one mistake gives one message. `folders` are the
    configured content folders, named in the hint of a reference that does not resolve. `also`: what is
    valid of files that failed, whose references are checked but make no relation.
    """
    graph = KnowledgeGraph(nodes)
    problems: list[Problem] = []
    ids_by_kind: dict[str, list[str]] = {k: [n.id for n in v] for k, v in graph.by_kind.items()}
    for node in [*nodes, *also]:
        files = KINDS[node.kind].files
        if node.valid and isinstance(files, InParent):  # a session belongs to the network whose folder it is in
            parent = graph.get(files.parent, node.network_id or "")
            if parent is not None:  # a missing or broken network.yml is reported for its folder
                graph.add_edge(node, files.parent, parent, KINDS[node.kind].plural)
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
                if node.valid:
                    graph.add_edge(node, str(loc[0]), matches[0], marker.inverse or KINDS[node.kind].plural)
                continue
            field, line = field_name(loc), node.parsed.line_of(loc)
            labels = " of ".join(KINDS[k].label for k in marker.kinds)
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
            hint.append(_where(marker.kinds, folders))
            problems.append(Problem(node.path, line, field, f"'{value}' bestaat niet als {labels}", " ".join(hint)))
    return graph, problems


def _where(kinds: tuple[str, ...], folders: Folders) -> str:
    return "Bestaande ids vind je als bestandsnamen in " + " en ".join(KINDS[k].files.where(folders) for k in kinds) + "."
