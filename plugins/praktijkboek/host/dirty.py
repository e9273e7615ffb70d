"""`mkdocs serve --dirty`: rebuild only the pages whose output changed, and leave no page behind.

MkDocs' dirty rebuild goes by modification times, which say nothing about generated pages: a
case page changes when a session that mentions it does. The tracker renders every page's own
part once, compares it with the last successful build, and marks the pages that changed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from markupsafe import Markup

from praktijkboek.core.knowledge import references
from praktijkboek.core.knowledge.graph import KnowledgeGraph
from praktijkboek.core.pages.plan import Page, src_uri
from praktijkboek.host.files import BookFiles


class DirtyTracker:
    def __init__(self, enabled: bool = False) -> None:
        self.enabled = enabled
        """Whether this is `serve --dirty`; otherwise every page is rebuilt, every time."""
        self._built: dict[str, str] = {}
        """src_uri -> fingerprint of each page as the last successful build wrote it."""
        self._pending: dict[str, str] = {}
        """The same for the build under way: kept only once it has succeeded."""
        self._dests: set[str] = set()
        """Where the last successful build wrote the generated pages."""

    def mark_changed(self, files: BookFiles, graph: KnowledgeGraph, content: Callable[[Page], Markup], handout: Callable[[Page], Markup]) -> None:
        """Set each page's `changed` flag: only pages whose output differs from the last build's, when dirty."""
        fingerprints: dict[str, str] = {}
        if self.enabled:
            for uri, page in files.pages.items():
                if uri in files.hand_written:  # the home page: below, with its text
                    continue
                parts = [content(page), handout(page) if page.handout else "", page.title, page.description or "", page.body]
                fingerprints[uri] = _digest(*parts)
            for uri, file in files.hand_written.items():
                # hand-written pages depend on the book too (the home overview, [[kind:id]] link labels)
                text = Path(file.abs_src_path).read_text(encoding="utf-8", errors="replace") if file.abs_src_path else ""
                home = files.pages.get(uri)
                fingerprints[uri] = _digest(references.expand(text, uri, graph, src_uri), content(home) if home else "")
        for file in files.content_files():
            file.changed = not self.enabled or fingerprints.get(file.src_uri) != self._built.get(file.src_uri)
        self._pending = fingerprints

    def built(self, files: BookFiles, site_dir: Path) -> None:
        """The build succeeded: remember what it wrote, and remove the pages of entities that are gone
        (in a dirty rebuild MkDocs keeps their HTML, and readers and the search index would find them)."""
        self._built = self._pending
        current = files.dests()
        for dest in sorted(self._dests - current):
            path = site_dir / dest
            if path.is_file():
                path.unlink()
        self._dests = current

    def failed(self) -> None:
        """The pages of a failed build may not have been written: rebuild them all next time."""
        self._built = {}


def _digest(*parts: str) -> str:
    return hashlib.sha1("\0".join(parts).encode("utf-8")).hexdigest()
