"""Every assignment onto another library's internals, in one place, each for the version it was read on.

MkDocs, Jinja, mkdocs-redirects and watchdog have no hook for what the live preview and the
Danish redirect page need, so a few of their attributes are replaced; nothing else in
`generator/` assigns onto another library's objects. Each patch names the distribution it
was written for (`WRITTEN_FOR`) and checks the installed version (importlib.metadata) first.
On any other version it refuses: a speed-up of `mkdocs serve` is left out (the preview works,
only slower, and says so once), and the Danish redirect page stops the build with a Danish
error rather than let English pages out. tests/test_patches.py checks every patched attribute
on the installed versions, so an upgrade fails a test before it changes a page.
"""

from __future__ import annotations

import functools
import importlib.metadata
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import jinja2

log = logging.getLogger("mkdocs.plugins.vive")

# Distribution → the versions its patches were written for ("3.1.*": any 3.1 release).
WRITTEN_FOR: dict[str, str] = {
    "mkdocs": "1.6.1",  # pinned in pyproject.toml
    "jinja2": "3.1.*",
    "mkdocs-redirects": "1.2.*",
    "watchdog": "7.*",  # MkDocs asks only for watchdog>=2.0, so a fresh install gets the newest
}


class UnsupportedVersion(Exception):
    """A patch that may not be left out met a version it was not written for (the message is Danish)."""


@functools.cache  # a page's render is patched on every page: reading the metadata each time
def installed(dist: str) -> str | None:  # was 0.9 s of a 500-case preview rebuild
    """The installed version of `dist`, or None if it is not installed (read once per process:
    an upgrade takes a new process, `mkdocs serve` included)."""
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return None


def written_for(dist: str) -> bool:
    """Whether the installed `dist` is a version its patches were written for."""
    version, spec = installed(dist), WRITTEN_FOR[dist]
    if version is None:
        return False
    if spec.endswith("*"):
        return version.startswith(spec[:-1])
    return version == spec


def _refusal(dist: str, what: str) -> str:
    return (
        f"{what} er slået fra: den er skrevet til {dist} {WRITTEN_FOR[dist]}, "
        f"men {dist} {installed(dist) or '(ikke installeret)'} er installeret"
    )


@functools.cache  # once per patch and process, not on every save
def _say_refused(dist: str, what: str) -> None:
    # Info, not a warning: a warning would fail the strict build, and the preview still works.
    log.info(_refusal(dist, what) + "; forhåndsvisningen virker, blot langsommere")


def _allowed(dist: str, what: str) -> bool:
    if written_for(dist):
        return True
    _say_refused(dist, what)
    return False


# --- MkDocs 1.6.1 -----------------------------------------------------------------------------


def replace_clean_directory(replacement: Callable[[str], None]) -> bool:
    """`mkdocs.utils.clean_directory`, which `mkdocs.commands.build.build` calls as
    `utils.clean_directory(site_dir)` to empty the output folder before every build.
    Replaced by the preview so it keeps its folder (preview.KeptSiteDir)."""
    if not _allowed("mkdocs", "Genbrug af output-mappen"):
        return False
    import mkdocs.utils

    mkdocs.utils.clean_directory = replacement  # type: ignore[assignment]  # same call, no name
    return True


def replace_page_render(page: Any, replacement: Callable[[Any, Any], None]) -> bool:
    """`Page.render(config, files)` of one page, which the build calls to convert its Markdown.
    Replaced by the preview for a page whose earlier HTML is reused (preview.HtmlReuse)."""
    if not _allowed("mkdocs", "Genbrug af sidernes HTML"):
        return False
    page.render = replacement
    return True


def replace_copy_file(file: Any, replacement: Callable[..., None]) -> bool:
    """`File.copy_file(dirty=False)` of one static file, which `Files.copy_static_files` calls
    for every static file on every build. Replaced by the preview for a copy that is still
    right (preview.KeptSiteDir.copy)."""
    if not _allowed("mkdocs", "Genbrug af statiske filer"):
        return False
    file.copy_file = replacement
    return True


@dataclass
class PageRender:
    """What `Page.render` sets on a page (mkdocs/structure/pages.py), kept to be set again."""

    content: str
    toc: Any
    title: str | None  # Page._title_from_render
    anchors: set[str]  # Page.present_anchor_ids
    links_to_anchors: dict[str, dict[str, str]] | None  # by src_uri; the Files differ per build

    @classmethod
    def of(cls, page: Any) -> PageRender:
        links = page.links_to_anchors
        return cls(
            page.content,
            page.toc,
            page._title_from_render,
            set(page.present_anchor_ids or ()),
            None if links is None else {f.src_uri: dict(v) for f, v in links.items()},
        )

    def on(self, page: Any) -> Callable[[Any, Any], None]:
        """A stand-in for `page.render(config, files)` that sets this instead of converting."""
        return lambda config, files: self.restore(page, files)

    def restore(self, page: Any, files: Any) -> None:
        """Set on `page` what its render set (its links point at this build's files)."""
        page.content = self.content
        page.toc = self.toc
        page._title_from_render = self.title
        page.present_anchor_ids = set(self.anchors)
        if self.links_to_anchors is not None:
            page.links_to_anchors = {
                files.get_file_from_path(uri): dict(links) for uri, links in self.links_to_anchors.items()
            }


def wrap_build_page(wrap: Callable[[Callable[..., None]], Callable[..., None]]) -> bool:
    """`mkdocs.commands.build._build_page(page, config, doc_files, nav, env, dirty, excluded)`,
    which `build` calls by its module's name for each page to render the theme's template and
    write the file. Wrapped by the preview (reuse.PageReuse) to skip a page whose file is still
    right; once per process, as the clean_directory patch."""
    if not _allowed("mkdocs", "Genbrug af færdige sider"):
        return False
    import mkdocs.commands.build

    mkdocs.commands.build._build_page = wrap(mkdocs.commands.build._build_page)
    return True


def replace_theme_get_env(theme: Any, replacement: Callable[[], jinja2.Environment]) -> bool:
    """`Theme.get_env()` of the configured theme, which the build calls once per build (MkDocs
    has no hook before it lists the theme's files). Replaced by preview.remember_theme_files."""
    if not _allowed("mkdocs", "Genbrug af temaets filliste"):
        return False
    theme.get_env = replacement
    return True


def wrap_builder(server: Any, wrap: Callable[[Callable[[], None]], Callable[[], None]]) -> bool:
    """`LiveReloadServer.builder`, the rebuild `mkdocs serve` calls after a change (its
    `_build_loop`); wrapped by preview.BuildErrorsInBrowser so an error shows in the browser."""
    if not _allowed("mkdocs", "Byggefejl vist i browseren"):
        return False
    server.builder = wrap(server.builder)
    return True


def wrap_serve_request(server: Any, wrap: Callable[[Callable[..., Any]], Callable[..., Any]]) -> bool:
    """`LiveReloadServer._serve_request(environ, start_response)`, which its WSGI app
    (`serve_request`) calls for every request; wrapped by preview.cache_fingerprinted to add a
    header to the theme's fingerprinted assets."""
    if not _allowed("mkdocs", "Genbrug af temaets filer i browseren"):
        return False
    server._serve_request = wrap(server._serve_request)
    return True


def set_build_delay(server: Any, seconds: float) -> bool:
    """`LiveReloadServer.build_delay`: how long `mkdocs serve` waits after a change before it
    rebuilds (0.1 s in MkDocs 1.6.1, no option for it)."""
    if not _allowed("mkdocs", "Kortere ventetid før genopbygning"):
        return False
    server.build_delay = min(server.build_delay, seconds)
    return True


def request_rebuild(server: Any) -> bool:
    """Ask `mkdocs serve` for a build, as its own file watch does on a change (`_want_rebuild`
    under `_rebuild_cond`, read by `LiveReloadServer._build_loop`); for a watched folder that
    went or came back, which its own watch cannot report (preview.WatchedPaths)."""
    if not _allowed("mkdocs", "Forhåndsvisningen følger en fjernet mappe"):
        return False
    with server._rebuild_cond:
        server._want_rebuild = True
        server._rebuild_cond.notify_all()
    return True


def watch_again(server: Any, path: str) -> bool:
    """`LiveReloadServer.watch(path)` once more for a path it watches already, whose watchdog
    emitter stopped when the path was removed: MkDocs counts the watches of a path
    (`_watched_paths`) and would not schedule it again, so its old watch (`_watch_refs`) is
    unscheduled first and the count kept (preview.WatchedPaths)."""
    if not _allowed("mkdocs", "Forhåndsvisningen følger en fjernet mappe"):
        return False
    count = server._watched_paths.pop(path, 1)
    if (old := server._watch_refs.pop(path, None)) is not None:
        server.observer.unschedule(old)
    server.watch(path)
    server._watched_paths[path] = count
    return True


def move_watches(server: Any, observer: Any) -> bool:
    """`LiveReloadServer.observer`, the watchdog observer MkDocs makes in `__init__` (a
    PollingObserver) and starts in `serve()`: replaced, before it starts, by `observer`, with
    every path MkDocs watches so far watched again on it, as many times (`_watched_paths`)."""
    if not (
        _allowed("mkdocs", "Overvågning uden polling") and _allowed("watchdog", "Overvågning uden polling")
    ):
        return False
    if server.observer.is_alive():
        return False
    counts = dict(server._watched_paths)
    for path in counts:
        server.observer.unschedule(server._watch_refs.pop(path))
        server._watched_paths.pop(path)
    server.observer = observer
    for path, count in counts.items():
        server.watch(path)
        server._watched_paths[path] = count
    return True


# --- Jinja 3.1 --------------------------------------------------------------------------------


def replace_list_templates(env: jinja2.Environment, replacement: Callable[..., list[str]]) -> bool:
    """`Environment.list_templates(extensions, filter_func)` of the theme's environment, which
    MkDocs calls (Files.add_files_from_theme) to find the theme's static files."""
    if not _allowed("jinja2", "Genbrug af temaets filliste"):
        return False
    env.list_templates = replacement  # type: ignore[method-assign]
    return True


def give_bytecode_cache(env: jinja2.Environment, cache: jinja2.BytecodeCache | None) -> bool:
    """`Environment.bytecode_cache` of MkDocs' theme environment, made by MkDocs without one;
    Jinja's loaders read the attribute whenever they compile a template."""
    if env.bytecode_cache is not None or not _allowed("jinja2", "Jinjas cache af oversatte skabeloner"):
        return False
    env.bytecode_cache = cache
    return True


# --- mkdocs-redirects 1.2 ---------------------------------------------------------------------


def use_redirect_template(template: str) -> bool:
    """`mkdocs_redirects.plugin.HTML_TEMPLATE`: the page left at a moved page's old address,
    formatted with `url`. False if mkdocs-redirects is not installed; on a version the patch
    was not written for, a Danish error (never an English page at a published address)."""
    try:
        from mkdocs_redirects import plugin as redirects
    except ImportError:  # pragma: no cover - a site without redirects
        return False
    if not written_for("mkdocs-redirects"):
        raise UnsupportedVersion(
            _refusal("mkdocs-redirects", "Den danske side ved flyttede siders gamle adresser")
            + "; ret generator/mkdocs_glue/patches.py til den nye version "
            "(tests/test_patches.py viser hvad), eller installer mkdocs-redirects 1.2"
        )
    redirects.HTML_TEMPLATE = template
    return True


# --- watchdog 7 -------------------------------------------------------------------------------


def set_poll_interval(observer: Any, seconds: float) -> bool:
    """The polling interval of a watchdog observer (`_timeout`, no public setter), for the
    watches it has and those still to come (an emitter is made with the observer's timeout)."""
    if not _allowed("watchdog", "Hurtigere overvågning af mapperne"):
        return False
    for target in [observer, *observer.emitters]:
        target._timeout = seconds
    return True
