"""The kinds of content: one declaration per kind, and every part of the book reads it.

A `Kind` says all there is to say about a kind of content file: its model (the fields and
their rules, in models.py), where its files live, its Dutch names, where its pages go and
what they show, its search filter value, its schema.org type and whether `praktijkboek new`
makes it. The loader, the graph, the page plan, the views, the JSON Schemas, the scaffolding
and the editors' settings all read `KINDS`; none of them names a kind of its own.

Adding a kind is a model, a `Kind(...)` in `KINDS` and, if the default entity page does not
suit it, a template `overrides/praktijkboek/<name>.html` (tests/test_kinds.py does exactly
that in a copy of the project, and builds a site with it).

No MkDocs imports here: the domain core must outlive the host tool.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Literal

from pydantic import BaseModel

from praktijkboek.core.reading import models
from praktijkboek.core.reading.models import Entity, nested_model

#: Which of the configured folders (mkdocs.yml: networks_dir, content_dir) a kind's files are in.
Setting = Literal["networks", "content"]


@dataclass(frozen=True)
class Folders:
    """The configured folders, relative to the project root (the defaults are the repository's)."""

    networks: str = "networks"
    content: str = "content"

    def of(self, setting: Setting) -> str:
        return self.networks if setting == "networks" else self.content


#: The repository's own folders: what the JSON Schemas and hints name when no mkdocs.yml says otherwise.
DEFAULT_FOLDERS = Folders()


@dataclass(frozen=True)
class SharedFolder:
    """One file per entity in a folder of the content folder: `content/cases/<id>.yml`."""

    folder: str
    setting: Setting = "content"

    def glob(self, dirs: Folders) -> str:
        return f"{dirs.of(self.setting)}/{self.folder}/*.yml"

    def where(self, dirs: Folders) -> str:
        return f"{dirs.of(self.setting)}/{self.folder}/"

    def pattern(self, dirs: Folders) -> str:
        return f"{dirs.of(self.setting)}/{self.folder}/<id>.yml"

    def relative(self, ident: str) -> str:
        return f"{self.folder}/{ident}.yml"


@dataclass(frozen=True)
class OwnFolder:
    """A folder per entity, named by its id, holding the entity's file: `networks/<id>/network.yml`.
    Kinds declared `InParent` of this kind keep their files in subfolders of it."""

    file: str
    setting: Setting = "networks"

    def glob(self, dirs: Folders) -> str:
        return f"{dirs.of(self.setting)}/*/{self.file}.yml"

    def where(self, dirs: Folders) -> str:
        return f"{dirs.of(self.setting)}/<id>/{self.file}.yml"

    def pattern(self, dirs: Folders) -> str:
        return self.where(dirs)

    def relative(self, ident: str) -> str:
        return f"{ident}/{self.file}.yml"


@dataclass(frozen=True)
class InParent:
    """Files in a subfolder of another entity's own folder: `networks/<network>/sessions/<id>.yml`.
    The id is `<parent id>/<file name>`; the graph links each to its parent through a field named
    after the parent's kind (`network`)."""

    parent: str
    folder: str

    @property
    def setting(self) -> Setting:
        """The parent's: the files are in its folders."""
        return KINDS[self.parent].files.setting

    def glob(self, dirs: Folders) -> str:
        return f"{dirs.of(self.setting)}/*/{self.folder}/*.yml"

    def where(self, dirs: Folders) -> str:
        parent = KINDS[self.parent]
        return f"{dirs.of(self.setting)}/<{parent.label.replace(' ', '-')}>/{self.folder}/<id>.yml (schrijf '{parent.label}/{KINDS.by_folder(self).label}')"

    def pattern(self, dirs: Folders) -> str:
        return f"{dirs.of(self.setting)}/<{KINDS[self.parent].label.replace(' ', '-')}>/{self.folder}/<id>.yml"

    def relative(self, ident: str) -> str:
        parent, _, name = ident.partition("/")
        return f"{parent}/{self.folder}/{name}.yml"


Files = SharedFolder | OwnFolder | InParent


@dataclass(frozen=True)
class Index:
    """A kind's index page: every entity of the kind. The navigation lists it."""

    title: str
    intro: str
    address: str
    """Its folder in the site (`netwerken`, `sessies`); the entities' pages may live elsewhere."""
    position: int = 100
    """Its place in the navigation among the index pages: lowest first; equal ones in the order of KINDS."""
    also: tuple[str, ...] = ()
    """Other kinds it lists too, mixed in (the sessions' index lists the activities that stand alone)."""


@dataclass(frozen=True)
class Kind:
    """Everything that is said about one kind of content file."""

    name: str
    """The kind's name in ids, page keys, schemas and `[[name:id]]` links: `case`."""
    model: type[Entity]
    """The pydantic model: the fields, their types and rules, their Dutch descriptions."""
    label: str
    """Dutch name, singular, as on the site: `praktijkvoorbeeld`. Editors may write `[[praktijkvoorbeeld:id]]` too."""
    plural: str
    """Dutch name, plural, capitalised: `Praktijkvoorbeelden`."""
    files: Files
    """Where the kind's files live."""
    site_folder: str
    """Where its pages go in the site: `praktijkvoorbeelden/<id>/`."""
    index: Index
    fields: Mapping[str, str] = field(default_factory=dict)
    """Dutch names of fields as the page shows them: a fact's label, the heading of a list, of links or of a
    relation. In this order the page shows its lists and links. A relation without a name here is headed
    by the plural of the kind it points at."""
    facts: tuple[str, ...] = ()
    """The facts in the page's facts box, in order: field names (named in `fields`), or one of the groups of
    facts of views.FACT_GROUPS (`schedule`: date, time, place, format; `contact`: published contact details)."""
    context: tuple[str, ...] = ()
    """What a list of entities says after each one's title, joined by ' · ': field names (a date, a text, the
    first target of a reference, a place), or one of views.CONTEXT_PARTS (`mentioned_in`)."""
    facets: tuple[str, ...] = ()
    """What else the page shows, by name (views.FACETS): `timeline`, `related_cases`, `handout`, ..."""
    body_field: str = "description"
    """The field that gets the Markdown body of a `.md` file, and is the page's own text."""
    template: str = "entity.html"
    """The page's template in overrides/praktijkboek/."""
    jsonld: str | None = None
    """The schema.org type of its JSON-LD (exports/jsonld.py), or None for none."""
    scaffold: bool = False
    """`praktijkboek new <name>` writes a new file of this kind."""
    event: bool = False
    """Its entities are dated events (sessions, activities): the agenda, the listing of sessions, the home
    page's upcoming sessions and the years read them."""

    @property
    def handout(self) -> bool:
        """The page has an A4 handout (printed, and as PDF): the `handout` facet."""
        return "handout" in self.facets

    @property
    def title_label(self) -> str:
        """The label with a capital, as in a search filter and a schema's title: `Praktijkvoorbeeld`."""
        return self.label[:1].upper() + self.label[1:]

    def src_uri(self, ident: str) -> str:
        """Where the page of the entity `ident` goes, as a Markdown path for the host: `praktijkvoorbeelden/x.md`."""
        if isinstance(self.files, OwnFolder):
            return f"{self.site_folder}/{ident}/index.md"
        return f"{self.site_folder}/{ident}.md"

    def glob(self, dirs: Folders = DEFAULT_FOLDERS) -> str:
        return self.files.glob(dirs)


class Registry(Mapping[str, Kind]):
    """The kinds by name, in the order the book lists them."""

    def __init__(self, kinds: list[Kind]):
        self._kinds = {kind.name: kind for kind in kinds}
        own: dict[Setting, str] = {}
        for kind in kinds:
            files = kind.files
            if isinstance(files, InParent) and not isinstance(self._kinds[files.parent].files, OwnFolder):
                raise ValueError(f"{kind.name}: the parent '{files.parent}' has no folder of its own (OwnFolder)")
            if isinstance(files, OwnFolder):
                if files.setting in own:  # the loader reads every folder in it as one of that kind's
                    raise ValueError(f"{kind.name}: '{own[files.setting]}' already has a folder per entity in {files.setting}_dir")
                own[files.setting] = kind.name
        for kind in kinds:
            if isinstance(kind.files, SharedFolder) and kind.files.setting in own:
                raise ValueError(f"{kind.name}: {kind.files.setting}_dir holds a folder per '{own[kind.files.setting]}'; put its folder in another setting")

    def __getitem__(self, name: str) -> Kind:
        return self._kinds[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._kinds)

    def __len__(self) -> int:
        return len(self._kinds)

    def by_folder(self, files: Files) -> Kind:
        return next(kind for kind in self._kinds.values() if kind.files == files)

    def shared(self) -> dict[str, Kind]:
        """Kinds in a folder of their own under a configured folder: that folder's name -> the kind."""
        return {kind.files.folder: kind for kind in self._kinds.values() if isinstance(kind.files, SharedFolder)}

    def children(self, parent: str) -> dict[str, Kind]:
        """Kinds whose files are in a subfolder of `parent`'s own folder: the subfolder's name -> the kind."""
        return {k.files.folder: k for k in self._kinds.values() if isinstance(k.files, InParent) and k.files.parent == parent}

    def with_own_folder(self) -> list[tuple[Kind, OwnFolder]]:
        return [(kind, kind.files) for kind in self._kinds.values() if isinstance(kind.files, OwnFolder)]

    def events(self) -> tuple[str, ...]:
        """The kinds of dated events (`Kind.event`): sessions, activities."""
        return tuple(name for name, kind in self._kinds.items() if kind.event)

    def names(self) -> dict[str, str]:
        """The names editors may write for a kind in `[[kind:id]]`: the schema's and the Dutch one."""
        return {kind.name: kind.name for kind in self._kinds.values()} | {kind.label.replace(" ", "-"): kind.name for kind in self._kinds.values()}


_FACTOR = {"condition": "Voorwaarde voor collectieve impact", "sources": "Genoemd in"}
#: The Dutch names of the fields that sessions and activities share.
_EVENT = {
    "participants": "Deelnemers",
    "audience": "Publiek",
    "programme": "Programma",
    "questions": "Vragen om te bespreken",
    "speakers": "Sprekers",
    "facilitators": "Begeleiding",
    "organisers": "Organisatie",
    "cases": "Praktijkvoorbeelden",
    "methods": "Methoden en instrumenten",
    "regions": "Voor de regio's",
    "materials": "Materiaal",
}

KINDS = Registry(
    [
        Kind(
            "network",
            models.Network,
            "netwerk",
            "Netwerken",
            OwnFolder("network"),
            "netwerken",
            Index("Netwerken", "Alle lerende netwerken, leerkringen, praktijktafels en overleggen in dit praktijkboek.", "netwerken", position=10),
            fields={
                "kind": "Soort",
                "period": "Periode",
                "region": "Regio",
                "goals": "Doelen",
                "audience": "Voor wie?",
                "offer": "Wat bieden we?",
                "links": "Meer informatie",
                "organisers": "Organisatoren",
                "partners": "Partners",
                "contacts": "Contactpersonen",
            },
            facts=("kind", "period", "region"),
            context=("kind", "period"),
            facets=("timeline", "cases_via_sessions", "impact", "pack"),
            template="network.html",
            jsonld="EventSeries",
            scaffold=True,
        ),
        Kind(
            "session",
            models.Session,
            "sessie",
            "Sessies",
            InParent("network", "sessions"),
            "netwerken",
            Index("Sessies", "Alle bijeenkomsten van alle netwerken, en de losse activiteiten, op datum.", "sessies", position=20, also=("activity",)),
            fields={"number": "Volgnummer", **_EVENT, "network": "Netwerk"},
            facts=("schedule", "number", "taking_part", "participants", "audience"),
            context=("date", "network"),
            facets=("parent", "handout", "agenda", "impact_named", "neighbours", "roles", "pictures"),
            event=True,
            body_field="report",
            template="session.html",
            jsonld="Event",
            scaffold=True,
        ),
        Kind(
            "activity",
            models.Activity,
            "activiteit",
            "Activiteiten",
            SharedFolder("activities"),
            "activiteiten",
            Index("Losse activiteiten", "Webinars, studiedagen en andere activiteiten die niet bij een netwerk horen.", "activiteiten", position=25),
            fields=_EVENT,
            facts=("schedule", "taking_part", "participants", "audience"),
            context=("date", "format"),
            facets=("handout", "agenda", "impact_named", "roles", "pictures"),
            body_field="report",
            template="session.html",
            jsonld="Event",
            scaffold=True,
            event=True,
        ),
        Kind(
            "case",
            models.Case,
            "praktijkvoorbeeld",
            "Praktijkvoorbeelden",
            SharedFolder("cases"),
            "praktijkvoorbeelden",
            Index("Praktijkvoorbeelden", "Inspirerende voorbeelden die in de netwerken aan bod kwamen.", "praktijkvoorbeelden", position=30),
            fields={
                "kind": "Soort",
                "place": "Plaats",
                "status": "Stand van zaken",
                "start_year": "Gestart in",
                "website": "Website",
                "lessons": "Lessen en tips",
                "links": "Meer informatie",
                "contact": "Contact",
            },
            facts=("kind", "place", "status", "start_year", "website"),
            context=("place",),
            facets=("case_record", "pictures", "networks_via_sessions", "related_cases"),
            template="case.html",
            jsonld="CreativeWork",
            scaffold=True,
        ),
        Kind(
            "method",
            models.Method,
            "methode",
            "Methoden en instrumenten",
            SharedFolder("methods"),
            "methoden",
            Index(
                "Methoden en instrumenten",
                "Spelen, werkvormen, toolkits en checklists die netwerken gebruiken en met elkaar delen.",
                "methoden",
                position=35,
            ),
            fields={"kind": "Soort", "purpose": "Waarvoor?", "source": "Bron", "materials": "Wat heb je nodig?", "links": "Meer informatie"},
            facts=("kind", "purpose", "source"),
            context=("kind",),
            jsonld="HowTo",
            scaffold=True,
        ),
        Kind(
            "organisation",
            models.Organisation,
            "organisatie",
            "Organisaties",
            SharedFolder("organisations"),
            "organisaties",
            Index("Organisaties", "Organisatoren, partners en andere organisaties uit de netwerken.", "organisaties", position=80),
            fields={"kind": "Soort", "place": "Plaats", "address": "Adres", "website": "Website"},
            facts=("kind", "place", "address", "public_contact", "website"),
            context=("place",),
            template="organisation.html",
            jsonld="Organization",
        ),
        Kind(
            "person",
            models.Person,
            "persoon",
            "Personen",
            SharedFolder("people"),
            "personen",
            Index("Personen", "Sprekers, coördinatoren en contactpersonen.", "personen", position=90),
            fields={"role": "Rol", "organisation": "Organisatie"},
            facts=("role", "contact"),
            context=("role", "organisation"),
            template="person.html",
            jsonld="Person",
        ),
        Kind(
            "region",
            models.Region,
            "regio",
            "Regio's",
            SharedFolder("regions"),
            "regios",
            Index("Regio's", "Provincies en grotere regio's van België en Nederland, met wat er plaatsvindt en zich bevindt.", "regios", position=95),
            fields={"kind": "Soort", "country": "Land", "part_of": "Ligt in"},
            facts=("kind", "country"),
            context=("kind", "country"),
            facets=("region_places",),
            template="region.html",
            jsonld="AdministrativeArea",
        ),
        Kind(
            "theme",
            models.Theme,
            "thema",
            "Thema's",
            SharedFolder("themes"),
            "themas",
            Index("Thema's", "Alle thema's, met de netwerken, sessies en voorbeelden die erover gaan.", "themas", position=70),
            template="theme.html",
        ),
        Kind(
            "condition",
            models.Condition,
            "voorwaarde",
            "Voorwaarden voor collectieve impact",
            SharedFolder("conditions"),
            "collectieve-impact",
            Index(
                "Collectieve impact",
                "De vijf voorwaarden voor collectieve impact, met de remmende factoren en hefbomen die netwerken erbij noemden.",
                "collectieve-impact",
                position=40,
            ),
            fields={"definition": "Definitie"},
            facts=("definition",),
            context=("definition",),
            facets=("condition_cases",),
            template="condition.html",
        ),
        Kind(
            "barrier",
            models.Barrier,
            "remmende factor",
            "Remmende factoren",
            SharedFolder("barriers"),
            "collectieve-impact/remmende-factoren",
            Index(
                "Remmende factoren", "Wat netwerken tegenhoudt, per voorwaarde voor collectieve impact.", "collectieve-impact/remmende-factoren", position=50
            ),
            fields=_FACTOR,
            context=("mentioned_in",),
            facets=("same_condition",),
            template="barrier.html",
        ),
        Kind(
            "lever",
            models.Lever,
            "hefboom",
            "Hefbomen",
            SharedFolder("levers"),
            "collectieve-impact/hefbomen",
            Index("Hefbomen", "Wat netwerken vooruit helpt, per voorwaarde voor collectieve impact.", "collectieve-impact/hefbomen", position=60),
            fields=_FACTOR,
            context=("mentioned_in",),
            facets=("same_condition",),
            template="lever.html",
        ),
    ]
)


def _field_names(model_list: list[type[BaseModel]]) -> frozenset[str]:
    names: set[str] = set()
    for model in model_list:
        for name, info in model.model_fields.items():
            names.add(name)
            nested = nested_model(info.annotation)
            if nested is not None:
                names |= _field_names([nested])
    return frozenset(names)


#: Every field name of every kind (and of the groups inside them, such as `place`): how the reader
#: tells a field indented too far from text with a colon in it.
FIELD_NAMES = _field_names([kind.model for kind in KINDS.values()])
