"""Tables in the HTML editions: a real caption each, and one card per row on a phone (below
about 30rem), as the narrow PDF editions print them."""

from __future__ import annotations

import html
import json
import re
import subprocess
from pathlib import Path

import pytest

from .conftest import SPECS, built
from .test_html import BROWSER, CHROMIUM, PROJECT, needs_browser

pytestmark = pytest.mark.needs_dot


@pytest.fixture(scope="module")
def shelf(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("tables")
    built(SPECS, out, ("a4",))
    return out


def tables(handout) -> list[tuple[str, object]]:
    """Return each table of a handout with the heading of its section."""
    return [(section.heading, block.table) for section in handout.sections
            for block in section.blocks if block.table is not None]


def test_every_table_has_a_real_caption_its_own_or_its_sections(shelf):
    seen = 0
    for handout in PROJECT.handouts:
        text = (shelf / f"{handout.slug}-v{handout.version}.html").read_text("utf-8")
        captions = [html.unescape(" ".join(re.sub(r"<[^>]+>", "", c).split()))
                    for c in re.findall(r"<caption[^>]*>(.*?)</caption>", text, re.S)]
        expected = tables(handout)
        assert len(captions) == len(expected), handout.slug
        for caption, (heading, table) in zip(captions, expected):
            assert caption.startswith(f"Table: {table.caption or heading}"), caption
            assert ", ".join(table.columns) not in caption
            seen += 1
    assert seen >= 6


@needs_browser
def test_a_table_is_one_card_per_row_on_a_phone_and_a_grid_on_a_desk(shelf):
    pages = [str(shelf / f"{h.slug}-v{h.version}.html") for h in PROJECT.handouts
             if tables(h)]
    done = subprocess.run(["node", str(BROWSER / "cards.mjs"), *pages], capture_output=True,
                          text=True, timeout=600, check=False,
                          env={"CHROMIUM": CHROMIUM or "", "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr[-3000:]
    results = json.loads(done.stdout)
    for page, widths in results.items():
        handout = next(h for h in PROJECT.handouts if Path(page).name.startswith(h.slug + "-v"))
        columns = [table.columns[1] for _, table in tables(handout)]
        phone, desk = widths["390"], widths["1280"]
        assert [t["cell"] for t in phone] == ["block"] * len(columns), page
        assert [t["label"] for t in phone] == [f'"{c}: "' for c in columns], page
        assert all(t["header"] <= 1 and not t["overflow"] for t in phone), page
        assert [t["cell"] for t in desk] == ["table-cell"] * len(columns), page
        assert all(t["label"] in ("none", "normal") and t["header"] > 10 for t in desk), page
