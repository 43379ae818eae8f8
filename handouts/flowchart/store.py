"""Keep the chart engine's decisions on disk, by content, so that a later build skips the
search: which arrangement a chart takes, and how it splits on each kind of page (and, for
the build, the reading level of a patient handout's words, so no dictionary is loaded to
measure unchanged words again).

A decision is a small JSON file named by a hash of everything it depends on (the chart,
its marks, the room it was chosen for, and the engine's own code), so a decision is only
ever reused for exactly the inputs it was made for; laying a chart out from a decision
gives the same bytes as searching again. A missing, unreadable or damaged file is simply
a decision not yet made.

A build's new decisions wait in a folder of their own (worker processes share it) and join
the kept ones only once the build has written its outputs: a build that fails leaves the
build folder as it found it.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import shutil
import tempfile
import weakref
from pathlib import Path
from typing import Any

from handouts import __version__

PACKAGE = Path(__file__).resolve().parent.parent


@functools.cache
def fingerprint() -> str:
    """Return a hash of the package's code and the fonts it measures with: a decision made
    by other code, or with other fonts, is never reused."""
    from handouts.fonts import font_files

    digest = hashlib.sha256(__version__.encode())
    for path in sorted(PACKAGE.rglob("*.py")):
        digest.update(str(path.relative_to(PACKAGE)).encode())
        digest.update(path.read_bytes())
    for font in sorted(font_files().values()):
        digest.update(font.read_bytes())
    return digest.hexdigest()[:16]


class Decisions:
    """Decisions by key, read from ``folder`` (None keeps nothing); with ``write``, new ones
    wait until :meth:`keep` adds them to it."""

    def __init__(self, folder: Path | None, write: bool = True) -> None:
        self.folder = folder
        self.waiting: Path | None = None
        if folder is not None and write:
            self.waiting = Path(tempfile.mkdtemp(prefix="handouts-charts-"))
            weakref.finalize(self, _remove, self.waiting, os.getpid())

    def _name(self, key: object) -> str:
        return hashlib.sha256(f"{fingerprint()} {key!r}".encode()).hexdigest()[:40] + ".json"

    def get(self, key: object) -> Any:
        """Return the decision made for ``key``, or None."""
        for folder in (self.waiting, self.folder):
            if folder is None:
                continue
            try:
                return json.loads((folder / self._name(key)).read_text("utf-8"))
            except (OSError, ValueError):
                continue
        return None

    def put(self, key: object, value: Any) -> None:
        """Set a decision aside for :meth:`keep`; one that cannot be written is not kept."""
        if self.waiting is None:
            return
        _write(self.waiting / self._name(key), json.dumps(value, sort_keys=True))

    def keep(self) -> None:
        """Add this run's decisions to the kept ones (a folder that cannot be written keeps
        nothing, and says nothing)."""
        if self.waiting is None or self.folder is None:
            return
        for path in sorted(self.waiting.glob("*.json")):
            try:
                _write(self.folder / path.name, path.read_text("utf-8"))
            except OSError:
                return


def _write(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` whole or not at all."""
    tmp = ""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(tmp, path)
    except OSError:
        if tmp:
            Path(tmp).unlink(missing_ok=True)


def _remove(folder: Path, owner: int) -> None:
    """Remove a run's waiting decisions, from the process that made the folder only."""
    if os.getpid() == owner:
        shutil.rmtree(folder, ignore_errors=True)
