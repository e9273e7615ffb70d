"""The editing interface's configuration (Decap CMS, at /admin/ of the built book), generated from the kinds.

One collection per kind, in the kind's own folder (sessions inside their network's), and one form field per
model field, in the model's order: a widget for its type (date, time, number, true/false, list, Markdown
body, a choice from an allow-list, a relation that offers the existing ids with their titles), whether it is
required, the pattern it must match with the validator's own Dutch hint, and the description the JSON Schemas
carry as the field's hint. Like the JSON Schemas it is generated, never written by hand: `praktijkboek
schemas` writes the repository's copy (docs/schemas/cms-config.yml) and `--check` fails when it is stale; the
build writes the site's from the same function, with the site owner's settings.

What a form cannot check (an id that must exist, a rule over several fields) the pull request's check catches,
with the same Dutch annotations as any other change. The files the form saves keep the hand-written style:
plugins/praktijkboek/outputs/admin/praktijkboek-cms.js reads and writes them (every value as text, field order
of the model, empty and default values left out).

No MkDocs imports here: the domain core must outlive the host tool.
"""

from __future__ import annotations

import datetime as dt
import re
import types
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Annotated, Any, Literal, Union, get_args, get_origin

import yaml
from annotated_types import Ge, Le, MinLen
from pydantic import BaseModel, StringConstraints
from pydantic.fields import FieldInfo

from praktijkboek.core.reading import models
from praktijkboek.core.reading.kinds import DEFAULT_FOLDERS, KINDS, Folders, InParent, Kind, OwnFolder, SharedFolder
from praktijkboek.core.reading.loader import MEDIA_FOLDER
from praktijkboek.core.reading.models import Form, Long, Media, Ref

#: The repository's copy of the configuration, written by `praktijkboek schemas`.
CONFIG_FILE = "docs/schemas/cms-config.yml"

#: Dutch names of the fields that no kind names in `Kind.fields` (those are the page's headings).
LABELS = {
    "title": "Titel",
    "name": "Naam",
    "date": "Datum",
    "end_date": "Laatste dag",
    "start_time": "Beginuur",
    "end_time": "Einduur",
    "part_of_day": "Deel van de dag",
    "attendance": "Ter plaatse of online",
    "venue": "Zaal of gebouw",
    "address": "Adres",
    "municipality": "Gemeente",
    "online_url": "Link om online mee te doen",
    "publish_online_url": "Link op de website zetten",
    "format": "Vorm",
    "summary": "Samenvatting",
    "themes": "Thema's",
    "capacity": "Maximum aantal",
    "capacity_unit": "Wat het maximum telt",
    "registration": "Inschrijven",
    "status": "Stand van zaken",
    "previous_date": "Oorspronkelijke datum",
    "cost": "Kostprijs",
    "pictures": "Foto's",
    "report": "Verslag",
    "description": "Beschrijving",
    "organisations": "Organisaties",
    "levers": "Hefbomen",
    "aim": "Doel",
    "approach": "Aanpak",
    "results": "Resultaten",
    "needs": "Wat het vraagt",
    "email": "E-mailadres",
    "phone": "Telefoon",
    "publish_contact": "Contactgegevens publiceren",
    "order": "Volgorde",
    "url": "Webadres",
    "file": "Bestand",
    "alt": "Wat er te zien is",
    "caption": "Bijschrift",
    "credit": "Foto van",
    "who": "Wie (id)",
    "people": "Mensen",
    "money": "Geld",
    "space": "Ruimte",
    "deadline": "Uiterste datum",
    "note": "Toelichting",
    "country": "Land",
    "region": "Regio",
    "sources": "Genoemd in",
    "condition": "Voorwaarde",
    "cases": "Praktijkvoorbeelden",
    "methods": "Methoden en instrumenten",
    "organisers": "Organisatoren",
    "contacts": "Contactpersonen",
    "speakers": "Sprekers",
}


#: Where the local proxy (decap-server, ./scripts/edit) listens unless mkdocs.yml says otherwise.
LOCAL_PROXY = "http://127.0.0.1:8081/api/v1"


class NoRepository(ValueError):
    """The interface saves on GitHub: without a GitHub repo_url it has nowhere to save (Dutch message)."""


@dataclass(frozen=True)
class Backend:
    """Where the forms save: what the site owner sets in mkdocs.yml (repo_url, the plugin's cms_* options)."""

    repo: str | None = None
    """`owner/name` on GitHub, from repo_url; required."""
    branch: str = "main"
    auth_url: str | None = None
    """The authentication helper that trades GitHub's OAuth code for a token (`base_url` of Decap's GitHub
    backend); the site owner hosts it. Without it, Decap's default (Netlify's) is used."""
    site_url: str | None = None
    local_proxy: str = LOCAL_PROXY
    """The local proxy (decap-server) that the interface uses instead of GitHub on this machine."""
    auth_scope: str = "public_repo"
    """What editors allow the interface on GitHub: `public_repo` (a public repository, the least) or `repo`."""


def github_repo(repo_url: str | None) -> str | None:
    """`owner/name` of a GitHub repo_url, or None for another host (the interface then only works locally)."""
    match = re.fullmatch(r"https://github\.com/([\w.-]+)/([\w.-]+?)(?:\.git)?/?", repo_url or "")
    return f"{match.group(1)}/{match.group(2)}" if match else None


def backend_from_settings(settings: Mapping[str, Any], options: Mapping[str, Any]) -> Backend:
    """Where the interface saves, as mkdocs.yml says (`settings`) with the plugin's cms_* `options`, for a
    host that reads mkdocs.yml itself (the command line, Zensical's postbuild)."""
    defaults = Backend()
    return Backend(
        repo=github_repo(settings.get("repo_url")),
        branch=str(options.get("cms_branch", defaults.branch)),
        auth_url=options.get("cms_auth_url"),
        site_url=settings.get("site_url"),
        local_proxy=str(options.get("cms_local_proxy", defaults.local_proxy)),
        auth_scope=str(options.get("cms_auth_scope", defaults.auth_scope)),
    )


def config(backend: Backend, folders: Folders = DEFAULT_FOLDERS) -> dict[str, Any]:
    """The whole configuration of the editing interface, as Decap CMS reads it from admin/config.yml.
    Raises NoRepository without a GitHub repository."""
    if not backend.repo:
        raise NoRepository(
            "De bewerkpagina (cms: true) bewaart wijzigingen als pull request op GitHub, maar repo_url in mkdocs.yml is geen "
            "repository op GitHub. Schrijf repo_url: https://github.com/<eigenaar>/<naam>, of zet cms: false bij de plugin praktijkboek."
        )
    github: dict[str, Any] = {"name": "github", "repo": backend.repo, "branch": backend.branch, "auth_scope": backend.auth_scope}
    if backend.auth_url:
        github["base_url"] = backend.auth_url.rstrip("/")
        github["auth_endpoint"] = "auth"
    github |= {
        "open_authoring": True,
        "commit_messages": {
            "create": "Nieuw: {{collection}} '{{slug}}' (via de bewerkpagina)",
            "update": "Bijgewerkt: {{collection}} '{{slug}}' (via de bewerkpagina)",
            "delete": "Verwijderd: {{collection}} '{{slug}}' (via de bewerkpagina)",
            "uploadMedia": "Bestand toegevoegd: {{path}}",
            "deleteMedia": "Bestand verwijderd: {{path}}",
            "openAuthoring": "{{message}}",
        },
    }
    site: dict[str, Any] = {
        "backend": github,
        # The local proxy (decap-server, `./scripts/edit`) is used instead when the book is opened on this machine.
        "local_backend": {"url": backend.local_proxy},
        "publish_mode": "editorial_workflow",
        "locale": "nl",
        "media_folder": f"{folders.content}/{MEDIA_FOLDER}",
        "public_folder": "",
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
    }
    if backend.site_url:
        site["site_url"] = backend.site_url
        site["display_url"] = backend.site_url
    site["collections"] = [collection(kind, folders) for kind in KINDS.values()]
    return site


def collection(kind: Kind, folders: Folders = DEFAULT_FOLDERS) -> dict[str, Any]:
    """The collection of one kind: where its files are, how a new one is named, its form."""
    identifier = _identifier(kind)
    files = kind.files
    entry: dict[str, Any] = {
        "name": kind.name,
        "label": kind.plural,
        "label_singular": kind.title_label,
        "description": f"{kind.index.intro} Elk bestand staat in {kind.files.pattern(folders)}.",
        "folder": _folder(files, folders),
        "extension": "yml",
        "format": f"praktijkboek-{kind.name}",
        "create": True,
        # Deleting would commit straight to the published branch, without a pull request: done on GitHub instead.
        "delete": False,
        "identifier_field": identifier,
        "summary": "{{" + identifier + "}}",
        "sortable_fields": [identifier, *(["date"] if "date" in kind.model.model_fields else [])],
        # No preview beside the form: Decap's shows the raw values, not the book's page. The pull request's
        # preview build shows the real one.
        "editor": {"preview": False},
    }
    if isinstance(files, OwnFolder):
        entry["path"] = "{{slug}}/" + files.file
    fields = [field(name, kind.model.model_fields[name], kind) for name in field_order(kind) if name != "id"]
    if isinstance(files, InParent):
        parent = KINDS[files.parent]
        entry["path"] = "{{" + files.parent + "}}/" + files.folder + "/{{slug}}"
        fields.insert(
            0,
            {
                "name": files.parent,
                "label": parent.title_label,
                **_relation(parent),
                "required": False,
                "hint": f"Bij een nieuwe {kind.label}: het {parent.label} waarin ze komt (ze wordt bewaard in de map van dat {parent.label}). "
                f"Een bestaande {kind.label} blijft in haar map.",
            },
        )
    entry["fields"] = fields
    return entry


def field_order(kind: Kind) -> list[str]:
    """The form's fields in the order hand-written files have them: the kind's own fields first (a session's
    `number`), then those it shares with other kinds (an event's), each in the model's order."""
    own = set(getattr(kind.model, "__annotations__", {}))
    names = list(kind.model.model_fields)
    return [n for n in names if n in own] + [n for n in names if n not in own]


def _folder(files: SharedFolder | OwnFolder | InParent, folders: Folders) -> str:
    if isinstance(files, SharedFolder):
        return f"{folders.of(files.setting)}/{files.folder}"
    return folders.of(files.setting)


def _value_field(target: Kind) -> str:
    """What a relation saves: the id, the file's name (a `.md` file's too), or a network's folder (the form
    shows `networks/x`, praktijkboek-cms.js saves `x`)."""
    return "{{dirname}}" if isinstance(target.files, OwnFolder) else "{{filename}}"


def _relation(target: Kind) -> dict[str, Any]:
    """A field that offers the existing entities of `target` by their title (and country), and saves the id."""
    shown = _identifier(target)
    return {
        "widget": "relation",
        "collection": target.name,
        "value_field": _value_field(target),
        "search_fields": [shown],
        # A region by its name and country: Limburg (België) and Limburg (Nederland) are two.
        "display_fields": [shown, *(["country"] if "country" in target.model.model_fields else [])],
        "options_length": 200,
    }


def _identifier(kind: Kind) -> str:
    return "title" if "title" in kind.model.model_fields else "name"


def field(name: str, info: FieldInfo, kind: Kind | None = None) -> dict[str, Any]:
    """The form field of one model field."""
    label = (kind.fields.get(name) if kind else None) or LABELS.get(name) or name.replace("_", " ").capitalize()
    entry: dict[str, Any] = {"name": name, "label": f"{label} ({name})", "required": info.is_required()}
    if info.description:
        entry["hint"] = info.description
    many, base, metadata = _unwrap(info.annotation)
    metadata = [*metadata, *info.metadata]
    body = kind is not None and name == kind.body_field
    entry |= _widget(base, metadata, many=many, body=body, kind=kind)
    minimum = next((m.min_length for m in metadata if isinstance(m, MinLen)), None)
    if many and minimum:
        entry["min"] = minimum
    default = info.get_default()
    if not info.is_required() and default not in (None, [], "") and not many:
        # Shown filled in; the saved file leaves it out, as a hand-written one does (praktijkboek-cms.js).
        entry["default"] = default
    return entry


def _widget(base: Any, metadata: list[Any], *, many: bool, body: bool, kind: Kind | None) -> dict[str, Any]:
    ref = next((m for m in metadata if isinstance(m, Ref)), None)
    media = [m for m in metadata if isinstance(m, Media)]
    form = next((m for m in metadata if isinstance(m, Form)), None)
    if isinstance(base, type) and issubclass(base, BaseModel):
        fields = [field(n, i) for n, i in base.model_fields.items()]
        if many:
            return {"widget": "list", "summary": "{{fields." + fields[0]["name"] + "}}", "fields": fields}
        return {"widget": "object", "collapsed": False, "fields": fields}
    if ref is not None and len(ref.kinds) == 1 and ref.kinds[0] in KINDS and ref.kinds[0] != "session":
        return _relation(KINDS[ref.kinds[0]]) | ({"multiple": True} if many else {})
    if ref is not None:
        names = " of ".join(KINDS[k].label for k in ref.kinds if k in KINDS)
        pattern = [
            models.SESSION_REF_PATTERN if "session" in ref.kinds else models.SLUG_PATTERN,
            f"Schrijf de id van een {names}: kleine letters, cijfers en koppeltekens.",
        ]
        return _many({"widget": "string", "pattern": pattern}, many)
    if media:
        return _many({"widget": "image" if any(m.image for m in media) else "file", "choose_url": False}, many)
    if get_origin(base) is Literal:
        options = list(get_args(base))
        return {"widget": "select", "options": options} | ({"multiple": True} if many else {})
    if base is dt.date:
        return _many({"widget": "datetime", "date_format": "YYYY-MM-DD", "time_format": False, "format": "YYYY-MM-DD", "default": ""}, many)
    if base is dt.time:
        return _many({"widget": "datetime", "date_format": False, "time_format": "HH:mm", "format": "HH:mm", "default": ""}, many)
    if base is bool:
        return {"widget": "boolean"}
    if base is int:
        low = next((m.ge for m in metadata if isinstance(m, Ge)), None)
        high = next((m.le for m in metadata if isinstance(m, Le)), None)
        number: dict[str, Any] = {"widget": "number", "value_type": "int"}
        if form is not None and form.pattern == r"[0-9]{4}":  # a Year: the years the validator allows
            low, high = models.FIRST_YEAR, models.LAST_YEAR
        return _many(number | ({"min": low} if low is not None else {}) | ({"max": high} if high is not None else {}), many)
    if form is not None:  # a price (Decimal) too: text in one form
        return _many({"widget": "string", "pattern": [models.padded(form.pattern), form.hint]}, many)
    if body:
        # Markdown as text: the rich-text mode rewrites what it does not know (`[[case:id]]` becomes
        # `\\[[case:id]]`, no link any more; `_x_` becomes `*x*`).
        return {"widget": "markdown", "modes": ["raw"], "sanitize_preview": True}
    # Text of sentences or paragraphs (`Prose`) in a box of several lines; a title, a name, a short text in one.
    text: dict[str, Any] = {"widget": "text" if any(isinstance(m, Long) for m in metadata) else "string"}
    longest = next((m.max_length for m in metadata if isinstance(m, StringConstraints) and m.max_length), None)
    if longest:  # a Name: the validator counts after stripping the spaces around
        text["pattern"] = [rf"^\s*\S(?:[\s\S]{{0,{longest - 2}}}\S)?\s*$", f"Hoogstens {longest} tekens."]
    return _many(text, many)


def _many(widget: dict[str, Any], many: bool) -> dict[str, Any]:
    """A list of values of one widget (`field:`), or the widget itself."""
    if not many:
        return widget
    inner = {k: v for k, v in widget.items() if k != "default"}
    return {"widget": "list", "field": {"name": "item", "label": "Waarde", **inner}}


def _unwrap(annotation: Any) -> tuple[bool, Any, list[Any]]:
    """(a list?, the type inside, the metadata on the way): `list[Annotated[str, Ref(...)]] | None`."""
    many = False
    metadata: list[Any] = []
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation, *extra = get_args(annotation)
            metadata += extra
        elif origin in (Union, types.UnionType):
            annotation = next(arg for arg in get_args(annotation) if arg is not type(None))
        elif origin is list:
            many = True
            (annotation,) = get_args(annotation)
        else:
            return many, annotation, metadata


class _Dumper(yaml.SafeDumper):
    """Block style, no aliases: the copy a reviewer reads."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


HEADER = (
    "# The editing interface's configuration (Decap CMS), generated from the models by `praktijkboek schemas`:\n"
    "# do not edit. The built book's admin/config.yml is made by the same code, with mkdocs.yml's settings.\n"
)


def render(backend: Backend, folders: Folders = DEFAULT_FOLDERS) -> str:
    return HEADER + yaml.dump(config(backend, folders), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=120)
