"""The site's public address: set in one place, and one rule for when it is real.

The address is `site_url` in mkdocs.yml, which reads $SITE_URL (`SITE_URL=https://… make site`;
the GitHub Pages workflow passes the address Pages gives). MkDocs puts it in canonical links and
the sitemap; the generator prints it, as text and QR code, on handouts and question cards.
A code that leads nowhere is worse than none, so an address that is missing, a reserved example
domain (example.dk, *.example.com, .test …) or a local one (`mkdocs serve`) prints nothing.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

# RFC 2606 / RFC 6761 reserve these top-level names; "local" is mDNS.
RESERVED_TLDS = {"example", "test", "invalid", "localhost", "local"}
# Any host with this label (example.com, example.dk, kvalitet.example.dk) is a placeholder.
PLACEHOLDER_LABEL = "example"


def public_address(site_url: str | None) -> str:
    """`site_url` if readers can reach it from a printed page, else ""."""
    return site_url if site_url and _why_not(site_url) is None else ""


def notice(site_url: str | None) -> str | None:
    """The one line (Danish) a build says when it prints no address, or None when it does."""
    reason = _why_not(site_url) if site_url else "SITE_URL er ikke sat"
    if reason is None:
        return None
    return (
        f"Ingen offentlig adresse ({reason}): udskrifter af temaer og spørgsmålskort får hverken "
        "adresse eller QR-kode. Sæt adressen sådan: SITE_URL=https://din-adresse/ make site"
    )


def _why_not(site_url: str) -> str | None:
    """Why `site_url` is not a public address, or None if it is one."""
    try:
        parts = urlsplit(site_url)
        host = (parts.hostname or "").rstrip(".").lower()
    except ValueError:
        return f"{site_url} er ikke en gyldig adresse"
    if parts.scheme not in ("http", "https") or not host:
        return f"{site_url} er ikke en gyldig adresse"
    labels = host.split(".")
    if labels[-1] in RESERVED_TLDS or PLACEHOLDER_LABEL in labels:
        return f"{site_url} er en eksempeladresse"
    if _is_local_ip(host) or len(labels) == 1:
        return f"{site_url} er en lokal adresse"
    return None


def _is_local_ip(host: str) -> bool:
    try:
        ip = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return ip.is_loopback or ip.is_private or ip.is_unspecified or ip.is_link_local
