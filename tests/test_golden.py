"""Golden tests: the rendered Markdown of one theme and one case, byte for byte.

After a deliberate template change, regenerate with `UPDATE_GOLDEN=1 make test`
and read the diff before committing it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator import generate

from .conftest import MINIMAL

GOLDEN = Path(__file__).parent / "golden"


@pytest.mark.parametrize("page", ["bostoette/fleksibel.md", "cases/aaby.md"])
def test_rendered_markdown_matches_golden_file(page):
    text = generate(MINIMAL, site_url="https://eksempel.dk/").files[page]
    golden = GOLDEN / page.replace("/", "__")
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")
