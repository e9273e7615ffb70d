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
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any, Literal, get_args

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


def _form(kind: str, pattern: str, message: str, hint: str, normal: Callable[[str], str] = str) -> BeforeValidator:
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

    return BeforeValidator(check)


# How editors' YAML extensions read an unquoted value (YAML 1.2, as VS Code does): `2026` is a number,
# `true` a boolean, `19:30` and `2019-06-06` text. The loader reads every value as text, so a field
# accepts what the editor typed either way; each type below says so in its JSON Schema, so that every
# file `validate` accepts, the editor's schema accepts too (tests/test_schema_agreement.py proves it).
#: Free text: a title written as `2026` or `true` is text to the loader, a number or boolean to the editor.
TEXT_SCHEMA: dict[str, Any] = {"type": ["string", "number", "boolean"], "minLength": 1}


def _padded(pattern: str) -> str:
    """A JSON Schema pattern for a value the validator strips first (`" 19:30"` between quotes)."""
    return rf"^\s*(?:{pattern})\s*$"


#: Digits, with a dot or an exponent perhaps (`0471.123456`, `1e5`): a number to YAML 1.2, text to the loader.
NUMBER_AS_TEXT: dict[str, Any] = {"type": "number", "minimum": 0}


def _text_schema(pattern: str, *, digits: bool = False) -> WithJsonSchema:
    """The JSON Schema of text in one form. `digits`: digits are valid too (a phone number), which YAML 1.2
    may read as a number."""
    schema: dict[str, Any] = {"type": "string", "pattern": _padded(pattern)}
    return WithJsonSchema({"anyOf": [schema, NUMBER_AS_TEXT]} if digits else schema)


Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1), WithJsonSchema(TEXT_SCHEMA)]


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
    WithJsonSchema({"anyOf": [{"type": "integer", "minimum": 1}, {"type": "string", "pattern": _padded("0*[1-9][0-9]*")}]}),
]
#: The words YAML 1.2 reads as true/false; the validator takes the same ones (as text, also between quotes).
FLAG_PATTERN = r"true|True|TRUE|false|False|FALSE"
Flag = Annotated[
    bool,
    _form("bool", FLAG_PATTERN, "'{value}' is geen ja/nee-waarde", "Schrijf true (ja) of false (nee)."),
    WithJsonSchema({"anyOf": [{"type": "boolean"}, {"type": "string", "pattern": _padded(FLAG_PATTERN)}]}),
]
TIME_PATTERN = r"([01]?[0-9]|2[0-3]):[0-5][0-9]"
Time = Annotated[
    dt.time,
    _form(
        "time", TIME_PATTERN, "'{value}' is geen geldig tijdstip", "Schrijf een uur als UU:MM, bijvoorbeeld 19:30.", normal=lambda text: text.zfill(5)
    ),  # 7:30 is 07:30
    WithJsonSchema({"type": "string", "pattern": _padded(TIME_PATTERN)}),
    PlainSerializer(lambda value: value.strftime("%H:%M"), return_type=str, when_used="json"),
]
DATE_PATTERN = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"


def _plausible_year(value: dt.date) -> dt.date:
    if not 1900 <= value.year <= 2100:
        raise PydanticCustomError(
            "pb_date_range",
            "'{value}' ligt niet tussen 1900 en 2100; een tikfout in het jaar?",
            {"value": value.isoformat(), "hint": "Controleer het jaartal."},
        )
    return value


Date = Annotated[
    dt.date,
    _form("date", DATE_PATTERN, "'{value}' is geen geldige datum", "Schrijf een bestaande datum als JJJJ-MM-DD. Een uur hoort in start_time."),
    AfterValidator(_plausible_year),
    WithJsonSchema({"type": "string", "pattern": _padded(DATE_PATTERN)}),
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


def _id_schema(pattern: str) -> dict[str, Any]:
    """An id; one of only digits (`2024`, or even `1e-5`) is a number to YAML 1.2, and a valid id to the loader."""
    return {"anyOf": [{"type": "string", "pattern": _padded(pattern.strip("^$"))}, NUMBER_AS_TEXT]}


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
    title: Line = Field(description="De tekst van de link.", examples=["Verslag van de studiedag"])
    url: Url = Field(
        description="Het volledige webadres, beginnend met https://.",
        examples=["https://www.voorbeeld.be/verslag"],
    )


class Place(Strict):
    municipality: Name | None = Field(None, description="De gemeente of stad.", examples=["Hasselt"])
    province: Name | None = Field(None, description="De provincie of regio.", examples=["Limburg"])
    country: Name | None = Field(None, description="Het land, voluit.", examples=["België"])

    @model_validator(mode="after")
    def _not_empty(self) -> Place:
        if not (self.municipality or self.province or self.country):
            raise ValueError("een plaats heeft minstens een gemeente, provincie of land")
        return self

    @property
    def label(self) -> str:
        return ", ".join(p for p in (self.municipality, self.province, self.country) if p)


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


NetworkKind = Literal["lerend netwerk", "leerkring", "praktijktafel", "overleg", "werkplaats", "intervisie"]
SessionFormat = Literal[
    "werksessie",
    "bijeenkomst",
    "inspiratiedag",
    "studiedag",
    "startsessie",
    "lokale sessie",
    "tafel",
    "panel",
    "excursie",
    "webinar",
]


class Network(Entity):
    """A learning network (where its files are: kinds.py)."""

    title: Line = Field(description="De naam van het netwerk.", examples=["Lerend netwerk 'ons buurtpunt'"])
    kind: NetworkKind = Field(description="Wat voor netwerk het is.", examples=["lerend netwerk"])
    summary: Text | None = Field(None, description="Eén of twee zinnen die het netwerk samenvatten.")
    organisers: list[ref("organisation", inverse="Organiseert")] = Field(  # type: ignore[valid-type]  # ref() builds the type at run time: an Annotated str with a Ref marker
        [], description="Ids van de organisaties die het netwerk organiseren.", examples=[["platform31"]]
    )
    partners: list[ref("organisation", inverse="Partner van")] = Field(  # type: ignore[valid-type]  # ref() builds the type at run time: an Annotated str with a Ref marker
        [], description="Ids van de partnerorganisaties.", examples=[["cera"]]
    )
    period: Text | None = Field(None, description="De looptijd, in woorden.", examples=["2019-2020"])
    region: Text | None = Field(None, description="De regio waar het netwerk actief is.", examples=["Vlaanderen"])
    audience: list[Text] = Field([], description="Voor wie is het netwerk bedoeld?")
    offer: list[Text] = Field([], description="Wat biedt het netwerk aan (wat bieden we)?")
    goals: list[Text] = Field([], description="De doelen van het netwerk.")
    cases: list[ref("case", inverse="Voorbeeld in netwerk")] = Field(  # type: ignore[valid-type]  # ref() builds the type at run time: an Annotated str with a Ref marker
        [], description="Ids van praktijkvoorbeelden die bij het netwerk horen, maar niet bij één sessie.", examples=[["dorpspunt-beveren"]]
    )
    contacts: list[ref("person", inverse="Contactpersoon van")] = Field(  # type: ignore[valid-type]  # ref() builds the type at run time: an Annotated str with a Ref marker
        [], description="Ids van de contactpersonen.", examples=[["bernard-govaert"]]
    )
    links: list[Link] = Field([], description="Links naar meer informatie.")
    themes: list[ref("theme", inverse="Netwerken")] = Field(  # type: ignore[valid-type]  # ref() builds the type at run time: an Annotated str with a Ref marker
        [], description="Ids van de thema's.", examples=[["participatie"]]
    )
    description: Text | None = Field(None, description="Uitgebreide beschrijving, in Markdown.")


class Session(Entity):
    """A session of a network (where its files are: kinds.py)."""

    number: Count | None = Field(None, description="Volgnummer binnen het netwerk (1, 2, ...).", examples=[1])
    title: Line = Field(description="De titel van de sessie.", examples=["Participatie en communicatie"])
    date: Date | None = Field(None, description="De datum, als JJJJ-MM-DD. Laat weg als ze niet bekend is.", examples=["2019-06-06"])
    start_time: Time | None = Field(None, description="Beginuur, als UU:MM.", examples=["19:30"])
    end_time: Time | None = Field(None, description="Einduur, als UU:MM.", examples=["21:30"])
    place: Text | None = Field(None, description="Waar de sessie plaatsvindt.", examples=["Leuven"])
    format: SessionFormat | None = Field(None, description="De vorm van de sessie.", examples=["werksessie"])
    summary: Text | None = Field(None, description="Eén of twee zinnen die de sessie samenvatten.")
    themes: list[ref("theme", inverse="Sessies")] = Field(  # type: ignore[valid-type]  # ref() builds the type at run time: an Annotated str with a Ref marker
        [], description="Ids van de thema's.", examples=[["participatie"]]
    )
    programme: list[Text] = Field([], description="De onderdelen van het programma, in volgorde.")
    speakers: list[ref("person", "organisation", inverse="Sprak op")] = Field(  # type: ignore[valid-type]  # ref() builds the type at run time: an Annotated str with a Ref marker
        [], description="Ids van de sprekers: personen of organisaties.", examples=[["melissa-bosmans"]]
    )
    cases: list[ref("case", inverse="Besproken in")] = Field(  # type: ignore[valid-type]  # ref() builds the type at run time: an Annotated str with a Ref marker
        [], description="Ids van de praktijkvoorbeelden die aan bod kwamen.", examples=[["repair-cafe"]]
    )
    questions: list[Text] = Field([], description="Vragen die op de sessie besproken worden.")
    participants: Count | None = Field(None, description="Aantal deelnemers.", examples=[15])
    audience: Text | None = Field(None, description="Wie er deelnam of voor wie de sessie is.")
    materials: list[Link] = Field([], description="Presentaties, foto's en ander materiaal.")
    report: Text | None = Field(None, description="Verslag van de sessie, in Markdown.")

    def sort_key(self) -> tuple[Any, ...]:
        """By date (sessions without one last), then number and title."""
        return (self.date is None, self.date or "", self.number or 0, self.title.casefold())

    @model_validator(mode="after")
    def _times_in_order(self) -> Session:
        if self.end_time and not self.start_time:
            raise rule("end_time", "een einduur (end_time) zonder beginuur: vul ook 'start_time' in")
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            raise rule("end_time", "het einduur (end_time) moet na het beginuur (start_time) liggen")
        if (self.start_time or self.end_time) and not self.date:
            raise rule("start_time" if self.start_time else "end_time", "een uur zonder datum: vul ook 'date' in")
        return self


class Case(Entity):
    """An inspiration case (where its files are: kinds.py)."""

    title: Line = Field(description="De naam van het praktijkvoorbeeld.", examples=["Repair Café"])
    kind: Text | None = Field(None, description="Wat voor initiatief het is.", examples=["buurtwinkel"])
    place: Place | None = Field(None, description="Waar het voorbeeld zich afspeelt.")
    organisations: list[ref("organisation", inverse="Praktijkvoorbeelden")] = Field(  # type: ignore[valid-type]  # ref() builds the type at run time: an Annotated str with a Ref marker
        [], description="Ids van de organisaties achter het voorbeeld.", examples=[["samenlevingsopbouw"]]
    )
    themes: list[ref("theme", inverse="Praktijkvoorbeelden")] = Field(  # type: ignore[valid-type]  # ref() builds the type at run time: an Annotated str with a Ref marker
        [], description="Ids van de thema's.", examples=[["mobiliteit"]]
    )
    levers: list[ref("lever", inverse="Praktijkvoorbeelden")] = Field(  # type: ignore[valid-type]  # ref() builds the type at run time: an Annotated str with a Ref marker
        [], description="Ids van de hefbomen die dit voorbeeld in de praktijk laat zien.", examples=[["klimaat-van-vertrouwen-creeren"]]
    )
    summary: Text | None = Field(None, description="Twee à drie zinnen over het voorbeeld.")
    links: list[Link] = Field([], description="Links naar meer informatie.")
    description: Text | None = Field(None, description="Uitgebreide beschrijving, in Markdown.")


class Organisation(Entity):
    """An organisation (where its files are: kinds.py)."""

    name: Line = Field(description="De naam van de organisatie.", examples=["Platform31"])
    kind: Text | None = Field(None, description="Wat voor organisatie het is.", examples=["armoedevereniging"])
    place: Place | None = Field(None, description="Waar de organisatie gevestigd is.")
    website: Url | None = Field(None, description="Het webadres, beginnend met https://.", examples=["https://www.platform31.nl"])
    summary: Text | None = Field(None, description="Eén of twee zinnen over de organisatie.")
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
    sources: Annotated[list[ref("session", "network")], Field(min_length=1)] = Field(  # type: ignore[valid-type]  # ref() builds the type at run time: an Annotated str with a Ref marker
        description="Waar deze factor genoemd werd: ids van sessies (netwerk/sessie) of netwerken.",
        examples=[["overleg-buurtprojecten/bijeenkomst-2024-09-29"]],
    )
    description: Text | None = Field(None, description="Toelichting, in Markdown.")


class Barrier(_Factor):
    """A barrier ('remmende factor') (where its files are: kinds.py)."""


class Lever(_Factor):
    """A lever ('hefboom') (where its files are: kinds.py)."""
