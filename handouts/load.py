"""Read a YAML file into a small tree of located nodes, refusing what YAML should not do.

PyYAML is used only to parse and compose: nothing is ever constructed from a tag,
so no YAML input can create an object. Aliases, duplicate keys and custom tags are
reported as problems, each with its line and column.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from .errors import Location, Problem, SpecError

try:
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # PyYAML built without libyaml
    _Loader = yaml.SafeLoader

MAX_DEPTH = 32
INVALID = "invalid"  # the kind of a node already reported as a problem
_STANDARD_TAGS = {
    "tag:yaml.org,2002:" + name
    for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
}


@dataclass(frozen=True)
class Node:
    """A located YAML node (1-based line and column)."""

    line: int
    column: int


@dataclass(frozen=True)
class Scalar(Node):
    """A scalar as written; ``kind`` is what YAML would resolve it to (str, int, ...)."""

    text: str
    kind: str
    quoted: bool


@dataclass(frozen=True)
class Sequence(Node):
    """A YAML list."""

    items: tuple[Node, ...]


@dataclass(frozen=True)
class Mapping(Node):
    """A YAML mapping, keys in the order written, duplicates already refused."""

    items: tuple[tuple[Scalar, Node], ...]


def read_yaml(path: Path, display: str) -> tuple[Node, list[Problem]]:
    """Parse ``path`` into a located node tree and the problems found in it.

    Raise SpecError when the file cannot be parsed at all.
    """
    loc = Location(display)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SpecError([Problem(loc, f"cannot read the file: {exc.strerror}")]) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SpecError([Problem(
            loc,
            f"the file is not UTF-8 text (byte {exc.start} is 0x{data[exc.start]:02x})",
            "save it as UTF-8",
        )]) from None
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = Location(display, mark.line + 1, mark.column + 1) if mark else loc
        what = exc.problem or exc.context or "invalid YAML"
        hint = "indent with spaces, not tabs" if "\t" in text and "tab" in str(exc) else ""
        raise SpecError([Problem(where, f"YAML syntax error: {what}", hint)]) from None
    except yaml.YAMLError as exc:
        raise SpecError([Problem(loc, f"YAML error: {exc}")]) from None
    if root is None:
        raise SpecError([Problem(loc, "the file is empty", "start from an example in the README")])
    problems: list[Problem] = []
    tree = _convert(root, display, problems, set(), 0)
    return tree, problems


def _convert(
    node: yaml.Node, display: str, problems: list[Problem], seen: set[int], depth: int,
    site: tuple[int, int] | None = None,
) -> Node:
    """Turn a PyYAML node into a located Node, collecting problems.

    ``site`` is where the node is used (its key), which differs from where it was
    written when it is reached through an alias.
    """
    line, column = node.start_mark.line + 1, node.start_mark.column + 1
    here = Location(display, line, column)
    if id(node) in seen:  # libyaml shares an anchored node with every alias to it
        line, column = site or (line, column)
        problems.append(Problem(Location(display, line, column),
                                "YAML aliases (*name) are not allowed",
                                "write the value out in full"))
        return Scalar(line, column, "", INVALID, False)
    seen.add(id(node))
    if depth > MAX_DEPTH:
        problems.append(Problem(here, f"nested more than {MAX_DEPTH} levels deep"))
        return Scalar(line, column, "", INVALID, False)
    if node.tag not in _STANDARD_TAGS:
        problems.append(Problem(here, f"YAML tag {node.tag!r} is not allowed",
                                "remove the tag; write plain values"))
        return Scalar(line, column, "", INVALID, False)
    if isinstance(node, yaml.ScalarNode):
        return Scalar(line, column, node.value, node.tag.rsplit(":", 1)[-1], node.style in ("'", '"'))
    if isinstance(node, yaml.SequenceNode):
        items = tuple(_convert(item, display, problems, seen, depth + 1, (line, column))
                      for item in node.value)
        return Sequence(line, column, items)
    pairs: list[tuple[Scalar, Node]] = []
    first: dict[str, int] = {}
    for key_node, value_node in node.value:
        key = _convert(key_node, display, problems, seen, depth + 1)
        value = _convert(value_node, display, problems, seen, depth + 1,
                         (key.line, key.column))
        if not isinstance(key, Scalar):
            problems.append(Problem(Location(display, key.line, key.column),
                                    "a key must be a plain word, not a list or mapping"))
            continue
        if key.text in first:
            problems.append(Problem(
                Location(display, key.line, key.column),
                f"duplicate key {key.text!r} (first at line {first[key.text]})",
                "remove one of them; YAML would silently keep only the last",
            ))
            continue
        first[key.text] = key.line
        pairs.append((key, value))
    return Mapping(line, column, tuple(pairs))
