"""The layers of the code, kept by their imports: a newcomer can tell from the tree where a change goes.

plugins/praktijkboek/
  core/reading     files -> validated entities (kinds, models, the strict YAML reader, problems)
  core/knowledge   the knowledge graph and what is derived from it (references, lens, taxonomies)
  core/editors     tools for editors: JSON Schemas, the editing interface's configuration, scaffolding, reports, the link check
  core/exports     agenda, open data, JSON-LD
  core/pages       the page plan, views, handouts, the page renderer
  outputs/         what runs another program: Chromium (PDF), Pagefind, the QR-code worker, the editing interface (Decap)
  host/            the MkDocs adapter's collaborators; mkdocs_plugin.py is the plugin; cli.py the command
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from conftest import REPO

PACKAGE = REPO / "plugins/praktijkboek"

#: What each layer of the core may import of the project (itself included).
ALLOWED = {
    "core.reading": {"core.reading"},
    "core.knowledge": {"core.reading", "core.knowledge"},
    "core.editors": {"core.reading", "core.editors"},
    "core.exports": {"core.reading", "core.knowledge", "core.editors", "core.exports"},
    "core.pages": {"core.reading", "core.knowledge", "core.exports", "core.pages"},
    "outputs": {"core.reading", "core.knowledge", "core.exports", "core.pages", "outputs"},
    "static_host": {"core.reading", "core.knowledge", "core.editors", "core.exports", "core.pages", "outputs", "static_host"},
}
#: The second host adapter uses no MkDocs object either: it is what a host without plugins runs.
NOT_IN_STATIC_HOST = {"mkdocs", "properdocs", "material"}
#: Libraries the core never imports: the host tools, and what starts another program.
NOT_IN_CORE = {"mkdocs", "properdocs", "material", "subprocess", "playwright", "pagefind_bin"}


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts and p != PACKAGE / "core/__init__.py")


def _layer(path: Path) -> str:
    parts = path.relative_to(PACKAGE).parts
    return ".".join(parts[:2]) if parts[0] == "core" else parts[0].removesuffix(".py")


def _imports(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{path.relative_to(REPO)}: relative import; write praktijkboek.… in full"
            found.append(node.module or "")
    return found


def test_every_module_is_in_a_layer():
    layers = {_layer(path) for path in _modules()}
    assert layers <= set(ALLOWED) | {"host", "mkdocs_plugin", "cli", "__init__", "__main__"}, layers
    assert set(ALLOWED) <= layers


@pytest.mark.parametrize("path", [p for p in _modules() if _layer(p) in ALLOWED], ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_run_down_the_layers_only(path: Path):
    layer = _layer(path)
    for name in _imports(path):
        top = name.split(".")[0]
        if layer.startswith("core"):
            assert top not in NOT_IN_CORE, f"{path.relative_to(REPO)} imports {name}: the core must outlive the host and start no program"
        if layer == "static_host":
            assert top not in NOT_IN_STATIC_HOST, f"{path.relative_to(REPO)} imports {name}: generate and postbuild run without MkDocs"
        if top != "praktijkboek":
            continue
        target = ".".join(name.split(".")[1:3]) if name.split(".")[1:2] == ["core"] else name.split(".")[1]
        assert target in ALLOWED[layer], f"{path.relative_to(REPO)} ({layer}) imports {name}; it may import {sorted(ALLOWED[layer])}"
