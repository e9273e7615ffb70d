"""The editing interface at /admin/: its configuration from the models, its place in the built book, and its
forms in a real browser against the local proxy (decap-server), offline."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Literal, get_args, get_origin

import pytest
import yaml
from pydantic import ValidationError

from conftest import REPO, Site, free_port, serve_folder, wait_for
from praktijkboek.core.editors import cms
from praktijkboek.core.reading import models
from praktijkboek.core.reading.kinds import KINDS, InParent

PACKAGES = REPO / "scripts" / "cms" / "node_modules"
NO_PACKAGES = "The editing interface's packages are missing: ./scripts/test installs them (./scripts/cms-packages)"


BACKEND = cms.Backend(repo="voorbeeld/boek")


def collections() -> dict[str, dict[str, Any]]:
    return {c["name"]: c for c in cms.config(BACKEND)["collections"]}


def form_field(kind: str, name: str) -> dict[str, Any]:
    return next(f for f in collections()[kind]["fields"] if f["name"] == name)


def walk(fields: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for f in fields:
        yield f
        yield from walk(f.get("fields", []))
        if "field" in f:
            yield from walk([f["field"]])


# --- The configuration, generated from the kinds --------------------------------------------------------


def test_every_kind_is_a_collection_with_every_field_once() -> None:
    found = collections()
    assert list(found) == list(KINDS)
    for name, kind in KINDS.items():
        expected = [n for n in kind.model.model_fields if n != "id"]  # the id is the file's name
        if isinstance(kind.files, InParent):
            expected = [kind.files.parent, *expected]
        assert sorted(f["name"] for f in found[name]["fields"]) == sorted(expected), name


def test_fields_come_in_the_order_of_hand_written_files() -> None:
    """The kind's own fields first (a session's number), then what it shares with other kinds, in the model's order."""
    sessions = [f["name"] for f in collections()["session"]["fields"]]
    assert sessions[:3] == ["network", "number", "title"]
    assert sessions.index("date") < sessions.index("start_time") < sessions.index("themes") < sessions.index("report")
    assert [f["name"] for f in collections()["case"]["fields"]][:2] == ["title", "kind"]


def test_required_and_hints_are_the_models() -> None:
    for name, kind in KINDS.items():
        for f in collections()[name]["fields"]:
            info = kind.model.model_fields.get(f["name"])
            if info is None:  # the parent (a session's network): the folder it is saved in
                continue
            assert f["required"] is info.is_required(), (name, f["name"])
            assert f.get("hint") == info.description, (name, f["name"])
            assert f["label"].endswith(f"({f['name']})"), "the label names the field as the pull request's check does"


def test_sessions_are_saved_inside_their_networks_folder() -> None:
    sessions = collections()["session"]
    assert sessions["folder"] == "networks"
    assert sessions["path"] == "{{network}}/sessions/{{slug}}"
    assert collections()["network"]["path"] == "{{slug}}/network"
    assert form_field("session", "network")["widget"] == "relation"


@pytest.mark.parametrize(
    ("kind", "name", "expected"),
    [
        ("session", "date", {"widget": "datetime", "date_format": "YYYY-MM-DD", "time_format": False, "format": "YYYY-MM-DD"}),
        ("session", "start_time", {"widget": "datetime", "date_format": False, "time_format": "HH:mm", "format": "HH:mm"}),
        ("session", "capacity", {"widget": "number", "value_type": "int", "min": 1}),
        ("case", "start_year", {"widget": "number", "value_type": "int", "min": 1900, "max": 2100}),
        ("session", "publish_online_url", {"widget": "boolean"}),
        ("session", "report", {"widget": "markdown"}),
        ("case", "description", {"widget": "markdown"}),
        ("session", "summary", {"widget": "text"}),  # Prose: sentences
        ("case", "approach", {"widget": "text"}),
        ("case", "kind", {"widget": "string"}),  # a short text: one line
        ("session", "title", {"widget": "string", "required": True}),
        ("session", "cases", {"widget": "relation", "collection": "case", "multiple": True, "value_field": "{{filename}}", "display_fields": ["title"]}),
        ("session", "network", {"widget": "relation", "collection": "network", "value_field": "{{dirname}}"}),
        ("person", "organisation", {"widget": "relation", "collection": "organisation", "display_fields": ["name"]}),
        ("session", "attendance", {"widget": "select", "default": "ter plaatse"}),
        ("case", "pictures", {"widget": "list"}),
        ("session", "registration", {"widget": "object"}),
        ("barrier", "sources", {"widget": "list", "min": 1, "required": True}),
    ],
)
def test_a_widget_per_field_type(kind: str, name: str, expected: dict[str, Any]) -> None:
    found = form_field(kind, name)
    assert {k: found.get(k) for k in expected} == expected


def test_choices_are_the_allow_lists() -> None:
    for name, kind in KINDS.items():
        for field_name, info in kind.model.model_fields.items():
            literal = next((a for a in [info.annotation, *get_args(info.annotation)] if get_origin(a) is Literal), None)
            if literal is not None:
                assert form_field(name, field_name)["options"] == list(get_args(literal)), (name, field_name)


def test_a_person_in_a_role_and_a_picture_are_groups_of_fields() -> None:
    speakers = form_field("session", "speakers")
    assert [f["name"] for f in speakers["fields"]] == ["who", "role"]
    assert speakers["fields"][0]["pattern"][0] == models.SLUG_PATTERN, "a person or an organisation: an id the check resolves"
    pictures = form_field("case", "pictures")
    assert [(f["name"], f["widget"]) for f in pictures["fields"]][:2] == [("file", "image"), ("alt", "string")]
    assert pictures["fields"][1]["required"] is True


def test_patterns_accept_the_models_examples() -> None:
    """Each pattern is the validator's: the examples the JSON Schemas carry pass it."""
    checked = 0
    for name, kind in KINDS.items():
        for field_name, info in kind.model.model_fields.items():
            if field_name == "id":
                continue
            top = form_field(name, field_name)
            inner = top.get("field", top)  # a list of values: the pattern is on its items
            if "pattern" not in inner:
                continue
            regex, hint = inner["pattern"]
            assert re.search(r"[a-z]", hint) and not hint.startswith("^"), "a hint in words"
            for example in info.examples or []:
                for value in example if isinstance(example, list) else [example]:
                    if isinstance(value, str):
                        assert re.search(regex, value), (name, field_name, value)
                        checked += 1
    assert checked


@pytest.mark.parametrize(
    ("kind", "name", "value", "good"),
    [
        ("session", "cost", "12,50", True),
        ("session", "cost", "gratis", True),
        ("session", "cost", "twintig euro", False),
        ("case", "website", "https://www.repaircafe.org", True),
        ("case", "website", "www.repaircafe.org", False),
        ("organisation", "email", "info@voorbeeld.be", True),
        ("organisation", "email", "info(at)voorbeeld.be", False),
        ("organisation", "phone", "+32 9 123 45 67", True),
        ("organisation", "phone", "bel ons", False),
        ("session", "municipality", "Sint-Niklaas", True),
        ("session", "municipality", "x" * 81, False),
        ("case", "contact", "buurtwerk-halle", True),
        ("case", "contact", "Buurtwerk Halle", False),
    ],
)
def test_a_pattern_refuses_what_the_validator_refuses(kind: str, name: str, value: str, good: bool) -> None:
    regex, _hint = form_field(kind, name)["pattern"]
    assert bool(re.search(regex, value)) is good
    title = "name" if "name" in KINDS[kind].model.model_fields else "title"
    required = {"kind": "werkvorm"} if kind == "method" else {}
    try:
        KINDS[kind].model.model_validate({title: "Iets", **required, name: value})
        accepted = True
    except ValidationError:
        accepted = False
    assert accepted is good, "the form and the validator agree"


def test_the_backend_is_the_site_owners() -> None:
    backend = cms.Backend(repo=cms.github_repo("https://github.com/eigenaar/boek.git"), branch="gepubliceerd", auth_url="https://auth.voorbeeld.be/")
    site = cms.config(backend)
    expected = {"name": "github", "repo": "eigenaar/boek", "branch": "gepubliceerd", "base_url": "https://auth.voorbeeld.be"}
    assert {k: site["backend"].get(k) for k in expected} == expected
    assert site["publish_mode"] == "editorial_workflow", "a change from the form is a branch and a pull request"
    assert site["locale"] == "nl"
    assert cms.github_repo("https://gitlab.com/eigenaar/boek") is None


def test_the_repositorys_copy_is_current() -> None:
    result = subprocess.run([sys.executable, "-m", "praktijkboek", "schemas", "--check"], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


# --- Files as the form reads and writes them (praktijkboek-cms.js, in Node) ---------------------------------


def saved(files: list[tuple[str, str, dict[str, Any] | None]]) -> list[str]:
    """What the form writes for each (kind, text of the file, fields the editor changed)."""
    request = {"config": cms.config(BACKEND), "files": [{"collection": kind, "text": text, "set": changed} for kind, text, changed in files]}
    js_yaml = PACKAGES / "js-yaml" / "dist" / "browser" / "js-yaml.umd.min.js"
    loader = REPO / "plugins" / "praktijkboek" / "outputs" / "admin" / "praktijkboek-cms.js"
    result = subprocess.run(
        ["node", str(Path(__file__).parent / "cms_roundtrip.mjs"), str(js_yaml), str(loader)], input=json.dumps(request), capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def content_files() -> list[tuple[str, Path]]:
    found = []
    for name, kind in KINDS.items():
        for pattern in (kind.glob(), kind.glob().removesuffix(".yml") + ".md"):
            found += [(name, path) for path in sorted(REPO.glob(pattern))]
    return found


@pytest.mark.content
@pytest.mark.skipif(not PACKAGES.is_dir(), reason=NO_PACKAGES)
def test_every_content_file_opened_and_saved_in_the_form_is_the_same_file() -> None:
    files = content_files()
    assert files
    texts = [path.read_text(encoding="utf-8") for _, path in files]
    written = saved([(kind, text, None) for (kind, _), text in zip(files, texts, strict=True)])
    for (_, path), before, after in zip(files, texts, written, strict=True):
        assert after == before, path.relative_to(REPO)


@pytest.mark.skipif(not PACKAGES.is_dir(), reason=NO_PACKAGES)
def test_a_change_in_the_form_changes_only_its_own_lines() -> None:
    text = (
        "# Een sessie van het voorjaar.\n"
        "title: Oude titel\n"
        "date: 2026-04-02\n"
        'start_time: "19:30"\n'
        "summary: >-\n  Een lange samenvatting die over\n  twee regels loopt.\n"
        "speakers:\n  - anna\n  - who: bernard\n    role: gastheer\n"
        "# Nog aan te vullen: de zaal.\n"
    )
    changed, emptied, added, nothing = saved(
        [
            ("session", text, {"title": "Nieuwe titel: voorjaar"}),
            ("session", text, {"summary": ""}),
            ("session", text, {"end_time": "21:00", "capacity": 25, "publish_online_url": False, "attendance": "ter plaatse"}),
            ("session", text, {"venue": "null", "programme": ["~", "Welkom"]}),
        ]
    )
    assert changed == text.replace("title: Oude titel", "title: 'Nieuwe titel: voorjaar'")
    assert emptied == text.replace("summary: >-\n  Een lange samenvatting die over\n  twee regels loopt.\n", ""), "an emptied field goes"
    # New fields after the one before them in the model; a switch left off and a default choice are not written.
    assert added == text.replace('start_time: "19:30"\n', 'start_time: "19:30"\nend_time: 21:00\n').replace("# Nog", "capacity: 25\n# Nog")
    # Words the reader takes for "nothing" stay text: quoted.
    assert "venue: 'null'\n" in nothing and "programme:\n  - '~'\n  - Welkom\n" in nothing
    for result in (changed, emptied, added, nothing):
        assert models.Session.model_validate(_read(result))
    assert _read(nothing)["venue"] == "null"


@pytest.mark.skipif(not PACKAGES.is_dir(), reason=NO_PACKAGES)
def test_lines_the_form_leaves_alone_stay_also_defaults_and_a_byte_order_mark() -> None:
    person = "name: Anna Peeters\n# Toestemming gevraagd op 3 maart: niet publiceren.\npublish_contact: false\nrole: coördinator\n"
    session = "\ufefftitle: Oud\nstatus: open\nattendance: ter plaatse\n"
    kept, bom = saved([("person", person, {"name": "Anna Peeters-Janssens"}), ("session", session, {"title": "Nieuw"})])
    assert kept == person.replace("name: Anna Peeters\n", "name: Anna Peeters-Janssens\n"), "a default written out, and its comment, stay"
    assert bom == "title: Nieuw\nstatus: open\nattendance: ter plaatse\n", "one title, the lines as they were"


def _read(text: str) -> dict[str, Any]:
    from praktijkboek.core.reading.yamlfile import ParsedFile, parse

    parsed = parse(text.encode(), "sessie.yml")
    assert isinstance(parsed, ParsedFile), parsed
    return parsed.data


# --- The interface in the built book ---------------------------------------------------------------------


def with_cms(site: Site, proxy: str = cms.LOCAL_PROXY, packages: Path = PACKAGES) -> Site:
    config = site.root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    options = f"      search: material\n      cms: true\n      cms_packages: {packages}\n      cms_local_proxy: {proxy}\n"
    assert "cms:" not in text, "with_cms once per site"
    changed = text.replace("      search: material\n", options, 1)
    assert changed != text, "the small site's plugin options changed: update with_cms"
    config.write_text(changed, encoding="utf-8")
    return site


@pytest.mark.skipif(not PACKAGES.is_dir(), reason=NO_PACKAGES)
def test_the_built_book_ships_the_interface_without_a_cdn(site: Site) -> None:
    result = with_cms(site).build()
    assert result.returncode == 0, result.stderr
    admin = site.root / "site" / "admin"
    page = (admin / "index.html").read_text(encoding="utf-8")
    assert '<html lang="nl">' in page and "<title>Bewerken · Testboek</title>" in page
    sources = re.findall(r'<script src="([^"]+)"', page)
    assert sources == ["js-yaml.umd.min.js", "decap-cms.js", "praktijkboek-cms.js"]
    for source in sources:
        assert (admin / source).is_file()
    assert not re.search(r"https?://", page), "nothing from another address"
    config = yaml.safe_load((admin / "config.yml").read_text(encoding="utf-8"))
    assert config["backend"]["repo"] == "voorbeeld/boek", "from repo_url"
    assert [c["name"] for c in config["collections"]] == list(KINDS)
    version = json.loads((PACKAGES / "decap-cms" / "package.json").read_text(encoding="utf-8"))["version"]
    pinned = json.loads((REPO / "scripts" / "cms" / "package.json").read_text(encoding="utf-8"))["dependencies"]["decap-cms"]
    assert version == pinned, "the installed interface is the pinned one"


def test_without_a_github_repository_the_build_says_what_to_do(site: Site) -> None:
    config = site.root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("https://github.com/voorbeeld/boek", "https://gitlab.com/voorbeeld/boek"), encoding="utf-8")
    result = with_cms(site).build()
    assert result.returncode != 0
    assert "repo_url: https://github.com/<eigenaar>/<naam>" in result.stderr and "cms: false" in result.stderr


def test_without_its_packages_the_build_says_what_to_do(site: Site, tmp_path: Path) -> None:
    result = with_cms(site, packages=tmp_path / "nergens").build()
    assert result.returncode != 0
    assert "npm ci --prefix scripts/cms" in result.stderr and "cms: false" in result.stderr


# --- The forms, in Chromium, with the local proxy ----------------------------------------------------------


@contextmanager
def local_proxy(root: Path, mode: str = "fs") -> Iterator[str]:
    """decap-server on a loopback port, saving in `root` as ./scripts/edit does (`fs`), or in its git
    repository, with a branch per change as on GitHub (`git`)."""
    port = free_port()
    env = {**os.environ, "GIT_REPO_DIRECTORY": str(root), "PORT": str(port), "MODE": mode, "BIND_HOST": "127.0.0.1"}
    log = (root.parent / f"decap-server-{port}.log").open("w")  # beside the book: read it when a test fails
    process = subprocess.Popen(["node", str(PACKAGES / "decap-server" / "dist" / "index.js")], env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/api/v1"

    def ready() -> bool:
        request = urllib.request.Request(url, data=b'{"action":"info"}', headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=2) as response:
                return json.loads(response.read())["type"] == f"local_{mode}"
        except OSError:
            return False

    try:
        wait_for(ready, timeout=30)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()


@contextmanager
def signed_in(site: Site, chromium, mode: str = "fs") -> Iterator[Any]:
    """The small book with its interface, built and served, the local proxy saving in its folder, and a
    signed-in tab."""
    if not PACKAGES.is_dir():
        pytest.skip(NO_PACKAGES)
    with local_proxy(site.root, mode) as proxy:
        with_cms(site, proxy=proxy)
        if mode == "git":  # the proxy rebases its branches on a clean working copy, as a clone on GitHub is
            git(site.root, "add", "-A")
            git(site.root, "commit", "-q", "-m", "Het boek, met de bewerkpagina")
        result = site.build()
        assert result.returncode == 0, result.stderr
        with serve_folder(site.root / "site") as url:
            context = chromium.new_context(viewport={"width": 1280, "height": 900})
            tab = context.new_page()
            tab.goto(url + "admin/")
            tab.get_by_role("button", name="Inloggen").click()
            tab.get_by_role("link", name="Sessies").first.wait_for(timeout=60_000)
            try:
                yield tab
            finally:
                context.close()


@pytest.fixture
def editing(site: Site, chromium) -> Iterator[tuple[Site, Any]]:
    with signed_in(site, chromium) as tab:
        yield site, tab


def settled(path: Path, *, containing: str = "") -> str:
    """The file's text once the proxy has written it whole: there, with `containing`, and the same twice."""

    def read() -> str | None:
        first = path.read_text(encoding="utf-8") if path.is_file() else ""
        time.sleep(0.2)
        second = path.read_text(encoding="utf-8") if path.is_file() else ""
        return second if second and second == first and containing in second else None

    return wait_for(read, timeout=30)


def pick(tab, label: str, typed: str, option: str) -> None:
    """Choose in a relation field as an editor does: type part of the title, click the offered one."""
    tab.get_by_label(label).click()
    tab.keyboard.type(typed)
    tab.get_by_text(option, exact=True).last.click()


def publish(tab) -> None:
    tab.get_by_role("button", name="Publiceer", exact=True).click()
    tab.get_by_role("menuitem").first.click()


@pytest.mark.browser
def test_a_session_made_in_the_form_is_a_file_that_validates_and_builds(editing) -> None:
    site, tab = editing
    before = set((site.root / "networks").rglob("*.yml"))
    tab.goto(tab.url.split("#")[0] + "#/collections/session/new")
    tab.get_by_label("Titel (title)").fill("Samen aan tafel over mobiliteit")
    pick(tab, "Netwerk", "buurtpunt", "Lerend netwerk buurtpunt")
    tab.get_by_label("Datum (date)").fill("2027-03-11")
    tab.get_by_label("Beginuur (start_time)").fill("19:30")
    pick(tab, "Praktijkvoorbeelden (cases)", "Repair", "Repair Café")
    pick(tab, "Praktijkvoorbeelden (cases)", "Dorv", "Dorv")  # a case in a .md file
    pick(tab, "Thema's (themes)", "Mobi", "Mobiliteit")
    publish(tab)

    new = site.root / "networks" / "buurtpunt" / "sessions" / "samen-aan-tafel-over-mobiliteit.yml"
    text = settled(new)
    assert set((site.root / "networks").rglob("*.yml")) - before == {new}
    # The hand-written style: the model's field order, no quotes a person would not write, no empty fields.
    assert text == ("title: Samen aan tafel over mobiliteit\ndate: 2027-03-11\nstart_time: 19:30\nthemes:\n  - mobiliteit\ncases:\n  - repair-cafe\n  - dorv\n")
    check = subprocess.run([sys.executable, "-m", "praktijkboek", "validate", "--root", str(site.root)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    assert site.build().returncode == 0
    page = site.page("netwerken/buurtpunt/samen-aan-tafel-over-mobiliteit")
    assert 'data-pb-link="case:dorv"' in page and 'data-pb-link="case:repair-cafe"' in page
    assert "11 maart 2027" in page


@pytest.mark.browser
def test_the_form_refuses_a_bad_value_in_dutch(editing) -> None:
    site, tab = editing
    before = sorted(p.relative_to(site.root) for p in site.root.rglob("*.yml"))
    tab.goto(tab.url.split("#")[0] + "#/collections/session/new")
    pick(tab, "Netwerk", "buurtpunt", "Lerend netwerk buurtpunt")
    tab.get_by_label("Kostprijs (cost)").fill("twintig euro")
    tab.get_by_label("Link om online mee te doen (online_url)").fill("www.voorbeeld.be/vergadering")
    publish(tab)
    tab.get_by_text("Schrijf gratis, of een bedrag in euro zonder teken: 25 of 12,50.").wait_for()
    tab.get_by_text("Een webadres begint met https:// of http://.").wait_for()
    tab.get_by_text("Titel (title) is vereist.").wait_for()  # Decap's own Dutch
    assert sorted(p.relative_to(site.root) for p in site.root.rglob("*.yml")) == before, "nothing saved"


@pytest.mark.browser
def test_an_existing_markdown_file_keeps_its_body_and_style_when_saved(editing) -> None:
    site, tab = editing
    path = site.root / "networks" / "buurtpunt" / "sessions" / "bijeenkomst-2.md"
    tab.goto(tab.url.split("#")[0] + "#/collections/session/entries/buurtpunt/sessions/bijeenkomst-2.md")
    title = tab.get_by_label("Titel (title)")
    title.fill("Juridisch en financieel kader")
    tab.get_by_label("Beginuur (start_time)").fill("20:00")  # a field the file did not have
    # The Markdown editor (text, no rich text) is the text box in the field of that label.
    field = tab.locator("label", has_text="Verslag (report)").locator("xpath=ancestor::div[.//*[@role='textbox']][1]")
    field.get_by_role("textbox").click()
    tab.keyboard.press("Control+End")  # after the body's last line
    tab.keyboard.type("Met _Dorv_ als voorbeeld: [[case:dorv]].")
    publish(tab)
    assert settled(path, containing="[[case:dorv]]") == (
        "---\nnumber: 2\ntitle: Juridisch en financieel kader\ndate: 2019-10-22\nstart_time: 20:00\ncases: [repair-cafe]\n---\n"
        "We overlopen de **juridische** mogelijkheden.\nMet _Dorv_ als voorbeeld: [[case:dorv]].\n"
    ), (
        "the Markdown as typed (a link to a case stays one); the file's own order and lines (number first, the list as it was written), the new field after the one before it in the model, the body as it was"
    )
    check = subprocess.run([sys.executable, "-m", "praktijkboek", "validate", "--root", str(site.root)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr


@pytest.mark.browser
def test_a_collection_lists_its_own_files_yml_and_md(editing) -> None:
    site, tab = editing
    base = tab.url.split("#")[0]
    tab.goto(base + "#/collections/session")
    listing = tab.get_by_role("main")
    listing.get_by_text("Participatie en communicatie").wait_for()
    listing.get_by_text("Juridisch kader").wait_for()  # networks/buurtpunt/sessions/bijeenkomst-2.md
    assert listing.get_by_text("Lerend netwerk buurtpunt").count() == 0, "the network's own file is not one of its sessions"
    tab.goto(base + "#/collections/case")
    tab.get_by_role("main").get_by_text("Dorv").wait_for()  # content/cases/dorv.md
    tab.get_by_role("main").get_by_text("Repair Café").wait_for()


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, text=True).stdout


@pytest.mark.browser
def test_a_change_from_the_form_is_a_branch_until_it_is_published(site: Site, chromium) -> None:
    """The editorial workflow, with decap-server's git mode standing in for GitHub: saving makes a branch with
    the new file, the main branch stays as it was; publishing (merging) brings the file onto it."""
    site.write(".gitignore", "site/\n")
    git(site.root, "init", "-q", "-b", "main")
    git(site.root, "config", "user.name", "Redactie")
    git(site.root, "config", "user.email", "redactie@example.org")
    with signed_in(site, chromium, mode="git") as tab:
        tab.goto(tab.url.split("#")[0] + "#/collections/session/new")
        tab.get_by_label("Titel (title)").fill("Een sessie ter review")
        pick(tab, "Netwerk", "buurtpunt", "Lerend netwerk buurtpunt")
        tab.get_by_label("Datum (date)").fill("2027-05-20")
        tab.get_by_role("button", name="Opslaan").click()
        path = "networks/buurtpunt/sessions/een-sessie-ter-review.yml"
        branch = wait_for(lambda: git(site.root, "branch", "--list", "cms/*").strip().lstrip("* ") or None, timeout=30)
        assert branch.startswith("cms/session/"), branch
        saved_text = wait_for(
            lambda: subprocess.run(["git", "-C", str(site.root), "show", f"{branch}:{path}"], capture_output=True, text=True).stdout, timeout=30
        )
        assert saved_text == "title: Een sessie ter review\ndate: 2027-05-20\n"
        # The proxy commits on the branch and goes back to main: the change is not on main until published.
        wait_for(lambda: git(site.root, "rev-parse", "--abbrev-ref", "HEAD").strip() == "main" and not (site.root / path).exists(), timeout=30)
        assert path not in git(site.root, "ls-tree", "-r", "--name-only", "main")
        # Ready, then published: as a reviewer merges the pull request.
        tab.get_by_role("button", name="Status: Concept").click()
        tab.get_by_role("menuitem", name="Klaar").click()
        tab.get_by_role("button", name="Status: Klaar").wait_for()
        tab.once("dialog", lambda dialog: dialog.accept())  # "Weet je zeker ...?": yes
        publish(tab)
        wait_for(lambda: path in git(site.root, "ls-tree", "-r", "--name-only", "main"), timeout=30)
        assert (site.root / path).read_text(encoding="utf-8") == saved_text
        wait_for(lambda: not git(site.root, "branch", "--list", "cms/*").strip(), timeout=30)  # the branch goes once merged
