"""The search index: Pagefind over the built site, and the filters each page carries.

Pagefind (from PyPI's pagefind-bin, which ships the binary) reads the built HTML
and writes a fragmented index to `pagefind/`: a reader downloads only the parts a
query needs. Its Dutch stemming follows `<html lang="nl">`. Filters come from
`data-pagefind-filter` elements that the page templates write from `filters()`.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .graph import KnowledgeGraph, Node
from .lens import factor_networks
from .models import MODELS

INDEX_DIR = "pagefind"


class SearchIndexError(Exception):
    pass


def build_index(site_dir: Path) -> None:
    """Run Pagefind over a built site."""
    result = subprocess.run(
        [sys.executable, "-m", "pagefind_bin", "--site", str(site_dir), "--output-subdir", INDEX_DIR, "--silent"],
        capture_output=True, text=True,
    )
    if result.returncode != 0:
        raise SearchIndexError(f"Pagefind kon de zoekindex niet maken: {result.stderr.strip() or result.stdout.strip()}")


def filters(graph: KnowledgeGraph, node: Node) -> list[tuple[str, str]]:
    """(filter, value) pairs for an entity's page: kind, themes, networks, years, conditions."""
    found: dict[str, set[str]] = {name: set() for name in ("thema", "netwerk", "jaar", "voorwaarde")}
    kind = node.kind

    def sessions_of(n: Node) -> list[Node]:
        if n.kind == "session":
            return [n]
        if n.kind == "network":
            return graph.sessions_of(n)
        if n.kind in ("barrier", "lever"):
            return [s for s in graph.targets(n, "sources") if s.kind == "session"]
        return graph.sources(n, kind="session")

    found["thema"].update(t.label for t in graph.targets(node, "themes"))
    if kind == "theme":
        found["thema"].add(node.label)
    sessions = sessions_of(node)
    networks = {graph.network_of(s).label for s in sessions}
    if kind == "network":
        networks.add(node.label)
    if kind in ("barrier", "lever"):
        networks |= {n.label for n in factor_networks(graph, node)}
        found["voorwaarde"].update(c.label for c in graph.targets(node, "condition"))
    if kind == "case":
        networks |= {n.label for n in graph.sources(node, kind="network")}
        found["voorwaarde"].update(c.label for lever in graph.targets(node, "levers") for c in graph.targets(lever, "condition"))
    if kind == "condition":
        found["voorwaarde"].add(node.label)
    if kind in ("organisation", "person"):
        networks |= {n.label for n in graph.sources(node, kind="network")}
    found["netwerk"] = networks
    found["jaar"] = {str(s.entity.date.year) for s in sessions if getattr(s.entity, "date", None)}  # type: ignore[attr-defined]
    label = MODELS[kind].LABEL
    pairs = [("soort", label[:1].upper() + label[1:])]
    for name in ("thema", "netwerk", "jaar", "voorwaarde"):
        pairs += [(name, value) for value in sorted(found[name])]
    return pairs
