"""Read a project: its settings, bibliography, handouts and packs, every problem at once.

A project is a specs folder (handouts, references.yaml, packs/) beside handouts.yaml.
Each file is read on its own, so one bad spec leaves the others usable; problems that
span files (a pack naming a handout, a chart's drug missing from its pack's drug index)
are reported at the place to fix them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from handouts.errors import HandoutsError, Location, Problem, SpecError
from handouts.model.handout import Handout, Table
from handouts.model.pack import Pack
from handouts.model.settings import Settings, reference_problem
from handouts.model.urls import url_problem
from handouts.spec.bibliography import FILE_NAME, Bibliography, load_bibliography
from handouts.spec.convert import did_you_mean
from handouts.spec.files import Reads, display_path, has_errors, load, read_file
from handouts.spec.logo import logo_problem
from handouts.spec.markup import Cite
from handouts.spec.sources import cites

SETTINGS_FILE = "handouts.yaml"
PACKS = "packs"


@dataclass(frozen=True)
class Project:
    """Everything read from a project, and every problem found in it."""

    folder: Path
    settings: Settings
    bibliography: Bibliography
    handouts: tuple[Handout, ...]
    """The handouts that were read without errors, in file-name order."""
    packs: tuple[Pack, ...]
    problems: tuple[Problem, ...]
    read: tuple[Handout, ...] = ()
    """Every handout that could be read, with errors or not (a part written wrongly read as
    a stand-in): what other files refer to, and the checks across files, see these."""
    read_packs: tuple[Pack, ...] = ()
    """Every pack that could be read, with errors or not."""

    @property
    def settings_path(self) -> Path:
        """Return where the project's settings are (or would be) written."""
        return self.folder.parent / SETTINGS_FILE

    def errors_in(self, path: str) -> list[Problem]:
        """Return the errors (not warnings) located in one file."""
        return [p for p in self.problems if not p.warning and p.location.path == path]

    def shared_errors(self) -> list[Problem]:
        """Return the errors in files every handout depends on: settings, bibliography."""
        shared = {self.bibliography.path, display_path(self.settings_path)}
        return [p for p in self.problems if not p.warning and p.location.path in shared]

    def buildable(self, handout: Handout) -> bool:
        """Tell whether a handout can be built: neither it nor a shared file has errors."""
        return not self.errors_in(handout.where.path) and not self.shared_errors()

    def handout(self, slug: str) -> Handout | None:
        """Return the handout with ``slug``, if it was read."""
        return next((h for h in self.handouts if h.slug == slug), None)

    def spec_of(self, slug: str) -> Path:
        """Return the spec file of the handout ``slug``, read with errors or not; say if
        there is none."""
        found = next((h for h in self.read if h.slug == slug), None)
        if found is None:
            mine = [p for p in self.problems if Path(p.location.path).stem == slug]
            if mine:
                return Path(mine[0].location.path)
            slugs = [h.slug for h in self.read]
            raise HandoutsError(f"no handout {slug!r}" + did_you_mean(slug, slugs))
        return Path(found.where.path)

    def valid_handout(self, slug: str) -> Handout:
        """Return the handout with ``slug``; raise its errors, or say it does not exist."""
        handout = self.handout(slug)
        if handout is None:
            mine = [p for p in self.problems
                    if not p.warning and Path(p.location.path).stem == slug]
            if mine:
                raise SpecError(mine)
            slugs = [h.slug for h in self.handouts]
            raise HandoutsError(f"no handout {slug!r}" + did_you_mean(slug, slugs))
        if self.shared_errors() or self.errors_in(handout.where.path):
            raise SpecError(self.shared_errors() + self.errors_in(handout.where.path))
        return handout

    def pack_handouts(self, pack: Pack) -> list[Handout]:
        """Return the handouts of a pack, in its order."""
        return [h for h in map(self.handout, pack.handouts) if h is not None]

    def packs_of(self, handout: Handout) -> list[Pack]:
        """Return the packs that hold a handout."""
        return [pack for pack in self.packs if handout.slug in pack.handouts]


def find_specs(folder: Path) -> list[Path]:
    """Return the handout specs in ``folder`` (not its bibliography), in name order."""
    return sorted(p for p in folder.glob("*.yaml") if p.name != FILE_NAME)


def find_packs(folder: Path) -> list[Path]:
    """Return the pack definitions in ``folder``/packs, in name order."""
    return sorted((folder / PACKS).glob("*.yaml"))


BlockChecks = Callable[[Handout], list[Problem]]
"""The checks of each block of a handout, by its kind (handouts.render.kinds declares them)."""


def load_project(folder: Path, reads: Reads | None = None,
                 blocks: BlockChecks | None = None) -> Project:
    """Read every file of the project whose specs are in ``folder`` (given ``reads``, only
    those that changed since its last reading), checking each block by its kind's checks
    (``blocks``; none, as a reading of history needs, checks none)."""
    reads = reads or Reads()
    try:
        return _load_project(folder, reads, blocks or (lambda handout: []))
    finally:
        reads.done()


def _load_project(folder: Path, reads: Reads, blocks: BlockChecks) -> Project:
    problems: list[Problem] = []
    if not folder.is_dir():
        return Project(folder, Settings(), Bibliography(display_path(folder / FILE_NAME)), (),
                       (), (Problem(Location(display_path(folder)), "no such folder",
                                    "run handouts from the project folder, or name the specs "
                                    "folder"),))
    settings, found = _settings(folder.parent / SETTINGS_FILE, reads)
    problems += found
    bibliography, found = reads.get(folder / FILE_NAME, Bibliography,
                                    lambda p: _bibliography(folder))
    problems += found
    handouts: list[Handout] = []
    cited: list[Cited] = []
    for path in find_specs(folder):
        handout, found, said = reads.get(path, Handout,
                                         lambda p: _read_handout(p, folder, blocks))
        problems += found
        if handout is not None:
            handouts.append(handout)
            cited.append(said)
    problems += _check_slugs(handouts)
    if bibliography.references or not has_errors(found_in(problems, bibliography.path)):
        for said in cited:  # (a bibliography that could not be read at all: no ids)
            problems += _check_citations(said, bibliography)
        problems += _unused_references(cited, bibliography)
    packs: list[Pack] = []
    for path in find_packs(folder):
        pack, found = reads.get(path, Pack, lambda p: read_file(p, Pack, folder))
        found = list(found)
        if pack is not None:
            found += _check_pack(pack, handouts)
            packs.append(pack)
        problems += found
    invalid = {p.location.path for p in problems if not p.warning}
    return Project(folder, settings, bibliography,
                   tuple(h for h in handouts if h.where.path not in invalid),
                   tuple(p for p in packs if p.where.path not in invalid),
                   tuple(sorted(set(problems))), tuple(handouts), tuple(packs))


def found_in(problems: list[Problem], path: str) -> list[Problem]:
    """Return the problems located in one file."""
    return [p for p in problems if p.location.path == path]


def _settings(path: Path, reads: Reads) -> tuple[Settings, list[Problem]]:
    """Read the settings; an address, logo or reference scheme that is not allowed is a
    problem located in handouts.yaml, and is left out of the settings returned."""
    if not path.exists() and not path.is_symlink():
        return Settings(), []
    settings, problems = reads.get(path, Settings, lambda p: read_file(p, Settings, p.parent))
    problems = list(problems)
    if settings is None or has_errors(problems):
        return Settings(), problems
    publisher = settings.publisher
    wrong = url_problem(settings.base_url) if settings.base_url else None
    if wrong:
        problems.append(Problem(settings.where.at("base_url"), *wrong))  # and never linked
    if publisher.logo:  # a logo is found beside handouts.yaml; the renderer gets its path
        logo = path.parent / publisher.logo
        wrong = logo_problem(logo, publisher.logo, path.parent) if logo.exists() or \
            logo.is_symlink() else (f"no logo file {publisher.logo!r} beside "
                                    f"{display_path(path)}",
                                    "check the name, relative to handouts.yaml")
        if wrong:
            problems.append(Problem(publisher.where.at("logo"), *wrong))
            publisher = replace(publisher, logo="")
        else:
            publisher = replace(publisher, logo=str(logo.resolve()))
    wrong_scheme = reference_problem(publisher.reference)
    if wrong_scheme:
        problems.append(Problem(publisher.where.at("reference"),
                                f"the leaflet reference {publisher.reference!r} {wrong_scheme}",
                                "use only {slug}, {version} and {major}, with nothing inside "
                                "the braces but the name, e.g. LUNG-{slug}-{major}"))
        publisher = replace(publisher, reference="")
    return replace(settings, publisher=publisher), problems


def _bibliography(folder: Path) -> tuple[Bibliography, list[Problem]]:
    path = folder / FILE_NAME
    if not path.exists() and not path.is_symlink():
        return Bibliography(display_path(path)), []
    try:
        return load_bibliography(path, display_path(path), folder)
    except SpecError as exc:
        return Bibliography(display_path(path)), exc.problems


def _check_slugs(handouts: list[Handout]) -> list[Problem]:
    problems: list[Problem] = []
    slugs: dict[str, Handout] = {}
    for handout in (h for h in handouts if h.where.sound("slug")):
        first = slugs.setdefault(handout.slug, handout)
        if first is not handout:
            problems.append(Problem(handout.where.at("slug"),
                                    f"slug {handout.slug!r} is already used by {first.where.path}",
                                    "give each handout its own slug"))
    return problems


def drug_name(text: str) -> str:
    """Return the generic name a label or table cell starts with, for matching.

    >>> drug_name("Alectinib (Alecensa)")
    'alectinib'
    """
    words = text.split()
    return words[0].strip(",.:;()").lower() if words else ""


def tables_of(handout: Handout) -> list[Table]:
    """Return every table in a handout's sections."""
    return [block.table for section in handout.sections for block in section.blocks
            if block.table is not None]


def _check_pack(pack: Pack, handouts: list[Handout]) -> list[Problem]:
    """Check the handouts a pack names, and the medicines on their charts (boxes marked
    drug: true) against its drug index."""
    by_slug = {h.slug: h for h in handouts if h.where.sound("slug")}
    problems = [Problem(pack.where.at(f"handouts[{i}]"),
                        f"unknown handout {slug!r}" + did_you_mean(slug, by_slug),
                        "name the slug of a valid spec in the specs folder")
                for i, slug in enumerate(pack.handouts) if slug not in by_slug]
    if not pack.drug_index or not pack.where.sound("drug_index"):
        return problems
    index = by_slug.get(pack.drug_index)
    tables = [t for t in tables_of(index) if t.index == "drugs"] if index else []
    if any(not t.where.sound("rows") for t in tables):
        return problems  # its rows are already reported: which drugs it lists is not known
    if not tables:
        return problems + [Problem(pack.where.at("drug_index"),
                                   f"{pack.drug_index!r} is not a handout with an "
                                   "'index: drugs' table", "name the handout whose table lists "
                                   "each drug, or remove drug_index")]
    drugs = {drug_name(row[0]) for table in tables for row in table.rows if row}
    home = f"{index.where.path}, the drug index of pack {pack.slug}"  # type: ignore[union-attr]
    return problems + [
        Problem(node.where.at("label"), f"{node.label!r} has no side-effect entry",
                f"add a row for it to the drug table in {home}; or, if the table does not "
                "cover it, remove its drug: true")
        for handout in (by_slug[s] for s in pack.handouts if s in by_slug)
        for chart in handout.charts for node in chart.nodes
        if node.drug and drug_name(node.label) not in drugs
        and node.where.sound("label", "drug")
    ]


Cited = tuple[tuple[Cite, Location], ...]
"""Every citation a handout makes, with where it makes it."""


def _read_handout(path: Path, folder: Path,
                  blocks: BlockChecks) -> tuple[Handout | None, list[Problem], Cited]:
    """Read a handout spec and check its blocks, and find its citations, once as long as
    the file is unchanged."""
    handout, problems = read_file(path, Handout, folder)
    if handout is None:
        return None, problems, ()
    return handout, problems + blocks(handout), tuple(cites(handout))


def _check_citations(said: Cited, bibliography: Bibliography) -> list[Problem]:
    known = bibliography.keys()
    ids = set(known)
    unknown = [(cite, where) for cite, where in said if cite.key not in ids]
    return [
        Problem(location, f"unknown reference {cite.key!r}" + did_you_mean(cite.key, known),
                f"add it to {bibliography.path}, or correct the id")
        for cite, location in unknown
    ]


def _unused_references(said: list[Cited], bibliography: Bibliography) -> list[Problem]:
    cited = {cite.key for citations in said for cite, _ in citations}
    return [
        Problem(reference.location, f"reference {reference.key!r} is not cited by any handout",
                "cite it, or remove it if it is no longer needed", warning=True)
        for reference in bibliography.references
        if reference.key not in cited
    ]


def load_handout(path: Path) -> Handout:
    """Read one spec on its own; raise SpecError listing every problem in it."""
    return load(path, Handout)
