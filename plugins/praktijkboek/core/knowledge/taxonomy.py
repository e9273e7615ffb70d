"""Taxonomies derived from the content: places and years.

Themes and organisations are entities with files of their own; places and years
are read off the entities (a case's `place`, a session's `date`), so their
listings keep themselves up to date as content changes.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from itertools import pairwise

from praktijkboek.core.knowledge.graph import KnowledgeGraph, Node
from praktijkboek.core.reading.loader import slugify
from praktijkboek.core.reading.models import Place

PLACE_LEVELS = (("country", "land"), ("province", "provincie"), ("municipality", "gemeente"))


@dataclass
class PlaceGroup:
    level: str
    """`municipality`, `province` or `country`."""
    name: str
    nodes: list[Node] = field(default_factory=list)
    """Cases and organisations located here (also those placed in a municipality within it)."""
    parts: list[PlaceGroup] = field(default_factory=list)
    """Smaller places known to lie within this one."""

    @property
    def key(self) -> str:
        return f"place:{self.slug}"

    @property
    def slug(self) -> str:
        return f"{dict(PLACE_LEVELS)[self.level]}-{slugify(self.name) or 'onbekend'}"

    @property
    def level_label(self) -> str:
        return dict(PLACE_LEVELS)[self.level]

    @property
    def label(self) -> str:
        return self.name


@dataclass
class YearGroup:
    year: int
    sessions: list[Node] = field(default_factory=list)
    networks: list[Node] = field(default_factory=list)

    @property
    def key(self) -> str:
        return f"year:{self.year}"

    @property
    def label(self) -> str:
        return str(self.year)


def places(graph: KnowledgeGraph) -> list[PlaceGroup]:
    """Every place named on an entity (a case's or an organisation's `place`, a group of fields), largest
    first, then by name. (A session's `place` is its venue, free text: no page of its own.)"""
    groups: dict[tuple[str, str], PlaceGroup] = {}
    for nodes in graph.by_kind.values():
        for node in nodes:
            place = getattr(node.entity, "place", None)
            if not isinstance(place, Place):
                continue
            # grouped by address: "Sint-Niklaas" and "Sint Niklaas" are one place, not two pages on one URL
            chain = [groups.setdefault((level, slugify(value)), PlaceGroup(level, value)) for level, _ in PLACE_LEVELS if (value := getattr(place, level))]
            for group in chain:
                group.nodes.append(node)
            for outer, inner in pairwise(chain):
                if inner not in outer.parts:
                    outer.parts.append(inner)
    order = [level for level, _ in PLACE_LEVELS]
    for group in groups.values():
        group.nodes.sort(key=Node.sort_key)
        group.parts.sort(key=lambda g: g.name.casefold())
    return sorted(groups.values(), key=lambda g: (order.index(g.level), g.name.casefold()))


def place_keys(node: Node) -> list[tuple[str, str]]:
    """(level, name) of the places an entity lies in, largest first."""
    place = getattr(node.entity, "place", None)
    return [(level, value) for level, _ in PLACE_LEVELS if isinstance(place, Place) and (value := getattr(place, level))]


def years(graph: KnowledgeGraph) -> list[YearGroup]:
    """Every year with a dated session, most recent first."""
    groups: dict[int, YearGroup] = {}
    networks: dict[int, dict[str, Node]] = defaultdict(dict)
    for session in graph.by_kind["session"]:
        date = getattr(session.entity, "date", None)
        if date is None:
            continue
        group = groups.setdefault(date.year, YearGroup(date.year))
        group.sessions.append(session)
        network = graph.network_of(session)
        networks[date.year][network.key] = network
    for year, group in groups.items():
        group.networks = sorted(networks[year].values(), key=Node.sort_key)
    return sorted(groups.values(), key=lambda g: -g.year)
