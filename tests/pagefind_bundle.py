"""What Pagefind indexed: its page fragments in <site>/pagefind/fragment/, read back.

Each fragment is gzip-compressed JSON behind a 12-byte signature ("pagefind_dcd"): the page's
URL, title, indexed text and the headings (anchors) its sections start at.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

SIGNATURE = b"pagefind_dcd"


def fragments(site: Path) -> dict[str, dict[str, Any]]:
    """{page URL path: fragment} for every page in the search index."""
    found = {}
    for path in sorted((site / "pagefind" / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(SIGNATURE), path
        fragment = json.loads(data[len(SIGNATURE) :])
        found[fragment["url"]] = fragment
    return found
