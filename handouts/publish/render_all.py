"""Render the handouts and packs of a build, in worker processes, into named outputs.

Rendering is also how layout is measured: a handout whose table row or chart cannot be
printed raises located problems here, so `check` and `build` run the same code.
"""

from __future__ import annotations

import datetime
import multiprocessing
from concurrent.futures import Future
from dataclasses import dataclass

from handouts.errors import Problem, SpecError
from handouts.model.handout import Handout
from handouts.model.pack import Pack
from handouts.model.profile import PROFILES, Profile, for_audience
from handouts.model.settings import Settings
from handouts.publish.outputs import Output
from handouts.render.booklet import impose
from handouts.render.charts import ChartLayouts
from handouts.render.documents import chart_files, handout_pdf, handout_web, pack_pdf, pack_web
from handouts.render.fonts import missing_glyphs, register_fonts
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
            "updated": handout.updated.isoformat()}


def render_handout(handout: Handout, digest: str, job: Job,
                   charts: ChartLayouts) -> list[Output]:
    """Return a handout in every profile and its chart downloads; raise SpecError if it
    cannot be laid out."""
    facts = stamp(handout, digest)
    files = chart_files(handout, job.bibliography, job.today, job.settings, charts)  # PNGs go on
    outputs = []  # being drawn in the background while the editions are typeset
    for name in job.profiles:
        profile = for_audience(PROFILES[name], handout.audience)
        pdf = handout_pdf(handout, job.bibliography, profile, job.today, job.settings, charts)
        outputs += editions(f"{handout.slug}-v{handout.version}", profile, pdf, "handout-pdf",
                            facts)
    web = handout_web(handout, job.bibliography, job.today, job.settings, charts)
    outputs.append(Output(f"{handout.slug}-v{handout.version}.html", web, "handout-html",
                          **facts, profile="html"))
    for suffix, data in files.items():
        stem, kind = suffix.rsplit(".", 1)
        made = data.result() if isinstance(data, Future) else data
        outputs.append(Output(f"{handout.slug}{stem}-v{handout.version}.{kind}", made,
                              CHART_KINDS[kind], **facts))
    return outputs


def render_pack(pack: Pack, handouts: list[Handout], job: Job,
                charts: ChartLayouts) -> list[Output]:
    """Return a pack in every profile."""
    drafts = any(h.status == "draft" for h in handouts)
    facts = {"slug": pack.slug, "version": pack.version, "spec": pack.where.path,
             "status": "draft" if drafts else "approved",
             "review_due": min(h.review_due for h in handouts).isoformat(),
             "title": pack.title, "updated": pack.updated.isoformat()}
    outputs = [output for name in job.profiles
               for output in editions(f"{pack.slug}-v{pack.version}", PROFILES[name],
                                      pack_pdf(pack, handouts, job.bibliography, PROFILES[name],
                                               job.today, job.settings, charts), "pack-pdf",
                                      facts)]
    web = pack_web(pack, handouts, job.bibliography, job.today, job.settings, charts)
    return [*outputs, Output(f"{pack.slug}-v{pack.version}.html", web, "pack-html", **facts,
                             profile="html")]


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
_FORKED: ChartLayouts | None = None
"""The build's chart layouts, as worker processes inherit them when forked."""


def render_many(handouts: list[tuple[Handout, str]], job: Job, jobs: int,
                layouts: ChartLayouts) -> list[Rendered]:
    """Render each (handout, content hash); return its outputs, or its layout problems.

    With ``jobs`` > 1, handouts are rendered by that many worker processes, forked once
    fonts are loaded; the files are the same bytes either way.
    """
    global _FORKED
    work = [(handout, digest, job) for handout, digest in handouts]
    _FORKED = layouts
    try:
        if jobs > 1 and len(work) > 1:
            register_fonts()  # once, before the fork, so no worker reads the fonts again
            with multiprocessing.get_context("fork").Pool(jobs) as pool:
                return pool.map(_render_one, work, chunksize=1)
        return [_render_one(item) for item in work]
    finally:
        _FORKED = None


def _render_one(work: tuple[Handout, str, Job]) -> Rendered:
    handout, digest, job = work
    try:
        assert _FORKED is not None
        return render_handout(handout, digest, job, _FORKED), unprintable(handout)
    except SpecError as exc:
        return [], exc.problems


def unprintable(handout: Handout) -> list[Problem]:
    """Warn of characters the font has no glyph for, such as most emoji."""
    return [Problem(where, f"{missing!r} cannot be printed in the handout's font and would "
                           "show as empty boxes", "use words instead", warning=True)
            for text, where in texts(handout) if (missing := missing_glyphs(text))]


def render_packs(packs: list[tuple[Pack, list[Handout]]], job: Job,
                 layouts: ChartLayouts) -> list[Rendered]:
    """Render each pack; return its outputs, or the problems that stop it."""
    results: list[Rendered] = []
    for pack, handouts in packs:
        try:
            results.append((render_pack(pack, handouts, job, layouts), []))
        except SpecError as exc:
            results.append(([], exc.problems))
    return results
