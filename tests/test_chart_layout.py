"""Charts print legibly in every edition, with nothing colliding: checked on the geometry
Graphviz returns and on the printed PDFs, for every shipped chart, the 27-box fixture and
generated charts."""

from __future__ import annotations

import datetime
import itertools
import math
import os
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from pypdf import PdfReader
from reportlab.platypus import Paragraph, Spacer

from handouts.layout.chartgraph import FONT_SIZE, LEADING
from handouts.layout.dot import Params
from handouts.layout.lanes import bands, border_runs
from handouts.model.profile import PROFILES
from handouts.model.settings import Settings
from handouts.render.chart import _room, key_text, marks_of, targets
from handouts.render.charts import ChartLayouts
from handouts.render.documents import handout_doc
from handouts.spec.project import load_project

from .conftest import ROOT, SPECS, built
from .test_fuzz import valid_flowcharts

pytestmark = pytest.mark.needs_dot
FIXTURES = ROOT / "tests" / "fixtures"
LAYOUTS = ChartLayouts()
LEAST = {"a4": 9.0, "a5": 9.0, "letter": 9.0, "large-print": 16.0}


def project_charts(folder: Path):
    project = load_project(folder)
    return [(project, h, c) for h in project.handouts for c in h.charts]


CHARTS = [*project_charts(SPECS), *project_charts(FIXTURES)]


def plan(project, handout, chart, profile):
    doc = handout_doc(handout, project.bibliography, PROFILES[profile],
                      datetime.date(2026, 1, 1), Settings(), LAYOUTS)
    head = [Paragraph("A chart (part 1 of 2)", doc.styles["h2"]), Spacer(1, 6)]

    def room(items):
        return {t: _room(doc, t, head, list(items), key_text(doc.profile)) for t in (0, 1)}

    return LAYOUTS.plan(chart, marks_of(chart, doc), room, targets(doc.profile))


def rect(box, centre):
    return (centre[0] - box.width / 2, centre[1] - box.height / 2,
            centre[0] + box.width / 2, centre[1] + box.height / 2)


def overlap(a, b, gap=0.5):
    return a[0] < b[2] + gap and b[0] < a[2] + gap and a[1] < b[3] + gap and b[1] < a[3] + gap


def problems_of(drawn) -> list[str]:
    """Return every collision, shared port, border-hugging arrow and order break of a part."""
    graph, placed, across = drawn.graph, drawn.placed, drawn.across
    found = []
    boxes = [b for b in graph.boxes if b.kind != "spine" and b.id in placed.centres]
    rects = {b.id: rect(b, placed.centres[b.id]) for b in boxes}
    for a, b in itertools.combinations(boxes, 2):
        if overlap(rects[a.id], rects[b.id]):
            found.append(f"boxes {a.id} and {b.id} overlap")
    for band in bands(graph, placed, across):
        if band.title:
            width = max(len(t) for t in band.title) * FONT_SIZE * 0.62
            title = (band.title_x, band.title_y - len(band.title) * FONT_SIZE * LEADING,
                     band.title_x + width, band.title_y)
            found += [f"lane title {band.title} overlaps {b.id}" for b in boxes
                      if overlap(title, rects[b.id], gap=-0.5)]
    tails: dict[str, list[tuple[float, float]]] = {}
    links = {link.id: link for link in graph.links}
    for curve in placed.curves:
        tails.setdefault(links[curve.id].tail, []).append(curve.points[0])
    for box, starts in tails.items():
        for p, q in itertools.combinations(starts, 2):
            if math.dist(p, q) < 2.0:
                found.append(f"two arrows leave {box} from one point")
    found += [f"arrow {cid} runs {span:.0f} pt along a lane border"
              for cid, span in border_runs(graph, placed, across)]
    order = {box.id: i for i, box in enumerate(graph.boxes)}
    for row in graph.rows:
        shown = [b for b in row[1:] if b in placed.centres]
        along = sorted(shown, key=lambda b: -placed.centres[b][1] if across
                       else placed.centres[b][0])
        if along != sorted(shown, key=order.__getitem__):
            found.append(f"row {row[0]} is not in the spec's order: {along}")
    return found


@pytest.mark.parametrize("profile", list(PROFILES))
@pytest.mark.parametrize("index", range(len(CHARTS)),
                         ids=[f"{h.slug}-{c.id or 'flowchart'}" for _, h, c in CHARTS])
def test_every_chart_prints_large_enough_with_nothing_colliding(index, profile):
    project, handout, chart = CHARTS[index]
    choice, parts = plan(project, handout, chart, profile)
    assert choice.size >= LEAST[profile] - 0.01, (choice.size, choice.groups)
    for part in parts:
        assert problems_of(part) == []


@pytest.mark.parametrize("profile", ["a4", "large-print"])
def test_the_fixture_is_large_and_uses_every_feature(profile):
    _, handout, chart = next(c for c in CHARTS if c[2].id == "advanced")
    assert len([n for n in chart.nodes if n.kind != "start"]) >= 25
    project = next(c[0] for c in CHARTS if c[2].id == "advanced")
    kinds = {b.kind for p in plan(project, handout, chart, profile)[1] for b in p.graph.boxes}
    assert {"start", "treatment", "decision", "outcome", "note", "condition"} <= kinds


SETTINGS = settings(max_examples=int(os.environ.get("HANDOUTS_FUZZ_EXAMPLES", "25")),
                    deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(text=valid_flowcharts())
def test_generated_charts_have_nothing_colliding(text, tmp_path_factory):
    folder = tmp_path_factory.mktemp("gen") / "specs"
    folder.mkdir()
    spec = yaml.safe_load(text)
    (folder / "spec.yaml").write_text(yaml.safe_dump(spec, allow_unicode=True))
    project = load_project(folder)
    handout = project.handouts[0]
    choice, parts = plan(project, handout, handout.flowchart, "a4")
    assert choice.size >= 9.0
    for part in parts:
        assert problems_of(part) == []


# ---------------------------------------------------------------------------------------
# Measured on the printed PDFs


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    out = tmp_path_factory.mktemp("charts")
    built(SPECS / "alk-sequencing.yaml", out, profiles=tuple(PROFILES))
    fixture = tmp_path_factory.mktemp("fixture") / "specs"
    fixture.mkdir()
    (fixture / "egfr-pathway.yaml").write_text((FIXTURES / "egfr-pathway.yaml").read_text())
    built(fixture, out, profiles=tuple(PROFILES))
    return out


def chart_sizes(pdf: Path, words: set[str]) -> list[float]:
    """Return the printed size of every text in the PDF that is a line of a chart's box."""
    found = []
    for page in PdfReader(pdf).pages:
        def visit(text, cm, tm, font, size):
            if text.strip() in words and size:
                scale = math.sqrt(abs(tm[0] * tm[3] - tm[1] * tm[2])) * \
                    math.sqrt(abs(cm[0] * cm[3] - cm[1] * cm[2]))
                found.append(round(size * scale, 2))
        page.extract_text(visitor_text=visit)
    return found


@pytest.mark.parametrize("profile", list(PROFILES))
@pytest.mark.parametrize("slug", ["alk-sequencing", "egfr-pathway"])
def test_chart_text_on_the_printed_page_is_large_enough(printed, slug, profile):
    project = load_project(SPECS if slug.startswith("alk") else FIXTURES)
    handout = project.handout(slug)
    words = {line.text for chart in handout.charts
             for box in LAYOUTS.graphs(chart, {}, [[]], Params())[0].boxes
             for line in box.lines if box.kind in ("treatment", "start", "outcome")}
    suffix = "" if profile == "a4" else f"-{profile}"
    sizes = chart_sizes(printed / f"{slug}-v{handout.version}{suffix}.pdf", words)
    assert sizes, "no chart text found"
    assert min(sizes) >= LEAST[profile] - 0.05, sorted(sizes)[:5]
