"""Load the shared bibliography: CSL YAML, as Pandoc and Zotero write it, checked entry by entry."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from handouts.errors import Location, Problem
from handouts.model.urls import url_problem
from handouts.spec.convert import did_you_mean
from handouts.spec.quotes import NOTE_FIELDS, read_flag, read_quotes
from handouts.spec.yamltree import INVALID, Mapping, Node, Scalar, Sequence, read_yaml

FILE_NAME = "references.yaml"
KEY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]*$")
DOI = re.compile(r"^10\.\d{4,9}/\S+$")
ET_AL = "others"  # a name {literal: others} stands for authors not listed: "et al."

TYPES = (
    "article", "article-journal", "article-magazine", "article-newspaper", "bill", "book",
    "broadcast", "chapter", "classic", "collection", "dataset", "document", "entry",
    "entry-dictionary", "entry-encyclopedia", "event", "figure", "graphic", "hearing",
    "interview", "legal_case", "legislation", "manuscript", "map", "motion_picture",
    "musical_score", "pamphlet", "paper-conference", "patent", "performance", "periodical",
    "personal_communication", "post", "post-weblog", "regulation", "report", "review",
    "review-book", "software", "song", "speech", "standard", "thesis", "treaty", "webpage",
)
NAME_VARIABLES = ("author", "editor", "translator", "container-author", "collection-editor",
                  "composer", "director", "interviewer", "recipient", "reviewed-author")
DATE_VARIABLES = ("issued", "accessed", "event-date", "original-date", "submitted")
TEXT_VARIABLES = (
    "id", "type", "title", "title-short", "container-title", "container-title-short",
    "collection-title", "publisher", "publisher-place", "event-title", "event-place", "genre",
    "medium", "number", "volume", "issue", "page", "edition", "section", "source", "status",
    "version", "DOI", "ISBN", "ISSN", "PMID", "PMCID", "URL", "language", "abstract", "note",
    "annote", "archive", "archive_location", "authority", "call-number", "chapter-number",
    "collection-number", "keyword", "license", "number-of-pages", "number-of-volumes",
    "original-title", "references", "scale", "dimensions", "jurisdiction", "citation-key",
)
NAME_PARTS = ("family", "given", "literal", "suffix", "non-dropping-particle",
              "dropping-particle")
KNOWN = (*TEXT_VARIABLES, *NAME_VARIABLES, *DATE_VARIABLES, *NOTE_FIELDS)
UNDATED = object()  # ``issued: undated``: the source itself shows no date


@dataclass(frozen=True)
class Reference:
    """One bibliography entry: its key, CSL-JSON data, and where it is written."""

    key: str
    csl: tuple[tuple[str, Any], ...]
    location: Location
    read: bool = True
    """False: no one has read the source's own text yet (``read: false``)."""
    quotes: tuple[tuple[str, str], ...] = ()
    """The supporting wording of each passage, by the locator citations write."""

    def quote(self, locator: str) -> str:
        """Return the quoted wording of the passage at ``locator``, or ''."""
        return dict(self.quotes).get(" ".join(locator.split()), "")

    def data(self) -> dict[str, Any]:
        """Return the entry as a CSL-JSON dictionary (a fresh copy)."""
        return {name: _copy(value) for name, value in self.csl}

    def get(self, name: str, default: Any = None) -> Any:
        """Return one CSL variable of the entry."""
        return dict(self.csl).get(name, default)


@dataclass(frozen=True)
class Bibliography:
    """Every reference of the project, in the order written."""

    path: str
    references: tuple[Reference, ...] = ()

    def keys(self) -> list[str]:
        """Return every key, in the order written."""
        return [r.key for r in self.references]

    def get(self, key: str) -> Reference | None:
        """Return the reference with ``key``, or None."""
        return next((r for r in self.references if r.key == key), None)


def _copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_copy(v) for v in value]
    return value


def _freeze(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _freeze(v) for k, v in value.items()}
    if isinstance(value, list):
        return tuple(_freeze(v) for v in value)
    return value


def load_bibliography(path: Path, display: str,
                      root: Path | None = None) -> tuple[Bibliography, list[Problem]]:
    """Read a CSL YAML bibliography; return it with every problem (errors and warnings).

    Given ``root``, a link leading out of that folder is refused before it is read.
    """
    tree, problems = read_yaml(path, display, root)
    reader = _EntryReader(display)
    entries = tree
    if isinstance(tree, Mapping):
        found = [value for key, value in tree.items if key.text == "references"]
        others = [key for key, _ in tree.items if key.text != "references"]
        for key in others:
            reader.problem(key, key.text, f"unknown key {key.text!r}",
                           "a bibliography holds one key, references: followed by a list")
        entries = found[0] if found else Sequence(tree.line, tree.column, ())
    if not isinstance(entries, Sequence):
        reader.problem(entries, "references", "expected a list of references")
        return Bibliography(display), problems + reader.problems
    references: list[Reference] = []
    first: dict[str, Reference] = {}
    for i, node in enumerate(entries.items):
        reference = reader.entry(node, f"references[{i}]")
        if reference is None:
            continue
        if reference.key in first:
            reader.problems.append(Problem(
                reference.location, f"duplicate reference id {reference.key!r} (first at line "
                f"{first[reference.key].location.line})", "give each reference its own id"))
            continue
        first[reference.key] = reference
        references.append(reference)
    return Bibliography(display, tuple(references)), problems + reader.problems + \
        same_titles(references)


def same_titles(references: list[Reference]) -> list[Problem]:
    """Warn of two references with one title: usually a title copied by mistake."""
    seen: dict[str, Reference] = {}
    problems = []
    for ref in references:
        title = " ".join(str(ref.get("title", "")).lower().split())
        if title in seen:
            other = seen[title]
            problems.append(Problem(
                ref.location, f"references {other.key!r} and {ref.key!r} have the same title",
                f"check both titles against their sources, this one and line "
                f"{other.location.line}'s; if one work has two entries, keep one", warning=True))
        elif title:
            seen[title] = ref
    return problems


class _EntryReader:
    """Read and check CSL entries, collecting problems."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []

    def problem(self, node: Node, keypath: str, message: str, hint: str = "",
                warning: bool = False) -> None:
        self.problems.append(Problem(Location(self.path, node.line, node.column, keypath),
                                     message, hint, warning))

    def entry(self, node: Node, keypath: str) -> Reference | None:
        """Read one entry; return None when it has errors."""
        if not isinstance(node, Mapping):
            self.problem(node, keypath, "expected a mapping of CSL fields (id, type, title, ...)")
            return None
        before = len([p for p in self.problems if not p.warning])
        fields = {key.text: (key, value) for key, value in node.items}
        data: dict[str, Any] = {}
        notes: dict[str, Any] = {}
        for name, (key, value) in fields.items():
            sub = f"{keypath}.{name}"
            if name == "read":
                notes[name] = read_flag(value, sub, self.problem)
            elif name == "quotes":
                notes[name] = read_quotes(value, sub, self.problem)
            elif name not in KNOWN:
                self.problem(key, sub, f"unknown CSL field {name!r}" + did_you_mean(name, KNOWN),
                             "see the CSL variables, e.g. container-title, DOI, URL, issued")
            elif name in NAME_VARIABLES:
                data[name] = self.names(value, sub)
            elif name in DATE_VARIABLES:
                data[name] = self.date(value, sub)
            else:
                data[name] = self.text(value, sub)
        for name in ("id", "type", "title"):
            if name not in fields:
                self.problem(node, keypath, f"missing {name!r}",
                             "every reference needs id, type and title")
        ident = data.get("id")
        if isinstance(ident, str) and not KEY.match(ident):
            self.problem(fields["id"][1], f"{keypath}.id", f"{ident!r} is not a valid id",
                         "use letters, digits and - _ . :, e.g. peters2017")
        kind = data.get("type")
        if isinstance(kind, str) and kind not in TYPES:
            self.problem(fields["type"][1], f"{keypath}.type",
                         f"unknown CSL type {kind!r}" + did_you_mean(kind, TYPES),
                         "e.g. article-journal, report, webpage")
        doi = data.get("DOI")
        if isinstance(doi, str) and not DOI.match(doi):
            self.problem(fields["DOI"][1], f"{keypath}.DOI", f"malformed DOI {doi!r}",
                         "write the bare DOI, e.g. 10.1056/NEJMoa1704795")
        url = data.get("URL")
        wrong = url_problem(url) if isinstance(url, str) else None
        if wrong:
            self.problem(fields["URL"][1], f"{keypath}.URL", f"URL {url!r}: {wrong[0]}",
                         wrong[1])
        if not isinstance(ident, str):
            return None
        location = Location(self.path, node.line, node.column, keypath)
        # An entry with errors is still returned, so citations of it are not reported too;
        # its errors stop the build.
        has_errors = len([p for p in self.problems if not p.warning]) > before
        if data.get("issued") is UNDATED:  # the source shows no date: Harvard prints 'no date'
            del data["issued"]
        elif "issued" not in data and not has_errors:
            self.problems.append(Problem(
                location, f"reference {ident!r} has no issued date",
                "add issued: its year (or issued: undated, if the source shows no date); "
                "until then it prints as 'no date'", warning=True))
        if kind == "webpage" and not url and not has_errors:
            self.problems.append(Problem(location, f"web page {ident!r} has no URL",
                                         "add URL: its address, so readers can find it",
                                         warning=True))
        if url and not doi and "accessed" not in data and not has_errors:
            self.problems.append(Problem(location, f"web source {ident!r} has no accessed date",
                                         "add accessed: YYYY-MM-DD, the day it was last checked",
                                         warning=True))
        return Reference(ident, tuple((k, _freeze(v)) for k, v in data.items()), location,
                         **notes)

    def text(self, node: Node, keypath: str) -> Any:
        if not isinstance(node, Scalar) or node.kind in ("null", INVALID):
            if not (isinstance(node, Scalar) and node.kind == INVALID):
                self.problem(node, keypath, "expected text")
            return None
        return node.text.strip()

    def names(self, node: Node, keypath: str) -> Any:
        if not isinstance(node, Sequence):
            self.problem(node, keypath, "expected a list of names, e.g. [{family: Peters, "
                                        "given: S.}]")
            return None
        names = []
        for i, item in enumerate(node.items):
            if not isinstance(item, Mapping):
                self.problem(item, f"{keypath}[{i}]", "expected a name: {family: ..., given: ...}"
                                                       " or {literal: ...}")
                continue
            name = {}
            for key, value in item.items:
                if key.text not in NAME_PARTS:
                    self.problem(key, f"{keypath}[{i}].{key.text}", f"unknown name part "
                                 f"{key.text!r}" + did_you_mean(key.text, NAME_PARTS))
                else:
                    name[key.text] = self.text(value, f"{keypath}[{i}].{key.text}")
            names.append(name)
        return names

    def date(self, node: Node, keypath: str) -> Any:
        """Read a year, a YYYY-MM-DD date, or CSL's {date-parts: [[y, m, d]]}; for ``issued``,
        also ``undated``: the source shows no date."""
        if isinstance(node, Scalar):
            text = node.text.strip()
            if text == "undated" and keypath.endswith(".issued"):
                return UNDATED
            try:
                if re.fullmatch(r"\d{4}", text):
                    return {"date-parts": [[int(text)]]}
                if re.fullmatch(r"\d{4}-\d{2}", text):
                    day = datetime.date.fromisoformat(text + "-01")
                    return {"date-parts": [[day.year, day.month]]}
                day = datetime.date.fromisoformat(text)
                return {"date-parts": [[day.year, day.month, day.day]]}
            except ValueError:
                pass
        elif isinstance(node, Mapping) and [k.text for k, _ in node.items] == ["date-parts"]:
            parts = node.items[0][1]
            if (isinstance(parts, Sequence) and len(parts.items) == 1
                    and isinstance(parts.items[0], Sequence)
                    and all(isinstance(p, Scalar) and p.text.isdigit()
                            for p in parts.items[0].items)):
                return {"date-parts": [[int(p.text) for p in parts.items[0].items  # type: ignore[attr-defined]
                                        ]]}
        self.problem(node, keypath, "expected a date: a year (2017), YYYY-MM-DD, or "
                                    "{date-parts: [[2017, 9, 1]]}"
                     + (", or undated" if keypath.endswith(".issued") else ""))
        return None
