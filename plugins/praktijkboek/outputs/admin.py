"""The editing interface at /admin/ of the built book: Decap CMS from the npm registry, shipped with the site.

`write_admin` copies the bundle (scripts/cms/package.json pins it; `npm ci --prefix scripts/cms` installs it)
and js-yaml into <site>/admin/, with the book's own loader (praktijkboek-cms.js, index.html) and the
configuration generated from the models (core/editors/cms.py, which the host calls). Nothing is fetched from a CDN: the page makes
requests to the book's own address, to GitHub's API when an editor signs in, and to the local proxy on
localhost.

No MkDocs imports here: any host calls it after its build.
"""

from __future__ import annotations

import html
import shutil
from dataclasses import dataclass
from pathlib import Path

OWN = Path(__file__).parent / "admin"
#: Where `npm ci --prefix scripts/cms` puts the packages, relative to the project root.
DEFAULT_PACKAGES = "scripts/cms/node_modules"
SITE_FOLDER = "admin"


class AdminError(Exception):
    """The interface cannot be made (its packages are not installed); the message says what to do, in Dutch."""


@dataclass(frozen=True)
class Written:
    folder: Path
    files: int
    bytes: int


def bundle_files(packages: Path) -> list[tuple[Path, str]]:
    """(source, name in admin/) of everything the interface loads: Decap's bundle, its chunks and wasm, js-yaml."""
    dist = packages / "decap-cms" / "dist"
    yaml_js = packages / "js-yaml" / "dist" / "browser" / "js-yaml.umd.min.js"
    main = dist / "decap-cms.js"
    if not main.is_file() or not yaml_js.is_file():
        raise AdminError(
            f"De bewerkpagina (/admin/) heeft Decap CMS en js-yaml nodig in {packages}, maar ze zijn niet geïnstalleerd. "
            "Installeer ze met: npm ci --prefix scripts/cms (./scripts/build en ./scripts/serve doen dat zelf). "
            "Of zet 'cms: false' bij de plugin praktijkboek in mkdocs.yml om het boek zonder bewerkpagina te bouwen."
        )
    files = [(main, main.name), (yaml_js, yaml_js.name)]
    files += [(p, p.name) for p in sorted(dist.glob("*.decap-cms.js"))]
    files += [(p, p.name) for p in sorted(dist.glob("*.wasm"))]
    files += [(p, p.name) for p in sorted(dist.glob("decap-cms.js.LICENSE.txt"))]
    return files


def write_admin(site_dir: Path, packages: Path, config: str, site_name: str) -> Written:
    """Write <site_dir>/admin/: the interface, its loader and its configuration (`config`: the text of
    config.yml, as core/editors/cms.py renders it)."""
    files = bundle_files(packages)
    folder = site_dir / SITE_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    for source, name in files:
        shutil.copyfile(source, folder / name)
    shutil.copyfile(OWN / "praktijkboek-cms.js", folder / "praktijkboek-cms.js")
    page = (OWN / "index.html").read_text(encoding="utf-8").replace("{{ site_name }}", html.escape(site_name))
    (folder / "index.html").write_text(page, encoding="utf-8")
    (folder / "config.yml").write_text(config, encoding="utf-8")
    written = [p for p in folder.iterdir() if p.is_file()]
    return Written(folder, len(written), sum(p.stat().st_size for p in written))
