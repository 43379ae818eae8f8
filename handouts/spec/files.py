"""Read one YAML file of the project into a model object, with every problem in it."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, TypeVar

from handouts.errors import Problem, SpecError
from handouts.spec.check import check_parts
from handouts.spec.convert import Converter
from handouts.spec.yamltree import read_yaml

T = TypeVar("T")


def display_path(path: Path) -> str:
    """Return ``path`` as an editor would type it: relative to the working folder."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(path) if relative.startswith("..") else relative


def read_file(path: Path, cls: type[T], root: Path | None = None) -> tuple[T | None,
                                                                          list[Problem]]:
    """Read ``path`` as a ``cls``; return it (None if it has errors) and its problems.

    Given ``root``, a link leading out of that folder is refused before it is read.
    """
    display = display_path(path)
    try:
        tree, problems = read_yaml(path, display, root)
    except SpecError as exc:
        return None, exc.problems
    converter = Converter(display)
    obj: Any = converter.read(cls, tree, "", {})
    problems += converter.problems + check_parts(converter.built)
    if any(not p.warning for p in problems):
        return None, problems
    return obj, problems


def load(path: Path, cls: type[T]) -> T:
    """Read ``path`` as a ``cls``; raise SpecError listing every problem if it has errors."""
    obj, problems = read_file(path, cls)
    if obj is None:
        raise SpecError(problems)
    return obj
