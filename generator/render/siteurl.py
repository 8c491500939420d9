"""The site's public address: set in one place, and one rule for when it is real.

The address is `site_url` in mkdocs.yml, which reads $SITE_URL (`SITE_URL=https://… make site`;
the GitHub Pages workflow passes the address Pages gives). MkDocs puts it in canonical links and
the sitemap; the generator prints it, as text and QR code, on handouts and question cards.
A code that leads nowhere is worse than none, so an address that is missing, a reserved example
domain (example.dk, *.example.com, .test …) or a local or private one prints nothing: a host
named localhost (`mkdocs serve`), *.localhost, *.local, *.internal, one without a dot, and any
IP address that is not globally reachable (ipaddress' is_global: loopback, private, link-local,
shared, documentation …), read as a browser reads a host (the WHATWG URL standard): 127.1,
0x7f.0.0.1 and 2130706433 are all 127.0.0.1, [::ffff:127.0.0.1] is too.

Whatever the user gives ($SITE_URL, site_url in mkdocs.yml, `--site-url`) is checked by
`check` before it reaches a page, a printed handout or a QR code: only
`http(s)://host[:port]/path/`, no user name or password, query, fragment, spaces, quotes
or control characters. The command line, the site build and the MkDocs plugin all call it.
"""

from __future__ import annotations

import ipaddress
import json
import re
import string
from urllib.parse import urlsplit

# RFC 2606 / RFC 6761 reserve these top-level names for examples and tests.
RESERVED_TLDS = {"example", "test", "invalid"}
# Any host with this label (example.com, example.dk, kvalitet.example.dk) is a placeholder.
PLACEHOLDER_LABEL = "example"
# Names that only lead somewhere on the reader's own machine or network: RFC 6761 (localhost),
# RFC 6762 (local, mDNS), RFC 8375 (home.arpa), ICANN's private-use "internal", and the usual
# "lan" and "localdomain".
LOCAL_SUFFIXES = ("localhost", "local", "internal", "home.arpa", "lan", "localdomain")


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
    if reason := _invalid(site_url):  # the callers have checked it; this keeps the print side safe too
        return f"{json.dumps(site_url, ensure_ascii=False)} er ikke en gyldig adresse: {reason}"
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
    if _is_local_host(host):
        return f"{site_url} er en lokal eller privat adresse"
    return None


def _is_local_host(host: str) -> bool:
    """True for a host that readers elsewhere cannot reach (`host` lower case, no trailing dot)."""
    ip = host_address(host)
    if ip is None:  # a name
        return "." not in host or any(host == s or host.endswith("." + s) for s in LOCAL_SUFFIXES)
    if isinstance(ip, ipaddress.IPv6Address):
        # An IPv4 address inside an IPv6 one is that IPv4 address ([::ffff:127.0.0.1], 6to4);
        # the deprecated IPv4-compatible ::a.b.c.d leads nowhere.
        inner = ip.ipv4_mapped or ip.sixtofour
        if inner is not None:
            ip = inner
        elif int(ip) >> 32 == 0:
            return True
    return not ip.is_global or ip.is_multicast


class InvalidHost(ValueError):
    """A host that ends in a number but is no IPv4 address: a browser refuses the URL."""


def host_address(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """The IP address a browser makes of a URL's host, or None for a domain name.

    IPv6 in brackets (or without, as urlsplit gives it). Otherwise as the WHATWG URL standard's
    host parser reads it: a host whose last label is a number (decimal, 0x hex or 0-prefixed
    octal) is an IPv4 address of one to four numbers, the last filling the bytes left ("127.1"
    is 127.0.0.1, "2130706433" too), or else InvalidHost (a browser refuses the URL)."""
    if host.startswith("[") or ":" in host:  # urlsplit's hostname drops the brackets
        return ipaddress.IPv6Address(host.strip("[]"))
    parts = host.split(".")
    if len(parts) > 1 and parts[-1] == "":
        parts.pop()
    if not _ends_in_a_number(parts[-1]):
        return None
    numbers = [_ipv4_number(part) for part in parts]
    if len(parts) > 4 or None in numbers:
        raise InvalidHost(host)
    values = [n for n in numbers if n is not None]
    if any(n > 255 for n in values[:-1]) or values[-1] >= 256 ** (5 - len(values)):
        raise InvalidHost(host)
    address = values[-1] + sum(n << (8 * (3 - i)) for i, n in enumerate(values[:-1]))
    return ipaddress.IPv4Address(address)


def _ends_in_a_number(last: str) -> bool:
    return (last != "" and last.isascii() and last.isdigit()) or (
        last[:2].lower() == "0x" and all(c in string.hexdigits for c in last[2:])
    )


def _ipv4_number(part: str) -> int | None:
    """One number of an IPv4 host as the WHATWG standard reads it, or None if it is none."""
    digits, base, allowed = part, 10, string.digits
    if part[:2].lower() == "0x":
        digits, base, allowed = part[2:], 16, string.hexdigits
    elif len(part) > 1 and part[0] == "0":
        digits, base, allowed = part[1:], 8, string.octdigits
    if part == "" or not all(c in allowed for c in digits):
        return None
    return int(digits, base) if digits else 0


class InvalidSiteUrl(ValueError):
    """The address is not `http(s)://host[:port]/path/`; the message is Danish and names
    the variable or flag it came from."""


_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_HOST = rf"(?:{_LABEL}(?:\.{_LABEL})*\.?|\[[0-9A-Fa-f:.]+\])"
# Path characters: RFC 3986 unreserved, a few sub-delimiters and %XX. Not & ' ( ): they
# change meaning in HTML attributes, CSS or JavaScript that may one day carry the address.
_PATH = r"(?:/(?:[A-Za-z0-9\-._~!$*+,;=:@]|%[0-9A-Fa-f]{2})*)*"
_ADDRESS = re.compile(rf"(?P<scheme>https?)://(?P<host>{_HOST})(?::(?P<port>[0-9]{{1,5}}))?(?P<path>{_PATH})")
_FORM = "Adressen skal have formen https://vært[:port]/sti/, fx https://kvalitet-socialpsykiatri.dk/"
MAX_LENGTH = 500


def check(value: str, name: str) -> str:
    """`value` as the site's address, ending in "/"; else InvalidSiteUrl naming `name`
    (e.g. "SITE_URL", "--site-url", "site_url i mkdocs.yml")."""
    if reason := _invalid(value):
        raise InvalidSiteUrl(
            f"{name}={json.dumps(value, ensure_ascii=False)} er ikke en gyldig adresse: {reason}. {_FORM}."
        )
    return value if value.endswith("/") else value + "/"


def _invalid(value: str) -> str | None:
    """Why `value` is not `http(s)://host[:port]/path/`, in Danish, or None."""
    if reason := _bad_character(value):
        return reason
    scheme, sep, rest = value.partition("://")
    if not sep or scheme not in ("http", "https"):
        return "den skal begynde med https:// (eller http://)"
    authority = re.split(r"[/?#]", rest, maxsplit=1)[0]
    if "@" in authority:
        return "den må ikke indeholde brugernavn eller adgangskode (…@)"
    if "?" in rest:
        return "den må ikke have en forespørgsel (?…)"
    if "#" in rest:
        return "den må ikke have et fragment (#…)"
    if not value.isascii():
        return _not_ascii(authority)
    found = _ADDRESS.fullmatch(value)
    if found is None:
        return "værtsnavnet eller stien har tegn, der ikke må stå der"
    if found["port"] is not None and not 0 < int(found["port"]) < 65536:
        return "porten skal være et tal fra 1 til 65535"
    try:
        host_address(found["host"].lower())
    except InvalidHost:
        return "værtsnavnet ender på et tal, men er ikke en gyldig IPv4-adresse (fx 192.0.2.1)"
    except ValueError:
        return "IPv6-adressen i [ ] er ikke gyldig"
    return None


def _bad_character(value: str) -> str | None:
    """Characters that end or break an HTML attribute or a printed line."""
    if len(value) > MAX_LENGTH:
        return f"den er længere end {MAX_LENGTH} tegn"
    for char in value:
        if char.isspace() or not char.isprintable():
            return "den indeholder mellemrum, linjeskift eller kontroltegn"
        if char in "\"'`<>\\{}|^":
            return f"tegnet {char} må ikke stå i en adresse"
    return None


def _not_ascii(authority: str) -> str:
    """What to write instead of letters outside ASCII (a host as punycode)."""
    host = authority.rsplit(":", 1)[0] if authority.count(":") == 1 else authority
    if host.isascii():
        return "stien skal skrives med ASCII-tegn (æ, ø og å som %C3%A6, %C3%B8 og %C3%A5)"
    try:
        hint = f"; skriv værtsnavnet som {host.encode('idna').decode('ascii')}"
    except UnicodeError:
        hint = ""
    return f"værtsnavnet skal skrives med ASCII-tegn (punycode){hint}"
