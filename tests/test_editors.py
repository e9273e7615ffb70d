"""The editors' workflow: schemas while typing, scaffolding, CI annotations, pre-commit, the guide."""

from __future__ import annotations

import json
import os
import pty
import re
import shutil
import subprocess
import sys
import textwrap
from fnmatch import fnmatch
from pathlib import Path

import jsonschema
import pytest
import yaml

from conftest import REPO, Site
from praktijkboek.core import schema
from praktijkboek.core.loader import Layout, load
from praktijkboek.core.models import MODELS
from praktijkboek.core.report import escape_data, escape_property, github
from praktijkboek.core.problems import Problem

CLI = [sys.executable, "-m", "praktijkboek"]


def test_committed_schemas_are_generated_from_the_models():
    assert schema.stale(REPO / schema.SCHEMA_DIR) == [], "run: praktijkboek schemas"


def test_every_field_has_a_dutch_description():
    for kind in MODELS:
        generated = schema.schema_for(kind)
        for definition in [generated, *generated.get("$defs", {}).values()]:
            for name, prop in definition["properties"].items():
                description = prop.get("description", "")
                assert len(description) > 10, f"{kind}.{name} has no description"
                assert not re.search(r"\b(the|and|which|with|from|this|should|must)\b", description, re.I), f"{kind}.{name}: English? {description!r}"


class _Yaml12(yaml.SafeLoader):
    """How editors' YAML extensions type values (YAML 1.2 core schema): 19:30 and 2019-06-06 are strings."""


_Yaml12.yaml_implicit_resolvers = {}
for tag, regexp, first in [
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
    ("tag:yaml.org,2002:int", r"^[-+]?[0-9]+$", list("-+0123456789")),
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
]:
    _Yaml12.add_implicit_resolver(tag, re.compile(regexp), first)


def content_files() -> list[Path]:
    return sorted(p for folder in ("networks", "content") for p in (REPO / folder).rglob("*.yml"))


def test_the_schemas_accept_every_content_file_and_reject_a_typo():
    validators = {kind: jsonschema.Draft202012Validator(schema.schema_for(kind)) for kind in MODELS}
    checked = 0
    for path in content_files():
        rel = path.relative_to(REPO).as_posix()
        kinds = [kind for kind, glob in schema.FILE_GLOBS.items() if fnmatch(rel, glob)]
        assert len(kinds) == 1, f"{rel} matches {kinds}"
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Yaml12)  # noqa: S506 - safe subclass
        errors = [e.message for e in validators[kinds[0]].iter_errors(data)]
        assert not errors, f"{rel}: {errors}"
        checked += 1
    assert checked >= 80
    wrong = validators["session"].iter_errors({"titel": "x", "date": "2019-06-06", "start_time": "19.30"})
    assert sorted(e.validator for e in wrong) == ["additionalProperties", "anyOf", "required"]


def test_vscode_maps_every_schema_to_its_files():
    settings = json.loads((REPO / ".vscode/settings.json").read_text())
    assert settings["yaml.schemas"] == schema.vscode_mapping()
    for target in settings["yaml.schemas"]:
        assert (REPO / target).is_file()
    assert "redhat.vscode-yaml" in json.loads((REPO / ".vscode/extensions.json").read_text())["recommendations"]


@pytest.mark.parametrize("kind, ident, extra", [
    ("network", "nieuw-netwerk", []),
    ("session", "buurtpunt/bijeenkomst-9", ["--date", "2025-03-18"]),
    ("case", "buurtwinkel-kessel", []),
])
def test_scaffolded_files_are_valid_and_never_overwritten(tmp_path: Path, kind: str, ident: str, extra: list[str]):
    Site(tmp_path)
    result = subprocess.run([*CLI, "new", kind, ident, "--title", "Iets nieuws: een test", *extra, "--root", str(tmp_path)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    path = tmp_path / result.stdout.split("Aangemaakt: ")[1].split(".yml")[0]
    path = path.with_suffix(".yml")
    text = path.read_text()
    first = text.splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=") and first.endswith(f"docs/schemas/{kind}.schema.json")
    assert (path.parent / first.split("=", 1)[1]).resolve() == (tmp_path / "docs/schemas" / f"{kind}.schema.json").resolve()
    graph = load(Layout(tmp_path))
    node = graph.get(kind, ident)
    assert node is not None and node.label == "Iets nieuws: een test"
    again = subprocess.run([*CLI, "new", kind, ident, "--title", "Nog eens", "--root", str(tmp_path)], capture_output=True, text=True)
    assert again.returncode == 1
    assert "dit bestand bestaat al; het wordt niet overschreven" in again.stderr
    assert path.read_text() == text


def test_scaffolding_a_session_of_an_unknown_network_is_refused(tmp_path: Path):
    Site(tmp_path)
    result = subprocess.run([*CLI, "new", "session", "onbekend/s1", "--title", "X", "--root", str(tmp_path)], capture_output=True, text=True)
    assert result.returncode == 1
    assert "het netwerk 'onbekend' bestaat niet" in result.stderr
    result = subprocess.run([*CLI, "new", "case", "Mijn Voorbeeld", "--title", "X", "--root", str(tmp_path)], capture_output=True, text=True)
    assert "'Mijn Voorbeeld' is geen geldige id" in result.stderr and "'mijn-voorbeeld'" in result.stderr


def test_github_annotations_are_escaped():
    assert escape_data("50% klaar\r\nnieuwe regel") == "50%25 klaar%0D%0Anieuwe regel"
    assert escape_property("a:b,c%") == "a%3Ab%2Cc%25"
    line = github([Problem("content/cases/a,b.yml", 3, "'title'", "100% fout: x", "Tip:\nzo")]).strip()
    assert line == "::error file=content/cases/a%2Cb.yml,line=3,title=Praktijkboek%3A veld 'title'::100%25 fout: x%0ATip:%0Azo"


def test_validate_in_github_actions_annotates_and_summarises(tmp_path: Path):
    site = Site(tmp_path)
    site.write("content/cases/repair-cafe.yml", "titel: Repair Café\n")
    site.write("networks/buurtpunt/sessions/bijeenkomst-1.yml", "title: S\ndate: 2019-13-45\n")
    summary = tmp_path / "summary.md"
    summary.write_text("eerdere stap\n")
    env = {**os.environ, "GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)}
    result = subprocess.run([*CLI, "validate", "--root", str(tmp_path)], capture_output=True, text=True, env=env)
    assert result.returncode == 1
    annotations = result.stdout.splitlines()
    assert annotations == [
        annotations[0],
        "::error file=content/cases/repair-cafe.yml,line=1,title=Praktijkboek%3A veld 'title'::verplicht veld ontbreekt%0AVoorbeeld: title: Repair Café",
        "::error file=networks/buurtpunt/sessions/bijeenkomst-1.yml,line=2,title=Praktijkboek%3A veld 'date'::'2019-13-45' is geen geldige datum%0ASchrijf een bestaande datum als JJJJ-MM-DD. Voorbeeld: date: 2019-06-06",
    ]
    assert annotations[0].startswith("::error file=content/cases/repair-cafe.yml,line=1,title=Praktijkboek%3A veld 'titel'::onbekend veld 'titel'")
    text = summary.read_text()
    assert text.startswith("eerdere stap\n### Praktijkboek: 3 problemen in de inhoud")
    assert "| `networks/buurtpunt/sessions/bijeenkomst-1.yml` | 2 | 'date' | '2019-13-45' is geen geldige datum |" in text
    assert "\x1b[" not in result.stderr


def test_colours_only_on_a_terminal(tmp_path: Path):
    Site(tmp_path).write("content/cases/repair-cafe.yml", "titel: Repair Café\n")
    piped = subprocess.run([*CLI, "validate", "--root", str(tmp_path)], capture_output=True, text=True, env={**os.environ, "GITHUB_ACTIONS": ""})
    assert piped.returncode == 1 and "\x1b[" not in piped.stderr
    leader, follower = pty.openpty()
    process = subprocess.Popen([*CLI, "validate", "--root", str(tmp_path)], stderr=follower, stdout=subprocess.DEVNULL,
                               env={**os.environ, "GITHUB_ACTIONS": "", "TERM": "xterm"})
    process.wait(timeout=60)
    os.close(follower)
    output = os.read(leader, 65536).decode()
    os.close(leader)
    assert process.returncode == 1
    assert "\x1b[1mcontent/cases/repair-cafe.yml:1\x1b[0m" in output


def test_the_pull_request_workflow_runs_the_projects_own_commands():
    workflow = yaml.safe_load((REPO / ".github/workflows/pull-request.yml").read_text())
    job = workflow["jobs"]["check"]
    assert job["container"].endswith("bookworm")
    runs = [step.get("run", "") for step in job["steps"]]
    for command in ("./scripts/system-packages", ".venv/bin/praktijkboek validate --format github", ".venv/bin/praktijkboek schemas --check",
                    "./scripts/build", ".venv/bin/praktijkboek check-links --site-dir site", "./scripts/test"):
        assert command in runs, command
    assert any(step.get("uses", "").startswith("actions/upload-artifact@") and step["with"]["path"] == "site/" for step in job["steps"])
    readme = (REPO / "README.md").read_text()
    assert "./scripts/test" in readme and "./scripts/build" in readme
    assert "./scripts/test" in (REPO / ".ci/run").read_text()


@pytest.mark.skipif(shutil.which("git") is None, reason="pre-commit needs git")
def test_pre_commit_runs_the_validator(tmp_path: Path):
    site = Site(tmp_path)
    shutil.copy(REPO / ".pre-commit-config.yaml", tmp_path)
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}", "PRE_COMMIT_HOME": str(tmp_path / ".cache"),
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    run = lambda *args: subprocess.run(args, cwd=tmp_path, capture_output=True, text=True, env=env)  # noqa: E731
    run("git", "init", "-q")
    run("git", "add", ".")
    hook = [sys.executable, "-m", "pre_commit", "run", "praktijkboek-validate", "--all-files"]
    good = run(*hook)
    assert good.returncode == 0, good.stdout + good.stderr
    site.write("content/cases/dorv.md", "---\ntitel: Dorv\n---\n")
    run("git", "add", ".")
    bad = run(*hook)
    assert bad.returncode == 1
    assert "content/cases/dorv.md:2: veld 'titel': onbekend veld 'titel'" in bad.stdout


def test_the_examples_in_the_editors_guide_are_valid(tmp_path: Path):
    guide = (REPO / "CONTRIBUTING.md").read_text()
    blocks = re.findall(r"```yaml\n(.*?)```", guide, re.S)
    assert len(blocks) == 3
    shutil.copytree(REPO / "networks", tmp_path / "networks")
    shutil.copytree(REPO / "content", tmp_path / "content")
    targets = ["networks/ons-buurtpunt/sessions/bijeenkomst-5.yml", "content/cases/buurtwinkel-kessel.yml", "networks/voorbeeld/network.yml"]
    for block, target in zip(blocks, targets):
        (tmp_path / target).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / target).write_text(textwrap.dedent(block))
    graph = load(Layout(tmp_path))
    assert graph.get("session", "ons-buurtpunt/bijeenkomst-5").label == "Samen evalueren"
    assert graph.get("case", "buurtwinkel-kessel") is not None and graph.get("network", "voorbeeld") is not None
