"""Read a YAML file into a small tree of located nodes, refusing what YAML should not do.

The tree is built here from PyYAML's event stream, without recursion: nothing is
ever constructed from a tag, so no YAML input can create an object; aliases, tags,
duplicate keys and deep nesting are reported as problems with their line and
column; and size and depth are bounded, so no input can exhaust memory or stack.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from handouts.errors import Location, Problem, SpecError
from handouts.spec.regular import read_regular

try:
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # PyYAML built without libyaml
    _Loader = yaml.SafeLoader

MAX_DEPTH = 32
MAX_BYTES = 2_000_000
INVALID = "invalid"  # the kind of a node already reported as a problem
_STANDARD_TAGS = {
    "tag:yaml.org,2002:" + name
    for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
} | {"!"}  # '!' is the tag of a quoted scalar: plain text
_RESOLVER = yaml.resolver.Resolver()


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


def read_yaml(path: Path, display: str, root: Path | None = None) -> tuple[Node, list[Problem]]:
    """Parse ``path`` into a located node tree and the problems found in it.

    Raise SpecError when the file cannot be read (see ``read_regular``; ``root`` is the
    folder it must not lead out of) or parsed at all.
    """
    loc = Location(display)
    data = read_regular(path, display, MAX_BYTES, root)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SpecError([Problem(
            loc,
            f"the file is not UTF-8 text (byte {exc.start} is 0x{data[exc.start]:02x})",
            "save it as UTF-8",
        )]) from None
    return parse_yaml(text, display)


def parse_yaml(text: str, display: str) -> tuple[Node, list[Problem]]:
    """Parse YAML text into a located node tree and the problems found in it."""
    builder = _TreeBuilder(display)
    try:
        for event in yaml.parse(text, Loader=_Loader):
            builder.add(event)
            if builder.fatal:
                break
    except yaml.MarkedYAMLError as exc:
        raise SpecError([_syntax_problem(exc, text, display)]) from None
    except yaml.reader.ReaderError as exc:
        before = text[:exc.position]
        where = Location(display, before.count("\n") + 1, len(before) - before.rfind("\n"))
        raise SpecError([Problem(where, f"the character U+{exc.character:04X} cannot be in a "
                                        "YAML file", "delete it; to write it in text, use a "
                                        'double-quoted escape such as "\\t"')]) from None
    except yaml.YAMLError as exc:
        what = " ".join(str(exc).split())
        raise SpecError([Problem(Location(display), f"YAML error: {what}")]) from None
    if builder.fatal:
        raise SpecError(builder.problems)
    if builder.root is None:
        raise SpecError([Problem(Location(display), "the file is empty",
                                 "start from an example in the README")])
    return builder.root, builder.problems


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str, display: str) -> Problem:
    """Word a YAML syntax error for an editor: where it starts, what is wrong, the fix."""
    mark, context = exc.problem_mark, exc.context_mark
    at_end = mark is not None and mark.index >= len(text.rstrip())
    if context is not None and (mark is None or at_end):
        mark = context  # e.g. an unclosed quote: point at where it opens, not at the end
    if mark is None:
        return Problem(Location(display), f"YAML syntax error: {exc.problem or exc}")
    where = Location(display, mark.line + 1, mark.column + 1)
    line = text.splitlines()[mark.line] if mark.line < len(text.splitlines()) else ""
    if "\t" in line[:mark.column + 1]:
        return Problem(where, "YAML syntax error: a tab character in the indentation",
                       "indent with spaces, not tabs")
    what = exc.problem or "invalid YAML"
    if exc.context and context is not None and context is not mark:
        what += f" ({exc.context} at line {context.line + 1})"
    elif exc.context:
        what = f"{exc.context}: {what}"
    if "quoted scalar" in (exc.context or ""):
        return Problem(where, "YAML syntax error: this quoted text is never closed",
                       "add the closing quote")
    return Problem(where, f"YAML syntax error: {what}")


@dataclass
class _Open:
    """A list or mapping whose end has not been read yet."""

    line: int
    column: int
    is_map: bool
    items: list[Node] = field(default_factory=list)
    invalid: bool = False


class _TreeBuilder:
    """Build located nodes from parser events, with an explicit stack."""

    def __init__(self, display: str) -> None:
        self.display = display
        self.problems: list[Problem] = []
        self.stack: list[_Open] = []
        self.root: Node | None = None
        self.fatal = False

    def problem(self, line: int, column: int, message: str, hint: str = "") -> None:
        self.problems.append(Problem(Location(self.display, line, column), message, hint))

    def add(self, event: yaml.Event) -> None:
        """Take one parser event."""
        if not isinstance(event, (yaml.NodeEvent, yaml.CollectionEndEvent)):
            return
        if isinstance(event, yaml.CollectionEndEvent):
            done = self.stack.pop()
            node: Node = (Scalar(done.line, done.column, "", INVALID, False) if done.invalid
                          else self._mapping(done) if done.is_map
                          else Sequence(done.line, done.column, tuple(done.items)))
            self._attach(node)
            return
        line, column = event.start_mark.line + 1, event.start_mark.column + 1
        if isinstance(event, yaml.AliasEvent):
            self.problem(line, column, "YAML aliases (*name) are not allowed",
                         "write the value out in full")
            self._attach(Scalar(line, column, "", INVALID, False))
            return
        tag = getattr(event, "tag", None)
        if tag is not None and tag not in _STANDARD_TAGS:
            self.problem(line, column, f"YAML tag {tag!r} is not allowed",
                         "remove the tag; write plain values")
        if isinstance(event, yaml.ScalarEvent):
            quoted = event.style in ("'", '"', "|", ">")
            kind = _RESOLVER.resolve(yaml.ScalarNode, event.value, event.implicit)
            if tag is not None and tag not in _STANDARD_TAGS:
                kind = INVALID
            self._attach(Scalar(line, column, event.value, kind.rsplit(":", 1)[-1], quoted))
            return
        if len(self.stack) >= MAX_DEPTH:
            self.problem(line, column, f"nested more than {MAX_DEPTH} levels deep",
                         "a spec needs only a few levels: check the indentation")
            self.fatal = True
            return
        self.stack.append(_Open(line, column, isinstance(event, yaml.MappingStartEvent),
                                invalid=tag is not None and tag not in _STANDARD_TAGS))

    def _attach(self, node: Node) -> None:
        if self.stack:
            self.stack[-1].items.append(node)
        else:
            self.root = node

    def _mapping(self, done: _Open) -> Mapping:
        """Pair up a mapping's keys and values, refusing duplicate and non-text keys."""
        pairs: list[tuple[Scalar, Node]] = []
        first: dict[str, int] = {}
        for key, value in zip(done.items[::2], done.items[1::2]):
            if not isinstance(key, Scalar):
                self.problem(key.line, key.column,
                             "a key must be a plain word, not a list or mapping")
                continue
            if key.text in first:
                self.problem(key.line, key.column,
                             f"duplicate key {key.text!r} (first at line {first[key.text]})",
                             "remove one of them; YAML would silently keep only the last")
                continue
            first[key.text] = key.line
            pairs.append((key, value))
        return Mapping(done.line, done.column, tuple(pairs))
