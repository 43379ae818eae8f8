"""Find every text and every citation in a spec, wherever it is written, with its location."""

from __future__ import annotations

from collections.abc import Iterator

from handouts.errors import Location
from handouts.model.fields import Where
from handouts.model.walk import items, parts, yaml_name
from handouts.spec.markup import Cite, citations, parse_cite


def texts(obj: object) -> Iterator[tuple[str, Location]]:
    """Yield (text, location) for every text an editor wrote in ``obj``, in order."""
    for part in parts(obj):
        where: Where = getattr(part, "where", Where())
        for f, value in items(part):
            if f.name != "sources":
                for path, text in _texts(value, yaml_name(f)):
                    yield text, where.at(path)


def cites(obj: object) -> Iterator[tuple[Cite, Location]]:
    """Yield (citation, location) for each ``sources`` entry and ``[@key]`` in ``obj``."""
    for part in parts(obj):
        where: Where = getattr(part, "where", Where())
        for f, value in items(part):
            name = yaml_name(f)
            if f.name == "sources":
                for i, source in enumerate(value):
                    yield parse_cite(source), where.at(f"{name}[{i}]")
            else:
                for path, text in _texts(value, name):
                    for cite in citations(text):
                        yield cite, where.at(path)


def _texts(value: object, path: str) -> Iterator[tuple[str, str]]:
    """Yield (path, text) for a text field, or each text in (nested) lists of text."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, tuple):
        for i, item in enumerate(value):
            yield from _texts(item, f"{path}[{i}]")


def cited_keys(obj: object) -> list[str]:
    """Return the keys ``obj`` cites, each once, in order of first citation."""
    return list(dict.fromkeys(cite.key for cite, _ in cites(obj)))
