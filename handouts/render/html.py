"""The HTML edition of a handout or pack: the same content as the PDF, as a web page a screen
reader and a phone can use.

One self-contained file per document (its stylesheet inline, no scripts): real headings,
lists and tables, step panels as an ordered list, callouts as asides, each flowchart as
inline SVG with a title and a description, then the chart in words as structured HTML.
Citations link to their entries in the reference list. Jinja2 escapes every value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

from handouts.flowchart.key import key_groups, key_items
from handouts.flowchart.scene import Scene, moved, scene
from handouts.flowchart.svg import svg_document
from handouts.flowchart.words import (
    arrow_names,
    box_names,
    chart_in_words,
    chart_walk,
    step_sources,
)
from handouts.fonts import chart_measure
from handouts.layout.dates import long_date
from handouts.model.chart import Flowchart
from handouts.model.handout import Handout
from handouts.model.pack import Pack
from handouts.model.profile import AUDIENCE
from handouts.render.chart import marks_of, reference
from handouts.render.handout import governance
from handouts.render.kinds import Web, kind_of
from handouts.render.styles import Doc
from handouts.render.web import TEMPLATES, Writer, environment, html_markup

MACROS = "macros.html"
"""The templates' shared parts: a heading, a chart as a web page shows it."""
WEB_SCALE = 1.3
"""A chart on a web page: its text at 13 CSS pixels."""
KEY_SIZE = 10.0


@dataclass(frozen=True)
class Downloads:
    """The files a chart can be downloaded as: link text and file name, in order."""

    links: tuple[tuple[str, str], ...]


def _svg(chart: Flowchart, doc: Doc, prefix: str) -> tuple[Markup, str]:
    """Return the chart, in its one arrangement, and its key as inline SVG (ids made unique
    by ``prefix``), and the id of its title."""
    drawn = doc.layouts.whole(chart, marks_of(chart, doc), reference(chart, doc))
    shown = scene(drawn, box_names(chart), arrow_names(chart))
    width = max(shown.width, 320.0)
    groups, height = key_groups(key_items(chart, [drawn.graph]), width, KEY_SIZE,
                                chart_measure(KEY_SIZE))
    whole = Scene(width, shown.height + KEY_SIZE + height,
                  (*(moved(g, (width - shown.width) / 2, 0.0) for g in shown.groups),
                   *(moved(g, 0.0, shown.height + KEY_SIZE) for g in groups)))
    svg = svg_document(whole, chart.title or "Flowchart", " ".join(chart_in_words(chart)),
                       prefix=f"{prefix}-", fonts=False, scale=WEB_SCALE)
    return Markup(svg), f"{prefix}-title"


def chart_context(chart: Flowchart, doc: Doc, writer: Writer, prefix: str,
                  downloads: Downloads) -> dict[str, Any]:
    """Return what the template needs to show one chart."""
    svg, title = _svg(chart, doc, prefix)
    walk = chart_walk(chart)
    return {
        "id": prefix, "title": chart.title or "Flowchart", "svg": svg, "title_id": title,
        "caption": writer.text(chart.caption) if chart.caption else "",
        "walk": walk,
        "sources": [(step, writer.cite(cites)) for step, cites in step_sources(chart)],
        "downloads": downloads.links,
    }


def document_context(handout: Handout, doc: Doc, downloads: dict[str, Downloads],
                     prefix: str = "", pack: bool = False) -> dict[str, Any]:
    """Return one handout's content for the template (a pack holds several): each block
    as its kind shows it."""
    writer = Writer(doc)
    slug = prefix or handout.slug
    charts = {c.id: chart_context(c, doc, writer, f"{slug}-chart{i}", downloads.get(c.id,
                                  Downloads(())))
              for i, c in enumerate(handout.charts, start=1)}
    placed = {b.chart for s in handout.sections for b in s.blocks if b.chart}
    level = (2 if pack else 1) + 2  # a block's own heading: under the section's
    macros = environment().get_template(MACROS).module

    def chart(chart_id: str) -> Markup:
        return Markup(macros.chart_view(charts[chart_id], level))  # type: ignore[attr-defined]

    def web(number: int, heading: str) -> Web:
        return Web(writer, slug, number, level, heading, pack, chart)

    counter = iter(range(1, 10_000))
    change = next((c for c in handout.changelog if c.version == handout.version), None)
    return {
        "slug": slug, "title": handout.title, "subtitle": handout.subtitle,
        "facts": governance(handout), "audience": AUDIENCE[handout.audience],
        "urgent": urgent_html(doc.publisher.urgent_line(), doc.publisher.urgent_phone)
        if handout.audience == "patient" else "",
        "emergency": writer.text(handout.emergency) if handout.audience == "patient" else "",
        "emergency_sources": writer.sources_of(handout.emergency),
        "draft": handout.status == "draft", "overdue": doc.overdue(handout),
        "review_due": long_date(handout.review_due),
        "change": {"version": change.version, "items": [writer.text(t) for t in change.changes]}
        if change else None,
        "summary": [writer.text(p) for p in handout.summary.split("\n\n") if p.strip()],
        "summary_sources": writer.sources_of(handout.summary),
        "charts": [charts[c.id] for c in handout.charts if c.id not in placed or not c.id],
        "sections": [{"heading": s.heading, "id": f"{slug}-s{i}",
                      "sources": writer.sources_of(s),
                      "blocks": [kind_of(b).html(b, web(next(counter), s.heading))
                                 for b in s.blocks]}
                     for i, s in enumerate(handout.sections, start=1)],
    }


def urgent_html(line: str, phone: str) -> Markup:
    """Return the urgent line with its phone number as a link a phone can call, never broken
    across two lines of a narrow screen."""
    if not phone or phone not in line:
        return escape(line)
    before, after = line.rsplit(phone, 1)
    dial = re.sub(r"[^0-9+]", "", phone)
    return escape(before) + Markup('<a class="tel" href="tel:{}">{}</a>').format(
        dial, phone) + escape(after)


def references(doc: Doc) -> list[tuple[str, Markup]]:
    """Return the reference list: each entry's anchor and its HTML."""
    return [(f"ref-{key.lower()}", html_markup(entry)) for key, entry in
            doc.citer.keyed_entries()]


def handout_html(handout: Handout, doc: Doc, url: str, downloads: dict[str, Downloads]) -> bytes:
    """Return the HTML edition of one handout."""
    context = document_context(handout, doc, downloads)
    page = environment().get_template("handout.html").render(
        css=Markup((TEMPLATES / "handout.css").read_text("utf-8").strip()),
        heading=handout.title, documents=[context], references=references(doc),
        url=url, publisher=doc.publisher, pack=None,
        reference=doc.publisher.leaflet_reference(handout.slug, handout.version))
    return page.encode("utf-8")


def pack_html(pack: Pack, handouts: list[Handout], doc: Doc, url: str,
              downloads: dict[str, dict[str, Downloads]]) -> bytes:
    """Return the HTML edition of a pack: every handout, then one reference list."""
    contexts = [document_context(h, doc, downloads.get(h.slug, {}), pack=True)
                for h in handouts]
    page = environment().get_template("handout.html").render(
        css=Markup((TEMPLATES / "handout.css").read_text("utf-8").strip()),
        heading=pack.title, documents=contexts, references=references(doc), url=url,
        publisher=doc.publisher, reference="",
        pack={"title": pack.title, "subtitle": pack.subtitle, "version": pack.version,
              "updated": long_date(pack.updated)})
    return page.encode("utf-8")
