"""Command line: `praktijkboek validate` checks every content file without building.

It runs the same loader, validator and page planner as the build, and reads the
same folder settings from mkdocs.yml, so what passes here passes there. Exit
code 0 when all is well, 1 when there are problems.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from praktijkboek.core.editors import cms, report, schema
from praktijkboek.core.editors.scaffold import made as scaffold_made
from praktijkboek.core.knowledge.load import load
from praktijkboek.core.pages.markdown import MarkdownSetup
from praktijkboek.core.pages.plan import plan
from praktijkboek.core.pages.sitecheck import site_problems
from praktijkboek.core.reading.kinds import KINDS
from praktijkboek.core.reading.loader import Layout
from praktijkboek.core.reading.problems import ContentError
from praktijkboek.static_host.generate import plugin_options


class _SettingsLoader(yaml.SafeLoader):
    """Reads mkdocs.yml as MkDocs does for the settings the commands use: `!ENV` from the environment,
    `!!python/name:` as the named object (Material's emoji settings), other tags as nothing."""


def _python_name(loader: yaml.Loader, suffix: str, node: yaml.Node) -> Any:
    """`!!python/name:material.extensions.emoji.twemoji`: the object, imported as MkDocs' loader does.
    mkdocs.yml is the site owner's, as trusted as the code that MkDocs runs from it."""
    import importlib

    module, _, name = suffix.rpartition(".")
    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError):
        raise SettingsError(f"mkdocs.yml: '!!python/name:{suffix}' bestaat niet: is het pakket geïnstalleerd?") from None


def _env(loader: yaml.Loader, node: yaml.Node) -> Any:
    """`!ENV NAME` or `!ENV [NAME, OTHER, default]`, as MkDocs (pyyaml_env_tag) reads it."""
    names = [loader.construct_scalar(node)] if isinstance(node, yaml.ScalarNode) else loader.construct_sequence(node)  # type: ignore[arg-type]
    *keys, default = names if len(names) > 1 else [*names, None]
    return next((os.environ[key] for key in keys if key in os.environ), default)


_SettingsLoader.add_multi_constructor("tag:yaml.org,2002:python/name:", _python_name)
_SettingsLoader.add_constructor("!ENV", _env)
_SettingsLoader.add_multi_constructor("", lambda loader, suffix, node: None)


class SettingsError(Exception):
    pass


def _settings(config: Path) -> dict[str, Any]:
    if not config.is_file():
        return {}
    try:
        settings = yaml.load(config.read_text(encoding="utf-8"), Loader=_SettingsLoader) or {}  # noqa: S506 - safe subclass
    except yaml.YAMLError as exc:
        raise SettingsError(f"{config}: dit is geen geldige YAML ({str(exc).splitlines()[0]})") from None
    if not isinstance(settings, dict):
        raise SettingsError(f"{config}: verwacht instellingen als 'naam: waarde'")
    if isinstance(settings.get("site_url"), str) and settings["site_url"] and not settings["site_url"].endswith("/"):
        settings["site_url"] += "/"  # as MkDocs reads it: a folder, so that page addresses keep its path
    if settings.get("use_directory_urls") is False:
        raise SettingsError(
            f"{config}: use_directory_urls: false wordt niet ondersteund: het praktijkboek, zijn hand-outs en de controles"
            " gaan uit van een map per pagina (netwerken/x/). Haal de instelling weg."
        )
    return settings


def layout_from_config(root: Path, config: Path) -> Layout:
    """The folders the build uses: docs_dir and the plugin's networks_dir/content_dir."""
    settings = _settings(config)
    options = plugin_options(settings)
    return Layout(
        root,
        networks_dir=options.get("networks_dir", Layout.networks_dir),
        content_dir=options.get("content_dir", Layout.content_dir),
        pages_dir=settings.get("docs_dir", Layout.pages_dir),
    )


def markdown_from_config(config: Path) -> MarkdownSetup:
    """The site's Markdown extensions as MkDocs reads `markdown_extensions` (names, or one name with its options)."""
    names: list[str] = []
    configs: dict[str, dict[str, Any]] = {}
    for item in _settings(config).get("markdown_extensions") or []:
        if isinstance(item, str):
            names.append(item)
        elif isinstance(item, dict) and len(item) == 1:
            [(name, options)] = item.items()
            names.append(str(name))
            if isinstance(options, dict):
                configs[str(name)] = options
    return MarkdownSetup(names, configs)


def _wants_color(stream: Any) -> bool:
    return stream.isatty() and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"


def _validate(args: argparse.Namespace) -> int:
    root = Path(args.root).resolve()
    layout = layout_from_config(root, root / args.config)
    fmt = args.format
    if fmt == "auto":
        fmt = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "human"
    problems = []
    try:
        graph = load(layout)
        pages = plan(graph)
        problems = site_problems(pages, graph, root, layout.pages_dir, markdown_from_config(root / args.config))
    except ContentError as exc:
        problems = exc.problems
    if fmt == "github":
        sys.stdout.write(report.github(problems))
        summary = os.environ.get("GITHUB_STEP_SUMMARY")
        if summary:
            with open(summary, "a", encoding="utf-8") as handle:
                handle.write(report.summary_markdown(problems))
    if problems:
        sys.stderr.write(report.human(problems, color=fmt == "human" and _wants_color(sys.stderr)))
        return 1
    counts = ", ".join(f"{len(nodes)} {KINDS[kind].label if len(nodes) == 1 else KINDS[kind].plural.lower()}" for kind, nodes in graph.by_kind.items() if nodes)
    print(f"In orde: {len(graph)} bestanden gelezen ({counts}).")
    return 0


def _handouts(args: argparse.Namespace) -> int:
    from praktijkboek.outputs.pdf import HandoutError, render_site

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


def _schemas(args: argparse.Namespace) -> int:
    root = Path(args.root).resolve()
    folder = root / schema.SCHEMA_DIR
    # The editors' settings map each schema to where the kind's files are, in this project's folders.
    settings_path = root / schema.VSCODE_SETTINGS
    current = settings_path.read_text(encoding="utf-8") if settings_path.is_file() else None
    folders = layout_from_config(root, root / args.config).folders
    settings = schema.vscode_settings(current, folders)
    model_path = root / schema.CONTENT_MODEL
    model_text = model_path.read_text(encoding="utf-8") if model_path.is_file() else None
    try:
        model = schema.content_model(model_text, folders) if model_text is not None else None
    except ValueError as exc:
        print(f"praktijkboek schemas: {exc}", file=sys.stderr)
        return 1
    cms_path = root / cms.CONFIG_FILE
    settings_file = _settings(root / args.config)
    options = plugin_options(settings_file)
    cms_config = None  # the editing interface's configuration, when mkdocs.yml turns it on (cms: true)
    if options.get("cms"):
        try:
            cms_config = cms.render(cms.backend_from_settings(settings_file, options), folders)
        except cms.NoRepository as exc:
            print(f"praktijkboek schemas: {exc}", file=sys.stderr)
            return 1
    if args.check:
        stale = schema.stale(folder) + ([schema.VSCODE_SETTINGS] if current != settings else []) + ([schema.CONTENT_MODEL] if model != model_text else [])
        stale += [cms.CONFIG_FILE] if cms_config is not None and (not cms_path.is_file() or cms_path.read_text(encoding="utf-8") != cms_config) else []
        if stale:
            print(f"Verouderd: {', '.join(stale)}. Maak ze opnieuw met: praktijkboek schemas", file=sys.stderr)
            return 1
        print(f"De JSON Schema's in {schema.SCHEMA_DIR}, {schema.VSCODE_SETTINGS}, {cms.CONFIG_FILE} en het overzicht in {schema.CONTENT_MODEL} zijn bij.")
        return 0
    for path in schema.write_all(folder):
        print(f"geschreven: {path.relative_to(root)}")
    if cms_config is not None:
        cms_path.write_text(cms_config, encoding="utf-8")
        print(f"geschreven: {cms.CONFIG_FILE}")
    settings_path.parent.mkdir(parents=True, exist_ok=True)
    settings_path.write_text(settings, encoding="utf-8")
    print(f"geschreven: {schema.VSCODE_SETTINGS}")
    if model is not None and model != model_text:
        model_path.write_text(model, encoding="utf-8")
        print(f"geschreven: {schema.CONTENT_MODEL} (het overzicht van de soorten)")
    return 0


def _check_links(args: argparse.Namespace) -> int:
    from praktijkboek.core.editors.linkcheck import check_site

    site = Path(args.site_dir)
    if not site.is_dir():
        print(f"{site} bestaat niet: bouw eerst het boek (mkdocs build).", file=sys.stderr)
        return 1
    settings = _settings(Path(args.config))
    if not args.links_only:  # the book must be in the site: a host that ran neither the plugin nor `generate` leaves it out
        from praktijkboek.core.knowledge.load import load
        from praktijkboek.static_host.postbuild import IncompleteBook, book_pages, missing_pages

        root = Path(args.root).resolve()
        layout = layout_from_config(root, root / args.config)
        try:
            pages = book_pages(load(layout), root / layout.pages_dir, str(settings.get("site_name") or ""))
        except ContentError as exc:
            sys.stderr.write(report.human(exc.problems, color=_wants_color(sys.stderr)))
            return 1
        missing = missing_pages(site, pages)
        if missing:
            print(IncompleteBook(missing, len(pages)), file=sys.stderr)
            return 1
    base = urlsplit(settings.get("site_url") or "/").path
    checked, broken = check_site(site, base)
    for link in broken:
        print(link.format(), file=sys.stderr)
    if broken:
        print(f"{len(broken)} van {checked} interne links werken niet.", file=sys.stderr)
        return 1
    print(f"Alle {checked} interne links en ankers werken.")
    return 0


#: The hosts `praktijkboek build` can build with: MkDocs and its fork ProperDocs run the plugin;
#: Zensical runs no plugins, so the pages are generated before it builds.
HOSTS = ("mkdocs", "properdocs", "zensical")


def _run_host(command: list[str], cwd: Path, translate: Any = None) -> bool:
    """Run the host's build, passing on what it prints as it comes (MkDocs' own lines in Dutch)."""
    import subprocess

    with subprocess.Popen(
        command,
        cwd=cwd,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        stdout=subprocess.PIPE,  # MkDocs prints its abort line on stdout: one stream, in order
        stderr=subprocess.STDOUT,
        text=True,
        encoding="utf-8",
        errors="replace",
    ) as built:
        assert built.stdout is not None
        for line in built.stdout:  # as it comes: a long build shows its progress
            line = line.rstrip("\n")
            sys.stderr.write((translate(line) if translate else line) + "\n")
            sys.stderr.flush()
    return built.returncode == 0


def _zensical() -> str | None:
    import shutil

    beside = Path(sys.executable).with_name("zensical")
    return str(beside) if beside.is_file() else shutil.which("zensical")


def _build(args: argparse.Namespace) -> int:
    """Build the book, its handouts and check its links in a new folder; only a complete site replaces the old one."""
    import shutil
    import tempfile

    from praktijkboek.host import buildlog

    root = Path(args.root).resolve()
    config = root / args.config
    layout, settings = layout_from_config(root, config), _settings(config)
    target = (root / args.site_dir).resolve()
    work = Path(tempfile.mkdtemp(prefix=f".{target.name}-nieuw-", dir=target.parent))
    try:
        if args.host == "zensical":
            from praktijkboek.static_host.generate import DEFAULT_OUT, GenerateError, generate

            zensical = _zensical()
            if zensical is None:
                print("Zensical is niet geïnstalleerd: pip install 'praktijkboek[zensical]' (of bouw met MkDocs: praktijkboek build).", file=sys.stderr)
                return 1
            try:
                generated = generate(layout, settings, markdown_from_config(config), root / DEFAULT_OUT)
            except ContentError as exc:
                sys.stderr.write(report.human(exc.problems, color=_wants_color(sys.stderr)))
                print(f"Er is niets gebouwd: {target} blijft zoals het was.", file=sys.stderr)
                return 1
            except GenerateError as exc:
                print(exc, file=sys.stderr)
                return 1
            built = _run_host([zensical, "build", "--clean", "-f", str(generated.config)], cwd=generated.config.parent, translate=buildlog.dutch)
            if built:
                work.rmdir()
                shutil.move(generated.site, work)
        else:
            built = _run_host(
                [sys.executable, "-m", args.host, "build", "--strict", "-f", str(config), "--site-dir", str(work)], cwd=root, translate=buildlog.dutch
            )
        if not built:
            print(f"De build mislukte: {target} blijft zoals het was.", file=sys.stderr)
            return 1
        done = _postbuild_told(work, layout, settings, pdf=not args.no_handouts)
        if done is None:
            print(f"{target} blijft zoals het was.", file=sys.stderr)
            return 1
        # Swap: the old site is moved aside and removed only once the new one is in place.
        old = None
        if target.exists():
            old = target.with_name(f".{target.name}-oud")
            if old.exists():
                shutil.rmtree(old)
            target.rename(old)
        # The temporary folder is private (0700): give the site the modes a web server expects (umask applied).
        _publishable(work)
        work.rename(target)
        if old is not None:
            shutil.rmtree(old)
        print(f"Gebouwd in {target} (met {args.host}): {done.checked_links} interne links werken.")
        return 0
    finally:
        if work.exists():
            shutil.rmtree(work)


def _postbuild_told(site: Path, layout: Layout, settings: dict[str, Any], pdf: bool) -> Any:
    """postbuild, its problems told in Dutch; None when it failed."""
    from praktijkboek.outputs.admin import AdminError
    from praktijkboek.outputs.pdf import HandoutError
    from praktijkboek.outputs.searchindex import SearchIndexError
    from praktijkboek.static_host.postbuild import IncompleteBook, postbuild

    try:
        done = postbuild(site, layout, settings, pdf=pdf)
    except ContentError as exc:
        sys.stderr.write(report.human(exc.problems, color=_wants_color(sys.stderr)))
        return None
    except IncompleteBook as exc:
        print(exc, file=sys.stderr)
        return None
    except HandoutError as exc:
        print(f"{exc}\nDe handouts mislukten.", file=sys.stderr)
        return None
    except SearchIndexError as exc:
        print(f"De zoekindex mislukte: {exc}", file=sys.stderr)
        return None
    except (AdminError, cms.NoRepository) as exc:
        print(exc, file=sys.stderr)
        return None
    if done.broken:
        for link in done.broken[:50]:
            print(link.format(), file=sys.stderr)
        print(f"{len(done.broken)} van {done.checked_links} interne links werken niet.", file=sys.stderr)
        return None
    return done


def _generate(args: argparse.Namespace) -> int:
    from praktijkboek.static_host.generate import GenerateError, generate

    root = Path(args.root).resolve()
    config = root / args.config
    try:
        generated = generate(layout_from_config(root, config), _settings(config), markdown_from_config(config), (root / args.out).resolve())
    except ContentError as exc:
        sys.stderr.write(report.human(exc.problems, color=_wants_color(sys.stderr)))
        return 1
    except GenerateError as exc:
        print(exc, file=sys.stderr)
        return 1
    out = generated.config.parent
    print(
        f"{generated.pages} pagina's geschreven in {out.relative_to(root) if out.is_relative_to(root) else out}.\n"
        f"Bouw nu met: zensical build -f {generated.config}\n"
        f"en daarna: praktijkboek postbuild --site-dir {generated.site}"
    )
    return 0


def _postbuild(args: argparse.Namespace) -> int:
    root = Path(args.root).resolve()
    config = root / args.config
    site = (root / args.site_dir).resolve()
    if not site.is_dir():
        print(f"{site} bestaat niet: bouw eerst het boek.", file=sys.stderr)
        return 1
    done = _postbuild_told(site, layout_from_config(root, config), _settings(config), pdf=not args.no_handouts)
    if done is None:
        return 1
    added = f" Toegevoegd: {', '.join(done.added)}." if done.added else ""
    print(f"Klaar: {done.checked_links} interne links werken.{added}")
    return 0


def _publishable(site: Path) -> None:
    """The site folder 0777 less the umask (0755 as a rule), like the folders MkDocs makes inside it:
    only the temporary folder itself was made private."""
    umask = os.umask(0)
    os.umask(umask)
    site.chmod(0o777 & ~umask)


def _new(args: argparse.Namespace) -> int:
    from praktijkboek.core.editors.scaffold import ScaffoldError, scaffold

    root = Path(args.root).resolve()
    layout = layout_from_config(root, root / args.config)
    given = {"title": args.title, "kind": args.network_kind, "date": args.date, "start_time": args.start_time, "end_time": args.end_time}
    values = {name: value for name, value in given.items() if value is not None}
    try:
        path = scaffold(layout, args.kind, args.id, values)
    except ScaffoldError as exc:
        sys.stderr.write("\n\n".join(problem.format() for problem in exc.problems) + "\n\nEr is niets aangemaakt.\n")
        return 1
    print(f"Aangemaakt: {path.relative_to(root)}. Vul de velden aan en controleer met: praktijkboek validate")
    return 0


def _told(func):
    """Run a command; problems with mkdocs.yml are told, not thrown."""

    def run(args: argparse.Namespace) -> int:
        try:
            return func(args)
        except SettingsError as exc:
            print(str(exc), file=sys.stderr)
            return 1

    return run


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="praktijkboek", description="Hulpmiddelen voor het praktijkboek.")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("validate", help="Controleer alle inhoudsbestanden (zonder te bouwen).")
    check.add_argument("--root", default=".", help="De map van het project (standaard: de huidige map).")
    check.add_argument("--config", default="mkdocs.yml", help="Het configuratiebestand, relatief aan --root (standaard: mkdocs.yml).")
    check.add_argument(
        "--format",
        choices=["auto", "human", "github"],
        default="auto",
        help="human: leesbaar (kleur in een terminal); github: annotaties voor GitHub Actions; auto: github als GITHUB_ACTIONS=true.",
    )
    check.set_defaults(func=_told(_validate))
    schemas = sub.add_parser(
        "schemas", help="Schrijf de JSON Schema's van alle soorten bestanden (uit het model) naar docs/schemas/, en .vscode/settings.json."
    )
    schemas.add_argument("--root", default=".")
    schemas.add_argument("--config", default="mkdocs.yml", help="Voor networks_dir en content_dir: waar elke soort bestanden staat.")
    schemas.add_argument("--check", action="store_true", help="Schrijf niets; geef een fout als de schema's verouderd zijn.")
    schemas.set_defaults(func=_schemas)
    links = sub.add_parser("check-links", help="Controleer alle interne links en ankers van een gebouwde site (offline).")
    links.add_argument("--site-dir", default="site")
    links.add_argument("--config", default="mkdocs.yml", help="Voor site_url: het pad waaronder de site staat.")
    links.add_argument("--root", default=".", help="De map van het project: elke pagina van het boek moet in de site staan.")
    links.add_argument("--links-only", action="store_true", help="Alleen de links; niet nagaan of elke pagina van het boek in de site staat.")
    links.set_defaults(func=_told(_check_links))
    full = sub.add_parser("build", help="Bouw het boek met handouts en controleer de links; de oude site wordt pas vervangen als alles lukte.")
    full.add_argument("--root", default=".")
    full.add_argument("--config", default="mkdocs.yml")
    full.add_argument("--site-dir", default="site")
    full.add_argument("--no-handouts", action="store_true", help="Zonder PDF-handouts (sneller, bijvoorbeeld voor een voorbeeld).")
    full.add_argument("--host", choices=HOSTS, default="mkdocs", help="Waarmee: mkdocs (standaard), properdocs of zensical.")
    full.set_defaults(func=_told(_build))
    gen = sub.add_parser("generate", help="Schrijf de pagina's van het boek als bestanden, voor een bouwer zonder plugins (Zensical).")
    gen.add_argument("--root", default=".")
    gen.add_argument("--config", default="mkdocs.yml")
    gen.add_argument("--out", default=".praktijkboek/zensical", help="De map van deze stap (standaard: .praktijkboek/zensical); elke run vervangt ze.")
    gen.set_defaults(func=_told(_generate))
    post = sub.add_parser("postbuild", help="Na de bouw: controleer dat het boek erin staat, voeg zoekindex, agenda en open data toe, handouts, links.")
    post.add_argument("--root", default=".")
    post.add_argument("--config", default="mkdocs.yml")
    post.add_argument("--site-dir", default="site")
    post.add_argument("--no-handouts", action="store_true", help="Zonder PDF-handouts.")
    post.set_defaults(func=_told(_postbuild))
    made = scaffold_made()
    new = sub.add_parser("new", help=f"Maak een nieuw bestand aan: {', '.join(KINDS[name].label for name in made)}.")
    new.add_argument("kind", metavar="{" + ",".join(made) + "}", help=f"Wat je aanmaakt: {', '.join(made)}.")
    new.add_argument("id", help="De id: 'mijn-netwerk', 'mijn-netwerk/bijeenkomst-1' of 'mijn-voorbeeld'.")
    new.add_argument("--title", required=True, help="De titel (of naam).")
    new.add_argument("--date", help="Voor een sessie: de datum als JJJJ-MM-DD.")
    new.add_argument("--start-time", help="Voor een sessie: het beginuur als UU:MM.")
    new.add_argument("--end-time", help="Voor een sessie: het einduur als UU:MM.")
    new.add_argument("--network-kind", help="Voor een netwerk: het soort netwerk (standaard: lerend netwerk).")
    new.add_argument("--root", default=".")
    new.add_argument("--config", default="mkdocs.yml")
    new.set_defaults(func=_told(_new))
    pdf = sub.add_parser("handouts", help="Maak de PDF-handouts van elke sessie en per netwerk in een gebouwde site.")
    pdf.add_argument("--site-dir", default="site", help="De gebouwde site (standaard: site).")
    pdf.set_defaults(func=_handouts)
    args = parser.parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
