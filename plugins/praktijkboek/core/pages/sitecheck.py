"""What stops the site beyond the content files themselves, checked before anything is built.

`validate` and the build call `site_problems` alike, so they give the same verdict:

- a hand-written page (or another plugin's) on the address of a generated one;
- a file in the hand-written pages' folder where the site writes files of its own
  (`agenda/`, `open-data/`, `handouts/`, `pagefind/`, `sitemap.xml`, ...): it would be overwritten,
  or overwrite the book's own;
- a Markdown link to a file the site does not have. A link an editor writes
  (`[de handleiding](handleiding.md)`, in a hand-written page or in an entity's text) is resolved by
  the host tool against the files of the site; MkDocs warns in English, naming the *generated* file
  (`praktijkvoorbeelden/dorv.md`), and its strict mode stops the build. This check follows MkDocs'
  rule (mkdocs.structure.pages._RelativePathTreeprocessor): a relative link whose last part has a
  file ending must name a file of the site. It reads the links the way the host does, with
  Python-Markdown and the site's own extensions (a link in a code block is no link), and tells them
  in Dutch at the editor's file and line.
"""

from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as etree
from collections.abc import Iterable, Mapping
from pathlib import Path
from urllib.parse import unquote, urlsplit

import markdown

from praktijkboek.core.exports import agenda, opendata
from praktijkboek.core.knowledge import references
from praktijkboek.core.knowledge.graph import KnowledgeGraph
from praktijkboek.core.pages.handouts import HANDOUT_DIR
from praktijkboek.core.pages.markdown import MarkdownSetup, link_attributes, relative_target
from praktijkboek.core.pages.plan import EntityPage, Page, address_collisions, hand_written_collisions, url_path
from praktijkboek.core.reading import media
from praktijkboek.core.reading.kinds import KINDS
from praktijkboek.core.reading.problems import Problem, did_you_mean
from praktijkboek.core.reading.yamlfile import ReadError, read_regular, read_text

#: Folders the site fills itself: the book's feeds, open data, handouts and search index, and the search
#: index of Material's own search plugin (when `search: material`).
SEARCH_INDEX_DIR = "pagefind"
RESERVED_FOLDERS = (agenda.AGENDA_DIR, opendata.OPEN_DATA_DIR, HANDOUT_DIR, SEARCH_INDEX_DIR, "search", media.SITE_FOLDER)
#: Files MkDocs writes at the top of every site.
RESERVED_FILES = ("404.html", "sitemap.xml", "sitemap.xml.gz")

#: A cheap test before Markdown is run: text without `](` or `]:` has no link to check.
MAY_LINK = re.compile(r"\]\s*[(:]")


class _Collect(markdown.treeprocessors.Treeprocessor):
    """Every `href` of a link and `src` of an image, as the host's tree processor sees them."""

    def __init__(self, md: markdown.Markdown) -> None:
        super().__init__(md)
        self.found: list[str] = []

    def run(self, root: etree.Element) -> None:
        self.found += [element.get(key, "") for element, key in link_attributes(root)]


class LinkReader:
    def __init__(self, setup: MarkdownSetup) -> None:
        self._md = setup.reader()
        self._collect = _Collect(self._md)
        # After MkDocs' own place in the chain ("relpath", priority 0): the links as written, inline and by reference.
        self._md.treeprocessors.register(self._collect, "praktijkboek_links", 0)

    def links(self, text: str) -> list[str]:
        if not MAY_LINK.search(text):
            return []
        self._collect.found = []
        self._md.reset().convert(text)
        return list(self._collect.found)


def target(url: str, from_uri: str) -> str | None:
    """The file a link must find, or None for what MkDocs does not check as a file (another site, an
    e-mail address, an anchor on the page, an absolute path, a folder-style link without a file ending)."""
    found = relative_target(url, from_uri)
    path = unquote(urlsplit(url).path)
    if found is None or posixpath.normpath(path) == "." or not posixpath.splitext(path)[-1]:
        return None  # MkDocs checks a link as a file only where its last part has a file ending
    return found[0]


def export_paths(graph: KnowledgeGraph) -> set[str]:
    """The files written next to the pages (agenda feeds, open data): links may point at them too."""
    dated = [s for s in graph.events() if getattr(s.entity, "date", None)]
    paths = {opendata.EXPORT, opendata.EXPORT_SCHEMA, opendata.CASES_CSV} | {file.site_path for file in graph.media.values()}
    if dated:
        paths |= {agenda.feed_path()} | {agenda.feed_path(n) for s in dated if (n := graph.series_of(s))} | {agenda.session_path(s) for s in dated}
    return paths


def _line_of(source: list[str], url: str, first: int) -> int:
    """The line (1-based) where the link is written, from `first` on; `first` when it cannot be told."""
    for number, line in enumerate(source[first - 1 :], start=first):
        if url in line:
            return number
    return first


def broken_links(pages: Iterable[Page], graph: KnowledgeGraph, root: Path, pages_dir: str, setup: MarkdownSetup) -> list[Problem]:
    """Links in editors' Markdown to a file the site does not have, at the editor's file and line."""
    folder = root / pages_dir
    pages = list(pages)
    written = {path.relative_to(folder).as_posix(): path for path in site_files(folder)}
    known = {page.src_uri for page in pages} | set(written) | export_paths(graph)
    reader = LinkReader(setup)
    problems: list[Problem] = []

    def check(text: str, src_uri: str, path: str, field: str | None, source: list[str], first: int) -> None:
        for url in reader.links(text):
            wanted = target(url, src_uri)
            if wanted is None or wanted in known:
                continue
            near = did_you_mean(posixpath.relpath(wanted, posixpath.dirname(src_uri) or "."), _relative(known, src_uri))
            problems.append(
                Problem(
                    path,
                    _line_of(source, url, first),
                    field,
                    f"de link '{url}' wijst naar een bestand dat niet in het praktijkboek staat",
                    " ".join(
                        part
                        for part in (
                            near,
                            "Link naar een netwerk, sessie of praktijkvoorbeeld met [[soort:id]], bijvoorbeeld [[praktijkvoorbeeld:repair-cafe]];"
                            f" naar een pagina in {pages_dir}/ met haar bestandsnaam, bijvoorbeeld [Meedoen](meedoen.md).",
                        )
                        if part
                    ),
                )
            )

    for page in pages:
        if isinstance(page, EntityPage) and page.body and page.source:
            name = KINDS[page.node.kind].body_field
            parsed = page.node.parsed
            first = parsed.body_line if parsed.body is not None else parsed.line_of((name,)) + 1
            check(page.body, page.src_uri, page.source, f"'{name}'" if name else None, parsed.source, first)
    for src_uri, path in written.items():
        if path.suffix not in references.MARKDOWN_SUFFIXES:
            continue
        rel = path.relative_to(root).as_posix()
        try:
            text = read_text(read_regular(path))
        except (ReadError, OSError):  # told by the page check (references.check_pages), which reads the same files
            continue
        check(text, src_uri, rel, None, text.split("\n"), 1)
    return problems


def reserved_places(pages: list[Page], root: Path, pages_dir: str) -> list[Problem]:
    """Files of the hand-written pages' folder that the site would write over, or that would write over it
    (a page on the address of a generated one is told by `hand_written_collisions`)."""
    folder = root / pages_dir
    addresses = {page.url_path for page in pages}
    problems = []
    for path in site_files(folder):
        src = path.relative_to(folder).as_posix()
        if path.suffix in references.MARKDOWN_SUFFIXES and url_path(src) in addresses:
            continue
        dest = f"{url_path(src)}/index.html".lstrip("/") if path.suffix in references.MARKDOWN_SUFFIXES else src
        top = dest.split("/", 1)[0]
        if dest in RESERVED_FILES or (top in RESERVED_FOLDERS and "/" in dest):
            place = dest if dest in RESERVED_FILES else f"{top}/"
            problems.append(
                Problem(
                    path.relative_to(root).as_posix(),
                    1,
                    None,
                    f"dit bestand komt op een plaats die het praktijkboek zelf gebruikt (/{place})",
                    f"Geef het een andere naam of zet het in een andere map. Het praktijkboek gebruikt zelf: {', '.join(f'{name}/' for name in RESERVED_FOLDERS)}, {', '.join(RESERVED_FILES)}.",
                )
            )
    return problems


def site_problems(
    pages: list[Page], graph: KnowledgeGraph, root: Path, pages_dir: str, setup: MarkdownSetup, others: Mapping[str, str] | None = None
) -> list[Problem]:
    """What stops the site beyond the content files themselves, the same for `validate` and the build:
    a hand-written page (or another plugin's, `others`: address -> what made it) on a generated page's
    address, a file where the site writes its own, and Markdown links to files the site does not have."""
    return (
        hand_written_collisions(pages, root, pages_dir)
        + address_collisions(pages, dict(others or {}))
        + reserved_places(pages, root, pages_dir)
        + broken_links(pages, graph, root, pages_dir, setup)
    )


def _relative(known: set[str], src_uri: str) -> list[str]:
    base = posixpath.dirname(src_uri) or "."
    return [posixpath.relpath(uri, base) for uri in known]


def site_files(folder: Path) -> list[Path]:
    """The regular files of the hand-written pages' folder (pages, images, downloads), links left out."""
    if not folder.is_dir() or folder.is_symlink():
        return []
    return sorted(path for path in folder.rglob("*") if path.is_file() and not path.is_symlink() and not references.behind_a_link(path, folder))
