"""Run an external program (Graphviz, poppler, git): the one place that starts a subprocess.

Every failure becomes a ToolError that names the program, what went wrong and how to fix
it: not installed, too slow, or an error of its own (its last line of stderr).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from typing import IO, TypeVar

from handouts.errors import ToolError

T = TypeVar("T")


def _find(program: str, name: str, install: str) -> str:
    exe = shutil.which(program)
    if exe is None:
        raise ToolError(f"{name} was not found on PATH: {install}")
    return exe


def run(program: str, args: list[str], *, data: bytes = b"", install: str, name: str = "",
        timeout: float = 60.0, what: str = "", slow: str = "check the input") -> bytes:
    """Run ``program`` with ``args`` and ``data`` on stdin; return its stdout.

    ``install`` says how to get the program, ``name`` what to call it (e.g. "Graphviz
    'dot'"), ``what`` the job, ``slow`` what to do when it times out;
    HANDOUTS_<PROGRAM>_TIMEOUT (seconds) overrides ``timeout``.
    """
    name = name or f"'{program}'"
    exe = _find(program, name, install)
    timeout = float(os.environ.get(f"HANDOUTS_{program.upper()}_TIMEOUT", timeout))
    try:
        done = subprocess.run([exe, *args], input=data, capture_output=True, timeout=timeout,
                              check=False)
    except subprocess.TimeoutExpired:
        raise ToolError(f"{name} took longer than {timeout:g} s{what and ' ' + what} and was "
                        f"stopped; {slow}") from None
    except OSError as exc:
        raise ToolError(f"{name} could not be started: {exc.strerror}") from None
    if done.returncode != 0:
        lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
        detail = lines[-1] if lines else f"exit status {done.returncode}"
        raise ToolError(f"{name} failed{what and ' ' + what}: {detail}")
    return done.stdout


def stream(program: str, args: list[str], read: Callable[[IO[bytes]], T], *, data: bytes,
           install: str, name: str = "", what: str = "") -> T:
    """Run ``program`` on ``data`` (all of it read before any output, as a PDF must be), and
    return what ``read`` makes of its stdout as it comes, never holding all of it at once."""
    name = name or f"'{program}'"
    exe = _find(program, name, install)
    try:
        child = subprocess.Popen([exe, *args], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE)
    except OSError as exc:
        raise ToolError(f"{name} could not be started: {exc.strerror}") from None
    with child:
        assert child.stdin is not None and child.stdout is not None
        try:
            child.stdin.write(data)
            child.stdin.close()
            result = read(child.stdout)
        except (OSError, ValueError):
            result = None
        child.stdout.read()  # whatever read() left, so that the program can finish
        lines = child.stderr.read().decode("utf-8", "replace").strip().splitlines()  # type: ignore[union-attr]
    if child.returncode != 0 or result is None:
        detail = lines[-1] if lines else f"exit status {child.returncode}"
        raise ToolError(f"{name} failed{what and ' ' + what}: {detail}")
    return result
