"""Write build/index.html, the download page, with a thumbnail of page 1 of each handout."""

from __future__ import annotations

import json
import os
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from handouts.atomic import atomic_write
from handouts.errors import BuildError
from handouts.process import run
from handouts.publish.downloads import download_page, thumbnail_sources

PAGE = "index.html"
THUMBS = "thumbs"
THUMB_DPI = 30
INSTALL_HINT = ("install poppler-utils (Debian/Ubuntu: apt-get install poppler-utils; "
                "or run sh scripts/system-deps.sh)")


def make_thumbnails(folder: Path, manifest: dict) -> dict[str, str]:
    """Draw page 1 of each handout's A4 PDF (and of each pack) as folder/thumbs/<slug>.png.

    Return {slug: path relative to ``folder``}. A thumbnail is drawn again only when its
    PDF is newer. Raise ToolError if poppler's ``pdftoppm`` is missing, fails, or hangs.
    """
    sources = thumbnail_sources(manifest)
    made = {slug: f"{THUMBS}/{slug}.png" for slug, name in sorted(sources.items())
            if (folder / name).is_file()}
    stale = [slug for slug in made if not (folder / made[slug]).is_file()
             or (folder / made[slug]).stat().st_mtime_ns
             < (folder / sources[slug]).stat().st_mtime_ns]
    with tempfile.TemporaryDirectory(prefix="handouts-thumbs-") as scratch:
        def draw(slug: str) -> None:
            prefix = Path(scratch) / slug
            run("pdftoppm", ["-png", "-r", str(THUMB_DPI), "-f", "1", "-l", "1", "-singlefile",
                             str(folder / sources[slug]), str(prefix)],
                install=INSTALL_HINT, name="poppler's 'pdftoppm'", timeout=30.0,
                what=f"on {sources[slug]}", slow="check the PDF and the poppler-utils "
                                                 "installation")
            atomic_write(folder / made[slug], prefix.with_suffix(".png").read_bytes())

        with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
            list(pool.map(draw, stale))  # pdftoppm runs in parallel; errors surface here
    return made


def write_site(folder: Path) -> Path:
    """Read folder/manifest.json, draw the thumbnails, write folder/index.html; return it."""
    folder = Path(folder)
    manifest_path = folder / "manifest.json"
    try:
        manifest = json.loads(manifest_path.read_text("utf-8"))
    except FileNotFoundError:
        raise BuildError(f"{manifest_path} does not exist: build the handouts first "
                         "(handouts build)") from None
    except (OSError, ValueError) as exc:
        raise BuildError(f"cannot read {manifest_path}: {exc}; build the handouts "
                         "again") from None
    if not isinstance(manifest, dict):
        raise BuildError(f"{manifest_path} is not a handouts manifest; build the handouts "
                         "again")
    page = folder / PAGE
    try:
        thumbnails = make_thumbnails(folder, manifest)
        atomic_write(page, download_page(manifest, thumbnails).encode("utf-8"))
    except OSError as exc:
        raise BuildError(f"cannot write to {exc.filename or folder}: "
                         f"{exc.strerror or exc}") from None
    return page
