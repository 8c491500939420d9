"""Atomic, reproducible site build: nothing is published unless everything built.

MkDocs empties `site_dir` before it renders, so a build that fails midway
would leave a half-empty site. Here MkDocs builds into a fresh folder next to
the target (`site.<random>/`, same file system); only a successful strict build
is swapped in. A failed build removes its own folder and leaves the previous
`site/` byte-for-byte as it was.

Builds are reproducible: SOURCE_DATE_EPOCH (honoured by MkDocs for the sitemap
dates and the gzip header of sitemap.xml.gz) is set from the last git commit,
or a fixed date outside git, unless the caller has set it.
"""

from __future__ import annotations

import fcntl
import logging
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

FALLBACK_EPOCH = "1609459200"  # 2021-01-01, the year of the mappings; used outside git


class BuildFailed(Exception):
    """The build did not succeed; the published site is untouched."""


def source_date_epoch(project: Path) -> str:
    """Seconds since 1970 of the last commit, so two builds of one commit are identical."""
    try:
        out = subprocess.run(
            ["git", "log", "-1", "--format=%ct"],
            cwd=project,
            capture_output=True,
            text=True,
            check=True,
            timeout=30,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return FALLBACK_EPOCH
    return out if out.isdigit() else FALLBACK_EPOCH


def _log_to(stream) -> logging.Handler:
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    return handler


def build_into(config_file: Path, site_dir: Path) -> None:
    """Run the real MkDocs build (strict) into `site_dir`; raise BuildFailed on any failure."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    try:
        cfg = load_config(str(config_file), site_dir=str(site_dir), strict=True)
        build(cfg)
    except MkDocsException as exc:  # Abort, PluginError, ConfigurationError …
        raise BuildFailed(str(exc)) from None


def build_site(config_file: Path, site_dir: Path, *, stream=sys.stderr) -> None:
    """Build into a temporary folder next to `site_dir`; swap it in only on success."""
    config_file = config_file.resolve()
    site_dir = site_dir.resolve()
    saved = {k: os.environ.get(k) for k in ("SOURCE_DATE_EPOCH", "NO_MKDOCS_2_WARNING")}
    os.environ.setdefault("SOURCE_DATE_EPOCH", source_date_epoch(config_file.parent))
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    lock = _lock(site_dir.parent)  # one build at a time per folder; released when the process ends
    _remove_leftovers(site_dir)
    staging = Path(tempfile.mkdtemp(prefix=f"{site_dir.name}.", suffix=".new", dir=site_dir.parent))
    handler = _log_to(stream)
    try:
        build_into(config_file, staging)
        _swap(staging, site_dir)
    finally:
        os.close(lock)
        logging.getLogger("mkdocs").removeHandler(handler)
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)


def _lock(folder: Path) -> int:
    """An exclusive lock on the folder that holds site/, so two builds never swap at once."""
    fd = os.open(folder, os.O_RDONLY)
    fcntl.flock(fd, fcntl.LOCK_EX)
    return fd


def _remove_leftovers(site_dir: Path) -> None:
    """Staging folders of builds that were killed (we hold the lock: none is running)."""
    for pattern in (f"{site_dir.name}.*.new", f"{site_dir.name}.*.old"):
        for old in site_dir.parent.glob(pattern):
            if old.is_dir() and not old.is_symlink():
                shutil.rmtree(old, ignore_errors=True)


def _swap(new: Path, target: Path) -> None:
    """Put `new` in place of `target`. Two renames on one file system; rolled back on error."""
    if not target.exists():
        new.rename(target)
        return
    old = Path(tempfile.mkdtemp(prefix=f"{target.name}.", suffix=".old", dir=target.parent))
    old.rmdir()
    target.rename(old)
    try:
        new.rename(target)
    except OSError:
        old.rename(target)
        raise
    shutil.rmtree(old, ignore_errors=True)


def main(config_file: Path, site_dir: Path) -> int:
    """Command line entry: Danish summary, exit code 0 or 1, no traceback for a failed build."""
    try:
        build_site(config_file, site_dir)
    except BuildFailed:
        print(
            f"Sitet blev ikke bygget. Det udgivne {site_dir.name}/ er ikke ændret. "
            "Ret fejlene ovenfor og prøv igen (kør evt. 'make validate').",
            file=sys.stderr,
        )
        return 1
    print(f"Sitet er bygget i {site_dir}/.", file=sys.stderr)
    return 0
