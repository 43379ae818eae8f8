"""Render whole documents to bytes: a handout in one profile, a chart's downloads, a pack.

The only entry points publish uses; everything here is in memory.
"""

from __future__ import annotations

import datetime
from concurrent.futures import Future, ThreadPoolExecutor

from handouts.layout.dot import flowchart_dot
from handouts.layout.words import chart_in_words, described_svg, text_download
from handouts.model.chart import Flowchart
from handouts.model.handout import Handout
from handouts.model.pack import Pack
from handouts.model.profile import PROFILES, Profile, for_audience
from handouts.model.settings import Settings
from handouts.render.graphviz import run_dot
from handouts.render.handout import doc_info, flowchart_story, governance, handout_story
from handouts.render.harvard import Citer
from handouts.render.pack import pack_info, pack_story
from handouts.render.page import render
from handouts.render.styles import Doc
from handouts.spec.bibliography import Bibliography
from handouts.spec.sources import cited_keys

PNG_DPI = 300


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

    def dot(self, name: str, chart: Flowchart, citer: Citer, across: bool = False) -> str:
        """Return the DOT text of a chart, marked with ``citer``'s source marks."""
        markers = {key: citer.marker(key) for key in cited_keys(chart)}
        return flowchart_dot(name, chart, markers, across=across)

    def svg(self, dot_text: str) -> bytes:
        """Return the SVG layout of ``dot_text``, laid out once."""
        if dot_text not in self._svg:
            self._svg[dot_text] = run_dot(dot_text, "svg")
        return self._svg[dot_text]


def handout_pdf(handout: Handout, bibliography: Bibliography, profile: Profile,
                today: datetime.date, settings: Settings, charts: Charts) -> bytes:
    """Return a handout typeset in one print profile."""
    profile = for_audience(profile, handout.audience)
    doc = Doc(profile, Citer(bibliography, cited_keys(handout)), today,
              settings.publisher)
    url = settings.url(handout.slug)
    chart = handout.flowchart
    svg = charts.svg(charts.dot(handout.slug, chart, doc.citer)) if chart else None

    def across(part: Flowchart) -> bytes:
        return charts.svg(charts.dot(handout.slug, part, doc.citer, across=True))

    return render(handout_story(handout, svg, doc, url, across), doc_info(handout, doc, url=url),
                  profile)


def chart_downloads(handout: Handout, bibliography: Bibliography, today: datetime.date,
                    settings: Settings, charts: Charts) -> dict[str, bytes]:
    """Return the flowchart downloads of a handout by suffix: .svg, .png, .pdf, .txt."""
    chart = handout.flowchart
    if chart is None:
        return {}
    profile = for_audience(PROFILES["a4"], handout.audience)
    doc = Doc(profile, Citer(bibliography, cited_keys(handout)), today,
              settings.publisher)
    url = settings.url(handout.slug)
    dot_text = charts.dot(handout.slug, chart, doc.citer)
    png = charts.png(dot_text)
    svg = charts.svg(dot_text)
    sheet = render(flowchart_story(handout, svg, doc, url),
                   doc_info(handout, doc, " (flowchart)", url), profile)
    title = chart.title or handout.title
    words = chart_in_words(chart)
    return {".svg": described_svg(svg, title, words), ".png": png.result(), ".pdf": sheet,
            ".txt": text_download(title, governance(handout), words)}


def pack_pdf(pack: Pack, handouts: list[Handout], bibliography: Bibliography,
             profile: Profile, today: datetime.date, settings: Settings,
             charts: Charts) -> bytes:
    """Return a pack typeset in one print profile: every handout, one reference list."""
    citer = Citer(bibliography, [k for h in handouts for k in cited_keys(h)])
    doc = Doc(profile, citer, today, settings.publisher)
    svgs = {h.slug: charts.svg(charts.dot(h.slug, h.flowchart, doc.citer))
            for h in handouts if h.flowchart}

    def across(part: Flowchart) -> bytes:
        return charts.svg(charts.dot(pack.slug, part, doc.citer, across=True))

    return render(pack_story(pack, handouts, svgs, doc, across),
                  pack_info(pack, handouts, doc, settings.url(pack.slug)), profile)
