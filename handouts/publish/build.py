"""Check and build: validate every requested spec, lay it out, then write what is valid.

One function serves `handouts check` (write nothing) and `handouts build`: both read
the whole project, check the release record and review dates, and typeset every
requested handout and the packs that hold them in every profile, which is where layout
problems are found. A build then writes the valid outputs, the manifest and the download
page together, so build/ is consistent whoever builds and whatever was asked for.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field, replace
from pathlib import Path

from handouts import __version__
from handouts.errors import HandoutsError, Location, Problem
from handouts.flowchart.store import Decisions
from handouts.layout.dates import is_overdue
from handouts.model.handout import Handout
from handouts.model.pack import Pack
from handouts.model.settings import is_placeholder
from handouts.publish.context import Build
from handouts.publish.deps import write_depfiles
from handouts.publish.outputs import Output, write_outputs
from handouts.publish.render_all import Work, render_all
from handouts.publish.site import write_site
from handouts.publish.versionpages import gather, pages
from handouts.render.kinds import statements, texts_of
from handouts.spec.files import display_path
from handouts.spec.project import Project, find_packs, find_specs
from handouts.spec.reading import DEFAULT_READING_AGE, Reading, prose, smog_grade
from handouts.spec.signoff import approval_problems
from handouts.versions.canonical import content_hash
from handouts.versions.release import read_lock, release_warnings, releases_problems


@dataclass(frozen=True)
class Request:
    """What to check or build, and how."""

    folder: Path = Path("specs")
    targets: tuple[Path, ...] = ()
    """Spec or pack files to build; none means every handout and pack of the folder."""
    profiles: tuple[str, ...] = ()
    """Editions to build; none means those of the settings."""
    jobs: int = 1
    strict: bool = False
    """A release: a handout past its review date or a placeholder address is an error."""
    out: Path | None = None
    """Where to write; None checks only."""
    depfiles: Path | None = None
    packs: bool = True
    """Also make the packs that hold the handouts asked for (the preview does not)."""
    downloads: bool = True
    """Also make each chart's downloads (the preview does not)."""
    unreleased_ok: bool = False
    """Say of an edit not yet released only as a warning: what the preview is for."""


@dataclass
class Report:
    """What a check or build found and did."""

    problems: list[Problem] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    built: list[str] = field(default_factory=list)
    """The spec and pack files whose outputs were made."""
    refused: list[str] = field(default_factory=list)
    """The requested files that could not be built."""
    notes: list[str] = field(default_factory=list)
    """What the check measured that is worth saying: each patient handout's reading age."""
    mended: list[str] = field(default_factory=list)
    """What the build mended in the build folder left by an interrupted build."""
    outputs: list[Output] = field(default_factory=list)
    """Every file made, in memory, whether or not it was written."""

    @property
    def errors(self) -> list[Problem]:
        """Return the problems that are not warnings."""
        return [p for p in self.problems if not p.warning]


@dataclass(frozen=True)
class Selection:
    """The handouts and packs a request makes, and the handouts it checks without making
    them on their own: those of the packs it makes, which must all be valid."""

    handouts: tuple[Handout, ...]
    packs: tuple[Pack, ...]
    members: tuple[Handout, ...] = ()
    named: tuple[Handout, ...] | None = None
    """The handouts asked for, or held by a pack asked for: their reading ages are said
    (None: every handout)."""

    @property
    def checked(self) -> list[Handout]:
        """Return every handout whose problems the request reports."""
        return list(dict.fromkeys([*self.handouts, *self.members]))


def run(request: Request, build: Build | None = None) -> Report:
    """Check (and, if ``request.out`` is set, build) the requested handouts and packs: the
    one pipeline of check, build, review and the preview.

    Every problem of every file asked for is reported, however early another is found:
    the spec's own (as far as it can be read), those across files, the publishing checks,
    the release record, and the layout of each edition.
    """
    build = build or Build.open(request.folder, request.out)
    project = build.project
    chosen = select(project, request)
    report = Report(problems=relevant(project, chosen, request.targets))
    readings, found = checks(build, chosen.checked, request.strict)
    report.notes += [note for note in readings if chosen.named is None
                     or any(note.startswith(f"{h.where.path}: ") for h in chosen.named)]
    report.problems += found
    checked = chosen.checked
    hashes = {h.slug: content_hash(h, project.bibliography) for h in checked}
    lock = releases_problems(checked, hashes, project.folder)
    report.problems += [replace(p, warning=True) for p in lock] if request.unreleased_ok \
        else lock
    failed = {p.location.path for p in report.errors}
    shared = bool(project.shared_errors()) or display_path(project.settings_path) in failed
    ready = {h.slug for h in checked if not shared and h.where.path not in failed}
    warned = release_warnings(project, [h for h in checked if h.slug in ready],
                              list(chosen.packs), request.strict)
    report.problems += warned
    refused = {p.location.path for p in warned if not p.warning}
    ready -= {h.slug for h in checked if h.where.path in refused}
    good = [h for h in chosen.handouts if h.slug in ready]
    hopeful = [(p, tuple(project.pack_handouts(p))) for p in chosen.packs
               if not shared and p.where.path not in refused
               and all(s in ready for s in p.handouts)]
    work = Work(build, tuple((h, hashes[h.slug]) for h in good), tuple(hopeful),
                request.profiles or build.settings.profiles, request.downloads)
    rendered = render_all(work, request.jobs)  # packs alongside their handouts, kept if
    outputs: list[Output] = []                 # those all build
    for handout, (made, found) in zip(good, rendered):
        outputs += made
        report.problems += found
        if made:
            report.built.append(handout.where.path)
    failed |= {p.location.path for p in report.errors}
    for (pack, members), (made, found) in zip(hopeful, rendered[len(good):]):
        if any(h.where.path in failed for h in members):
            continue  # one of its handouts failed: it says why, and the pack waits
        outputs += made
        report.problems += found
        if made:
            report.built.append(pack.where.path)
    asked = [display_path(t) for t in request.targets] or [
        display_path(p) for p in [*find_specs(project.folder), *find_packs(project.folder)]]
    asked += [p.where.path for p in chosen.packs]
    report.refused = [path for path in dict.fromkeys(asked) if path not in report.built]
    if report.refused and not report.errors:  # never "nothing built" without a reason
        report.problems += [Problem(Location(path), "was not built",
                                    "check it and the handouts it holds: handouts check "
                                    f"{path}") for path in report.refused]
    report.problems.sort()
    report.outputs = outputs
    if request.out is not None and outputs:
        write(request, build, outputs, report)
        build.layouts.store.keep()  # only now: a failed build leaves the build folder as it was
    return report


def write(request: Request, build: Build, outputs: list[Output], report: Report) -> None:
    """Write the outputs, the manifest and the download page; record make's dependencies."""
    assert request.out is not None
    built = set(report.built)
    project = build.project
    found = gather(project, [h for h in project.handouts if h.where.path in built],
                   [p for p in project.packs if p.where.path in built],
                   read_lock(project.folder), build.day)
    made: list[Output] = []

    def version_pages(entries: dict[str, dict[str, object]]) -> list[Output]:
        made.extend(pages(found, entries))  # each listing the files of its version
        return made

    publisher = project.settings.publisher
    report.mended += write_outputs(outputs, request.out, f"handouts {__version__}",
                                  then=write_site,  # the download page, in step
                                  late=version_pages,
                                  publisher={"name": publisher.name, "phone": publisher.phone,
                                             "other_formats": publisher.other_formats})
    report.written = [request.out / o.name for o in [*outputs, *made]]
    if request.depfiles is not None:
        write_depfiles(request.depfiles, project,
                       [h for h in project.handouts if h.where.path in built],
                       [p for p in project.packs if p.where.path in built], build.day)


def select(project: Project, request: Request) -> Selection:
    """Return the handouts and packs requested, and the packs that hold those handouts.

    A pack is rebuilt with any of its handouts, so that it never shows old content; a pack
    asked for by itself has its handouts checked too.
    """
    if not request.targets:
        return Selection(project.handouts, project.packs if request.packs else ())
    wanted = {display_path(t) for t in request.targets}
    handouts = tuple(h for h in project.handouts if h.where.path in wanted)
    packs = tuple(p for p in project.packs if p.where.path in wanted
                  or (request.packs and any(h.slug in p.handouts for h in handouts)))
    members = tuple(h for p in packs for h in project.pack_handouts(p))
    named = handouts + tuple(h for p in packs if p.where.path in wanted
                             for h in project.pack_handouts(p))
    return Selection(handouts, packs, members, named)


def relevant(project: Project, chosen: Selection, targets: tuple[Path, ...]) -> list[Problem]:
    """Return the project's problems in the requested files, the handouts of the packs
    requested (read or not), and the shared files."""
    if not targets:
        return list(project.problems)
    wanted = {display_path(t) for t in targets} | {h.where.path for h in chosen.checked}
    wanted |= {p.where.path for p in chosen.packs}
    named = {s for p in chosen.packs for s in p.handouts} | {
        s for t in targets for p in project.packs if p.where.path == display_path(t)
        for s in p.handouts}  # (a pack with errors of its own is not among chosen.packs)
    wanted |= {h.where.path for h in project.read if h.slug in named}
    wanted |= {p.where.path for p in project.read_packs
               if p.where.path in {display_path(t) for t in targets}}
    shared = {project.bibliography.path, display_path(project.settings_path)}
    problems = [p for p in project.problems
                if p.location.path in wanted or (p.location.path in shared and not p.warning)]
    known = {h.where.path for h in project.handouts} | {p.where.path for p in project.packs}
    known |= {p.location.path for p in project.problems}
    for target in targets:
        if display_path(target) not in known:
            problems.append(Problem(Location(display_path(target)),
                                    "not a spec or pack of this project",
                                    f"name files in {display_path(project.folder)}"))
    return problems


def checks(build: Build, handouts: list[Handout],
           strict: bool) -> tuple[list[str], list[Problem]]:
    """Return what is said of these handouts beyond their own files' problems: their reading
    ages (notes), and the review dates, reading levels, urgent number, publishing address
    and open items of approved handouts that fall short (problems; errors in a release)."""
    project = build.project
    notes, found = reading_levels(handouts, build.layouts.store)
    return notes, (review_problems(handouts, build.day, strict) + found
                   + urgent_problems(project, handouts, strict)
                   + settings_problems(project, strict)
                   + [p for h in handouts
                      for p in approval_problems(h, statements(h), project.bibliography,
                                                 strict)])


def reading_levels(handouts: list[Handout], kept: Decisions | None = None
                   ) -> tuple[list[str], list[Problem]]:
    """Measure the reading age of each patient handout: say it, and warn past its limit."""
    notes, problems = [], []
    for handout in handouts:
        if handout.audience != "patient":
            continue
        level = kept_reading(handout, kept)
        said = (f"reading age about {level.age:.0f} (SMOG grade {level.grade:.1f}); at most "
                f"{level.limit}")
        notes.append(f"{handout.where.path}: {handout.slug}: {said}")
        if level.too_hard:
            problems.append(Problem(
                handout.where.at("audience"), f"a patient handout needing a {said}",
                "use shorter sentences and everyday words (explain a medical word once, in "
                "plain words), or set reading_age: with the reason", warning=True))
    return notes, problems


def kept_reading(handout: Handout, kept: Decisions | None) -> Reading:
    """Return a handout's reading level, kept in the build folder by its words: a build
    whose patient handouts read as before loads no dictionary to measure them again."""
    text = prose(handout, texts_of)
    found = kept.get(("reading", text)) if kept is not None else None
    grade = found.get("grade") if isinstance(found, dict) else None
    if not isinstance(grade, (int, float)):
        grade = smog_grade(text)
        if kept is not None:
            kept.put(("reading", text), {"grade": grade})
    return Reading(float(grade), handout.reading_age or DEFAULT_READING_AGE)


def urgent_problems(project: Project, handouts: list[Handout], strict: bool) -> list[Problem]:
    """Say once that patient handouts leave the urgent number to be written in while the
    settings give none; in a release, refuse it."""
    if project.settings.publisher.urgent_phone or not any(
            h.audience == "patient" for h in handouts):
        return []
    where = project.settings.publisher.where.at("urgent_phone")
    if not where.path:
        where = Location(display_path(project.settings_path))
    return [Problem(where, "no urgent phone number: patient handouts print a line to write "
                           "the 24-hour number on", "set publisher.urgent_phone in "
                    "handouts.yaml to the line patients call", warning=not strict)]


def review_problems(handouts: list[Handout], day: datetime.date,
                    strict: bool) -> list[Problem]:
    """Warn of handouts past their review date; in a release, refuse them."""
    return [Problem(h.where.at("review_due"),
                    f"{h.slug} {h.version} was due for review on {h.review_due}: it prints as "
                    "REVIEW OVERDUE", "review the content, then release it with a new "
                    "review_due", warning=not strict)
            for h in handouts if is_overdue(h.review_due, day)]


def settings_problems(project: Project, strict: bool) -> list[Problem]:
    """Say once that a placeholder address prints no QR code; in a release, refuse it."""
    settings = project.settings
    where = settings.where.at("base_url") if settings.where.path else \
        Location(display_path(project.settings_path))
    if not is_placeholder(settings.base_url) or not (settings.base_url or strict):
        return []
    shown = settings.base_url or "none is set"
    return [Problem(where, f"the publishing address is a placeholder ({shown}): handouts print "
                           "no QR code or link to their latest version",
                    "set base_url in handouts.yaml to where build/ is published",
                    warning=not strict)]


def raise_if_nothing(report: Report) -> None:
    """Raise when nothing was requested at all (an empty specs folder)."""
    if not report.built and not report.refused and not report.problems:
        raise HandoutsError("no handouts to build: add a spec to the specs folder")

