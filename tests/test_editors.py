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
from pathlib import Path

import pytest
import yaml

from conftest import REPO, Site
from praktijkboek import cli
from praktijkboek.core.editors import schema
from praktijkboek.core.editors.report import escape_data, escape_property, github
from praktijkboek.core.knowledge.load import load
from praktijkboek.core.reading.kinds import KINDS, Folders
from praktijkboek.core.reading.loader import Layout
from praktijkboek.core.reading.problems import Problem

CLI = [sys.executable, "-m", "praktijkboek"]


def test_committed_schemas_are_generated_from_the_models():
    assert schema.stale(REPO / schema.SCHEMA_DIR) == [], "run: praktijkboek schemas"


def test_every_field_has_a_dutch_description():
    for kind in KINDS:
        generated = schema.schema_for(kind)
        for definition in [generated, *generated.get("$defs", {}).values()]:
            for name, prop in definition["properties"].items():
                description = prop.get("description", "")
                assert len(description) > 10, f"{kind}.{name} has no description"
                assert not re.search(r"\b(the|and|which|with|from|this|should|must)\b", description, re.I), f"{kind}.{name}: English? {description!r}"


def test_the_content_models_page_covers_every_kind_and_field():
    """Its overview of the kinds is written from KINDS; every field of every kind is explained on it."""
    text = (REPO / schema.CONTENT_MODEL).read_text(encoding="utf-8")
    assert text == schema.content_model(text), "run: praktijkboek schemas"
    for name, kind in KINDS.items():
        assert f"`{kind.files.pattern(Folders())}`" in text, name
        for field in kind.model.model_fields:
            if field != "id":  # every kind's; "Ids en bestandsnamen" explains it
                assert f"| `{field}` |" in text, f"docs/content-model.md does not explain {name}.{field}"
        anchor = kind.label.replace(" ", "-")
        assert f'<a id="{anchor}"></a>' in text or f"\n## {kind.title_label}\n" in text, f"the overview links to #{anchor}, which is not on the page"


def test_vscode_maps_every_schema_to_its_files():
    text = (REPO / schema.VSCODE_SETTINGS).read_text(encoding="utf-8")
    assert text == schema.vscode_settings(text), "run: praktijkboek schemas (the mapping is generated from the kinds)"
    settings = json.loads(text)
    for target in settings["yaml.schemas"]:
        assert (REPO / target).is_file()
    assert "redhat.vscode-yaml" in json.loads((REPO / ".vscode/extensions.json").read_text())["recommendations"]


@pytest.mark.parametrize(
    "kind, ident, extra",
    [
        ("network", "nieuw-netwerk", []),
        ("session", "buurtpunt/bijeenkomst-9", ["--date", "2025-03-18"]),
        ("case", "buurtwinkel-kessel", []),
    ],
)
def test_scaffolded_files_are_valid_and_never_overwritten(tmp_path: Path, kind: str, ident: str, extra: list[str]):
    Site(tmp_path)
    result = subprocess.run([*CLI, "new", kind, ident, "--title", "Iets nieuws: een test", *extra, "--root", str(tmp_path)], capture_output=True, text=True)
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
    process = subprocess.Popen(
        [*CLI, "validate", "--root", str(tmp_path)], stderr=follower, stdout=subprocess.DEVNULL, env={**os.environ, "GITHUB_ACTIONS": "", "TERM": "xterm"}
    )
    process.wait(timeout=60)
    os.close(follower)
    output = os.read(leader, 65536).decode()
    os.close(leader)
    assert process.returncode == 1
    assert "\x1b[1mcontent/cases/repair-cafe.yml:1\x1b[0m" in output


def test_the_pull_request_workflow_runs_the_projects_own_commands():
    workflow = yaml.safe_load((REPO / ".github/workflows/pull-request.yml").read_text())
    content, build = workflow["jobs"]["inhoud"], workflow["jobs"]["bouwen"]
    assert content["container"].endswith("bookworm") and build["container"].endswith("bookworm")
    assert "needs" not in content and build["needs"] == "inhoud", "the annotations come first, before the slow build"
    runs = {name: [step.get("run", "") for step in job["steps"]] for name, job in workflow["jobs"].items()}
    assert runs["inhoud"].index(".venv/bin/praktijkboek validate --format github") < runs["inhoud"].index(".venv/bin/praktijkboek schemas --check")
    assert "./scripts/system-packages" not in runs["inhoud"], "validating needs no Chromium"
    for command in ("./scripts/system-packages", "./scripts/build", ".venv/bin/praktijkboek check-links --site-dir site", "./scripts/test"):
        assert command in runs["bouwen"], command
    for job in (content, build):
        assert any(step.get("uses", "").startswith("actions/cache@") for step in job["steps"]), "pip is cached"
    assert any(step.get("uses", "").startswith("actions/upload-artifact@") and step["with"]["path"] == "site/" for step in build["steps"])
    readme = (REPO / "README.md").read_text()
    assert "./scripts/test" in readme and "./scripts/build" in readme
    assert "./scripts/test" in (REPO / ".ci/run").read_text()


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
@pytest.mark.parametrize(
    "changed, base, expected",
    [
        (["content/themes/nieuw.yml", "networks/buurtpunt/sessions/s3.yml"], "main", "code=false"),
        (["content/pages/over.md"], "main", "code=false"),
        (["content/themes/nieuw.yml", "plugins/praktijkboek/cli.py"], "main", "code=true"),
        (["overrides/praktijkboek/case.html"], "main", "code=true"),
        (["content/themes/nieuw.yml"], "", "code=true"),
        (["content/themes/nieuw.yml"], "bestaat-niet", "code=true"),
    ],
)
def test_the_workflow_runs_the_whole_suite_when_code_changed(tmp_path: Path, changed: list[str], base: str, expected: str):
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
        "BASE_REF": base,
        "HOME": str(tmp_path),
    }
    run = lambda *args: subprocess.run(args, cwd=tmp_path, capture_output=True, text=True, env=env, check=True)  # noqa: E731
    (tmp_path / "scripts").mkdir()
    shutil.copy(REPO / "scripts/changed-parts", tmp_path / "scripts")
    run("git", "init", "-q", "-b", "main")
    run("git", "add", ".")
    run("git", "commit", "-qm", "start")
    run("git", "update-ref", "refs/remotes/origin/main", "HEAD")
    run("git", "checkout", "-qb", "voorstel")
    for path in changed:
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text("title: X\n")
    run("git", "add", ".")
    run("git", "commit", "-qm", "voorstel")
    assert run("./scripts/changed-parts").stdout.strip() == expected


@pytest.mark.skipif(shutil.which("git") is None, reason="pre-commit needs git")
def test_pre_commit_runs_the_validator(tmp_path: Path):
    site = Site(tmp_path)
    shutil.copy(REPO / ".pre-commit-config.yaml", tmp_path)
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}",
        "PRE_COMMIT_HOME": str(tmp_path / ".cache"),
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
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


@pytest.mark.content
def test_the_examples_in_the_editors_guide_are_valid(tmp_path: Path):
    """Each ```yaml example of CONTRIBUTING.md, saved where the guide says, loads with the repository's
    content: its references (to themes, cases, organisations of the book) exist."""
    guide = (REPO / "CONTRIBUTING.md").read_text()
    examples = re.findall(r"`([^`\s]+\.yml)`[^`\n]*:\n\n( *)```yaml\n(.*?)\n\2```", guide, re.S)
    assert examples, "the guide shows an example per kind of file, each headed by its path"
    shutil.copytree(REPO / "networks", tmp_path / "networks")
    shutil.copytree(REPO / "content", tmp_path / "content")
    for target, _, block in examples:
        (tmp_path / target).parent.mkdir(parents=True, exist_ok=True)
        network = tmp_path / Path(target).parent.parent
        if Path(target).parent.name == "sessions" and not any(network.glob("network.*")):
            pytest.fail(f"CONTRIBUTING.md: het voorbeeld {target} hoort bij een netwerk dat niet (meer) bestaat")
        (tmp_path / target).write_text(textwrap.dedent(block) + "\n")
    graph = load(Layout(tmp_path))
    for target, _, _ in examples:
        assert any(node.path == target for nodes in graph.by_kind.values() for node in nodes), target


@pytest.mark.parametrize(
    "args, expected",
    [
        (
            ["session", "buurtpunt/s9", "--title", "S", "--date", "2026-13-01"],
            "praktijkboek new: veld 'date' (--date): '2026-13-01' is geen geldige datum\n    Schrijf een bestaande datum als JJJJ-MM-DD.",
        ),
        (
            ["session", "buurtpunt/s9", "--title", "S", "--date", "2026-03-01", "--start-time", "19.30"],
            "veld 'start_time' (--start-time): '19.30' is geen geldig tijdstip",
        ),
        (
            ["session", "buurtpunt/s9", "--title", "S", "--start-time", "19:30"],
            "praktijkboek new: veld 'start_time' (--start-time): een uur zonder datum: vul ook 'date' in",
        ),
        (
            ["session", "buurtpunt/s9", "--title", "S", "--date", "2026-03-01", "--start-time", "21:00", "--end-time", "19:00"],
            "het einduur (end_time) moet na het beginuur (start_time) liggen",
        ),
        (
            ["network", "nieuw", "--title", "N", "--network-kind", "leerkringg"],
            "veld 'kind' (--network-kind): 'leerkringg' is geen geldige keuze\n    Kies uit: 'intervisie', 'leerkring'",
        ),
        (
            ["sessie", "buurtpunt/s9", "--title", "S"],
            "praktijkboek new: 'sessie' kan niet aangemaakt worden\n    Kies uit: network, session, activity, case, method. Bedoel je 'session'?",
        ),
        (["session", "elders/s9", "--title", "S"], "het netwerk 'elders' bestaat niet"),
        (
            ["case", "x" * 201, "--title", "C"],
            "praktijkboek new: 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…' is te lang voor een id (201 tekens, hoogstens 200)",
        ),
        (["case", "nieuw", "--title", " "], "veld 'title' (--title): is leeg, maar moet ingevuld zijn"),
        (["case", "nieuw", "--title", "C", "--date", "2026-03-01"], "--date hoort bij een sessie of een activiteit, niet bij een praktijkvoorbeeld"),
        (["case", "nieuw", "--title", "C", "--date", "2026-03-01", "--start-time", "19:00"], "--date en --start-time horen bij een sessie"),
    ],
)
def test_praktijkboek_new_checks_its_arguments_as_validate_does(tmp_path: Path, args: list[str], expected: str):
    Site(tmp_path)
    before = sorted(p for p in tmp_path.rglob("*") if p.is_file())
    result = subprocess.run([*CLI, "new", *args, "--root", str(tmp_path)], capture_output=True, text=True)
    assert result.returncode == 1
    assert expected in result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(p for p in tmp_path.rglob("*") if p.is_file()) == before, "nothing is written"


@pytest.mark.parametrize(
    "value",
    [
        '"2019\\n::warning::nep-melding"',
        '"2019\\n::stop-commands::token"',
        '"2019\\r::add-mask::geheim"',
        '"\\e[31mrood\\e[0m\\a"',
        '"2019\\u2028::error::verborgen"',
        '"2019 ##[error]Goedgekeurd"',
        '"2019\\n   ::notice::ingesprongen"',
    ],
)
def test_an_editors_value_never_becomes_a_command_in_the_report(tmp_path: Path, capsys: pytest.CaptureFixture[str], value: str):
    """In a terminal no escape sequence or bell; in GitHub Actions no line of a value starts a workflow command."""
    Site(tmp_path).write("networks/buurtpunt/sessions/bijeenkomst-1.yml", f"title: Sessie\ndate: {value}\n")
    for fmt in ("human", "github"):
        code = cli.main(["validate", "--root", str(tmp_path), "--format", fmt])
        result = capsys.readouterr()
        assert code == 1
        for stream in (result.out, result.err):
            assert not re.search(r"[\x00-\x09\x0b-\x1f\x7f\u2028\u2029]", stream), repr(stream)
            assert "##[" not in stream, "the runner reads ##[name] anywhere in a line"
            commands = [line for line in stream.splitlines() if line.lstrip().startswith("::")]  # the runner strips the spaces
            assert all(line.startswith("::error file=networks/buurtpunt/sessions/bijeenkomst-1.yml,line=2,") for line in commands), commands
        if "\\e" in value:  # the reader refuses a control character written as an escape, before any field is read
            assert "bijeenkomst-1.yml:2: de waarde bevat een onzichtbaar stuurteken (0x1b)" in result.err
        else:
            assert "veld 'date':" in result.err and "is geen geldige datum" in result.err
