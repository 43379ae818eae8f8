"""Read spec files into validated handouts: load, convert, check, all problems at once."""

from __future__ import annotations

import os
from pathlib import Path

from .check import check_parts
from .convert import Converter
from .errors import Location, Problem, SpecError
from .load import read_yaml
from .model import Handout


def display_path(path: Path) -> str:
    """Return ``path`` as an editor would type it: relative to the working folder."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(path) if relative.startswith("..") else relative


def load_handout(path: Path) -> Handout:
    """Read and validate one spec; raise SpecError listing every problem in it."""
    display = display_path(path)
    tree, problems = read_yaml(path, display)
    converter = Converter(display)
    handout = converter.read(Handout, tree, "", {})
    problems += converter.problems + check_parts(converter.built)
    if problems:
        raise SpecError(problems)
    return handout


def load_handouts(paths: list[Path]) -> list[Handout]:
    """Read every spec; raise one SpecError with the problems of all of them."""
    handouts: list[Handout] = []
    problems: list[Problem] = []
    for path in paths:
        try:
            handouts.append(load_handout(path))
        except SpecError as exc:
            problems += exc.problems
    slugs: dict[str, Handout] = {}
    for handout in handouts:
        first = slugs.setdefault(handout.slug, handout)
        if first is not handout:
            problems.append(Problem(
                handout.where.at("slug"),
                f"slug {handout.slug!r} is already used by {first.where.path}",
                "give each handout its own slug",
            ))
    if problems:
        raise SpecError(problems)
    return handouts


def find_specs(folder: Path) -> list[Path]:
    """Return the handout specs in ``folder``, in name order."""
    if not folder.is_dir():
        raise SpecError([Problem(Location(display_path(folder)), "no such folder",
                                 "run handouts from the project folder, or name the specs")])
    return sorted(folder.glob("*.yaml"))
