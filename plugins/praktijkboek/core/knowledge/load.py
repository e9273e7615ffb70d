"""From the content folders to the knowledge graph: read and validate every file, resolve the references.

Reading (core/reading/) gives validated entities one file at a time; here they become one graph,
and every problem of the run, of every file and across files, is raised together.
"""

from __future__ import annotations

from praktijkboek.core.knowledge import references
from praktijkboek.core.knowledge.graph import KnowledgeGraph, resolve
from praktijkboek.core.reading import media
from praktijkboek.core.reading.loader import FileCache, Layout, Node, discover, load_file
from praktijkboek.core.reading.models import Place
from praktijkboek.core.reading.problems import ContentError, Problem, field_name


def _countries(graph: KnowledgeGraph) -> list[Problem]:
    """A place whose country is not its region's (`country: Nederland` with `region: limburg-be`)."""
    problems = []
    for nodes in graph.by_kind.values():
        for node in nodes:
            place = getattr(node.entity, "place", None)
            regions = graph.targets(node, "place")
            own = getattr(regions[0].entity, "country", None) if regions else None
            if isinstance(place, Place) and place.country and own and place.country != own:
                problems.append(
                    Problem(
                        node.path,
                        node.parsed.line_of(("place", "country")),
                        field_name(("place", "country")),
                        f"'{place.country}' is niet het land van de regio {regions[0].label} ({own})",
                        "Laat 'country' weg (de regio kent haar land), of kies de regio van dat land.",
                    )
                )
    return problems


def load(layout: Layout, cache: FileCache | None = None) -> KnowledgeGraph:
    """Load and validate everything; raise ContentError with every problem found.

    With a `cache`, files unchanged since the last load are not read again.
    """
    found, problems = discover(layout)
    nodes: list[Node] = []
    seen: dict[str, str] = {}
    for item in found:
        rel = layout.rel(item.path)
        key = f"{item.kind}:{item.id}"
        if key in seen:
            problems.append(
                Problem(
                    rel,
                    1,
                    None,
                    f"de id '{item.id}' bestaat al ({seen[key]})",
                    "Elke id komt maar één keer voor: verwijder of hernoem één van beide bestanden.",
                )
            )
            continue
        seen[key] = rel
        node = load_file(item, rel, problems, cache)
        if node:
            nodes.append(node)
    valid = [node for node in nodes if node.valid]
    rest = [node for node in nodes if not node.valid]  # of files that failed: their references are checked too
    broken = frozenset(f"{f.kind}:{f.id}" for f in found) - {n.key for n in valid}
    graph, ref_problems = resolve(valid, broken, layout.folders, also=rest)
    problems.extend(ref_problems)
    problems.extend(references.check_graph(graph, broken, also=rest))
    problems.extend(references.check_pages(graph, layout.root, layout.pages_dir, broken))
    problems.extend(_countries(graph))
    graph.media, media_problems = media.collect(layout)
    problems.extend(media_problems)
    problems.extend(media.check([*valid, *rest], graph.media, layout.media_dir))
    if problems:
        raise ContentError(problems)
    return graph
