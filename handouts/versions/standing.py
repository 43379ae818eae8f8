"""Where each version of a handout or pack stands: current, superseded (when, by which), or
withdrawn; a pure function of the release record and the spec, never of the clock."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Literal

from handouts.model.handout import Change
from handouts.versions.release import Release, Withdrawal, version_key

State = Literal["current", "superseded", "withdrawn"]


@dataclass(frozen=True)
class Standing:
    """One version: when it came out and where it stands now."""

    version: str
    state: State
    released: datetime.date | None
    """The day it was released (recorded, else its changelog entry's date)."""
    record: Release | None
    """What the release record holds of it; None for a current version not yet released."""
    successor: str = ""
    """The version that came after it, if any."""
    superseded_on: datetime.date | None = None
    withdrawn: Withdrawal | None = None


def standings(releases: dict[str, Release], current: str,
              dates: dict[str, datetime.date]) -> list[Standing]:
    """Return every version, newest first: each released one, and the ``current`` version
    (the spec's) whether released or not; ``dates`` gives, by version, the date to show
    where the record has none (the changelog's).

    >>> day = datetime.date(2026, 1, 2)
    >>> [(s.version, s.state, s.successor) for s in standings(
    ...     {"1.0.0": Release("sha256:a")}, "1.1.0", {"1.0.0": day, "1.1.0": day})]
    [('1.1.0', 'current', ''), ('1.0.0', 'superseded', '1.1.0')]
    """
    versions = sorted({*releases, current} - {""}, key=version_key)

    def when(version: str) -> datetime.date | None:
        record = releases.get(version)
        return record.released if record and record.released else dates.get(version)

    found = []
    for index, version in enumerate(versions):
        record = releases.get(version)
        withdrawn = record.withdrawn if record else None
        after = versions[index + 1] if index + 1 < len(versions) else ""
        state: State = "withdrawn" if withdrawn else "superseded" if after else "current"
        found.append(Standing(version, state, when(version), record, after,
                              when(after) if after else None, withdrawn))
    return found[::-1]


def changes_since(changelog: tuple[Change, ...], old: str, new: str) -> list[Change]:
    """Return the changelog entries of the versions after ``old`` up to ``new``, newest
    first."""
    return sorted((c for c in changelog
                   if version_key(old) < version_key(c.version) <= version_key(new)),
                  key=lambda c: version_key(c.version), reverse=True)


def changelog_dates(changelog: tuple[Change, ...]) -> dict[str, datetime.date]:
    """Return each version's changelog date."""
    return {c.version: c.date for c in changelog}
