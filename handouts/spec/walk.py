"""Find every citation in a handout, wherever it is written, with its location."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from handouts.errors import Location
from handouts.model.content import Where
from handouts.spec.markup import citation_keys


def citations(obj: object) -> Iterator[tuple[str, Location]]:
    """Yield (key, location) for each ``sources`` entry and ``[@key]`` in ``obj``, in order."""
    if isinstance(obj, tuple):
        for item in obj:
            yield from citations(item)
        return
    if not dataclasses.is_dataclass(obj):
        return
    where: Where = getattr(obj, "where", Where())
    for f in dataclasses.fields(obj):
        value = getattr(obj, f.name)
        name = str(f.metadata.get("yaml", f.name))
        if f.name == "sources":
            for i, key in enumerate(value):
                yield key, where.at(f"{name}[{i}]")
        else:
            for path, text in _texts(value, name):
                for key in citation_keys(text):
                    yield key, where.at(path)
            if not isinstance(value, str):
                yield from citations(value)


def _texts(value: object, path: str) -> Iterator[tuple[str, str]]:
    """Yield (path, text) for a text field, or each text in (nested) lists of text."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, tuple):
        for i, item in enumerate(value):
            yield from _texts(item, f"{path}[{i}]")


def cited_keys(obj: object) -> list[str]:
    """Return the keys ``obj`` cites, each once, in order of first citation."""
    return list(dict.fromkeys(key for key, _ in citations(obj)))
