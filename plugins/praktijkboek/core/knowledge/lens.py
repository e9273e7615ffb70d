"""The collective-impact lens and related cases: what the graph says across networks.

- which barriers and levers each network named (itself or in its sessions), per condition;
- the matrix of conditions by networks;
- which cases show a condition's levers at work;
- related cases, ranked by what they share, with the reason in Dutch.

Everything is computed from indexes built in one pass, never by comparing all
pairs: the cost grows with the number of relations, not its square.
"""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from praktijkboek.core.knowledge.graph import KnowledgeGraph, Node
from praktijkboek.core.reading.models import Case

#: Points per shared trait, and the cap on related cases shown. Documented in docs/content-model.md.
POINTS_LEVER = 3
POINTS_THEME = 2
POINTS_MUNICIPALITY = 2
POINTS_REGION = 1
POINTS_NETWORK = 1
MAX_RELATED = 5


def factor_networks(graph: KnowledgeGraph, factor: Node) -> list[Node]:
    """The networks a barrier or lever comes from: named directly, or through one of their sessions."""
    found = {}
    for source in graph.targets(factor, "sources"):
        network = source if source.kind == "network" else graph.series_of(source)  # an activity of its own: no network
        if network is not None:
            found[network.key] = network
    return sorted(found.values(), key=Node.sort_key)


@dataclass
class ConditionFactors:
    condition: Node
    barriers: list[Node] = field(default_factory=list)
    levers: list[Node] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        """The id of this condition's block on a network page."""
        return f"voorwaarde-{self.condition.id}"


def factors_named_in(graph: KnowledgeGraph, source: Node) -> list[ConditionFactors]:
    """The barriers and levers whose sources name `source` (a session or a network), per condition in
    the model's order: how a session page and its handout group them."""
    blocks: dict[str, ConditionFactors] = {}
    for kind in ("barrier", "lever"):
        for factor in graph.sources(source, kind=kind, field="sources"):
            condition = graph.targets(factor, "condition")[0]
            block = blocks.setdefault(condition.key, ConditionFactors(condition))
            (block.barriers if kind == "barrier" else block.levers).append(factor)
    return sorted(blocks.values(), key=lambda b: b.condition.sort_key())


def same_condition(graph: KnowledgeGraph, factor: Node) -> list[Node]:
    """For a barrier, the levers of its condition; for a lever, the barriers: what answers what."""
    other = "lever" if factor.kind == "barrier" else "barrier"
    conditions = graph.targets(factor, "condition")
    return graph.sources(conditions[0], kind=other, field="condition") if conditions else []


@dataclass
class Cell:
    condition: Node
    network: Node
    barriers: int
    levers: int

    @property
    def empty(self) -> bool:
        return not (self.barriers or self.levers)

    @property
    def anchor(self) -> str:
        return f"voorwaarde-{self.condition.id}"


@dataclass
class Matrix:
    conditions: list[Node]
    networks: list[Node]
    rows: list[list[Cell]]
    """One row per condition, one cell per network, in the order of the two lists."""


class Lens:
    """Indexes over the graph for the collective-impact pages and related cases."""

    def __init__(self, graph: KnowledgeGraph):
        self.graph = graph
        # (network key, condition key) -> barriers and levers, in one pass over the factors.
        self._by_network: dict[str, dict[str, ConditionFactors]] = defaultdict(dict)
        for kind in ("barrier", "lever"):
            for factor in graph.by_kind[kind]:
                condition = graph.targets(factor, "condition")[0]
                for network in factor_networks(graph, factor):
                    block = self._by_network[network.key].setdefault(condition.key, ConditionFactors(condition))
                    (block.barriers if kind == "barrier" else block.levers).append(factor)

    def network_factors(self, network: Node) -> list[ConditionFactors]:
        """Per condition (in the model's order), the barriers and levers this network named."""
        blocks = self._by_network.get(network.key, {})
        return [blocks[c.key] for c in self.graph.by_kind["condition"] if c.key in blocks]

    def matrix(self) -> Matrix:
        conditions = self.graph.by_kind["condition"]
        networks = self.graph.by_kind["network"]
        rows = []
        for condition in conditions:
            row = []
            for network in networks:
                block = self._by_network.get(network.key, {}).get(condition.key)
                row.append(Cell(condition, network, len(block.barriers) if block else 0, len(block.levers) if block else 0))
            rows.append(row)
        return Matrix(conditions, networks, rows)

    def condition_cases(self, condition: Node) -> list[Node]:
        """Cases that name one of this condition's levers."""
        cases = {c.key: c for lever in self.graph.sources(condition, kind="lever") for c in self.graph.sources(lever, kind="case")}
        return sorted(cases.values(), key=Node.sort_key)

    # Related cases -------------------------------------------------------

    @cached_property
    def _case_networks(self) -> dict[str, list[Node]]:
        found: dict[str, dict[str, Node]] = defaultdict(dict)
        for case in self.graph.by_kind["case"]:
            for session in self.graph.sources(case, kind="session"):
                network = self.graph.network_of(session)
                found[case.key][network.key] = network
            for network in self.graph.sources(case, kind="network"):
                found[case.key][network.key] = network
        return {key: list(networks.values()) for key, networks in found.items()}

    def _traits(self, case: Node) -> list[tuple[tuple[str, str], int, str]]:
        """(trait, points, reason) for everything a case can share with another."""
        e = case.entity
        assert isinstance(e, Case)
        traits = [(("lever", n.key), POINTS_LEVER, f"ook hefboom '{n.label.lower()}'") for n in self.graph.targets(case, "levers")]
        traits += [(("theme", n.key), POINTS_THEME, f"ook over {n.label.lower()}") for n in self.graph.targets(case, "themes")]
        if e.place and e.place.municipality:
            traits.append((("municipality", e.place.municipality), POINTS_MUNICIPALITY, f"ook in {e.place.municipality}"))
        for region in self.graph.targets(case, "place"):
            traits.append((("region", region.key), POINTS_REGION, f"ook in {region.label}"))
        traits += [(("network", n.key), POINTS_NETWORK, f"ook in {n.label}") for n in self._case_networks.get(case.key, [])]
        return traits

    @cached_property
    def _trait_index(self) -> dict[tuple[str, str], list[str]]:
        """Trait -> keys of the cases that have it."""
        index: dict[tuple[str, str], list[str]] = defaultdict(list)
        for case in self.graph.by_kind["case"]:
            for trait, _, _ in self._traits(case):
                index[trait].append(case.key)
        return index

    @cached_property
    def _cases_by_title(self) -> list[str]:
        """Case keys in title order; a case's position is its tie-breaker in the ranking."""
        return [case.key for case in sorted(self.graph.by_kind["case"], key=lambda c: c.title_key)]

    @cached_property
    def _title_rank(self) -> dict[str, int]:
        return {key: rank for rank, key in enumerate(self._cases_by_title)}

    @cached_property
    def _case_traits(self) -> dict[str, set[tuple[str, str]]]:
        return {case.key: {trait for trait, _, _ in self._traits(case)} for case in self.graph.by_kind["case"]}

    def related_cases(self, case: Node, limit: int = MAX_RELATED) -> list[tuple[Node, int, str]]:
        """Other cases ranked by points for what they share (most first, then by title), with the reasons.

        The points are added per trait over all cases that have it (in C, through Counter.update),
        so a broad trait such as a region costs little; reasons are worked out for the winners only.
        """
        traits = self._traits(case)
        scores: Counter[str] = Counter()
        same_place: set[str] = set()
        for trait, points, _ in traits:
            members = self._trait_index.get(trait, [])
            for _ in range(points):
                scores.update(members)
            if trait[0] == "municipality":
                same_place = set(members)
        if same_place:  # the same municipality already says it: no region point on top
            for trait, points, _ in traits:
                if trait[0] == "region":
                    in_both = [key for key in self._trait_index.get(trait, []) if key in same_place]
                    for _ in range(points):
                        scores.subtract(in_both)
        scores.pop(case.key, None)
        # Most points first, then by title: as one integer per case (title rank - points * cases),
        # so that the heap compares plain ints (thousands of candidates per case in a large book).
        nodes, rank, size = self.graph.nodes, self._title_rank, len(self._title_rank)
        best = heapq.nsmallest(limit, [rank[key] - score * size for key, score in scores.items() if score > 0])
        ranked = [self._cases_by_title[value % size] for value in best]
        result = []
        for key in ranked:
            shared = self._case_traits[key]
            reasons = [reason for trait, _, reason in traits if trait in shared and not (trait[0] == "region" and key in same_place)]
            result.append((nodes[key], scores[key], ", ".join(reasons)))
        return result
