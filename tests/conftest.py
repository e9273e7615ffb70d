"""Shared helpers: small practice books written into tmp_path and built for real."""

from __future__ import annotations

import fcntl
import http.server
import json
import logging
import os
import re
import shutil
import socket
import subprocess
import sys
import textwrap
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]

MKDOCS_YML = """\
site_name: Testboek
site_url: https://example.org/boek/
repo_url: https://github.com/voorbeeld/boek
edit_uri: edit/main/
docs_dir: content/pages
theme:
  name: material
  language: nl
  custom_dir: {overrides}
  features: [content.action.edit]
plugins:
  - search
  - praktijkboek:
      search: material
markdown_extensions:
  - attr_list
  - toc:
      permalink: true
"""

#: A small but complete practice book: one network, two sessions, cases, people, factors.
SMALL_SITE = {
    "content/pages/index.md": "# Testboek\n\nWelkom in het testboek.\n",
    "networks/buurtpunt/network.yml": """\
        title: Lerend netwerk buurtpunt
        kind: lerend netwerk
        summary: Een netwerk over buurtpunten.
        organisers: [netwerk-mobiliteit]
        contacts: [bernard]
        themes: [mobiliteit]
        """,
    "networks/buurtpunt/sessions/bijeenkomst-1.yml": """\
        number: 1
        title: Participatie en communicatie
        date: 2019-06-06
        start_time: "19:30"
        end_time: "21:30"
        municipality: Leuven
        format: werksessie
        themes: [mobiliteit]
        cases: [repair-cafe, dorv]
        speakers: [anna]
        """,
    "networks/buurtpunt/sessions/bijeenkomst-2.md": """\
        ---
        number: 2
        title: Juridisch kader
        date: 2019-10-22
        cases: [repair-cafe]
        ---
        We overlopen de **juridische** mogelijkheden.
        """,
    "content/cases/repair-cafe.yml": "title: Repair Café\nplace:\n  municipality: Leuven\nthemes: [mobiliteit]\n",
    "content/cases/dorv.md": "---\ntitle: Dorv\n---\nEen dorpswinkel met diensten.\n",
    "content/organisations/netwerk-mobiliteit.yml": "name: Netwerk Duurzame Mobiliteit\n",
    "content/people/bernard.yml": """\
        name: Bernard Govaert
        role: coördinator
        email: bernard@example.org
        phone: 09 331 59 10
        publish_contact: true
        """,
    "content/people/anna.yml": """\
        name: Anna Peeters
        organisation: netwerk-mobiliteit
        email: anna.geheim@example.org
        phone: 0470 12 34 56
        """,
    "content/themes/mobiliteit.yml": "title: Mobiliteit\n",
    "content/conditions/gedeelde-agenda.yml": "title: Gedeelde agenda\norder: 1\ndefinition: Alle actoren delen een visie.\n",
    "content/barriers/spanningen.yml": "title: Spanningen tussen partners\ncondition: gedeelde-agenda\nsources: [buurtpunt/bijeenkomst-1]\n",
    "content/levers/stuurgroep.yml": "title: Een stuurgroep\ncondition: gedeelde-agenda\nsources: [buurtpunt]\n",
}


class Site:
    """A practice book in a temporary folder."""

    def __init__(self, root: Path, files: dict[str, str] | None = None):
        self.root = root
        self.write("mkdocs.yml", MKDOCS_YML.format(overrides=REPO / "overrides"))
        for path, text in (files or SMALL_SITE).items():
            self.write(path, text)

    def write(self, path: str, text: str | bytes) -> Path:
        target = self.root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            target.write_bytes(text)
        else:
            target.write_text(textwrap.dedent(text), encoding="utf-8")
        return target

    def build(self, *extra: str, tool: str = "mkdocs", env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
        """Build as `mkdocs build --strict` does. With no options, tool or environment of its own, in this
        process (MkDocs' own build function: the same plugin, messages and site, a second quicker); otherwise
        through the real command line, as a user would."""
        if not extra and tool == "mkdocs" and env is None:
            told = self.build_here()
            return subprocess.CompletedProcess(["mkdocs", "build", "--strict"], 1 if told else 0, "", told)
        return subprocess.run(
            [sys.executable, "-m", tool, "build", "--strict", "-f", str(self.root / "mkdocs.yml"), *extra],
            cwd=self.root,
            capture_output=True,
            text=True,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
        )

    def page(self, url_path: str) -> str:
        return (self.root / "site" / url_path / "index.html").read_text(encoding="utf-8")

    def with_pagefind(self) -> Site:
        """The book's own search (Pagefind), as the repository has it, instead of the small sites' default
        (Material's search plugin, which builds quicker)."""
        config = self.root / "mkdocs.yml"
        text = config.read_text(encoding="utf-8")
        changed = text.replace("  - search\n  - praktijkboek:\n      search: material\n", "  - praktijkboek\n")
        assert changed != text, "the small site's search settings changed: update with_pagefind"
        config.write_text(changed, encoding="utf-8")
        return self

    def build_here(self) -> str:
        """Build with MkDocs' own build function in this process, strict, as `mkdocs build --strict` does, and
        return what it would print: its log and the error that stopped it ("" when the build succeeded).
        The command line costs a second per build in imports alone; tables of bad files build here."""
        from mkdocs.commands.build import build
        from mkdocs.config import load_config
        from mkdocs.exceptions import MkDocsException

        records: list[str] = []
        handler = logging.Handler(logging.WARNING)
        handler.emit = lambda record: records.append(record.getMessage())  # type: ignore[method-assign]
        logger = logging.getLogger("mkdocs")
        logger.addHandler(handler)
        try:
            config = load_config(str(self.root / "mkdocs.yml"), strict=True)
            # As `mkdocs build` does: MkDocs keeps a plugin with on_startup across loads in one process
            # (for serve), so it must hear that this is a build, not a serve that another test started.
            config.plugins.on_startup(command="build", dirty=False)
            build(config)
            failure = ""
        except MkDocsException as exc:
            failure = str(exc) or type(exc).__name__
        finally:
            logger.removeHandler(handler)
        return "\n".join([*records, failure]) if failure else ""


@pytest.fixture
def site(tmp_path: Path) -> Site:
    return Site(tmp_path)


@pytest.fixture(scope="module")
def built_small_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    built = Site(tmp_path_factory.mktemp("small"))
    result = built.build()
    assert result.returncode == 0, result.stderr
    return built


def links(html: str, relation: str) -> list[str]:
    """The `data-pb-link` keys listed under one `data-pb-relation`."""
    block = re.search(rf'data-pb-relation="{re.escape(relation)}">(.*?)</(?:ul|ol)>', html, re.S)
    assert block, f"no relation {relation!r} on the page"
    return re.findall(r'data-pb-link="([^"]+)"', block.group(1))


def field(html: str, name: str) -> str | None:
    match = re.search(rf'data-pb-field="{name}"><dt>[^<]*</dt>\s*<dd>(.*?)</dd>', html, re.S)
    return re.sub(r"<[^>]+>", "", match.group(1)).strip() if match else None


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@contextmanager
def serve_folder(folder: Path):
    """A built site on a loopback port, as a browser would fetch it."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


@contextmanager
def served_book(folder: Path, files: dict[str, str]):
    """A small book with the book's own search (Pagefind), built and served: (the site, its address)."""
    site = Site(folder, files).with_pagefind()
    result = site.build()
    assert result.returncode == 0, result.stderr
    with serve_folder(site.root / "site") as url:
        yield site, url


def _has_chromium() -> bool:
    from praktijkboek.outputs.pdf import HandoutError, find_chromium

    try:
        find_chromium()
    except HandoutError:
        return False
    return True


HAS_CHROMIUM = _has_chromium()
NO_CHROMIUM = "Chromium is missing: ./scripts/test installs it (Debian: apt-get install chromium), or set PRAKTIJKBOEK_CHROMIUM"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests marked `browser` skip, with the reason, where there is no Chromium."""
    for item in items:
        if "browser" in item.keywords and not HAS_CHROMIUM:
            item.add_marker(pytest.mark.skip(reason=NO_CHROMIUM))


@pytest.fixture(scope="module")
def chromium():
    """Debian's Chromium through playwright, one per test module."""
    from praktijkboek.outputs.pdf import browser

    if not HAS_CHROMIUM:
        pytest.skip(NO_CHROMIUM)
    with browser() as instance:
        yield instance


class Yaml12Loader(yaml.SafeLoader):
    """How editors' YAML extensions type values: YAML 1.2's core schema, as VS Code's YAML extension
    (the `yaml` npm package) reads a file. `2026` is a number, `TRUE` a boolean; `19:30`, `2019-06-06`
    and `yes` are text. Only the types matter here: they decide what the JSON Schema sees."""


Yaml12Loader.yaml_implicit_resolvers = {}
for _tag, _regexp, _first in [
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
    ("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", list("-+0123456789")),
    (
        "tag:yaml.org,2002:float",
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        list("-+0123456789."),
    ),
]:
    Yaml12Loader.add_implicit_resolver(_tag, re.compile(_regexp), _first)


def _yaml12_int(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> int:
    text = loader.construct_scalar(node)
    return int(text[2:], 8) if text.startswith("0o") else int(text[2:], 16) if text.startswith("0x") else int(text)


def _yaml12_float(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> float:
    text = str(loader.construct_scalar(node)).lower().replace(".inf", "inf").replace(".nan", "nan")
    return float(text)


Yaml12Loader.add_constructor("tag:yaml.org,2002:int", _yaml12_int)
Yaml12Loader.add_constructor("tag:yaml.org,2002:float", _yaml12_float)


def yaml12(text: str):
    return yaml.load(text, Loader=Yaml12Loader)  # noqa: S506 - a SafeLoader subclass


def add_a_new_network(root: Path) -> str:
    """What an editor adds in a pull request: a new network with seven regional sessions and an online
    one, three organisations, a person, two cases, a theme, a barrier and a lever. The network and its
    sessions are made with `praktijkboek new`, as the guide says; nothing refers to a seed id, except
    one existing condition and theme, picked from the content itself. Returns the network's id."""
    from praktijkboek.core.knowledge.load import load
    from praktijkboek.core.reading.loader import Layout

    graph = load(Layout(root))
    condition = graph.by_kind["condition"][0].id
    theme = graph.by_kind["theme"][0].id
    # Ids of its own, also when the content already has these (a second run on the same copy).
    taken = {node.id for nodes in graph.by_kind.values() for node in nodes}
    x = next(s for s in ("", *(f"-{n}" for n in range(2, 100))) if f"leerkring-noorden-2026{s}" not in taken and f"bureau-kern{s}" not in taken)
    network, platform, wijkwerk, bureau, person = (
        f"leerkring-noorden-2026{x}",
        f"dorpenplatform-noord{x}",
        f"wijkwerk-zwolle{x}",
        f"bureau-kern{x}",
        f"fenna-dijkstra{x}",
    )
    dorpshuis, wijkbus, new_theme = f"dorpshuis-de-kern{x}", f"wijkbus-noord{x}", f"dorpsvoorzieningen{x}"
    new = [sys.executable, "-m", "praktijkboek", "new"]
    subprocess.run(
        [*new, "network", network, "--title", "Leerkring Noorden: dorpen en wijken", "--network-kind", "leerkring", "--root", str(root)],
        check=True,
        capture_output=True,
    )
    regions = ["Friesland", "Groningen", "Drenthe", "Overijssel", "Gelderland", "Flevoland", "Utrecht"]
    for number, region in enumerate(regions, start=1):
        subprocess.run(
            [
                *new,
                "session",
                f"{network}/regio-{number}",
                "--title",
                f"Regiobijeenkomst {region}",
                "--date",
                f"2026-{number + 2:02d}-1{number}",
                "--start-time",
                "13:30",
                "--end-time",
                "16:30",
                "--root",
                str(root),
            ],
            check=True,
            capture_output=True,
        )
        path = root / f"networks/{network}/sessions/regio-{number}.yml"
        _fill(
            path,
            {
                "# number: 1": f"number: {number}",
                "# municipality: Leuven": f"municipality: {region}",
                "# cases: [repair-cafe]": f"cases: [{dorpshuis if number % 2 else wijkbus}]",
                "# participants: 15": f"participants: {10 + number}",
                "# themes: [participatie]": f"themes: [{theme}, {new_theme}]",
            },
        )
    subprocess.run(
        [
            *new,
            "session",
            f"{network}/online-1",
            "--title",
            "Online: wat leerden we?",
            "--date",
            "2027-02-04",
            "--start-time",
            "10:00",
            "--end-time",
            "11:30",
            "--root",
            str(root),
        ],
        check=True,
        capture_output=True,
    )
    _fill(
        root / f"networks/{network}/network.yml",
        {
            "# organisers: [platform31]": f"organisers: [{platform}]",
            "# partners: [cera]": f"partners: [{wijkwerk}, {bureau}]",
            "# contacts: [bernard-govaert]": f"contacts: [{person}]",
        },
    )
    files = {
        f"content/organisations/{platform}.yml": "name: Dorpenplatform Noord\nkind: koepel\nwebsite: https://www.voorbeeld.nl/dorpen\n",
        f"content/organisations/{wijkwerk}.yml": "name: Wijkwerk Zwolle\nplace:\n  municipality: Zwolle\n  country: Nederland\n",
        f"content/organisations/{bureau}.yml": "name: Bureau Kern\n",
        f"content/people/{person}.yml": f"name: Fenna Dijkstra\norganisation: {platform}\nrole: procesbegeleider\nemail: fenna@voorbeeld.nl\npublish_contact: true\n",
        f"content/cases/{dorpshuis}.yml": f"title: Dorpshuis De Kern\nkind: dorpshuis\nplace:\n  municipality: Ee\n  country: Nederland\n"
        f"organisations: [{bureau}]\nsummary: Bewoners runnen samen het dorpshuis.\n",
        f"content/cases/{wijkbus}.md": f"---\ntitle: Wijkbus Noord\norganisations: [{wijkwerk}]\n---\nVrijwilligers rijden buren naar de markt.\n",
        f"content/themes/{new_theme}.yml": "title: Dorpsvoorzieningen\n",
        f"content/barriers/te-weinig-vrijwilligers-noord{x}.yml": f"title: Te weinig vrijwilligers\ncondition: {condition}\nsources: [{network}/regio-1, {network}/regio-2]\n",
        f"content/levers/samen-met-de-gemeente-noord{x}.yml": f"title: Samen optrekken met de gemeente\ncondition: {condition}\nsources: [{network}]\n",
    }
    for rel, content in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(content, encoding="utf-8")
    return network


def _fill(path: Path, lines: dict[str, str]) -> None:
    """Fill in fields of a file that `praktijkboek new` wrote, as an editor does: uncomment and edit."""
    text = path.read_text(encoding="utf-8")
    for old, new in lines.items():
        assert old in text, f"{path.name}: the scaffold has no line '{old}' any more; update add_a_new_network"
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")


def copy_of_the_repository(target: Path) -> Path:
    """The repository's book (config, content, templates) in a folder of its own."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "mkdocs.yml", target / "mkdocs.yml")
    for folder in ("networks", "content", "overrides", "docs"):
        shutil.copytree(REPO / folder, target / folder)
    # The editing interface's packages (mkdocs.yml: cms), as ./scripts/cms-packages installed them.
    (target / "scripts" / "cms").mkdir(parents=True)
    packages = REPO / "scripts" / "cms" / "node_modules"
    if packages.is_dir():
        (target / "scripts" / "cms" / "node_modules").symlink_to(packages)
    return target


@dataclass
class BuiltBook:
    """A practice book built as `scripts/build` does: the strict build, then the handouts."""

    root: Path
    site: Path
    handouts: str
    """What `praktijkboek handouts` printed."""
    added: str | None = None
    """The network an editor's pull request added (`add_a_new_network`), if any."""

    def page(self, url_path: str) -> str:
        return (self.site / url_path / "index.html").read_text(encoding="utf-8")


def build_book(root: Path, site: Path) -> BuiltBook:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(root / "mkdocs.yml"), "--site-dir", str(site)],
        cwd=root,
        capture_output=True,
        text=True,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    if not HAS_CHROMIUM:  # the tests of the handouts are marked `browser` and skip
        return BuiltBook(root, site, "")
    handouts = subprocess.run([sys.executable, "-m", "praktijkboek", "handouts", "--site-dir", str(site)], capture_output=True, text=True, env=env)
    assert handouts.returncode == 0, handouts.stderr
    return BuiltBook(root, site, handouts.stdout)


def _shared(name: str, tmp_path_factory: pytest.TempPathFactory, worker_id: str, make: Callable[[Path], BuiltBook]) -> BuiltBook:
    """A book built once per test run, also with several pytest-xdist workers: the first worker builds
    it in the run's common folder under a lock, the others read where it is."""
    base = tmp_path_factory.getbasetemp()
    if worker_id != "master":
        base = base.parent  # the folder all workers of this run share
    folder, done = base / f"shared-{name}", base / f"shared-{name}.json"
    with (base / f"shared-{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            built = make(folder)
            done.write_text(json.dumps({"root": str(built.root), "site": str(built.site), "handouts": built.handouts, "added": built.added}))
    data = json.loads(done.read_text())
    return BuiltBook(Path(data["root"]), Path(data["site"]), data["handouts"], data["added"])


@pytest.fixture(scope="session")
def repository_book(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> BuiltBook:
    """The repository's own content, built once for every test that reads it."""
    return _shared("repository", tmp_path_factory, worker_id, lambda folder: build_book(REPO, folder / "site"))


def _with_a_new_network(folder: Path) -> BuiltBook:
    root = copy_of_the_repository(folder / "book")
    network = add_a_new_network(root)
    built = build_book(root, root / "site")
    built.added = network
    return built


@pytest.fixture(scope="session")
def book_with_a_new_network(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> BuiltBook:
    """The repository with what an editor's first pull request adds (see add_a_new_network)."""
    return _shared("pull-request", tmp_path_factory, worker_id, _with_a_new_network)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str, timeout: float = 5) -> tuple[int, str, str]:
    """(status, content type, text) of one request; a request that hangs fails after `timeout`."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type", ""), error.read().decode("utf-8", "replace")


def wait_for(check, timeout: float = 60, every: float = 0.05):
    """Poll `check()` until it returns something true; that value, or an AssertionError at the timeout."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {timeout} s")
        time.sleep(every)


@dataclass
class Preview:
    """`mkdocs serve` (or `properdocs serve`) of a book, as `./scripts/serve` runs it."""

    process: subprocess.Popen
    url: str
    log: Path

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


@contextmanager
def serving(root: Path, tool: str = "mkdocs", wait: str = ""):
    """Serve the book in `root` on a free port until the block ends. Waits until `wait` (a page
    address under the site) answers, so that the first build is done."""
    port = free_port()
    log = root / f"serve-{port}.log"
    with log.open("w", encoding="utf-8") as handle:
        process = subprocess.Popen(
            [sys.executable, "-m", tool, "serve", "--dirty", "--no-strict", "-a", f"127.0.0.1:{port}", "-f", str(root / "mkdocs.yml")],
            cwd=root,
            stdout=handle,
            stderr=subprocess.STDOUT,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
    base = f"http://127.0.0.1:{port}"
    preview = Preview(process, base + _mount_path(root), log)
    try:

        def ready() -> bool:
            if process.poll() is not None:
                raise AssertionError(f"{tool} serve stopped:\n{preview.output()}")
            try:
                return fetch(preview.url + wait, timeout=2)[0] == 200
            except OSError:
                return False

        wait_for(ready, timeout=120, every=0.2)
        yield preview
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


def _mount_path(root: Path) -> str:
    match = re.search(r"^site_url: *https?://[^/\s]+(/\S*)?", (root / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    path = (match.group(1) if match else None) or "/"
    return path if path.endswith("/") else path + "/"
