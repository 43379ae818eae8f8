"""Build handouts: validate every spec first, render everything in memory, then write."""

from __future__ import annotations

from pathlib import Path

from . import __version__
from .dot import flowchart_dot
from .handout_pdf import doc_info, flowchart_story, handout_story
from .layout import run_dot
from .model import Handout
from .pdf import render
from .spec import display_path, load_handouts
from .write import Output, write_outputs

PNG_DPI = 300


def render_handout(handout: Handout) -> list[Output]:
    """Return the handout PDF and its flowchart downloads, as bytes."""
    spec = handout.where.path
    stamp = {"slug": handout.slug, "version": handout.version, "spec": spec}
    base = f"{handout.slug}-v{handout.version}"
    outputs: list[Output] = []
    svg = None
    if handout.flowchart is not None:
        dot_text = flowchart_dot(handout.slug, handout.flowchart)
        svg = run_dot(dot_text, "svg")
        png = run_dot(dot_text, "png", f"-Gdpi={PNG_DPI}")
        sheet = render(flowchart_story(handout, svg), doc_info(handout, " (flowchart)"))
        chart_base = f"{handout.slug}-flowchart-v{handout.version}"
        outputs += [Output(f"{chart_base}.svg", svg, "flowchart-svg", **stamp),
                    Output(f"{chart_base}.png", png, "flowchart-png", **stamp),
                    Output(f"{chart_base}.pdf", sheet, "flowchart-pdf", **stamp)]
    pdf = render(handout_story(handout, svg), doc_info(handout))
    return [Output(f"{base}.pdf", pdf, "handout-pdf", **stamp), *outputs]


def build(specs: list[Path], out_dir: Path) -> list[Path]:
    """Build ``specs`` into ``out_dir``; nothing is written unless every spec is valid."""
    handouts = load_handouts(specs)
    outputs = [output for handout in handouts for output in render_handout(handout)]
    write_outputs(outputs, out_dir, f"handouts {__version__}")
    return [out_dir / o.name for o in outputs]


def check(specs: list[Path]) -> list[Handout]:
    """Validate ``specs`` without writing anything."""
    return load_handouts(specs)


__all__ = ["build", "check", "display_path", "render_handout"]
