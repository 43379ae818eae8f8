"""How the model declares the spec format: located mappings and documented fields."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from handouts.errors import Location

SLUG = r"^[a-z0-9]+(-[a-z0-9]+)*$"
SLUG_HINT = "use lower-case letters, digits and single hyphens, e.g. alk-sequencing"
SEMVER = r"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$"
SEMVER_HINT = "write MAJOR.MINOR.PATCH, e.g. 2.0.0"


@dataclass(frozen=True)
class Where:
    """Where a mapping came from: its file, key path, and the position of each key."""

    path: str = ""
    keypath: str = ""
    line: int = 0
    column: int = 0
    keys: tuple[tuple[str, int, int], ...] = ()
    damaged: frozenset[str] = frozenset()
    """The keys of this mapping that were wrong (unknown, of the wrong type, or missing):
    already reported, and read as a stand-in so that the rest of the spec is still checked."""

    def sound(self, *keys: str) -> bool:
        """Tell whether none of ``keys`` was damaged (none given: no key was)."""
        return not (self.damaged & set(keys) if keys else self.damaged)

    def at(self, key: str | None = None) -> Location:
        """Return the location of ``key`` in this mapping (or of the mapping itself).

        ``key`` may index into a list, e.g. 'rows[2][1]'; the nearest position known is used.
        """
        if key is None:
            return Location(self.path, self.line, self.column, self.keypath)
        keypath = f"{self.keypath}.{key}" if self.keypath else key
        probe = key
        while probe not in self.positions and probe.endswith("]"):
            probe = probe[:probe.rindex("[")]
        line, column = self.positions.get(probe, (self.line, self.column))
        return Location(self.path, line, column, keypath)

    @cached_property
    def positions(self) -> dict[str, tuple[int, int]]:
        """Return the line and column of each key, built once: a list of 50,000 items is
        located item by item, each in constant time."""
        return {name: (line, column) for name, line, column in self.keys}


REQUIRED: Any = object()


def spec_field(doc: str, default: Any = REQUIRED, **meta: Any) -> Any:
    """Declare a spec field with an editor-facing description and optional rules.

    ``meta`` may hold ``yaml`` (the key's name in YAML when it differs),
    ``pattern`` with ``pattern_hint``, and ``keyed`` (for a tuple of data classes
    written in YAML as a mapping whose keys fill that field).
    """
    meta["doc"] = doc
    if default is REQUIRED:
        return field(metadata=meta)
    if isinstance(default, (list, dict)):
        raise TypeError("use a tuple default")
    return field(default=default, metadata=meta)


def where_field() -> Any:
    """Declare the field that records where a mapping was written (not part of the format)."""
    return field(default=Where(), compare=False, repr=False, metadata={"skip": True})
