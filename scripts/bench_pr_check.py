"""Benchmark: how long an editor waits for the pull-request check's first annotation.

Runs the `run:` steps of `.github/workflows/pull-request.yml`, unchanged and in order, in a fresh
clone of the repository (with an added network, as an editor's pull request has), and times each
step: the job "inhoud" with an empty pip cache (a first run) and with a filled one (every later
run: the workflow caches it), then the job "bouwen". GitHub's own part (starting the runner,
pulling the container image, checking out) is not measured here.

Usage: python scripts/bench_pr_check.py [--skip-build]
Writes its figures to docs/benchmarks.md (section "pr-check").
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from benchmarks import ROOT, machine, write_section

sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "plugins")]
from conftest import add_a_new_network  # noqa: E402


def run_job(job: dict, checkout: Path, env: dict[str, str]) -> list[tuple[str, float]]:
    """Each `run:` step of a job in `checkout`; `uses:` steps (checkout, cache, upload) are GitHub's."""
    timings = []
    outputs: dict[str, str] = {}
    for step in job["steps"]:
        if "run" not in step:
            continue
        condition = re.fullmatch(r"steps\.changes\.outputs\.code (==|!=) '(\w+)'", step.get("if", "").strip())
        if condition and (outputs.get("code", "") == condition.group(2)) is not (condition.group(1) == "=="):
            continue
        with tempfile.NamedTemporaryFile("w+", suffix=".out") as output:
            start = time.monotonic()
            result = subprocess.run(
                ["bash", "-e", "-c", step["run"]],
                cwd=checkout,
                capture_output=True,
                text=True,
                env={**env, **{k: v for k, v in (step.get("env") or {}).items() if "${{" not in str(v)}, "GITHUB_OUTPUT": output.name},
            )
            seconds = time.monotonic() - start
            output.seek(0)
            outputs.update(line.split("=", 1) for line in output.read().splitlines() if "=" in line)
        if result.returncode != 0:
            raise SystemExit(f"step '{step['name']}' failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
        timings.append((step["name"], seconds))
        print(f"  {step['name']}: {seconds:.1f} s", flush=True)
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-build", action="store_true", help="Only the job 'inhoud'.")
    args = parser.parse_args()
    workflow = yaml.safe_load((ROOT / ".github/workflows/pull-request.yml").read_text(encoding="utf-8"))
    jobs = workflow["jobs"]
    sections = []
    with tempfile.TemporaryDirectory() as tmp:
        checkout = Path(tmp) / "checkout"
        subprocess.run(["git", "clone", "--quiet", str(ROOT), str(checkout)], check=True)
        # The editor's pull request: a branch with a new network, going into main.
        git = {
            **os.environ,
            "GIT_AUTHOR_NAME": "Redacteur",
            "GIT_AUTHOR_EMAIL": "r@example.org",
            "GIT_COMMITTER_NAME": "Redacteur",
            "GIT_COMMITTER_EMAIL": "r@example.org",
        }
        subprocess.run(["git", "update-ref", "refs/remotes/origin/main", "HEAD"], cwd=checkout, check=True)
        subprocess.run(["git", "checkout", "--quiet", "-b", "nieuw-netwerk"], cwd=checkout, check=True)
        add_a_new_network(checkout)
        subprocess.run(["git", "add", "networks", "content"], cwd=checkout, check=True)
        subprocess.run(["git", "commit", "--quiet", "-m", "Een nieuw netwerk"], cwd=checkout, check=True, env=git)
        cache = Path(tmp) / "pip-cache"
        env = {**os.environ, **{k: str(v) for k, v in workflow.get("env", {}).items()}, "PIP_CACHE_DIR": str(cache), "BASE_REF": "main"}
        env.pop("VIRTUAL_ENV", None)
        for label in ("empty pip cache", "filled pip cache"):
            subprocess.run(["rm", "-rf", str(checkout / ".venv")], check=True)
            print(f"inhoud, {label}:", flush=True)
            timings = run_job(jobs["inhoud"], checkout, env)
            until_annotation = sum(seconds for name, seconds in timings[: 1 + next(i for i, (n, _) in enumerate(timings) if "Inhoud" in n)])
            sections.append((f"`inhoud`, {label}", timings, until_annotation))
        if not args.skip_build:
            print("bouwen, a pull request that changes content only:", flush=True)
            timings = run_job(jobs["bouwen"], checkout, env)
            sections.append(("`bouwen`, content only", timings, None))
            print("bouwen, when code changed (or on main):", flush=True)
            timings = run_job(jobs["bouwen"], checkout, {**env, "BASE_REF": ""})
            sections.append(("`bouwen`, code changed", timings, None))
    rows = []
    for label, timings, until in sections:
        for name, seconds in timings:
            rows.append(f"| {label} | {name} | {seconds:.1f} s |")
        if until is not None:
            rows.append(f"| {label} | **until the first annotation** | **{until:.1f} s** |")
    body = "\n".join(
        [
            "## The pull-request check: time to the first annotation",
            "",
            f"Machine: {machine()}. Command: `python scripts/bench_pr_check.py`.",
            "",
            "The `run:` steps of `.github/workflows/pull-request.yml`, unchanged, in a fresh clone with an editor's "
            "pull request: a branch that adds a network (eight sessions, three organisations, a person). On GitHub, "
            "starting the runner, pulling the `python:3.11-bookworm` image and checking out come before these; the "
            "Debian packages of `bouwen` were already installed on this machine. Here pip reads a local mirror, so "
            "its cache saves nothing (the second install is not faster); on GitHub it saves the downloads from PyPI.",
            "",
            "| Job | Step | Time |",
            "| --- | --- | ---: |",
            *rows,
        ]
    )
    write_section("pr-check", body)


if __name__ == "__main__":
    main()
