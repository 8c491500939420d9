"""Atomic, reproducible site build: nothing is published unless everything built.

MkDocs empties `site_dir` before it renders, so a build that fails midway
would leave a half-empty site. Here the engine (passed in as a `Builder`, never imported)
builds into a fresh folder next to the target (`site.vive-<random>.new/`, same file system);
only a successful strict build is swapped in. A failed build removes its own folder and leaves the previous
`site/` byte-for-byte as it was. Which folders may be written and removed is
generator/publish/outdir.py's rule: the old site is replaced only if every file in it is one
the build wrote and listed, unchanged (its manifest, `.vive-site`); its own staging and backup
folders are recognised by the marker written into that very folder. A site/ that cannot be
renamed (a mount point, such as a Docker volume) is written into file by file instead.

Builds are reproducible: SOURCE_DATE_EPOCH (honoured by MkDocs for the sitemap
dates and the gzip header of sitemap.xml.gz) is set from the last git commit,
or a fixed date outside git, unless the caller has set it.
"""

from __future__ import annotations

import errno
import fcntl
import logging
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Protocol, TextIO

from generator.errors import os_reason
from generator.publish import outdir, output_check
from generator.publish.html_policy import OwnScripts
from generator.publish.manifest import (
    Digest,
    Manifest,
    digest_files,
    files_in,
    refusal,
    remove_temporaries,
    survey,
)
from generator.render import siteurl

FALLBACK_EPOCH = "1609459200"  # 2021-01-01, the year of the mappings; used outside git


class Builder(Protocol):
    """The engine's part of `make site` (generator/engine.py's `Engine`): passed in, never imported."""

    @property
    def logger(self) -> str:
        """The logger the engine reports on: its messages go to the build's stream."""
        ...

    def build_into(
        self, config_file: Path, site_dir: Path, *, data_dir: Path | None = None
    ) -> OwnScripts | None:
        """A strict build into `site_dir` (raise BuildFailed on any failure); the site's own scripts
        for the check of the output, or None when the engine already checked every page."""
        ...


class BuildFailed(Exception):
    """The build did not succeed; the published site is untouched.

    `reason` is a Danish sentence for failures MkDocs has not already reported itself
    (a full disk, a template error); empty when the errors were logged during the build.
    `published` is False when the build never started (the folder or the address refused);
    `unchanged` is False when a site written in place (a mount point) stopped half-way.
    """

    def __init__(self, reason: str = "", *, published: bool = True, unchanged: bool = True) -> None:
        super().__init__(reason)
        self.reason = reason
        self.published = published
        self.unchanged = unchanged


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


def _log_to(stream: TextIO, name: str) -> logging.Handler:
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger = logging.getLogger(name)
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    return handler


def build_site(
    config_file: Path,
    site_dir: Path,
    *,
    engine: Builder,
    data_dir: Path | None = None,
    stream: TextIO | None = None,
) -> None:
    """Build with `engine` into a staging folder next to `site_dir`; swap it in only on success.

    `site_dir` must be missing, empty or hold only files this command wrote and listed, unchanged
    (outdir.check_target, _check_owned); the folders it makes beside it carry its name and marker,
    and only those are removed. `data_dir` replaces the content folder mkdocs.yml names.
    `stream` (the log and the notices): sys.stderr as it is when the build runs.
    """
    stream = sys.stderr if stream is None else stream
    config_file = config_file.resolve()
    try:
        also = [data_dir] if data_dir is not None else []
        site_dir = outdir.check_target(site_dir, outdir.SITE, config_file, also=also)
    except outdir.FolderRefused as exc:
        raise BuildFailed(str(exc), published=False) from None
    check_site_url_variable()
    saved = {k: os.environ.get(k) for k in ("SOURCE_DATE_EPOCH",)}
    os.environ.setdefault("SOURCE_DATE_EPOCH", source_date_epoch(config_file.parent))
    staging = None
    handler = _log_to(stream, engine.logger)
    try:
        site_dir.parent.mkdir(parents=True, exist_ok=True)
        lock = _lock(site_dir.parent)  # one build at a time per folder; released when the process ends
        try:
            if _recover(site_dir):
                print(
                    f"Et tidligere byg blev afbrudt midt i udskiftningen af {site_dir.name}/; "
                    f"det sidst udgivne {site_dir.name}/ er lagt tilbage.",
                    file=stream,
                )
            _remove_leftovers(site_dir, stream)
            in_place = _check_owned(site_dir)
            _check_replaceable(site_dir)
            staging = outdir.new_folder(site_dir, outdir.SITE, "new")
            _check_output(staging, engine.build_into(config_file, staging, data_dir=data_dir))
            files = digest_files(staging, files_in(staging, outdir.SITE))
            outdir.SITE.write(staging, files)
            _sync_tree(staging)
            in_place = _check_owned(site_dir) or in_place  # again: nothing may have come in meanwhile
            if in_place:
                left = _install_in_place(staging, site_dir, files)
            else:
                left = _swap(staging, site_dir, files)
        finally:
            os.close(lock)
        if left:
            print(left, file=stream)
    except outdir.FolderRefused as exc:
        raise BuildFailed(str(exc), published=False) from None
    except OSError as exc:  # a full disk, a folder that cannot be written …
        raise BuildFailed(disk_problem(exc, site_dir)) from None
    finally:
        logging.getLogger(engine.logger).removeHandler(handler)
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        if staging is not None and staging.exists():
            outdir.remove_own(staging, outdir.SITE)


def _check_output(staging: Path, own: OwnScripts | None) -> None:
    """Every page the build wrote, whatever wrote it, against html_policy, before anything is
    published (`own` is None when the engine's plugin already did it, with file and line)."""
    if own is not None and (findings := output_check.check_folder(staging, own)):
        raise BuildFailed(f"{output_check.UNSAFE_PAGES}:\n{output_check.report(findings)}")


def check_site_url_variable() -> None:
    """$SITE_URL is checked before anything is built (mkdocs.yml's own site_url by the plugin)."""
    if value := os.environ.get("SITE_URL"):
        try:
            siteurl.check(value, "SITE_URL")
        except siteurl.InvalidSiteUrl as exc:
            raise BuildFailed(str(exc), published=False) from None


def _own(site_dir: Path, suffix: str) -> list[Path]:
    return outdir.own_folders(site_dir, outdir.SITE, suffix)


def _remove_leftovers(site_dir: Path, stream: TextIO) -> None:
    """Staging and backup folders of killed builds (we hold the lock), and a word about
    look-alikes that are not ours (a copy, an older version's): those stay."""
    for suffix in ("new", "old"):
        for leftover in outdir.look_alikes(site_dir, suffix):
            if outdir.SITE.owns_folder(leftover) is None:
                print(
                    f"{leftover} ligner en af byggets midlertidige mapper, men bygget har ikke selv lavet "
                    "den (en kopi eller fra en ældre version); den er ikke rørt. Slet den selv, hvis du "
                    "ikke skal bruge den.",
                    file=stream,
                )
            elif failed := outdir.remove_own(leftover, outdir.SITE):
                print(f"{leftover} fra et afbrudt byg kunne ikke slettes helt ({failed[0]}).", file=stream)


def _check_owned(site_dir: Path) -> bool:
    """site/ may be replaced only if every file in it is one the build wrote and listed, with
    the content it wrote (a CNAME, a .git/ or another site's files put there are named and
    kept). Returns whether it must be written in place (a mount point is in it: a Docker
    volume mounted at site/ cannot be renamed). Raises FolderRefused."""
    if not site_dir.is_dir():
        return False
    mounts = outdir.mount_points(site_dir)
    manifest = outdir.SITE.read(site_dir)
    if manifest is None:  # check_target let it in: it was empty (or was emptied meanwhile)
        if any(site_dir.iterdir()):
            raise outdir.FolderRefused(
                f"{site_dir} er ikke længere tom og har ikke mærket {outdir.SITE.marker}; intet er ændret."
            )
        return bool(mounts)
    remove_temporaries(site_dir, manifest)  # an interrupted in-place write's, announced in it
    found = survey(site_dir, outdir.SITE, manifest)
    if not found.clean:
        raise outdir.FolderRefused(refusal(str(site_dir), outdir.SITE, found, whole=not mounts))
    return bool(mounts)


def _install_in_place(staging: Path, site_dir: Path, files: dict[str, Digest]) -> str:
    """Write the new site into `site_dir` file by file (each atomically), removing only the
    listed files of the old one that are gone: for a folder that cannot be renamed."""
    try:
        outdir.write_owned(site_dir, outdir.SITE, {rel: staging / rel for rel in files}, files)
    except OSError as exc:
        raise BuildFailed(
            f"{disk_problem(exc, site_dir)} {site_dir}/ skrives fil for fil (et monteringspunkt), og det "
            "stoppede undervejs: sitet er delvist opdateret. Byg igen, når fejlen er rettet; "
            "så gøres det færdigt.",
            unchanged=False,
        ) from None
    _sync_dir(site_dir)
    where = ", ".join(str(p) for p in outdir.mount_points(site_dir)) or str(site_dir)
    return (
        f"{site_dir} er (eller indeholder) et monteringspunkt ({where}) og kan ikke skiftes ud i ét træk; "
        "sitet er skrevet ind i den fil for fil."
    )


def _check_replaceable(site_dir: Path) -> None:
    """Before building: the old site must be removable once the new one is in place, else
    the build would leave a full copy of it behind (a read-only site/ or sub-folder)."""
    if not site_dir.exists():
        return
    if stuck := outdir.blocked(site_dir):
        shown = ", ".join(str(p) for p in stuck[:3]) + (" …" if len(stuck) > 3 else "")
        raise BuildFailed(
            f"Det udgivne {site_dir.name}/ kan ikke erstattes: der må ikke ændres i {shown} "
            f"(skrivebeskyttet). Giv din bruger lov (fx chmod -R u+w {site_dir}), og byg igen.",
            published=False,
        )


def _lock(folder: Path) -> int:
    """An exclusive lock on the folder that holds site/, so two builds never swap at once."""
    fd = os.open(folder, os.O_RDONLY)
    fcntl.flock(fd, fcntl.LOCK_EX)
    return fd


def disk_problem(exc: OSError, site_dir: Path) -> str:
    """An operating-system error while building, in Danish, naming the file."""
    where = f" ({exc.filename})" if exc.filename else ""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return (
            f"Der er ikke mere plads på disken med {site_dir.parent}/, så sitet kunne ikke skrives færdigt. "
            "Frigør plads (fx ved at slette gamle filer), og byg igen."
        )
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"Der må ikke skrives her{where}. Tjek mappens rettigheder, og byg igen."
    return f"Filsystemet gav en fejl under bygget{where}: {os_reason(exc)}."


def _recover(site_dir: Path) -> bool:
    """A build killed between the swap's two renames left no site/, only site.vive-*.old (the
    last good site) and site.vive-*.new: put the .old one back before anything is deleted.
    One whose removal had begun (its marker says so) is never put back."""
    if site_dir.exists():
        return False
    olds = [p for p in _own(site_dir, "old") if not (m := outdir.SITE.owns_folder(p)) or not m.removing]
    if not olds:
        return False
    newest = max(olds, key=lambda p: p.stat().st_mtime_ns)
    newest.rename(site_dir)
    _sync_dir(site_dir.parent)
    return True


def _sync_tree(folder: Path) -> None:
    """Flush every file and folder of the new site to disk before it is swapped in, so a
    crash or power cut right after the swap cannot leave a published site of empty files."""
    paths = []
    for current, _dirs, files in os.walk(folder):
        paths += [Path(current, name) for name in files]
        paths.append(Path(current))
    # fsync waits for the disk and releases the GIL: a few at a time take a fraction of the time.
    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(_sync_dir, paths))


def _sync_dir(folder: Path) -> None:
    """Flush a file, or a folder's entries (the renames in it), to disk."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _swap(new: Path, target: Path, files: dict[str, Digest]) -> str:
    """Put `new` in place of `target`. Two renames on one file system; rolled back on error.
    A target that cannot be renamed (a mount point: EBUSY, EXDEV) is written in place instead.
    Returns a Danish line to show (the old site not removed completely, written in place), or ""."""
    if not target.exists():
        new.rename(target)
        _sync_dir(target.parent)
        return ""
    manifest = outdir.SITE.read(target)  # checked file by file (_check_owned), under the lock
    old = outdir.free_name(target, "old")
    try:
        target.rename(old)
    except OSError as exc:
        if exc.errno in (errno.EBUSY, errno.EXDEV):
            return _install_in_place(new, target, files)
        raise
    try:
        new.rename(target)
    except OSError:
        old.rename(target)
        raise
    _sync_dir(target.parent)  # both renames on disk before the old site is deleted
    if failed := outdir.remove_own(old, outdir.SITE, verified=manifest or Manifest({})):
        return (
            f"Det nye {target.name}/ er udgivet, men det gamle kunne ikke slettes helt: {old} "
            f"({outdir.size_text(old)}) ligger tilbage ({failed[0]}). Slet den selv."
        )
    return ""


def main(config_file: Path, site_dir: Path, engine: Builder, data_dir: Path | None = None) -> int:
    """Command line entry: Danish summary, exit code 0 or 1, no traceback for a failed build."""
    try:
        build_site(config_file, site_dir, engine=engine, data_dir=data_dir)
    except BuildFailed as exc:
        if exc.reason:
            print(exc.reason, file=sys.stderr)
        if not exc.published:
            print("Sitet blev ikke bygget; intet er ændret.", file=sys.stderr)
        elif exc.unchanged:
            # Only errors the engine logged itself are the content's (or mkdocs.yml's) to fix.
            fix = "" if exc.reason else " Ret fejlene ovenfor og prøv igen (kør evt. 'make validate')."
            print(
                f"Sitet blev ikke bygget. Det udgivne {site_dir.name}/ er ikke ændret.{fix}", file=sys.stderr
            )
        return 1
    print(f"Sitet er bygget i {site_dir}/.", file=sys.stderr)
    return 0
