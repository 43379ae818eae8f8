"""A pack: several handouts of one pathway in one PDF."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from handouts.model.fields import (
    SEMVER,
    SEMVER_HINT,
    SLUG,
    SLUG_HINT,
    Where,
    spec_field,
    where_field,
)


@dataclass(frozen=True)
class Pack:
    """A combined PDF of several handouts, with a contents page and one reference list."""

    slug: str = spec_field("Short name used in the file name, e.g. alk-pack.", pattern=SLUG,
                           pattern_hint=SLUG_HINT)
    title: str = spec_field("The pack's title, on its first page.")
    version: str = spec_field("Semantic version of the pack, e.g. 1.0.0.", pattern=SEMVER,
                              pattern_hint=SEMVER_HINT)
    updated: datetime.date = spec_field("When the pack last changed (YYYY-MM-DD).")
    handouts: tuple[str, ...] = spec_field("The slugs of the handouts it holds, in order.")
    subtitle: str = spec_field("A line under the title.", "")
    drug_index: str = spec_field(
        "The slug of the handout whose 'index: drugs' table must have a row for every "
        "medicine (a chart box marked drug: true) on the pack's charts, e.g. "
        "alk-side-effects.", "")
    where: Where = where_field()
