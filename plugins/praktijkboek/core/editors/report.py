"""Telling editors about problems: in a terminal, or as GitHub Actions annotations.

- human: the Dutch report, with colour only when the output is a terminal
  (and NO_COLOR is not set);
- github: one `::error file=…,line=…,title=…::message` workflow command per
  problem, escaped as the format requires, plus a Markdown table for
  `$GITHUB_STEP_SUMMARY` (GitHub shows only the first annotations of a step; the
  summary has them all).
"""

from __future__ import annotations

from html import escape

from praktijkboek.core.reading.problems import Problem, format_report, visible

RED, BOLD, DIM, RESET = "\x1b[31m", "\x1b[1m", "\x1b[2m", "\x1b[0m"


def human(problems: list[Problem], color: bool) -> str:
    text = format_report(problems)
    if not color:
        return text
    lines = []
    for line in text.splitlines():
        if line.startswith("    "):
            lines.append(f"{DIM}{line}{RESET}")
        elif ": " in line and line.split(":", 1)[0] in {p.path for p in problems}:
            location, rest = line.split(": ", 1)
            lines.append(f"{BOLD}{location}{RESET}: {RED}{rest}{RESET}")
        else:
            lines.append(line)
    return "\n".join(lines) + "\n"


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github(problems: list[Problem]) -> str:
    lines = []
    for p in sorted(problems, key=Problem.sort_key):
        title = f"Praktijkboek: veld {p.field}" if p.field else "Praktijkboek"
        message = visible(p.message + (f"\n{p.hint}" if p.hint else ""))
        lines.append(f"::error file={escape_property(visible(p.path))},line={p.line},title={escape_property(visible(title))}::{escape_data(message)}")
    return "\n".join(lines) + ("\n" if lines else "")


def _cell(text: str) -> str:
    return visible(text).replace("|", "\\|").replace("\n", "<br>")


def summary_markdown(problems: list[Problem]) -> str:
    if not problems:
        return "### Praktijkboek: alle inhoud is in orde\n"
    noun = "probleem" if len(problems) == 1 else "problemen"
    rows = [
        f"### Praktijkboek: {len(problems)} {noun} in de inhoud",
        "",
        "| Bestand | Regel | Veld | Probleem | Hoe oplossen |",
        "| --- | ---: | --- | --- | --- |",
    ]
    for p in sorted(problems, key=Problem.sort_key):
        rows.append(f"| `{_cell(p.path)}` | {p.line} | {_cell(p.field or '')} | {_cell(p.message)} | {_cell(p.hint or '')} |")
    return "\n".join(rows) + "\n"


_PAGE = """<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Fout in de inhoud · {site}</title>
<style>
  body {{ font: 1rem/1.5 system-ui, sans-serif; margin: 0; color: #1a1a1a; background: #fff8f6; }}
  main {{ max-width: 50rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }}
  h1 {{ font-size: 1.5rem; color: #a4160a; margin: 0 0 .5rem; }}
  .pb-problem {{ background: #fff; border-left: .3rem solid #a4160a; margin: 1rem 0; padding: .75rem 1rem; overflow-x: auto; }}
  .pb-problem pre {{ margin: 0; white-space: pre-wrap; font: .95rem/1.45 ui-monospace, monospace; }}
  .pb-problem strong {{ color: #a4160a; }}
</style>
</head>
<body>
<main data-pb-error-page>
<h1>{site} kan niet getoond worden</h1>
<p data-pb-error-summary>{summary}</p>
<p>Verbeter het bestand en bewaar het: deze pagina laadt dan vanzelf opnieuw, met het boek.</p>
{problems}
</main>
</body>
</html>
"""


def html_page(problems: list[Problem], site_name: str) -> str:
    """The report as one page, shown at every address of the preview (`mkdocs serve`) while the
    content has problems: the same text as in the terminal, each problem in a block of its own."""
    blocks = []
    for p in sorted(problems, key=Problem.sort_key):
        where = escape(p.location)
        rest = escape(p.format().split(": ", 1)[1] if p.format().startswith(p.location + ": ") else p.format())
        blocks.append(f'<section class="pb-problem" data-pb-problem="{escape(p.path)}"><pre><strong>{where}</strong>: {rest}</pre></section>')
    summary = format_report(problems).split("\n", 1)[0].removesuffix(":")
    return _PAGE.format(site=escape(site_name), summary=escape(summary), problems="\n".join(blocks))
