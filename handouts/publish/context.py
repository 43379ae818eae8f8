"""One run of a command: the project it works on, the day it judges review dates by, and the
caches its typesetting shares.

A command makes one ``Build`` and passes it to whatever needs it (a preview keeps one for as
long as it runs, reading the project again after each save), so no result depends on the
working folder, the process's environment or state kept in a module.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field, replace
from pathlib import Path

from handouts.flowchart.engine import ChartLayouts
from handouts.flowchart.store import Decisions
from handouts.model.settings import Settings
from handouts.render.kinds import problems
from handouts.spec.clock import today
from handouts.spec.files import Reads
from handouts.spec.project import Project, load_project

CHART_DECISIONS = Path(".cache") / "charts"
"""Under the build folder: the chart engine's decisions, kept by content (see
handouts.flowchart.store), so that a build whose charts did not change skips their search."""


@dataclass(frozen=True)
class Build:
    """What every step of one command shares: the project read, the day, the caches."""

    folder: Path
    """The specs folder; the project folder (handouts.yaml, build/) is its parent."""
    project: Project
    day: datetime.date
    """The day review dates are judged against (SOURCE_DATE_EPOCH's, if it is set)."""
    layouts: ChartLayouts = field(compare=False, repr=False)
    """Every chart layout of the run, each made once, in bounded caches."""
    reads: Reads = field(default_factory=Reads, compare=False, repr=False)
    """The files read, so that reading the project again reads only those that changed
    (and an unchanged bibliography stays the same object, its citations formatted once)."""

    @classmethod
    def open(cls, folder: Path, out: Path | None = None, day: datetime.date | None = None,
             layouts: ChartLayouts | None = None) -> Build:
        """Read the project whose specs are in ``folder``; keep chart decisions in the build
        folder ``out`` (a check, with none, reads the project's build/ but writes nothing)."""
        if layouts is None:
            layouts = ChartLayouts(store=chart_decisions(folder, out))
        reads = Reads()
        return cls(folder, load_project(folder, reads, problems), day or today(), layouts,
                   reads)

    @property
    def root(self) -> Path:
        """Return the project folder: where handouts.yaml is."""
        return self.folder.parent

    @property
    def settings(self) -> Settings:
        """Return the project's settings (handouts.yaml)."""
        return self.project.settings

    def again(self) -> Build:
        """Return this build with the project read again, as of today, the caches kept: what a
        preview builds from after a save."""
        return replace(self, project=load_project(self.folder, self.reads, problems),
                       day=today())


def chart_decisions(folder: Path, out: Path | None) -> Decisions:
    """Return where a run keeps chart decisions: the build folder's cache, which a check
    reads but does not write."""
    build = out if out is not None else folder.parent / "build"
    return Decisions(build / CHART_DECISIONS, write=out is not None)
