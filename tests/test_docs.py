"""The troubleshooting guide states every limit the code sets, with the code's own value."""

from __future__ import annotations

import pytest

from handouts.model.urls import MAX_URL
from handouts.publish.preview import IDLE_SECONDS, LAYOUTS
from handouts.spec import logo, yamltree
from handouts.spec.check import MAX_PARAGRAPH
from handouts.spec.check_chart import MAX_BOXES, MAX_LABEL
from handouts.spec.reading import DEFAULT_READING_AGE
from handouts.versions.release import MAX_LOCK_BYTES

from .conftest import ROOT

GUIDE = (ROOT / "docs" / "troubleshooting.md").read_text("utf-8")
LIMITS = (GUIDE.split("## Limits")[1]).split("\n## ")[0]


@pytest.mark.parametrize("said", [
    f"{yamltree.MAX_BYTES // 1_000_000} MB, nested at most {yamltree.MAX_DEPTH} levels",
    f"{MAX_LOCK_BYTES // 1_000_000} MB", f"{logo.MAX_BYTES // 1_000_000} MB, at most "
    f"{logo.MAX_SIDE} pixels", f"{MAX_URL} characters", f"{MAX_PARAGRAPH:,} characters",
    f"| {MAX_LABEL} characters |", f"{MAX_BOXES} boxes", f"| {DEFAULT_READING_AGE} (SMOG)",
    f"{LAYOUTS} chart layouts", f"idle for {IDLE_SECONDS:g} s"])
def test_every_limit_is_documented_with_its_value(said):
    assert said in LIMITS
