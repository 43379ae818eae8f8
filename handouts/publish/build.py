"""Build handouts: validate every spec first, render everything in memory, then write."""

from __future__ import annotations

import multiprocessing
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from handouts import __version__
from handouts.layout.dot import flowchart_dot
from handouts.layout.words import chart_in_words, described_svg, text_download
from handouts.model.content import Flowchart, Handout
from handouts.publish.outputs import Output, write_outputs
from handouts.render.citations import Citer
from handouts.render.fonts import register_fonts
from handouts.render.graphviz import run_dot
from handouts.render.handout import doc_info, flowchart_story, governance, handout_story
from handouts.render.pack import pack_info, pack_story
from handouts.render.page import render, set_for
from handouts.render.profiles import PROFILES, for_audience
from handouts.spec.bibliography import Bibliography
from handouts.spec.project import Project
from handouts.spec.walk import cited_keys
from handouts.versions.canonical import content_hash

PNG_DPI = 300


@dataclass(frozen=True)
class Options:
    """How to build: which print profiles, and where the latest versions are published."""

    profiles: tuple[str, ...] = ("a4",)
    base_url: str = ""
    """Where build/ is published; each handout's QR code and link lead to its entry there."""

    def url(self, slug: str) -> str:
        """Return the address of the latest version of ``slug``, or '' if none is set."""
        return f"{self.base_url.rstrip('/')}/index.html#{slug}" if self.base_url else ""


class Charts:
    """Lay out each distinct flowchart once, however many documents show it.

    PNG downloads are drawn by Graphviz in the background while the PDFs are typeset.
    """

    def __init__(self) -> None:
        self._svg: dict[str, bytes] = {}
        self._background = ThreadPoolExecutor(max_workers=1)

    def png(self, dot_text: str) -> Future[bytes]:
        """Start drawing ``dot_text`` as a PNG at 300 dpi; return the bytes to come."""
        return self._background.submit(run_dot, dot_text, "png", f"-Gdpi={PNG_DPI}")

    def close(self) -> None:
        """Wait for background work and release its thread."""
        self._background.shutdown(wait=True, cancel_futures=True)

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


def render_handout(handout: Handout, bibliography: Bibliography, charts: Charts | None = None,
                   digest: str = "", options: Options = Options()) -> list[Output]:
    """Return the handout's PDF in each print profile and its flowchart downloads, as bytes."""
    own = charts is None
    charts = charts or Charts()
    try:
        return _render_handout(handout, bibliography, charts,
                               digest or content_hash(handout, bibliography), options)
    finally:
        if own:
            charts.close()


def _render_handout(handout: Handout, bibliography: Bibliography, charts: Charts, digest: str,
                    options: Options) -> list[Output]:
    stamp = {"slug": handout.slug, "version": handout.version, "spec": handout.where.path,
             "content_hash": digest, "status": handout.status,
             "review_due": handout.review_due.isoformat(), "title": handout.title,
             "updated": handout.updated.isoformat()}
    citer = Citer(bibliography, cited_keys(handout))
    url = options.url(handout.slug)
    outputs: list[Output] = []
    png = svg = sheet = None
    if handout.flowchart is not None:
        dot_text = charts.dot(handout, citer)
        png = charts.png(dot_text)
        svg = charts.svg(dot_text)
        with set_for(for_audience(PROFILES["a4"], handout.audience)):
            sheet = render(flowchart_story(handout, svg, citer, url),
                           doc_info(handout, " (flowchart)", url))
    markers = {key: citer.marker(key) for key in cited_keys(handout)}

    def across(chart: Flowchart) -> bytes:
        return charts.svg(flowchart_dot(handout.slug, chart, markers, across=True))

    for name in options.profiles:
        profile = for_audience(PROFILES[name], handout.audience)
        with set_for(profile):
            pdf = render(handout_story(handout, svg, citer, url, across),
                         doc_info(handout, url=url))
        outputs.append(Output(f"{handout.slug}-v{handout.version}{profile.suffix}.pdf", pdf,
                              "handout-pdf", **stamp, profile=profile.name))
    if handout.flowchart is not None and svg and png and sheet:
        chart_name = f"{handout.slug}-flowchart-v{handout.version}"
        title = handout.flowchart.title or handout.title
        words = chart_in_words(handout.flowchart)
        text = text_download(title, governance(handout), words)
        outputs += [Output(f"{chart_name}.svg", described_svg(svg, title, words),
                           "flowchart-svg", **stamp),
                    Output(f"{chart_name}.png", png.result(), "flowchart-png", **stamp),
                    Output(f"{chart_name}.pdf", sheet, "flowchart-pdf", **stamp),
                    Output(f"{chart_name}.txt", text, "flowchart-txt", **stamp)]
    return outputs


def render_pack(project: Project, charts: Charts, options: Options = Options()) -> list[Output]:
    """Return the combined pack, in each print profile: every handout, one contents page,
    one reference list."""
    pack = project.pack
    assert pack is not None
    handouts = project.pack_handouts()
    bibliography = project.bibliography_of(handouts[0])
    citer = Citer(bibliography, [k for h in handouts for k in cited_keys(h)])
    svgs = {h.slug: charts.svg(charts.dot(h, citer)) for h in handouts if h.flowchart}
    markers = {key: citer.marker(key) for key in citer.keys}

    def across(chart: Flowchart) -> bytes:
        return charts.svg(flowchart_dot(pack.slug, chart, markers, across=True))

    drafts = any(h.status == "draft" for h in handouts)
    outputs = []
    for name in options.profiles:
        profile = PROFILES[name]
        with set_for(profile):
            pdf = render(pack_story(pack, handouts, svgs, citer, across),
                         pack_info(pack, handouts, options.url(pack.slug)))
        outputs.append(Output(
            f"{pack.slug}-v{pack.version}{profile.suffix}.pdf", pdf, "pack-pdf", pack.slug,
            pack.version, pack.where.path, status="draft" if drafts else "approved",
            review_due=min(h.review_due for h in handouts).isoformat(), title=pack.title,
            updated=pack.updated.isoformat(), profile=profile.name))
    return outputs


def build_pack(project: Project, out_dir: Path, options: Options = Options()) -> list[Path]:
    """Render and write only the project's pack, in each print profile."""
    charts = Charts()
    try:
        outputs = render_pack(project, charts, options)
    finally:
        charts.close()
    write_outputs(outputs, out_dir, f"handouts {__version__}")
    return [out_dir / o.name for o in outputs]


def build_project(project: Project, out_dir: Path, jobs: int = 1,
                  options: Options = Options()) -> list[Path]:
    """Render every handout (and the pack) of a valid project, then write all the files.

    With ``jobs`` > 1, handouts are rendered by that many worker processes, forked once
    fonts are loaded; the files are the same bytes either way.
    """
    charts = Charts()
    try:
        work = [(h, project.bibliography_of(h), project.hashes.get(h.slug, ""), options)
                for h in project.handouts]
        if jobs > 1 and len(work) > 1:
            register_fonts()  # once, before the fork, so no worker reads the fonts again
            with multiprocessing.get_context("fork").Pool(jobs) as pool:
                rendered = pool.map(_render_in_worker, work, chunksize=1)
        else:
            rendered = [render_handout(h, b, charts, d, o) for h, b, d, o in work]
        outputs = [output for handout_outputs in rendered for output in handout_outputs]
        if project.pack is not None:
            outputs += render_pack(project, charts, options)
    finally:
        charts.close()
    write_outputs(outputs, out_dir, f"handouts {__version__}")
    return [out_dir / o.name for o in outputs]


def _render_in_worker(work: tuple[Handout, Bibliography, str, Options]) -> list[Output]:
    handout, bibliography, digest, options = work
    return render_handout(handout, bibliography, None, digest, options)
