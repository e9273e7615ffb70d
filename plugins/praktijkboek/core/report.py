"""Telling editors about problems: in a terminal, or as GitHub Actions annotations.

- human: the Dutch report, with colour only when the output is a terminal
  (and NO_COLOR is not set);
- github: one `::error file=…,line=…,title=…::message` workflow command per
  problem, escaped as the format requires, plus a Markdown table for
  `$GITHUB_STEP_SUMMARY` (GitHub shows only the first annotations of a step; the
  summary has them all).
"""

from __future__ import annotations

from .problems import Problem, format_report

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
        message = p.message + (f"\n{p.hint}" if p.hint else "")
        lines.append(f"::error file={escape_property(p.path)},line={p.line},title={escape_property(title)}::{escape_data(message)}")
    return "\n".join(lines) + ("\n" if lines else "")


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", "<br>")


def summary_markdown(problems: list[Problem]) -> str:
    if not problems:
        return "### Praktijkboek: alle inhoud is in orde\n"
    noun = "probleem" if len(problems) == 1 else "problemen"
    rows = [f"### Praktijkboek: {len(problems)} {noun} in de inhoud", "",
            "| Bestand | Regel | Veld | Probleem | Hoe oplossen |", "| --- | ---: | --- | --- | --- |"]
    for p in sorted(problems, key=Problem.sort_key):
        rows.append(f"| `{_cell(p.path)}` | {p.line} | {_cell(p.field or '')} | {_cell(p.message)} | {_cell(p.hint or '')} |")
    return "\n".join(rows) + "\n"
