"""QR codes on the handouts, made on a second core while MkDocs builds on the first.

segno is pure Python: a code takes about 1 ms, so 3,000 sessions cost 3 s, a tenth
of a 10,000-entity build. MkDocs renders on one core; `QrCodes.start` hands the
addresses to a worker process (`python -m praktijkboek.outputs.qrcodes`, JSON in and
out through temporary files), and the first handout that needs a code collects the
lot. A few codes are made in-process: starting Python costs more than they do.
Codes are kept across the rebuilds of `mkdocs serve`.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import IO

import segno
from segno import DataOverflowError

#: Below this many missing codes, make them in-process.
WORKER_FROM = 150


class QrCodeError(Exception):
    pass


def qr_svg(url: str) -> str:
    """A regular (not micro) QR code for `url`, as inline SVG that prints crisp in black and white.

    The mask is fixed: every mask pattern is valid and decodes, and choosing the "best" one
    (segno's default) costs five times as much, which adds up over thousands of sessions.
    """
    try:
        code = segno.make(url, micro=False, error="m", mask=0)
    except DataOverflowError:
        raise QrCodeError(
            f"De QR-code voor een handout kon niet gemaakt worden: het adres {url[:80]}… is te lang voor een QR-code ({len(url)} tekens). Kies een kortere id."
        ) from None
    svg = code.svg_inline(scale=4, border=2, dark="#000", light="#fff", svgclass="pb-qr", lineclass=None, omitsize=True)
    return re.sub(r"<svg ", '<svg role="img" aria-label="QR-code naar deze sessie online" ', svg, count=1)


class QrCodes:
    """The QR codes of a build, by address: made by a worker process, or in-process when few."""

    def __init__(self, worker_from: int = WORKER_FROM) -> None:
        self.worker_from = worker_from
        self.known: dict[str, str] = {}
        self._worker: subprocess.Popen[bytes] | None = None
        self._files: tuple[IO[bytes], IO[bytes]] | None = None

    def start(self, urls: Iterable[str]) -> None:
        """Begin making the codes of `urls` that are not known yet; returns at once."""
        self.collect()  # a worker of an earlier build that was never collected
        missing = sorted(set(urls) - self.known.keys())
        if len(missing) < self.worker_from:
            self.known.update((url, qr_svg(url)) for url in missing)
            return
        given, made = tempfile.TemporaryFile(), tempfile.TemporaryFile()
        given.write(json.dumps(missing).encode("utf-8"))
        given.seek(0)
        package_root = str(Path(__file__).resolve().parents[2])  # so the worker imports this same code
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [package_root, os.environ.get("PYTHONPATH")]))}
        self._worker = subprocess.Popen([sys.executable, "-m", __name__], stdin=given, stdout=made, stderr=subprocess.PIPE, env=env)
        self._files = (given, made)

    def collect(self) -> None:
        """Wait for the worker, if one runs, and keep what it made."""
        if self._worker is None or self._files is None:
            return
        worker, (given, made) = self._worker, self._files
        self._worker = self._files = None
        _, errors = worker.communicate()
        try:
            if worker.returncode != 0:
                detail = errors.decode(errors="replace").strip()
                raise QrCodeError(detail if detail.startswith("De QR-code") else f"De QR-codes voor de handouts konden niet gemaakt worden: {detail}")
            made.seek(0)
            self.known.update(json.loads(made.read().decode("utf-8")))
        finally:
            given.close()
            made.close()

    def stop(self) -> None:
        """Stop a worker whose codes are no longer wanted (the build failed)."""
        if self._worker is not None and self._files is not None:
            self._worker.kill()
            self._worker.communicate()
            for file in self._files:
                file.close()
        self._worker = self._files = None

    def get(self, url: str) -> str:
        if url not in self.known:
            self.collect()
        if url not in self.known:  # not asked for in start(): make it now
            self.known[url] = qr_svg(url)
        return self.known[url]


def main() -> None:
    """Worker: a JSON list of addresses on stdin, a JSON object of address → SVG on stdout."""
    urls = json.loads(sys.stdin.buffer.read().decode("utf-8"))
    try:
        codes = {url: qr_svg(url) for url in urls}
    except QrCodeError as exc:
        sys.exit(str(exc))  # on stderr, exit status 1
    sys.stdout.buffer.write(json.dumps(codes).encode("utf-8"))


if __name__ == "__main__":
    main()
