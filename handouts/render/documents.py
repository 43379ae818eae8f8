"""Render whole documents to bytes: a handout in one edition, its charts' downloads, a pack.

The only entry points publish uses; everything here is in memory.
"""

from __future__ import annotations

import datetime

from handouts.model.chart import Flowchart
from handouts.model.handout import Handout
from handouts.model.pack import Pack
from handouts.model.profile import PROFILES, Profile, for_audience
from handouts.model.settings import Settings
from handouts.render.charts import ChartLayouts
from handouts.render.chartsheet import chart_downloads
from handouts.render.handout import doc_info, governance, handout_story
from handouts.render.harvard import citer_for
from handouts.render.html import Downloads, handout_html, pack_html
from handouts.render.pack import pack_info, pack_story
from handouts.render.page import render
from handouts.render.styles import Doc
from handouts.spec.bibliography import Bibliography
from handouts.spec.sources import cited_keys


def handout_doc(handout: Handout, bibliography: Bibliography, profile: Profile,
                today: datetime.date, settings: Settings, layouts: ChartLayouts) -> Doc:
    """Return what typesetting a handout in one edition needs."""
    return Doc(for_audience(profile, handout.audience, settings.url(handout.slug)),
               citer_for(bibliography, tuple(cited_keys(handout))), today, settings.publisher,
               layouts, sources_last=handout.audience == "patient")


def handout_pdf(handout: Handout, bibliography: Bibliography, profile: Profile,
                today: datetime.date, settings: Settings, layouts: ChartLayouts) -> bytes:
    """Return a handout typeset in one print profile."""
    doc = handout_doc(handout, bibliography, profile, today, settings, layouts)
    url = settings.url(handout.slug)
    return render(handout_story(handout, doc, url), doc_info(handout, doc, url=url),
                  doc.profile)


def chart_files(handout: Handout, bibliography: Bibliography, today: datetime.date,
                settings: Settings, layouts: ChartLayouts) -> dict[str, bytes]:
    """Return the downloads of every chart of a handout, by name suffix: for the chart of
    ``flowchart``, '-flowchart.pdf' and so on; for 'adjuvant' of ``flowcharts``,
    '-adjuvant-flowchart.pdf'."""
    doc = handout_doc(handout, bibliography, PROFILES["a4"], today, settings, layouts)
    files = {}
    for chart in handout.charts:
        stem = chart_stem(chart)
        title = chart.title or handout.title
        made = chart_downloads(chart, title, governance(handout), handout.status == "draft",
                               settings.url(handout.slug), doc, handout.updated)
        files.update({stem + suffix: data for suffix, data in made.items()})
    return files


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
    return handout_html(handout, doc, settings.url(handout.slug), chart_links(handout))


def pack_web(pack: Pack, handouts: list[Handout], bibliography: Bibliography,
             today: datetime.date, settings: Settings, layouts: ChartLayouts) -> bytes:
    """Return the HTML edition of a pack."""
    citer = citer_for(bibliography, tuple(k for h in handouts for k in cited_keys(h)))
    doc = Doc(PROFILES["a4"], citer, today, settings.publisher, layouts)
    return pack_html(pack, handouts, doc, settings.url(pack.slug),
                     {h.slug: chart_links(h) for h in handouts})


def pack_pdf(pack: Pack, handouts: list[Handout], bibliography: Bibliography,
             profile: Profile, today: datetime.date, settings: Settings,
             layouts: ChartLayouts) -> bytes:
    """Return a pack typeset in one print profile: every handout, one reference list."""
    citer = citer_for(bibliography, tuple(k for h in handouts for k in cited_keys(h)))
    url = settings.url(pack.slug)
    doc = Doc(for_audience(profile, "clinician", url), citer, today, settings.publisher,
              layouts)
    return render(pack_story(pack, handouts, doc), pack_info(pack, handouts, doc, url),
                  doc.profile)
