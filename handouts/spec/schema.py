"""Describe the spec format as JSON Schema, from the same data classes that read it."""

from __future__ import annotations

import dataclasses
import datetime
import types
import typing
from typing import Any, Literal, Union

from handouts.model.handout import Handout
from handouts.model.pack import Pack
from handouts.model.settings import Settings
from handouts.model.walk import spec_fields, yaml_name
from handouts.spec.convert import is_required

KINDS = {"handout": Handout, "pack": Pack, "settings": Settings}
"""What `handouts schema` describes: a handout spec, a pack, or handouts.yaml."""


def json_schema(kind: str = "handout") -> dict[str, Any]:
    """Return a JSON Schema (draft 2020-12) of a handout spec, a pack or the settings."""
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema",
              "title": f"handouts {kind}"}
    schema.update(_object(KINDS[kind]))
    return schema


def _object(cls: type, skip: str = "") -> dict[str, Any]:
    """Return the schema of a data class written as a YAML mapping."""
    hints = typing.get_type_hints(cls)
    props: dict[str, Any] = {}
    required = []
    for f in spec_fields(cls):
        if f.name == skip:
            continue
        name = yaml_name(f)
        props[name] = {"description": f.metadata["doc"], **_type(hints[f.name], f.metadata)}
        if is_required(f):
            required.append(name)
    doc = (cls.__doc__ or "").strip().splitlines()[0]
    schema = {"type": "object", "description": doc, "properties": props,
              "required": required, "additionalProperties": False}
    if getattr(cls, "one_key", False):
        schema.update(minProperties=1, maxProperties=1)
    return schema


def _type(tp: Any, meta: typing.Mapping[str, Any]) -> dict[str, Any]:
    """Return the schema of one field type."""
    origin = typing.get_origin(tp)
    if origin in (Union, types.UnionType):
        (inner,) = [a for a in typing.get_args(tp) if a is not type(None)]
        return _type(inner, meta)
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return _object(tp)
    if origin is tuple:
        item = typing.get_args(tp)[0]
        if meta.get("keyed"):
            return {"type": "object", "additionalProperties": _object(item, meta["keyed"])}
        return {"type": "array", "items": _type(item, {})}
    if origin is Literal:
        return {"enum": list(typing.get_args(tp))}
    if tp is datetime.date:
        return {"type": "string", "format": "date"}
    if tp is bool:
        return {"type": "boolean"}
    if tp is int:
        return {"type": "integer", "exclusiveMinimum": 0}
    if tp is float:
        return {"type": "number", "exclusiveMinimum": 0}
    schema: dict[str, Any] = {"type": "string"}
    if meta.get("pattern"):
        schema["pattern"] = meta["pattern"]
    return schema
