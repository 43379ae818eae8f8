"""The page of every version of every handout and pack: what a printed copy's QR code opens.

Each page says, in large type, whether the version scanned is the current one, or when and
by which version it was superseded (or that it was withdrawn, and why); then what changed
since, in words: the changelog's entries and the content compared statement by statement
(``handouts.versions.changed``, as the sign-off sheet says it); the current files, the
files of the version scanned that the build folder holds, and the review date.

What a page says comes from the specs, the release record and git history (the content
each version was released with), gathered before the build folder is locked
(``gather``); its files come from the manifest, read while it is locked (``pages``).
Nothing depends on the clock but the review date's 'overdue', as on the handouts.
"""

from __future__ import annotations

import datetime
import functools
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from handouts.errors import HandoutsError
from handouts.layout.dates import is_overdue, long_date
from handouts.model.handout import Change, Handout
from handouts.model.pack import Pack
from handouts.model.settings import version_page
from handouts.publish.downloads import CSS, file_groups, version_history
from handouts.publish.outputs import Described, Output
from handouts.render.kinds import statements
from handouts.spec.markup import plain_text
from handouts.spec.project import Project
from handouts.spec.signoff import names
from handouts.versions.changed import changes_in_words, in_brief
from handouts.versions.history import release_commits, released_content
from handouts.versions.release import Lock
from handouts.versions.standing import Standing, changelog_dates, changes_since, standings

TEMPLATES = Path(__file__).parent / "templates"
PAGE_CSS = CSS + "\n" + (TEMPLATES / "version.css").read_text("utf-8").strip()
KIND = "version-page"
SHORT = 160
"""The longest one-line summary of a version, in characters."""
IDENTICAL = "identical to the file released"
REBUILT = "rebuilt from the released content"
MAIN = {("box", "added"), ("box", "removed"), ("box", "reworded"), ("arrow", "added"),
        ("arrow", "removed"),
        ("section", "added"), ("section", "removed"), ("table row", "added"),
        ("table row", "removed"), ("table row", "reworded")}
"""The changes a page lists in full; the rest it counts, and lists on request."""


@dataclass(frozen=True)
class Compared:
    """What changed in the content from one version to the current one."""

    brief: tuple[str, ...]
    main: tuple[str, ...]
    every: tuple[str, ...]


@dataclass(frozen=True)
class Held:
    """A handout a version of a pack held, and its version now."""

    slug: str
    title: str
    held: str
    now: str


@dataclass(frozen=True)
class VersionPage:
    """Everything the page of one version says, but the files in the build folder."""

    slug: str
    spec: str
    pack: bool
    title: str
    """The title of the version scanned."""
    standing: Standing
    versions: tuple[Standing, ...]
    """Every version, newest first."""
    current: str
    """The current version: the one the spec now holds."""
    status: str
    review_due: datetime.date
    overdue: bool
    changelog: tuple[Change, ...]
    compared: Compared | None = None
    not_compared: str = ""
    holds: tuple[Held, ...] = ()
    summaries: tuple[tuple[str, str], ...] = ()
    """A one-line summary of each version, by version."""

    @property
    def name(self) -> str:
        """Return the page's file name in the build folder."""
        return version_page(self.slug, self.standing.version)


def gather(project: Project, handouts: list[Handout], packs: list[Pack], lock: Lock,
           day: datetime.date) -> list[VersionPage]:
    """Return the page of every version of these handouts and packs."""
    try:
        commits = release_commits(project.folder) if handouts else {}
        unread = ""
    except HandoutsError:  # not a git repository, or no git: the changelog alone is told
        commits, unread = {}, "the project's history could not be read where it was built"
    found = [page for h in handouts
             for page in handout_pages(project, h, lock, commits, unread, day)]
    return found + [page for p in packs for page in pack_pages(project, p, lock, day)]


def handout_pages(project: Project, handout: Handout, lock: Lock,
                  commits: dict[tuple[str, str], str], unread: str,
                  day: datetime.date) -> list[VersionPage]:
    """Return the pages of every version of a handout, each compared with the current one."""
    releases = lock.get(handout.slug, {})
    versions = standings(releases, handout.version,
                         {handout.version: handout.updated, **changelog_dates(handout.changelog)})
    older = {s.version: commits[handout.slug, s.version] for s in versions
             if s.version != handout.version and (handout.slug, s.version) in commits}
    try:
        content = released_content(project.folder, Path(handout.where.path).name, older,
                                   {v: r.content for v, r in releases.items()})
    except HandoutsError:
        content, unread = {}, unread or "the project's history could not be read"
    now = statements(handout)
    now_names = names(handout, project.bibliography)
    summaries = tuple((c.version, one_line(c.changes)) for c in handout.changelog)
    pages = []
    for standing in versions:
        version = standing.version
        since = _before(versions, version) if version == handout.version else version
        base = VersionPage(handout.slug, handout.where.path, False, handout.title, standing,
                           tuple(versions), handout.version, handout.status,
                           handout.review_due, is_overdue(handout.review_due, day),
                           tuple(changes_since(handout.changelog, since, handout.version)),
                           summaries=summaries)
        if version == handout.version:
            pages.append(base)
        elif version not in content:
            pages.append(replace(base, title=_title(standing, handout.title),
                                 not_compared=unread or f"the content released as version "
                                 f"{version} is not in the project's history here"))
        else:
            old, bibliography = content[version]
            changes = changes_in_words(statements(old), now, names(old, bibliography),
                                       now_names)
            compared = Compared(tuple(in_brief(changes)),
                                tuple(line for line, kind in zip(changes.lines, changes.kinds)
                                      if kind in MAIN), tuple(changes.lines))
            pages.append(replace(base, title=old.title, compared=compared))
    return pages


def _before(versions: list[Standing], version: str) -> str:
    """Return the version released before ``version`` ('0.0.0' for the first)."""
    earlier = [s.version for s in versions if s.successor == version]
    return earlier[0] if earlier else "0.0.0"


def _title(standing: Standing, now: str) -> str:
    """Return the title a version was released with, if recorded, else ``now``."""
    return standing.record.title if standing.record and standing.record.title else now


def pack_pages(project: Project, pack: Pack, lock: Lock,
               day: datetime.date) -> list[VersionPage]:
    """Return the pages of every version of a pack: the handouts each held, and now."""
    members = project.pack_handouts(pack)
    now = {h.slug: h for h in members}
    versions = standings(lock.get(pack.slug, {}), pack.version, {pack.version: pack.updated})
    review = min(h.review_due for h in members)
    status = "draft" if any(h.status == "draft" for h in members) else "approved"
    pages = []
    before: dict[str, str] = {}
    for standing in versions[::-1]:  # oldest first, each compared with the one before
        held = dict(standing.record.holds) if standing.record and standing.record.holds \
            else {h.slug: h.version for h in members} if standing.version == pack.version \
            else {}
        holds = tuple(Held(slug, now[slug].title if slug in now else slug, held[slug],
                           now[slug].version if slug in now else "")
                      for slug in [*pack.handouts, *(s for s in held if s not in now)]
                      if slug in held)
        title = pack.title if standing.version == pack.version else \
            _title(standing, pack.title)
        pages.append(VersionPage(pack.slug, pack.where.path, True, title, standing,
                                 tuple(versions), pack.version, status, review,
                                 is_overdue(review, day), (), holds=holds,
                                 summaries=((standing.version, _holds(holds, before)),)))
        before = held or before
    return pages[::-1]


def _holds(holds: tuple[Held, ...], before: dict[str, str]) -> str:
    """Return a pack version in one line: how many handouts, and which are new since the
    version before."""
    if not holds:
        return ""
    count = f"Holds {len(holds)} handout{'s' * (len(holds) != 1)}"
    new = [f"{h.title} {h.held}" for h in holds if before and before.get(h.slug) != h.held]
    return one_line((f"{count}; new since the version before: {', '.join(new)}."
                     if new else f"{count}.",))


def one_line(changes: tuple[str, ...]) -> str:
    """Return a version's changes in one line: the first sentence of the first, cut short.

    >>> one_line(("Lorlatinib is a first-line option (TA1103). The chart shows it.",))
    'Lorlatinib is a first-line option (TA1103).'
    """
    if not changes:
        return ""
    text = plain_text(changes[0])
    first = re.split(r"(?<=[.!?])\s+(?=[A-Z])", text, maxsplit=1)[0]
    if len(first) <= SHORT:
        return first
    return first[:SHORT].rsplit(" ", 1)[0].rstrip(",;:") + " …"


# ---------------------------------------------------------------------------------------
# The pages themselves, and what the manifest says of each


def facts(page: VersionPage) -> dict[str, str]:
    """Return what the manifest records of a version page: where the version stands."""
    s = page.standing
    said = {"standing": s.state, "released": _iso(s.released if s.record else None),
            "successor": s.successor, "superseded_on": _iso(s.superseded_on),
            "withdrawn_on": _iso(s.withdrawn.date if s.withdrawn else None),
            "withdrawn_because": s.withdrawn.reason if s.withdrawn else "",
            "summary": dict(page.summaries).get(s.version, "")}
    return {k: v for k, v in said.items() if v}


def _iso(day: datetime.date | None) -> str:
    return day.isoformat() if day else ""


def pages(found: list[VersionPage], entries: dict[str, dict[str, object]]) -> list[Output]:
    """Return the HTML of each version page, with the files ``entries`` (the manifest's)
    list of its version and of the current one."""
    by_slug: dict[str, list[VersionPage]] = {}
    for page in found:
        by_slug.setdefault(page.slug, []).append(page)
    outputs: list[Output] = []
    for page in found:
        html = _environment().get_template("version.html").render(
            css=Markup(PAGE_CSS), **context(page, by_slug[page.slug], entries))
        outputs.append(Described(page.name, html.encode("utf-8"), KIND, page.slug,
                              page.standing.version, page.spec, title=page.title,
                              status=page.status, review_due=page.review_due.isoformat(),
                              updated=_iso(page.standing.released),
                              extra=tuple(facts(page).items())))
    return outputs


@functools.cache
def _environment() -> Environment:
    return Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(),
                       keep_trailing_newline=True)


def _time(day: datetime.date | None) -> Markup:
    if day is None:
        return Markup("")
    return Markup('<time datetime="{}">{}</time>').format(day.isoformat(), long_date(day))


def context(page: VersionPage, siblings: list[VersionPage],
            entries: dict[str, dict[str, object]]) -> dict[str, Any]:
    """Return what the template of a version page is filled with."""
    s = page.standing
    current = next(p for p in siblings if p.standing.version == page.current)
    rows = version_history([{**facts(p), "file": p.name, "version": p.standing.version}
                            for p in siblings], current.title, "../../")
    for row in rows:
        row["current"] = row["version"] == s.version
    return {
        "page": page, "s": s, "what": "pack" if page.pack else "handout",
        "released": _time(s.released), "superseded_on": _time(s.superseded_on),
        "withdrawn_on": _time(s.withdrawn.date if s.withdrawn else None),
        "current": current, "current_released": _time(current.standing.released),
        "review_due": _time(page.review_due),
        "current_files": _files(current, entries),
        "own_files": _files(page, entries) if s.version != page.current else [],
        "recorded": bool(s.record and s.record.files),
        "download_page": f"../../index.html#{re.sub(r'[^A-Za-z0-9_-]', '-', page.slug)}",
        "rows": rows,
        "changelog": [{"version": c.version, "date": _time(c.date),
                       "said": [plain_text(text) for text in c.changes]}
                      for c in page.changelog],
    }


def _files(page: VersionPage, entries: dict[str, dict[str, object]]) -> list[dict[str, Any]]:
    """Return the links to the files of one version that the build folder holds, each
    marked, where the release record holds its SHA-256, as identical or rebuilt."""
    version = page.standing.version
    mine = [e for e in entries.values() if e.get("slug") == page.slug
            and e.get("version") == version and e.get("kind") != KIND]
    recorded = dict(page.standing.record.files) if page.standing.record else {}
    groups = file_groups(mine, page.title, version)
    for group in groups:
        for link in group["links"]:
            link["href"] = "../../" + link["href"]
            if recorded:
                link["mark"] = IDENTICAL if recorded.get(link["name"]) == link["sha256"] \
                    else REBUILT
    return groups
