"""Write phase: put rendered pages on disk, touching only what changed.

Rewriting unchanged files would wake `mkdocs serve`'s watcher and loop.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_tree(files: dict[str, str], out: Path, *, prune: bool = True) -> list[str]:
    """Write `files` under `out`; remove stale generated files. Returns changed paths."""
    changed = []
    out.mkdir(parents=True, exist_ok=True)
    for rel, text in sorted(files.items()):
        target = out / rel
        data = text.encode("utf-8")
        if target.is_file() and target.read_bytes() == data:
            continue
        write_atomically(target, data)
        changed.append(rel)
    if prune:
        wanted = {out / rel for rel in files}
        for path in sorted(out.rglob("*"), reverse=True):
            if path.is_file() and path not in wanted:
                path.unlink()
                changed.append(path.relative_to(out).as_posix())
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    return changed


def write_atomically(target: Path, data: bytes) -> None:
    """Write through a temporary file in the same folder, so no reader ever sees half a file.

    The temporary name is unique, so two processes writing the same file cannot clash;
    on failure it is removed and the OSError is raised.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def copy_tree(src: Path, files: dict[str, str]) -> dict[str, str]:
    """Add the hand-written Markdown pages of `src` to `files` (for a complete tree)."""
    merged = dict(files)
    for path in sorted(src.rglob("*.md")):
        rel = path.relative_to(src).as_posix()
        if rel in merged:
            raise ValueError(f"{rel} findes både i content/ og blandt de genererede sider")
        merged[rel] = path.read_text(encoding="utf-8")
    return merged
