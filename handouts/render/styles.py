"""The document's look: colours, paragraph styles per profile, and the context builders share."""

from __future__ import annotations

import datetime
import functools
from collections.abc import Iterable
from dataclasses import dataclass, field

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import TableStyle

from handouts.flowchart.engine import ChartLayouts
from handouts.fonts import register_fonts
from handouts.layout.dates import is_overdue
from handouts.model.handout import Handout
from handouts.model.profile import Profile
from handouts.model.settings import Publisher
from handouts.render.harvard import Citer
from handouts.render.markup import to_markup
from handouts.spec.markup import Cite, citation_keys, parse_cite
from handouts.spec.sources import cited_keys

INK = colors.HexColor("#1a1a1a")
MUTED = colors.HexColor("#3d3d3d")
RULE = colors.HexColor("#8c8c8c")
ACCENT = colors.HexColor("#1f4e79")
ALERT = colors.HexColor("#8b0000")

Styles = dict[str, ParagraphStyle]


@dataclass(frozen=True)
class Doc:
    """What every flowable builder needs: the print profile, its styles, the citations."""

    profile: Profile
    citer: Citer
    today: datetime.date
    """The day review dates are judged against."""
    publisher: Publisher = Publisher()
    layouts: ChartLayouts = field(default_factory=ChartLayouts, compare=False)
    """Every chart layout of the build, each made once."""
    sources_last: bool = False
    """Cite sources once at the end of each section instead of in the text: for patients,
    whom citations in every sentence would only slow down."""

    def overdue(self, handout: Handout) -> bool:
        """Tell whether a handout is past its review date, as of ``today``."""
        return is_overdue(handout.review_due, self.today)

    @property
    def styles(self) -> Styles:
        """Return the paragraph styles of this profile."""
        return paragraph_styles(self.profile)

    def frame(self, turned: bool = False) -> tuple[float, float]:
        """Return the width and height of the text frame, on a turned page if asked."""
        return self.profile.frame(turned)

    def markup(self, text: str) -> str:
        """Return spec text as paragraph markup, its citations formatted."""
        return to_markup(text, (lambda cites: "") if self.sources_last else self.cite)

    def cite(self, cites: Iterable[Cite | str]) -> str:
        """Return an in-text citation as markup: a title in it italic, as Harvard style sets
        it, except in large print, which has no italics."""
        return self.upright(self.citer.cite(cites))

    def upright(self, markup: str) -> str:
        """Return markup from the citation formatter without its italics in large print
        (RNIB clear print); unchanged in the other editions."""
        return markup.replace("<i>", "").replace("</i>", "") if self.profile.least else markup

    def with_sources(self, text: str, sources: Iterable[str]) -> str:
        """Return ``text`` as markup, followed by the citation of ``sources`` if any."""
        cites = [parse_cite(source) for source in sources]  # each may carry a locator
        markup = self.markup(text)
        return f"{markup} {self.cite(cites)}" if cites and not self.sources_last else markup

    def sources_of(self, part: object) -> str:
        """Return the citation of every source a part cites, once each and without
        locators: 'Sources: (A, 2020; B, no date)', for the end of a section."""
        keys = citation_keys(part) if isinstance(part, str) else cited_keys(part)
        return f"Sources: {self.cite(list(dict.fromkeys(keys)))}" if keys else ""


@functools.lru_cache(maxsize=8)
def paragraph_styles(page: Profile) -> Styles:
    """Return the paragraph styles of a profile, all in the one embedded family."""
    font = register_fonts()
    bold = font + "-Bold"

    def fs(size: float, leading: float) -> dict[str, float]:
        """Return a standard size and leading, set for the profile."""
        return {"fontSize": page.size(size), "leading": page.size(size) * leading / size}

    body = ParagraphStyle("body", fontName=font, bulletFontName=font, **fs(12, 16.8),
                          bulletFontSize=page.size(12),
                          textColor=INK, alignment=TA_LEFT, spaceAfter=6, allowWidows=0,
                          allowOrphans=0)
    cell = fs(10.5, 13.5)
    if page.read > cell["fontSize"]:  # a patient's tables: as large as the text around them
        cell = {"fontSize": page.read, "leading": page.read * 13.5 / 10.5}
    return {
        "body": body,
        "cover": ParagraphStyle("cover", body, fontName=bold, **fs(28, 34),
                                textColor=ACCENT, spaceBefore=60, spaceAfter=10),
        "title": ParagraphStyle("title", body, fontName=bold, **fs(22, 27),
                                textColor=ACCENT, spaceAfter=4),
        "subtitle": ParagraphStyle("subtitle", body, **fs(13.5, 18), spaceAfter=10),
        "h1": ParagraphStyle("h1", body, fontName=bold, **fs(17, 21),
                             textColor=ACCENT, spaceAfter=4),
        "h2": ParagraphStyle("h2", body, fontName=bold, **fs(15, 19),
                             textColor=ACCENT, spaceBefore=12, spaceAfter=6, keepWithNext=1),
        "section": ParagraphStyle("section", body, fontName=bold, **fs(15, 19),
                                  textColor=ACCENT, spaceBefore=12, spaceAfter=6),
        "h3": ParagraphStyle("h3", body, fontName=bold, **fs(12.5, 16),
                             spaceBefore=8, spaceAfter=4, keepWithNext=1),
        "meta": ParagraphStyle("meta", body, **fs(10.5, 14), spaceAfter=0),
        "small": ParagraphStyle("small", body, **fs(10.5, 14), spaceAfter=3),
        "bullet": ParagraphStyle("bullet", body, leftIndent=14, bulletIndent=2, spaceAfter=3),
        "numbered": ParagraphStyle("numbered", body, leftIndent=20, bulletIndent=2,
                                   spaceAfter=3),
        "cell": ParagraphStyle("cell", body, **cell, spaceAfter=0),
        "cell_head": ParagraphStyle("cell_head", body, fontName=bold, **cell, spaceAfter=0),
        "caption": ParagraphStyle("caption", body, **fs(10.5, 14), spaceAfter=4),
        "step_number": ParagraphStyle("step_number", body, fontName=bold, **fs(20, 24),
                                      alignment=1),
        "reference": ParagraphStyle("reference", body, **fs(11, 15), leftIndent=18,
                                    firstLineIndent=-18, spaceAfter=5),
    }


def table_style(*commands: tuple[object, ...]) -> TableStyle:
    """Return a table style in the document's font (a table otherwise starts in Helvetica)."""
    return TableStyle([("FONT", (0, 0), (-1, -1), register_fonts(), 10), *commands])
