"""Page generators: which pages the knowledge graph becomes, where, and from which source.

Each `PageSpec` is a virtual Markdown file for the host tool (MkDocs): its
place in the site, the template that renders it, the Markdown to render (the
editors' own prose; the structured parts come from the template), and the
content file an "edit" link should open.
"""

from __future__ import annotations

from dataclasses import dataclass

from .graph import KnowledgeGraph, Node

#: Site folder per kind (Dutch URLs). Sessions live below their network.
FOLDERS = {
    "network": "netwerken",
    "session": "netwerken",
    "case": "praktijkvoorbeelden",
    "organisation": "organisaties",
    "person": "personen",
    "theme": "themas",
    "condition": "collectieve-impact",
    "barrier": "collectieve-impact/remmende-factoren",
    "lever": "collectieve-impact/hefbomen",
}

#: Index pages: (kind, src_uri, title, intro). These are what the navigation lists.
INDEXES = [
    ("network", "netwerken/index.md", "Netwerken", "Alle lerende netwerken, leerkringen, praktijktafels en overleggen in dit praktijkboek."),
    ("session", "sessies/index.md", "Sessies", "Alle bijeenkomsten van alle netwerken, op datum."),
    ("case", "praktijkvoorbeelden/index.md", "Praktijkvoorbeelden", "Inspirerende voorbeelden die in de netwerken aan bod kwamen."),
    ("condition", "collectieve-impact/index.md", "Collectieve impact",
     "De vijf voorwaarden voor collectieve impact, met de remmende factoren en hefbomen die netwerken erbij noemden."),
    ("barrier", "collectieve-impact/remmende-factoren/index.md", "Remmende factoren", "Wat netwerken tegenhoudt, per voorwaarde voor collectieve impact."),
    ("lever", "collectieve-impact/hefbomen/index.md", "Hefbomen", "Wat netwerken vooruit helpt, per voorwaarde voor collectieve impact."),
    ("theme", "themas/index.md", "Thema's", "Alle thema's, met de netwerken, sessies en voorbeelden die erover gaan."),
    ("organisation", "organisaties/index.md", "Organisaties", "Organisatoren, partners en andere organisaties uit de netwerken."),
    ("person", "personen/index.md", "Personen", "Sprekers, coördinatoren en contactpersonen."),
]

TEMPLATE_DIR = "praktijkboek"


@dataclass(frozen=True)
class PageSpec:
    src_uri: str
    template: str
    title: str
    markdown: str
    source: str | None = None
    """The content file behind the page, relative to the project root (for "edit this page")."""
    node_key: str | None = None
    listing_kind: str | None = None


def src_uri(node: Node) -> str:
    if node.kind == "network":
        return f"netwerken/{node.id}/index.md"
    return f"{FOLDERS[node.kind]}/{node.id}.md"


def _yaml_str(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _document(template: str, title: str, body: str | None, description: str | None = None) -> str:
    front = f"template: {TEMPLATE_DIR}/{template}\ntitle: {_yaml_str(title)}\n"
    if description:
        front += f"description: {_yaml_str(' '.join(description.split()))}\n"
    return f"---\n{front}---\n\n{(body or '').strip()}\n"


def entity_page(node: Node) -> PageSpec:
    e = node.entity
    body = getattr(e, type(e).body_field, None)
    summary = getattr(e, "summary", None)
    return PageSpec(
        src_uri=src_uri(node),
        template=f"{node.kind}.html",
        title=node.label,
        markdown=_document(f"{node.kind}.html", node.label, body, summary),
        source=node.path,
        node_key=node.key,
    )


def plan(graph: KnowledgeGraph) -> list[PageSpec]:
    """Every generated page: one per entity and one index per kind."""
    pages = [entity_page(node) for node in graph.nodes.values()]
    for kind, uri, title, intro in INDEXES:
        pages.append(PageSpec(uri, "listing.html", title, _document("listing.html", title, intro), listing_kind=kind))
    return pages
