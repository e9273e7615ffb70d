"""Command line: `praktijkboek validate` checks every content file without building.

It runs the same loader, validator and page planner as the build, and reads the
same folder settings from mkdocs.yml, so what passes here passes there. Exit
code 0 when all is well, 1 when there are problems.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import yaml

from .core.loader import Layout, load
from .core.pages import plan
from .core.problems import ContentError


class _SettingsLoader(yaml.SafeLoader):
    """Reads mkdocs.yml for a few plain settings; tags such as !!python/name are ignored."""


_SettingsLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def layout_from_config(root: Path, config: Path) -> Layout:
    """The folders the build uses: docs_dir and the plugin's networks_dir/content_dir."""
    settings: dict[str, Any] = {}
    if config.is_file():
        settings = yaml.load(config.read_text(encoding="utf-8"), Loader=_SettingsLoader) or {}  # noqa: S506 - safe subclass
    options: dict[str, Any] = {}
    for plugin in settings.get("plugins") or []:
        if isinstance(plugin, dict) and "praktijkboek" in plugin:
            options = plugin["praktijkboek"] or {}
    return Layout(
        root,
        networks_dir=options.get("networks_dir", "networks"),
        content_dir=options.get("content_dir", "content"),
        pages_dir=settings.get("docs_dir", "content/pages"),
    )


def _validate(args: argparse.Namespace) -> int:
    root = Path(args.root).resolve()
    layout = layout_from_config(root, root / args.config)
    try:
        graph = load(layout)
        plan(graph)
    except ContentError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    counts = ", ".join(f"{len(nodes)} {nodes[0].entity.PLURAL.lower()}" for nodes in graph.by_kind.values() if nodes)
    print(f"In orde: {len(graph)} bestanden gelezen ({counts}).")
    return 0


def _handouts(args: argparse.Namespace) -> int:
    from .core.pdf import HandoutError, render_site

    site = Path(args.site_dir)
    try:
        rendered = render_site(site)
    except HandoutError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    if rendered:
        per = sum(r.seconds for r in rendered) / len(rendered)
        print(f"{len(rendered)} handouts gemaakt in {site}/handouts/ ({per:.2f} s per handout).")
    else:
        print("Geen sessies: geen handouts gemaakt.")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="praktijkboek", description="Hulpmiddelen voor het praktijkboek.")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("validate", help="Controleer alle inhoudsbestanden (zonder te bouwen).")
    check.add_argument("--root", default=".", help="De map van het project (standaard: de huidige map).")
    check.add_argument("--config", default="mkdocs.yml", help="Het configuratiebestand, relatief aan --root (standaard: mkdocs.yml).")
    check.set_defaults(func=_validate)
    pdf = sub.add_parser("handouts", help="Maak de PDF-handouts van elke sessie en per netwerk in een gebouwde site.")
    pdf.add_argument("--site-dir", default="site", help="De gebouwde site (standaard: site).")
    pdf.set_defaults(func=_handouts)
    args = parser.parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
