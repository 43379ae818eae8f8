"""Spec text as HTML for the web editions: citations linked to the reference list, and the
templates' environment, which escapes every value."""

from __future__ import annotations

import functools
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, Template, select_autoescape
from markupsafe import Markup, escape

from handouts.model.urls import link_target
from handouts.render.harvard import BREAK
from handouts.render.styles import Doc
from handouts.spec.markup import Cite, citation_keys, parse_cite, tokens
from handouts.spec.sources import cited_keys

TEMPLATES = Path(__file__).parent / "templates"


def html_markup(reportlab: str) -> Markup:
    """Return the markup the citation formatter writes for ReportLab as HTML."""
    text = reportlab.replace(BREAK, "<wbr>").replace("<super>", "<sup>")
    return Markup(text.replace("</super>", "</sup>"))


class Writer:
    """Turns spec text into HTML, with citations linked to the reference list."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc

    def cite(self, cites: tuple[Cite, ...] | list[Cite], always: bool = False) -> Markup:
        """Return '(A, 2018; B, 2019)' with each citation a link to its reference; nothing
        where sources are said at the end of each section instead, unless ``always``."""
        if self.doc.sources_last and not always:
            return Markup("")
        parts = []
        for cite in cites:
            words = str(self.doc.citer.cite([cite])).strip()
            inner = words[1:-1] if words.startswith("(") and words.endswith(")") else words
            parts.append(Markup('<a class="cite" href="#ref-{}">{}</a>').format(
                cite.key.lower(), html_markup(inner)))
        return Markup("(") + Markup("; ").join(parts) + Markup(")")

    def text(self, text: str) -> Markup:
        """Return spec text (bold, italic, links, citations) as HTML."""
        out: list[Markup] = []
        for token in tokens(" ".join(text.split())):
            if token.kind == "cite":
                said = self.cite(token.cites)
                if not said and out:  # a citation left out takes its space with it
                    out[-1] = Markup(str(out[-1]).rstrip())
                out.append(said)
            elif token.kind == "bold":
                out.append(Markup("<strong>{}</strong>").format(token.text))
            elif token.kind == "italic":
                out.append(Markup("<em>{}</em>").format(token.text))
            elif token.kind == "link":
                out.append(Markup('<a href="{}">{}</a>').format(link_target(token.url),
                                                                token.text))
            else:
                out.append(escape(token.text))
        return Markup("").join(out)

    def sources_of(self, part: object) -> Markup:
        """Return 'Sources: (A, 2020; B, no date)' for the end of a section, where sources
        are said there instead of in the text; else nothing."""
        if not self.doc.sources_last:
            return Markup("")
        keys = citation_keys(part) if isinstance(part, str) else cited_keys(part)
        if not keys:
            return Markup("")
        return Markup("Sources: ") + self.cite([Cite(k) for k in dict.fromkeys(keys)],
                                               always=True)

    def sources(self, text: str, sources: tuple[str, ...]) -> Markup:
        """Return text followed by the citation of its sources, if any."""
        body = self.text(text)
        if not sources:
            return body
        return body + Markup(" ") + self.cite([parse_cite(s) for s in sources])


@functools.cache
def environment() -> Environment:
    """Return the templates' environment, made once: it keeps each template compiled, and
    escapes every value (a template written as a string too)."""
    return Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(),
                       trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)


def fill(template: str, **values: object) -> Markup:
    """Return a template written as a string, filled in (every value escaped)."""
    return Markup(_compiled(template).render(**values))


@functools.lru_cache(maxsize=64)
def _compiled(template: str) -> Template:
    return environment().from_string(template)
