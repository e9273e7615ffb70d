"""The book's files among MkDocs' files: the generated pages, the exports, the hand-written pages.

Like mkdocs-gen-files' `FilesEditor`, it changes only the files that are the book's: the pages it
generates, and the hand-written pages of docs_dir (their edit link, their "changed" flag). Pages
that another plugin or a hook added are left as they are.
"""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urljoin

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel

from praktijkboek.core.pages.plan import Page, home_page, url_path
from praktijkboek.core.reading.loader import Layout


class ContentFile(File):
    """A page that `serve --dirty` rebuilds when what it shows changed, not when a file's mtime did."""

    changed = True

    def is_modified(self) -> bool:
        if self.changed:
            return True
        return self.generated_by is None and super().is_modified()


class BookFiles:
    """The book's pages as MkDocs files, and where each lives."""

    def __init__(self, files: Files, config: MkDocsConfig, layout: Layout):
        self._files = files
        self._config = config
        self.layout = layout
        self.pages: dict[str, Page] = {}
        """The book's pages by src_uri: generated ones, and the home page if docs_dir has one."""
        self.files: dict[str, File] = {}
        """The MkDocs file of each page, by page key."""
        self.urls: dict[str, str] = {}
        """Page key -> its address in the site (`netwerken/x/`): the renderer's URL resolver."""
        written = [file for file in files.documentation_pages()]
        self.hand_written: dict[str, File] = {file.src_uri: file for file in written if file.generated_by is None}
        """docs_dir's pages, by src_uri: the only pages besides its own that the book changes."""
        self.others: dict[str, str] = {url_path(f.src_uri): f"{f.src_uri} (van {f.generated_by})" for f in written if f.generated_by is not None}
        """Pages another plugin or a hook generated: address -> what made them (they may not take a page's address)."""

    def add_pages(self, pages: list[Page]) -> None:
        for page in pages:
            inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
            # A leading blank line: editors' text can never be read as front matter.
            file = ContentFile.generated(self._config, page.src_uri, content="\n" + page.body, inclusion=inclusion)
            file.edit_uri = page.source
            self._files.append(file)
            self._own(page, file)
        home = home_page(self.hand_written, self._config.site_name)
        if home is not None:
            self._own(home, self.hand_written[home.src_uri])

    def _own(self, page: Page, file: File) -> None:
        self.pages[page.src_uri] = page
        self.files[page.key] = file
        self.urls[page.key] = file.url

    def absolute(self, site_url: str | None) -> dict[str, str]:
        """Absolute page addresses by key, when the site has a site_url (for QR codes, feeds, JSON-LD)."""
        return {key: urljoin(site_url, file.url) for key, file in self.files.items()} if site_url else {}

    def add_exports(self, exports: Mapping[str, str | bytes]) -> None:
        """Files next to the pages (agenda feeds, open data), made from the same graph."""
        for path, content in exports.items():
            self._files.append(File.generated(self._config, path, content=content))

    def take_over_hand_written(self) -> None:
        """docs_dir's pages become ContentFiles with an edit link into the repository: `serve --dirty`
        rebuilds them when the book they show changed (the home overview, [[kind:id]] link labels)."""
        for src_uri, page in list(self.hand_written.items()):
            replacement = ContentFile(page.src_uri, page.src_dir, page.dest_dir, page.use_directory_urls, inclusion=page.inclusion)
            replacement.edit_uri = f"{self.layout.pages_dir}/{page.src_uri}"
            self._files.remove(page)
            self._files.append(replacement)
            self.hand_written[src_uri] = replacement
            if src_uri in self.pages:  # the home page: the book renders around its text
                self.files[self.pages[src_uri].key] = replacement

    def content_files(self) -> list[ContentFile]:
        return [file for file in self._files.documentation_pages() if isinstance(file, ContentFile)]

    def dests(self) -> set[str]:
        """Where the generated pages are written in the site."""
        return {file.dest_uri for key, file in self.files.items() if file.generated_by is not None}

    def handout_pages(self) -> dict[str, str]:
        """Page key -> written file (dest_uri) of each page with a handout: what `praktijkboek handouts` prints."""
        return {page.key: self.files[page.key].dest_uri for page in self.pages.values() if page.handout}


def without_pages(files: Files) -> Files:
    """No page at all (while the content is broken, the preview shows its report at every address)."""
    return Files([file for file in files if not file.is_documentation_page()])
