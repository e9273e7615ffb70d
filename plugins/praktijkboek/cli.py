"""Command line: `praktijkboek validate` checks every content file without building.

It runs the same loader and validator as the build, so what passes here passes
there. Exit code 0 when all is well, 1 when there are problems.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .core.loader import Layout, load
from .core.problems import ContentError


def _validate(args: argparse.Namespace) -> int:
    layout = Layout(Path(args.root).resolve(), args.networks_dir, args.content_dir, args.pages_dir)
    try:
        graph = load(layout)
    except ContentError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    counts = ", ".join(f"{len(nodes)} {nodes[0].entity.PLURAL.lower()}" for nodes in graph.by_kind.values() if nodes)
    print(f"In orde: {len(graph)} bestanden gelezen ({counts}).")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="praktijkboek", description="Hulpmiddelen voor het praktijkboek.")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("validate", help="Controleer alle inhoudsbestanden (zonder te bouwen).")
    check.add_argument("--root", default=".", help="De map van het project (standaard: de huidige map).")
    check.add_argument("--networks-dir", default="networks")
    check.add_argument("--content-dir", default="content")
    check.add_argument("--pages-dir", default="content/pages")
    check.set_defaults(func=_validate)
    args = parser.parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
