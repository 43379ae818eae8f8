"""Turn located YAML nodes into the model's frozen data classes, type by type.

The data classes in ``model`` declare the spec format; this module reads it
generically, so a new field needs no new parsing code. Every mismatch becomes a
Problem at the offending line; parsing goes on to find the rest, and a part written wrongly
is read as a stand-in (its damaged keys marked) so that the checks of every other part, and
of what refers to it, still run.
"""

from __future__ import annotations

import dataclasses
import datetime
import difflib
import functools
import re
import types
import typing
from typing import Any, Literal, Union

from handouts.errors import Location, Problem
from handouts.model.fields import Where
from handouts.model.walk import spec_fields, yaml_name
from handouts.spec.yamltree import INVALID, Mapping, Node, Scalar, Sequence

_MISSING = object()


def is_required(f: dataclasses.Field[Any]) -> bool:
    """Tell whether a field has no default."""
    return f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING


def did_you_mean(word: str, choices: typing.Iterable[str], cutoff: float = 0.6) -> str:
    """Return ' (did you mean 'x'?)' for the closest choice, or ''.

    A higher ``cutoff`` suggests only near-misspellings: a new lane 'Fourth line' is not
    a misspelt 'First line'.

    >>> did_you_mean("lorlatnib", ["lorlatinib", "alectinib"])
    " (did you mean 'lorlatinib'?)"
    >>> did_you_mean("Fourth line", ["First line"], cutoff=0.8)
    ''
    """
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=cutoff)
    return f" (did you mean {close[0]!r}?)" if close else ""


class Converter:
    """Read nodes of one file into data classes, collecting problems."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self.built: list[Any] = []

    def problem(self, node: Node, keypath: str, message: str, hint: str = "") -> None:
        """Record a problem at ``node``."""
        self.problems.append(Problem(Location(self.path, node.line, node.column, keypath),
                                     message, hint))

    def read_file(self, cls: type, tree: Node) -> Any:
        """Read a whole file's tree as a ``cls``, as far as it can be read; None if it is not
        a mapping at all."""
        obj = self.read(cls, tree, "", {})
        return None if obj is _MISSING else obj

    def read(self, tp: Any, node: Node, keypath: str, meta: typing.Mapping[str, Any]) -> Any:
        """Read ``node`` as type ``tp``; return _MISSING after recording a problem."""
        if isinstance(node, Scalar) and node.kind == INVALID:
            return _MISSING  # already reported while loading
        origin = typing.get_origin(tp)
        if origin in (Union, types.UnionType):
            (inner,) = [a for a in typing.get_args(tp) if a is not type(None)]
            return self.read(inner, node, keypath, meta)
        if isinstance(tp, type) and dataclasses.is_dataclass(tp):
            return self.read_object(tp, node, keypath)
        if origin is tuple:
            return self.read_tuple(typing.get_args(tp)[0], node, keypath, meta)
        if not isinstance(node, Scalar):
            kind = "a list" if isinstance(node, Sequence) else "a mapping"
            self.problem(node, keypath, f"expected {describe(tp)}, got {kind}")
            return _MISSING
        if origin is Literal:
            choices = typing.get_args(tp)
            if node.text not in choices:
                self.problem(node, keypath,
                             f"{node.text!r} is not one of: {', '.join(choices)}"
                             + did_you_mean(node.text, choices))
                return _MISSING
            return node.text
        if tp is datetime.date:
            return self.read_date(node, keypath)
        if tp is str:
            return self.read_text(node, keypath, meta)
        if tp is bool:
            return self.read_flag(node, keypath)
        if tp in (int, float):
            return self.read_number(node, keypath, tp)
        raise TypeError(f"unsupported field type {tp!r}")  # pragma: no cover

    def read_text(self, node: Scalar, keypath: str, meta: typing.Mapping[str, Any]) -> Any:
        """Read a scalar as text, exactly as written (so 'yes' stays 'yes')."""
        if node.kind == "null" and not node.quoted:
            self.problem(node, keypath, "missing value", "write a value after the colon")
            return _MISSING
        text = node.text.strip()
        pattern = meta.get("pattern")
        if pattern and not re.match(pattern, text):
            self.problem(node, keypath, f"{text!r} is not valid", meta.get("pattern_hint", ""))
            return _MISSING
        return text

    def read_flag(self, node: Scalar, keypath: str) -> Any:
        """Read true or false, written without quotes."""
        if node.quoted or node.kind != "bool":
            self.problem(node, keypath, f"{node.text!r} is not true or false",
                         "write true or false, without quotes")
            return _MISSING
        return node.text.strip().lower() in ("true", "yes", "on")

    def read_number(self, node: Scalar, keypath: str, tp: type) -> Any:
        """Read a positive number (a whole one if ``tp`` is int), written without quotes."""
        try:
            if node.quoted or node.kind not in ("int", "float"):
                raise ValueError
            value = tp(node.text) if tp is float else int(node.text, 10)
            if not 0 < value < 1e6:
                raise ValueError
        except ValueError:
            what = "a whole number" if tp is int else "a number"
            self.problem(node, keypath, f"{node.text!r} is not {what} greater than 0",
                         f"write {what}, e.g. {'12' if tp is int else '1.5'}")
            return _MISSING
        return value

    def read_date(self, node: Scalar, keypath: str) -> Any:
        """Read a YYYY-MM-DD date that exists on the calendar."""
        try:
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", node.text):
                raise ValueError
            return datetime.date.fromisoformat(node.text)
        except ValueError:
            self.problem(node, keypath, f"{node.text!r} is not a date",
                         "write a real date as YYYY-MM-DD, e.g. 2025-10-01")
            return _MISSING

    def read_tuple(self, item_tp: Any, node: Node, keypath: str,
                   meta: typing.Mapping[str, Any]) -> Any:
        """Read a list, or (for a keyed field) a mapping whose keys fill a field.

        An item that cannot be read is left out of the list (a keyed item is kept as a
        stand-in under its key, so that what names it is still checked).
        """
        key_field = meta.get("keyed")
        if key_field:
            if not isinstance(node, Mapping):
                self.problem(node, keypath, "expected a mapping of id: {...}")
                return _MISSING
            return tuple(self.read_object(item_tp, value, f"{keypath}.{key.text}",
                                          preset={key_field: key.text}, stand_in=True)
                         for key, value in node.items)
        if isinstance(node, Scalar) and node.kind == "null" and not node.quoted:
            return ()
        if not isinstance(node, Sequence):
            self.problem(node, keypath, "expected a list, e.g. [a, b]")
            return _MISSING
        values = [self.read(item_tp, item, f"{keypath}[{i}]", meta)
                  for i, item in enumerate(node.items)]
        return tuple(v for v in values if v is not _MISSING)

    def read_object(self, cls: type, node: Node, keypath: str,
                    preset: dict[str, str] | None = None, stand_in: bool = False) -> Any:
        """Read a mapping into data class ``cls``; unknown and missing keys are problems.

        A key that is unknown, missing or of the wrong type is recorded in the object's
        ``where.damaged`` and read as its default (or a blank of its type): the object is
        still made, so that every later check runs on the rest of it. Only a value that is
        not a mapping at all makes none (or, given ``stand_in``, a blank one).
        """
        if not isinstance(node, Mapping):
            if keypath:
                self.problem(node, keypath, f"expected a mapping of {describe(cls)} fields")
            else:
                first = ", ".join(f"{yaml_name(f)}:" for f in spec_fields(cls)[:3])
                self.problem(node, keypath, "the top level must be a mapping of keys",
                             f"start with {first} ... as in the README")
            return self._blank(cls, node, keypath, preset or {}) if stand_in else _MISSING
        fields = {yaml_name(f): f for f in spec_fields(cls)}
        hints = _hints(cls)
        retired: typing.Mapping[str, str] = getattr(cls, "retired", {})
        values: dict[str, Any] = dict(preset or {})
        damaged: set[str] = set()
        meant: set[str] = set()  # keys an unknown key probably meant
        for key, value in node.items:
            sub = f"{keypath}.{key.text}" if keypath else key.text
            f = fields.get(key.text)
            if f is None or f.name in (preset or {}):
                damaged.add(key.text)
                if key.text in retired:
                    self.problem(key, sub, f"{key.text!r} is no longer used", retired[key.text])
                    continue
                suggestion = did_you_mean(key.text, fields)
                meant.update(difflib.get_close_matches(key.text, list(fields), n=1, cutoff=0.6))
                self.problem(key, sub, f"unknown key {key.text!r}" + suggestion,
                             "valid keys: "
                             + ", ".join(k for k in fields if k not in (preset or {})))
                continue
            before = len(self.problems)
            result = self.read(hints[f.name], value, sub, f.metadata)
            if len(self.problems) > before:
                damaged.add(key.text)
            if result is not _MISSING:
                values[f.name] = result
        written = {k.text for k, _ in node.items}
        for name, f in fields.items():
            if is_required(f) and f.name not in values:
                damaged.add(name)
                if name not in written | meant:
                    self.problem(node, keypath, f"missing required key {name!r}",
                                 f.metadata["doc"])
        for f in spec_fields(cls):  # a damaged field with a default takes it
            if f.name not in values and is_required(f):
                values[f.name] = blank(hints[f.name])
        keys = tuple((k.text, k.line, k.column) for k, _ in node.items)
        keys += tuple((f"{k.text}[{i}]", item.line, item.column)
                      for k, v in node.items if isinstance(v, Sequence)
                      for i, item in enumerate(v.items))
        where = Where(self.path, keypath, node.line, node.column, keys, frozenset(damaged))
        obj = cls(**values, where=where)
        self.built.append(obj)
        return obj

    def _blank(self, cls: type, node: Node, keypath: str, preset: dict[str, str]) -> Any:
        """Return a stand-in ``cls`` for a value that was not a mapping: every field blank
        but ``preset``, every key marked damaged."""
        hints = _hints(cls)
        values: dict[str, Any] = {f.name: preset.get(f.name, blank(hints[f.name]))
                                  for f in spec_fields(cls)}
        where = Where(self.path, keypath, node.line, node.column, (),
                      frozenset(yaml_name(f) for f in spec_fields(cls)))
        return cls(**values, where=where)


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    """Return the field types of a data class, resolved once."""
    return typing.get_type_hints(cls)


def blank(tp: Any) -> Any:
    """Return the stand-in for a value of type ``tp`` that could not be read: nothing, or the
    first choice of a fixed set (never shown: a spec with a stand-in is never built)."""
    origin = typing.get_origin(tp)
    if origin in (Union, types.UnionType):
        return None
    if origin is tuple:
        return ()
    if origin is Literal:
        return typing.get_args(tp)[0]
    if tp is datetime.date:
        return datetime.date.min
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return tp(**{f.name: blank(_hints(tp)[f.name]) for f in spec_fields(tp)})
    return tp() if tp in (str, bool) else tp(1)


def describe(tp: Any) -> str:
    """Name a field type for an editor: 'text', 'a date', 'one of a, b'."""
    origin = typing.get_origin(tp)
    if origin is Literal:
        return "one of " + ", ".join(typing.get_args(tp))
    if tp is datetime.date:
        return "a date (YYYY-MM-DD)"
    if tp is str:
        return "text"
    if tp is bool:
        return "true or false"
    if tp is int:
        return "a whole number"
    if tp is float:
        return "a number"
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return tp.__name__
    return str(tp)
