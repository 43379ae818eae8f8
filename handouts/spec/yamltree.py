"""Read a YAML file into a small tree of located nodes, refusing what YAML should not do.

The tree is built here from PyYAML's event stream, without recursion: nothing is
ever constructed from a tag, so no YAML input can create an object; aliases, tags,
duplicate keys and deep nesting are reported as problems with their line and
column; and size and depth are bounded, so no input can exhaust memory or stack.
"""

from __future__ import annotations

import re
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
    lines = text.splitlines()
    line = lines[mark.line] if mark.line < len(lines) else ""
    if "\t" in line[:mark.column + 1]:
        return Problem(where, "YAML syntax error: a tab character in the indentation",
                       "indent with spaces, not tabs")
    if "quoted scalar" in (exc.context or ""):
        return Problem(where, "YAML syntax error: this quoted text is never closed",
                       "add the closing quote")
    said = _plainly(exc.problem or "", exc.context or "", line, mark.column, at_end)
    if said is not None:
        return Problem(where, f"YAML syntax error: {said[0]}", said[1])
    what = exc.problem or "invalid YAML"
    if exc.context and context is not None and context is not mark:
        what += f" ({exc.context} at line {context.line + 1})"
    elif exc.context:
        what = f"{exc.context}: {what}"
    return Problem(where, f"YAML syntax error: {what}")


QUOTE_ME = "put the whole text in double quotes"
KEY_AND_TEXT = re.compile(r"^(\s*(?:-\s+)?[^\s:'\"#{}\[\],][^:]*?):\s+(.+?)\s*$")
"""A line (or an item of a { } mapping) written 'key: text'."""


def _plainly(problem: str, context: str, line: str, column: int,
             at_end: bool) -> tuple[str, str] | None:
    """Return what a YAML syntax error means for a spec and what to do, for the errors an
    editor makes most; None for the rest, which are said in PyYAML's words."""
    before = line[:column]
    if problem == "mapping values are not allowed in this context":
        if ": " in before:
            return ("a ': ' (a colon and a space) inside text that is not in quotes starts a "
                    "new key", QUOTE_ME + _quoted(line))
        return ("this line holds a key, but it is indented under the text above it, as if "
                "it went on with it", "line the key up with the key above it; or, if it "
                "goes on with the text, put the whole text in double quotes")
    if problem.startswith("did not find expected ','") and "flow" in context:
        opening, closing = ("{", "}") if "mapping" in context else ("[", "]")
        if at_end:
            return f"this {opening} is never closed", f"add the closing {closing}"
        start = max(before.rfind(c) for c in "{[,") + 1
        ends = [i for i in (line.find(c, column) for c in ",}]") if i >= 0]
        item = line[start:min(ends)] if ends else line[start:]
        return (f"inside {opening} {closing}, text that holds ': ', a comma or a bracket must "
                "be in quotes", QUOTE_ME + _quoted(item, inline=True)
                + ", or write each key on a line of its own")
    if problem == "did not find expected key" and re.search(r"['\"]\s*$", before):
        return ("text goes on after a closing quote", "put the whole text in double quotes, "
                "writing \\\" for a \" inside them; or in single quotes, writing '' for a '")
    if problem == "found character that cannot start any token":
        return (f"text not in quotes cannot start with {line[column:column + 1]!r}",
                "put the text in double quotes")
    if problem == "block sequence entries are not allowed in this context":
        return ("a list cannot start on the line of its key",
                "start each item ('- ...') on a line of its own, indented under the key; for "
                "text that begins with '- ', put it in double quotes")
    return None


def _quoted(line: str, inline: bool = False) -> str:
    """Return ', e.g. key: "text"' for a line (or { } item) written 'key: text', else ''."""
    found = KEY_AND_TEXT.match(line)
    if found is None:
        return ""
    key, text = found.group(1).strip() if inline else found.group(1).lstrip(), found.group(2)
    text = text if len(text) <= 50 else text[:48].rstrip() + " …"
    quoted = text.replace("\\", "\\\\").replace('"', '\\"')
    return f', e.g. {key}: "{quoted}"'


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
