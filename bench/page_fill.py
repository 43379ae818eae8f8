#!/usr/bin/env python3
"""Report how full the emptiest page of each PDF in a handouts build folder is.

Usage: .venv/bin/python bench/page_fill.py BUILD [BUILD2] [--dpi N]
                                                    [--pages]

With two folders it prints a before -> after table, matched by slug and edition.

Which files: only the current ones, i.e. for each slug and edition (A4, A5, A5 booklet,
Letter, large print) the file with the highest version; older version files in the
folder are ignored. Standalone flowchart files (``*-flowchart-*``) are skipped.

The measure (vertical fill of the text area):
  * Each page is rendered in grey at low resolution (default 50 dpi) with pdftoppm. A pixel
    is "ink" if darker than 235/255 (so the faint tints of boxes and table heads count as
    ink only where they are printed, which is what a reader sees as used space).
  * Footer: the footer rule is found per page as the lowest row, in the lower 45 % of the
    page, holding an unbroken dark run at least 40 % of the page (or half-sheet) wide. Its
    ends also give the left and right edges of the text area (so mirrored booklet margins
    are handled). Everything from the rule down (footer lines, QR code) is ignored.
  * Header: the draft band (a tinted row, at least 40 % wide, in the top 12 % of the page)
    is skipped; the top of the text area is the highest first-ink row below the band over
    all pages of the document (the frame top).
  * Fill = (lowest ink row inside the text area above the rule - text top) /
           (rule row - text top).
    So a page whose text runs down to the footer scores ~95-100 %; a page holding two
    references at its top scores ~12 %. It is a vertical measure: it says how far down the
    page the content reaches, not how dense it is.
  * A5 booklet files (two A5 pages imposed on each A4 landscape sheet) are cut in halves;
    each half is given its reading page number from its footer ("Page X of N"), falling
    back to saddle-stitch order.
  * Exempt from "least filled": the last page (for the booklet that is the back cover,
    page N), deliberate blanks (no text between band and footer, or at most 12 words
    including "blank", e.g. "This page is left blank on purpose."), and notes pages (body
    begins with "Notes" and holds at most 12 words). Exempt pages are listed
    with --pages. In a pack, the last page of each handout (before its blank) is NOT
    exempt: the rule exempts only the document's last page.
  * FLAG: any non-exempt page under 30 % is printed with "<30%!".
"""

from __future__ import annotations

import argparse
import html
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

INK = 235
NAME = re.compile(r"^(?P<slug>.+?)-v(?P<ver>\d+(?:\.\d+)*)(?P<suffix>-a5-booklet|-a5|-letter|"
                  r"-large-print)?\.pdf$")
EDITIONS = {None: "A4", "-a5": "A5", "-a5-booklet": "A5 booklet", "-letter": "Letter",
            "-large-print": "Large print"}
ORDER = ["A4", "A5", "A5 booklet", "Letter", "Large print"]
PAGE_RE = re.compile(r"Page\s+(\d+)\s+of\s+(\d+)")
THRESHOLD = 0.30


@dataclass
class Page:
    number: int          # reading page number
    fill: float | None   # None: could not measure (no footer rule)
    exempt: str = ""     # why it is exempt, '' if not


def current_files(folder: Path) -> dict[tuple[str, str], Path]:
    """Return the highest-version PDF per (slug, edition)."""
    best: dict[tuple[str, str], tuple[tuple[int, ...], Path]] = {}
    for path in folder.glob("*.pdf"):
        m = NAME.match(path.name)
        if not m or "-flowchart" in m["slug"]:
            continue
        key = (m["slug"], EDITIONS[m["suffix"]])
        ver = tuple(int(x) for x in m["ver"].split("."))
        if key not in best or ver > best[key][0]:
            best[key] = (ver, path)
    return {k: v[1] for k, v in best.items()}


def words_by_page(pdf: Path) -> list[list[tuple[float, float, float, float, str]]]:
    """Return every page's words with their boxes (points, from the top-left)."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True,
                         text=True, check=True).stdout
    pages = []
    for chunk in out.split("<page ")[1:]:
        words = [(float(a), float(b), float(c), float(d), html.unescape(w)) for a, b, c, d, w in
                 re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">'
                            r"([^<]*)</word>", chunk)]
        pages.append(words)
    return pages


def render(pdf: Path, dpi: int, tmp: Path) -> list[Image.Image]:
    """Render every page in grey and return the images in page order."""
    prefix = tmp / pdf.stem
    subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", str(pdf), str(prefix)], check=True)
    files = sorted(tmp.glob(pdf.stem + "-*.pgm"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
    images = [Image.open(p).convert("L") for p in files]
    for p in files:
        p.unlink()
    return images


DARK = bytes(1 if i < INK else 0 for i in range(256))


def row_bits(im: Image.Image, y: int, x0: int = 0, x1: int | None = None) -> bytes:
    """Return one row as 0/1 bytes (1 = ink)."""
    x1 = im.width if x1 is None else x1
    return im.crop((x0, y, x1, y + 1)).tobytes().translate(DARK)


def longest_run(bits: bytes) -> tuple[int, int]:
    """Return (start, length) of the longest run of ink in a row."""
    best = (0, 0)
    for m in re.finditer(b"\x01+", bits):
        if m.end() - m.start() > best[1]:
            best = (m.start(), m.end() - m.start())
    return best


def footer_rule(im: Image.Image) -> tuple[int, int, int] | None:
    """Return (row, left, right) of the footer rule: the lowest long ink run."""
    for y in range(im.height - 1, int(im.height * 0.55), -1):
        start, length = longest_run(row_bits(im, y))
        if length >= 0.40 * im.width:
            return y, start, start + length
    return None


def band_end(im: Image.Image) -> int:
    """Return the first row below the draft band (0 if there is none)."""
    end = 0
    for y in range(int(im.height * 0.12)):
        if longest_run(row_bits(im, y))[1] >= 0.40 * im.width:
            end = y + 1
    return end


def first_ink(im: Image.Image, top: int, bottom: int, x0: int, x1: int) -> int | None:
    """Return the first row with ink between top and bottom, or None."""
    for y in range(top, bottom):
        if 1 in row_bits(im, y, x0, x1):
            return y
    return None


def last_ink(im: Image.Image, top: int, bottom: int, x0: int, x1: int) -> int | None:
    """Return the last row with ink between top and bottom (exclusive), or None."""
    for y in range(bottom - 1, top - 1, -1):
        if 1 in row_bits(im, y, x0, x1):
            return y
    return None


def classify(words: list[tuple[float, float, float, float, str]], top_pt: float,
             bottom_pt: float) -> str:
    """Return why a page (its words between band and footer) is exempt, or ''."""
    body = [w for w in words if w[1] >= top_pt and w[3] <= bottom_pt]
    body.sort(key=lambda w: (round(w[1]), w[0]))
    if not body:
        return "blank"
    if body[0][4].strip().lower().startswith("notes") and len(body) <= 12:
        return "notes"
    if len(body) <= 12 and "blank" in " ".join(w[4] for w in body).lower():
        return "blank"
    return ""


def measure(pdf: Path, dpi: int, tmp: Path) -> list[Page]:
    """Measure every reading page of one PDF."""
    images = render(pdf, dpi, tmp)
    words = words_by_page(pdf)
    booklet = pdf.name.endswith("-a5-booklet.pdf")
    scale = 72 / dpi
    # (image, words in the half's own coordinates, reading number or None)
    halves: list[tuple[Image.Image, list, int | None]] = []
    for i, im in enumerate(images):
        ws = words[i] if i < len(words) else []
        if booklet:
            half = im.width // 2
            half_pt = half * scale
            for side, (x0, x1) in enumerate(((0, half), (half, im.width))):
                sub = im.crop((x0, 0, x1, im.height))
                sw = [(a - side * half_pt, b, c - side * half_pt, d, t) for a, b, c, d, t in ws
                      if (a >= half_pt) == bool(side)]
                halves.append((sub, sw, None))
        else:
            halves.append((im, ws, i + 1))
    total = len(halves)
    numbered = []
    for k, (im, ws, num) in enumerate(halves):
        if num is None:
            text = " ".join(w[4] for w in ws)
            found = PAGE_RE.findall(text)
            if found:
                num = int(found[-1][0])
            else:  # saddle stitch: sheet s front = [N-2s, 2s+1], back = [2s+2, N-2s-1]
                sheet, pos = divmod(k, 4)
                num = [total - 2 * sheet, 2 * sheet + 1, 2 * sheet + 2,
                       total - 2 * sheet - 1][pos]
        numbered.append((num, im, ws))
    numbered.sort(key=lambda t: t[0])
    # document-wide text top: highest first ink below the band
    info = []
    for num, im, ws in numbered:
        rule = footer_rule(im)
        band = band_end(im)
        info.append((num, im, ws, rule, band))
    tops = []
    for _num, im, _ws, rule, band in info:
        if rule:
            y = first_ink(im, band + 1, rule[0] - 1, rule[1], rule[2])
            if y is not None:
                tops.append(y)
    doc_top = min(tops) if tops else 0
    pages = []
    last = max(n for n, *_ in info)
    for num, im, ws, rule, band in info:
        if rule is None:
            pages.append(Page(num, None, "no footer rule found"))
            continue
        row, x0, x1 = rule
        # skip the rule itself (it may be 2 px thick) and anything touching it
        bottom = row
        while bottom > doc_top and 1 in row_bits(im, bottom - 1, x0, x1) and \
                longest_run(row_bits(im, bottom - 1))[1] >= 0.40 * im.width:
            bottom -= 1
        low = last_ink(im, max(doc_top, band), bottom - 1, x0 + 1, x1 - 1)
        fill = 0.0 if low is None else (low + 1 - doc_top) / (row - doc_top)
        exempt = classify(ws, (max(band, doc_top) - 1) * scale, row * scale)
        if num == last:
            exempt = exempt or ("back cover" if pdf.name.endswith("-a5-booklet.pdf")
                                else "last page")
        pages.append(Page(num, max(0.0, min(fill, 1.0)), exempt))
    return pages


def summary(pages: list[Page]) -> tuple[Page | None, list[Page]]:
    """Return the least-filled non-exempt page and all non-exempt pages under 30 %."""
    judged = [p for p in pages if not p.exempt and p.fill is not None]
    worst = min(judged, key=lambda p: p.fill) if judged else None
    return worst, [p for p in judged if p.fill < THRESHOLD]


def describe(folder: Path, dpi: int, show_pages: bool) -> dict[tuple[str, str], tuple]:
    """Measure every current PDF of a folder."""
    result = {}
    with tempfile.TemporaryDirectory() as tmp:
        for key, pdf in sorted(current_files(folder).items(),
                               key=lambda kv: (kv[0][0], ORDER.index(kv[0][1]))):
            pages = measure(pdf, dpi, Path(tmp))
            worst, low = summary(pages)
            result[key] = (pdf, pages, worst, low)
            if show_pages:
                cells = " ".join(f"{p.number}:{'--' if p.fill is None else round(p.fill * 100)}"
                                 f"{'(' + p.exempt + ')' if p.exempt else ''}" for p in pages)
                print(f"# {pdf.name}: {cells}", file=sys.stderr)
    return result


def cell(entry) -> tuple[str, str]:
    """Return the page-count and least-filled cells for one file."""
    if entry is None:
        return "-", "-"
    _pdf, pages, worst, low = entry
    w = "-" if worst is None else f"p{worst.number} {worst.fill:.0%}"
    if low:
        w += " <30%! (" + ", ".join(f"p{p.number} {p.fill:.0%}" for p in low) + ")"
    return str(len(pages)), w


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--dpi", type=int, default=50)
    parser.add_argument("--pages", action="store_true", help="list every page's fill (stderr)")
    args = parser.parse_args()
    results = [describe(f, args.dpi, args.pages) for f in args.folders]
    keys = sorted(set().union(*results), key=lambda k: (k[0], ORDER.index(k[1])))
    if len(results) == 1:
        print(f"{'file':52} {'pages':>5}  least-filled (excl. last/blank/notes/back cover)")
        for key in keys:
            n, w = cell(results[0].get(key))
            print(f"{results[0][key][0].name:52} {n:>5}  {w}")
        return
    before, after = results[0], results[-1]
    print("| handout | edition | files (before → after) | pages | least-filled page |")
    print("|---|---|---|---|---|")
    for key in keys:
        b, a = before.get(key), after.get(key)
        nb, wb = cell(b)
        na, wa = cell(a)
        vb = re.search(r"-v(\d+(?:\.\d+)*)", b[0].name)[1] if b else "-"
        va = re.search(r"-v(\d+(?:\.\d+)*)", a[0].name)[1] if a else "-"
        print(f"| {key[0]} | {key[1]} | v{vb} → v{va} | {nb} → {na} | {wb} → {wa} |")


if __name__ == "__main__":
    main()
