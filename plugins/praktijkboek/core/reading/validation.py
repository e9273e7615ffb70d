"""Validate parsed data against the content model; tell editors what is wrong, in Dutch.

pydantic does the checking (one schema, no hand-written per-field checks); this
module only translates its error types into messages that name the field, what
was expected, an example taken from the model, and the valid choices or the
closest field name.
"""

from __future__ import annotations

from functools import cache
from typing import Annotated, Any, Optional

from pydantic import BaseModel, ValidationError, create_model
from pydantic_core import ErrorDetails

from praktijkboek.core.reading.kinds import Kind
from praktijkboek.core.reading.models import Entity, nested_model
from praktijkboek.core.reading.problems import Problem, contains_words, did_you_mean, field_name, list_choices
from praktijkboek.core.reading.yamlfile import ParsedFile

#: Dutch words editors are likely to type for an English field name.
#: Fields a name may mean where the kind has no field of that name: a session's `place` is its municipality
#: (or venue), a case's `province` its region. Tried in order; the first the kind has is suggested.
OTHER_NAMES = {
    "place": ("municipality", "venue"),
    "plaats": ("municipality", "venue"),
    "locatie": ("venue", "municipality"),
    "gemeente": ("municipality",),
    "province": ("region", "regions"),
    "provincie": ("region", "regions"),
    "regio": ("region", "regions"),
    "region": ("regions",),
    "zaal": ("venue",),
    "adres": ("address",),
    "prijs": ("cost",),
    "kostprijs": ("cost",),
    "inschrijving": ("registration",),
    "inschrijven": ("registration",),
    "begeleiders": ("facilitators",),
    "begeleiding": ("facilitators",),
    "methoden": ("methods",),
    "methodes": ("methods",),
    "fotos": ("pictures",),
    "foto's": ("pictures",),
    "doel": ("aim", "goals"),
    "aanpak": ("approach",),
    "resultaten": ("results",),
    "lessen": ("lessons",),
    "tips": ("lessons",),
    "plaatsen": ("capacity",),
    "max": ("capacity",),
    "max_participants": ("capacity",),
    "maximum": ("capacity",),
    "capaciteit": ("capacity",),
}
DUTCH_FIELD_NAMES = {
    "titel": "title",
    "naam": "name",
    "datum": "date",
    "plaats": "place",
    "locatie": "place",
    "themas": "themes",
    "thema's": "themes",
    "thema": "themes",
    "sprekers": "speakers",
    "spreker": "speakers",
    "praktijkvoorbeelden": "cases",
    "voorbeelden": "cases",
    "samenvatting": "summary",
    "beschrijving": "description",
    "omschrijving": "description",
    "verslag": "report",
    "programma": "programme",
    "vragen": "questions",
    "deelnemers": "participants",
    "organisatoren": "organisers",
    "organisaties": "organisations",
    "organisatie": "organisation",
    "soort": "kind",
    "type": "kind",
    "vorm": "format",
    "nummer": "number",
    "beginuur": "start_time",
    "einduur": "end_time",
    "telefoon": "phone",
    "rol": "role",
    "voorwaarde": "condition",
    "bronnen": "sources",
    "bron": "sources",
    "doelen": "goals",
    "doelgroep": "audience",
    "aanbod": "offer",
    "periode": "period",
    "regio": "region",
    "contact": "contacts",
    "contactpersonen": "contacts",
    "definitie": "definition",
    "volgorde": "order",
    "materiaal": "materials",
}


def _field_info(model: type[BaseModel], loc: tuple[str | int, ...]):
    """The pydantic FieldInfo at `loc`, walking into nested models and lists."""
    current: Any = model
    info = None
    for part in loc:
        if isinstance(part, int):
            continue
        fields = getattr(current, "model_fields", None)
        if not fields or part not in fields:
            return None
        info = fields[part]
        current = nested_model(info.annotation)
    return info


def _example(model: type[BaseModel], loc: tuple[str | int, ...]) -> str | None:
    info = _field_info(model, loc)
    names = [p for p in loc if isinstance(p, str)]
    if not info or not info.examples or not names:
        return None
    value = info.examples[0]
    name = names[-1]
    if isinstance(value, list):
        items = "\n".join(f"  - {v}" for v in value)
        return f"Voorbeeld:\n{name}:\n{items}"
    if isinstance(value, bool):
        value = "true" if value else "false"
    return f"Voorbeeld: {name}: {value}"


def _fields_of(model: type[BaseModel], loc: tuple[str | int, ...]) -> list[str]:
    parent = loc[:-1]
    current: Any = model
    for part in parent:
        if isinstance(part, int):
            continue
        fields = getattr(current, "model_fields", {})
        if part not in fields:
            return []
        current = nested_model(fields[part].annotation)
    return list(getattr(current, "model_fields", {}))


#: Words that make a field name say more than the field it contains: `max_participants` is no typo
#: of `participants` but another fact. (`phone_number` or `start_date` are typos: no such word.)
QUALIFIERS = {
    "max",
    "min",
    "maximum",
    "minimum",
    "maximaal",
    "minimaal",
    "aantal",
    "totaal",
    "verwacht",
    "gepland",
    "extra",
    "vorige",
    "volgende",
    "oud",
    "nieuw",
}


def _other_meaning(model: type[BaseModel], loc: tuple[str | int, ...], name: str, known: list[str], body: str | None) -> str | None:
    """`max_participants` is not `participants`: it says more. Explain what the near field means
    instead of proposing it, and where such a fact can go."""
    words = name.lower().replace("-", "_").split("_")
    for field in known:
        part = field.split("_")
        rest = [w for w in words if w not in part]
        if rest and set(rest) <= QUALIFIERS and contains_words(words, part):
            info = _field_info(model, (*loc[:-1], field))
            meaning = (info.description or field).split(". ")[0].rstrip(".") if info else field
            where = f" Schrijf het in de tekst ('{body}')." if body in known and len(loc) == 1 else ""
            return f"Dat veld bestaat niet; '{field}' betekent iets anders: {meaning[:1].lower()}{meaning[1:]}.{where}"
    return None


def _within(name: str, known: list[str]) -> str | None:
    """`phone_number`, `contact_email`, `start_date`: a known field with a word around it."""
    words = name.lower().replace("-", "_").split("_")
    found = sorted((f for f in known if contains_words(words, f.split("_"))), key=len, reverse=True)
    return f"Bedoel je '{found[0]}'?" if found else None


def _show(value: Any) -> str:
    if isinstance(value, str):
        return f"'{value}'"
    if value is None:
        return "leeg"
    if isinstance(value, dict):
        return "een groep velden"
    if isinstance(value, list):
        return "een lijst"
    return repr(value)


def _translate(model: type[BaseModel], err: ErrorDetails, body: str | None = None) -> tuple[str, str | None]:
    """(message, hint) in Dutch for one pydantic error."""
    kind = err["type"]
    loc = tuple(err["loc"])
    value = err.get("input")
    ctx: dict[str, Any] = err.get("ctx") or {}
    example = _example(model, loc)
    name = str(loc[-1]) if loc else ""

    if kind.startswith("pb_"):
        if kind == "pb_date" and isinstance(value, str) and len(value.split()) == 2:
            return f"{err['msg']}: een datum zonder uur", "Zet het uur in een eigen veld, bijvoorbeeld:\ndate: 2019-06-06\nstart_time: 19:00"
        return err["msg"], " ".join(p for p in (ctx.get("hint"), example) if p) or None
    if kind == "missing":
        return "verplicht veld ontbreekt", example
    if kind == "extra_forbidden":
        known = _fields_of(model, loc)
        candidates = [DUTCH_FIELD_NAMES.get(name.lower()), *OTHER_NAMES.get(name.lower(), ())]
        guess = next((c for c in candidates if c in known), None)
        hint = f"Bedoel je '{guess}'?" if guess else _other_meaning(model, loc, name, known, body) or _within(name, known) or did_you_mean(name, known)
        allowed = f"Toegestane velden: {list_choices(known, limit=40)}."
        return f"onbekend veld '{name}'", f"{hint} {allowed}" if hint else allowed
    if value is None and kind in {
        "string_type",
        "int_type",
        "date_type",
        "time_type",
        "list_type",
        "model_type",
        "bool_type",
        "literal_error",
        "string_pattern_mismatch",
    }:
        return "is leeg, maar moet ingevuld zijn", example or "Vul een waarde in of verwijder het veld als het niet verplicht is."
    if kind == "string_too_long":
        return f"is te lang (hoogstens {ctx.get('max_length')} tekens)", "Een plaatsnaam is kort: de naam van een gemeente, provincie of land."
    if kind in {"string_too_short"}:
        return "is leeg, maar moet ingevuld zijn", example
    if kind == "too_short":
        return f"moet minstens {ctx.get('min_length', 1)} element(en) bevatten", example
    if kind == "string_type":
        siblings = [key for key in value if key in _fields_of(model, loc)] if isinstance(value, dict) else []
        if siblings:
            return (
                f"moet tekst zijn, maar het veld '{siblings[0]}' springt eronder in",
                f"'{siblings[0]}' is een eigen veld: laat het even ver inspringen als '{name}' (haal de spaties ervoor weg), en geef '{name}' zelf een waarde.",
            )
        if isinstance(value, dict):
            return f"moet tekst zijn, maar is {_show(value)}", (
                "Staat er een ': ' in de tekst? Zet de tekst dan tussen aanhalingstekens, bijvoorbeeld:\n- \"Tafel 1: dialoog\""
            )
        return f"moet tekst zijn, maar is {_show(value)}", example
    if kind == "string_pattern_mismatch":
        return (
            f"{_show(value)} is geen geldige id",
            "Een id bestaat uit kleine letters, cijfers en koppeltekens, zonder spaties of accenten. " + (example or "Voorbeeld: repair-cafe"),
        )
    if kind.startswith("date"):
        return f"{_show(value)} is geen geldige datum", "Schrijf een bestaande datum als JJJJ-MM-DD. " + (example or "Voorbeeld: date: 2019-06-06")
    if kind.startswith("time"):
        return f"{_show(value)} is geen geldig tijdstip", "Schrijf een uur als UU:MM, tussen aanhalingstekens mag. " + (
            example or "Voorbeeld: start_time: 19:30"
        )
    if kind in {"greater_than_equal", "greater_than"}:
        return f"{_show(value)} is te klein (minstens {ctx.get('ge', ctx.get('gt'))})", example
    if kind == "literal_error":
        expected = ctx.get("expected", "")
        choices = [c.strip().strip("'") for c in expected.replace(" or ", ", ").split(",")]
        guess = did_you_mean(str(value), choices) if isinstance(value, str) else None
        hint = f"Kies uit: {list_choices(choices)}." + (f" {guess}" if guess else "")
        return f"{_show(value)} is geen geldige keuze", hint
    if kind == "list_type":
        return f"moet een lijst zijn, maar is {_show(value)}", example or "Schrijf elk element op een eigen regel die begint met '- '."
    if kind in {"model_type", "model_attributes_type", "dict_type"}:
        fields = ", ".join(_fields_of(model, (*loc, "x")))
        return f"moet een groep velden zijn, maar is {_show(value)}", f"Velden: {fields}." if fields else None
    if kind == "value_error":
        return str(ctx.get("error", err.get("msg", ""))), "Vergelijk met het voorbeeld in docs/content-model.md."
    return f"ongeldige waarde {_show(value)}", example or "Vergelijk met het voorbeeld in docs/content-model.md."


def validate(kind: Kind, parsed: ParsedFile, path: str) -> tuple[Entity | None, list[Problem]]:
    """Validate one parsed file against its kind's model."""
    entity, _rest, problems = validate_all(kind, parsed, path)
    return entity, problems


@cache
def _lenient(model: type[Entity]) -> type[Entity]:
    """The model with every field optional and the same rules: what is left of a file once its failing
    fields are set aside still has its rules checked, and its references (every error of a file at once)."""
    fields: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        if info.is_required():
            parts = (info.annotation, *info.metadata)  # the field's type with its validators
            annotation = Annotated[parts] if info.metadata else info.annotation
            fields[name] = (Optional[annotation], None)  # noqa: UP045 - built at run time from a type object
    return create_model(f"{model.__name__}Rest", __base__=model, **fields)


def _told(kind: Kind, exc: ValidationError, parsed: ParsedFile, path: str) -> tuple[list[Problem], set[str]]:
    """pydantic's errors as Dutch problems at their lines, and the top-level fields they are about."""
    problems, fields = [], set()
    for err in exc.errors(include_url=False):
        loc = tuple(err["loc"])
        if err["type"] == "pb_rule":  # a rule over several fields: at the line of the field it names
            loc = (*loc, err.get("ctx", {})["field"])
            err = {**err, "loc": loc}
        message, hint = _translate(kind.model, err, kind.body_field)
        problems.append(Problem(path, parsed.line_of(loc), field_name(loc), message, hint))
        if loc:
            fields.add(str(loc[0]))
    return problems, fields


def validate_all(kind: Kind, parsed: ParsedFile, path: str) -> tuple[Entity | None, Entity | None, list[Problem]]:
    """(the entity if the file is valid, what of it is valid, every problem of the file).

    When fields fail, the rest of the file is validated again without them, so that the rules over
    several fields and (by the caller) the references are checked in the same run: an editor fixes a
    file in one round, not one error at a time."""
    model = kind.model
    data = parsed.data
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return (
            None,
            None,
            [
                Problem(
                    path,
                    1,
                    None,
                    "het bestand moet velden bevatten (naam: waarde), geen losse tekst of lijst",
                    "Vergelijk met het voorbeeld in docs/content-model.md.",
                )
            ],
        )
    problems: list[Problem] = []
    if parsed.body is not None:
        body_field = kind.body_field
        if body_field in data:
            problems.append(
                Problem(
                    path,
                    parsed.line_of((body_field,)),
                    field_name((body_field,)),
                    "staat zowel in de velden bovenaan als als tekst onder de velden",
                    f"Laat '{body_field}' weg uit de velden: de tekst onder '---' wordt het veld '{body_field}'.",
                )
            )
        else:
            data = {**data, body_field: parsed.body}
            parsed.lines.setdefault((body_field,), parsed.body_line)
    try:
        entity = model.model_validate(data)
    except ValidationError as exc:
        told, failed = _told(kind, exc, parsed, path)
        problems += told
        rest = {name: value for name, value in data.items() if name not in failed}
        for _ in model.model_fields:  # each round sets aside at least one more field
            try:
                return None, _lenient(model).model_validate(rest), problems
            except ValidationError as again:
                told, failed = _told(kind, again, parsed, path)
                problems += [problem for problem in told if problem not in problems]
                if not failed & set(rest):
                    break
                rest = {name: value for name, value in rest.items() if name not in failed}
        return None, None, problems
    return (entity if not problems else None), entity, problems
