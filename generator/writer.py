"""Write phase: put rendered pages on disk, touching only what changed.

Rewriting unchanged files would wake `mkdocs serve`'s watcher and loop.
"""

from __future__ import annotations

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
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.tmp")
        tmp.write_bytes(data)
        tmp.replace(target)
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


def copy_tree(src: Path, files: dict[str, str]) -> dict[str, str]:
    """Add the hand-written Markdown pages of `src` to `files` (for a complete tree)."""
    merged = dict(files)
    for path in sorted(src.rglob("*.md")):
        rel = path.relative_to(src).as_posix()
        if rel in merged:
            raise ValueError(f"{rel} findes både i content/ og blandt de genererede sider")
        merged[rel] = path.read_text(encoding="utf-8")
    return merged
