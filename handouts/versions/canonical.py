"""Plain, canonical forms of the model: for hashing released content and for diffs."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from handouts.model.handout import GOVERNANCE_FIELDS, Handout
from handouts.model.pack import Pack
from handouts.model.walk import said
from handouts.spec.bibliography import Bibliography
from handouts.spec.sources import cited_keys


def content(handout: Handout, bibliography: Bibliography) -> dict[str, Any]:
    """Return what a handout says: its fields but the governance ones, and its references."""
    data = {k: v for k, v in said(handout).items() if k not in GOVERNANCE_FIELDS}
    refs = (bibliography.get(key) for key in cited_keys(handout))
    data["references"] = {r.key: r.data() for r in refs if r is not None}
    return data


def content_hash(handout: Handout, bibliography: Bibliography) -> str:
    """Return a SHA-256 of a handout's content, the same however the YAML is laid out."""
    return _digest(content(handout, bibliography))


def pack_hash(pack: Pack, members: dict[str, str]) -> str:
    """Return a SHA-256 of a pack's content: what it says and the content hash of each
    handout it holds (``members``: slug → hash), in its order."""
    data = {k: v for k, v in said(pack).items() if k not in ("version", "updated")}
    data["handouts"] = [[slug, members.get(slug, "")] for slug in pack.handouts]
    return _digest(data)


def _digest(data: dict[str, Any]) -> str:
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()
