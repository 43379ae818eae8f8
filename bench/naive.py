"""The baseline: what a naive script makes of the same spec, with no checks, no citations
and no downloads.

    python bench/naive.py SPEC.yaml OUT.pdf

It reads the spec with PyYAML, draws the flowchart with `dot -Tpng` (150 dpi), and sets the
text, the table and the reference list with ReportLab's platypus in the same embedded font
(DejaVu Sans), on A4. Citations stay as written ([@key]); nothing is validated, no layout is
checked, nothing else is written. It is what the benchmark compares handouts against.
"""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import yaml
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Image, Paragraph, SimpleDocTemplate, Spacer, Table

FONTS = Path("/usr/share/fonts/truetype/dejavu")


def chart_dot(chart: dict) -> str:
    """Return the chart as DOT: boxes in lanes, labelled arrows."""
    lines = ["digraph chart {", "rankdir=TB; node [shape=box, fontname=\"DejaVu Sans\"];"]
    for lane in chart["lanes"]:
        members = [n for n, box in chart["nodes"].items() if box.get("lane") == lane]
        lines.append(f'subgraph "cluster_{lane}" {{ label="{lane}"; '
                     + " ".join(f'"{n}"' for n in members) + " }")
    for name, box in chart["nodes"].items():
        lines.append(f'"{name}" [label="{box["label"]}"];')
    for edge in chart["edges"]:
        label = f' [label="{edge["when"]}"]' if edge.get("when") else ""
        lines.append(f'"{edge["from"]}" -> "{edge["to"]}"{label};')
    lines.append("}")
    return "\n".join(lines)


def chart_png(chart: dict) -> bytes:
    """Return the chart drawn by Graphviz as a PNG."""
    done = subprocess.run(["dot", "-Tpng", "-Gdpi=150"], input=chart_dot(chart).encode(),
                          capture_output=True, check=True)
    return done.stdout


def main(spec_path: str, out: str) -> None:
    spec = yaml.safe_load(Path(spec_path).read_text("utf-8"))
    refs = yaml.safe_load((Path(spec_path).parent / "references.yaml").read_text("utf-8"))
    pdfmetrics.registerFont(TTFont("DejaVu", str(FONTS / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont("DejaVu-Bold", str(FONTS / "DejaVuSans-Bold.ttf")))
    styles = getSampleStyleSheet()
    for style in styles.byName.values():
        bold = style.name.startswith(("Heading", "Title"))
        style.fontName = "DejaVu-Bold" if bold else "DejaVu"
    story = [Paragraph(spec["title"], styles["Title"]),
             Paragraph(spec["summary"], styles["BodyText"])]
    png = chart_png(spec["flowchart"])
    image = Image(io.BytesIO(png))
    scale = min(1.0, 170 * mm / image.drawWidth, 200 * mm / image.drawHeight)
    image.drawWidth, image.drawHeight = image.drawWidth * scale, image.drawHeight * scale
    story += [image, Spacer(1, 12)]
    for section in spec["sections"]:
        story.append(Paragraph(section["heading"], styles["Heading2"]))
        for block in section["blocks"]:
            if "text" in block:
                story.append(Paragraph(block["text"], styles["BodyText"]))
            elif "table" in block:
                table = block["table"]
                cells = [[Paragraph(str(c), styles["BodyText"]) for c in row]
                         for row in [table["columns"], *table["rows"]]]
                story.append(Table(cells, repeatRows=1))
    story.append(Paragraph("References", styles["Heading2"]))
    for ref in refs["references"]:
        authors = ", ".join(f"{a['family']}, {a['given']}" for a in ref["author"])
        story.append(Paragraph(f"{authors} ({ref['issued']}) {ref['title']}. "
                               f"{ref['container-title']}, {ref['volume']}, pp. {ref['page']}. "
                               f"doi:{ref['DOI']}", styles["BodyText"]))
    SimpleDocTemplate(out, pagesize=A4, invariant=1).build(story)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
