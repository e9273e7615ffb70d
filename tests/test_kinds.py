"""The registry of kinds: every declaration is whole, and a new kind is a declaration plus a template."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from conftest import REPO, SMALL_SITE, Site
from praktijkboek.core.exports.jsonld import BUILDERS
from praktijkboek.core.pages.views import CONTEXT_PARTS, FACETS, FACT_GROUPS
from praktijkboek.core.reading.kinds import KINDS, InParent, OwnFolder, Registry, SharedFolder


@pytest.mark.parametrize("name", list(KINDS))
def test_every_declaration_names_only_what_exists(name: str):
    kind = KINDS[name]
    fields = kind.model.model_fields
    assert kind.name == name
    assert (REPO / "overrides/praktijkboek" / kind.template).is_file(), kind.template
    assert kind.body_field in fields
    for field in kind.fields:
        assert field in fields or (isinstance(kind.files, InParent) and field == kind.files.parent), f"{name}: fields names '{field}'"
    for fact in kind.facts:
        assert fact in FACT_GROUPS or fact in kind.fields, f"{name}: the fact '{fact}' has no Dutch name in `fields` and is no group"
    for part in kind.context:
        assert part in CONTEXT_PARTS or part in fields or (isinstance(kind.files, InParent) and part == kind.files.parent), f"{name}: context '{part}'"
    for facet in kind.facets:
        assert facet in FACETS, f"{name}: no facet '{facet}'; choose from {sorted(FACETS)}"
    assert kind.jsonld is None or kind.jsonld in BUILDERS
    if isinstance(kind.files, InParent):
        assert isinstance(KINDS[kind.files.parent].files, OwnFolder)


def test_kinds_have_distinct_names_folders_and_pages():
    kinds = list(KINDS.values())
    for attribute in ("label", "plural"):
        values = [getattr(kind, attribute) for kind in kinds]
        assert len(set(values)) == len(values), attribute
    assert len({kind.glob() for kind in kinds}) == len(kinds)
    assert len({kind.index.address for kind in kinds}) == len(kinds)


def test_the_registry_refuses_kinds_the_loader_could_not_tell_apart():
    network, case = KINDS["network"], KINDS["case"]
    with pytest.raises(ValueError, match="already has a folder per entity"):
        Registry([network, replace(case, name="project", files=OwnFolder("project"))])
    with pytest.raises(ValueError, match="holds a folder per 'network'"):
        Registry([network, replace(case, files=SharedFolder("tools", setting="networks"))])
    with pytest.raises(ValueError, match="has no folder of its own"):
        Registry([case, replace(case, name="step", files=InParent("case", "steps"))])


TOOL_MODEL = '''

class Tool(Entity):
    """A method or tool that networks use: `content/tools/<id>.yml`."""

    title: Text = Field(description="De naam van het instrument.", examples=["Buurtbarometer"])
    audience: Text | None = Field(None, description="Voor wie het instrument bedoeld is.", examples=["buurtwerkers"])
    summary: Text | None = Field(None, description="Eén of twee zinnen over het instrument.")
    steps: list[Text] = Field([], description="De stappen, in volgorde.")
    cases: list[ref("case", inverse="Instrumenten")] = Field(  # type: ignore[valid-type]  # ref() builds the type at run time
        [], description="Ids van praktijkvoorbeelden waar het instrument gebruikt werd.", examples=[["repair-cafe"]]
    )
    themes: list[ref("theme", inverse="Instrumenten")] = Field(  # type: ignore[valid-type]  # ref() builds the type at run time
        [], description="Ids van de thema's.", examples=[["mobiliteit"]]
    )
    description: Text | None = Field(None, description="Uitgebreide beschrijving, in Markdown.")
'''

TOOL_KIND = """\
        Kind(
            "tool",
            models.Tool,
            "instrument",
            "Instrumenten",
            SharedFolder("tools"),
            "instrumenten",
            Index("Instrumenten", "Methoden en instrumenten die netwerken gebruiken.", "instrumenten"),
            fields={"audience": "Voor wie?", "steps": "Stappen"},
            facts=("audience",),
            template="tool.html",
        ),
    ]
)
"""

TOOL_TEMPLATE = """\
{% extends "praktijkboek/entity.html" %}
{% block pb_before %}<p data-pb-tool>Een instrument uit de gereedschapskist.</p>{% endblock %}
"""


def _project_with_a_new_kind(tmp_path: Path) -> tuple[Site, dict[str, str]]:
    """A copy of the code with one kind more, declared as kinds.py says: the model, the declaration, the template."""
    code = tmp_path / "code"
    shutil.copytree(REPO / "plugins/praktijkboek", code / "praktijkboek", ignore=shutil.ignore_patterns("__pycache__"))
    models = code / "praktijkboek/core/reading/models.py"
    models.write_text(models.read_text(encoding="utf-8") + TOOL_MODEL, encoding="utf-8")
    kinds = code / "praktijkboek/core/reading/kinds.py"
    text = kinds.read_text(encoding="utf-8")
    end = "    ]\n)\n"
    assert text.count(end) == 1, "kinds.py: KINDS = Registry([...]) ends with '    ]\\n)'"
    kinds.write_text(text.replace(end, TOOL_KIND), encoding="utf-8")
    overrides = tmp_path / "overrides"
    shutil.copytree(REPO / "overrides", overrides)
    (overrides / "praktijkboek/tool.html").write_text(TOOL_TEMPLATE, encoding="utf-8")
    book = tmp_path / "book"
    site = Site(
        book,
        {
            **SMALL_SITE,
            "content/tools/buurtbarometer.yml": """\
                title: Buurtbarometer
                audience: buurtwerkers
                summary: Een vragenlijst om te meten hoe een buurt het maakt.
                steps: [Vragen kiezen, Afnemen, Bespreken]
                cases: [repair-cafe]
                themes: [mobiliteit]
                """,
            "content/pages/gereedschap.md": "# Gereedschap\n\nProbeer [[instrument:buurtbarometer]] of [[tool:buurtbarometer|de barometer]].\n",
        },
    )
    site.write("mkdocs.yml", (book / "mkdocs.yml").read_text().replace(str(REPO / "overrides"), str(overrides)))
    env = {"PYTHONPATH": str(code) + os.pathsep + os.environ.get("PYTHONPATH", ""), "SOURCE_DATE_EPOCH": "1790000000"}
    return site, env


def test_a_new_kind_is_a_declaration_and_a_template(tmp_path: Path):
    site, env = _project_with_a_new_kind(tmp_path)
    result = site.build(env=env)
    assert result.returncode == 0, result.stderr
    page = site.page("instrumenten/buurtbarometer")
    assert 'data-pb-kind="tool"' in page and "data-pb-tool" in page
    assert '<p class="pb-kicker" data-pb-kicker>Instrument</p>' in page
    assert 'data-pb-field="audience"' in page and "buurtwerkers" in page
    assert 'data-pb-list="steps"' in page and "Afnemen" in page
    assert 'data-pb-section="cases"' in page and 'data-pb-link="case:repair-cafe"' in page
    assert '<span data-pagefind-filter="soort">Instrument</span>' in page
    # The other side of every relation, the index page in the navigation, [[kind:id]] links in both spellings.
    case = site.page("praktijkvoorbeelden/repair-cafe")
    assert 'data-pb-section="in:tool.cases"' in case and '<h2 id="instrumenten">Instrumenten</h2>' in case
    index = site.page("instrumenten")
    assert 'data-pb-link="tool:buurtbarometer"' in index
    home = site.page("")
    assert '<a href="instrumenten/" class="md-nav__link">' in home and 'data-pb-count-kind="tool"' in home
    assert site.page("gereedschap").count('href="../instrumenten/buurtbarometer/"') == 2
    data = json.loads((site.root / "site/open-data/praktijkboek.json").read_text(encoding="utf-8"))
    assert {"kind": "tool", "id": "buurtbarometer"}.items() <= next(e for e in data["entities"] if e["kind"] == "tool").items()


def test_a_new_kind_has_its_schema_its_checks_and_its_scaffold_settings(tmp_path: Path):
    site, env = _project_with_a_new_kind(tmp_path)
    run_env = {**os.environ, **env}
    cli = [sys.executable, "-m", "praktijkboek"]
    written = subprocess.run([*cli, "schemas", "--root", str(site.root)], capture_output=True, text=True, env=run_env)
    assert written.returncode == 0, written.stderr
    assert json.loads((site.root / "docs/schemas/tool.schema.json").read_text())["title"] == "Instrument"
    settings = json.loads((site.root / ".vscode/settings.json").read_text())
    assert settings["yaml.schemas"]["./docs/schemas/tool.schema.json"] == "content/tools/*.yml"
    site.write("content/tools/buurtbarometer.yml", "title: Buurtbarometer\ncases: [repair-cafee]\n")
    site.write("content/pages/gereedschap.md", "# Gereedschap\n\n[[instrument:barometer]]\n")
    checked = subprocess.run([*cli, "validate", "--root", str(site.root)], capture_output=True, text=True, env=run_env)
    assert checked.returncode == 1
    assert "content/tools/buurtbarometer.yml:2: veld 'cases', 1e item: 'repair-cafee' bestaat niet als praktijkvoorbeeld" in checked.stderr
    assert "Bedoel je 'repair-cafe'?" in checked.stderr
    assert "content/pages/gereedschap.md:3" in checked.stderr and "'barometer' bestaat niet als instrument" in checked.stderr
    assert "Traceback" not in checked.stderr
    site.write("content/gereedschapskist/x.yml", "title: X\n")
    stray = subprocess.run([*cli, "validate", "--root", str(site.root)], capture_output=True, text=True, env=run_env)
    assert "content/gereedschapskist:1: dit bestand hoort hier niet" in stray.stderr and "'tools'" in stray.stderr
