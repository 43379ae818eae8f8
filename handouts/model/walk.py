"""Walk the model: the one place that knows how data classes nest, for every reader of it."""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Iterator
from typing import Any


def yaml_name(f: dataclasses.Field[Any]) -> str:
    """Return the key a data class field is written under in YAML."""
    return str(f.metadata.get("yaml", f.name))


def spec_fields(cls_or_obj: Any) -> list[dataclasses.Field[Any]]:
    """Return the fields an editor writes in YAML (not the bookkeeping ones)."""
    return [f for f in dataclasses.fields(cls_or_obj) if not f.metadata.get("skip")]


def items(obj: Any) -> Iterator[tuple[dataclasses.Field[Any], Any]]:
    """Yield each spec field of a data class with its value, in declaration order."""
    for f in spec_fields(obj):
        yield f, getattr(obj, f.name)


def parts(obj: Any) -> Iterator[Any]:
    """Yield ``obj`` and every data class inside it, parents before children, in order."""
    stack = [obj]
    while stack:
        current = stack.pop()
        if isinstance(current, (tuple, list)):
            stack.extend(reversed(current))
        elif dataclasses.is_dataclass(current) and not isinstance(current, type):
            yield current
            stack.extend(reversed([value for _, value in items(current)]))


def plain(obj: Any) -> Any:
    """Return ``obj`` as JSON-ready data: data classes as dicts of their YAML keys.

    Locations are left out, so moving or re-indenting a key changes nothing.
    """
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {yaml_name(f): plain(value) for f, value in items(obj)}
    if isinstance(obj, (tuple, list)):
        return [plain(item) for item in obj]
    if isinstance(obj, datetime.date):
        return obj.isoformat()
    return obj


def said(obj: Any) -> Any:
    """Return what ``obj`` says, as JSON-ready data: like ``plain``, but without the fields
    left at their defaults, and numbers as their shortest text.

    A field the format gains later, unused, changes nothing; nor does writing 2 for 2.0.
    """
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {yaml_name(f): said(value) for f, value in items(obj)
                if f.default is dataclasses.MISSING or value != f.default}
    if isinstance(obj, (tuple, list)):
        return [said(item) for item in obj]
    if isinstance(obj, float):
        return f"{obj:g}"
    if isinstance(obj, datetime.date):
        return obj.isoformat()
    return obj
