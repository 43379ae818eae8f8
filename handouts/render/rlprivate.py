"""ReportLab's private attributes, in one place: no other module touches them.

Page breaking needs a little of ReportLab's inner state that its API does not offer: where
a frame's cursor is and whether anything is on it yet, the children of a KeepTogether, the
marks a layout leaves on flowables, a canvas's page number and saved page, a table's row
heights, a PDF's dates. Each is read or written by one function here.
tests/test_rlprivate.py checks every one of them against the installed ReportLab, which must
be one of the SUPPORTED versions (pyproject.toml pins the same range): a new ReportLab is
tried there first.
"""

from __future__ import annotations

import datetime
import hashlib
import time
from typing import Any

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, Table

SUPPORTED = ((4, 2), (6, 0))
"""ReportLab versions this module is tested with: from the first, up to (not with) the last."""

UNSET = object()


def frame_of(flowable: Flowable) -> Frame | None:
    """Return the frame a flowable is being laid out in, or None outside a document."""
    return flowable._doctemplateAttr("frame")  # type: ignore[no-any-return]


def at_top(frame: Frame) -> bool:
    """Tell whether nothing has been drawn on a frame yet."""
    return bool(frame._atTop)


def cursor(frame: Frame) -> float:
    """Return how high on the page the next flowable would start (points from the foot)."""
    return float(frame._y)


def used(frame: Frame) -> float:
    """Return how much of a frame's height is used (points)."""
    return float(frame._y2 - frame._topPadding - frame._y)


def move_frame(frame: Frame, left: float) -> None:
    """Move a frame sideways so that its left edge is at ``left`` (mirrored margins)."""
    frame._x1 = left
    frame._geom()
    frame._x = left + frame._leftPadding


def set_bottom(frame: Frame, bottom: float) -> None:
    """Move a frame's foot to ``bottom`` (points from the paper's foot), its top where it is:
    a part of a document with a taller footer has a shorter frame."""
    top = frame._y1 + frame._height
    frame._y1 = bottom
    frame._height = top - bottom
    frame._geom()


def height(frame: Frame) -> float:
    """Return the height of a frame."""
    return float(frame._height)


def parts(flowable: Flowable) -> list[Flowable]:
    """Return the flowables a KeepTogether (or any container) holds; none for the others."""
    return list(getattr(flowable, "_content", []))


def layout_marks(flowable: Flowable) -> object:
    """Return what a layout may change on a flowable: whether it keeps with the next one."""
    return flowable.__dict__.get("keepWithNext", UNSET)


def clear_layout_marks(flowable: Flowable, kept: object) -> None:
    """Undo what a layout left on a flowable, so that the next layout starts as the first:
    ReportLab marks those it moved to a later page and those it kept with the next."""
    flowable.__dict__.pop("_postponed", None)
    if kept is UNSET:
        flowable.__dict__.pop("keepWithNext", None)
    else:
        flowable.__dict__["keepWithNext"] = kept


def page_size(canvas: Canvas) -> tuple[float, float]:
    """Return the size of the page being drawn."""
    width, height = canvas._pagesize
    return float(width), float(height)


def hold_page(canvas: Canvas) -> dict[str, Any]:
    """Return everything drawn on the current page, and start a new page without emitting
    it: the page is drawn out later, with :func:`emit_page`."""
    state = dict(canvas.__dict__)
    canvas._startPage()
    return state


def restore_page(canvas: Canvas, state: dict[str, Any]) -> None:
    """Make a page held back the current page again, to draw on it before emitting it."""
    canvas.__dict__.update(state)


def skip_page(canvas: Canvas) -> None:
    """Start a new page without emitting the current one (a layout only measured)."""
    canvas._startPage()


def start_at(doc: BaseDocTemplate, page: int, template: str) -> None:
    """Make a document about to begin start at page ``page``, in the named page template."""
    doc.page = page - 1
    doc.canv._pageNumber = page
    doc.pageTemplate = next(t for t in doc.pageTemplates if t.id == template)


def no_save(doc: BaseDocTemplate) -> None:
    """Make a document's build end without writing the PDF (a layout only measured)."""
    doc._doSave = 0


def listen(doc: BaseDocTemplate, indexes: list[Flowable]) -> None:
    """Make a document tell these flowables (a table of contents) what each page holds, in
    a plain build as multiBuild does."""
    doc._indexingFlowables = list(indexes)


def place_unseen(frame: Frame, flowable: Flowable, canvas: Canvas, split: int) -> int:
    """Place a flowable on a frame as Frame.add does, without drawing it: the frame's cursor
    moves, nothing is drawn (a layout only measured)."""
    flowable.__dict__["drawOn"] = _no_draw
    try:
        return Frame._add(frame, flowable, canvas, split)  # type: ignore[no-any-return]
    finally:
        flowable.__dict__.pop("drawOn", None)


def _no_draw(*args: Any, **kwargs: Any) -> None:
    pass


def row_heights(table: Table) -> list[float]:
    """Return the height of each row of a table that has been wrapped."""
    return [float(h) for h in table._rowHeights]


def repeated_rows(table: Table) -> int:
    """Return how many header rows a table repeats on each page it crosses."""
    repeat = table.repeatRows
    return repeat if isinstance(repeat, int) else len(repeat)


def date_document(canvas: Canvas, day: datetime.date) -> None:
    """Date a new canvas's PDF ``day``, as ReportLab dates a reproducible build when
    SOURCE_DATE_EPOCH names that day: its creation and modification dates, and the seed of
    its /ID. The build's own day never reaches the file, and nothing is written to the
    process's environment."""
    moment = int(datetime.datetime(day.year, day.month, day.day,
                                   tzinfo=datetime.timezone.utc).timestamp())
    document = canvas._doc
    stamp = document._timeStamp
    stamp.t, stamp.lt = moment, time.gmtime(moment)
    stamp.YMDhms, stamp.dhh, stamp.dmm, stamp.tzname = tuple(stamp.lt)[:6], 0, 0, "UTC"
    document.signature = hashlib.md5(b"a reportlab document", usedforsecurity=False)
    document.signature.update(ascii(moment).encode())  # as PDFDocument seeds it
