"""handouts: turn reviewed YAML specs into print-ready, versioned PDF handouts."""

from __future__ import annotations

__version__ = "0.1.0"
