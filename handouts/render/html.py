"""The HTML edition of a handout or pack: the same content as the PDF, as a web page a screen
reader and a phone can use.

One self-contained file per document (its stylesheet inline, no scripts): real headings,
lists and tables, step panels as an ordered list, callouts as asides, each flowchart as
inline SVG with a title and a description, then the chart in words as structured HTML.
Citations link to their entries in the reference list. Jinja2 escapes every value.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
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
from handouts.model.handout import Block, Handout
from handouts.model.pack import Pack
from handouts.model.profile import AUDIENCE
from handouts.model.urls import link_target
from handouts.render.chart import marks_of, reference
from handouts.render.handout import governance
from handouts.render.harvard import BREAK
from handouts.render.styles import Doc
from handouts.spec.markup import Cite, citation_keys, parse_cite, tokens
from handouts.spec.sources import cited_keys

TEMPLATES = Path(__file__).parent / "templates"
WEB_SCALE = 1.3
"""A chart on a web page: its text at 13 CSS pixels."""
KEY_SIZE = 10.0


@dataclass(frozen=True)
class Downloads:
    """The files a chart can be downloaded as: link text and file name, in order."""

    links: tuple[tuple[str, str], ...]


def html_markup(reportlab: str) -> Markup:
    """Return the markup the citation formatter writes for ReportLab as HTML."""
    text = reportlab.replace(BREAK, "<wbr>").replace("<super>", "<sup>")
    return Markup(text.replace("</super>", "</sup>"))


class Writer:
    """Turns spec text into HTML, with citations linked to the reference list."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc

    def cite(self, cites: tuple[Cite, ...] | list[Cite], always: bool = False) -> Markup:
        """Return '(A, 2018; B, 2019)' with each citation a link to its reference; nothing
        where sources are said at the end of each section instead, unless ``always``."""
        if self.doc.sources_last and not always:
            return Markup("")
        parts = []
        for cite in cites:
            words = str(self.doc.citer.cite([cite])).strip()
            inner = words[1:-1] if words.startswith("(") and words.endswith(")") else words
            parts.append(Markup('<a class="cite" href="#ref-{}">{}</a>').format(
                cite.key.lower(), html_markup(inner)))
        return Markup("(") + Markup("; ").join(parts) + Markup(")")

    def text(self, text: str) -> Markup:
        """Return spec text (bold, italic, links, citations) as HTML."""
        out: list[Markup] = []
        for token in tokens(" ".join(text.split())):
            if token.kind == "cite":
                said = self.cite(token.cites)
                if not said and out:  # a citation left out takes its space with it
                    out[-1] = Markup(str(out[-1]).rstrip())
                out.append(said)
            elif token.kind == "bold":
                out.append(Markup("<strong>{}</strong>").format(token.text))
            elif token.kind == "italic":
                out.append(Markup("<em>{}</em>").format(token.text))
            elif token.kind == "link":
                out.append(Markup('<a href="{}">{}</a>').format(link_target(token.url),
                                                                token.text))
            else:
                out.append(escape(token.text))
        return Markup("").join(out)

    def sources_of(self, part: object) -> Markup:
        """Return 'Sources: (A, 2020; B, no date)' for the end of a section, where sources
        are said there instead of in the text; else nothing."""
        if not self.doc.sources_last:
            return Markup("")
        keys = citation_keys(part) if isinstance(part, str) else cited_keys(part)
        if not keys:
            return Markup("")
        return Markup("Sources: ") + self.cite([Cite(k) for k in dict.fromkeys(keys)],
                                               always=True)

    def sources(self, text: str, sources: tuple[str, ...]) -> Markup:
        """Return text followed by the citation of its sources, if any."""
        body = self.text(text)
        if not sources:
            return body
        return body + Markup(" ") + self.cite([parse_cite(s) for s in sources])


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


def block_context(block: Block, writer: Writer, charts: dict[str, dict[str, Any]],
                  number: int, heading: str = "") -> dict[str, Any]:
    """Return one block for the template: its kind and its content as HTML; a table is
    captioned by its caption, or else by its section's ``heading``."""
    if block.chart:
        return {"kind": "chart", "chart": charts[block.chart]}
    if block.text:
        return {"kind": "text", "html": writer.text(block.text)}
    if block.bullets or block.numbered:
        items = block.bullets or block.numbered
        return {"kind": "bullets" if block.bullets else "numbered",
                "items": [writer.text(item) for item in items]}
    if block.steps:
        return {"kind": "steps", "steps": [
            {"title": step.title, "what": writer.sources(step.what, step.sources),
             "when": writer.text(step.when) if step.when else ""} for step in block.steps]}
    if block.table is not None:
        table = block.table
        caption = writer.sources(table.caption or heading, table.sources)
        return {"kind": "table", "caption": caption, "columns": table.columns,
                "rows": [[writer.text(cell) for cell in row] for row in table.rows],
                "id": f"table-{number}"}
    if block.callout is not None:
        return {"kind": "callout", "title": block.callout.title,
                "html": writer.sources(block.callout.text, block.callout.sources),
                "id": f"aside-{number}"}
    return {"kind": "none"}


def document_context(handout: Handout, doc: Doc, downloads: dict[str, Downloads],
                     prefix: str = "") -> dict[str, Any]:
    """Return one handout's content for the template (a pack holds several)."""
    writer = Writer(doc)
    slug = prefix or handout.slug
    charts = {c.id: chart_context(c, doc, writer, f"{slug}-chart{i}", downloads.get(c.id,
                                  Downloads(())))
              for i, c in enumerate(handout.charts, start=1)}
    placed = {b.chart for s in handout.sections for b in s.blocks if b.chart}
    counter = iter(range(1, 10_000))
    change = next((c for c in handout.changelog if c.version == handout.version), None)
    return {
        "slug": slug, "title": handout.title, "subtitle": handout.subtitle,
        "facts": governance(handout), "audience": AUDIENCE[handout.audience],
        "urgent": doc.publisher.urgent_line() if handout.audience == "patient" else "",
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
                      "blocks": [block_context(b, writer, charts, next(counter), s.heading)
                                 for b in s.blocks]}
                     for i, s in enumerate(handout.sections, start=1)],
    }


@functools.cache
def _environment() -> Environment:
    """Return the templates' environment, made once: it keeps each template compiled."""
    return Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(),
                       trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)


def references(doc: Doc) -> list[tuple[str, Markup]]:
    """Return the reference list: each entry's anchor and its HTML."""
    return [(f"ref-{key.lower()}", html_markup(entry)) for key, entry in
            doc.citer.keyed_entries()]


def handout_html(handout: Handout, doc: Doc, url: str, downloads: dict[str, Downloads]) -> bytes:
    """Return the HTML edition of one handout."""
    context = document_context(handout, doc, downloads)
    page = _environment().get_template("handout.html").render(
        css=Markup((TEMPLATES / "handout.css").read_text("utf-8").strip()),
        heading=handout.title, documents=[context], references=references(doc),
        url=url, publisher=doc.publisher, pack=None,
        reference=doc.publisher.leaflet_reference(handout.slug, handout.version))
    return page.encode("utf-8")


def pack_html(pack: Pack, handouts: list[Handout], doc: Doc, url: str,
              downloads: dict[str, dict[str, Downloads]]) -> bytes:
    """Return the HTML edition of a pack: every handout, then one reference list."""
    contexts = [document_context(h, doc, downloads.get(h.slug, {})) for h in handouts]
    page = _environment().get_template("handout.html").render(
        css=Markup((TEMPLATES / "handout.css").read_text("utf-8").strip()),
        heading=pack.title, documents=contexts, references=references(doc), url=url,
        publisher=doc.publisher, reference="",
        pack={"title": pack.title, "subtitle": pack.subtitle, "version": pack.version,
              "updated": long_date(pack.updated)})
    return page.encode("utf-8")
