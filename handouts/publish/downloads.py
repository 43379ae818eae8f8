"""The download page as a pure function of the manifest: the same manifest, the same bytes.

Handouts are grouped by slug and ordered by title, packs first in their own section; each
shows whom it is for, its subtitle, version, dates and status, page 1 as a thumbnail, and a
link to every file with its size and SHA-256. The page says how to print each edition (a
booklet: double-sided, flipped on the short edge, at actual size) and who publishes the
handouts, with their phone number, from handouts.yaml. The page itself is
templates/site.html, which escapes every text from the manifest; nothing here depends on
the clock.
"""

from __future__ import annotations

import functools
import re
from datetime import date
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape

from handouts.layout.dates import long_date
from handouts.model.profile import AUDIENCE, booklet_printing

TEMPLATES = Path(__file__).parent / "templates"
CSS = "\n".join((TEMPLATES / name).read_text("utf-8").strip()
                for name in ("site.css", "history.css"))  # the version histories' own
# Page 1 of an A4 PDF at 30 dpi is 248 x 351 pixels; the page shows it at half that size,
# so it stays sharp on high-density screens. The attributes keep its space while loading.
THUMB_WIDTH, THUMB_HEIGHT = 124, 175
PROFILES = {"html": "web page", "a4": "A4", "a5": "A5",
            "a5-booklet": "A5 booklet, to print on A4 and fold",
            "letter": "US Letter", "large-print": "large print"}
FLOWCHART_KINDS = {  # kind: (link text, MIME type), in the order the page lists them
    "flowchart-pdf": ("Flowchart PDF", "application/pdf"),
    "flowchart-svg": ("Flowchart SVG, scalable image", "image/svg+xml"),
    "flowchart-png": ("Flowchart PNG, 300 dpi image", "image/png"),
    "flowchart-txt": ("Flowchart as plain text", "text/plain"),
}
HANDOUT_KINDS = ("handout-pdf", "pack-pdf", "handout-html", "pack-html")
VERSION_PAGE = "version-page"
"""The kind of a version's page: listed in each card's version history, not as a file."""
WEB_KINDS = ("handout-html", "pack-html")
SAFE_SLUG = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*\Z")
PACK_TITLE = "{title}: the complete pack"
"""What the page calls a pack, so that it never reads like one of its handouts."""
PRINTING = {  # edition: how to print it, beside its link
    "a5-booklet": "double-sided on A4, flip on the short edge, at actual size (100%), then "
                  "fold in half",
}
HOW_TO_PRINT = [
    ("A4, US Letter and large print", "print at actual size (100%, not 'fit to page'), on "
     "one side or both; large print on A4."),
    ("A5 booklet", booklet_printing("the A5 booklet file")),
    ("A5", "the same pages one to a sheet of A5 paper, or to read on screen."),
]


def human_date(text: str) -> str:
    """Return an ISO date as it is written in the UK; anything else unchanged.

    >>> human_date("2026-11-26")
    '26 November 2026'
    >>> human_date("soon")
    'soon'
    """
    try:
        return long_date(date.fromisoformat(text))
    except (TypeError, ValueError):
        return text


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


@functools.cache
def _environment() -> Environment:
    return Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(),
                       keep_trailing_newline=True)


def download_page(manifest: dict, thumbnails: dict[str, str]) -> str:
    """Return the HTML of the download page for the files ``manifest`` lists.

    ``thumbnails`` maps a slug to the path of its thumbnail, relative to the page.
    """
    groups = _groups(manifest)
    pages = _version_pages(manifest)
    for group in groups:
        group["history"] = version_history(pages.get(group["slug"], []), group["title"])
    packs = [g for g in groups if any(e.get("kind") == "pack-pdf" for e in g["latest"])]
    handouts = [g for g in groups if g not in packs]
    site = packs[0]["title"] if len(packs) == 1 and packs[0]["title"] else ""
    sections = []
    if packs:
        sections.append({"id": "packs", "title": "The complete pack" if len(packs) == 1
                         else "The complete packs",
                         "cards": [_card(g, thumbnails, pack=True) for g in packs]})
    if handouts:
        sections.append({"id": "handouts",
                         "title": "Handouts, one by one" if packs else "Handouts",
                         "cards": [_card(g, thumbnails, pack=False) for g in handouts]})
    contents = [{"anchor": _anchor(g["slug"]),
                 "title": PACK_TITLE.format(title=g["title"]) if g in packs else g["title"]}
                for g in packs + handouts]
    publisher = manifest.get("publisher") if isinstance(manifest, dict) else None
    publisher = publisher if isinstance(publisher, dict) else {}
    return _environment().get_template("site.html").render(
        heading=f"{site} handouts" if site else "Handouts", css=Markup(CSS),
        contents=contents if len(groups) > 1 else [], sections=sections,
        generator=_text(manifest, "generator"), thumb_width=THUMB_WIDTH,
        thumb_height=THUMB_HEIGHT, printing=HOW_TO_PRINT if groups else [],
        publisher={key: _text(publisher, key) for key in ("name", "phone", "other_formats")})


def _groups(manifest: dict) -> list[dict]:
    """Group the manifest's linkable entries by slug, newest version first, by title."""
    files = manifest.get("files", []) if isinstance(manifest, dict) else []
    by_slug: dict[str, dict[str, list[dict]]] = {}
    for entry in files:
        if not isinstance(entry, dict) or not _linkable(entry.get("file")) \
                or entry.get("kind") == VERSION_PAGE:
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
        return (kind not in HANDOUT_KINDS, kind in WEB_KINDS, _profile(entry) != "a4",
                _text(entry, "file"))
    return min(entries, key=rank)


def _profile(entry: dict) -> str:
    return _text(entry, "profile") or "a4"


def _anchor(slug: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]", "-", slug)  # the QR code on each handout leads here


def _status(status: str) -> Markup:
    if status == "draft":
        return Markup('<p class="status status-draft"><strong>Draft:</strong> '
                      "not yet clinically reviewed</p>")
    if status == "approved":
        return Markup('<p class="status status-approved"><strong>Approved:</strong> '
                      "clinically reviewed</p>")
    if status:
        return Markup('<p class="status">Status: {}</p>').format(status)
    return Markup("")


def _time(text: str) -> Markup:
    shown = human_date(text)
    try:
        date.fromisoformat(text)
    except (TypeError, ValueError):
        return escape(shown)
    return Markup('<time datetime="{}">{}</time>').format(text, shown)


def _card(group: dict, thumbnails: dict[str, str], pack: bool) -> dict[str, Any]:
    main, title, slug = group["main"], group["title"], group["slug"]
    version = _text(main, "version")
    thumb = thumbnails.get(slug)
    alt = f"Page 1 of {'the pack' if pack else 'the handout'} “{title}”"
    alt += f", version {version}" if version else ""
    facts = [("Version", escape(version)), ("Updated", _time(_text(main, "updated"))),
             ("Review due", _time(_text(main, "review_due")))]
    audience = _text(main, "audience")
    return {
        "pack": pack, "title": PACK_TITLE.format(title=title) if pack else title,
        "anchor": _anchor(slug), "alt": alt, "audience": AUDIENCE.get(audience, ""),
        "subtitle": _text(main, "subtitle"),
        "thumb": quote(thumb, safe="/") if thumb and _linkable(thumb) else "",
        "facts": [(name, value) for name, value in facts if value],
        "status": _status(_text(main, "status")),
        "downloads": _downloads(group["latest"], title, version),
        "older": [{"version": older, "updated": _time(_text(_main_entry(entries), "updated")),
                   "downloads": _downloads(entries, title, older, grouped=False)}
                  for older, entries in group["older"]],
        "history": group["history"],
    }


def _downloads(entries: list[dict], title: str, version: str,
               grouped: bool = True) -> list[dict[str, Any]]:
    """Return the groups of links: the document's PDFs, then the flowchart's files."""
    documents: list[dict] = []
    charts: list[dict] = []
    others: list[dict] = []
    for entry in entries:
        kind = _text(entry, "kind")
        (documents if kind in HANDOUT_KINDS else charts if kind in FLOWCHART_KINDS
         else others).append(entry)
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
    return [{"heading": name, "links": [_link(entry, about) for entry in items]}
            for name, items in sections if items]


def file_groups(entries: list[dict], title: str, version: str) -> list[dict[str, Any]]:
    """Return the links to the files of one version of a document, in groups, as its card
    on the download page lists them (for a version's own page)."""
    return _downloads(entries, title, version)


def _label(entry: dict) -> tuple[str, str]:
    """Return what a link says the file is, and its MIME type."""
    kind, name = _text(entry, "kind"), _text(entry, "file")
    if kind in WEB_KINDS:
        return "Web page, for screen readers and phones", "text/html"
    if kind in HANDOUT_KINDS:
        profile = _profile(entry)
        return f"PDF, {PROFILES.get(profile, profile)}", "application/pdf"
    if kind in FLOWCHART_KINDS:
        return FLOWCHART_KINDS[kind]
    suffix = PurePosixPath(name).suffix.lstrip(".").upper()
    return (f"{suffix} file" if suffix else "File"), ""


def _link(entry: dict, about: str) -> dict[str, str]:
    label, mime = _label(entry)
    return {"href": quote(_text(entry, "file"), safe="/"), "mime": mime,
            "text": f"{label} ({human_size(_size(entry))})", "about": about,
            "name": _text(entry, "file"), "sha256": _text(entry, "sha256"),
            "printing": PRINTING.get(_profile(entry), "")
            if _text(entry, "kind") in HANDOUT_KINDS else ""}


def thumbnail_sources(manifest: dict) -> dict[str, str]:
    """Return {slug: file} of the PDF whose page 1 shows each handout and pack."""
    sources = {}
    for group in _groups(manifest):
        main = group["main"]
        if main.get("kind") in HANDOUT_KINDS and SAFE_SLUG.match(group["slug"]):
            sources[group["slug"]] = _text(main, "file")
    return sources


# ---------------------------------------------------------------------------------------
# Version histories: the pages of every version of a handout, as the manifest lists them


def _version_pages(manifest: dict) -> dict[str, list[dict]]:
    """Return the manifest's linkable version pages by slug."""
    files = manifest.get("files", []) if isinstance(manifest, dict) else []
    pages: dict[str, list[dict]] = {}
    for entry in files:
        if isinstance(entry, dict) and entry.get("kind") == VERSION_PAGE \
                and _linkable(entry.get("file")):
            pages.setdefault(_text(entry, "slug"), []).append(entry)
    return pages


def standing_words(entry: dict) -> str:
    """Return where a version stands, in words, from its page's manifest entry.

    >>> standing_words({"standing": "superseded", "successor": "3.0.0",
    ...                 "superseded_on": "2026-11-27"})
    'Superseded on 27 November 2026 by version 3.0.0'
    """
    state = _text(entry, "standing")
    if state == "current":
        return "Current version" + ("" if _text(entry, "released") else ", not yet released")
    if state == "superseded":
        return (f"Superseded on {human_date(_text(entry, 'superseded_on'))} by version "
                f"{_text(entry, 'successor')}")
    if state == "withdrawn":
        return f"Withdrawn on {human_date(_text(entry, 'withdrawn_on'))}"
    return state


def version_history(pages: list[dict], title: str, prefix: str = "") -> list[dict[str, Any]]:
    """Return the rows of a version history, newest first: each version, when it was
    released, where it stands and what it changed, linked to its page (from ``prefix``)."""
    return [{"version": _text(e, "version"), "href": prefix + quote(_text(e, "file"), safe="/"),
             "released": _time(_text(e, "released")), "state": _text(e, "standing"),
             "standing": standing_words(e), "summary": _text(e, "summary"), "about": title}
            for e in sorted(pages, key=lambda e: version_key(_text(e, "version")),
                            reverse=True)]
