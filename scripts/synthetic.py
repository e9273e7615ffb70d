"""Synthetic practice books for benchmarks and scale tests: N entities of realistic Dutch content.

    python scripts/synthetic.py 1000 /tmp/boek           # a practice book (our plugin)
    python scripts/synthetic.py 1000 /tmp/basis --baseline /tmp/boek  # the same pages as hand-written Markdown

The mix follows a regional knowledge base: many sessions and cases, fewer
networks; every relation kind is used (cases in sessions, speakers, themes,
organisations, levers, barriers and levers with conditions and sources), and
bodies are a few Dutch paragraphs. The baseline writes, for each entity, a
Markdown page of similar size and links, for MkDocs + Material without the
plugin, with the same navigation of index pages.
"""

from __future__ import annotations

import argparse
import posixpath
import random
import shutil
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

MUNICIPALITIES = [
    ("Leuven", "Vlaams-Brabant"),
    ("Halle", "Vlaams-Brabant"),
    ("Tienen", "Vlaams-Brabant"),
    ("Aarschot", "Vlaams-Brabant"),
    ("Gent", "Oost-Vlaanderen"),
    ("Aalst", "Oost-Vlaanderen"),
    ("Eeklo", "Oost-Vlaanderen"),
    ("Ronse", "Oost-Vlaanderen"),
    ("Brugge", "West-Vlaanderen"),
    ("Roeselare", "West-Vlaanderen"),
    ("Ieper", "West-Vlaanderen"),
    ("Tielt", "West-Vlaanderen"),
    ("Hasselt", "Limburg"),
    ("Genk", "Limburg"),
    ("Tongeren", "Limburg"),
    ("Lommel", "Limburg"),
    ("Mechelen", "Antwerpen"),
    ("Turnhout", "Antwerpen"),
    ("Geel", "Antwerpen"),
    ("Mol", "Antwerpen"),
]
THEMES = [
    "participatie",
    "communicatie",
    "samenwerking",
    "mobiliteit",
    "armoede",
    "wonen",
    "gezondheid",
    "vrije tijd",
    "korte keten",
    "financiering",
    "juridisch kader",
    "evaluatie",
    "dialoog",
    "vrijwilligers",
    "jongeren",
    "ouderen",
    "buurtwerk",
    "lokale economie",
    "klimaat",
    "digitale inclusie",
]
CONDITIONS = [
    "Gedeelde agenda",
    "Strategisch leren en gedeelde maatregelen",
    "Activiteiten die elkaar versterken",
    "Open en voortdurende communicatie",
    "Ondersteunende structuur",
]
NETWORK_KINDS = ["lerend netwerk", "leerkring", "praktijktafel", "overleg"]
FORMATS = ["werksessie", "bijeenkomst", "inspiratiedag", "studiedag", "tafel", "panel"]
SUBJECTS = ["De buurt", "Het netwerk", "De werkgroep", "Het buurtpunt", "De stuurgroep", "Elke partner", "De coördinator", "Het lokaal bestuur"]
VERBS = ["brengt", "verbindt", "ondersteunt", "bevraagt", "versterkt", "organiseert", "bespreekt", "evalueert"]
OBJECTS = [
    "bewoners en diensten samen",
    "vrijwilligers met professionals",
    "de noden van kwetsbare gezinnen",
    "een gedeelde agenda voor de wijk",
    "de samenwerking tussen verenigingen",
    "een laagdrempelig ontmoetingspunt",
    "de lessen uit het eerste jaar",
    "nieuwe vormen van participatie",
]
ENDINGS = [
    "in de eigen gemeente.",
    "met aandacht voor wie uit de boot valt.",
    "over de grenzen van sectoren heen.",
    "zodat iedereen mee kan.",
    "met kleine, haalbare stappen.",
    "op maat van de lokale context.",
]
WORDS = ["Buurt", "Dorps", "Samen", "Wijk", "Kring", "Punt", "Huis", "Plein", "Tafel", "Werf"]
NAMES = ["An", "Bart", "Chloë", "Dirk", "Els", "Fatima", "Geert", "Hanne", "Ilse", "Jan", "Karim", "Lies", "Mohamed", "Nele", "Omar", "Pieter"]
SURNAMES = ["Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Claes", "Goossens", "Wouters", "De Smet", "Dubois", "El Amrani"]


def sentence(rng: random.Random) -> str:
    return f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(ENDINGS)}"


def paragraphs(rng: random.Random, count: int) -> str:
    return "\n\n".join(" ".join(sentence(rng) for _ in range(rng.randint(3, 5))) for _ in range(count))


def slug(text: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in text.lower().replace("ë", "e")).strip("-").replace("--", "-")


@dataclass
class Book:
    networks: list[dict] = field(default_factory=list)
    sessions: list[dict] = field(default_factory=list)
    cases: list[dict] = field(default_factory=list)
    organisations: list[dict] = field(default_factory=list)
    people: list[dict] = field(default_factory=list)
    themes: list[dict] = field(default_factory=list)
    conditions: list[dict] = field(default_factory=list)
    barriers: list[dict] = field(default_factory=list)
    levers: list[dict] = field(default_factory=list)
    regions: list[dict] = field(default_factory=list)

    def count(self) -> int:
        return sum(len(v) for v in vars(self).values())


def generate(n: int, seed: int = 7) -> Book:
    """A book of (about) `n` entities."""
    rng = random.Random(seed)
    book = Book()
    book.themes = [{"id": slug(t), "title": t.capitalize()} for t in THEMES]
    book.conditions = [{"id": slug(c), "title": c, "order": i + 1, "definition": sentence(rng)} for i, c in enumerate(CONDITIONS)]
    book.regions = [{"id": slug(r), "name": r, "country": "België", "kind": "provincie"} for r in sorted({p for _, p in MUNICIPALITIES})]
    rest = max(n - len(book.themes) - len(book.conditions) - len(book.regions), 10)
    shares = {"networks": 0.03, "sessions": 0.30, "cases": 0.25, "organisations": 0.14, "people": 0.12, "barriers": 0.08}
    sizes = {k: max(1, round(rest * v)) for k, v in shares.items()}
    sizes["levers"] = max(1, rest - sum(sizes.values()))
    for i in range(sizes["organisations"]):
        town, province = rng.choice(MUNICIPALITIES)
        book.organisations.append(
            {
                "id": f"organisatie-{i}",
                "name": f"{rng.choice(WORDS)}{rng.choice(WORDS).lower()} {town}",
                "place": {"municipality": town, "region": slug(province)},
                "summary": sentence(rng),
            }
        )
    orgs = [o["id"] for o in book.organisations]
    for i in range(sizes["people"]):
        person = {
            "id": f"persoon-{i}",
            "name": f"{rng.choice(NAMES)} {rng.choice(SURNAMES)}",
            "organisation": rng.choice(orgs),
            "role": rng.choice(["coördinator", "buurtwerker", "vrijwilliger", "beleidsmedewerker"]),
        }
        if i % 3 == 0:
            person.update(email=f"persoon{i}@voorbeeld.be", phone=f"09 {200 + i % 700} {10 + i % 89:02d} {10 + i % 77:02d}", publish_contact=True)
        book.people.append(person)
    people = [p["id"] for p in book.people]
    for i in range(sizes["networks"]):
        book.networks.append(
            {
                "id": f"netwerk-{i}",
                "title": f"Lerend netwerk {rng.choice(WORDS).lower()}{rng.choice(WORDS).lower()} {i}",
                "kind": rng.choice(NETWORK_KINDS),
                "summary": sentence(rng),
                "organisers": rng.sample(orgs, min(2, len(orgs))),
                "contacts": rng.sample(people, min(1, len(people))),
                "themes": rng.sample([t["id"] for t in book.themes], 3),
                "description": paragraphs(rng, 3),
            }
        )
    themes = [t["id"] for t in book.themes]
    for i in range(sizes["cases"]):
        town, province = rng.choice(MUNICIPALITIES)
        book.cases.append(
            {
                "id": f"voorbeeld-{i}",
                "title": f"{rng.choice(WORDS)}{rng.choice(WORDS).lower()} {town} {i}",
                "kind": rng.choice(["buurtwinkel", "mobipunt", "repair café", "buurtrestaurant", "kortingspas"]),
                "place": {"municipality": town, "region": slug(province)},
                "organisations": rng.sample(orgs, min(2, len(orgs))),
                "themes": rng.sample(themes, rng.randint(1, 3)),
                "summary": sentence(rng) + " " + sentence(rng),
                "description": paragraphs(rng, 2),
            }
        )
    cases = [c["id"] for c in book.cases]
    for i in range(sizes["sessions"]):
        network = book.networks[i % len(book.networks)]["id"]
        book.sessions.append(
            {
                "network": network,
                "id": f"sessie-{i}",
                "number": i // len(book.networks) + 1,
                "title": f"{rng.choice(['Werksessie', 'Bijeenkomst', 'Studiedag', 'Tafel'])} over {rng.choice(THEMES)}",
                "date": f"{rng.randint(2015, 2026)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                "start_time": "19:30",
                "end_time": "21:30",
                "municipality": rng.choice(MUNICIPALITIES)[0],
                "format": rng.choice(FORMATS),
                "themes": rng.sample(themes, rng.randint(1, 3)),
                "cases": rng.sample(cases, min(len(cases), rng.randint(0, 4))),
                "speakers": rng.sample(people, min(len(people), rng.randint(0, 2))),
                "programme": [sentence(rng) for _ in range(3)],
                "questions": [sentence(rng).rstrip(".") + "?" for _ in range(2)],
                "summary": sentence(rng),
                "report": paragraphs(rng, 2),
            }
        )
    sessions = [f"{s['network']}/{s['id']}" for s in book.sessions]
    for kind, size in (("barriers", sizes["barriers"]), ("levers", sizes["levers"])):
        for i in range(size):
            getattr(book, kind).append(
                {
                    "id": f"{kind[:-1]}-{i}",
                    "title": sentence(rng).rstrip("."),
                    "condition": rng.choice(book.conditions[:4])["id"],
                    "sources": rng.sample(sessions, min(2, len(sessions))),
                }
            )
    levers = [lv["id"] for lv in book.levers]
    for case in book.cases:
        case["levers"] = rng.sample(levers, min(len(levers), rng.randint(0, 2)))
    return book


def _yaml(data: dict) -> str:
    import yaml

    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def write_book(book: Book, target: Path) -> None:
    """A project folder the plugin builds: mkdocs.yml, overrides (linked), networks/ and content/."""
    target.mkdir(parents=True, exist_ok=True)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("custom_dir: overrides", f"custom_dir: {ROOT / 'overrides'}")
    # The editing interface's packages are the repository's (./scripts/cms-packages installs them).
    config = config.replace("      cms: true\n", f"      cms: true\n      cms_packages: {ROOT / 'scripts' / 'cms' / 'node_modules'}\n")
    (target / "mkdocs.yml").write_text(config, encoding="utf-8")
    pages = target / "content" / "pages"
    pages.mkdir(parents=True, exist_ok=True)
    for name in ("index.md", "over.md", "meedoen.md"):
        shutil.copy(ROOT / "content" / "pages" / name, pages / name)
    for network in book.networks:
        folder = target / "networks" / network["id"]
        (folder / "sessions").mkdir(parents=True, exist_ok=True)
        (folder / "network.yml").write_text(_yaml({k: v for k, v in network.items() if k != "id"}), encoding="utf-8")
    for session in book.sessions:
        path = target / "networks" / session["network"] / "sessions" / f"{session['id']}.yml"
        path.write_text(_yaml({k: v for k, v in session.items() if k not in ("id", "network")}), encoding="utf-8")
    for kind, folder in (
        ("cases", "cases"),
        ("organisations", "organisations"),
        ("people", "people"),
        ("themes", "themes"),
        ("conditions", "conditions"),
        ("barriers", "barriers"),
        ("levers", "levers"),
        ("regions", "regions"),
    ):
        (target / "content" / folder).mkdir(parents=True, exist_ok=True)
        for item in getattr(book, kind):
            (target / "content" / folder / f"{item['id']}.yml").write_text(_yaml({k: v for k, v in item.items() if k != "id"}), encoding="utf-8")


def write_baseline(book_dir: Path, target: Path) -> int:
    """The same pages as the plugin makes of the book in `book_dir`, as hand-written Markdown.

    The domain core gives each page's content (facts, lists, relations both ways, listings, the
    session handout); it is written out as plain Markdown with relative links, and built by MkDocs
    + Material alone, with the same navigation of index pages. Returns the number of pages.
    """
    import sys

    sys.path.insert(0, str(ROOT / "plugins"))
    from praktijkboek.core.knowledge.load import load
    from praktijkboek.core.pages import plan as page_plans
    from praktijkboek.core.pages.views import Book as Views
    from praktijkboek.core.reading.loader import Layout

    graph = load(Layout(book_dir))
    specs = page_plans.plan(graph)
    views = Views(graph)
    uris = {spec.key: spec.src_uri for spec in specs}
    docs = target / "docs"

    def link(frm: str, node) -> str:
        rel = posixpath.relpath(uris[node.key], posixpath.dirname(frm) or ".")
        return f"[{node.label}]({rel})"

    def items(frm: str, nodes) -> str:
        return "\n".join(f"- {link(frm, n)} — {views_describe(n)}" for n in nodes)

    from praktijkboek.core.pages.views import describe

    def views_describe(node) -> str:
        return describe(graph, node)

    for spec in specs:
        views.absolute[spec.key] = "https://example.org/" + spec.url_path
        kind, view = views.view(spec)
        lines = [f"# {spec.title}", ""]
        if spec.body:
            lines += [spec.body, ""]
        if hasattr(view, "facts"):
            lines += [getattr(view, "summary", "") or "", ""] + [f"- **{f.label}**: {f.value}" for f in view.facts] + [""]
            for _, heading, values in view.lists:
                lines += [f"## {heading}", ""] + [f"- {v}" for v in values] + [""]
            for section in [*view.sections, *view.backlinks]:
                lines += [f"## {section.heading}", "", items(spec.src_uri, section.nodes), ""]
            handout = view.extra.get("handout")
            if handout:
                lines += ["## Handout", "", f"**{handout.network.label}** — {handout.session.label}", ""]
                lines += [f"- {f.label}: {f.value}" for f in handout.facts]
                lines += [f"- {c.node.label}: {c.summary or ''}" for c in handout.cases]
                lines += [f"- {q}" for q in handout.questions] + [""]
        elif hasattr(view, "nodes"):
            lines += [items(spec.src_uri, view.nodes), ""]
        path = docs / spec.src_uri
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    pages = book_dir / "content" / "pages"
    for page in pages.glob("*.md"):
        shutil.copy(page, docs / page.name)
    nav = ["  - Start: index.md"] + [f"  - {title}: {uri}" for title, uri in page_plans.navigation()[: len(page_plans.index_pages())]]
    (target / "mkdocs.yml").write_text(
        "site_name: Basislijn\nsite_url: https://example.org/\ntheme:\n  name: material\n  language: nl\n  font: false\n"
        "plugins:\n  - search:\n      lang: nl\nmarkdown_extensions:\n  - toc:\n      permalink: true\n  - attr_list\n"
        "not_in_nav: |\n  *\nnav:\n" + "\n".join(nav) + "\n",
        encoding="utf-8",
    )
    return len(specs) + 3


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("entities", type=int)
    parser.add_argument("target", type=Path)
    parser.add_argument("--baseline", type=Path, help="Write the hand-written baseline of this generated book instead.")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    if args.baseline:
        print(f"{write_baseline(args.baseline, args.target)} baseline pages written to {args.target}")
        return
    book = generate(args.entities, args.seed)
    write_book(book, args.target)
    print(f"{book.count()} entities written to {args.target}")


if __name__ == "__main__":
    main()
