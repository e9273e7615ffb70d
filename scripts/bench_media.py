"""Benchmark: the media folder. How long checking and resizing phone photos takes (`validate` and every
build read the folder: media.collect decodes each picture whole and makes its web version), how much
memory it takes, and how much smaller the site's copies are.

Usage: python scripts/bench_media.py [--photos 20] [--runs 3]
Photos of 4000×3000 pixels with noise (so JPEG cannot make them trivially small), as a phone makes
them. A second read in the same process (`mkdocs serve` after an edit elsewhere) finds the web
versions cached by file and modification time. Writes its figures to docs/benchmarks.md ("media").
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import ROOT, machine, write_section

sys.path[:0] = [str(ROOT / "plugins")]
from PIL import Image  # noqa: E402

from praktijkboek.core.reading import media  # noqa: E402
from praktijkboek.core.reading.loader import Layout  # noqa: E402


def _photos(folder: Path, count: int) -> int:
    folder.mkdir(parents=True)
    total = 0
    for i in range(count):
        path = folder / f"foto-{i}.jpg"
        Image.effect_noise((4000, 3000), 40 + i).convert("RGB").save(path, "JPEG", quality=90)
        total += path.stat().st_size
    return total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--photos", type=int, default=20)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    cold, warm, sizes = [], [], 0
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            (root / "networks").mkdir()
            original = _photos(root / "content/media/fotos", args.photos)
            media._web_version.cache_clear()
            started = time.perf_counter()
            found, problems = media.collect(Layout(root))
            cold.append(time.perf_counter() - started)
            assert not problems and len(found) == args.photos
            started = time.perf_counter()
            media.collect(Layout(root))
            warm.append(time.perf_counter() - started)
            sizes = sum(len(data) for data in media.site_files(found).values())
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    body = f"""## The media folder (`scripts/bench_media.py`)

{args.photos} phone photos of 4000×3000 pixels ({original / 1024 / 1024:.0f} MiB), {args.runs} runs; {machine()}.

| | median |
| --- | --- |
| first read (decode whole, turn upright, resize to 1600 px, re-encode) | {statistics.median(cold):.2f} s ({statistics.median(cold) / args.photos * 1000:.0f} ms a photo) |
| second read in the same process (`serve`: web versions cached) | {statistics.median(warm) * 1000:.0f} ms |
| what the site gets | {sizes / 1024 / 1024:.1f} MiB ({sizes / original:.0%} of the originals) |
| peak memory of the process | {peak:.0f} MiB |
"""
    write_section("media", body)
    print(body)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
