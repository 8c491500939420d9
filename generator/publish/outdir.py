"""Which folders a command may write into or remove: only what it made itself.

`python -m generator site --out DIR` (`make site`) and `build --out DIR` (the export) write
into a folder the user names. Either may write only into a folder that is missing, empty,
or carries the marker of an earlier run of the same command; never into the project, a
folder above it, or its content and code folders. The site build's staging and backup
folders (`site.vive-<random>.new|old`) carry that command's marker too, and a folder is only
ever removed when it has the name *and* the marker. The export's marker is a manifest of
the files it wrote: a re-export removes those that are no longer part of it, nothing else.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import generator

TOOL = "vive-generator"
# The project's own folders: content, hand-written pages, theme overrides, code, tests.
PROJECT_FOLDERS = ("themes_data", "content", "overrides", "generator", "tests")
_CHOOSE = "Vælg en ny mappe eller en tom mappe med --out."


class FolderRefused(Exception):
    """The command may not write into (or replace) this folder; the message is Danish."""


@dataclass(frozen=True)
class Owner:
    """A command that writes folders, and the marker file it leaves in each of them."""

    kind: str  # in the marker: "site" or "export"
    command: str  # as the user types it, for messages
    marker: str  # file name in the folder

    def marks(self, folder: Path) -> bool:
        """Whether `folder` carries this command's marker (a regular file, not a link)."""
        try:
            info = (folder / self.marker).lstat()
            if not stat.S_ISREG(info.st_mode) or info.st_size > 10_000_000:
                return False
            data = json.loads((folder / self.marker).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return False
        return isinstance(data, dict) and data.get("tool") == TOOL and data.get("kind") == self.kind

    def mark(self, folder: Path, files: Iterable[str] = ()) -> None:
        """Write the marker (with the files written, for a manifest) into `folder`."""
        from generator.writer import write_atomically

        data = {
            "tool": TOOL,
            "kind": self.kind,
            "note": f"Skrevet af '{self.command}'. Næste kørsel må erstatte det, den selv har skrevet.",
            "files": sorted(files),
        }
        encoded = (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
        path = folder / self.marker
        if not (path.is_file() and path.read_bytes() == encoded):  # untouched: no watcher wakes up
            write_atomically(path, encoded)

    def manifest(self, folder: Path) -> set[str]:
        """The files an earlier run wrote into `folder` (only safe relative paths)."""
        if not self.marks(folder):
            return set()
        data = json.loads((folder / self.marker).read_text(encoding="utf-8"))
        files = data.get("files")
        return (
            {f for f in files if isinstance(f, str) and _removable(f)} if isinstance(files, list) else set()
        )


SITE = Owner("site", "python -m generator site (make site)", ".vive-site")
EXPORT = Owner("export", "python -m generator build", ".vive-export")


def code_folders() -> list[Path]:
    """The generator's own folder and, in a clone, the repository around it."""
    package = Path(generator.__file__).resolve().parent
    repo = package.parent
    return [package, repo] if (repo / "pyproject.toml").is_file() else [package]


def config_folders(config_file: Path) -> list[Path]:
    """The source folders mkdocs.yml names: docs_dir, theme.custom_dir, the plugin's data_dir."""
    from generator.errors import ContentErrors
    from generator.project_config import read_config

    try:
        config = read_config(config_file)
    except ContentErrors:
        return []  # the build itself says what is wrong with mkdocs.yml
    theme = config.get("theme")
    named = [config.get("docs_dir", "docs"), theme.get("custom_dir") if isinstance(theme, dict) else None]
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and isinstance(plugin.get("vive"), dict):
            named.append(plugin["vive"].get("data_dir", "themes_data"))
    return [config_file.parent / name for name in named if isinstance(name, str) and name]


def check_target(out: Path, owner: Owner, config_file: Path, also: Iterable[Path] = ()) -> Path:
    """The real path of `out` (links and `..` resolved) if `owner` may write into it.

    The project is the folder of `config_file` (mkdocs.yml); `also` are more folders that are
    never output (the content folder given on the command line …), besides those mkdocs.yml
    names. Raises FolderRefused.
    """
    project = config_file.parent
    also = [*also, *config_folders(config_file)]
    shown = str(out)
    real = Path(os.path.abspath(out.expanduser())).resolve()
    if real.exists() and not real.is_dir():
        raise FolderRefused(f"{shown} er en fil, ikke en mappe; intet er skrevet. {_CHOOSE}")
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
            entries = os.listdir(real)
        except OSError as exc:
            raise FolderRefused(f"{shown} kan ikke læses ({exc.strerror}); intet er skrevet.") from None
        if entries and not owner.marks(real):
            raise FolderRefused(
                f"{shown} er ikke tom og er ikke skrevet af '{owner.command}' (mærket {owner.marker} "
                f"mangler); intet er skrevet, intet er slettet. {_CHOOSE} Er det en mappe fra en ældre "
                "version af værktøjet, så slet den selv først."
            )
        if not os.access(real, os.W_OK | os.X_OK):
            raise FolderRefused(
                f"Der må ikke skrives i {shown} (skrivebeskyttet); intet er skrevet. "
                f"Giv din bruger lov (fx chmod u+w {shown}), eller vælg en anden mappe med --out."
            )
    return real


def new_folder(beside: Path, owner: Owner, suffix: str) -> Path:
    """A new folder `<name>.vive-<random>.<suffix>` next to `beside`, with `owner`'s marker.

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
            owner.mark(path)
        except BaseException:
            shutil.rmtree(path, ignore_errors=True)  # just made, by us (a full disk …)
            raise
        return path


def free_name(beside: Path, suffix: str) -> Path:
    """A name of the same pattern that nothing has yet (for a folder renamed to it)."""
    while True:
        path = beside.with_name(f"{beside.name}.vive-{secrets.token_hex(4)}.{suffix}")
        if not os.path.lexists(path):
            return path


def own_folders(beside: Path, owner: Owner, suffix: str) -> list[Path]:
    """Folders an earlier run left next to `beside`: the name pattern *and* the marker."""
    found = beside.parent.glob(f"{beside.name}.vive-*.{suffix}")
    return [p for p in found if p.is_dir() and not p.is_symlink() and owner.marks(p)]


def remove_own(folder: Path, owner: Owner) -> list[str]:
    """Remove a folder that carries `owner`'s marker (or an empty one). Returns what could
    not be removed (Danish, one line each); a folder without the marker is never touched."""
    if not owner.marks(folder):
        try:
            folder.rmdir()  # an empty folder that was renamed aside
        except OSError:
            return [f"{folder} er ikke slettet: den har ikke mærket {owner.marker}"]
        return []
    failed: list[str] = []
    shutil.rmtree(folder, onerror=lambda _f, path, exc: failed.append(f"{path}: {exc[1]}"))
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


def _removable(rel: str) -> bool:
    """A manifest entry that may be removed: relative, inside, no dot-folder, not site/."""
    path = PurePosixPath(rel)
    parts = path.parts
    return (
        bool(parts)
        and not path.is_absolute()
        and "\\" not in rel
        and all(part not in ("", ".", "..") and not part.startswith(".") for part in parts)
        and parts[0] != "site"
    )


def check_inside(folder: Path, paths: Iterable[str]) -> None:
    """Every path must stay inside `folder` (no symbolic link on the way leads out)."""
    for rel in sorted(paths):
        parent = (folder / rel).parent.resolve()
        if not parent.is_relative_to(folder):
            raise FolderRefused(
                f"{folder / rel} ville blive skrevet uden for {folder} (et symbolsk link peger ud af "
                "mappen); intet er skrevet."
            )


def remove_stale(folder: Path, before: set[str], now: set[str]) -> list[str]:
    """Remove the files an earlier run wrote that this run did not, and the folders they
    leave empty (never `folder` itself). Returns the removed paths."""
    removed = []
    for rel in sorted(before - now):
        path = folder / rel
        if not _removable(rel) or not path.parent.resolve().is_relative_to(folder):
            continue
        if path.is_symlink() or path.is_file():
            path.unlink()
            removed.append(rel)
        parent = path.parent
        while parent != folder and parent.is_dir() and not any(parent.iterdir()):
            parent.rmdir()
            parent = parent.parent
    return removed


def write_export(files: dict[str, str | bytes], out: Path) -> list[str]:
    """Write the export's `files` into `out` (checked by check_target): the manifest first
    (so an interrupted run still knows its files), then the files, then the files of the
    previous run that are no longer part of it. Returns the changed paths."""
    from generator.writer import write_tree

    before = EXPORT.manifest(out) if out.is_dir() else set()
    check_inside(out, set(files) | before)
    out.mkdir(parents=True, exist_ok=True)
    EXPORT.mark(out, set(files) | before)
    changed = write_tree(files, out, prune=False)
    changed += remove_stale(out, before, set(files))
    EXPORT.mark(out, files)
    return changed
