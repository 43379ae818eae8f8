"""Render the handouts and packs of a build, in worker processes, into named outputs.

Rendering is also how layout is measured: a handout whose table row or chart cannot be
printed raises located problems here, in each edition it fails in, so `check` and `build`
run the same code.
"""

from __future__ import annotations

import multiprocessing
import signal
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait

from handouts.errors import BuildError, Problem, SpecError
from handouts.fonts import missing_glyphs, register_fonts
from handouts.model.handout import Handout
from handouts.model.pack import Pack
from handouts.model.profile import PROFILES, Profile, for_audience
from handouts.publish.context import Build
from handouts.publish.outputs import Output
from handouts.render.booklet import impose
from handouts.render.chart import EDITIONS
from handouts.render.documents import (
    arrange_charts,
    chart_files,
    handout_pdf,
    handout_web,
    pack_pdf,
    pack_web,
)
from handouts.spec.sources import texts
from handouts.versions.canonical import content_hash

CHART_KINDS = {"svg": "flowchart-svg", "png": "flowchart-png", "pdf": "flowchart-pdf",
               "txt": "flowchart-txt"}


@dataclass(frozen=True)
class Work:
    """What one run renders: each (handout, content hash), each (pack, its handouts), in
    which editions, with or without the charts' downloads."""

    build: Build
    handouts: tuple[tuple[Handout, str], ...]
    packs: tuple[tuple[Pack, tuple[Handout, ...]], ...]
    profiles: tuple[str, ...]
    downloads: bool = True

    def parts(self) -> list[str]:
        """Return the pieces of work a handout is made in: its chart downloads, each print
        edition, the HTML edition."""
        return [*(["charts"] if self.downloads else []), *self.profiles, "html"]


def stamp(handout: Handout, digest: str) -> dict[str, str]:
    """Return what the manifest records of every file made from a handout."""
    return {"slug": handout.slug, "version": handout.version, "spec": handout.where.path,
            "content_hash": digest, "status": handout.status,
            "review_due": handout.review_due.isoformat(), "title": handout.title,
            "updated": handout.updated.isoformat(), "subtitle": handout.subtitle,
            "audience": handout.audience}


def render_handout_part(handout: Handout, digest: str, part: str, build: Build) -> list[Output]:
    """Return one piece of a handout: an edition, or its chart downloads; raise SpecError
    if it cannot be laid out."""
    facts = stamp(handout, digest)
    stem = f"{handout.slug}-v{handout.version}"
    bib, day, settings, charts = build.project.bibliography, build.day, build.settings, \
        build.layouts
    if part == "html":
        web = handout_web(handout, bib, day, settings, charts)
        return [Output(f"{stem}.html", web, "handout-html", **facts, profile="html")]
    if part == "charts":
        files = chart_files(handout, bib, day, settings, charts)
        outputs = []
        for suffix, data in files.items():  # '-flowchart.pdf': '<slug>-flowchart-v1.0.0.pdf'
            name, kind = suffix.rsplit(".", 1)
            outputs.append(Output(f"{handout.slug}{name}-v{handout.version}.{kind}", data,
                                  CHART_KINDS[kind], **facts))
        return outputs
    profile = for_audience(PROFILES[part], handout.audience)
    pdf = handout_pdf(handout, bib, profile, day, settings, charts)
    return editions(stem, profile, pdf, "handout-pdf", facts)


def pack_facts(pack: Pack, handouts: tuple[Handout, ...]) -> dict[str, str]:
    """Return what the manifest records of every file made from a pack."""
    drafts = any(h.status == "draft" for h in handouts)
    return {"slug": pack.slug, "version": pack.version, "spec": pack.where.path,
            "status": "draft" if drafts else "approved",
            "review_due": min(h.review_due for h in handouts).isoformat(),
            "title": pack.title, "updated": pack.updated.isoformat(),
            "subtitle": pack.subtitle, "audience": "clinician"}


def render_pack_part(pack: Pack, handouts: tuple[Handout, ...], part: str,
                     build: Build) -> list[Output]:
    """Return one edition of a pack."""
    facts = pack_facts(pack, handouts)
    stem = f"{pack.slug}-v{pack.version}"
    members = list(handouts)
    bib, day, settings, charts = build.project.bibliography, build.day, build.settings, \
        build.layouts
    if part == "html":
        web = pack_web(pack, members, bib, day, settings, charts)
        return [Output(f"{stem}.html", web, "pack-html", **facts, profile="html")]
    pdf = pack_pdf(pack, members, bib, PROFILES[part], day, settings, charts)
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


def document_files(build: Build, document: Handout | Pack) -> list[Output]:
    """Return every file a build writes for one handout or pack, made in memory by the same
    code, in the editions the settings ask for; raise SpecError if it cannot be laid out."""
    project = build.project
    if isinstance(document, Handout):
        work = Work(build, ((document, content_hash(document, project.bibliography)),), (),
                    build.settings.profiles)
    else:
        work = Work(build, (), ((document, tuple(project.pack_handouts(document))),),
                    build.settings.profiles)
    ((outputs, problems),) = render_all(work, 1)
    if any(not p.warning for p in problems):
        raise SpecError(problems)
    return sorted(outputs, key=lambda o: o.kind not in CHART_KINDS.values())  # downloads first


Rendered = tuple[list[Output], list[Problem]]
Piece = tuple[int, str]
"""A piece of work: which document (handouts first, then packs) and which part of it."""


def render_all(work: Work, jobs: int) -> list[Rendered]:
    """Render each handout and each pack of ``work``; return, for each in that order, its
    outputs, or the problems that stop it (those of every edition it fails in).

    The work is shared out by edition, so that with ``jobs`` > 1 worker processes (forked
    once fonts are loaded, each given the work as it starts) one large pack is made in as
    many editions at once; the files are the same bytes either way.
    """
    documents = len(work.handouts) + len(work.packs)
    pieces = [(len(work.handouts) + i, part) for i in range(len(work.packs))
              for part in [*sorted(work.profiles, key=holds), "html"]]  # the largest first
    pieces += [(i, part) for i in range(len(work.handouts)) for part in work.parts()]
    if jobs > 1 and len(pieces) > 1:
        register_fonts()  # once, before the fork, so no worker reads the fonts again
        build = work.build
        for handout, _ in work.handouts:  # and each chart's arrangement, chosen once
            arrange_charts(handout, build.project.bibliography, build.day, build.settings,
                           build.layouts)
        done = _in_workers(work, pieces, min(jobs, len(pieces)))
    else:
        done = [render_piece(work, piece) for piece in pieces]
    made: list[list[Output]] = [[] for _ in range(documents)]
    found: list[dict[Problem, list[str]]] = [{} for _ in range(documents)]
    order = [*work.profiles, "html", "charts"]  # each document's files in this order
    for (index, part), (outputs, problems) in sorted(zip(pieces, done),
                                                     key=lambda d: (d[0][0],
                                                                    order.index(d[0][1]))):
        made[index] += outputs
        for problem in problems:
            found[index].setdefault(problem, []).append(part)
    printed = list(work.profiles)
    return [([] if any(not p.warning for p in problems) else outputs,
             [in_editions(p, parts, printed) for p, parts in problems.items()
              if not _repeated(p, parts, problems)])
            for outputs, problems in zip(made, found)]


def holds(profile: str) -> float:
    """Return how much text a page of an edition holds (its frame's area over the square of
    its body size): the fewer, the more pages a pack takes there, and the longer it takes to
    lay out. A pack's editions are shared out most pages first, so that the workers finish
    together (A5 and large print, then A4 and Letter)."""
    page = PROFILES[profile]
    width, height = page.frame()
    return width * height / page.body ** 2


def _repeated(problem: Problem, parts: list[str], found: dict[Problem, list[str]]) -> bool:
    """Tell whether a problem of the chart downloads only repeats one of an edition at the
    same place: the downloads draw the chart as the A4 edition does."""
    return parts == ["charts"] and any(
        other.location == problem.location and not other.warning and "charts" not in where
        for other, where in found.items())


def in_editions(problem: Problem, parts: list[str], printed: list[str]) -> Problem:
    """Return a layout problem saying which editions it is found in, unless it says so itself
    or is found in every print edition made."""
    editions = [EDITIONS.get(p, p) for p in printed if p in parts]
    if problem.warning or " edition" in problem.message or not editions or \
            len(editions) == len(printed):
        return problem
    said = " and ".join([", ".join(editions[:-1]), editions[-1]] if len(editions) > 1
                        else editions)
    return Problem(problem.location, f"{problem.message} in the {said} "
                                     f"edition{'s' * (len(editions) > 1)}", problem.hint)


def _in_workers(work: Work, pieces: list[Piece], jobs: int) -> list[Rendered]:
    """Render the pieces in ``jobs`` forked processes, each handed the work as it starts and
    then one piece at a time; raise BuildError if one dies (killed, or out of memory) rather
    than wait for it for ever."""
    context = multiprocessing.get_context("fork")
    workers = []
    for _ in range(jobs):
        mine, theirs = context.Pipe()
        process = context.Process(target=_serve, args=(work, theirs), daemon=True)
        process.start()
        theirs.close()
        workers.append((process, mine))
    results: dict[int, Rendered] = {}
    todo = list(range(len(pieces)))
    busy: dict[Connection, int] = {}
    try:
        for _, conn in workers:
            if todo:
                busy[conn] = todo.pop(0)
                conn.send(pieces[busy[conn]])
        while busy:
            ready = wait([*busy, *(p.sentinel for p, c in workers if c in busy)])
            for conn in [c for c in busy if c in ready]:
                try:
                    outcome = conn.recv()
                except EOFError:
                    raise _died() from None
                if isinstance(outcome, BaseException):
                    raise outcome
                results[busy.pop(conn)] = outcome
                if todo:
                    busy[conn] = todo.pop(0)
                    conn.send(pieces[busy[conn]])
            if any(p.sentinel in ready and c in busy and not c.poll() for p, c in workers):
                raise _died()
    finally:
        for process, conn in workers:
            if process.is_alive():
                if busy:  # an interrupt, or a failure: stop them now, not after their pieces
                    process.terminate()
                else:
                    try:
                        conn.send(None)
                    except OSError:  # it has gone already
                        process.terminate()
            process.join()
            conn.close()
    return [results[i] for i in range(len(pieces))]


def _died() -> BuildError:
    return BuildError("a typesetting process stopped before it finished (killed, or out of "
                      "memory?); nothing was written: build again, with fewer processes "
                      "(-j 1) if memory is short")


def _serve(work: Work, conn: Connection) -> None:
    """Render the pieces the parent sends until it sends None. Interrupts are left to the
    parent: a worker told to stop just stops, with no traceback."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    while (piece := conn.recv()) is not None:
        try:
            outcome: Rendered | BaseException = render_piece(work, piece)
        except Exception as exc:  # a bug: raised again in the parent, as it would be there
            outcome = exc
        conn.send(outcome)


def render_piece(work: Work, piece: Piece) -> Rendered:
    """Render one piece: its outputs, or the problems that stop it."""
    index, part = piece
    try:
        if index < len(work.handouts):
            handout, digest = work.handouts[index]
            outputs = render_handout_part(handout, digest, part, work.build)
            warnings = unprintable(handout) if part == "html" else []
        else:
            pack, members = work.packs[index - len(work.handouts)]
            outputs, warnings = render_pack_part(pack, members, part, work.build), []
    except SpecError as exc:
        return [], exc.problems
    return outputs, warnings + [p for p in work.build.layouts.notes() if isinstance(p, Problem)]


def unprintable(handout: Handout) -> list[Problem]:
    """Warn of characters the font has no glyph for, such as most emoji."""
    return [Problem(where, f"{missing!r} cannot be printed in the handout's font and would "
                           "show as empty boxes", "use words instead", warning=True)
            for text, where in texts(handout) if (missing := missing_glyphs(text))]
