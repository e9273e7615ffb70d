"""Taxonomies derived from the content: places and years.

Themes and organisations are entities with files of their own; places and years
are read off the entities (a case's `place`, a session's `date`), so their
listings keep themselves up to date as content changes.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from praktijkboek.core.knowledge.graph import KnowledgeGraph, Node
from praktijkboek.core.reading.kinds import KINDS
from praktijkboek.core.reading.loader import slugify
from praktijkboek.core.reading.models import Place

PLACE_LEVELS = (("country", "land"), ("municipality", "gemeente"))


@dataclass
class PlaceGroup:
    level: str
    """`municipality` or `country`. (Provinces and larger areas are regions: entities with files of their own.)"""
    name: str
    nodes: list[Node] = field(default_factory=list)
    """Cases, organisations and sessions located here (for a country: also those in a municipality or region within it)."""
    parts: list[PlaceGroup] = field(default_factory=list)
    """Smaller places known to lie within this one."""
    region: Node | None = None
    """For a municipality: the region it lies in, as the content says (the first file that says so)."""

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


def located(graph: KnowledgeGraph, node: Node) -> tuple[str | None, Node | None, str | None]:
    """(municipality, region, country) of an entity: a case's or organisation's `place` (the country is its
    own, or its region's); a session's municipality."""
    place = getattr(node.entity, "place", None)
    if isinstance(place, Place):
        regions = graph.targets(node, "place")
        region = regions[0] if regions else None
        return place.municipality, region, place.country or (getattr(region.entity, "country", None) if region else None)
    # A session's regions are what it is for, not where its municipality lies: only a `place` says that.
    return getattr(node.entity, "municipality", None), None, None


def places(graph: KnowledgeGraph) -> list[PlaceGroup]:
    """Every municipality and country named on an entity (a case's or an organisation's `place`, a session's
    `municipality`, a region's country), countries first, then by name."""
    groups: dict[tuple[str, str], PlaceGroup] = {}
    for nodes in graph.by_kind.values():
        for node in nodes:
            municipality, region, country = located(graph, node)
            # grouped by address: "Sint-Niklaas" and "Sint Niklaas" are one place, not two pages on one URL
            outer = groups.setdefault(("country", slugify(country)), PlaceGroup("country", country)) if country else None
            inner = groups.setdefault(("municipality", slugify(municipality)), PlaceGroup("municipality", municipality)) if municipality else None
            for group in (outer, inner):
                if group is not None:
                    group.nodes.append(node)
            if inner is not None and region is not None and inner.region is None:
                inner.region = region
            if outer is not None and inner is not None and inner not in outer.parts:
                outer.parts.append(inner)
    order = [level for level, _ in PLACE_LEVELS]
    kinds = list(KINDS)
    for group in groups.values():
        group.nodes.sort(key=lambda n: (kinds.index(n.kind), n.sort_key()))  # each kind in its own order: sessions by date
        group.parts.sort(key=lambda g: g.name.casefold())
    return sorted(groups.values(), key=lambda g: (order.index(g.level), g.name.casefold()))


def place_target(graph: KnowledgeGraph, node: Node) -> str | None:
    """The key of the page of the smallest place an entity lies in: its municipality, its region, its country."""
    municipality, region, country = located(graph, node)
    if municipality:
        return PlaceGroup("municipality", municipality).key
    if region:
        return region.key
    return PlaceGroup("country", country).key if country else None


def place_label(graph: KnowledgeGraph, node: Node) -> str | None:
    """Where an entity is, in words: 'Halle, Vlaams-Brabant (BE)'."""
    municipality, region, country = located(graph, node)
    parts = [municipality, region.label if region else None, None if region else country]
    return ", ".join(p for p in parts if p) or None


def years(graph: KnowledgeGraph) -> list[YearGroup]:
    """Every year with a dated session, most recent first."""
    groups: dict[int, YearGroup] = {}
    networks: dict[int, dict[str, Node]] = defaultdict(dict)
    for session in graph.events():
        date = getattr(session.entity, "date", None)
        if date is None:
            continue
        group = groups.setdefault(date.year, YearGroup(date.year))
        group.sessions.append(session)
        network = graph.series_of(session)
        if network is not None:
            networks[date.year][network.key] = network
    for year, group in groups.items():
        group.networks = sorted(networks[year].values(), key=Node.sort_key)
    return sorted(groups.values(), key=lambda g: -g.year)
