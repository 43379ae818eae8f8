"""Read a project's specs and bibliography into validated data, all problems at once."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from handouts.errors import Location, Problem, SpecError
from handouts.model.content import Handout, Pack, Table
from handouts.spec.bibliography import FILE_NAME, Bibliography, load_bibliography
from handouts.spec.check import check_parts
from handouts.spec.convert import Converter, did_you_mean
from handouts.spec.walk import citations
from handouts.spec.yamltree import read_yaml
from handouts.versions.canonical import content_hash
from handouts.versions.release import is_overdue, releases_problems

PACK_FILE = "pack.yaml"
NOT_HANDOUTS = (FILE_NAME, PACK_FILE)


@dataclass(frozen=True)
class Project:
    """Valid handouts, the bibliography of each, the pack, and the warnings found on the way."""

    handouts: tuple[Handout, ...]
    bibliographies: dict[str, Bibliography]
    warnings: tuple[Problem, ...] = ()
    pack: Pack | None = None
    hashes: dict[str, str] = field(default_factory=dict)

    def pack_handouts(self) -> list[Handout]:
        """Return the handouts of the pack, in its order."""
        by_slug = {h.slug: h for h in self.handouts}
        return [by_slug[slug] for slug in self.pack.handouts] if self.pack else []

    def bibliography_of(self, handout: Handout) -> Bibliography:
        """Return the bibliography beside a handout's spec."""
        return self.bibliographies[str(Path(handout.where.path).parent)]


def display_path(path: Path) -> str:
    """Return ``path`` as an editor would type it: relative to the working folder."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(path) if relative.startswith("..") else relative


def load_handout(path: Path) -> Handout:
    """Read and validate one spec on its own; raise SpecError listing every problem in it."""
    display = display_path(path)
    tree, problems = read_yaml(path, display)
    converter = Converter(display)
    handout = converter.read(Handout, tree, "", {})
    problems += converter.problems + check_parts(converter.built)
    if problems:
        raise SpecError(problems)
    return handout


def load_project(paths: list[Path], complete: bool = False, strict: bool = False,
                 releasing: bool = False) -> Project:
    """Read specs and their bibliographies; raise one SpecError with every error.

    ``complete`` says the specs are all the folder's, so a reference none of them
    cites is worth a warning. ``strict`` makes a handout past its review date an
    error rather than a warning. ``releasing`` leaves out the check that released
    content is unchanged, which a release is there to resolve.
    """
    handouts: list[Handout] = []
    problems: list[Problem] = []
    for path in paths:
        try:
            handouts.append(load_handout(path))
        except SpecError as exc:
            problems += exc.problems
    bibliographies: dict[str, Bibliography] = {}
    for folder in dict.fromkeys(Path(display_path(p)).parent for p in paths):
        bibliography, found = _bibliography(folder)
        bibliographies[str(folder)] = bibliography
        problems += found
    problems += _check_slugs(handouts)
    problems += _check_drug_entries(handouts)
    for handout in handouts:
        problems += _check_citations(handout, bibliographies[str(Path(handout.where.path).parent)])
    pack = None
    folders = {Path(display_path(p)).parent for p in paths}
    if complete and len(folders) == 1:
        pack, found = _pack(folders.pop(), handouts)
        problems += found
    if complete and not any(not p.warning for p in problems):
        problems += _unused_references(handouts, bibliographies)
    hashes: dict[str, str] = {}
    if not any(not p.warning for p in problems):
        hashes = {h.slug: content_hash(h, bibliographies[str(Path(h.where.path).parent)])
                  for h in handouts}
        for folder in [] if releasing else dict.fromkeys(Path(h.where.path).parent
                                                         for h in handouts):
            problems += releases_problems(
                [h for h in handouts if Path(h.where.path).parent == folder], hashes, folder)
        problems += [_overdue(h, strict) for h in handouts if is_overdue(h)]
    errors = [p for p in problems if not p.warning]
    if errors:
        raise SpecError(errors)
    return Project(tuple(handouts), bibliographies, tuple(sorted(problems)), pack, hashes)


def _overdue(handout: Handout, strict: bool) -> Problem:
    return Problem(handout.where.at("review_due"),
                   f"{handout.slug} {handout.version} was due for review on "
                   f"{handout.review_due}: it prints as REVIEW OVERDUE",
                   "review the content, then release it with a new review_due",
                   warning=not strict)


def _pack(folder: Path, handouts: list[Handout]) -> tuple[Pack | None, list[Problem]]:
    """Read the folder's pack.yaml, if any, and check the handouts it names."""
    path = folder / PACK_FILE
    if not path.exists():
        return None, []
    display = display_path(path)
    try:
        tree, problems = read_yaml(path, display)
    except SpecError as exc:
        return None, exc.problems
    converter = Converter(display)
    pack = converter.read(Pack, tree, "", {})
    problems += converter.problems
    if problems:
        return None, problems
    slugs = [h.slug for h in handouts]
    for i, slug in enumerate(pack.handouts):
        if slug not in slugs:
            problems.append(Problem(pack.where.at(f"handouts[{i}]"),
                                    f"unknown handout {slug!r}" + did_you_mean(slug, slugs),
                                    "name the slug of a spec in this folder"))
    problems += [Problem(pack.where.at("handouts"), f"handout {slug!r} is not in the pack",
                         "add it to handouts, or leave it out on purpose", warning=True)
                 for slug in slugs if slug not in pack.handouts]
    return pack, problems


def _bibliography(folder: Path) -> tuple[Bibliography, list[Problem]]:
    path = folder / FILE_NAME
    if not path.exists():
        return Bibliography(display_path(path)), []
    if not path.resolve().is_relative_to(folder.resolve()):
        return Bibliography(display_path(path)), [Problem(
            Location(display_path(path)), "the bibliography is a link to a file outside the "
            "specs folder", "keep references.yaml itself in the specs folder")]
    try:
        return load_bibliography(path, display_path(path))
    except SpecError as exc:
        return Bibliography(display_path(path)), exc.problems


def _check_slugs(handouts: list[Handout]) -> list[Problem]:
    problems: list[Problem] = []
    slugs: dict[str, Handout] = {}
    for handout in handouts:
        first = slugs.setdefault(handout.slug, handout)
        if first is not handout:
            problems.append(Problem(
                handout.where.at("slug"),
                f"slug {handout.slug!r} is already used by {first.where.path}",
                "give each handout its own slug",
            ))
    return problems


def drug_name(text: str) -> str:
    """Return the generic name a label or table cell starts with, for matching.

    >>> drug_name("Alectinib (Alecensa)")
    'alectinib'
    """
    words = text.split()
    return words[0].strip(",.:;()").lower() if words else ""


def _check_drug_entries(handouts: list[Handout]) -> list[Problem]:
    """Check that each drug on a flowchart has a row in the project's drug table.

    The check applies once some spec declares a table with ``index: drugs``.
    """
    tables = [(h, t) for h in handouts for t in tables_of(h) if t.index == "drugs"]
    if not tables:
        return []
    drugs = {drug_name(row[0]) for _, table in tables for row in table.rows if row}
    home = tables[0][0].where.path
    return [
        Problem(node.where.at("label"), f"{node.label!r} has no side-effect entry",
                f"add a row for it to the drug table in {home}")
        for handout in handouts if handout.flowchart
        for node in handout.flowchart.nodes
        if node.kind == "treatment" and drug_name(node.label) not in drugs
    ]


def tables_of(handout: Handout) -> list[Table]:
    """Return every table in a handout's sections."""
    return [block.table for section in handout.sections for block in section.blocks
            if block.table is not None]


def _check_citations(handout: Handout, bibliography: Bibliography) -> list[Problem]:
    known = bibliography.keys()
    return [
        Problem(location, f"unknown reference {key!r}" + did_you_mean(key, known),
                f"add it to {bibliography.path}, or correct the id")
        for key, location in citations(handout)
        if key not in known
    ]


def _unused_references(handouts: list[Handout],
                       bibliographies: dict[str, Bibliography]) -> list[Problem]:
    cited = {key for handout in handouts for key, _ in citations(handout)}
    return [
        Problem(reference.location, f"reference {reference.key!r} is not cited by any handout",
                "cite it, or remove it if it is no longer needed", warning=True)
        for bibliography in bibliographies.values()
        for reference in bibliography.references
        if reference.key not in cited
    ]


def find_specs(folder: Path) -> list[Path]:
    """Return the handout specs in ``folder`` (not its bibliography), in name order."""
    if not folder.is_dir():
        raise SpecError([Problem(Location(display_path(folder)), "no such folder",
                                 "run handouts from the project folder, or name the specs")])
    return sorted(p for p in folder.glob("*.yaml") if p.name not in NOT_HANDOUTS)
