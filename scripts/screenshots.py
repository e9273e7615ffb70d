"""Screenshots of the built book: the home page and a session page for the README (docs/screenshots/),
and, with --all, one page of every kind at a phone's and a desktop's width in light and dark mode
(into a folder of your choice), to look at before a release.

    .venv/bin/python scripts/screenshots.py --site site                 # docs/screenshots/*.png
    .venv/bin/python scripts/screenshots.py --site site --all /tmp/shots
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "plugins")]

from conftest import serve_folder  # noqa: E402
from praktijkboek.core.knowledge.load import load  # noqa: E402
from praktijkboek.core.pages.plan import plan  # noqa: E402
from praktijkboek.core.reading.loader import Layout  # noqa: E402
from praktijkboek.outputs.pdf import browser  # noqa: E402

WIDTHS = {"telefoon": (390, 844), "desktop": (1280, 900)}


def pages() -> dict[str, str]:
    """One address per kind of page, read off the repository's plan."""
    found = {"start": ""}
    for page in plan(load(Layout(ROOT))):
        found.setdefault(page.kind, f"{page.url_path}/")
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", default="site", help="a built site (./scripts/build)")
    parser.add_argument("--all", metavar="FOLDER", help="every kind of page, both widths, light and dark, into FOLDER")
    args = parser.parse_args()
    site = Path(args.site).resolve()
    wanted = pages()
    if args.all:
        out, shots = Path(args.all), [(kind, width, scheme) for kind in wanted for width in WIDTHS for scheme in ("light", "dark")]
    else:
        out, shots = ROOT / "docs/screenshots", [(kind, width, "light") for kind in ("start", "session") for width in WIDTHS]
    out.mkdir(parents=True, exist_ok=True)
    with serve_folder(site) as url, browser() as chromium:
        for kind, width, scheme in shots:
            context = chromium.new_context(viewport={"width": WIDTHS[width][0], "height": WIDTHS[width][1]}, color_scheme=scheme, device_scale_factor=1)
            page = context.new_page()
            page.goto(url + wanted[kind])
            name = f"{kind}-{width}" + ("" if scheme == "light" else "-donker") + ".png"
            page.screenshot(path=str(out / name), full_page=False)
            context.close()
            print(out / name)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
