"""Measure how traceable the charts of a build are, edition by edition, from the PDFs alone.

    .venv/bin/python bench/chart_metrics.py build [SLUG]

For each PDF of SLUG (default alk-sequencing) in the build folder, reads every stroked open
path (the arrows: straight pieces and curves, the curves sampled) and every lane band (the
light grey rectangles), in page coordinates, and reports, with the measures of
handouts.flowchart.metrics: how many times arrows cross, the longest stretch two arrows run
within 2 pt of each other, and the longest stretch an arrow runs within 4 pt of a lane
border. It reads any build, so a build of an earlier commit can be measured the same way.
"""

from __future__ import annotations

import sys
from pathlib import Path

from pypdf import PdfReader
from pypdf.generic import ContentStream

from handouts.flowchart import metrics

LANE_GREY = (0.94, 0.94, 0.94)


def _apply(m: list[float], x: float, y: float) -> tuple[float, float]:
    return m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]


def _times(a: list[float], b: list[float]) -> list[float]:
    return [a[0] * b[0] + a[1] * b[2], a[0] * b[1] + a[1] * b[3],
            a[2] * b[0] + a[3] * b[2], a[2] * b[1] + a[3] * b[3],
            a[4] * b[0] + a[5] * b[2] + b[4], a[4] * b[1] + a[5] * b[3] + b[5]]


def page_geometry(reader: PdfReader, index: int) -> tuple[list[list[tuple[float, float]]],
                                                           list[metrics.Box]]:
    """Return a page's stroked open paths and its light grey rectangles, on the page."""
    page = reader.pages[index]
    content = ContentStream(page.get_contents(), reader)
    matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]
    stack: list[list[float]] = []
    fill: tuple[float, ...] = (0.0, 0.0, 0.0)
    fills: list[tuple[float, ...]] = []
    paths, bands = [], []
    current: list[tuple[float, float]] = []
    closed = False
    rects: list[metrics.Box] = []
    for operands, op in content.operations:
        if op == b"q":
            stack.append(matrix)
            fills.append(fill)
        elif op == b"Q":
            matrix = stack.pop() if stack else matrix
            fill = fills.pop() if fills else fill
        elif op == b"cm":
            matrix = _times([float(v) for v in operands], matrix)
        elif op == b"rg":
            fill = tuple(round(float(v), 2) for v in operands)
        elif op == b"m":
            current, closed, rects = [_apply(matrix, *map(float, operands))], False, []
        elif op == b"l" and current:
            current.append(_apply(matrix, *map(float, operands)))
        elif op == b"c" and current:
            p0 = current[-1]
            c1, c2, p1 = (_apply(matrix, float(operands[i]), float(operands[i + 1]))
                          for i in (0, 2, 4))
            for step in range(1, 9):
                t, u = step / 8, 1 - step / 8
                current.append((u ** 3 * p0[0] + 3 * u * u * t * c1[0] + 3 * u * t * t * c2[0]
                                + t ** 3 * p1[0], u ** 3 * p0[1] + 3 * u * u * t * c1[1]
                                + 3 * u * t * t * c2[1] + t ** 3 * p1[1]))
        elif op == b"h":
            closed = True
        elif op == b"re":
            x, y, w, h = (float(v) for v in operands)
            corners = [_apply(matrix, x, y), _apply(matrix, x + w, y + h)]
            rects.append((min(c[0] for c in corners), min(c[1] for c in corners),
                          max(c[0] for c in corners), max(c[1] for c in corners)))
        elif op == b"S" and len(current) >= 2 and not closed:
            paths.append(current)
            current = []
        elif op in (b"B", b"f", b"b", b"f*", b"B*"):
            if fill == LANE_GREY:
                bands += rects
                if current and closed:  # a rounded band: its outline's bounds
                    xs, ys = [p[0] for p in current], [p[1] for p in current]
                    bands.append((min(xs), min(ys), max(xs), max(ys)))
            current, rects = [], []
        elif op == b"n":
            current, rects = [], []
    return paths, bands


def measure(pdf: Path) -> tuple[int, float, float]:
    """Return a PDF's chart crossings, longest shared run and longest border run, over its
    pages that hold lane bands (the chart pages)."""
    reader = PdfReader(pdf)
    crossings, shared, border = 0, 0.0, 0.0
    for index in range(len(reader.pages)):
        paths, bands = page_geometry(reader, index)
        if not bands:
            continue
        arrows = {str(i): p for i, p in enumerate(paths) if len(p) >= 2}
        crossings += len(metrics.crossings(arrows))
        shared = max([shared, *(r.length for r in metrics.runs_together(arrows, longer=0.0))])
        border = max([border, *(r.length for r in metrics.border_runs(
            arrows, metrics.band_borders(bands), longer=0.0))])
    return crossings, shared, border


def main(argv: list[str]) -> int:
    folder = Path(argv[1]) if len(argv) > 1 else Path("build")
    slug = argv[2] if len(argv) > 2 else "alk-sequencing"
    print(f"{'file':60} crossings  shared run  border run")
    for pdf in sorted(folder.glob(f"{slug}*.pdf")):
        if pdf.name.endswith("-booklet.pdf"):
            continue
        crossings, shared, border = measure(pdf)
        print(f"{pdf.name:60} {crossings:9d}  {shared:7.1f} pt  {border:7.1f} pt")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
