"""Charts a reader can trace, in every edition: checked on the routed geometry, on the SVG
download and on the printed PDFs, for every shipped chart, the 27-box fixture and generated
charts.

The rules (handouts.flowchart.metrics): no two arrows within 2 pt of each other for more
than 6 pt; no arrow within 4 pt of a lane border for more than 6 pt; no arrow through a
box; words on an arrow touch it and no other; crossings at right angles. Text at least
9 pt (16 pt in large print) wherever the chart is drawn.
"""

from __future__ import annotations

import datetime
import math
import os
import re
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from pypdf import PdfReader

from handouts.errors import SpecError
from handouts.flowchart.engine import ChartLayouts
from handouts.flowchart.key import key_items
from handouts.model.profile import PROFILES
from handouts.model.settings import Settings
from handouts.render.chart import IN_WORDS, marks_of, plan_chart, reference
from handouts.render.documents import handout_doc
from handouts.spec.project import load_project

from .conftest import ROOT, SPECS, build, built
from .geometry import crossing_count, of_routed, of_svg, pdf_paths, problems, shape
from .test_fuzz import valid_flowcharts

pytestmark = pytest.mark.needs_dot
FIXTURES = ROOT / "tests" / "fixtures"
LEAST = {"a4": 9.0, "a5": 9.0, "letter": 9.0, "large-print": 16.0}
REFERENCE = ("a4", "letter")
"""Editions that always draw the chart: the pages its one arrangement is chosen for."""


def project_charts(folder: Path):
    project = load_project(folder)
    return [(project, h, c) for h in project.handouts for c in h.charts]


CHARTS = [*project_charts(SPECS), *project_charts(FIXTURES)]
DAY = datetime.date(2026, 12, 6)


def plan(project, handout, chart, profile):
    doc = handout_doc(handout, project.bibliography, PROFILES[profile], DAY, Settings(),
                      LAYOUTS)
    return plan_chart(chart, doc), doc


LAYOUTS = ChartLayouts()


@pytest.mark.parametrize("profile", list(PROFILES))
@pytest.mark.parametrize("index", range(len(CHARTS)),
                         ids=[f"{h.slug}-{c.id or 'flowchart'}" for _, h, c in CHARTS])
def test_every_chart_is_traceable_and_large_enough_wherever_it_is_drawn(index, profile):
    project, handout, chart = CHARTS[index]
    try:
        chosen, _ = plan(project, handout, chart, profile)
    except SpecError:
        assert profile not in REFERENCE  # A5 and large print may print it in words instead
        return
    assert chosen.size >= LEAST[profile] - 0.01, (chosen.size, chosen.groups)
    for part in chosen.parts:
        assert problems(of_routed(part.routed)) == [], part.index
        assert part.routed.clashes == 0


@pytest.mark.parametrize("index", range(len(CHARTS)),
                         ids=[f"{h.slug}-{c.id or 'flowchart'}" for _, h, c in CHARTS])
def test_the_reference_pages_show_the_one_arrangement_whole(index):
    """A4 and Letter show the chart's one arrangement, only scaled, wherever it prints
    large enough on A4 (a chart too large for any page prints in parts)."""
    project, handout, chart = CHARTS[index]
    shown = {profile: plan(project, handout, chart, profile)[0] for profile in REFERENCE}
    doc = plan(project, handout, chart, "a4")[1]
    one = LAYOUTS.whole(chart, marks_of(chart, doc), reference(chart, doc))
    if not shown["a4"].whole:
        assert len(chart.nodes) > 20 and len(shown["a4"].parts) > 1
        return
    for profile, chosen in shown.items():
        assert chosen.whole and chosen.parts[0].routed is one, profile


def test_each_part_has_a_key_for_everything_it_shows():
    project, handout, chart = next(c for c in CHARTS if c[2].id == "advanced")
    chosen, _ = plan(project, handout, chart, "a4")
    assert len(chosen.parts) > 1
    for part in chosen.parts:
        samples = {item.sample for item in part.key}
        kinds = {b.kind for b in part.graph.boxes} - {"spine", "condition"}
        assert {f"node:{k}" for k in kinds} <= samples
        whens = {link.when for link in part.graph.links}
        for when in whens - {chart.default_when}:
            if when in ("next", "progression", "intolerance", "progression-or-intolerance"):
                assert f"edge:{when}" in samples, when
        assert part.key == tuple(key_items(chart, [part.graph]))


SETTINGS = settings(max_examples=int(os.environ.get("HANDOUTS_FUZZ_EXAMPLES", "25")),
                    deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(text=valid_flowcharts())
def test_generated_charts_are_traceable(text, tmp_path_factory):
    folder = tmp_path_factory.mktemp("gen") / "specs"
    folder.mkdir()
    (folder / "spec.yaml").write_text(yaml.safe_dump(yaml.safe_load(text),
                                                     allow_unicode=True))
    project = load_project(folder)
    handout = project.handouts[0]
    chosen, _ = plan(project, handout, handout.flowchart, "a4")
    assert chosen.size >= 9.0
    for part in chosen.parts:
        assert problems(of_routed(part.routed)) == []


# ---------------------------------------------------------------------------------------
# Read back from the files a build writes


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    out = tmp_path_factory.mktemp("charts")
    built(SPECS / "alk-sequencing.yaml", out, profiles=tuple(PROFILES))
    fixture = tmp_path_factory.mktemp("fixture") / "specs"
    fixture.mkdir()
    (fixture / "egfr-pathway.yaml").write_text((FIXTURES / "egfr-pathway.yaml").read_text())
    built(fixture, out, profiles=tuple(PROFILES))
    return out


def sequencing() -> tuple:
    return next(c for c in CHARTS if c[1].slug == "alk-sequencing")


def test_the_svg_download_can_be_traced_and_names_its_parts(printed):
    _, handout, chart = sequencing()
    svg = (printed / f"alk-sequencing-flowchart-v{handout.version}.svg").read_bytes()
    drawing = of_svg(svg)
    assert problems(drawing) == []
    assert {f"node-{n.id}" for n in chart.nodes} <= set(drawing.boxes)
    text = svg.decode()
    for edge in chart.edges:
        assert f'data-from="{edge.source}" data-to="{edge.target}"' in text
    assert re.search(r'<g class="edge" id="edge-alectinib-lorlatinib-2l" data-from="alectinib"'
                     r' data-to="lorlatinib-2l"[^>]*>\n<title>From Alectinib \(first line\) '
                     r'to Lorlatinib \(second line\)', text)
    assert text.count('<g class="lane"') == len(chart.lanes)
    assert len(re.findall(r"<title[ >]", text)) == 1 + text.count("<g ")  # one each, no stray
    assert "@font-face{font-family:HandoutsChartSans;font-weight:normal;src:url(data:font/woff" \
        in text and "font-weight:bold" in text  # the glyphs go with the image


def test_the_svg_keeps_a_margin_inside_its_view(printed):
    _, handout, _ = sequencing()
    svg = (printed / f"alk-sequencing-flowchart-v{handout.version}.svg").read_text()
    width, height = (float(v) for v in re.search(
        r'viewBox="0 0 ([\d.]+) ([\d.]+)"', svg).groups())
    drawing = of_svg(svg.encode())
    xs = [p[0] for path in drawing.arrows.values() for p in path] + \
        [v for box in [*drawing.boxes.values(), *drawing.bands] for v in (box[0], box[2])]
    ys = [p[1] for path in drawing.arrows.values() for p in path] + \
        [v for box in [*drawing.boxes.values(), *drawing.bands] for v in (box[1], box[3])]
    assert min(xs) >= 10 and max(xs) <= width - 10
    assert min(ys) >= 10 and max(ys) <= height - 10
    baselines = [float(y) for y in re.findall(r'<text x="[\d.]+" y="([\d.]+)"', svg)]
    assert max(baselines) <= height - 10  # the last source line is not cut


def edge_shapes(paths) -> list[tuple[float, ...]]:
    return sorted(shape(p) for p in paths if len(p) >= 2 and (
        abs(p[0][0] - p[-1][0]) > 0.5 or abs(p[0][1] - p[-1][1]) > 0.5))


def test_every_edition_and_download_shows_one_drawing(printed):
    """A4, Letter, the download PDF and the SVG show the same arrangement: the same
    arrows, piece by piece, at different scales."""
    _, handout, _ = sequencing()
    stem = f"alk-sequencing-v{handout.version}"
    svg = (printed / f"alk-sequencing-flowchart-v{handout.version}.svg").read_bytes()
    wanted = edge_shapes(of_svg(svg).arrows.values())
    for name in (f"{stem}.pdf", f"{stem}-letter.pdf",
                 f"alk-sequencing-flowchart-v{handout.version}.pdf"):
        pdf = (printed / name).read_bytes()
        pages = range(len(PdfReader(printed / name).pages))
        found = max((edge_shapes(pdf_paths(pdf, page)) for page in pages), key=len)
        assert [s for s in wanted if s in found] == wanted, name


def test_the_download_pdf_is_one_page_with_the_handouts_footer(printed):
    _, handout, _ = sequencing()
    reader = PdfReader(printed / f"alk-sequencing-flowchart-v{handout.version}.pdf")
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert "Printed copies are uncontrolled." in text and f"Version {handout.version}" in text
    assert "DRAFT" in text and "Sources" in text
    info = reader.metadata
    assert info.author == Settings().publisher.name or info.author  # the publisher
    assert info.subject == handout.flowchart.title


def chart_text_sizes(pdf: Path, words: set[str]) -> list[float]:
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
    words = {n.label for chart in handout.charts for n in chart.nodes}
    suffix = "" if profile == "a4" else f"-{profile}"
    pdf = printed / f"{slug}-v{handout.version}{suffix}.pdf"
    sizes = chart_text_sizes(pdf, words)
    in_words = " ".join(IN_WORDS.split()) in " ".join(
        " ".join(p.extract_text() for p in PdfReader(pdf).pages).split())
    if profile in REFERENCE or not in_words:
        assert sizes, "no chart text found"
        assert min(sizes) >= LEAST[profile] - 0.05, sorted(sizes)[:5]


def test_continuation_boxes_name_the_page_their_box_is_on(printed):
    _, handout, _ = sequencing()
    reader = PdfReader(printed / f"alk-sequencing-v{handout.version}-a5.pdf")
    pages = [" ".join(p.extract_text().split()) for p in reader.pages]
    found = 0
    for number, text in enumerate(pages, start=1):
        for target, page in re.findall(r"To ([A-Z][\w–-]+(?: [\w–-]+)*) \([a-z ]+\), page (\d+)",
                                       text):
            found += 1
            assert target.split()[0] in pages[int(page) - 1], (number, target, page)
    assert found


def test_the_shipped_sequencing_chart_crosses_at_most_three_times():
    project, handout, chart = sequencing()
    doc = plan(project, handout, chart, "a4")[1]
    one = LAYOUTS.whole(chart, marks_of(chart, doc), reference(chart, doc))
    assert crossing_count(of_routed(one)) <= 3
    assert one.crossings == crossing_count(of_routed(one))


def test_check_warns_of_an_order_that_crosses_more_than_it_must():
    # in the shipped order, no row of boxes could be reordered to cross less
    project, handout, chart = sequencing()
    doc = plan(project, handout, chart, "a4")[1]
    assert LAYOUTS.better_orders(chart, marks_of(chart, doc), reference(chart, doc)) == []


def test_check_says_when_another_order_of_a_row_would_cross_less(write_spec):
    shipped = (SPECS / "alk-sequencing.yaml").read_text("utf-8")
    line = '    lorlatinib:  {label: Lorlatinib, lane: First line, drug: true, sources: ' \
        '["nice-ta1103, section 1.1"]}\n'
    assert line in shipped
    moved = shipped.replace(line, "").replace("    ceritinib:\n", line + "    ceritinib:\n", 1)
    (Path("specs") / "references.yaml").write_text((SPECS / "references.yaml").read_text())
    report = build(write_spec(moved, "alk-sequencing.yaml"))
    said = [str(p) for p in report.problems if "would cross" in p.message]
    nodes = moved.splitlines().index("  nodes:") + 1
    assert said == [
        f"specs/alk-sequencing.yaml:{nodes}:3: flowchart.nodes: warning: in the spec's order the "
        "boxes of First line (alectinib, brigatinib, lorlatinib, ceritinib, crizotinib) leave "
        "5 arrows crossing; in the order alectinib, brigatinib, ceritinib, crizotinib, "
        "lorlatinib 2 would cross (list them in that order under flowchart.nodes, unless the "
        "order itself means something)"]


def test_a_build_keeps_chart_decisions_and_the_next_lays_out_the_same(tmp_path, monkeypatch):
    """The second build takes each chart's arrangement and splits from the build folder's
    cache, by content, and makes the same bytes as the first."""
    from handouts.flowchart import engine

    first = built(SPECS / "alk-sequencing.yaml", tmp_path / "one", profiles=("a4", "a5"))
    kept = tmp_path / "one" / ".cache" / "charts"
    assert len(list(kept.glob("*.json"))) >= 2  # the arrangement, the A5 split, ...

    def no_search(*args, **kwargs):
        raise AssertionError("searched again")

    monkeypatch.setattr(engine.ChartLayouts, "_search", no_search)
    monkeypatch.setattr(engine.ChartLayouts, "_better_orders", no_search)
    (tmp_path / "two").mkdir()
    (tmp_path / "two" / ".cache").symlink_to(tmp_path / "one" / ".cache")
    second = built(SPECS / "alk-sequencing.yaml", tmp_path / "two", profiles=("a4", "a5"))
    for path in first.written:  # version pages too, below versions/
        name = path.relative_to(tmp_path / "one")
        assert path.read_bytes() == (tmp_path / "two" / name).read_bytes(), name
    assert second.written
