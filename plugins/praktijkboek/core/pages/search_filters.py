"""The search filters of an entity's page: which kind, themes, networks, years and conditions it belongs to.

The page templates write them as `data-pagefind-filter` elements; Pagefind (outputs/searchindex.py)
reads them from the built pages.
"""

from __future__ import annotations

from praktijkboek.core.knowledge.graph import KnowledgeGraph, Node
from praktijkboek.core.reading.kinds import KINDS


def filters(graph: KnowledgeGraph, node: Node) -> list[tuple[str, str]]:
    """(filter, value) pairs for an entity's page: its kind, and the themes, networks, years and conditions
    it belongs to, itself included (a theme's page is in its own theme)."""
    out = graph.outgoing.get(node.key, ())
    near = [node, *(e.target for e in out)]
    # The sessions it is about: itself, those it names (a factor's sources), those that name it.
    events = KINDS.events()
    sessions = {n.key: n for n in [*near, *(s for kind in events for s in graph.sources(node, kind=kind))] if n.kind in events}
    networks = {network.label for s in sessions.values() if (network := graph.series_of(s))}
    networks |= {n.label for n in [*near, *graph.sources(node, kind="network")] if n.kind == "network"}
    conditions = {n.label for n in near if n.kind == "condition"}
    conditions |= {c.label for e in out for c in graph.targets(e.target, "condition")}  # a case's levers' conditions
    found = {
        "thema": {n.label for n in near if n.kind == "theme"},
        "netwerk": networks,
        "jaar": {str(date.year) for s in sessions.values() if (date := getattr(s.entity, "date", None))},
        "voorwaarde": conditions,
    }
    pairs = [("soort", KINDS[node.kind].title_label)]
    for name, values in found.items():
        pairs += [(name, value) for value in sorted(values)]
    return pairs
