"""Render the handouts and packs of a build, in worker processes, into named outputs.

Rendering is also how layout is measured: a handout whose table row or chart cannot be
printed raises located problems here, so `check` and `build` run the same code.
"""

from __future__ import annotations

import datetime
import multiprocessing
import signal
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

from handouts.errors import BuildError, Problem, SpecError
from handouts.flowchart.engine import ChartLayouts
from handouts.fonts import missing_glyphs, register_fonts
from handouts.model.handout import Handout
from handouts.model.pack import Pack
from handouts.model.profile import PROFILES, Profile, for_audience
from handouts.model.settings import Settings
from handouts.publish.outputs import Output
from handouts.render.booklet import impose
from handouts.render.documents import (
    arrange_charts,
    chart_files,
    handout_pdf,
    handout_web,
    pack_pdf,
    pack_web,
)
from handouts.spec.bibliography import Bibliography
from handouts.spec.sources import texts

CHART_KINDS = {"svg": "flowchart-svg", "png": "flowchart-png", "pdf": "flowchart-pdf",
               "txt": "flowchart-txt"}


@dataclass(frozen=True)
class Job:
    """What rendering needs besides the handouts: shared by every worker."""

    bibliography: Bibliography
    settings: Settings
    profiles: tuple[str, ...]
    today: datetime.date


def stamp(handout: Handout, digest: str) -> dict[str, str]:
    """Return what the manifest records of every file made from a handout."""
    return {"slug": handout.slug, "version": handout.version, "spec": handout.where.path,
            "content_hash": digest, "status": handout.status,
            "review_due": handout.review_due.isoformat(), "title": handout.title,
            "updated": handout.updated.isoformat(), "subtitle": handout.subtitle,
            "audience": handout.audience}


def handout_parts(job: Job) -> list[str]:
    """Return the pieces of work a handout is made in: its chart downloads, each print
    edition, the HTML edition."""
    return ["charts", *job.profiles, "html"]


def render_handout_part(handout: Handout, digest: str, part: str, job: Job,
                        charts: ChartLayouts) -> list[Output]:
    """Return one piece of a handout: an edition, or its chart downloads; raise SpecError
    if it cannot be laid out."""
    facts = stamp(handout, digest)
    stem = f"{handout.slug}-v{handout.version}"
    if part == "html":
        web = handout_web(handout, job.bibliography, job.today, job.settings, charts)
        return [Output(f"{stem}.html", web, "handout-html", **facts, profile="html")]
    if part == "charts":
        files = chart_files(handout, job.bibliography, job.today, job.settings, charts)
        outputs = []
        for suffix, data in files.items():  # '-flowchart.pdf': '<slug>-flowchart-v1.0.0.pdf'
            name, kind = suffix.rsplit(".", 1)
            outputs.append(Output(f"{handout.slug}{name}-v{handout.version}.{kind}", data,
                                  CHART_KINDS[kind], **facts))
        return outputs
    profile = for_audience(PROFILES[part], handout.audience)
    pdf = handout_pdf(handout, job.bibliography, profile, job.today, job.settings, charts)
    return editions(stem, profile, pdf, "handout-pdf", facts)


def pack_facts(pack: Pack, handouts: list[Handout]) -> dict[str, str]:
    """Return what the manifest records of every file made from a pack."""
    drafts = any(h.status == "draft" for h in handouts)
    return {"slug": pack.slug, "version": pack.version, "spec": pack.where.path,
            "status": "draft" if drafts else "approved",
            "review_due": min(h.review_due for h in handouts).isoformat(),
            "title": pack.title, "updated": pack.updated.isoformat(),
            "subtitle": pack.subtitle, "audience": "clinician"}


def render_pack_part(pack: Pack, handouts: list[Handout], part: str, job: Job,
                     charts: ChartLayouts) -> list[Output]:
    """Return one edition of a pack."""
    facts = pack_facts(pack, handouts)
    stem = f"{pack.slug}-v{pack.version}"
    if part == "html":
        web = pack_web(pack, handouts, job.bibliography, job.today, job.settings, charts)
        return [Output(f"{stem}.html", web, "pack-html", **facts, profile="html")]
    pdf = pack_pdf(pack, handouts, job.bibliography, PROFILES[part], job.today, job.settings,
                   charts)
    return editions(stem, PROFILES[part], pdf, "pack-pdf", facts)


def editions(stem: str, profile: Profile, pdf: bytes, kind: str,
             facts: dict[str, str]) -> list[Output]:
    """Return a document in one profile, and, for a booklet profile (A5), the same pages
    imposed on A4 for folding."""
    outputs = [Output(f"{stem}{profile.suffix}.pdf", pdf, kind, **facts, profile=profile.name)]
    if profile.gutter:
        outputs.append(Output(f"{stem}{profile.suffix}-booklet.pdf", impose(pdf), kind,
                              **facts, profile=f"{profile.name}-booklet"))
    return outputs


Rendered = tuple[list[Output], list[Problem]]
Piece = tuple[int, str]
"""A piece of work: which document (handouts first, then packs) and which part of it."""
_WORK: tuple[list[tuple[Handout, str]], list[tuple[Pack, list[Handout]]], Job,
             ChartLayouts] | None = None
"""What the pieces refer to, as worker processes inherit it when forked."""


def render_all(handouts: list[tuple[Handout, str]], packs: list[tuple[Pack, list[Handout]]],
               job: Job, jobs: int, layouts: ChartLayouts) -> list[Rendered]:
    """Render each (handout, content hash) and each (pack, its handouts); return, for each
    in that order, its outputs, or the problems that stop it.

    The work is shared out by edition, so that with ``jobs`` > 1 worker processes (forked
    once fonts are loaded) one large pack is made in as many editions at once; the files
    are the same bytes either way.
    """
    global _WORK
    documents = len(handouts) + len(packs)
    pieces = [(len(handouts) + i, part) for i in range(len(packs))
              for part in [*job.profiles, "html"]]  # the largest first
    pieces += [(i, part) for i in range(len(handouts)) for part in handout_parts(job)]
    _WORK = (handouts, packs, job, layouts)
    try:
        if jobs > 1 and len(pieces) > 1:
            register_fonts()  # once, before the fork, so no worker reads the fonts again
            for handout, _ in handouts:  # and each chart's arrangement, chosen once
                arrange_charts(handout, job.bibliography, job.today, job.settings, layouts)
            done = _in_workers(pieces, min(jobs, len(pieces)))
        else:
            done = [_render_piece(piece) for piece in pieces]
    finally:
        _WORK = None
    made: list[list[Output]] = [[] for _ in range(documents)]
    problems: list[list[Problem]] = [[] for _ in range(documents)]
    said = [*job.profiles, "html", "charts"]  # a failure is told from the first edition only
    for (index, _), (outputs, found) in sorted(zip(pieces, done),
                                               key=lambda d: (d[0][0], said.index(d[0][1]))):
        made[index] += outputs
        failed = any(not p.warning for p in problems[index])
        problems[index] += [p for p in found if p not in problems[index]
                            and (p.warning or not failed)]
    return [([] if any(not p.warning for p in found) else outputs, found)
            for outputs, found in zip(made, problems)]


def _in_workers(pieces: list[Piece], jobs: int) -> list[Rendered]:
    """Render the pieces in ``jobs`` forked processes; raise BuildError if one dies (killed,
    or out of memory) rather than wait for it for ever."""
    others = set(multiprocessing.active_children())
    pool = ProcessPoolExecutor(jobs, multiprocessing.get_context("fork"),
                               initializer=_quiet_worker)
    try:
        return list(pool.map(_render_piece, pieces))
    except BrokenProcessPool:
        raise BuildError("a typesetting process stopped before it finished (killed, or out "
                         "of memory?); nothing was written: build again, with fewer "
                         "processes (-j 1) if memory is short") from None
    except BaseException:  # an interrupt: stop the workers now, not after their pieces
        for worker in set(multiprocessing.active_children()) - others:
            worker.terminate()
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _quiet_worker() -> None:
    """Leave interrupts to the parent process: a worker told to stop just stops, with no
    traceback (it inherits the command's handler, which turns SIGTERM into an interrupt)."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _render_piece(piece: Piece) -> Rendered:
    """Render one piece: its outputs, or the problems that stop it."""
    assert _WORK is not None
    handouts, packs, job, layouts = _WORK
    index, part = piece
    try:
        if index < len(handouts):
            handout, digest = handouts[index]
            outputs = render_handout_part(handout, digest, part, job, layouts)
            warnings = unprintable(handout) if part == "html" else []
        else:
            pack, members = packs[index - len(handouts)]
            outputs, warnings = render_pack_part(pack, members, part, job, layouts), []
    except SpecError as exc:
        return [], exc.problems
    return outputs, warnings + [p for p in layouts.notes() if isinstance(p, Problem)]


def unprintable(handout: Handout) -> list[Problem]:
    """Warn of characters the font has no glyph for, such as most emoji."""
    return [Problem(where, f"{missing!r} cannot be printed in the handout's font and would "
                           "show as empty boxes", "use words instead", warning=True)
            for text, where in texts(handout) if (missing := missing_glyphs(text))]
