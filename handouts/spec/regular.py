"""Read a project's input files safely: regular files inside the project, bounded in size.

Every input (spec, pack, bibliography, settings, logo, release record) is read here, so no
input can hang a build (a FIFO waits for a writer forever), exhaust memory (a link to
/dev/zero never ends) or be read from outside the project through a symbolic link. Each
check comes before the file's content is read: a refused file is never parsed or quoted.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from handouts.errors import Location, Problem, SpecError

_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | \
    getattr(os, "O_CLOEXEC", 0)
"""Opening never waits: a FIFO swapped in after the check cannot block the open."""


def read_regular(path: Path, display: str, limit: int, root: Path | None = None) -> bytes:
    """Return the bytes of ``path``, a regular file of at most ``limit`` bytes.

    Raise SpecError, located at ``display``, if the file is missing or unreadable, is not a
    regular file (a folder, FIFO, device or socket), is larger than ``limit``, or (given
    ``root``) is a link that leads outside ``root``.
    """
    problem = outside(path, display, root) if root is not None else None
    if problem is not None:
        raise SpecError([problem])
    try:
        _check(os.stat(path), display, limit)
        fd = os.open(path, _FLAGS)
    except OSError as exc:
        raise _unreadable(display, exc) from None
    try:
        _check(os.fstat(fd), display, limit)  # the file opened is the one checked
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        raise _unreadable(display, exc) from None
    finally:
        os.close(fd)
    if size > limit:  # it grew while being read
        raise SpecError([_too_large(display, limit)])
    return b"".join(chunks)


def outside(path: Path, display: str, root: Path) -> Problem | None:
    """Return a problem if ``path`` is a link that leads outside the folder ``root``."""
    try:
        inside = path.resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError):  # a loop of links
        inside = False
    if inside:
        return None
    return Problem(Location(display), "this file is a link to a file outside the project",
                   "keep the file itself in the project's folder")


def _check(info: os.stat_result, display: str, limit: int) -> None:
    if not stat.S_ISREG(info.st_mode):
        kind = ("a folder" if stat.S_ISDIR(info.st_mode) else
                "a named pipe (FIFO)" if stat.S_ISFIFO(info.st_mode) else
                "a socket" if stat.S_ISSOCK(info.st_mode) else "a device")
        raise SpecError([Problem(Location(display), f"this is {kind}, not a file",
                                 "give a regular file saved by an editor")])
    if info.st_size > limit:
        raise SpecError([_too_large(display, limit)])


def _too_large(display: str, limit: int) -> Problem:
    size = f"{limit / 1_000_000:g} MB" if limit >= 1_000_000 else f"{limit:,} bytes"
    return Problem(Location(display), f"the file is larger than {size}",
                   "is this the right file?")


def _unreadable(display: str, exc: OSError) -> SpecError:
    return SpecError([Problem(Location(display), f"cannot read the file: "
                                                 f"{exc.strerror or exc}")])
