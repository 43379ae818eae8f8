"""Write build/index.html: a static page to download every handout, pack and flowchart.

``download_page`` is a pure function of the manifest (and of where the thumbnails are), so
the same manifest gives the same bytes; ``make_thumbnails`` draws page 1 of each handout
with poppler's ``pdftoppm``; ``write_site`` ties them together for a build folder.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from html import escape
from pathlib import Path, PurePosixPath
from urllib.parse import quote

from handouts.errors import BuildError, ToolError
from handouts.publish.outputs import atomic_write

PAGE = "index.html"
THUMBS = "thumbs"
THUMB_DPI = 30
# Page 1 of an A4 PDF at 30 dpi is 248 x 351 pixels; the page shows it at half that size,
# so it stays sharp on high-density screens. The attributes keep its space while loading.
THUMB_WIDTH, THUMB_HEIGHT = 124, 175
TIMEOUT_SECONDS = 30.0  # per page; override with HANDOUTS_PDFTOPPM_TIMEOUT (seconds)
INSTALL_HINT = ("install poppler-utils (Debian/Ubuntu: apt-get install poppler-utils; "
                "or run sh scripts/system-deps.sh --tests)")

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
PROFILES = {"a4": "A4", "a5": "A5", "letter": "US Letter", "large-print": "large print"}
FLOWCHART_KINDS = {  # kind: (link text, MIME type), in the order the page lists them
    "flowchart-pdf": ("Flowchart PDF", "application/pdf"),
    "flowchart-svg": ("Flowchart SVG, scalable image", "image/svg+xml"),
    "flowchart-png": ("Flowchart PNG, 300 dpi image", "image/png"),
    "flowchart-txt": ("Flowchart as plain text", "text/plain"),
}
HANDOUT_KINDS = ("handout-pdf", "pack-pdf")
SAFE_SLUG = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*\Z")


# ---------------------------------------------------------------------------------------
# Formatting


def human_date(text: str) -> str:
    """Return an ISO date as it is written in the UK; anything else unchanged.

    >>> human_date("2026-11-26")
    '26 November 2026'
    >>> human_date("soon")
    'soon'
    """
    try:
        day = date.fromisoformat(text)
    except (TypeError, ValueError):
        return text
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def human_size(size: int) -> str:
    """Return a file size in decimal units, as a download link shows it.

    >>> [human_size(n) for n in (512, 6161, 412_300, 1_364_374)]
    ['512 bytes', '6.2 kB', '412 kB', '1.4 MB']
    """
    if size < 1000:
        return f"{size} bytes"
    if size < 10_000:
        return f"{size / 1000:.1f} kB"
    if size < 999_500:
        return f"{size / 1000:.0f} kB"
    return f"{size / 1_000_000:.1f} MB"


def version_key(version: str) -> tuple[tuple[int, ...], str]:
    """Order versions numerically where they are numbers: 1.10.0 comes after 1.9.0."""
    numbers = re.findall(r"\d+", version)
    return tuple(int(n) for n in numbers), version


def _href(name: str) -> str:
    """Return a relative URL for a file in the page's folder, escaped for an attribute."""
    return escape(quote(name, safe="/"), quote=True)


def _linkable(name: object) -> bool:
    """True if ``name`` is a plain relative path inside the folder (so it is safe to link)."""
    if not isinstance(name, str) or not name or name.startswith("/") or "\\" in name:
        return False
    return all(part not in ("", ".", "..") for part in PurePosixPath(name).parts) \
        and not name.endswith("/")


def _text(entry: dict, key: str) -> str:
    value = entry.get(key, "")
    return "" if value is None else str(value)


def _size(entry: dict) -> int:
    try:
        return int(entry.get("bytes", 0))
    except (TypeError, ValueError):
        return 0


# ---------------------------------------------------------------------------------------
# The page


def download_page(manifest: dict, thumbnails: dict[str, str]) -> str:
    """Return the HTML of the download page for the files ``manifest`` lists.

    Handouts are grouped by slug and ordered by title, the pack first in its own section;
    each shows its version, dates and status, page 1 as a thumbnail (from ``thumbnails``,
    slug -> path relative to the page), and a link to every file with its size and SHA-256.
    Every text from the manifest is escaped, and nothing depends on the clock.
    """
    groups = _groups(manifest)
    packs = [g for g in groups if any(e.get("kind") == "pack-pdf" for e in g["latest"])]
    handouts = [g for g in groups if g not in packs]
    generator = _text(manifest, "generator")
    site = packs[0]["title"] if len(packs) == 1 and packs[0]["title"] else ""
    heading = f"{site} handouts" if site else "Handouts"

    out = [
        "<!DOCTYPE html>",
        '<html lang="en-GB">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(heading)}: downloads</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        '<header class="masthead">',
        '<div class="wrap">',
        '<p class="kicker">Clinic handouts</p>',
        f"<h1>{escape(heading)}: downloads</h1>",
        '<p class="lede">Print-ready PDF handouts and their flowcharts. Before you print, '
        "check the version and the review date: printed copies are uncontrolled.</p>",
        "</div>",
        "</header>",
        '<main class="wrap">',
    ]
    if len(groups) > 1:
        out += _contents(packs, handouts)
    if packs:
        title = "The complete pack" if len(packs) == 1 else "The complete packs"
        out += ['<section aria-labelledby="packs">', f'<h2 id="packs">{title}</h2>']
        for group in packs:
            out += _card(group, thumbnails, pack=True)
        out.append("</section>")
    if handouts:
        title = "Handouts, one by one" if packs else "Handouts"
        out += ['<section aria-labelledby="handouts">', f'<h2 id="handouts">{title}</h2>']
        for group in handouts:
            out += _card(group, thumbnails, pack=False)
        out.append("</section>")
    if not groups:
        out.append("<p>No handouts have been built yet.</p>")
    out += [
        "</main>",
        '<footer class="wrap footer">',
        "<p>To check that a download is complete and unchanged, compare its SHA-256 with "
        "the output of <code>sha256sum FILE</code> (macOS: <code>shasum -a 256 FILE</code>; "
        "Windows: <code>certutil -hashfile FILE SHA256</code>).</p>",
    ]
    if generator:
        out.append(f"<p>Made by {escape(generator)} from the specs; "
                   "the same specs always give the same files.</p>")
    out += ["</footer>", "</body>", "</html>", ""]
    return "\n".join(out)


def _groups(manifest: dict) -> list[dict]:
    """Group the manifest's linkable entries by slug, newest version first, by title."""
    files = manifest.get("files", []) if isinstance(manifest, dict) else []
    by_slug: dict[str, dict[str, list[dict]]] = {}
    for entry in files:
        if not isinstance(entry, dict) or not _linkable(entry.get("file")):
            continue
        versions = by_slug.setdefault(_text(entry, "slug"), {})
        versions.setdefault(_text(entry, "version"), []).append(entry)
    groups = []
    for slug, versions in by_slug.items():
        order = sorted(versions, key=version_key, reverse=True)
        latest = versions[order[0]]
        main = _main_entry(latest)
        groups.append({"slug": slug, "title": _text(main, "title") or slug, "main": main,
                       "latest": latest, "older": [(v, versions[v]) for v in order[1:]]})
    return sorted(groups, key=lambda g: (g["title"].casefold(), g["title"], g["slug"]))


def _main_entry(entries: list[dict]) -> dict:
    """Return the entry whose details describe the document: its A4 PDF if there is one."""
    def rank(entry: dict) -> tuple:
        kind = entry.get("kind")
        return (kind not in HANDOUT_KINDS, _profile(entry) != "a4", _text(entry, "file"))
    return min(entries, key=rank)


def _profile(entry: dict) -> str:
    return _text(entry, "profile") or "a4"


def _anchor(slug: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]", "-", slug)  # the QR code on each handout leads here


def _contents(packs: list[dict], handouts: list[dict]) -> list[str]:
    out = ['<nav class="contents" aria-labelledby="contents">',
           '<h2 id="contents">Contents</h2>', "<ul>"]
    for group in packs + handouts:
        out.append(f'<li><a href="#{escape(_anchor(group["slug"]))}">'
                   f'{escape(group["title"])}</a></li>')
    out += ["</ul>", "</nav>"]
    return out


def _status(status: str) -> str:
    if status == "draft":
        return ('<p class="status status-draft"><strong>Draft:</strong> '
                "not yet clinically reviewed</p>")
    if status == "approved":
        return ('<p class="status status-approved"><strong>Approved:</strong> '
                "clinically reviewed</p>")
    if status:
        return f'<p class="status">Status: {escape(status)}</p>'
    return ""


def _time(text: str) -> str:
    shown = escape(human_date(text))
    try:
        date.fromisoformat(text)
    except (TypeError, ValueError):
        return shown
    return f'<time datetime="{escape(text)}">{shown}</time>'


def _card(group: dict, thumbnails: dict[str, str], pack: bool) -> list[str]:
    main, title, slug = group["main"], group["title"], group["slug"]
    version = _text(main, "version")
    out = [f'<article class="card{" card-pack" if pack else ""}" '
           f'aria-labelledby="{escape(_anchor(slug))}">']
    thumb = thumbnails.get(slug)
    if thumb and _linkable(thumb):
        alt = f"Page 1 of {'the pack' if pack else 'the handout'} “{title}”"
        alt += f", version {version}" if version else ""
        out += ['<div class="thumb">',
                f'<img src="{_href(thumb)}" width="{THUMB_WIDTH}" height="{THUMB_HEIGHT}" '
                f'alt="{escape(alt)}">', "</div>"]
    else:
        out.append('<div class="thumb" aria-hidden="true"></div>')
    out += ['<div class="body">', f'<h3 id="{escape(_anchor(slug))}">{escape(title)}</h3>']
    if pack:
        out.append('<p class="note">The handouts in one PDF, with a contents page and one '
                   "reference list.</p>")
    out += _facts(main)
    out.append(_status(_text(main, "status")))
    out += _downloads(group["latest"], title, version, level=4)
    for older, entries in group["older"]:
        old_main = _main_entry(entries)
        out += ['<div class="older">',
                f"<h4>Earlier version {escape(older)} (superseded)</h4>",
                f'<p class="note">Updated {_time(_text(old_main, "updated"))}. '
                "Use the current version above unless you need this one.</p>"]
        out += _downloads(entries, title, older, level=5, grouped=False)
        out.append("</div>")
    out += ["</div>", "</article>"]
    return out


def _facts(entry: dict) -> list[str]:
    facts = [("Version", escape(_text(entry, "version"))),
             ("Updated", _time(_text(entry, "updated"))),
             ("Review due", _time(_text(entry, "review_due")))]
    out = ['<dl class="facts">']
    for name, value in facts:
        if value:
            out.append(f"<div><dt>{name}</dt><dd>{value}</dd></div>")
    out.append("</dl>")
    return out


def _downloads(entries: list[dict], title: str, version: str, level: int,
               grouped: bool = True) -> list[str]:
    """Return the lists of links: the document's PDFs, then the flowchart's files."""
    documents, charts, others = [], [], []
    for entry in entries:
        kind = _text(entry, "kind")
        if kind in HANDOUT_KINDS:
            documents.append(entry)
        elif kind in FLOWCHART_KINDS:
            charts.append(entry)
        else:
            others.append(entry)
    profiles = list(PROFILES)
    documents.sort(key=lambda e: (profiles.index(_profile(e)) if _profile(e) in profiles
                                  else len(profiles), _profile(e), _text(e, "file")))
    kinds = list(FLOWCHART_KINDS)
    charts.sort(key=lambda e: (kinds.index(_text(e, "kind")), _text(e, "file")))
    others.sort(key=lambda e: (_text(e, "kind"), _text(e, "file")))
    about = f"{title}, version {version}" if version else title
    sections = [("Handout", documents), ("Flowchart", charts), ("Other files", others)]
    if not grouped:
        sections = [("", documents + charts + others)]
    out = []
    for name, items in sections:
        if not items:
            continue
        if name:
            out.append(f'<h{level} class="files-heading">{name}</h{level}>')
        out.append('<ul class="files">')
        out += [_link(entry, about) for entry in items]
        out.append("</ul>")
    return out


def _label(entry: dict) -> tuple[str, str]:
    """Return what a link says the file is, and its MIME type."""
    kind, name = _text(entry, "kind"), _text(entry, "file")
    if kind in HANDOUT_KINDS:
        profile = _profile(entry)
        return f"PDF, {PROFILES.get(profile, profile)}", "application/pdf"
    if kind in FLOWCHART_KINDS:
        return FLOWCHART_KINDS[kind]
    suffix = PurePosixPath(name).suffix.lstrip(".").upper()
    return (f"{suffix} file" if suffix else "File"), ""


def _link(entry: dict, about: str) -> str:
    name = _text(entry, "file")
    label, mime = _label(entry)
    kind = f' type="{mime}"' if mime else ""
    digest = _text(entry, "sha256")
    text = f"{label} ({human_size(_size(entry))})"
    line = (f'<li><a href="{_href(name)}"{kind}>{escape(text)}'
            f'<span class="vh"> of {escape(about)}</span></a> '
            f'<span class="file">{escape(name)}</span>')
    if digest:
        line += (f'<details class="sum"><summary>SHA-256</summary>'
                 f'<code>{escape(digest)}</code></details>')
    return line + "</li>"


CSS = """
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;background:#f2f4f7;color:#1b1f24;font:1rem/1.5 system-ui,-apple-system,"Segoe UI",
Roboto,"DejaVu Sans","Helvetica Neue",Arial,sans-serif}
.wrap{max-width:60rem;margin:0 auto;padding-left:1.25rem;padding-right:1.25rem}
.masthead{background:#17324d;color:#fff;border-bottom:4px solid #2f7dbf}
.masthead .wrap{padding-top:1.75rem;padding-bottom:1.75rem}
.kicker{margin:0 0 .25rem;font-size:.875rem;letter-spacing:.06em;text-transform:uppercase;
color:#cfe0f0}
h1{margin:0 0 .6rem;font-size:2rem;line-height:1.2}
.lede{margin:0;max-width:42rem;color:#eef3f8}
main{padding-top:1.25rem;padding-bottom:1rem}
h2{margin:1.75rem 0 .75rem;font-size:1.35rem;line-height:1.3}
.contents{background:#fff;border:1px solid #d3d9e1;border-radius:8px;padding:.9rem 1.25rem}
.contents h2{margin:0 0 .4rem;font-size:1rem}
.contents ul{margin:0;padding-left:1.2rem;columns:2 18rem;column-gap:2rem}
.contents li{margin:0;padding:.1rem 0;break-inside:avoid}
a{color:#0a4f9a;text-underline-offset:.15em}
a:hover{color:#063566}
a:focus-visible{outline:3px solid #f2a900;outline-offset:2px;border-radius:2px}
.card{display:grid;grid-template-columns:124px minmax(0,1fr);gap:1.5rem;background:#fff;
border:1px solid #d3d9e1;border-radius:8px;padding:1.25rem 1.5rem;margin:0 0 1rem;
box-shadow:0 1px 2px rgba(16,24,40,.05)}
.card-pack{border-left:6px solid #2f7dbf;padding-left:calc(1.5rem - 5px)}
.thumb img{display:block;width:124px;height:auto;background:#fff;border:1px solid #b9c2cd;
box-shadow:0 2px 6px rgba(16,24,40,.15)}
h3{margin:0 0 .5rem;font-size:1.25rem;line-height:1.3}
h4{margin:1rem 0 .25rem;font-size:.8rem;letter-spacing:.06em;text-transform:uppercase;
color:#47515e}
.older h4{text-transform:none;letter-spacing:0;font-size:.95rem}
.note{margin:0 0 .6rem;color:#3a4450}
.facts{display:flex;flex-wrap:wrap;gap:.2rem 1.75rem;margin:0 0 .6rem}
.facts div{display:flex;gap:.4rem}
dt{color:#47515e}
dd{margin:0;font-weight:600}
.status{display:inline-block;margin:0 0 .25rem;padding:.2rem .7rem;border-radius:999px;
font-size:.9rem;border:1px solid #9aa5b1;background:#f2f4f7}
.status-draft{background:#fff3cd;border-color:#c99700;color:#4d3500}
.status-approved{background:#e4f4e9;border-color:#4f9a67;color:#0d4420}
.files{list-style:none;margin:0;padding:0}
.files li{padding:.5rem 0;border-top:1px solid #e4e8ed}
.files li:last-child{border-bottom:1px solid #e4e8ed}
.files a{font-weight:600}
.file{margin-left:.4rem;font-size:.875rem;color:#47515e;overflow-wrap:anywhere}
.sum{display:block;font-size:.8rem;color:#47515e}
.sum summary{cursor:pointer}
code{font-family:"DejaVu Sans Mono",ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;
font-size:.8rem;color:#1b1f24;overflow-wrap:anywhere;word-break:break-all}
.older{margin-top:1rem;padding-top:.25rem;border-top:1px dashed #b9c2cd}
.footer{padding-top:.5rem;padding-bottom:2rem;font-size:.875rem;color:#3a4450}
.footer code{background:#e6eaef;padding:0 .25rem;border-radius:3px;white-space:nowrap;
word-break:normal}
.vh{position:absolute!important;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;
clip:rect(0 0 0 0);white-space:nowrap;border:0}
@media (max-width:700px){
.wrap{padding-left:1rem;padding-right:1rem}
h1{font-size:1.6rem}
.card,.card-pack{display:block;padding:1rem}
.thumb{float:right;margin:0 0 .75rem 1rem}
.thumb img{width:76px}
.thumb:empty{display:none}
.facts{display:block}
.facts div{display:block}
.facts dt{display:inline}
.facts dd{display:inline;white-space:nowrap}
.facts dt::after{content:" "}
.files-heading,.older{clear:both}
.file{display:block;margin-left:0}
}
@media print{
body{background:#fff}
.masthead{background:#fff;color:#000;border:0}
.kicker,.lede{color:#000}
.contents,.thumb{display:none}
.card{display:block;box-shadow:none;break-inside:avoid}
}
""".strip()


# ---------------------------------------------------------------------------------------
# Thumbnails and the site


def _thumbnail_sources(manifest: dict) -> dict[str, str]:
    """Return {slug: file} of the PDF whose page 1 shows each handout and pack."""
    sources = {}
    for group in _groups(manifest):
        main = group["main"]
        if main.get("kind") in HANDOUT_KINDS and SAFE_SLUG.match(group["slug"]):
            sources[group["slug"]] = _text(main, "file")
    return sources


def make_thumbnails(folder: Path, manifest: dict) -> dict[str, str]:
    """Draw page 1 of each handout's A4 PDF (and of the pack) as folder/thumbs/<slug>.png.

    Return {slug: path relative to ``folder``}. Raise ToolError if ``pdftoppm`` (Debian
    package poppler-utils) is missing, fails, or takes too long.
    """
    sources = _thumbnail_sources(manifest)
    if not sources:
        return {}
    exe = shutil.which("pdftoppm")
    if exe is None:
        raise ToolError(f"poppler's 'pdftoppm' was not found on PATH: {INSTALL_HINT}")
    timeout = float(os.environ.get("HANDOUTS_PDFTOPPM_TIMEOUT", TIMEOUT_SECONDS))
    made = {slug: f"{THUMBS}/{slug}.png" for slug, name in sorted(sources.items())
            if (folder / name).is_file()}
    stale = [slug for slug in made if not (folder / made[slug]).is_file()
             or (folder / made[slug]).stat().st_mtime_ns
             < (folder / sources[slug]).stat().st_mtime_ns]  # drawn again only if its PDF is newer
    with tempfile.TemporaryDirectory(prefix="handouts-thumbs-") as scratch:
        def draw(slug: str) -> None:
            prefix = Path(scratch) / slug
            _run_pdftoppm(exe, folder / sources[slug], prefix, timeout)
            atomic_write(folder / made[slug], prefix.with_suffix(".png").read_bytes())

        with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
            list(pool.map(draw, stale))  # pdftoppm runs in parallel; errors surface here
    return made


def _run_pdftoppm(exe: str, pdf: Path, prefix: Path, timeout: float) -> None:
    command = [exe, "-png", "-r", str(THUMB_DPI), "-f", "1", "-l", "1", "-singlefile",
               str(pdf), str(prefix)]
    try:
        done = subprocess.run(command, capture_output=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        raise ToolError(f"'pdftoppm' took longer than {timeout:g} s on {pdf.name} and was "
                        "stopped; check the PDF and the poppler-utils installation") from None
    except OSError as exc:
        raise ToolError(f"'pdftoppm' could not be started: {exc.strerror}") from None
    if done.returncode != 0 or not prefix.with_suffix(".png").is_file():
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        detail = message[-1] if message else f"exit status {done.returncode}"
        raise ToolError(f"'pdftoppm' could not draw page 1 of {pdf.name}: {detail}")


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
