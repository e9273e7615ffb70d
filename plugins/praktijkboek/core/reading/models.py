"""The content model: one pydantic model per kind of content file.

This module is the single source of truth for the schema. The loader validates
files against it, the knowledge graph finds references through the `Ref`
markers on its fields, and `docs/content-model.md` documents it. Field
descriptions are Dutch because editors read them (in error messages and, later,
in the JSON Schema their editor shows while they type).

No MkDocs imports here: the domain core must outlive the host tool.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Annotated, Any, ClassVar, Literal, TypeVar, get_args

from annotated_types import Ge
from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, PlainSerializer, StringConstraints, WithJsonSchema, model_validator
from pydantic_core import PydanticCustomError

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
SESSION_REF_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*(?:/[a-z0-9]+(?:-[a-z0-9]+)*)?$"


@dataclass(frozen=True)
class Ref:
    """Marks a string field as a reference to other entities, by id.

    `kinds` are the kinds it may point at (in order of preference); `inverse` is
    the Dutch heading under which the target page lists the pages that point at
    it ("Besproken in"). A relation is written once, in one direction: the
    reverse is derived by the knowledge graph from this marker.
    """

    kinds: tuple[str, ...]
    inverse: str | None = None
    """None: the plural of the referring kind ("Hefbomen" on a condition's page)."""


@dataclass(frozen=True, slots=True)
class Form(BeforeValidator):
    """The check of text in one exact form (`_form`), with the form and the hint it tells, for whoever else
    checks the same field: the editing interface's form (core/editors/cms.py) refuses what this refuses."""

    pattern: str = ""
    hint: str = ""


def _form(kind: str, pattern: str, message: str, hint: str, normal: Callable[[str], str] = str) -> Form:
    """Accept text only in one exact form; otherwise a Dutch error of type `pb_<kind>`.

    The loader gives every value as text, so this is where "19:30", "15" or "true"
    become typed, and where "1.0", "1_000", "yes" or "19:30+02:00" are refused
    instead of being coerced. Non-text values (a list, an empty value) pass on to
    the type check, which says what was expected.
    """
    regex = re.compile(pattern)

    def check(value: Any) -> Any:
        if not isinstance(value, str):
            return value
        if regex.fullmatch(value.strip()):
            return normal(value.strip())
        raise PydanticCustomError(f"pb_{kind}", message, {"value": value, "hint": hint})

    return Form(check, pattern=pattern, hint=hint)


# How editors' YAML extensions read an unquoted value (YAML 1.2, as VS Code does): `2026` is a number,
# `true` a boolean, `19:30` and `2019-06-06` text. The loader reads every value as text, so a field
# accepts what the editor typed either way; each type below says so in its JSON Schema, so that every
# file `validate` accepts, the editor's schema accepts too (tests/test_schema_agreement.py proves it).
#: Free text: a title written as `2026` or `true` is text to the loader, a number or boolean to the editor.
TEXT_SCHEMA: dict[str, Any] = {"type": ["string", "number", "boolean"], "minLength": 1}


def padded(pattern: str) -> str:
    """A JSON Schema pattern for a value the validator strips first (`" 19:30"` between quotes)."""
    return rf"^\s*(?:{pattern})\s*$"


#: Digits, with a dot or an exponent perhaps (`0471.123456`, `1e5`): a number to YAML 1.2, text to the loader.
NUMBER_AS_TEXT: dict[str, Any] = {"type": "number", "minimum": 0}


def _text_schema(pattern: str, *, digits: bool = False) -> WithJsonSchema:
    """The JSON Schema of text in one form. `digits`: digits are valid too (a phone number), which YAML 1.2
    may read as a number."""
    schema: dict[str, Any] = {"type": "string", "pattern": padded(pattern)}
    return WithJsonSchema({"anyOf": [schema, NUMBER_AS_TEXT]} if digits else schema)


Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1), WithJsonSchema(TEXT_SCHEMA)]


@dataclass(frozen=True)
class Long:
    """Marks free text that runs to sentences or paragraphs (a summary, an approach): the editing interface
    gives it a text box of several lines (core/editors/cms.py); other text gets one line."""


#: Free text of some sentences or paragraphs: `Text`, in a larger box in the editing interface.
Prose = Annotated[Text, Long()]


def _one_line(value: str) -> str:
    """Runs of white space (a new line of a YAML block, a tab) as one space."""
    return " ".join(value.split())


#: A title or a name: one line, whatever the YAML looked like. It goes into headers, the page title,
#: file names of downloads, calendar SUMMARY and JSON-LD `name`, where a new line or a tab has no place.
Line = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1), AfterValidator(_one_line), WithJsonSchema(TEXT_SCHEMA)]
#: A name that becomes part of an address (places have pages of their own).
#: The schema leaves out the 80 characters: the validator counts them after stripping the spaces around.
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80), AfterValidator(_one_line), WithJsonSchema(TEXT_SCHEMA)]
URL_PATTERN = r"https?://\S+"
Url = Annotated[
    str,
    _form("url", URL_PATTERN, "'{value}' is geen volledig webadres", "Een webadres begint met https:// of http://."),
    StringConstraints(pattern=URL_PATTERN),
    _text_schema(URL_PATTERN),
]
EMAIL_PATTERN = r"[^@\s]+@[^@\s]+\.[A-Za-z]{2,}"
Email = Annotated[
    str,
    _form("email", EMAIL_PATTERN, "'{value}' is geen geldig e-mailadres", "Een e-mailadres heeft de vorm naam@organisatie.be."),
    StringConstraints(pattern=EMAIL_PATTERN),
    _text_schema(EMAIL_PATTERN),
]
PHONE_PATTERN = r"\+?[0-9][0-9 ./-]{5,}"
Phone = Annotated[
    str,
    _form("phone", PHONE_PATTERN, "'{value}' is geen geldig telefoonnummer", "Schrijf alleen cijfers, spaties, punten, schuine strepen of koppeltekens."),
    StringConstraints(pattern=PHONE_PATTERN),
    _text_schema(PHONE_PATTERN, digits=True),
]
Count = Annotated[
    int,
    _form("int", r"[0-9]+", "'{value}' is geen geheel getal", "Schrijf alleen cijfers, zonder punt of komma."),
    Ge(1),
    WithJsonSchema({"anyOf": [{"type": "integer", "minimum": 1}, {"type": "string", "pattern": padded("0*[1-9][0-9]*")}]}),
]
#: The words YAML 1.2 reads as true/false; the validator takes the same ones (as text, also between quotes).
FLAG_PATTERN = r"true|True|TRUE|false|False|FALSE"
Flag = Annotated[
    bool,
    _form("bool", FLAG_PATTERN, "'{value}' is geen ja/nee-waarde", "Schrijf true (ja) of false (nee)."),
    WithJsonSchema({"anyOf": [{"type": "boolean"}, {"type": "string", "pattern": padded(FLAG_PATTERN)}]}),
]
TIME_PATTERN = r"([01]?[0-9]|2[0-3]):[0-5][0-9]"
Time = Annotated[
    dt.time,
    _form(
        "time", TIME_PATTERN, "'{value}' is geen geldig tijdstip", "Schrijf een uur als UU:MM, bijvoorbeeld 19:30.", normal=lambda text: text.zfill(5)
    ),  # 7:30 is 07:30
    WithJsonSchema({"type": "string", "pattern": padded(TIME_PATTERN)}),
    PlainSerializer(lambda value: value.strftime("%H:%M"), return_type=str, when_used="json"),
]
DATE_PATTERN = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"


#: The years a date or a year may have: outside them, it is a typing error.
FIRST_YEAR, LAST_YEAR = 1900, 2100
_YEAR_RANGE = f"'{{value}}' ligt niet tussen {FIRST_YEAR} en {LAST_YEAR}; een tikfout in het jaar?"


def _plausible_year(value: dt.date) -> dt.date:
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise PydanticCustomError(
            "pb_date_range",
            _YEAR_RANGE,
            {"value": value.isoformat(), "hint": "Controleer het jaartal."},
        )
    return value


Date = Annotated[
    dt.date,
    _form("date", DATE_PATTERN, "'{value}' is geen geldige datum", "Schrijf een bestaande datum als JJJJ-MM-DD. Een uur hoort in start_time."),
    AfterValidator(_plausible_year),
    WithJsonSchema({"type": "string", "pattern": padded(DATE_PATTERN)}),
]


def _plausible(year: int) -> int:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise PydanticCustomError("pb_date_range", _YEAR_RANGE, {"value": str(year), "hint": "Controleer het jaartal."})
    return year


#: A year on its own (a case's start year), as digits: YAML 1.2 reads it as a number.
Year = Annotated[
    int,
    _form("year", r"[0-9]{4}", "'{value}' is geen jaartal", "Schrijf het jaar in vier cijfers, bijvoorbeeld 2019."),
    AfterValidator(lambda year: _plausible(year)),
    WithJsonSchema({"anyOf": [{"type": "integer", "minimum": FIRST_YEAR, "maximum": LAST_YEAR}, {"type": "string", "pattern": padded("[0-9]{4}")}]}),
]
COST_PATTERN = r"[Gg]ratis|GRATIS|[0-9]+(?:[.,][0-9]{1,2})?"


def _cost(text: str) -> str:
    return "0.00" if text.lower() == "gratis" else f"{Decimal(text.replace(',', '.')):.2f}"


#: What taking part costs: `gratis`, or an amount in euro (`25`, `12,50`), kept as an amount with two decimals.
Cost = Annotated[
    Decimal,
    _form("cost", COST_PATTERN, "'{value}' is geen prijs", "Schrijf gratis, of een bedrag in euro zonder teken: 25 of 12,50.", normal=_cost),
    WithJsonSchema({"anyOf": [{"type": "number", "minimum": 0}, {"type": "string", "pattern": padded(COST_PATTERN)}]}),
    PlainSerializer(lambda value: str(value), return_type=str, when_used="json"),
]
#: Where the book's own files (pictures, presentations) are: a path inside the media folder, `foto's/x.jpg`.
#: No address of another website: a page of the book makes no request elsewhere.
MEDIA_PATTERN = r"(?!/)(?![A-Za-z][A-Za-z0-9+.-]*:)(?!.*(?:^|/)\.\.(?:/|$))[^\\]+\.[A-Za-z0-9]+"


def _media_path(value: Any) -> Any:
    if isinstance(value, str) and re.match(r"\s*(?:https?:)?//", value):
        raise PydanticCustomError(
            "pb_media_remote",
            "'{value}' staat op een andere website; het boek toont alleen bestanden uit de eigen map media",
            {"value": value, "hint": "Zet het bestand in content/media/ en schrijf het pad daarin, bijvoorbeeld foto's/inspiratiedag.jpg."},
        )
    return value


@dataclass(frozen=True)
class Media:
    """Marks a field as the path of a file in the media folder: it must exist there (core/reading/media.py)."""

    image: bool = False
    """The file must be a picture."""


MediaPath = Annotated[
    str,
    Media(),
    _form(
        "media",
        MEDIA_PATTERN,
        "'{value}' is geen pad in de map media",
        "Schrijf het pad vanaf content/media/, met de extensie, zonder / vooraan of .., bijvoorbeeld foto's/inspiratiedag.jpg.",
    ),
    BeforeValidator(_media_path),  # runs first (pydantic runs the last before-validator first): an address is told as one
    _text_schema(MEDIA_PATTERN),
]


def nested_model(annotation: Any) -> type[BaseModel] | None:
    """The pydantic model inside a field's type (`list[Link]`, `Place | None`), if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = nested_model(arg)
        if found:
            return found
    return None


M = TypeVar("M")
#: Where a value sits in an entity: field names and list positions (`("speakers", 0, "who")`).
Location = tuple[str | int, ...]


def _markers(annotation: Any, metadata: list[Any] | None, kind: type[M]) -> list[M]:
    """The markers of `kind` on a field's type, also inside list/Optional/Annotated, innermost first."""
    found = [m for m in getattr(annotation, "__metadata__", ()) if isinstance(m, kind)]
    for arg in get_args(annotation):
        found += _markers(arg, None, kind)
    return [*found, *(m for m in metadata or [] if isinstance(m, kind) and m not in found)]


def marked_fields(model: type[BaseModel], kind: type[M]) -> tuple[tuple[str, M | None, type[BaseModel] | None], ...]:
    """For each field of `model` that matters for `kind` (`Ref`, `Media`): the marker it carries (the outermost,
    the most specific: a picture's `Media(image=True)` over its path's `Media()`), or else the group of fields
    inside it that may carry one."""
    key: type = kind  # a class is hashable: the cache's key
    return _marked_fields(model, key)


@cache
def _marked_fields(model: type[BaseModel], kind: type) -> tuple[tuple[str, Any, type[BaseModel] | None], ...]:
    found: list[tuple[str, Any, type[BaseModel] | None]] = []
    for name, info in model.model_fields.items():
        marks: list[Any] = _markers(info.annotation, info.metadata, kind)
        nested = None if marks else nested_model(info.annotation)
        if marks or nested:
            found.append((name, marks[-1] if marks else None, nested))
    return tuple(found)


def iter_marked(obj: BaseModel, kind: type[M], prefix: Location = ()) -> Iterator[tuple[Location, M, Any]]:
    """Every (location, marker, value) of the fields marked `kind` in `obj`, in groups of fields and lists too."""
    for name, marker, _nested in marked_fields(type(obj), kind):
        value = getattr(obj, name)
        if value is None:
            continue
        items = list(enumerate(value)) if isinstance(value, list) else [(None, value)]
        for index, item in items:
            loc = (*prefix, name) if index is None else (*prefix, name, index)
            if marker is not None:
                yield loc, marker, item
            elif isinstance(item, BaseModel):
                yield from iter_marked(item, kind, loc)


def _id_schema(pattern: str) -> dict[str, Any]:
    """An id; one of only digits (`2024`, or even `1e-5`) is a number to YAML 1.2, and a valid id to the loader."""
    return {"anyOf": [{"type": "string", "pattern": padded(pattern.strip("^$"))}, NUMBER_AS_TEXT]}


Slug = Annotated[str, StringConstraints(strip_whitespace=True, pattern=SLUG_PATTERN), WithJsonSchema(_id_schema(SLUG_PATTERN))]


def ref(*kinds: str, inverse: str | None = None) -> object:
    """A reference field type: an id that must resolve to one of `kinds`."""
    pattern = SESSION_REF_PATTERN if "session" in kinds else SLUG_PATTERN
    return Annotated[str, StringConstraints(strip_whitespace=True, pattern=pattern), Ref(kinds, inverse), WithJsonSchema(_id_schema(pattern))]


def rule(field: str, message: str) -> PydanticCustomError:
    """A rule over several fields, told at the line of the field it names (`validation.validate`)."""
    return PydanticCustomError("pb_rule", message, {"field": field})


class Strict(BaseModel):
    """Base: unknown fields are errors, never silently dropped."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Link(Strict):
    """A link to another website, or a file of the book's own (a presentation in the media folder)."""

    title: Line = Field(description="De tekst van de link.", examples=["Verslag van de studiedag"])
    url: Url | None = Field(
        None,
        description="Het volledige webadres, beginnend met https://. Of gebruik 'file' voor een bestand uit de map media.",
        examples=["https://www.voorbeeld.be/verslag"],
    )
    file: MediaPath | None = Field(
        None, description="Of een bestand in content/media/ (een presentatie, een verslag), als pad vanaf die map, bijvoorbeeld presentaties/studiedag.pdf."
    )

    @model_validator(mode="after")
    def _one_target(self) -> Link:
        if bool(self.url) == bool(self.file):
            raise rule("url", "een link heeft een webadres (url) of een bestand (file), precies één van beide")
        return self


class Image(Strict):
    """A picture from the media folder, with the text that replaces it for who cannot see it."""

    file: Annotated[MediaPath, Media(image=True)] = Field(
        description="Het pad van de afbeelding vanaf content/media/ (jpg, png, webp of gif).", examples=["repair-cafe/herstelling.jpg"]
    )
    alt: Text = Field(
        description="Wat er op de afbeelding te zien is, voor wie ze niet kan zien (verplicht).", examples=["Vrijwilligers herstellen een broodrooster"]
    )
    caption: Text | None = Field(None, description="Een bijschrift onder de afbeelding.", examples=["Repair café in de parochiezaal"])
    credit: Line | None = Field(None, description="Wie de foto maakte, of van wie ze komt.", examples=["Foto: Cera"])


class Place(Strict):
    municipality: Name | None = Field(None, description="De gemeente of stad.", examples=["Hasselt"])
    region: ref("region", inverse="Ligt in deze regio") | None = Field(  # type: ignore[valid-type]  # ref() builds the type at run time: an Annotated str with a Ref marker
        None,
        description="Id van de provincie of regio (een bestand in content/regions/): zo zijn Limburg (BE) en Limburg (NL) twee plaatsen.",
        examples=["limburg-be"],
    )
    country: Name | None = Field(None, description="Het land, voluit; niet nodig bij een regio, die haar land kent.", examples=["België"])

    @model_validator(mode="after")
    def _not_empty(self) -> Place:
        if not (self.municipality or self.region or self.country):
            raise ValueError("een plaats heeft minstens een gemeente, regio of land")
        return self


class Needs(Strict):
    """What a case takes to run."""

    people: Text | None = Field(None, description="Welke mensen, hoeveel tijd.", examples=["Een tiental vrijwilligers, twee uur per maand"])
    money: Text | None = Field(None, description="Welk budget, van wie.", examples=["Een kleine subsidie van de gemeente voor materiaal"])
    space: Text | None = Field(None, description="Welke ruimte of welk materiaal.", examples=["Een zaal met tafels en stopcontacten"])

    @model_validator(mode="after")
    def _not_empty(self) -> Needs:
        if not (self.people or self.money or self.space):
            raise ValueError("vul minstens 'people', 'money' of 'space' in")
        return self


class Registration(Strict):
    """How to sign up for a session."""

    url: Url | None = Field(None, description="Het webadres van het inschrijfformulier.", examples=["https://www.voorbeeld.be/inschrijven"])
    email: Email | None = Field(
        None,
        description="Het e-mailadres om je in te schrijven; het staat op de pagina (niet leesbaar voor eenvoudige robots).",
        examples=["info@voorbeeld.nl"],
    )
    deadline: Date | None = Field(None, description="De laatste dag om je in te schrijven, als JJJJ-MM-DD.", examples=["2019-05-30"])
    note: Prose | None = Field(None, description="Wat er verder over inschrijven te zeggen is.", examples=["Inschrijven kan tot vier weken vooraf."])

    @model_validator(mode="after")
    def _not_empty(self) -> Registration:
        if not (self.url or self.email or self.note):
            raise ValueError("zeg hoe je je inschrijft: een webadres (url), een e-mailadres (email) of een toelichting (note)")
        return self


def _role(field: str, inverse: str, what: str) -> type[Strict]:
    """A person or an organisation in a role at a session (a speaker, a facilitator, an organiser), with an
    optional text about the role. A plain id is short for `{who: <id>}`."""

    class Role(Strict):
        who: ref("person", "organisation", inverse=inverse) = Field(  # type: ignore[valid-type]  # ref() builds the type at run time: an Annotated str with a Ref marker
            description=f"Id van {what}: een persoon of een organisatie.", examples=["chris-frencken"]
        )
        role: Text | None = Field(None, description="Wat deze persoon of organisatie deed, in een paar woorden.", examples=["gebiedswerker, gemeente Voorst"])

    Role.__name__ = Role.__qualname__ = f"{field.title()}Role"
    return Role


def _short_role(value: Any) -> Any:
    return {"who": value} if isinstance(value, str) else value


def roles(field: str, inverse: str, what: str) -> Any:
    model = _role(field, inverse, what)
    return list[Annotated[model, BeforeValidator(_short_role), WithJsonSchema({"anyOf": [_id_schema(SLUG_PATTERN), model.model_json_schema()]})]]  # type: ignore[valid-type]  # a type made at run time


class Entity(Strict):
    """Fields every content file has."""

    id: Slug | None = Field(
        None,
        description="Optioneel. De id is de bestandsnaam zonder extensie; staat hij er toch, dan moet hij gelijk zijn aan de bestandsnaam.",
        examples=["repair-cafe"],
    )

    @property
    def label(self) -> str:
        # Each kind has a title or a name (organisations and people), declared on the kind itself.
        return getattr(self, "title", None) or getattr(self, "name")  # noqa: B009

    def sort_key(self) -> tuple[Any, ...]:
        """How lists of this kind are ordered: by label, case-insensitively, unless the kind says otherwise."""
        return (self.label.casefold(),)


NetworkKind = Literal["lerend netwerk", "leerkring", "praktijktafel", "overleg", "werkplaats", "intervisie", "sessiereeks"]
SessionFormat = Literal[
    "werksessie",
    "bijeenkomst",
    "inspiratiedag",
    "studiedag",
    "startsessie",
    "lokale sessie",
    "regionale sessie",
    "tafel",
    "panel",
    "excursie",
    "webinar",
    "online bijeenkomst",
]
Attendance = Literal["ter plaatse", "online", "hybride"]
PartOfDay = Literal["voormiddag", "namiddag", "avond", "dagdeel", "hele dag"]
#: How a page, a hand-out and a calendar say a part of the day.
PARTS_OF_DAY: dict[str, str] = {
    "voormiddag": "'s voormiddags",
    "namiddag": "'s namiddags",
    "avond": "'s avonds",
    "dagdeel": "een dagdeel",
    "hele dag": "de hele dag",
}
EventStatus = Literal["open", "volzet", "afgelast", "verplaatst"]
CapacityUnit = Literal["deelnemers", "teams", "organisaties", "gemeenten"]
MethodKind = Literal["spel", "werkvorm", "methode", "toolkit", "checklist", "publicatie"]
CaseStatus = Literal["lopend", "gestopt"]
Country = Literal["België", "Nederland"]
RegionKind = Literal["provincie", "gewest", "landsdeel", "regio"]


class Network(Entity):
    """A learning network (where its files are: kinds.py)."""

    title: Line = Field(description="De naam van het netwerk.", examples=["Lerend netwerk 'ons buurtpunt'"])
    kind: NetworkKind = Field(description="Wat voor netwerk het is.", examples=["lerend netwerk"])
    summary: Prose | None = Field(None, description="Eén of twee zinnen die het netwerk samenvatten.")
    organisers: list[ref("organisation", inverse="Organiseert")] = Field(  # type: ignore[valid-type]  # ref() builds the type at run time: an Annotated str with a Ref marker
        [], description="Ids van de organisaties die het netwerk organiseren.", examples=[["platform31"]]
    )
    partners: list[ref("organisation", inverse="Partner van")] = Field(  # type: ignore[valid-type]  # ref() builds the type at run time: an Annotated str with a Ref marker
        [], description="Ids van de partnerorganisaties.", examples=[["cera"]]
    )
    period: Text | None = Field(None, description="De looptijd, in woorden.", examples=["2019-2020"])
    region: Text | None = Field(None, description="De regio waar het netwerk actief is, in woorden.", examples=["Vlaanderen"])
    audience: list[Text] = Field([], description="Voor wie is het netwerk bedoeld?")
    offer: list[Text] = Field([], description="Wat biedt het netwerk aan (wat bieden we)?")
    goals: list[Text] = Field([], description="De doelen van het netwerk.")
    cases: list[ref("case", inverse="Voorbeeld in netwerk")] = Field(  # type: ignore[valid-type]  # ref() builds the type at run time: an Annotated str with a Ref marker
        [], description="Ids van praktijkvoorbeelden die bij het netwerk horen, maar niet bij één sessie.", examples=[["dorpspunt-beveren"]]
    )
    methods: list[ref("method", inverse="Netwerken")] = Field(  # type: ignore[valid-type]  # ref() builds the type at run time: an Annotated str with a Ref marker
        [], description="Ids van methoden en instrumenten die het netwerk gebruikt of maakt.", examples=[["gereedschapskist-wijkgericht-werken"]]
    )
    contacts: list[ref("person", inverse="Contactpersoon van")] = Field(  # type: ignore[valid-type]  # ref() builds the type at run time: an Annotated str with a Ref marker
        [], description="Ids van de contactpersonen.", examples=[["bernard-govaert"]]
    )
    links: list[Link] = Field([], description="Links naar meer informatie.")
    themes: list[ref("theme", inverse="Netwerken")] = Field(  # type: ignore[valid-type]  # ref() builds the type at run time: an Annotated str with a Ref marker
        [], description="Ids van de thema's.", examples=[["participatie"]]
    )
    description: Text | None = Field(None, description="Uitgebreide beschrijving, in Markdown.")


class Event(Entity):
    """What a session of a network and an activity on its own share: when, where, who, taking part."""

    noun: ClassVar[str] = "sessie"
    """How the rules over several fields name it, in Dutch."""

    title: Line = Field(description="De titel van de sessie.", examples=["Participatie en communicatie"])
    date: Date | None = Field(None, description="De (eerste) dag, als JJJJ-MM-DD. Laat weg als ze niet bekend is.", examples=["2019-06-06"])
    end_date: Date | None = Field(None, description="De laatste dag, bij een sessie van meer dagen, als JJJJ-MM-DD.", examples=["2019-06-07"])
    start_time: Time | None = Field(None, description="Beginuur, als UU:MM.", examples=["19:30"])
    end_time: Time | None = Field(None, description="Einduur, als UU:MM.", examples=["21:30"])
    part_of_day: PartOfDay | None = Field(
        None, description="Het deel van de dag, als de uren nog niet bekend zijn (in plaats van start_time en end_time).", examples=["namiddag"]
    )
    attendance: Attendance = Field(
        "ter plaatse", description="Waar je meedoet: ter plaatse, online, of hybride (allebei). Zonder deze regel: ter plaatse.", examples=["online"]
    )
    venue: Line | None = Field(None, description="De naam van de zaal of het gebouw.", examples=["Ontmoetingscentrum De Schakel"])
    address: Text | None = Field(None, description="Straat, huisnummer en postcode van de zaal.", examples=["Dorpsstraat 1, 3000 Leuven"])
    municipality: Name | None = Field(None, description="De gemeente of stad waar de sessie plaatsvindt; ze krijgt een eigen pagina.", examples=["Leuven"])
    regions: list[ref("region", inverse="Sessies in deze regio")] = Field(  # type: ignore[valid-type]  # ref() builds the type at run time: an Annotated str with a Ref marker
        [],
        description="Ids van de provincies of regio's waarvoor de sessie is (bestanden in content/regions/), als ze voor een regio is en niet in één gemeente.",
        examples=[["friesland", "groningen", "drenthe"]],
    )
    online_url: Url | None = Field(
        None, description="De link om online mee te doen. Staat alleen op de website als publish_online_url: true.", examples=["https://meet.voorbeeld.nl/abc"]
    )
    publish_online_url: Flag = Field(
        False, description="Mag de link om online mee te doen op de website (en in de agenda)? Zonder deze regel: nee.", examples=[True]
    )
    format: SessionFormat | None = Field(None, description="De vorm van de sessie.", examples=["werksessie"])
    summary: Prose | None = Field(None, description="Eén of twee zinnen die de sessie samenvatten.")
    themes: list[ref("theme", inverse="Sessies")] = Field(  # type: ignore[valid-type]  # ref() builds the type at run time: an Annotated str with a Ref marker
        [], description="Ids van de thema's.", examples=[["participatie"]]
    )
    programme: list[Text] = Field([], description="De onderdelen van het programma, in volgorde.")
    speakers: roles("speakers", "Sprak op", "een spreker") = Field(  # type: ignore[valid-type]  # roles() builds the type at run time
        [], description="De sprekers: ids van personen of organisaties, met 'who' en 'role' als je hun rol wilt noemen.", examples=[["melissa-bosmans"]]
    )
    facilitators: roles("facilitators", "Begeleidde", "een begeleider") = Field(  # type: ignore[valid-type]  # roles() builds the type at run time
        [], description="Wie de sessie begeleidt (procesbegeleiders, adviseurs): ids van personen of organisaties.", examples=[["bmc"]]
    )
    organisers: roles("organisers", "Organiseerde", "een organisator") = Field(  # type: ignore[valid-type]  # roles() builds the type at run time
        [], description="Wie de sessie organiseert, als dat anders is dan de organisatoren van het netwerk.", examples=[["lpb"]]
    )
    cases: list[ref("case", inverse="Besproken in")] = Field(  # type: ignore[valid-type]  # ref() builds the type at run time: an Annotated str with a Ref marker
        [], description="Ids van de praktijkvoorbeelden die aan bod kwamen.", examples=[["repair-cafe"]]
    )
    methods: list[ref("method", inverse="Gebruikt in")] = Field(  # type: ignore[valid-type]  # ref() builds the type at run time: an Annotated str with a Ref marker
        [], description="Ids van de methoden en instrumenten die gebruikt werden.", examples=[["intervisie"]]
    )
    questions: list[Text] = Field([], description="Vragen die op de sessie besproken worden.")
    participants: Count | None = Field(None, description="Aantal deelnemers dat er was.", examples=[15])
    capacity: Count | None = Field(None, description="Hoeveel er mee kunnen doen, hoogstens.", examples=[6])
    capacity_unit: CapacityUnit = Field("deelnemers", description="Wat 'capacity' telt. Zonder deze regel: deelnemers.", examples=["teams"])
    audience: Text | None = Field(None, description="Wie er deelnam of voor wie de sessie is.")
    registration: Registration | None = Field(None, description="Hoe je je inschrijft.")
    status: EventStatus = Field(
        "open", description="open, volzet, afgelast, of verplaatst (zet dan de nieuwe datum in date en de oude in previous_date).", examples=["volzet"]
    )
    previous_date: Date | None = Field(None, description="Bij een verplaatste sessie: de oorspronkelijke datum, als JJJJ-MM-DD.", examples=["2026-03-12"])
    cost: Cost | None = Field(None, description="Wat meedoen kost: gratis, of een bedrag in euro (25 of 12,50).", examples=["gratis"])
    materials: list[Link] = Field([], description="Presentaties, foto's en ander materiaal: webadressen of bestanden uit de map media.")
    pictures: list[Image] = Field([], description="Foto's van de sessie, uit de map media.")
    report: Text | None = Field(None, description="Verslag van de sessie, in Markdown.")

    def sort_key(self) -> tuple[Any, ...]:
        """By date (sessions without one last), then title."""
        return (self.date is None, self.date or "", 0, self.title.casefold())

    @property
    def last_day(self) -> dt.date | None:
        """The day it ends: the last of several, or its one day."""
        return self.end_date or self.date

    @property
    def venue_line(self) -> str:
        """Where to go, in one line: the venue, its address, the municipality (those given)."""
        return ", ".join(part for part in (self.venue, self.address, self.municipality) if part)

    @property
    def online(self) -> bool:
        return self.attendance != "ter plaatse"

    @property
    def on_site(self) -> bool:
        return self.attendance != "online"

    @model_validator(mode="after")
    def _consistent(self) -> Event:
        if self.end_time and not self.start_time:
            raise rule("end_time", "een einduur (end_time) zonder beginuur: vul ook 'start_time' in")
        if self.start_time and self.end_time and self.end_time <= self.start_time and not self.end_date:
            raise rule("end_time", "het einduur (end_time) moet na het beginuur (start_time) liggen")
        if (self.start_time or self.end_time) and not self.date:
            raise rule("start_time" if self.start_time else "end_time", "een uur zonder datum: vul ook 'date' in")
        if self.part_of_day and self.start_time:
            raise rule("part_of_day", "een deel van de dag (part_of_day) én een beginuur: kies één van beide; het uur zegt meer")
        if self.end_date and not self.date:
            raise rule("end_date", "een laatste dag (end_date) zonder eerste dag: vul ook 'date' in")
        if self.end_date and self.date and self.end_date <= self.date:
            raise rule("end_date", f"de laatste dag (end_date) moet na de eerste dag (date) liggen; een {self.noun} van één dag heeft geen end_date")
        if self.attendance == "online" and (self.venue or self.address):
            raise rule(
                "venue" if self.venue else "address",
                f"een online {self.noun} heeft geen zaal of adres: schrijf 'attendance: hybride' als je ook ter plaatse kunt meedoen",
            )
        if self.publish_online_url and not self.online_url:
            raise rule("publish_online_url", "'publish_online_url' zonder link: vul ook 'online_url' in")
        if self.online_url and not self.online:
            raise rule("online_url", f"een link om online mee te doen bij een {self.noun} ter plaatse: schrijf 'attendance: online' of 'attendance: hybride'")
        if self.status == "verplaatst" and not self.previous_date:
            raise rule("status", f"een verplaatste {self.noun}: zet de nieuwe datum in 'date' en de oude in 'previous_date'")
        if self.previous_date and self.previous_date == self.date:
            raise rule("previous_date", "de oude datum (previous_date) is dezelfde als de nieuwe (date)")
        if self.registration and self.registration.deadline and self.date and self.registration.deadline > (self.end_date or self.date):
            raise rule("registration", f"de laatste dag om in te schrijven (deadline) ligt na de {self.noun}")
        if self.previous_date and self.status != "verplaatst":
            raise rule("previous_date", f"een oude datum (previous_date) bij een {self.noun} die niet verplaatst is: schrijf 'status: verplaatst'")
        if "capacity_unit" in self.model_fields_set and not self.capacity:
            raise rule("capacity_unit", "'capacity_unit' zonder aantal: vul ook 'capacity' in")
        return self


class Session(Event):
    """A session of a network (where its files are: kinds.py)."""

    number: Count | None = Field(None, description="Volgnummer binnen het netwerk (1, 2, ...).", examples=[1])

    def sort_key(self) -> tuple[Any, ...]:
        """By date (sessions without one last), then number and title."""
        return (self.date is None, self.date or "", self.number or 0, self.title.casefold())


class Activity(Event):
    """An activity on its own, of no network: a webinar, a study day that stands alone (where its files are: kinds.py)."""

    noun: ClassVar[str] = "activiteit"

    title: Line = Field(description="De titel van de activiteit.", examples=["Wat kunnen platteland en stad van elkaar leren?"])


class Case(Entity):
    """An inspiration case (where its files are: kinds.py)."""

    title: Line = Field(description="De naam van het praktijkvoorbeeld.", examples=["Repair Café"])
    kind: Text | None = Field(None, description="Wat voor initiatief het is.", examples=["buurtwinkel"])
    place: Place | None = Field(None, description="Waar het voorbeeld zich afspeelt.")
    status: CaseStatus | None = Field(None, description="Loopt het nog (lopend), of is het gestopt?", examples=["lopend"])
    start_year: Year | None = Field(None, description="Het jaar waarin het begon.", examples=[2015])
    organisations: list[ref("organisation", inverse="Praktijkvoorbeelden")] = Field(  # type: ignore[valid-type]  # ref() builds the type at run time: an Annotated str with a Ref marker
        [], description="Ids van de organisaties achter het voorbeeld.", examples=[["samenlevingsopbouw"]]
    )
    themes: list[ref("theme", inverse="Praktijkvoorbeelden")] = Field(  # type: ignore[valid-type]  # ref() builds the type at run time: an Annotated str with a Ref marker
        [], description="Ids van de thema's.", examples=[["mobiliteit"]]
    )
    levers: list[ref("lever", inverse="Praktijkvoorbeelden")] = Field(  # type: ignore[valid-type]  # ref() builds the type at run time: an Annotated str with a Ref marker
        [], description="Ids van de hefbomen die dit voorbeeld in de praktijk laat zien.", examples=[["klimaat-van-vertrouwen-creeren"]]
    )
    methods: list[ref("method", inverse="Gebruikt in")] = Field(  # type: ignore[valid-type]  # ref() builds the type at run time: an Annotated str with a Ref marker
        [], description="Ids van de methoden en instrumenten die het voorbeeld gebruikt.", examples=[["intervisie"]]
    )
    summary: Prose | None = Field(None, description="Twee à drie zinnen over het voorbeeld.")
    aim: Prose | None = Field(
        None, description="Wat het voorbeeld wil bereiken, en voor wie.", examples=["Spullen langer laten meegaan en buren laten kennismaken."]
    )
    approach: Prose | None = Field(None, description="Hoe het werkt: de aanpak, in gewone tekst; een lege regel begint een nieuwe alinea.")
    results: Prose | None = Field(None, description="Wat het opleverde, in gewone tekst; een lege regel begint een nieuwe alinea.")
    lessons: list[Text] = Field([], description="Lessen en tips voor wie hetzelfde wil doen.")
    needs: Needs | None = Field(None, description="Wat het vraagt: mensen, geld, ruimte.")
    contact: ref("organisation", "person", inverse="Contact voor") | None = Field(  # type: ignore[valid-type]  # ref() builds the type at run time: an Annotated str with a Ref marker
        None,
        description="Id van de organisatie of persoon die je kunt aanspreken (bij een persoon: alleen gegevens die gepubliceerd mogen worden).",
        examples=["lpb"],
    )
    website: Url | None = Field(None, description="De website van het voorbeeld.", examples=["https://www.repaircafe.org"])
    pictures: list[Image] = Field([], description="Foto's uit de map media.")
    links: list[Link] = Field([], description="Links naar meer informatie.")
    description: Text | None = Field(None, description="Uitgebreide beschrijving, in Markdown.")

    @property
    def known(self) -> int:
        """How much the file tells beyond the title: the number of fields of substance that are filled in."""
        fields = (self.summary, self.description, self.aim, self.approach, self.results, self.lessons, self.needs, self.links, self.website)
        return sum(1 for value in fields if value)


class Method(Entity):
    """A method or tool that networks share: a game, a working form, a toolkit (where its files are: kinds.py)."""

    title: Line = Field(description="De naam van de methode of het instrument.", examples=["Intervisie"])
    kind: MethodKind = Field(description="Wat voor methode of instrument het is.", examples=["werkvorm"])
    summary: Prose | None = Field(None, description="Eén of twee zinnen: wat het is.")
    purpose: Prose | None = Field(None, description="Waarvoor je het gebruikt.", examples=["Samen leren van lastige situaties uit de eigen praktijk."])
    materials: list[Text] = Field([], description="Wat je nodig hebt.")
    source: Text | None = Field(
        None, description="Waar het vandaan komt, in woorden.", examples=["Ontwikkeld door Platform31 met de deelnemers van de leerkring"]
    )
    organisations: list[ref("organisation", inverse="Methoden en instrumenten")] = Field(  # type: ignore[valid-type]  # ref() builds the type at run time: an Annotated str with a Ref marker
        [], description="Ids van de organisaties die het maakten of aanbieden.", examples=[["platform31"]]
    )
    themes: list[ref("theme", inverse="Methoden en instrumenten")] = Field(  # type: ignore[valid-type]  # ref() builds the type at run time: an Annotated str with a Ref marker
        [], description="Ids van de thema's.", examples=[["samenwerking"]]
    )
    links: list[Link] = Field([], description="Links naar meer informatie of het materiaal zelf.")
    description: Text | None = Field(None, description="Hoe het werkt, in Markdown.")


class Organisation(Entity):
    """An organisation (where its files are: kinds.py). Its contact details are public ones: they are shown."""

    name: Line = Field(description="De naam van de organisatie.", examples=["Platform31"])
    kind: Text | None = Field(None, description="Wat voor organisatie het is.", examples=["armoedevereniging"])
    place: Place | None = Field(None, description="Waar de organisatie gevestigd is.")
    address: Text | None = Field(None, description="Het publieke adres: straat, huisnummer, postcode en gemeente.", examples=["Grote Markt 1, 1500 Halle"])
    email: Email | None = Field(None, description="Het algemene e-mailadres van de organisatie (geen persoonlijk adres).", examples=["info@organisatie.be"])
    phone: Phone | None = Field(None, description="Het algemene telefoonnummer.", examples=["02 123 45 67"])
    website: Url | None = Field(None, description="Het webadres, beginnend met https://.", examples=["https://www.platform31.nl"])
    summary: Prose | None = Field(None, description="Eén of twee zinnen over de organisatie.")
    description: Text | None = Field(None, description="Uitgebreide beschrijving, in Markdown.")


class Person(Entity):
    """A person (where its files are: kinds.py). Contact details are private by default."""

    name: Line = Field(description="Voor- en achternaam.", examples=["Jochem Heemskerk"])
    organisation: ref("organisation", inverse="Mensen") | None = Field(  # type: ignore[valid-type]  # ref() builds the type at run time: an Annotated str with a Ref marker
        None, description="Id van de organisatie waar de persoon werkt.", examples=["platform31"]
    )
    role: Text | None = Field(None, description="Functie of rol.", examples=["coördinator"])
    email: Email | None = Field(None, description="E-mailadres. Wordt alleen getoond als publish_contact: true.", examples=["naam@organisatie.be"])
    phone: Phone | None = Field(None, description="Telefoonnummer. Wordt alleen getoond als publish_contact: true.", examples=["09 123 45 67"])
    publish_contact: Flag = Field(
        False,
        description="Mogen e-mailadres en telefoonnummer op de website? Alleen true als de persoon daarvoor toestemming gaf.",
        examples=[True],
    )
    description: Text | None = Field(None, description="Korte voorstelling, in Markdown.")


class Region(Entity):
    """A province or a larger area of Belgium or the Netherlands (where its files are: kinds.py)."""

    name: Name = Field(description="De naam van de regio, zoals ze in haar land heet.", examples=["Limburg"])
    country: Country = Field(description="Het land van de regio: zo zijn Limburg (BE) en Limburg (NL) twee regio's.", examples=["België"])
    kind: RegionKind = Field(description="Wat voor regio het is.", examples=["provincie"])
    part_of: ref("region", inverse="Regio's") | None = Field(  # type: ignore[valid-type]  # ref() builds the type at run time: an Annotated str with a Ref marker
        None, description="Id van de grotere regio waar deze in ligt.", examples=["vlaanderen"]
    )
    description: Text | None = Field(None, description="Toelichting, in Markdown.")

    @property
    def label(self) -> str:
        return f"{self.name} ({'BE' if self.country == 'België' else 'NL'})"


class Theme(Entity):
    """A theme (where its files are: kinds.py). The folder is the allow-list of themes."""

    title: Line = Field(description="De naam van het thema.", examples=["Participatie"])
    description: Text | None = Field(None, description="Wat valt onder dit thema, in Markdown.")


class Condition(Entity):
    """A condition of collective impact (where its files are: kinds.py)."""

    title: Line = Field(description="De naam van de voorwaarde.", examples=["Gedeelde agenda"])
    order: Count = Field(description="Plaats in de lijst van vijf voorwaarden.", examples=[1])
    definition: Text = Field(description="Korte definitie, in één zin.", examples=["Alle partners delen een visie op verandering en een gezamenlijke aanpak."])
    description: Text | None = Field(None, description="Uitgebreide toelichting, in Markdown.")

    def sort_key(self) -> tuple[Any, ...]:
        return (self.order,)


class _Factor(Entity):
    """What barriers and levers share. Their pages list under the plural of their own kind."""

    title: Line = Field(description="De factor, kort verwoord.", examples=["Spanningen tussen partners"])
    condition: ref("condition") = Field(  # type: ignore[valid-type]  # ref() builds the type at run time: an Annotated str with a Ref marker
        description="Id van de voorwaarde voor collectieve impact.", examples=["gedeelde-agenda"]
    )
    sources: Annotated[list[ref("session", "activity", "network")], Field(min_length=1)] = Field(  # type: ignore[valid-type]  # ref() builds the type at run time: an Annotated str with a Ref marker
        description="Waar deze factor genoemd werd: ids van sessies (netwerk/sessie), activiteiten of netwerken.",
        examples=[["overleg-buurtprojecten/bijeenkomst-2024-09-29"]],
    )
    description: Text | None = Field(None, description="Toelichting, in Markdown.")


class Barrier(_Factor):
    """A barrier ('remmende factor') (where its files are: kinds.py)."""


class Lever(_Factor):
    """A lever ('hefboom') (where its files are: kinds.py)."""
