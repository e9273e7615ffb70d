"""The media folder: the book's own pictures and attachments, checked against the content and made fit for the web.

Content files refer to a file in `content/media/` by its path there (`repair-cafe/herstelling.jpg`),
in fields marked `Media` in models.py (a picture's `file`, a link's `file`). Every such path must
exist, and a picture must be one; every file of the folder goes into the site under `media/`, so
nothing an editor put there is dropped. Pictures are made smaller for the web (Pillow) and keep
their width and height, which the pages write on the `<img>`, so that the page does not jump
while they load. No address of another website is accepted: a page of the book makes no request
elsewhere (models.MediaPath refuses it; `remote_images` finds it in the editors' Markdown).

No MkDocs imports here: the host adapters write `MediaFile.data` where `site_path` says.
"""

from __future__ import annotations

import io
import math
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path, PurePosixPath

from PIL import Image as Pillow
from PIL import ImageOps, UnidentifiedImageError

from praktijkboek.core.reading.loader import Layout, Node
from praktijkboek.core.reading.models import Media, iter_marked
from praktijkboek.core.reading.problems import Problem, did_you_mean_id, field_name

#: Where the media go in the site.
SITE_FOLDER = "media"
#: Pictures are made at most this wide (and this high) for the web: sharp on a wide screen, small to download.
MAX_SIDE = 1600
#: The endings of pictures the pages show; others (a PDF, a presentation) are attachments, copied as they are.
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".gif"}
#: A picture larger than this (in pixels) is refused: a decompression bomb, or a scan far beyond any web use.
MAX_PIXELS = 80_000_000


#: The endings of attachments the site offers for download as they are. Nothing a browser would run or
#: render as a page of the book's own site (HTML, SVG, XML, scripts): an editor's file is untrusted.
ATTACHMENT_SUFFIXES = {".pdf", ".pptx", ".ppt", ".odp", ".docx", ".doc", ".odt", ".xlsx", ".xls", ".ods", ".csv", ".txt", ".zip", ".mp3", ".mp4"}
#: A file larger than this is refused: the repository and every visitor pay for it.
MAX_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True)
class MediaFile:
    path: str
    """Its path in the media folder, as content files write it: `repair-cafe/herstelling.jpg`."""
    source: Path
    width: int | None = None
    height: int | None = None
    """A picture's size after resizing (None for an attachment)."""
    stamp: int = 0
    """The source's modification time: a changed picture is made again."""

    @property
    def site_path(self) -> str:
        return f"{SITE_FOLDER}/{self.path}"

    @property
    def image(self) -> bool:
        return self.width is not None

    @property
    def data(self) -> bytes:
        """What the site gets: a picture made fit for the web, an attachment as it is."""
        return _web_version(self.source, self.stamp)[0] if self.image else self.source.read_bytes()


def collect(layout: Layout) -> tuple[dict[str, MediaFile], list[Problem]]:
    """Every file of the media folder by its path there, and what is wrong with any of them. Pictures are
    decoded whole here (and made fit for the web, once per version of the file), so a damaged one is a
    problem of `validate`, not a crash of the build."""
    top = layout.root / layout.media_dir
    found: dict[str, MediaFile] = {}
    problems: list[Problem] = []
    if not top.is_dir() or top.is_symlink():
        return found, problems

    def refuse(path: Path, message: str, hint: str) -> None:
        problems.append(Problem(layout.rel(path), 1, None, message, hint))

    for path in sorted(p for p in top.rglob("*") if p.is_file() and not p.is_symlink() and p.name not in {".gitkeep", ".DS_Store"}):
        rel = path.relative_to(top).as_posix()
        suffix = path.suffix.lower()
        status = path.stat()
        if not re.fullmatch(MEDIA_NAME, rel):
            refuse(
                path,
                "deze bestandsnaam kan geen webadres worden",
                "Gebruik letters, cijfers, spaties, punten, koppeltekens en liggende streepjes; geen #, ?, % of &.",
            )
        elif suffix not in IMAGE_SUFFIXES | ATTACHMENT_SUFFIXES:
            refuse(
                path,
                f"een bestand met de extensie '{suffix or '(geen)'}' komt niet in het boek",
                f"Foto's: {', '.join(sorted(IMAGE_SUFFIXES))}. Bijlagen: {', '.join(sorted(ATTACHMENT_SUFFIXES))}. Een webpagina, SVG of script kan het boek niet veilig tonen.",
            )
        elif status.st_size > MAX_BYTES:
            refuse(
                path,
                f"dit bestand is te groot ({status.st_size // (1024 * 1024)} MB; hoogstens {MAX_BYTES // (1024 * 1024)} MB)",
                "Maak het kleiner, of link naar een andere website waar het staat.",
            )
        elif suffix in IMAGE_SUFFIXES:
            try:
                _, (width, height) = _web_version(path, status.st_mtime_ns)
            except (UnidentifiedImageError, OSError, ValueError, Pillow.DecompressionBombError) as error:
                refuse(
                    path,
                    f"dit is geen afbeelding die het boek kan tonen ({type(error).__name__})",
                    "Bewaar de foto opnieuw als jpg, png of webp, of verwijder het bestand.",
                )
                continue
            found[rel] = MediaFile(rel, path, width, height, status.st_mtime_ns)
        else:
            found[rel] = MediaFile(rel, path, stamp=status.st_mtime_ns)
    return found, problems


#: A path in the media folder that stays one segment of an address each: no #, ?, % or & to escape.
MEDIA_NAME = r"[\w .()+-]+(?:/[\w .()+-]+)*"


@cache
def _web_version(path: Path, stamp: int) -> tuple[bytes, tuple[int, int]]:
    """The picture upright (its EXIF orientation applied), at most MAX_SIDE wide and high, always encoded
    anew so that no metadata goes along (a phone's photo carries the place it was taken; PNG text, XMP),
    with its colour profile kept; and its width and height. `stamp`: the file's modification time."""
    with Pillow.open(path) as opened:
        if opened.width * opened.height > MAX_PIXELS:
            raise Pillow.DecompressionBombError(f"{opened.width}×{opened.height}")
        form = {"JPEG": "JPEG", "MPO": "JPEG", "PNG": "PNG", "WEBP": "WEBP", "GIF": "GIF"}.get(opened.format or "", "PNG")
        profile = opened.info.get("icc_profile")
        scale = min(1.0, MAX_SIDE / max(opened.size))
        if form == "JPEG" and scale < 1:  # JPEG decodes at 1/2, 1/4 or 1/8 directly: four to ten times quicker
            opened.draft("RGB", (math.ceil(opened.width * scale), math.ceil(opened.height * scale)))
        opened.load()  # decodes it whole: a file cut off halfway fails here
        picture = ImageOps.exif_transpose(opened)
        picture.thumbnail((MAX_SIDE, MAX_SIDE))
        out = io.BytesIO()
        extra = {"icc_profile": profile} if profile and form != "GIF" else {}
        if form == "JPEG":
            picture.convert("RGB").save(out, "JPEG", quality=85, optimize=True, progressive=True, **extra)
        elif form == "GIF":
            picture.save(out, "GIF")
        else:
            picture.save(out, form, **extra)
        return out.getvalue(), picture.size


def check(nodes: list[Node], media: dict[str, MediaFile], media_dir: str) -> list[Problem]:
    """A path that is not in the media folder, or a picture field that names no picture: told at its line."""
    problems = []
    for node in nodes:
        for loc, mark, path in iter_marked(node.entity, Media):
            line, field = node.parsed.line_of(loc), field_name(loc)
            found = media.get(path)
            if found is None:
                guess = did_you_mean_id(path, list(media))
                problems.append(
                    Problem(
                        node.path,
                        line,
                        field,
                        f"'{path}' staat niet in {media_dir}/",
                        " ".join(p for p in (guess, f"Zet het bestand in {media_dir}/ en schrijf het pad vanaf die map.") if p),
                    )
                )
            elif mark.image and not found.image:
                problems.append(
                    Problem(
                        node.path,
                        line,
                        field,
                        f"'{path}' is geen afbeelding",
                        f"Een foto is een bestand met de extensie {', '.join(sorted(IMAGE_SUFFIXES))}; een ander bestand hoort bij de links ('links' of 'materials', met 'file').",
                    )
                )
    return problems


#: Where an address leaves the book: a scheme (`http:`, `data:`), a host (`//x`, `\\x`), or the root of the web server
#: (`/x`, outside the book when it lives in a folder). Browsers read a backslash as a slash.
_LEAVES = r"""\s*(?:[a-z][a-z0-9+.-]*:|[\\/])"""
#: What validate tells editors: a web address, a host, the server's root. (A `javascript:` or `data:` address is
#: no request elsewhere: the sanitiser removes it, with the rest of an editor's unsafe HTML.)
_ELSEWHERE = r"""\s*(?:https?:|ftp:|[\\/])"""
_REMOTE = re.compile(
    rf"""!\[[^\]]*\]\(\s*<?{_ELSEWHERE}|<(?:img|iframe|video|audio|source|embed|track)\b[^>]*\b(?:src|srcset|poster)\s*=\s*["']?{_ELSEWHERE}|<object\b[^>]*\bdata\s*=\s*["']?{_ELSEWHERE}""",
    re.IGNORECASE,
)


def remote_images(text: str) -> list[int]:
    """The lines (1-based, in `text`) where Markdown shows a picture or media from another website."""
    return sorted({text.count("\n", 0, match.start()) + 1 for match in _REMOTE.finditer(text)})


def leaves_the_site(src: str) -> bool:
    """Whether a picture's address would make the browser fetch from elsewhere (`sanitize` drops it)."""
    return re.match(_LEAVES, src, re.IGNORECASE) is not None


def sizes(media: dict[str, MediaFile]) -> dict[str, tuple[int, int]]:
    """The web size of every picture, by its path in the media folder."""
    return {path: (f.width, f.height) for path, f in media.items() if f.width is not None and f.height is not None}


def site_files(media: dict[str, MediaFile]) -> dict[str, bytes]:
    """What the site gets of the media folder, by site path: every file, pictures made fit for the web."""
    return {file.site_path: file.data for file in media.values()}


def site_path(path: str) -> str:
    """The address of a media file in the site, relative to its root."""
    return str(PurePosixPath(SITE_FOLDER) / path)
