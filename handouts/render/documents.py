"""Render whole documents to bytes: a handout in one edition, its charts' downloads, a pack.

The only entry points publish uses; everything here is in memory.
"""

from __future__ import annotations

import datetime
from dataclasses import replace

from handouts.errors import Problem
from handouts.flowchart.engine import Better, ChartLayouts
from handouts.model.chart import Flowchart
from handouts.model.handout import Handout
from handouts.model.pack import Pack
from handouts.model.profile import PROFILES, Profile, for_audience
from handouts.model.settings import Settings
from handouts.render.chart import marks_of, reference
from handouts.render.chartsheet import chart_downloads
from handouts.render.furniture import footed
from handouts.render.handout import doc_info, governance, handout_back_cover, handout_story
from handouts.render.harvard import Citer, citer_for
from handouts.render.html import Downloads, handout_html, pack_html
from handouts.render.pack import Part, pack_back_cover, pack_info, pack_story, part_info
from handouts.render.page import render
from handouts.render.styles import Doc
from handouts.spec.bibliography import Bibliography
from handouts.spec.sources import cited_keys


def handout_doc(handout: Handout, bibliography: Bibliography, profile: Profile,
                today: datetime.date, settings: Settings, layouts: ChartLayouts,
                citer: Citer | None = None) -> Doc:
    """Return what typesetting a handout in one edition needs (``citer``: a pack's, which
    lists the references of all its handouts once)."""
    citer = citer or citer_for(bibliography, tuple(cited_keys(handout)))
    doc = Doc(for_audience(profile, handout.audience), citer, today, settings.publisher,
              layouts, sources_last=handout.audience == "patient")
    info = doc_info(handout, doc, url=settings.url(handout.slug, handout.version))
    return replace(doc, profile=footed(doc.profile, [info]))


def handout_pdf(handout: Handout, bibliography: Bibliography, profile: Profile,
                today: datetime.date, settings: Settings, layouts: ChartLayouts) -> bytes:
    """Return a handout typeset in one print profile; a booklet (A5) with its back cover."""
    doc = handout_doc(handout, bibliography, profile, today, settings, layouts)
    url = settings.url(handout.slug, handout.version)
    back = handout_back_cover(handout, doc, url) if doc.profile.gutter else None
    return render(handout_story(handout, doc, url), doc_info(handout, doc, url=url),
                  doc.profile, back)


def chart_files(handout: Handout, bibliography: Bibliography, today: datetime.date,
                settings: Settings, layouts: ChartLayouts) -> dict[str, bytes]:
    """Return the downloads of every chart of a handout, by name suffix: for the chart of
    ``flowchart``, '-flowchart.pdf' and so on; for 'adjuvant' of ``flowcharts``,
    '-adjuvant-flowchart.pdf'. Each PDF is a page of the handout's own kind: its footer,
    draft band and QR code; its author is the publisher, its subject the chart."""
    doc = handout_doc(handout, bibliography, PROFILES["a4"], today, settings, layouts)
    url = settings.url(handout.slug, handout.version)
    info = replace(doc_info(handout, doc, url=url),
                   author=doc.publisher.name or handout.producer or "handouts")
    files = {}
    for chart in handout.charts:
        stem = chart_stem(chart)
        made = chart_downloads(chart, chart.title or handout.title, governance(handout), info,
                               doc)
        files.update({stem + suffix: data for suffix, data in made.items()})
        for better in doc.layouts.better_orders(chart, marks_of(chart, doc),
                                                reference(chart, doc)):
            doc.layouts.note(order_advice(chart, better))
    return files


def order_advice(chart: Flowchart, better: Better) -> Problem:
    """Return the warning that a row of boxes would cross fewer arrows in another order."""
    lanes = {n.id: n.lane for n in chart.nodes}
    row = lanes.get(better.row[0]) or "where the chart starts"
    return Problem(chart.where.at("nodes"),
                   f"in the spec's order the boxes of {row} ({', '.join(better.row)}) leave "
                   f"{better.now} arrows crossing; in the order {', '.join(better.order)} "
                   f"{better.then} would cross", "list them in that order under "
                   "flowchart.nodes, unless the order itself means something", warning=True)


def arrange_charts(handout: Handout, bibliography: Bibliography, today: datetime.date,
                   settings: Settings, layouts: ChartLayouts) -> None:
    """Choose each chart's one arrangement now (kept in ``layouts``): a build does this
    before it shares the editions out among worker processes, which then inherit it."""
    doc = handout_doc(handout, bibliography, PROFILES["a4"], today, settings, layouts)
    for chart in handout.charts:
        layouts.whole(chart, marks_of(chart, doc), reference(chart, doc))


def chart_stem(chart: Flowchart) -> str:
    """Return what a chart's download names add to the handout's slug."""
    return f"-{chart.id}-flowchart" if chart.id else "-flowchart"


DOWNLOAD_KINDS = (("PDF", "pdf"), ("SVG image", "svg"), ("PNG image, 300 dpi", "png"),
                  ("plain text", "txt"))


def chart_links(handout: Handout) -> dict[str, Downloads]:
    """Return, for each chart of a handout, the names of its downloads."""
    return {chart.id: Downloads(tuple(
        (text, f"{handout.slug}{chart_stem(chart)}-v{handout.version}.{suffix}")
        for text, suffix in DOWNLOAD_KINDS)) for chart in handout.charts}


def handout_web(handout: Handout, bibliography: Bibliography, today: datetime.date,
                settings: Settings, layouts: ChartLayouts) -> bytes:
    """Return the HTML edition of a handout."""
    doc = handout_doc(handout, bibliography, PROFILES["a4"], today, settings, layouts)
    return handout_html(handout, doc, settings.url(handout.slug, handout.version),
                        chart_links(handout))


def pack_web(pack: Pack, handouts: list[Handout], bibliography: Bibliography,
             today: datetime.date, settings: Settings, layouts: ChartLayouts) -> bytes:
    """Return the HTML edition of a pack."""
    citer = citer_for(bibliography, tuple(k for h in handouts for k in cited_keys(h)))
    doc = Doc(PROFILES["a4"], citer, today, settings.publisher, layouts)
    return pack_html(pack, handouts, doc, settings.url(pack.slug, pack.version),
                     {h.slug: chart_links(h) for h in handouts})


def pack_pdf(pack: Pack, handouts: list[Handout], bibliography: Bibliography,
             profile: Profile, today: datetime.date, settings: Settings,
             layouts: ChartLayouts) -> bytes:
    """Return a pack typeset in one print profile: every handout set as it is alone (a
    patient handout as for patients), its pages' footer naming it; one reference list."""
    citer = citer_for(bibliography, tuple(k for h in handouts for k in cited_keys(h)))
    url = settings.url(pack.slug, pack.version)
    doc = Doc(for_audience(profile, "clinician"), citer, today, settings.publisher, layouts)
    info = pack_info(pack, handouts, doc, url)
    parts = []
    for handout in handouts:
        own = handout_doc(handout, bibliography, profile, today, settings, layouts, citer)
        said = part_info(pack, handout, own, settings.url(handout.slug, handout.version))
        parts.append(Part(handout, replace(own, profile=footed(own.profile, [said])), said))
    doc = replace(doc, profile=footed(doc.profile, [info]))  # each part has its own
    back = pack_back_cover(pack, doc, url) if doc.profile.gutter else None
    return render(pack_story(pack, parts, doc, info), info, doc.profile, back)
