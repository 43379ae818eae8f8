"""Check and build: validate every requested spec, lay it out, then write what is valid.

One function serves `handouts check` (write nothing) and `handouts build`: both read
the whole project, check the release record and review dates, and typeset every
requested handout and the packs that hold them in every profile, which is where layout
problems are found. A build then writes the valid outputs, the manifest and the download
page together, so build/ is consistent whoever builds and whatever was asked for.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from handouts import __version__
from handouts.errors import HandoutsError, Location, Problem
from handouts.flowchart.engine import ChartLayouts
from handouts.flowchart.store import Decisions
from handouts.layout.dates import is_overdue
from handouts.model.handout import Handout
from handouts.model.pack import Pack
from handouts.model.settings import is_placeholder
from handouts.publish.deps import write_depfiles
from handouts.publish.outputs import Output, write_outputs
from handouts.publish.render_all import Job, render_all
from handouts.publish.site import write_site
from handouts.publish.versionpages import gather, pages
from handouts.spec.clock import today
from handouts.spec.files import display_path
from handouts.spec.project import Project, find_packs, find_specs, load_project
from handouts.spec.reading import reading
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

    @property
    def errors(self) -> list[Problem]:
        """Return the problems that are not warnings."""
        return [p for p in self.problems if not p.warning]


def run(request: Request) -> Report:
    """Check (and, if ``request.out`` is set, build) the requested handouts and packs."""
    project = load_project(request.folder)
    handouts, packs = select(project, request.targets)
    report = Report(problems=relevant(project, handouts, packs, request.targets))
    day = today()
    readings, found = checks(project, handouts, day, request.strict)
    report.notes += readings
    report.problems += found
    failed = {p.location.path for p in report.errors}
    shared = bool(project.shared_errors()) or any(
        p.location.path == display_path(project.settings_path) for p in report.errors)
    good = [h for h in handouts if not shared and h.where.path not in failed]
    hashes = {h.slug: content_hash(h, project.bibliography) for h in good}
    lock = releases_problems(good, hashes, project.folder)
    lock += release_warnings(project, good, packs, request.strict)
    report.problems += lock
    refused = {p.location.path for p in lock if not p.warning}
    good = [h for h in good if h.where.path not in refused]
    packs = [p for p in packs if p.where.path not in refused]
    job = Job(project.bibliography, project.settings,
              request.profiles or project.settings.profiles, day)
    outputs: list[Output] = []
    layouts = ChartLayouts(store=chart_decisions(request))  # each chart once a build
    valid = {h.slug for h in good}
    tried = {h.slug for h in handouts}
    hopeful = [(p, project.pack_handouts(p)) for p in packs
               if not shared and all(s in valid or (s not in tried and
                                                    _valid_elsewhere(project, s, request.targets))
                                     for s in p.handouts)]
    rendered = render_all([(h, hashes[h.slug]) for h in good], hopeful, job, request.jobs,
                          layouts)  # packs alongside their handouts, kept if those all build
    for handout, (made, found) in zip(good, rendered):
        outputs += made
        report.problems += found
        if made:
            report.built.append(handout.where.path)
    done = {h.slug for h in good if h.where.path in report.built}
    for (pack, members), (made, found) in zip(hopeful, rendered[len(good):]):
        if any(h.slug in tried and h.slug not in done for h in members):
            continue  # one of its handouts failed: it says why, and the pack waits
        outputs += made
        report.problems += found
        if made:
            report.built.append(pack.where.path)
    asked = [display_path(t) for t in request.targets] or [
        display_path(p) for p in [*find_specs(project.folder), *find_packs(project.folder)]]
    asked += [p.where.path for p in packs]
    report.refused = [path for path in dict.fromkeys(asked) if path not in report.built]
    report.problems.sort()
    if request.out is not None and outputs:
        write(request, project, outputs, report, day)
        layouts.store.keep()  # only now: a failed build leaves the build folder as it was
    return report


def write(request: Request, project: Project, outputs: list[Output], report: Report,
          day: object) -> None:
    """Write the outputs, the manifest and the download page; record make's dependencies."""
    assert request.out is not None
    built = set(report.built)
    found = gather(project, [h for h in project.handouts if h.where.path in built],
                   [p for p in project.packs if p.where.path in built],
                   read_lock(project.folder), day)  # type: ignore[arg-type]
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
                       [p for p in project.packs if p.where.path in built], day)  # type: ignore[arg-type]


def select(project: Project, targets: tuple[Path, ...]) -> tuple[list[Handout], list[Pack]]:
    """Return the handouts and packs requested, and the packs that hold those handouts.

    A pack is rebuilt with any of its handouts, so that it never shows old content.
    """
    if not targets:
        return list(project.handouts), list(project.packs)
    wanted = {display_path(t) for t in targets}
    handouts = [h for h in project.handouts if h.where.path in wanted]
    packs = [p for p in project.packs if p.where.path in wanted
             or any(h.slug in p.handouts for h in handouts)]
    return handouts, packs


def relevant(project: Project, handouts: list[Handout], packs: list[Pack],
             targets: tuple[Path, ...]) -> list[Problem]:
    """Return the project's problems in the requested files and in the shared ones."""
    if not targets:
        return list(project.problems)
    wanted = {display_path(t) for t in targets} | {h.where.path for h in handouts}
    wanted |= {p.where.path for p in packs}
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


def _valid_elsewhere(project: Project, slug: str, targets: tuple[Path, ...]) -> bool:
    """Tell whether a pack's handout that was not rendered now is valid as it stands."""
    handout = project.handout(slug)
    return bool(targets) and handout is not None and project.buildable(handout)


def checks(project: Project, handouts: list[Handout], day: object,
           strict: bool) -> tuple[list[str], list[Problem]]:
    """Return what is said of these handouts beyond their own files' problems: their reading
    ages (notes), and the review dates, reading levels, urgent number, publishing address
    and open items of approved handouts that fall short (problems; errors in a release)."""
    notes, found = reading_levels(handouts)
    return notes, (review_problems(handouts, day, strict) + found
                   + urgent_problems(project, handouts, strict)
                   + settings_problems(project, strict)
                   + [p for h in handouts
                      for p in approval_problems(h, project.bibliography, strict)])


def reading_levels(handouts: list[Handout]) -> tuple[list[str], list[Problem]]:
    """Measure the reading age of each patient handout: say it, and warn past its limit."""
    notes, problems = [], []
    for handout in handouts:
        if handout.audience != "patient":
            continue
        level = reading(handout)
        said = (f"reading age about {level.age:.0f} (SMOG grade {level.grade:.1f}); at most "
                f"{level.limit}")
        notes.append(f"{handout.where.path}: {handout.slug}: {said}")
        if level.too_hard:
            problems.append(Problem(
                handout.where.at("audience"), f"a patient handout needing a {said}",
                "use shorter sentences and everyday words (explain a medical word once, in "
                "plain words), or set reading_age: with the reason", warning=True))
    return notes, problems


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


def review_problems(handouts: list[Handout], day: object, strict: bool) -> list[Problem]:
    """Warn of handouts past their review date; in a release, refuse them."""
    return [Problem(h.where.at("review_due"),
                    f"{h.slug} {h.version} was due for review on {h.review_due}: it prints as "
                    "REVIEW OVERDUE", "review the content, then release it with a new "
                    "review_due", warning=not strict)
            for h in handouts if is_overdue(h.review_due, day)]  # type: ignore[arg-type]


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


CHART_DECISIONS = Path(".cache") / "charts"
"""Under the build folder: the chart engine's decisions, kept by content (see
handouts.flowchart.store), so that a build whose charts did not change skips their search."""


def chart_decisions(request: Request) -> Decisions:
    """Return where this run keeps chart decisions: the build folder's cache, which a check
    reads but does not write."""
    folder = request.out if request.out is not None else request.folder.parent / "build"
    return Decisions(folder / CHART_DECISIONS, write=request.out is not None)
