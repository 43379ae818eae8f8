"""Build handouts: validate every spec first, render everything in memory, then write."""

from __future__ import annotations

from pathlib import Path

from . import __version__
from .bibliography import Bibliography
from .citations import Citer
from .cited import cited_keys
from .dot import flowchart_dot
from .handout_pdf import doc_info, flowchart_story, handout_story
from .layout import run_dot
from .model import Handout
from .pdf import render
from .spec import Project
from .write import Output, write_outputs

PNG_DPI = 300


def render_handout(handout: Handout, bibliography: Bibliography) -> list[Output]:
    """Return the handout PDF and its flowchart downloads, as bytes."""
    stamp = {"slug": handout.slug, "version": handout.version, "spec": handout.where.path}
    citer = Citer(bibliography, cited_keys(handout))
    outputs: list[Output] = []
    svg = None
    if handout.flowchart is not None:
        markers = {key: citer.marker(key) for key in cited_keys(handout.flowchart)}
        dot_text = flowchart_dot(handout.slug, handout.flowchart, markers)
        svg = run_dot(dot_text, "svg")
        png = run_dot(dot_text, "png", f"-Gdpi={PNG_DPI}")
        sheet = render(flowchart_story(handout, svg, citer), doc_info(handout, " (flowchart)"))
        chart = f"{handout.slug}-flowchart-v{handout.version}"
        outputs += [Output(f"{chart}.svg", svg, "flowchart-svg", **stamp),
                    Output(f"{chart}.png", png, "flowchart-png", **stamp),
                    Output(f"{chart}.pdf", sheet, "flowchart-pdf", **stamp)]
    pdf = render(handout_story(handout, svg, citer), doc_info(handout))
    return [Output(f"{handout.slug}-v{handout.version}.pdf", pdf, "handout-pdf", **stamp),
            *outputs]


def build_project(project: Project, out_dir: Path) -> list[Path]:
    """Render every handout of a valid project, then write all files into ``out_dir``."""
    outputs = [output for handout in project.handouts
               for output in render_handout(handout, project.bibliography_of(handout))]
    write_outputs(outputs, out_dir, f"handouts {__version__}")
    return [out_dir / o.name for o in outputs]
