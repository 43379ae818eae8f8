"""Write files so that readers see either the old file or the new one, never half of one."""

from __future__ import annotations

import fcntl
import os
import signal
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

INTERRUPTS = {signal.SIGINT, signal.SIGTERM}


def _temporary(path: Path, data: bytes) -> Path:
    """Write ``data`` to a new temporary file beside ``path`` and return its path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, 0o644)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(tmp)


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder.

    Readers see either the old file or the new one, never a half-written file.
    """
    atomic_write_all({path: data})


def atomic_write_all(files: dict[Path, bytes]) -> None:
    """Write several files so that a failure while writing changes none of them.

    Every file is first written in full beside its target; only then are they all
    moved into place, which a rename does at once.
    """
    written = temporaries(files)
    try:
        with deferred_interrupts():
            for path, tmp in written.items():
                os.replace(tmp, path)
    finally:
        discard(written)


def temporaries(files: dict[Path, bytes]) -> dict[Path, Path]:
    """Write each file in full to a temporary file beside it; return {target: temporary}.

    If one cannot be written, those already written are removed and the error raised.
    """
    written: dict[Path, Path] = {}
    try:
        for path, data in files.items():
            written[path] = _temporary(path, data)
    except BaseException:
        discard(written)
        raise
    return written


def discard(written: dict[Path, Path]) -> None:
    """Remove the temporary files that were not moved into place."""
    for tmp in written.values():
        tmp.unlink(missing_ok=True)


@contextmanager
def deferred_interrupts() -> Iterator[None]:
    """Hold Ctrl-C and SIGTERM until the block ends, so that files moved into place and
    the record of them change together; an interrupt sent meanwhile takes effect after."""
    try:
        old = signal.pthread_sigmask(signal.SIG_BLOCK, INTERRUPTS)
    except (AttributeError, OSError, ValueError):  # a platform without signal masks
        yield
        return
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


@contextmanager
def folder_lock(folder: Path, name: str = ".lock") -> Iterator[None]:
    """Hold an exclusive lock on ``folder`` (the file ``name`` in it) for the block, so
    that builds into one folder (make -j, two terminals) take turns."""
    folder.mkdir(parents=True, exist_ok=True)
    fd = os.open(folder / name, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # also releases the lock
