"""The GitHub Actions workflows: valid for GitHub, clean for zizmor, publishing only what built; and
scripts/site-diff, which tells a pull request's run which pages it adds, removes and changes."""

from __future__ import annotations

import gzip
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import REPO, SMALL_SITE, Site

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.y*ml"))
SITE_DIFF = REPO / "scripts" / "site-diff"
SECTIONS = ("Nieuwe pagina's", "Verdwenen pagina's", "Gewijzigde pagina's")


def tool(name: str) -> str:
    """A command of the test extras: beside this Python (the virtualenv), else on PATH. Never skipped."""
    beside = Path(sys.executable).with_name(name)
    found = str(beside) if beside.is_file() else shutil.which(name)
    assert found, f"{name} is not installed: it is one of the test extras (pip install -e '.[test]')"
    return found


def workflow(path: Path) -> dict:
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    # PyYAML reads the key `on` as the boolean True (YAML 1.1); GitHub reads it as "on".
    if True in doc:
        doc["on"] = doc.pop(True)
    return doc


def uses(job: dict) -> list[str]:
    """The actions a job's steps use, without their version (`actions/checkout`)."""
    return [step["uses"].split("@")[0] for step in job.get("steps", []) if "uses" in step]


def writes(permissions: object) -> set[str]:
    if permissions in ("write-all",):
        return {"everything"}
    return {name for name, level in (permissions or {}).items() if level == "write"} if isinstance(permissions, dict) else set()


def test_there_are_workflows():
    assert WORKFLOWS, "no workflow in .github/workflows"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_workflow_is_valid_for_github(path: Path):
    result = subprocess.run([tool("check-jsonschema"), "--builtin-schema", "vendor.github-workflows", str(path)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_workflows_pass_zizmor():
    """zizmor's audits that need no network (unpinned actions, credentials left in a checkout, template
    injection, excessive permissions, ...), with its configuration found as a developer's run finds it."""
    result = subprocess.run(
        [tool("zizmor"), "--offline", "--no-progress", "--color", "never", str(REPO / ".github" / "workflows")],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=REPO,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_script_a_workflow_runs_is_there():
    for path in WORKFLOWS:
        for job in workflow(path)["jobs"].values():
            for step in job.get("steps", []):
                for script in re.findall(r"(?<![\w/.-])(?:\./)?(scripts/[\w.-]+)", step.get("run", "")):
                    assert (REPO / script).is_file(), f"{path.name}: {step.get('name')} runs {script}, which does not exist"
                    assert os.access(REPO / script, os.X_OK), f"{script} is not executable"


def _publishing() -> tuple[dict, str, dict, list[tuple[str, dict]]]:
    """(the publishing workflow, its deploy job's name and the job, the jobs that build the Pages artifact)."""
    found = [(path, workflow(path)) for path in WORKFLOWS]
    deploying = [(doc, name, job) for _, doc in found for name, job in doc["jobs"].items() if "actions/deploy-pages" in uses(job)]
    assert len(deploying) == 1, "one job deploys to GitHub Pages"
    doc, name, job = deploying[0]
    builders = [(other, built) for other, built in doc["jobs"].items() if "actions/upload-pages-artifact" in uses(built)]
    assert builders, "a job builds the site and uploads it for Pages"
    return doc, name, job, builders


def test_publishing_deploys_only_what_the_build_job_built():
    doc, name, deploy, builders = _publishing()
    needs = deploy.get("needs", [])
    needs = [needs] if isinstance(needs, str) else needs
    for builder, job in builders:
        assert builder in needs, f"{name} must wait for {builder}"
        assert "actions/deploy-pages" not in uses(job)
        runs = [step.get("run", "") for step in job["steps"]]
        build = next((i for i, run in enumerate(runs) if "./scripts/build" in run), None)
        upload = next(i for i, step in enumerate(job["steps"]) if step.get("uses", "").startswith("actions/upload-pages-artifact@"))
        assert build is not None and build < upload, "the book is built (with handouts, links checked) before it is uploaded"
        assert any("./scripts/system-packages" in run for run in runs[:build])
        assert not any("continue-on-error" in step for step in job["steps"][: upload + 1]), "a failed step must fail the build"
    # Without a status function GitHub runs a job only when every job it needs succeeded.
    condition = str(deploy.get("if", ""))
    assert not re.search(r"always\(\)|failure\(\)|cancelled\(\)", condition), f"{name} would deploy after a failed build: {condition}"
    assert deploy.get("environment", {}).get("name") == "github-pages"
    assert doc.get("concurrency", {}).get("group") or deploy.get("concurrency"), "two deploys must not race"


def test_only_the_deploy_job_may_write():
    doc, name, deploy, _ = _publishing()
    assert writes(doc.get("permissions")) == set(), "the workflow's default permissions write nothing"
    assert writes(deploy.get("permissions")) == {"pages", "id-token"}
    for other, job in doc["jobs"].items():
        if other != name:
            assert writes(job.get("permissions")) == set(), f"{other} needs no write permission"


def test_publishing_runs_on_main_daily_and_by_hand():
    doc, *_ = _publishing()
    on = doc["on"]
    assert "main" in on["push"]["branches"]
    assert "workflow_dispatch" in on
    [schedule] = on["schedule"]
    minute, hour, day, month, weekday = schedule["cron"].split()
    assert minute.isdigit() and hour.isdigit(), "at a fixed time"
    assert (day, month, weekday) == ("*", "*", "*"), "every day"


# scripts/site-diff


def site_diff(*args: str | Path, env: dict[str, str] | None = None) -> str:
    """scripts/site-diff's Markdown; env: its whole environment (this one's by default)."""
    result = subprocess.run([sys.executable, str(SITE_DIFF), *map(str, args)], capture_output=True, text=True, timeout=120, env=env)
    assert result.returncode == 0, result.stderr
    return result.stdout


def sections(markdown: str) -> dict[str, list[str]]:
    """Each list's heading (without its count) and the addresses its items link to."""
    found: dict[str, list[str]] = {}
    current = None
    for line in markdown.splitlines():
        heading = re.match(r"#+ (.+?)(?: \(\d+\))?$", line)
        if heading:
            current = heading.group(1)
            found[current] = []
        elif current and line.startswith("- "):
            link = re.search(r"\]\((\S+)\)", line)
            found[current].append(link.group(1) if link else line[2:])
    return found


def test_site_diff_lists_pages_added_removed_and_changed_in_dutch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    base = Site(
        tmp_path / "basis", {**SMALL_SITE, "content/pages/oud.md": "# Oude pagina\n\nVerdwijnt.\n", "content/pages/over.md": "# Over\n\nEerste versie.\n"}
    )
    assert base.build().returncode == 0
    head = Site(
        tmp_path / "nieuw",
        {**SMALL_SITE, "content/pages/nieuw.md": "# Wat \\*werkt\\* [niet]\n\nKomt erbij.\n", "content/pages/over.md": "# Over\n\nTweede   versie.\n"},
    )
    # Rebuilt another day, with that day in the footer of every page: volatile, not the book's content.
    with (head.root / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("copyright: Gebouwd op 17 maart 2030\n")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1900000000")
    assert head.build().returncode == 0
    unchanged = "netwerken/buurtpunt/index.html"
    assert (base.root / "site" / unchanged).read_bytes() != (head.root / "site" / unchanged).read_bytes(), "rebuilt: the bytes differ"

    out = site_diff("--base", base.root / "site", "--head", head.root / "site", "--config", head.root / "mkdocs.yml", "--base-name", "main")

    lists = sections(out)
    assert lists["Nieuwe pagina's"] == ["https://example.org/boek/nieuw/"]
    assert lists["Verdwenen pagina's"] == ["https://example.org/boek/oud/"]
    assert lists["Gewijzigde pagina's"] == ["https://example.org/boek/over/"]
    pages = len(list((head.root / "site").rglob("index.html")))
    assert f"**1** nieuw, **1** verdwenen, **1** gewijzigd en {pages - 2} ongewijzigd ({pages} pagina's in deze versie)" in out
    assert "`main`" in out
    assert r"[Wat \*werkt\* \[niet\]](https://example.org/boek/nieuw/)" in out, "an editor's title is text, not Markdown"


def test_site_diff_compares_the_book_content_not_what_changes_with_every_build(built_small_site: Site, tmp_path: Path):
    base, head = tmp_path / "basis", tmp_path / "nieuw"
    shutil.copytree(built_small_site.root / "site", base)
    shutil.copytree(built_small_site.root / "site", head)

    def edit(page: str, change) -> None:
        path = head / page / "index.html"
        text = path.read_text(encoding="utf-8")
        changed = change(text)
        assert changed != text, f"{page}: the test's change did nothing"
        path.write_text(changed, encoding="utf-8")

    def outside_the_book(html: str) -> str:
        html = re.sub(r"bundle\.[0-9a-f]+\.min\.js", "bundle.0123abcd.min.js", html)  # a new theme release
        html = html.replace('<footer class="md-footer">', '<footer class="md-footer"><p>Gebouwd op 17 maart 2030 om 04:00</p>')  # a build date
        html = re.sub(r"(<article[^>]*>)", r"\1\n\n      ", html).replace("</h1>", "\n   </h1>")  # indented otherwise
        return html

    edit(
        "netwerken/buurtpunt/bijeenkomst-1", lambda html: re.sub(r'"@type": "Event"', '"@type": "Event", "dateModified": "2030-03-17"', outside_the_book(html))
    )
    edit("personen/anna", outside_the_book)
    edit("praktijkvoorbeelden/dorv", lambda html: html.replace("Een dorpswinkel met diensten.", "Een dorpswinkel met diensten en een postpunt."))
    edit("themas/mobiliteit", lambda html: html.replace('href="../../praktijkvoorbeelden/repair-cafe/"', 'href="../../praktijkvoorbeelden/dorv/"', 1))
    (head / "sitemap.xml.gz").write_bytes(gzip.compress(b"<urlset>another day</urlset>"))
    for index in (head / "search").glob("*.json"):
        index.write_text('{"docs": []}', encoding="utf-8")

    lists = sections(site_diff("--base", base, "--head", head, "--site-url", "https://voorbeeld.be/boek"))

    assert lists["Gewijzigde pagina's"] == ["https://voorbeeld.be/boek/praktijkvoorbeelden/dorv/", "https://voorbeeld.be/boek/themas/mobiliteit/"]
    assert lists["Nieuwe pagina's"] == lists["Verdwenen pagina's"] == []


def test_site_diff_without_a_base_counts_the_pages_of_the_head(built_small_site: Site):
    out = site_diff("--head", built_small_site.root / "site", "--base-name", "main", "--site-url", "https://example.org/boek/")
    pages = len(list((built_small_site.root / "site").rglob("index.html")))
    assert "geen gebouwde versie van `main` om mee te vergelijken" in out
    assert f"Deze versie heeft {pages} pagina's." in out
    assert not any(section in out for section in SECTIONS)


def test_site_diff_lists_at_most_the_limit_and_counts_the_rest(built_small_site: Site, tmp_path: Path):
    base = tmp_path / "basis"
    shutil.copytree(built_small_site.root / "site", base)
    gone = ["personen/anna", "personen/bernard", "themas/mobiliteit"]
    for page in gone:
        shutil.rmtree(base / page)

    out = site_diff("--base", base, "--head", built_small_site.root / "site", "--site-url", "https://example.org/boek/", "--limit", "2")

    assert sections(out)["Nieuwe pagina's"] == ["https://example.org/boek/personen/anna/", "https://example.org/boek/personen/bernard/", "… en 1 meer"]


def test_site_diff_reads_site_url_as_the_build_does(built_small_site: Site, tmp_path: Path):
    """From mkdocs.yml, the one place the owner sets it; `!ENV` as MkDocs reads it."""
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: Boek\nsite_url: !ENV [PRAKTIJKBOEK_SITE_URL, https://standaard.example/]\n", encoding="utf-8")
    site = built_small_site.root / "site"
    base = tmp_path / "basis"
    shutil.copytree(site, base)
    shutil.rmtree(base / "personen/anna")

    unset = {name: value for name, value in os.environ.items() if name != "PRAKTIJKBOEK_SITE_URL"}
    told = sections(site_diff("--base", base, "--head", site, "--config", config, env={**unset, "PRAKTIJKBOEK_SITE_URL": "https://boek.voorbeeld.be/praktijk"}))
    default = sections(site_diff("--base", base, "--head", site, "--config", config, env=unset))

    assert told["Nieuwe pagina's"] == ["https://boek.voorbeeld.be/praktijk/personen/anna/"]
    assert default["Nieuwe pagina's"] == ["https://standaard.example/personen/anna/"]


def test_site_diff_says_where_the_preview_is_and_how_to_look_at_it(built_small_site: Site):
    out = site_diff(
        "--head",
        built_small_site.root / "site",
        "--artifact",
        "praktijkboek-site",
        "--artifact-url",
        "https://github.com/o/r/actions/runs/1/artifacts/2",
        "--run-url",
        "https://github.com/o/r/actions/runs/1",
    )
    preview = out.split("## Wat er verandert op de site")[0]
    assert "`praktijkboek-site`" in preview and "**Artifacts**" in preview
    assert "(https://github.com/o/r/actions/runs/1/artifacts/2)" in preview and "(https://github.com/o/r/actions/runs/1)" in preview
    assert "python3 -m http.server --directory praktijkboek-site" in preview
    assert "pak het uit" in preview
