"""How hard a handout is to read: the reading age its words need, for patient handouts.

The measure is SMOG (McLaughlin's Simple Measure of Gobbledygook), as the textstat library
computes it: a school grade from the share of words of three or more syllables per sentence.
It is the measure most used for health information, because it predicts full understanding
rather than partial; a reading age is the grade plus five years. NHS guidance aims patient
information at a reading age of about 11 to 12, so 12 is the default limit, which a spec
may change with ``reading_age`` (and should say why).
"""

from __future__ import annotations

from dataclasses import dataclass

from handouts.model.handout import Handout
from handouts.spec.markup import plain_text

DEFAULT_READING_AGE = 12
GRADE_TO_AGE = 5
"""US school grade N is read at about age N + 5."""


@dataclass(frozen=True)
class Reading:
    """A handout's reading level."""

    grade: float
    """The SMOG grade of its text."""
    limit: int
    """The highest reading age allowed."""

    @property
    def age(self) -> float:
        """Return the reading age the text needs."""
        return self.grade + GRADE_TO_AGE

    @property
    def too_hard(self) -> bool:
        return self.age > self.limit + 0.5


def prose(handout: Handout) -> str:
    """Return the words a reader reads, as sentences: summary, sections, lists, steps,
    table cells and callouts, without citations and marks (the references are not
    read as prose, and the chart is said in its own short sentences)."""
    texts = [handout.summary]
    for section in handout.sections:
        texts.append(section.heading + ".")
        for block in section.blocks:
            texts += [block.text, *block.bullets, *block.numbered]
            for step in block.steps:
                texts += [step.title + ".", step.what, step.when]
            if block.table:
                texts += [f"{cell}." for row in block.table.rows for cell in row]
            if block.callout:
                texts += [block.callout.title + ".", block.callout.text]
    sentences = []
    for text in texts:
        words = plain_text(text).strip()
        if words:
            sentences.append(words if words[-1] in ".!?:" else words + ".")
    return " ".join(sentences)


def reading(handout: Handout) -> Reading:
    """Return the reading level of a handout's prose."""
    import textstat  # imported when asked: it loads its syllable dictionary at import

    return Reading(float(textstat.smog_index(prose(handout))),
                   handout.reading_age or DEFAULT_READING_AGE)
