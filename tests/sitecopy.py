"""A project copy to build and break: mkdocs.yml pointed at copied content."""

from __future__ import annotations

import shutil
from pathlib import Path

from .conftest import ROOT

# Every hand-written page gets a stand-in, so the nav and redirects find them.
HAND_WRITTEN = sorted(p.relative_to(ROOT / "content").as_posix() for p in (ROOT / "content").rglob("*.md"))
# Anchors in hand-written pages that generated pages link to.
LINKED_ANCHORS = {"om-kortlaegningerne.md": ("pejlemaerker", "indsatskatalog")}


def minimal_docs(tmp: Path) -> Path:
    """Stand-ins for the hand-written pages (the real ones link to the real content)."""
    docs = tmp / "docs"
    docs.mkdir()
    for name in HAND_WRITTEN:
        sections = "".join(f"\n## {a} {{ #{a} }}\n" for a in LINKED_ANCHORS.get(name, ()))
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text(f"# {name}\n\nTekst.\n{sections}", encoding="utf-8")
    shutil.copytree(ROOT / "content" / "assets", docs / "assets")
    return docs


def write_config(tmp: Path, data: Path, docs: Path | None = None) -> Path:
    """The project's mkdocs.yml with docs_dir, data_dir and watch pointed at copies."""
    docs = docs or minimal_docs(tmp)
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for old, new in [
        ("docs_dir: content", f"docs_dir: {docs}"),
        ("custom_dir: overrides", f"custom_dir: {ROOT / 'overrides'}"),
        ("data_dir: themes_data", f"data_dir: {data}"),
        ("\n  - themes_data\n", f"\n  - {data}\n"),
        ("\n  - generator\n", f"\n  - {ROOT / 'generator'}\n"),
    ]:
        assert old in text, old
        text = text.replace(old, new)
    config = tmp / "mkdocs.yml"
    config.write_text(text, encoding="utf-8")
    return config
