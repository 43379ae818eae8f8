"""The project's one error hierarchy; every error knows where it comes from."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Location:
    """A place in a spec file: path, 1-based line and column, and the key path."""

    path: str
    line: int = 0
    column: int = 0
    keypath: str = ""

    def __str__(self) -> str:
        where = self.path
        if self.line:
            where += f":{self.line}:{self.column}"
        return f"{where}: {self.keypath}" if self.keypath else where


class HandoutsError(Exception):
    """Base class of every error the project reports to a user."""


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a spec, located, with a hint on how to fix it."""

    location: Location
    message: str
    hint: str = ""
    warning: bool = False

    def __str__(self) -> str:
        text = f"{self.location}: {'warning: ' if self.warning else ''}{self.message}"
        return f"{text} ({self.hint})" if self.hint else text


class SpecError(HandoutsError):
    """One or more problems in specs; raised after all of them were collected."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def __reduce__(self) -> tuple[type, tuple[list[Problem]]]:
        return (SpecError, (self.problems,))  # so it crosses to and from worker processes


class ToolError(HandoutsError):
    """An external tool (Graphviz) or resource (a font) is missing or failed."""


class BuildError(HandoutsError):
    """The document could not be laid out or written."""
