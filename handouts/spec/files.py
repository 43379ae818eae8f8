"""Read one YAML file of the project into a model object, with every problem in it."""

from __future__ import annotations

import os
from collections.abc import Callable
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
    """Read ``path`` as a ``cls``; return it and every problem found in it.

    The object is read as far as it can be: a part written wrongly is a stand-in, marked in
    its ``where.damaged``, so that checks of the rest still run; it is None only when the
    file cannot be read as a mapping at all. A file with errors must not be built.
    Given ``root``, a link leading out of that folder is refused before it is read.
    """
    display = display_path(path)
    try:
        tree, problems = read_yaml(path, display, root)
    except SpecError as exc:
        return None, exc.problems
    converter = Converter(display)
    obj: Any = converter.read_file(cls, tree)
    problems += converter.problems + check_parts(converter.built)
    return obj, problems


class Reads:
    """What reading each file of a project gave, kept by the file's name, size, inode and
    modification time: a file that has not changed since is not read again (the preview's
    watcher sees a save by the same signs). Only the files of the latest reading are kept."""

    def __init__(self) -> None:
        self._last: dict[tuple[object, ...], Any] = {}
        self._now: dict[tuple[object, ...], Any] = {}

    def get(self, path: Path, what: object, read: Callable[[Path], T]) -> T:
        """Return what ``read(path)`` gives for ``path`` read as ``what``, read again only if
        the file changed."""
        try:
            info = os.stat(path)
        except OSError:
            return read(path)  # missing, or unreadable: said by reading it
        key = (display_path(path), what, info.st_ino, info.st_size, info.st_mtime_ns)
        found = self._now.get(key, self._last.get(key, _UNREAD))
        if found is _UNREAD:
            found = read(path)
        self._now[key] = found
        return found  # type: ignore[no-any-return]

    def done(self) -> None:
        """End a reading of the project: forget the files it did not read."""
        self._last, self._now = self._now, {}


_UNREAD = object()


def has_errors(problems: list[Problem]) -> bool:
    """Tell whether any of ``problems`` is an error, not a warning."""
    return any(not p.warning for p in problems)


def load(path: Path, cls: type[T]) -> T:
    """Read ``path`` as a ``cls``; raise SpecError listing every problem if it has errors."""
    obj, problems = read_file(path, cls)
    if obj is None or has_errors(problems):
        raise SpecError(problems)
    return obj
