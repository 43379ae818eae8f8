"""Lay out DOT text with Graphviz's ``dot``: the only code that starts a subprocess."""

from __future__ import annotations

import os
import shutil
import subprocess

from handouts.errors import ToolError

TIMEOUT_SECONDS = 30.0  # override with HANDOUTS_DOT_TIMEOUT (seconds)
INSTALL_HINT = "install Graphviz (Debian/Ubuntu: apt-get install graphviz; or run make)"


def run_dot(dot_text: str, fmt: str, *options: str) -> bytes:
    """Lay out ``dot_text`` with ``dot`` and return the output in format ``fmt``."""
    timeout = float(os.environ.get("HANDOUTS_DOT_TIMEOUT", TIMEOUT_SECONDS))
    exe = shutil.which("dot")
    if exe is None:
        raise ToolError(f"Graphviz 'dot' was not found on PATH: {INSTALL_HINT}")
    try:
        done = subprocess.run(
            [exe, f"-T{fmt}", *options],
            input=dot_text.encode("utf-8"),
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise ToolError(f"Graphviz 'dot' took longer than {timeout:g} s and was stopped; "
                        "simplify the flowchart, or check the Graphviz installation") from None
    except OSError as exc:
        raise ToolError(f"Graphviz 'dot' could not be started: {exc.strerror}") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        detail = message[-1] if message else f"exit status {done.returncode}"
        raise ToolError(f"Graphviz 'dot -T{fmt}' failed: {detail}")
    return done.stdout
