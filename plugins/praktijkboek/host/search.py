"""Search for the book: Pagefind fed while MkDocs builds, or Material's own search plugin kept whole.

`pagefind` (the default): each page's content goes to Pagefind as MkDocs makes it (first pass),
Pagefind parses it on the other core and writes its index while MkDocs renders the templates
(second pass). In a dirty rebuild the pages MkDocs did not rebuild are read back from the site.
`material`: Material's search plugin indexes only the pages it rebuilt; the others are added back.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page as MkDocsPage

from praktijkboek.outputs import searchindex


class BookSearch:
    def __init__(self) -> None:
        self.engine = "pagefind"
        self.indexer: searchindex.Indexer | None = None
        """Pagefind, while a build is under way."""
        self.pages: list[MkDocsPage] = []
        """Every page of this build (a dirty rebuild makes only some of them)."""
        self.made: set[str] = set()
        """The URLs of the pages this build made."""
        self._material_docs: list[dict[str, Any]] | None = None
        """Material's search index of the last build."""

    def configure(self, engine: str, config: MkDocsConfig) -> None:
        self.engine = engine
        if engine != "pagefind":
            return
        if "search" in config.plugins or "material/search" in config.plugins:
            raise PluginError(
                "praktijkboek: search: pagefind, maar ook Material's plugin 'search' staat in mkdocs.yml. "
                "Haal 'search' uit plugins, of zet search: material bij praktijkboek."
            )
        config.extra["praktijkboek_search"] = "pagefind"

    def start(self) -> None:
        self.stop()  # one of a build that failed
        self.made = set()
        if self.engine == "pagefind":
            self.indexer = searchindex.Indexer()

    def add(self, page: MkDocsPage, language: str, content: str) -> None:
        self.made.add(page.url)
        if self.indexer is not None:
            self.indexer.add(_search_url(page.file.dest_uri), searchindex.page_html(language, str(page.title), content))

    def write(self, site_dir: Path) -> None:
        """Every page's content is made: Pagefind writes its index while MkDocs renders the templates."""
        if self.indexer is None:
            return
        for page in self.pages:
            written = site_dir / page.file.dest_uri
            if _search_url(page.file.dest_uri) not in self.indexer.pages and written.is_file():
                self.indexer.add(_search_url(page.file.dest_uri), searchindex.indexable(written.read_text(encoding="utf-8")))
        self.indexer.write(site_dir / searchindex.INDEX_DIR)

    def finish(self, site_dir: Path, dirty: bool) -> None:
        if self.indexer is not None:
            indexer, self.indexer = self.indexer, None
            indexer.finish()
        else:
            self._keep_material_index_whole(site_dir, dirty)

    def stop(self) -> None:
        if self.indexer is not None:
            self.indexer.stop()
            self.indexer = None

    def _keep_material_index_whole(self, site_dir: Path, dirty: bool) -> None:
        """In a dirty rebuild Material's search indexes only the pages it rebuilt: add back the others."""
        path = site_dir / "search" / "search_index.json"
        if not path.is_file():
            return
        index = json.loads(path.read_text(encoding="utf-8"))
        if dirty and self._material_docs is not None:
            existing = {page.url for page in self.pages}
            kept = [doc for doc in self._material_docs if doc["location"].split("#")[0] in existing and doc["location"].split("#")[0] not in self.made]
            index["docs"] = kept + index["docs"]
            path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        self._material_docs = index["docs"]


def _search_url(dest_uri: str) -> str:
    """A page's address from the site's root, as Pagefind reports it (`/netwerken/x/`)."""
    return "/" + dest_uri.removesuffix("index.html")
