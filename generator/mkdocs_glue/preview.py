"""Live preview (`mkdocs serve`): errors where editors look, and pages in half a second.

While the YAML has errors, the preview keeps serving the last pages that built and puts
a Danish panel with every error (file, line, field, message, hint) at the top of each page.
The build itself succeeds, so MkDocs reloads the browser; once the errors are fixed the
next build has no panel and the browser reloads again.

What the preview reuses from one save to the next (a page's HTML, its finished page) is
reuse.py's. None of it is used by `mkdocs build` or `make site`: a full build converts every page.
"""

from __future__ import annotations

import errno
import functools
import json
import logging
import os
import re
import socket
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

import jinja2
from watchdog.events import (
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
    EventsLostEvent,
    FileClosedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer

from generator.errors import ContentError, ContentErrors
from generator.mkdocs_glue import patches
from generator.mkdocs_glue.reuse import Stamp, file_stamp
from generator.render.search_index import MARKER as SEARCH_MARKER
from generator.writer import write_atomically

log = logging.getLogger("mkdocs.plugins.vive")

# Where the panel goes: the start of the article (Material's content column), else the body.
_ARTICLE = re.compile(r"<article\b[^>]*>")
_BODY = re.compile(r"<body\b[^>]*>")


# The preview's own pages and panels (the engine's, not the site's: render/templates/ is the site's).
TEMPLATES = Path(__file__).parent / "templates"


@functools.cache
def _template(name: str = "preview-errors.html.j2") -> jinja2.Template:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True)
    return env.get_template(name)


def error_panel(problems: ContentErrors) -> str:
    errors: list[ContentError] = sorted(set(problems.errors))
    return _template().render(errors=errors, count=len(errors))


# The build-error panel between these comments (preview-build-errors.html.j2), so a later
# failed build replaces it instead of adding a second one.
_BUILD_PANEL = re.compile(r"<!--vive-build-errors-->.*?<!--/vive-build-errors-->", re.S)


class BuildErrorsInBrowser:
    """`mkdocs serve`'s rebuild, made to show in the browser whatever stops it.

    When a rebuild raises (MkDocs' strict-mode Abort over a warning such as a dead link, a
    plugin's error, a template error …), MkDocs prints it in the terminal and then holds every
    page request until a build succeeds: the browser hangs without a word. Here the error is
    caught, logged in Danish, and every HTML page in the output folder (the last pages that
    built, or those of this build that were written) gets a panel with MkDocs' messages; the
    server then reloads the browser as after any build. The next good build rewrites every page.
    A watched folder or file that is missing (`WatchedPaths`) is shown the same way, without a build.
    """

    def __init__(
        self,
        build: Callable[[], None],
        site_dir: Path,
        watched: WatchedPaths | None = None,
        skip: tuple[str, ...] = (),
    ) -> None:
        self._build = build
        self._site_dir = site_dir
        self._watched = watched
        self._skip = skip  # the search index's folders: SearchInBackground writes them meanwhile

    def __call__(self) -> None:
        if self._watched and (missing := self._watched.follow()):
            # Nothing to build from (MkDocs would stop on mkdocs.yml's `watch:` in English).
            missing_panel = _template("preview-missing.html.j2").render(missing=missing)
            show_on_every_page(self._site_dir, missing_panel, self._skip)
            log.error(
                "Forhåndsvisningen venter: "
                + ", ".join(missing)
                + " findes ikke (flyttet, slettet eller skiftet væk af git?). Den bygger igen af sig selv, "
                "så snart det er tilbage; fejlen vises øverst på hver side i browseren."
            )
            return
        messages: list[str] = []
        collect = _Collect(messages)
        logging.getLogger("mkdocs").addHandler(collect)
        try:
            self._build()
        except Exception as exc:  # noqa: BLE001 - anything that stops a build is shown, never hangs
            logging.getLogger("mkdocs").removeHandler(collect)
            messages.append(_describe(exc))
            panel = _template("preview-build-errors.html.j2").render(messages=messages)
            show_on_every_page(self._site_dir, panel, self._skip)
            log.error(
                "Forhåndsvisningen kunne ikke bygges; fejlen vises øverst på hver side i browseren:\n"
                + "\n".join(messages)
            )
        finally:
            logging.getLogger("mkdocs").removeHandler(collect)


class _Collect(logging.Handler):
    """The warnings and errors logged during one build, as MkDocs prints them."""

    def __init__(self, into: list[str]) -> None:
        super().__init__(level=logging.WARNING)
        self._into = into

    def emit(self, record: logging.LogRecord) -> None:
        self._into.append(f"{record.levelname}: {record.getMessage()}")


def _describe(exc: Exception) -> str:
    text = str(exc) or type(exc).__name__
    if "strict mode" in text:  # mkdocs.exceptions.Abort after the warnings listed above
        return f"Bygget blev stoppet (strict: en advarsel er en fejl): {text}"
    if text == "Aborted with a BuildError!":
        return "Bygget blev stoppet af fejlen ovenfor."
    return f"{type(exc).__name__}: {text}"


def show_on_every_page(site_dir: Path, panel: str, skip: tuple[str, ...] = ()) -> None:
    """Put `panel` into every HTML page under `site_dir` (in place of an earlier one). `skip`:
    top-level folders another thread writes meanwhile (the search index): never walked, and a
    folder that goes while it is walked is passed over (os.walk), never an error."""
    pages = []
    for here, dirs, names in os.walk(site_dir):
        if here == str(site_dir):
            dirs[:] = [name for name in dirs if name not in skip]
        pages += [Path(here, name) for name in names if name.endswith(".html")]
    for page in pages:
        try:
            html = _BUILD_PANEL.sub("", page.read_text(encoding="utf-8"))
            write_atomically(page, with_panel(html, panel).encode("utf-8"))
        except (OSError, UnicodeDecodeError):
            continue  # a page being rewritten or not ours: the others still show it


# What a change to a watched file or folder is. A native watcher (inotify) also reports every
# open and close of a file, and each build reads every watched file: those would start the
# next build, and that one the next. MkDocs ignores folder events of its own accord.
CHANGES: list[type[FileSystemEvent]] = [
    FileCreatedEvent,
    FileModifiedEvent,
    FileDeletedEvent,
    FileMovedEvent,
    FileClosedEvent,  # closed after writing
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
    EventsLostEvent,  # the kernel's queue overflowed: build to be safe
]


class _ChangesOnly(Observer):  # type: ignore[misc,valid-type]  # the platform's class, chosen at import
    """The platform's file watcher, reporting changes only (CHANGES) for every watch."""

    def schedule(self, handler: Any, path: Any, *, recursive: bool = False, **options: Any) -> Any:
        options.setdefault("event_filter", CHANGES)
        return super().schedule(handler, path, recursive=recursive, **options)


def change_watcher(probe: Path) -> Any:
    """A watcher told by the system of each change (inotify on Linux), instead of MkDocs'
    polling of every watched file five or ten times a second (21 % of a core, idle, at 500
    cases; BENCHMARKS.md). None where there is none, or it cannot watch `probe` (a file system
    without notifications, the system's limit of watches reached): then MkDocs polls."""
    try:
        trial = _ChangesOnly()
        trial.schedule(FileSystemEventHandler(), str(probe), recursive=False)
        trial.start()
        trial.stop()
        trial.join(5)
    except (OSError, RuntimeError) as exc:
        log.info(f"Forhåndsvisningen holder øje med filerne ved at kigge efter ændringer ({exc})")
        return None
    return _ChangesOnly()


class WatchedPaths:
    """The folders and files `mkdocs serve` watches, followed when they go away and come back.

    A `git checkout` or a restore from backup removes a watched folder (themes_data/) and puts
    it back. Its watchdog emitter stops for good when it is gone, so its return went unseen,
    and MkDocs' own check of mkdocs.yml's `watch:` failed in English meanwhile. Here the folder
    that holds each path is watched too (not recursively), so a path that goes or comes starts
    a build; before each build (`follow`) a path whose watch died is watched again, and the
    paths that are missing are returned, to be shown in the browser instead of building.
    """

    def __init__(self, server: Any, paths: list[Path], project: Path) -> None:
        self._server = server
        self._project = project
        self.paths = sorted({Path(os.path.abspath(p)) for p in paths})
        self._folders = {p for p in self.paths if p.is_dir()}
        handler = _PathsComeAndGo(self)
        for parent in sorted({p.parent for p in self.paths}):
            if parent.is_dir():
                server.observer.schedule(handler, str(parent), recursive=False)

    def concerns(self, *event_paths: str) -> bool:
        return any(Path(p) in self.paths for p in event_paths if p)

    def changed(self) -> None:
        """A watched path went or came: build (showing it missing, or from it again)."""
        patches.request_rebuild(self._server)

    def follow(self) -> list[str]:
        """Watch again every path that is back after its watch died; the missing ones, as shown
        to the editor (relative to the project)."""
        running = {
            Path(emitter.watch.path) for emitter in list(self._server.observer.emitters) if emitter.is_alive()
        }
        missing = []
        for path in self.paths:
            if not path.exists():
                shown = path.relative_to(self._project) if path.is_relative_to(self._project) else path
                missing.append(shown.as_posix() + ("/" if path in self._folders else ""))
            elif path not in running:
                patches.watch_again(self._server, str(path))
        return missing


class _PathsComeAndGo(FileSystemEventHandler):
    def __init__(self, watched: WatchedPaths) -> None:
        self._watched = watched

    def on_any_event(self, event: FileSystemEvent) -> None:
        if self._watched.concerns(str(event.src_path), str(getattr(event, "dest_path", "") or "")):
            self._watched.changed()


def port_taken(host: str, port: int) -> str | None:
    """A Danish message if `mkdocs serve` could not listen on host:port, else None. Checked
    before the first build: MkDocs itself only finds out after building the whole site."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as MkDocs' server does
        try:
            probe.bind((host, port))
        except OSError as exc:
            other = 8010 if port != 8010 else 8020
            how = (
                f"vælg en anden port: PORT={other} make serve (eller mkdocs serve --dev-addr {host}:{other})"
            )
            if exc.errno == errno.EADDRINUSE:
                return (
                    f"Porten {port} på {host} er optaget – kører forhåndsvisningen (make serve) allerede "
                    f"i et andet vindue? Brug den, luk den, eller {how}."
                )
            return f"Forhåndsvisningen kan ikke lytte på {host}:{port} ({exc.strerror}); {how}."
    return None


def with_panel(html: str, panel: str) -> str:
    """`html` with `panel` as the first thing in the page's content."""
    for pattern in (_ARTICLE, _BODY):
        found = pattern.search(html)
        if found:
            return html[: found.end()] + panel + html[found.end() :]
    return panel + html


_THEME_LISTINGS: dict[tuple[Any, ...], list[str]] = {}


def remember_theme_files(theme: Any) -> None:
    """Keep the list of the theme's static files between the builds of `mkdocs serve`.

    To find the 40-odd static files it copies, MkDocs lists and filters every file of the
    theme on each build: 14,500 for Material, nearly all icons. Material's own folders do
    not change while serving; the custom folder (overrides/) is small and listed again
    every time, so a file added there is still found.
    """
    get_env = theme.get_env

    def get_env_remembering() -> jinja2.Environment:
        env = get_env()  # Any: the theme's method is replaced below (MkDocs has no hook for it)
        list_templates = env.list_templates

        def remembered(extensions: Any = None, filter_func: Any = None) -> list[str]:
            custom = theme.custom_dir
            key = (
                tuple(env.loader.searchpath),
                tuple(_listing(custom) if custom else ()),
                tuple(theme.static_templates),
                extensions,
                getattr(filter_func, "__qualname__", filter_func),
            )
            if key not in _THEME_LISTINGS:
                _THEME_LISTINGS.clear()
                _THEME_LISTINGS[key] = list_templates(extensions, filter_func)
            return list(_THEME_LISTINGS[key])

        patches.replace_list_templates(env, remembered)
        return cast(jinja2.Environment, env)

    patches.replace_theme_get_env(theme, get_env_remembering)


def _listing(folder: str) -> list[str]:
    return sorted(
        os.path.relpath(os.path.join(here, name), folder)
        for here, _, names in os.walk(folder)
        for name in names
    )


# The theme's own assets carry a hash of their content in their name (main.57a0d79d.min.css): a
# changed file gets a new name, so a browser may keep them. MkDocs' server sends no caching
# header, so every reload after a save fetched them all again (0.13-0.25 s of a reload). The
# site's own files (assets/site.css …) have no hash and are fetched again, as they may change.
FINGERPRINTED = re.compile(r"\.[0-9a-f]{8}\.min\.(?:js|css)$")
KEEP_FINGERPRINTED = "public, max-age=31536000, immutable"


def cache_fingerprinted(serve: Callable[..., Any]) -> Callable[..., Any]:
    """The server's request handler, with `KEEP_FINGERPRINTED` on a fingerprinted asset it serves."""

    def serve_request(environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        if not FINGERPRINTED.search(environ.get("PATH_INFO", "")):
            return serve(environ, start_response)

        def start(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            if status.startswith("200"):
                headers = [*headers, ("Cache-Control", KEEP_FINGERPRINTED)]
            return start_response(status, headers, exc_info)

        return serve(environ, start)

    return serve_request


class KeptSiteDir:
    """`mkdocs serve` keeps its output folder between builds instead of emptying it first.

    MkDocs empties the folder before every build and then writes every file again: for each
    page it removes and re-creates a folder (0.1 s of a save on the real site, more than a
    second at 500 cases). Here the folder is left as it is; every file the build writes is
    written anyway, and after the build the files it did not write (a page that no longer
    exists) are removed, so the folder holds exactly what a full build would write.
    """

    def __init__(self) -> None:
        self._marker: Path | None = None
        self._copies: dict[str, tuple[Stamp, Stamp | None]] = {}  # copy → (its source's stamp, its own)
        patches.replace_clean_directory(self._mark)  # only in the `mkdocs serve` process

    def keep_copies(self, files: Any) -> None:
        """Copy the build's static files only when they changed (`copy`)."""
        for file in files:
            if not file.is_documentation_page() and file.abs_src_path and file.generated_by is None:
                patches.replace_copy_file(file, functools.partial(self.copy, file, file.copy_file))

    def copy(self, file: Any, copy_file: Callable[..., None], dirty: bool = False) -> None:
        """MkDocs copies every static file again on every build (10-20 ms of a save). A copy
        whose source and own file are as this preview left them is kept: its time is set, so
        it counts as written by this build (remove_stale)."""
        target, source = file.abs_dest_path, file_stamp(file.abs_src_path)
        if source is not None and self._copies.get(target) == (source, file_stamp(target)):
            os.utime(target)
        else:
            copy_file(dirty)
        if source is not None:
            self._copies[target] = (source, file_stamp(target))

    def _mark(self, directory: str) -> None:
        """Instead of emptying `directory`: note when this build started writing."""
        marker = Path(directory + ".vive-build")
        marker.touch()
        os.utime(marker)  # the file system's own clock, as the files' times are
        self._marker = marker

    def remove_stale(self, directory: str, keep: tuple[str, ...] = ()) -> None:
        """Remove what this build did not write (older than its start), and empty folders;
        `keep` are top-level folders another step rewrites by itself (the search index)."""
        if self._marker is None or not self._marker.exists():
            return
        started = self._marker.stat().st_mtime_ns
        folders = []
        for here, dirs, names in os.walk(directory):  # top-down: the kept folders are not read
            if here == directory:
                dirs[:] = [name for name in dirs if name not in keep]
            folders += [os.path.join(here, name) for name in dirs]
            for name in names:
                path = os.path.join(here, name)
                if not name.startswith(".") and os.stat(path, follow_symlinks=False).st_mtime_ns < started:
                    os.unlink(path)
        for folder in reversed(folders):  # deepest first
            if not os.listdir(folder):
                os.rmdir(folder)

    def close(self) -> None:
        if self._marker is not None:
            self._marker.unlink(missing_ok=True)


class SearchInBackground:
    """The preview's search index, built after the page is shown instead of before.

    Pagefind indexes the whole built site (0.2 s of CPU for the real site, 1.2-1.4 s at 500
    cases). A full build runs it before anything is published; the preview runs it in a thread
    after each build, at low priority, so neither the browser's reload nor the next save waits
    for it. One run at a time: saves during a run give one more run after it, on the newest site.

    Meanwhile the search box says so (content/assets/search.js, in the preview only): the bundle
    in use carries `STATUS`, "opdateres" from the end of a build until its index is in place,
    then "opdateret" (or "fejl" if Pagefind failed; the terminal says why).
    """

    STATUS = "vive-forhaandsvisning.json"  # in the search bundle folder (pagefind/)

    def __init__(self, index: Any, bundle: str = "pagefind") -> None:
        self._index = index  # search_index.build_search_index
        self._bundle = bundle  # search_index.BUNDLE_DIR
        self._lock = threading.Lock()
        self._pending: Path | None = None
        self._thread: threading.Thread | None = None

    def start(self, site_dir: Path) -> None:
        with self._lock:
            self._pending = site_dir
            self._say(site_dir, "opdateres")  # before the browser reloads
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, daemon=True)
                self._thread.start()

    def wait(self, timeout: float | None = None) -> None:
        thread = self._thread
        if thread is not None:
            thread.join(timeout)

    def _say(self, site_dir: Path, state: str) -> None:
        """The state in the bundle the browser uses now (one the search step made: its marker)."""
        bundle = site_dir / self._bundle
        if (bundle / SEARCH_MARKER).is_file() and not bundle.is_symlink():
            write_atomically(bundle / self.STATUS, json.dumps({"soegning": state}).encode())

    def _run(self) -> None:
        try:
            # Low priority (on Linux for this thread and the Pagefind it starts): on two cores
            # the browser reloading the page and the next build come first.
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 10)
        except (AttributeError, OSError):
            pass
        while True:
            with self._lock:
                site_dir, self._pending = self._pending, None
                if site_dir is None:
                    self._thread = None
                    return
            state = "opdateret"
            try:
                self._index(site_dir)
            except Exception as exc:  # noqa: BLE001 - the preview goes on; its search is stale
                # Info, not a warning: a warning would count against a strict build.
                log.info(f"Søgningen i forhåndsvisningen kunne ikke opdateres: {exc}")
                state = "fejl"
            with self._lock:
                self._say(site_dir, "opdateres" if self._pending else state)
