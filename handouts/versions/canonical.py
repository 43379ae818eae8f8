"""Plain, canonical forms of the model: for hashing released content and for diffs."""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
import json
from typing import Any

from handouts.model.content import GOVERNANCE_FIELDS, Handout
from handouts.spec.bibliography import Bibliography
from handouts.spec.walk import cited_keys


def plain(obj: Any) -> Any:
    """Return ``obj`` as JSON-ready data: data classes as dicts of their YAML keys.

    Locations are left out, so moving or re-indenting a key changes nothing.
    """
    if dataclasses.is_dataclass(obj):
        return {str(f.metadata.get("yaml", f.name)): plain(getattr(obj, f.name))
                for f in dataclasses.fields(obj) if not f.metadata.get("skip")}
    if isinstance(obj, (tuple, list)):
        return [plain(item) for item in obj]
    if isinstance(obj, datetime.date):
        return obj.isoformat()
    return obj


def content(handout: Handout, bibliography: Bibliography) -> dict[str, Any]:
    """Return what a handout says: its fields but the governance ones, and its references."""
    data = {k: v for k, v in plain(handout).items() if k not in GOVERNANCE_FIELDS}
    refs = (bibliography.get(key) for key in cited_keys(handout))
    data["references"] = {r.key: r.data() for r in refs if r is not None}
    return data


def content_hash(handout: Handout, bibliography: Bibliography) -> str:
    """Return a SHA-256 of a handout's content, the same however the YAML is laid out."""
    text = json.dumps(content(handout, bibliography), sort_keys=True, ensure_ascii=False,
                      separators=(",", ":"))
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()
