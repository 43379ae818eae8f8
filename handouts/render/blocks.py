"""What blocks print with: a section's sources, lists kept whole where they must be, a check
that a block fits a page, and the alert box (each kind of block lays itself out in
handouts.render.kinds)."""

from __future__ import annotations

from reportlab.platypus import Flowable, Paragraph, Spacer

from handouts.errors import Location, Problem, SpecError
from handouts.layout.quoting import html_text
from handouts.render import rlprivate
from handouts.render.boxes import ALERT_FILL, boxed
from handouts.render.pagebreaks import keep_together, with_trail
from handouts.render.styles import INK, Doc


def with_sources(flowables: list[Flowable], part: object, doc: Doc) -> list[Flowable]:
    """Return a part's flowables followed by its sources line (if the document says sources
    there), the line kept with the end of the part: never alone at the top of a page."""
    line = sources_line(part, doc)
    return with_trail(flowables, line[0], doc.frame()) if line else flowables


def sources_line(part: object, doc: Doc) -> list[Flowable]:
    """Return the sources of a section, said once at its end, where citations are not
    printed in the text (patient handouts)."""
    said = doc.sources_of(part) if doc.sources_last else ""
    if not said:
        return []
    line = Paragraph(said, doc.styles["small"])
    line.handouts_trail = True  # type: ignore[attr-defined]  # never opens a page alone
    return [line]


WHOLE_LIST = 1 / 2
"""Of the page's height: a list no taller than this is never split across pages; nor is a
list that a sentence ending with a colon announces (a list of warning signs, say), if it
fits on a page at all."""
ENDS = 2
"""Items a longer list keeps together at its start and at its end, if they are short."""
SHORT_ENDS = 1 / 4
"""Of the page's height: the most those items may take."""


def list_flowables(items: list[Paragraph], doc: Doc, announced: bool = False) -> list[Flowable]:
    """Return the items of a list: kept on one page if the list fits in half of it (or, if
    ``announced``, if it fits on it); otherwise split only between items, never leaving a
    short item alone at the foot of a page or at the top of the next."""
    width, height = doc.frame()
    tall = [item.wrap(width, height)[1] + item.getSpaceAfter() for item in items]
    if sum(tall) <= (1 if announced else WHOLE_LIST) * height:
        return [keep_together([*items, Spacer(1, 4)])]
    out: list[Flowable] = list(items)
    if len(items) > 2 * ENDS and sum(tall[-ENDS:]) <= SHORT_ENDS * height:
        out[-ENDS:] = [keep_together(items[-ENDS:])]
    if len(items) > 2 * ENDS and sum(tall[:ENDS]) <= SHORT_ENDS * height:
        out[:ENDS] = [keep_together(items[:ENDS])]
    if announced:  # too long for a page: a booklet opens it on one spread
        for flowable in out:
            flowable.handouts_spread = id(items[0])  # type: ignore[attr-defined]
    return [*out, Spacer(1, 4)]


def fits_page(flowable: Flowable, doc: Doc, where: Location, what: str) -> Flowable:
    """Return ``flowable``, or raise a located problem if it is taller than a page."""
    width, height = doc.frame()
    parts = rlprivate.parts(flowable) or [flowable]  # a KeepTogether measures its parts
    tall = sum(part.wrap(width, 100_000)[1] for part in parts)
    if tall > height:
        raise SpecError([Problem(where, f"this {what} is too tall to fit on a page ({tall:.0f} "
                                        f"pt, {height:.0f} pt at most)",
                                 "shorten it, or split it into several")])
    return flowable


def alert_box(text: str | list[Paragraph], doc: Doc) -> Flowable:
    """Return a warning no reader can miss: bold text (or the paragraphs given) in a box with
    a heavy black rule."""
    body = text if isinstance(text, list) else [
        Paragraph(f"<b>{html_text(text)}</b>", doc.styles["body"])]
    return boxed(body, doc, rule=INK, fill=ALERT_FILL)


