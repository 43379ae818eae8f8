"""Web addresses a handout links to: which are allowed, and how they are written in a link.

An address is allowed when it is http(s), names a real host, and holds no space or control
character; every other scheme (javascript:, data:, file:, ftp:) is refused, so no address
from a spec or the settings can run script or reach a local file. ``link_target`` then
percent-encodes what may not stand in an address (a quote, '<', a space), so the address is
safe inside an HTML or ReportLab attribute and in a QR code.
"""

from __future__ import annotations

import ipaddress
import re
import unicodedata
from urllib.parse import quote, urlsplit

MAX_URL = 2000
"""The longest address accepted, in characters (browsers and QR readers cope with this)."""
SCHEMES = ("https", "http")
_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
_SAFE = "!#$%&'()*+,-./:;=?@[]_~"  # RFC 3986's reserved and unreserved marks, and '%'


def url_problem(url: str) -> tuple[str, str] | None:
    """Return what is wrong with a web address to link to, and how to fix it; None if fine.

    >>> url_problem("https://www.nhs.uk/conditions/lung-cancer/") is None
    True
    >>> url_problem("javascript://x.org/%0aalert(1)")[0]
    "the address must start https:// (or http://), not 'javascript:'"
    """
    if len(url) > MAX_URL:
        return (f"the address is {len(url)} characters long, more than {MAX_URL}",
                "give the address of the page itself, without a long query")
    bad = next((c for c in url if c.isspace() or unicodedata.category(c)[0] == "C"), None)
    if bad is not None:
        return (f"the address holds a space or control character (U+{ord(bad):04X})",
                "remove it; write a space that belongs in the address as %20")
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018  (a port that is not a number raises here)
    except ValueError as exc:
        return (f"the address is malformed ({exc})",
                "write it as https://host/path; an IPv6 host goes in brackets, "
                "https://[2001:db8::1]/")
    if parts.scheme.lower() not in SCHEMES:
        said = f", not {parts.scheme + ':'!r}" if parts.scheme else ""
        return (f"the address must start https:// (or http://){said}",
                "give the full web address, e.g. https://www.example.nhs.uk/handouts")
    if "@" in parts.netloc:
        return ("the address holds a user name or password (before '@')",
                "remove it: a published address needs none")
    host = parts.hostname or ""
    if not host or not _real_host(host, parts.netloc.startswith("[")):
        return (f"the address names no valid host ({host or 'none'!r})",
                "write a host name such as www.example.nhs.uk after https://")
    return None


def _real_host(host: str, bracketed: bool) -> bool:
    """Tell whether ``host`` is an IP address (IPv6 in brackets) or a DNS name."""
    if bracketed:
        try:
            ipaddress.IPv6Address(host)
        except ValueError:
            return False
        return True
    try:
        name = host.encode("idna").decode("ascii")
    except UnicodeError:  # an empty or over-long label, or characters no name may hold
        return False
    labels = name.rstrip(".").split(".")
    return len(name) <= 253 and all(_LABEL.match(label) for label in labels)


def link_target(url: str) -> str:
    """Return an address with every character that may not stand in one percent-encoded.

    >>> link_target('https://pubmed.ncbi.nlm.nih.gov/?term="alectinib"+ALK')
    'https://pubmed.ncbi.nlm.nih.gov/?term=%22alectinib%22+ALK'
    """
    return quote(url, safe=_SAFE)
