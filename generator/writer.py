"""Write phase: put rendered pages on disk, touching only what changed.

Rewriting unchanged files would wake `mkdocs serve`'s watcher and loop.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from pathlib import Path


def write_tree(files: Mapping[str, str | bytes], out: Path, *, prune: bool = True) -> list[str]:
    """Write `files` (text or bytes) under `out`; remove stale files. Returns changed paths."""
    changed = []
    out.mkdir(parents=True, exist_ok=True)
    for rel, text in sorted(files.items()):
        target = out / rel
        data = text if isinstance(text, bytes) else text.encode("utf-8")
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


def write_atomically(target: Path, data: bytes, *, temporary: str | None = None) -> None:
    """Write through a temporary file in the same folder, so no reader ever sees half a file.

    The temporary name is unique, so two processes writing the same file cannot clash;
    on failure it is removed and the OSError is raised. `temporary` names it instead (a name
    the caller has announced, so a killed process's half-written file is known as its own).
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    if temporary is not None:
        tmp = str(target.parent / temporary)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)  # the umask applies
    else:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        os.fchmod(fd, 0o666 & ~umask())  # mkstemp's 0600 would hide the file from other users
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def umask() -> int:
    """The process's umask, read without changing it (Linux); else set and restored."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    old = os.umask(0o022)
    os.umask(old)
    return old
