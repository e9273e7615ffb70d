"""Session handouts: what goes on the A4 sheet, the QR code back to the page, where the PDFs go.

The handout is part of the session page (shown only in print), so printing the
page from the browser and the PDF that `praktijkboek handouts` renders are the
same document. Rendering the PDFs lives in `outputs/pdf.py`, the QR codes in `outputs/qrcodes.py`.
"""

from __future__ import annotations

from dataclasses import dataclass

from praktijkboek.core.knowledge.graph import KnowledgeGraph, Node
from praktijkboek.core.knowledge.lens import ConditionFactors, factors_named_in
from praktijkboek.core.pages.formatting import Fact, contact_facts, format_date, session_facts
from praktijkboek.core.reading.models import Session

#: Characters of a case summary on the handout: two to three printed lines.
SUMMARY_LIMIT = 260
HANDOUT_DIR = "handouts"


def pdf_path(session: Node) -> str:
    """Site-relative path of a session's handout PDF."""
    return f"{HANDOUT_DIR}/{session.network_id}/{session.name}.pdf"


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
    network: Node
    facts: list[Fact]
    programme: list[str]
    speakers: list[tuple[Node, str]]
    """(speaker, context such as the organisation)."""
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
    assert isinstance(e, Session)
    network = graph.network_of(session)
    facts = session_facts(e)
    speakers = []
    for speaker in graph.targets(session, "speakers"):
        org = graph.targets(speaker, "organisation")
        speakers.append((speaker, org[0].label if org else ""))
    cases = [
        HandoutCase(c, short(getattr(c.entity, "summary", None)), getattr(getattr(c.entity, "place", None), "label", None))
        for c in graph.targets(session, "cases")
    ]
    factors = factors_named_in(graph, session)
    contacts = [(person, contact_facts(person.entity)) for person in graph.targets(network, "contacts")]  # type: ignore[arg-type]  # Node.entity is typed as the base Entity; contacts are people
    return Handout(
        session=session,
        network=network,
        facts=facts,
        programme=e.programme,
        speakers=speakers,
        cases=cases,
        factors=factors,
        questions=e.questions,
        contacts=contacts,
        url=url,
        qr=qr if url else None,
        pdf=pdf_path(session),
        summary=e.summary,
    )


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
        ]
    }


__all__ = ["Handout", "handout", "manifest", "pack_path", "pdf_path", "short"]
