"""QR codes for printed theme pages, made at build time, never by an outside service.

Making a code is pure-Python work (about 3 ms each) that gives the same result for
the same address every time, so codes are kept in the user's cache folder and a
new build only makes the codes of addresses it has not seen before.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
from importlib import metadata
from pathlib import Path
from typing import Any

from generator.writer import write_atomically

# A fixed mask: choosing the best of eight was 80 % of the generator's time on the real
# site, and any mask gives a valid code. Part of the cache key, with segno's version.
_OPTIONS: dict[str, Any] = {"error": "m", "mask": 0}
_SVG: dict[str, Any] = {"scale": 4, "border": 2, "dark": "#000", "light": "#fff"}


@functools.cache
def _key() -> str:
    # segno is imported only to make a code: it imports urllib and ssl (tens of ms per build).
    return f"segno {metadata.version('segno')} {sorted(_OPTIONS.items())} {sorted(_SVG.items())}"


# What a cached code must look like before it is put into a page (a damaged or
# foreign file in the cache is made again instead).
_DATA_URI = re.compile(r"data:image/svg\+xml;charset=utf-8,[A-Za-z0-9%._-]{100,20000}")


def cache_dir() -> Path:
    """$VIVE_CACHE_DIR, else the user's cache folder ($XDG_CACHE_HOME or ~/.cache)."""
    if os.environ.get("VIVE_CACHE_DIR"):
        return Path(os.environ["VIVE_CACHE_DIR"]) / "qr"
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "vive-generator" / "qr"


def make_qr(url: str) -> str:
    """The QR code for `url` as an SVG data URI, made now."""
    import segno

    return segno.make(url, **_OPTIONS).svg_data_uri(**_SVG)


@functools.lru_cache(maxsize=4096)  # `mkdocs serve` renders every page on every save
def qr_data_uri(url: str) -> str:
    """The QR code for `url`, from the cache folder if made before."""
    path = cache_dir() / (hashlib.sha256(f"{_key()}\n{url}".encode()).hexdigest()[:32] + ".txt")
    try:
        cached = path.read_text(encoding="ascii")
        if _DATA_URI.fullmatch(cached):
            return cached
    except (OSError, UnicodeDecodeError):
        pass
    made = make_qr(url)
    _store(path, made)
    return made


def _store(path: Path, text: str) -> None:
    """A cache that cannot be written is skipped: it only costs time."""
    try:
        write_atomically(path, text.encode("ascii"))
    except OSError:
        pass
