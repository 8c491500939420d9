"""Which folders a command may write into, and which files in them it may touch: its own.

`python -m generator site --out DIR` (`make site`) and `build --out DIR` (the export) write
into a folder the user names. Either may write only into a folder that is missing, empty, or
carries the marker of an earlier run of the same command; never into the project, a folder
above it, or its content and code folders. Inside such a folder a file is replaced, overwritten
or removed only if the marker's manifest lists it with the content it still has
(generator/publish/manifest.py): ownership is per file, never per folder.

The site build's staging and backup folders (`site.vive-<random>.new|old`) are removed only
when their marker was written into that very folder (its inode): a copy cannot pass for one.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import secrets
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from generator.errors import abbreviated, os_reason
from generator.publish.manifest import (
    EXPORT,
    FORMAT,
    SITE,
    Digest,
    Manifest,
    Owner,
    digest_bytes,
    digest_file,
    named,
    refusal,
    remove_temporaries,
    survey,
    temporary_name,
)

__all__ = ["EXPORT", "SITE", "FolderRefused", "Owner", "check_target", "write_owned"]

# The project's own folders: content, hand-written pages, theme overrides, code, tests.
PROJECT_FOLDERS = ("themes_data", "content", "overrides", "generator", "tests")
_CHOOSE = "Vælg en ny mappe eller en tom mappe med --out."
# What the site build adds to the folder's name for its staging and backup folders.
STAGING_SUFFIX = len(".vive-00000000.new")


class FolderRefused(Exception):
    """The command may not write into (or replace) this folder; the message is Danish."""


def code_folders() -> list[Path]:
    """The generator's own folder and, in a clone, the repository around it."""
    package = Path(__file__).resolve().parents[1]  # generator/
    repo = package.parent
    return [package, repo] if (repo / "pyproject.toml").is_file() else [package]


def config_folders(config_file: Path) -> list[Path]:
    """The source folders mkdocs.yml names: docs_dir, theme.custom_dir, the plugin's data_dir."""
    from generator.content.project_config import read_config
    from generator.errors import ContentErrors

    try:
        config = read_config(config_file)
    except ContentErrors:
        return []  # the build itself says what is wrong with mkdocs.yml
    theme = config.get("theme")
    named_dirs = [
        config.get("docs_dir", "docs"),
        theme.get("custom_dir") if isinstance(theme, dict) else None,
    ]
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and isinstance(plugin.get("vive"), dict):
            named_dirs.append(plugin["vive"].get("data_dir", "themes_data"))
    return [config_file.parent / name for name in named_dirs if isinstance(name, str) and name]


def check_target(out: Path, owner: Owner, config_file: Path, also: Iterable[Path] = ()) -> Path:
    """The real path of `out` (links and `..` resolved) if `owner` may write into it.

    The project is the folder of `config_file` (mkdocs.yml); `also` are more folders that are
    never output (the content folder given on the command line …), besides those mkdocs.yml
    names. Raises FolderRefused, also for a path the file system cannot take (a name that is
    too long, a file on the way, links in a loop).
    """
    shown = abbreviated(out)
    try:
        return _check_target(out, shown, owner, config_file, also)
    except OSError as exc:
        where = f" ({exc.filename})" if exc.filename and str(exc.filename) != shown else ""
        raise FolderRefused(f"--out {shown}: {os_reason(exc)}{where}; intet er skrevet. {_CHOOSE}") from None
    except RuntimeError:  # Path.resolve on links in a loop (Python 3.11)
        raise FolderRefused(
            f"--out {shown}: symbolske links peger i ring; intet er skrevet. {_CHOOSE}"
        ) from None


def _check_target(out: Path, shown: str, owner: Owner, config_file: Path, also: Iterable[Path]) -> Path:
    project = config_file.parent
    also = [*also, *config_folders(config_file)]
    real = Path(os.path.abspath(out.expanduser())).resolve(strict=False)
    _check_names(real, owner, shown)
    if os.path.lexists(real) and not real.is_dir():
        raise FolderRefused(f"{shown} er en fil, ikke en mappe; intet er skrevet. {_CHOOSE}")
    if not real.exists():
        ancestor = _nearest_existing(real)
        if not ancestor.is_dir():
            raise FolderRefused(
                f"--out {shown}: {ancestor} er en fil, ikke en mappe, så mappen kan ikke laves der; "
                f"intet er skrevet. {_CHOOSE}"
            )
    roots = [project.resolve(), *[p.resolve() for p in code_folders()[1:]]]
    for root in roots:
        if real == root or root.is_relative_to(real):
            what = "projektets egen mappe" if real == root else f"en mappe over projektet ({root})"
            raise FolderRefused(f"{shown} er {what}; intet er skrevet. Den må aldrig erstattes. {_CHOOSE}")
    own = [root / name for root in roots for name in PROJECT_FOLDERS]
    own += [code_folders()[0], *(p.resolve() for p in also)]
    for folder in own:
        if real.is_relative_to(folder):
            raise FolderRefused(
                f"{shown} ligger i projektets mappe {folder.name}/ (indhold eller kode); intet er skrevet. "
                f"{_CHOOSE}"
            )
    if real.is_dir():
        try:
            entries = sorted(os.listdir(real))
        except OSError as exc:
            raise FolderRefused(f"{shown} kan ikke læses ({os_reason(exc)}); intet er skrevet.") from None
        manifest = owner.read(real)
        if entries and manifest is None:
            shown_entries = [
                e + ("/" if (real / e).is_dir() and not (real / e).is_symlink() else "") for e in entries
            ]
            raise FolderRefused(
                f"{shown} er ikke tom og er ikke skrevet af '{owner.command}' (mærket {owner.marker} "
                f"mangler; i mappen: {named(shown_entries)}); intet er skrevet, intet er slettet. {_CHOOSE} "
                "Er det en mappe fra en ældre version af værktøjet, så slet den selv først."
            )
        if manifest is not None and manifest.format != FORMAT:
            raise FolderRefused(
                f"{shown} er skrevet af en ældre version af '{owner.command}', som ikke noterede, hvad "
                f"filerne indeholdt ({owner.marker}), så den kan ikke se, om nogen er ændret siden; intet er "
                f"skrevet, intet er slettet. Flyt dine egne filer ud, slet mappen selv, og kør igen – eller "
                f"vælg en ny mappe med --out."
            )
        if not os.access(real, os.W_OK | os.X_OK):
            raise FolderRefused(
                f"Der må ikke skrives i {shown} (skrivebeskyttet); intet er skrevet. "
                f"Giv din bruger lov (fx chmod u+w {shown}), eller vælg en anden mappe med --out."
            )
    return real


def _check_names(real: Path, owner: Owner, shown: str) -> None:
    """Every name on the way fits the file system (with room for the build's staging suffix)."""
    ancestor = _nearest_existing(real)
    try:
        longest = os.pathconf(ancestor if ancestor.is_dir() else ancestor.parent, "PC_NAME_MAX")
    except (OSError, ValueError):
        longest = 255
    room = STAGING_SUFFIX if owner is SITE else 0
    for part in real.parts[1:]:
        extra = room if part == real.name else 0
        if len(os.fsencode(part)) + extra > longest:
            more = f" (bygget lægger {room} tegn til navnet på sin midlertidige mappe)" if extra else ""
            raise FolderRefused(
                f"--out: navnet '{part[:40]}…' er {len(os.fsencode(part))} tegn langt; filsystemet tillader "
                f"højst {longest}{more}; intet er skrevet. Vælg et kortere navn med --out."
            )


def _nearest_existing(path: Path) -> Path:
    while not os.path.lexists(path) and path != path.parent:
        path = path.parent
    return path


def check_inside(folder: Path, paths: Iterable[str]) -> None:
    """Every path must stay inside `folder` (no symbolic link on the way leads out)."""
    for rel in sorted(paths):
        parent = (folder / rel).parent.resolve()
        if not parent.is_relative_to(folder):
            raise FolderRefused(
                f"{folder / rel} ville blive skrevet uden for {folder} (et symbolsk link peger ud af "
                "mappen); intet er skrevet."
            )


def write_owned(
    out: Path,
    owner: Owner,
    files: Mapping[str, bytes | Path],
    digests: Mapping[str, Digest] | None = None,
) -> list[str]:
    """Write `files` (bytes, or a file to copy) into `out` file by file, each atomically, and
    remove the files of the previous run that are no longer part of it. Only files the previous
    manifest lists with their current content are overwritten or removed; anything else on the
    way is a FolderRefused naming it, before anything is written. The manifest is written first
    with the old and the new content (so an interrupted run leaves every file recognised), and
    last with the new. One run at a time per folder (a lock on it). Returns the changed paths."""
    new = dict(digests) if digests is not None else {rel: _digest(data) for rel, data in files.items()}
    if unlistable := sorted(rel for rel in new if not owner.listable(rel)):
        raise FolderRefused(
            f"{named(unlistable)} kan ikke skrives i {out}: navnet er forbeholdt (fx .git); intet er skrevet."
        )
    check_inside(out, new)
    out.mkdir(parents=True, exist_ok=True)
    with locked(out):  # a second run waits, then sees what this one wrote
        return _write_owned(out, owner, files, new)


def _write_owned(
    out: Path, owner: Owner, files: Mapping[str, bytes | Path], new: dict[str, Digest]
) -> list[str]:
    from generator.writer import write_atomically

    before = owner.read(out) or Manifest({})
    stale = before.listed() - set(new)
    check_inside(out, stale)
    remove_temporaries(out, before)  # what an interrupted run was writing
    found = survey(out, owner, before, paths=set(new) | stale)
    if not found.clean:
        raise FolderRefused(refusal(str(out), owner, found, whole=False))
    present = found.present
    to_write = sorted(rel for rel in new if present.get(rel) != new[rel])
    to_remove = sorted(rel for rel in stale if rel in present)
    token = secrets.token_hex(4)
    if to_write or to_remove:  # nothing to do: the marker is left as it is (no watcher wakes up)
        # Every listed file has its new or its old content, or is a temporary name announced here.
        owner.write(out, new, earlier=present, writing=token)
    changed = remove_listed(out, to_remove)
    for rel in to_write:
        data = files[rel]
        content = data if isinstance(data, bytes) else Path(data).read_bytes()
        write_atomically(out / rel, content, temporary=temporary_name(rel, token))
        changed.append(rel)
    owner.write(out, new)
    return changed


@contextlib.contextmanager
def locked(folder: Path) -> Iterator[None]:
    """An exclusive lock on `folder` for as long as the block runs (released if the process dies)."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def _digest(data: bytes | Path) -> Digest:
    return digest_bytes(data) if isinstance(data, bytes) else digest_file(data)


def remove_listed(folder: Path, rels: Iterable[str]) -> list[str]:
    """Remove these files (checked to be the command's) and the folders they leave empty
    (never `folder` itself). Returns the removed paths."""
    removed = []
    for rel in rels:
        path = folder / rel
        if not path.parent.resolve().is_relative_to(folder):
            continue
        path.unlink(missing_ok=True)
        removed.append(rel)
        parent = path.parent
        while parent != folder and parent.is_dir() and not any(parent.iterdir()):
            parent.rmdir()
            parent = parent.parent
    return removed


def new_folder(beside: Path, owner: Owner, suffix: str) -> Path:
    """A new folder `<name>.vive-<random>.<suffix>` next to `beside`, with `owner`'s marker
    (recording this folder's inode: what makes it the command's own).

    Made with os.mkdir, so it gets the permissions any new folder gets from the umask
    (tempfile.mkdtemp's 0700 would make a published site unreadable to a web server).
    """
    while True:
        path = beside.with_name(f"{beside.name}.vive-{secrets.token_hex(4)}.{suffix}")
        try:
            os.mkdir(path)
        except FileExistsError:
            continue
        try:
            owner.write(path, {})
        except BaseException:
            (path / owner.marker).unlink(missing_ok=True)
            os.rmdir(path)  # just made by us, and empty again (a full disk …)
            raise
        return path


def free_name(beside: Path, suffix: str) -> Path:
    """A name of the same pattern that nothing has yet (for a folder renamed to it)."""
    while True:
        path = beside.with_name(f"{beside.name}.vive-{secrets.token_hex(4)}.{suffix}")
        if not os.path.lexists(path):
            return path


def look_alikes(beside: Path, suffix: str) -> list[Path]:
    """Folders next to `beside` with the pattern of the build's own (`site.vive-*.new`)."""
    return sorted(p for p in beside.parent.glob(f"{beside.name}.vive-*.{suffix}") if p.is_dir())


def own_folders(beside: Path, owner: Owner, suffix: str) -> list[Path]:
    """Folders an earlier run left next to `beside`: the name pattern and a marker written
    into that very folder (a copy of one has another inode, so it never counts)."""
    return [p for p in look_alikes(beside, suffix) if owner.owns_folder(p) is not None]


def remove_own(folder: Path, owner: Owner, *, verified: Manifest | None = None) -> list[str]:
    """Delete a folder that is `owner`'s as a whole: its marker records its inode, or (`verified`)
    every file in it was just checked against that manifest. An empty folder is removed too.

    Everything but the marker goes first and the marker last, so an interrupted removal
    (Ctrl-C, a killed process, a full disk) leaves a folder that the next run still recognises
    and finishes. Returns what could not be removed (Danish, one line each)."""
    manifest = owner.owns_folder(folder)
    if manifest is None and verified is None:
        try:
            folder.rmdir()  # an empty folder that was renamed aside
        except OSError:
            return [f"{folder} er ikke slettet: den har ikke mærket {owner.marker}"]
        return []
    base = verified if manifest is None else manifest
    assert base is not None
    failed: list[str] = []
    try:  # marked as being removed (never put back as the site), with this folder's inode
        owner.write(folder, base.files, base.earlier, removing=True)
    except OSError as exc:
        return [f"{folder / owner.marker}: {os_reason(exc)}"]
    for here, dirs, files in os.walk(folder, topdown=False):
        for name in files:
            path = os.path.join(here, name)
            if here == str(folder) and name == owner.marker:
                continue
            try:
                os.unlink(path)
            except OSError as exc:
                failed.append(f"{path}: {os_reason(exc)}")
        for name in dirs:
            path = os.path.join(here, name)
            try:
                os.unlink(path) if os.path.islink(path) else os.rmdir(path)
            except OSError as exc:
                failed.append(f"{path}: {os_reason(exc)}")
    if failed:
        return failed
    try:
        os.unlink(folder / owner.marker)
        folder.rmdir()
    except OSError as exc:
        failed.append(f"{folder}: {os_reason(exc)}")
    return failed


def blocked(folder: Path) -> list[Path]:
    """Folders under `folder` (itself included) whose entries this user may not remove,
    so the folder could not be replaced and deleted completely."""
    found = []
    for here, dirs, _files in os.walk(folder):
        if not os.access(here, os.W_OK | os.X_OK):
            found.append(Path(here))
        dirs[:] = [d for d in dirs if not os.path.islink(os.path.join(here, d))]
    return found


def size_text(folder: Path) -> str:
    total = 0
    for here, _dirs, files in os.walk(folder):
        for name in files:
            try:
                total += os.lstat(os.path.join(here, name)).st_size
            except OSError:
                pass
    return f"{total / 1_000_000:.1f} MB"


def mount_points(folder: Path) -> list[Path]:
    """Mount points at or below `folder` (a Docker volume mounted at site/, …): a folder
    there cannot be renamed, so the site is written into it file by file.

    Read from /proc/self/mountinfo, which also shows a bind mount from the same file system
    (os.path.ismount does not); elsewhere, os.path.ismount on the folder itself."""
    try:
        with open("/proc/self/mountinfo", encoding="utf-8", errors="surrogateescape") as info:
            points = [_unescape(line.split()[4]) for line in info if len(line.split()) > 4]
    except OSError:
        return [folder] if os.path.ismount(folder) else []
    return sorted({Path(p) for p in points if Path(p) == folder or Path(p).is_relative_to(folder)})


def _unescape(field: str) -> str:
    """mountinfo writes space, tab, newline and backslash in a path as octal escapes."""
    for code in ("040", "011", "012", "134"):
        field = field.replace("\\" + code, chr(int(code, 8)))
    return field
