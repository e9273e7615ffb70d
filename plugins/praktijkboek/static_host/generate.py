"""`praktijkboek generate`: the book's pages as files, for a host that runs no plugins (Zensical).

The MkDocs plugin hands MkDocs virtual pages and renders their content while MkDocs builds.
Zensical reads `mkdocs.yml` but runs no plugins, and its templates (MiniJinja) cannot call
Python. So this step does before the build what the plugin does during it, with the same core:
the same page plan, the same templates (overrides/praktijkboek/, in an autoescaping Jinja
environment), the same sanitised editors' Markdown (core/pages/markdown.py renders it as MkDocs
would, links included), and the handouts with their QR codes. It writes:

- `<out>/docs/`: every generated page as a Markdown file whose text is the finished HTML of the
  book's part (one raw HTML block, which Python-Markdown passes through unchanged), with front
  matter for what the host's templates need (`title`, `description`); the hand-written pages,
  their `[[kind:id]]` links expanded and their Markdown rendered and sanitised the same way; and
  the other files of the hand-written pages' folder (images, downloads);
- `<out>/overrides/`: a copy of the theme's folder (Zensical reads no folder outside the
  configuration's own);
- `<out>/mkdocs.yml`: the site's own settings, with `docs_dir`, `site_dir` (`<out>/site`) and the
  theme's folder pointing there, and the search setting the plugin would have set.

The folder is the generate step's own (`.praktijkboek/` by default, ignored by git): it never
touches content/pages/, and a second run replaces it whole. What only a built site allows
(the search index, the feeds and open data, the handouts as PDF, the link check) is
`praktijkboek postbuild`, shared by both hosts.
"""

from __future__ import annotations

import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import jinja2
import yaml
from markupsafe import Markup, escape

from praktijkboek.core.knowledge import references
from praktijkboek.core.knowledge.load import load
from praktijkboek.core.pages import views
from praktijkboek.core.pages.markdown import BodyRenderer, MarkdownSetup, site_url_of, source_folder
from praktijkboek.core.pages.plan import Page, home_page, navigation, plan, src_uri
from praktijkboek.core.pages.render import HANDOUT_MARK, PRINT_MARK, PageRenderer
from praktijkboek.core.pages.sitecheck import export_paths, site_files, site_problems
from praktijkboek.core.reading.loader import Layout
from praktijkboek.core.reading.problems import ContentError
from praktijkboek.core.reading.yamlfile import parse, read_regular, read_text
from praktijkboek.outputs.qrcodes import qr_svg

#: The generate step's folder, relative to the project root.
DEFAULT_OUT = ".praktijkboek/zensical"
#: Marks the folder as the generate step's own: only a folder with it is ever replaced.
STAMP = ".praktijkboek-generate"


@dataclass
class Generated:
    docs: Path
    """The docs folder the host builds."""
    config: Path
    """The host's configuration (`zensical build -f <config>`)."""
    site: Path
    """Where the host writes the site (Zensical keeps it inside the configuration's folder)."""
    pages: int
    """Pages written (generated and hand-written)."""


class GenerateError(Exception):
    pass


def generate(layout: Layout, settings: Mapping[str, Any], setup: MarkdownSetup, out: Path) -> Generated:
    """Write the book's pages and the host's configuration to `out`. Raises ContentError when the
    content has problems (the same ones `validate` and the build report), GenerateError when `out`
    is not the generate step's own folder."""
    graph = load(layout)
    pages = plan(graph)
    problems = site_problems(pages, graph, layout.root, layout.pages_dir, setup)
    if problems:
        raise ContentError(problems)

    folder = layout.root / layout.pages_dir
    written = {path.relative_to(folder).as_posix(): path for path in site_files(folder)}
    markdown_pages = {uri: path for uri, path in written.items() if path.suffix in references.MARKDOWN_SUFFIXES}
    home = home_page(markdown_pages, str(settings.get("site_name") or ""))
    if home is not None:
        pages.append(home)

    urls = {page.key: site_url_of(page.src_uri) for page in pages}
    options = plugin_options(settings)
    book = views.Book(graph, views.Settings(options.get("contribute_email"), views.edit_base(settings.get("repo_url"), settings.get("edit_uri"))))
    site_url = settings.get("site_url")
    book.absolute = {key: urljoin(site_url, url) for key, url in urls.items()} if site_url else {}
    theme = settings.get("theme") or {}
    custom_dir = layout.root / str(theme.get("custom_dir") or "overrides") if isinstance(theme, dict) else layout.root / "overrides"
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(custom_dir)), autoescape=True)
    renderer = PageRenderer(env, book, urls, str(settings.get("site_name") or ""))
    addresses = {page.src_uri: site_url_of(page.src_uri) for page in pages} | {uri: site_url_of(uri) for uri in markdown_pages}
    bodies = BodyRenderer(setup, addresses, {uri for uri in written if uri not in markdown_pages} | export_paths(graph), book.sizes)

    docs = _fresh(out) / "docs"
    count = 0
    ours = {page.src_uri: page for page in pages}
    for page in pages:
        if page.src_uri in markdown_pages:
            continue  # the home page: with its own text, below
        base = source_folder(page.src_uri)
        body = bodies.render(page.body, page.src_uri, base) if page.body else Markup("")
        html = renderer.place_body(renderer.content(page, base, body), body)
        if page.handout:
            html = html.replace(HANDOUT_MARK, _handout(renderer, book, page, base), 1)
        html = _print_qr(html, book.absolute.get(page.key))
        _write(docs / page.src_uri, {"title": page.title, "description": page.description}, html)
        count += 1
    for uri, path in written.items():
        target = docs / uri
        if uri not in markdown_pages:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
            continue
        text = read_text(read_regular(path))
        meta, text = _front_matter(text, path.relative_to(layout.root).as_posix())
        base = source_folder(uri)
        html = bodies.render(references.expand(text, uri, graph, src_uri), uri, base)
        if uri in ours:  # the home page: the book renders around its text
            html = _print_qr(renderer.place_body(renderer.content(ours[uri], base, html), html), book.absolute.get(ours[uri].key))
        _write(target, meta, html)
        count += 1

    config = out / "mkdocs.yml"
    host_settings = dict(settings)
    host_settings.pop("plugins", None)  # a host without plugins would ignore them; said here, not guessed there
    # Zensical wants every folder inside the configuration's own (its project root): the theme's too.
    if custom_dir.is_dir():
        shutil.copytree(custom_dir, out / "overrides")
    if host_settings.get("nav") is None and plugin_options(settings).get("default_nav", True):
        # As the plugin does: a navigation of index pages only (a host lists every page otherwise, in every page).
        host_settings["nav"] = [{"Start": "index.md"}, *({title: uri} for title, uri in navigation())]
    host_settings["docs_dir"] = "docs"
    host_settings["site_dir"] = "site"
    host_theme = dict(theme) if isinstance(theme, dict) else {"name": "material"}
    host_theme["custom_dir"] = "overrides"
    # Zensical links "edit this page" to the file in docs/ (here: the generated one) and reads no per-page
    # address; no pencil is better than one that leads to a file that is not in the repository.
    host_theme["features"] = [feature for feature in host_theme.get("features") or [] if feature != "content.action.edit"]
    host_settings["theme"] = host_theme
    if search_engine(settings) == "pagefind":  # otherwise the host's own search, as Material's plugin is under MkDocs
        host_settings["extra"] = {**(settings.get("extra") or {}), "praktijkboek_search": "pagefind"}
    config.write_text(
        "# Gemaakt door 'praktijkboek generate' uit mkdocs.yml: niet aanpassen, maar de stap opnieuw uitvoeren.\n"
        + yaml.safe_dump(host_settings, allow_unicode=True, sort_keys=False),
        encoding="utf-8",
    )
    return Generated(docs, config, out / "site", count)


def plugin_options(settings: Mapping[str, Any]) -> Mapping[str, Any]:
    """The plugin's options in mkdocs.yml, which a host without plugins does not read (so this step does)."""
    for plugin in settings.get("plugins") or []:
        if isinstance(plugin, dict) and isinstance(plugin.get("praktijkboek"), dict):
            return plugin["praktijkboek"]
    return {}


def search_engine(settings: Mapping[str, Any]) -> str:
    """The plugin's `search` option (pagefind, the default, or material)."""
    return str(plugin_options(settings).get("search", "pagefind"))


def _print_qr(html: Markup, url: str | None) -> Markup:
    """The QR code of the page's printed foot where the template left its mark."""
    return Markup(html.replace(PRINT_MARK, Markup(qr_svg(url)) if url else "", 1))


def _handout(renderer: PageRenderer, book: views.Book, page: Page, base: str) -> str:
    url = book.absolute.get(page.key)
    return renderer.handout(page, qr_svg(url) if url else None, base)


def _front_matter(text: str, rel: str) -> tuple[dict[str, Any], str]:
    """A hand-written page's fields (checked by the loader: only title, description, hide) and its text."""
    match = references.FRONT_MATTER.match(text)
    if match is None:
        return {}, text
    parsed = parse(match.group(1).encode("utf-8"), rel, markdown=False)
    data = getattr(parsed, "data", None)
    return (dict(data) if isinstance(data, dict) else {}), text[match.end() :]


def _write(path: Path, meta: Mapping[str, Any], html: str) -> None:
    """A page for the host: front matter, then the finished HTML as one raw block. The title and the
    description are written HTML-escaped, as the plugin hands them to MkDocs: the theme prints them
    unescaped (in the navigation, the header, `<title>`, meta tags)."""
    fields = {key: str(escape(value)) if key in ("title", "description") else value for key, value in meta.items() if value is not None}
    path.parent.mkdir(parents=True, exist_ok=True)
    head = f"---\n{yaml.safe_dump(fields, allow_unicode=True, sort_keys=False)}---\n\n" if fields else ""
    path.write_text(f'{head}<div class="pb-generated">\n{html}\n</div>\n', encoding="utf-8")


def _fresh(out: Path) -> Path:
    """`out`, emptied: only a folder this step made before (it holds STAMP) is ever removed."""
    if out.exists():
        if not (out / STAMP).is_file():
            raise GenerateError(f"{out} bestaat al en is niet door 'praktijkboek generate' gemaakt: kies met --out een andere (lege) map; er is niets gewist.")
        shutil.rmtree(out)
    out.mkdir(parents=True)
    (out / STAMP).write_text("Gemaakt door praktijkboek generate; elke nieuwe run vervangt deze map.\n", encoding="utf-8")
    return out
