"""Session handouts: what goes on the A4 sheet, the QR code back to the page, where the PDFs go.

The handout is part of the session page (shown only in print), so printing the
page from the browser and the PDF that `praktijkboek handouts` renders are the
same document. Rendering the PDFs lives in `outputs/pdf.py`, the QR codes in `outputs/qrcodes.py`.
"""

from __future__ import annotations

from dataclasses import dataclass

from praktijkboek.core.knowledge.graph import KnowledgeGraph, Node
from praktijkboek.core.knowledge.lens import ConditionFactors, factors_named_in
from praktijkboek.core.knowledge.taxonomy import place_label
from praktijkboek.core.pages.formatting import Fact, contact_facts, format_date, roles_of, session_facts, taking_part_facts
from praktijkboek.core.reading.kinds import KINDS, InParent
from praktijkboek.core.reading.models import Event

#: Characters of a case summary on the handout: two to three printed lines.
SUMMARY_LIMIT = 260
HANDOUT_DIR = "handouts"
#: The folder of the handouts (and calendar files) of activities that belong to no network.
ACTIVITIES = "activiteiten"


def pdf_path(session: Node) -> str:
    """Site-relative path of a session's (or an activity's) handout PDF."""
    return f"{HANDOUT_DIR}/{session.network_id or ACTIVITIES}/{session.name}.pdf"


def pack_path(network: Node) -> str:
    """Site-relative path of the PDF with every handout of a network."""
    return f"{HANDOUT_DIR}/{network.id}.pdf"


def short(text: str | None, limit: int = SUMMARY_LIMIT) -> str | None:
    """The text cut at a sentence (or else a word) so that it fits two to three lines."""
    if not text:
        return None
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit]
    sentence = max(cut.rfind(". "), cut.rfind("? "), cut.rfind("! "))
    if sentence > limit // 2:
        return cut[: sentence + 1]
    return cut[: cut.rfind(" ")].rstrip(",;:") + " …"


@dataclass
class HandoutCase:
    node: Node
    summary: str | None
    place: str | None


@dataclass
class Handout:
    session: Node
    network: Node | None
    """None for an activity of its own."""
    facts: list[Fact]
    programme: list[str]
    speakers: list[tuple[Node, str]]
    """(speaker, context: the role, or the organisation)."""
    facilitators: list[tuple[Node, str]]
    organisers: list[tuple[Node, str]]
    """An event's own organisers (those of an activity, or of a session organised by others than its network's)."""
    taking_part: list[Fact]
    cases: list[HandoutCase]
    factors: list[ConditionFactors]
    questions: list[str]
    contacts: list[tuple[Node, list[Fact]]]
    """The network's contact people, with only the details they allowed to publish."""
    url: str | None
    qr: str | None
    pdf: str
    summary: str | None


def handout(graph: KnowledgeGraph, session: Node, url: str | None, qr: str | None) -> Handout:
    """The handout of `session`; `url` is its page's absolute address, `qr` the code for it (outputs/qrcodes.py)."""
    e = session.entity
    assert isinstance(e, Event)
    network = graph.series_of(session)
    facts = session_facts(e, graph.targets(session, "regions"))
    cases = [HandoutCase(c, short(getattr(c.entity, "summary", None)), place_label(graph, c)) for c in graph.targets(session, "cases")]
    factors = factors_named_in(graph, session)
    people = graph.targets(network, "contacts") if network else []
    contacts = [(person, contact_facts(person.entity)) for person in people]  # type: ignore[arg-type]  # Node.entity is typed as the base Entity; contacts are people
    return Handout(
        session=session,
        network=network,
        facts=facts,
        programme=e.programme,
        speakers=_in_role(graph, session, "speakers"),
        facilitators=_in_role(graph, session, "facilitators"),
        organisers=_in_role(graph, session, "organisers"),
        taking_part=taking_part_facts(e),
        cases=cases,
        factors=factors,
        questions=e.questions,
        contacts=contacts,
        url=url,
        qr=qr if url else None,
        pdf=pdf_path(session),
        summary=e.summary,
    )


def _in_role(graph: KnowledgeGraph, session: Node, field: str) -> list[tuple[Node, str]]:
    """The people or organisations in a role (speakers, facilitators), each with its role text or else its organisation."""
    found = []
    for who, role in roles_of(graph, session, field):
        org = graph.targets(who, "organisation")
        found.append((who, role or (org[0].label if org else "")))
    return found


def manifest(graph: KnowledgeGraph, page_path: dict[str, str], absolute: dict[str, str] | None = None) -> dict[str, object]:
    """What `praktijkboek handouts` renders: per network, its sessions' built pages and PDF paths, and
    what the pack's cover page says (the network, its sessions with their dates, its address).

    `page_path` maps a session key to its built HTML file, relative to the site folder; `absolute`
    maps page keys to their addresses on the web, when the site has one.
    """
    return {
        "networks": [
            {
                "id": network.id,
                "title": network.label,
                "summary": getattr(network.entity, "summary", None),
                "url": (absolute or {}).get(network.key),
                "pack": pack_path(network),
                "sessions": [
                    {"id": s.id, "title": s.label, "when": format_date(getattr(s.entity, "date", None)), "page": page_path[s.key], "pdf": pdf_path(s)}
                    for s in graph.sessions_of(network)
                ],
            }
            for network in graph.by_kind["network"]
        ],
        "activities": [
            {"id": a.id, "title": a.label, "when": format_date(getattr(a.entity, "date", None)), "page": page_path[a.key], "pdf": pdf_path(a)}
            for kind in KINDS.events()
            if not isinstance(KINDS[kind].files, InParent) and KINDS[kind].handout
            for a in graph.by_kind[kind]
        ],
    }


__all__ = ["Handout", "handout", "manifest", "pack_path", "pdf_path", "short"]
