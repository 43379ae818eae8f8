"""Write the sign-off sheet of one handout: ``handouts review SLUG``."""

from __future__ import annotations

from pathlib import Path

from handouts.atomic import atomic_write
from handouts.flowchart.engine import ChartLayouts
from handouts.model.profile import PROFILES
from handouts.render.documents import handout_doc
from handouts.render.review import Baseline, review_pdf
from handouts.spec.clock import today
from handouts.spec.project import load_project
from handouts.spec.statements import statements
from handouts.versions.diff import handout_diff
from handouts.versions.history import baseline

REVIEW_FOLDER = "review"
"""Under the build folder: sign-off sheets are for reviewers, not for the download page."""


def write_review(folder: Path, slug: str, out: Path) -> Path:
    """Write the sign-off sheet of handout ``slug`` of the specs ``folder`` under ``out``;
    return its path."""
    project = load_project(folder)
    handout = project.valid_handout(slug)
    found = baseline(Path(handout.where.path), handout.version)
    changes, base = [], None
    if found:
        old, old_bib, approved = found
        changes = handout_diff(old, handout, old_bib, project.bibliography)
        base = Baseline(old.version, approved, old.approved_by, old.approved_on)
    doc = handout_doc(handout, project.bibliography, PROFILES["a4"], today(), project.settings,
                      ChartLayouts())
    pdf = review_pdf(handout, statements(handout), changes, base, doc)
    path = out / REVIEW_FOLDER / f"{handout.slug}-v{handout.version}-review.pdf"
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, pdf)
    return path
