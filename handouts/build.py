"""Build handouts: validate every spec first, render everything in memory, then write."""

from __future__ import annotations

from pathlib import Path

from . import __version__
from .bibliography import Bibliography
from .citations import Citer
from .canonical import content_hash
from .cited import cited_keys
from .dot import flowchart_dot
from .handout_pdf import doc_info, flowchart_story, handout_story
from .layout import run_dot
from .model import Handout
from .pdf import render
from .pack_pdf import pack_info, pack_story
from .spec import Project
from .write import Output, write_outputs

PNG_DPI = 300


class Charts:
    """Lay out each distinct flowchart once, however many documents show it."""

    def __init__(self) -> None:
        self._svg: dict[str, bytes] = {}

    def dot(self, handout: Handout, citer: Citer) -> str:
        """Return the DOT text of a handout's chart, marked with ``citer``'s source marks."""
        assert handout.flowchart is not None
        markers = {key: citer.marker(key) for key in cited_keys(handout.flowchart)}
        return flowchart_dot(handout.slug, handout.flowchart, markers)

    def svg(self, dot_text: str) -> bytes:
        """Return the SVG layout of ``dot_text``, laid out once."""
        if dot_text not in self._svg:
            self._svg[dot_text] = run_dot(dot_text, "svg")
        return self._svg[dot_text]


def render_handout(handout: Handout, bibliography: Bibliography,
                   charts: Charts | None = None) -> list[Output]:
    """Return the handout PDF and its flowchart downloads, as bytes."""
    charts = charts or Charts()
    stamp = {"slug": handout.slug, "version": handout.version, "spec": handout.where.path,
             "content_hash": content_hash(handout, bibliography), "status": handout.status,
             "review_due": handout.review_due.isoformat()}
    citer = Citer(bibliography, cited_keys(handout))
    outputs: list[Output] = []
    svg = None
    if handout.flowchart is not None:
        dot_text = charts.dot(handout, citer)
        svg = charts.svg(dot_text)
        png = run_dot(dot_text, "png", f"-Gdpi={PNG_DPI}")
        sheet = render(flowchart_story(handout, svg, citer), doc_info(handout, " (flowchart)"))
        chart = f"{handout.slug}-flowchart-v{handout.version}"
        outputs += [Output(f"{chart}.svg", svg, "flowchart-svg", **stamp),
                    Output(f"{chart}.png", png, "flowchart-png", **stamp),
                    Output(f"{chart}.pdf", sheet, "flowchart-pdf", **stamp)]
    pdf = render(handout_story(handout, svg, citer), doc_info(handout))
    return [Output(f"{handout.slug}-v{handout.version}.pdf", pdf, "handout-pdf", **stamp),
            *outputs]


def render_pack(project: Project, charts: Charts) -> Output:
    """Return the combined pack PDF: every handout, one contents page, one reference list."""
    pack = project.pack
    assert pack is not None
    handouts = project.pack_handouts()
    bibliography = project.bibliography_of(handouts[0])
    citer = Citer(bibliography, [k for h in handouts for k in cited_keys(h)])
    svgs = {h.slug: charts.svg(charts.dot(h, citer)) for h in handouts if h.flowchart}
    pdf = render(pack_story(pack, handouts, svgs, citer), pack_info(pack, handouts))
    drafts = any(h.status == "draft" for h in handouts)
    return Output(f"{pack.slug}-v{pack.version}.pdf", pdf, "pack-pdf", pack.slug, pack.version,
                  pack.where.path, status="draft" if drafts else "approved",
                  review_due=min(h.review_due for h in handouts).isoformat())


def build_pack(project: Project, out_dir: Path) -> Path:
    """Render and write only the project's pack."""
    output = render_pack(project, Charts())
    write_outputs([output], out_dir, f"handouts {__version__}")
    return out_dir / output.name


def build_project(project: Project, out_dir: Path) -> list[Path]:
    """Render every handout (and the pack) of a valid project, then write all the files."""
    charts = Charts()
    outputs = [output for handout in project.handouts
               for output in render_handout(handout, project.bibliography_of(handout), charts)]
    if project.pack is not None:
        outputs.append(render_pack(project, charts))
    write_outputs(outputs, out_dir, f"handouts {__version__}")
    return [out_dir / o.name for o in outputs]
