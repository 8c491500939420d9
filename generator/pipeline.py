"""The generator's pipeline: load → validate → link → render.

MkDocs-free: the CLI and the MkDocs plugin both call `generate`.
"""

from __future__ import annotations

from pathlib import Path

from .linker import Site, link
from .loader import load
from .render import Rendered, render


def load_site(data_dir: Path) -> Site:
    """Load, validate and link; raises ContentErrors with every problem found."""
    return link(load(data_dir))


def generate(data_dir: Path, site_url: str = "") -> Rendered:
    """`site_url` is the published base URL (for printed URLs and QR codes); "" leaves them out."""
    return render(load_site(data_dir), site_url=site_url)
