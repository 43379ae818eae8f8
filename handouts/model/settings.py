"""The project's settings: who publishes the handouts, where, and in which editions."""

from __future__ import annotations

import string
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from handouts.model.fields import Where, spec_field, where_field
from handouts.model.profile import PROFILES, ProfileName
from handouts.model.urls import link_target, url_problem

RESERVED_HOSTS = ("example.com", "example.net", "example.org", "localhost")
RESERVED_TLDS = (".example", ".test", ".invalid", ".localhost")
VERSIONS = "versions"
"""The folder of the build folder that holds a page for every version of every handout."""
PLACEHOLDERS = ("slug", "version", "major")
"""What a leaflet reference scheme may hold, each as a bare {name}."""


@dataclass(frozen=True)
class Publisher:
    """The organisation that issues the handouts, as every NHS leaflet names it."""

    name: str = spec_field("Its name, printed on every handout, e.g. 'Anytown NHS Trust'.", "")
    phone: str = spec_field("A phone number for readers' questions about a handout.", "")
    logo: str = spec_field("A PNG or JPEG logo, relative to handouts.yaml.", "")
    reference: str = spec_field(
        "The leaflet reference scheme, with {slug}, {version} and {major}, e.g. "
        "'LUNG-{slug}-{major}'.", "")
    other_formats: str = spec_field(
        "How to ask for the information in another format or language.",
        "This information is also available in large print, on A5 paper and as a web page.")
    urgent_name: str = spec_field(
        "The name of the line patients call when unwell, e.g. '24-hour acute oncology line'.",
        "24-hour acute oncology line")
    urgent_phone: str = spec_field("Its phone number, printed in patient handouts.", "")
    where: Where = where_field()

    def urgent_line(self) -> str:
        """Return what a patient handout says about getting help at once, as plain text.

        >>> Publisher(urgent_phone="01234 567999").urgent_line()[-27:]
        'day or night: 01234 567999.'
        """
        line = f"If you feel very unwell, call the {self.urgent_name} at once, day or night"
        if self.urgent_phone:
            return f"{line}: {self.urgent_phone}."
        return f"{line}. Your team will give you its number."

    def leaflet_reference(self, slug: str, version: str) -> str:
        """Return a handout's leaflet reference, e.g. 'LUNG-alk-sequencing-3', or ''.

        >>> Publisher(reference="LUNG-{slug}-{major}").leaflet_reference("alk", "3.1.0")
        'LUNG-alk-3'
        """
        if not self.reference or reference_problem(self.reference):
            return ""
        return self.reference.format(slug=slug, version=version, major=version.split(".")[0])


@dataclass(frozen=True)
class Settings:
    """Settings read by both `handouts` and make, from handouts.yaml."""

    base_url: str = spec_field(
        "Where the build folder is published; every handout links there in words and a QR "
        "code. A placeholder (example.org) prints no QR code and cannot be released.", "")
    profiles: tuple[ProfileName, ...] = spec_field(
        f"The editions to build: {', '.join(PROFILES)}.", tuple(PROFILES))
    publisher: Publisher = spec_field("Who issues the handouts.", Publisher())
    where: Where = where_field()

    @property
    def publishable_url(self) -> str:
        """Return the base address as a link, or '' while it is a placeholder or not allowed.

        >>> Settings(base_url="javascript://x.nhs.uk/%0aalert(1)").publishable_url
        ''
        """
        if is_placeholder(self.base_url) or url_problem(self.base_url):
            return ""
        return link_target(self.base_url.rstrip("/"))

    def url(self, slug: str, version: str) -> str:
        """Return the address of the page of ``version`` of ``slug``, which says whether it
        is the latest, or '' if no address is set (or the whole is not one allowed).

        >>> Settings(base_url="https://nhs.uk/alk/").url("alk-sequencing", "2.0.0")
        'https://nhs.uk/alk/versions/alk-sequencing/2.0.0.html'
        """
        base = self.publishable_url
        address = f"{base}/{version_page(slug, version)}"
        return link_target(address) if base and not url_problem(address) else ""


def version_page(slug: str, version: str) -> str:
    """Return where, in the build folder, the page of one version of a handout or pack is.

    >>> version_page("alk-sequencing", "2.0.0")
    'versions/alk-sequencing/2.0.0.html'
    """
    return f"{VERSIONS}/{quote(slug, safe='')}/{quote(version, safe='')}.html"


def reference_problem(scheme: str) -> str | None:
    """Return what is wrong with a leaflet reference scheme, or None if it is fine.

    Only bare {slug}, {version} and {major} are allowed: no attribute, index, conversion or
    format, which could print a memory address or ask for a huge string.

    >>> reference_problem("LUNG-{slug}-{major}") is None, reference_problem("{slug.__len__}")
    (True, "uses '{slug.__len__}'")
    """
    try:
        fields = [(name, spec, conversion)
                  for _, name, spec, conversion in string.Formatter().parse(scheme)
                  if name is not None]
    except ValueError as exc:
        return f"is malformed ({exc})"
    for name, spec, conversion in fields:
        if name not in PLACEHOLDERS or spec or conversion:
            written = name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec
                                                                          else "")
            return f"uses {'{' + written + '}'!r}"
    return None


def is_placeholder(url: str) -> bool:
    """Tell whether an address is missing or a reserved example that can never be published.

    >>> is_placeholder("https://handouts.example.org/alk"), is_placeholder("https://nhs.uk/a")
    (True, False)
    """
    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:  # not a placeholder but malformed, which url_problem says
        return False
    return (not host or host.endswith(RESERVED_TLDS)
            or any(host == h or host.endswith("." + h) for h in RESERVED_HOSTS))
