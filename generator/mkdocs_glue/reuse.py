"""What the live preview (`mkdocs serve`) keeps from one save to the next, and when it may.

A save changes a few pages; a build converts and renders every page again. Two things are kept:

- `HtmlReuse`: a page's Markdown → HTML, while its Markdown and the files its links resolve
  to are the same;
- `PageReuse`: a page's finished HTML file (Material's template around that HTML, with the
  navigation), while everything the template reads for that page is the same: its content,
  table of contents, metadata, previous/next, the part of the sidebar it shows, the config and
  the theme's templates. Such a page is neither rendered nor written again.

Each rule is proven by tests/test_preview_reuse.py: after every kind of save the preview's
output folder is byte for byte the output of a full build of the same sources. Neither is
used by `mkdocs build` or `make site`.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.mkdocs_glue import patches
from generator.mkdocs_glue.patches import PageRender

log = logging.getLogger("mkdocs.plugins.vive")


class WarningCounter(logging.Handler):
    """Counts the warnings MkDocs logs, so a page whose rendering warned is never reused
    (a strict build must warn again next time)."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


# What a link target was found to be when a page was converted: its file (None: not found) and
# whether that file is excluded from the site (MkDocs says so for a link to it).
_Target = tuple[str, bool] | None


def _target(file: Any) -> _Target:
    return None if file is None else (file.src_uri, file.inclusion.is_excluded())


class _Lookups:
    """The build's files as one page's conversion sees them, noting every link target looked up
    (MkDocs' link check asks `files.get_file_from_path` for each relative link)."""

    def __init__(self, files: Any) -> None:
        self._files = files
        self.found: dict[str, _Target] = {}

    def get_file_from_path(self, path: str) -> Any:
        file = self._files.get_file_from_path(path)
        self.found[path] = _target(file)
        return file

    def __getattr__(self, name: str) -> Any:
        return getattr(self._files, name)


@dataclass
class _Converted:
    key: tuple[str, str]
    targets: dict[str, _Target]
    render: PageRender


class HtmlReuse:
    """Markdown → HTML of pages whose Markdown did not change, between the builds of `mkdocs serve`.

    Converting Markdown is about half of a rebuild, and one saved YAML file changes the
    Markdown of a few pages only. A page's HTML depends on its Markdown, its own file, the
    Markdown configuration and, for each of its links, the file the link was found to lead to:
    a page whose links all lead where they did is not converted again when a case is added or
    removed elsewhere. Only conversions that logged no warning are kept, one per page.
    """

    def __init__(self) -> None:
        self._pages: dict[str, _Converted] = {}
        self._finished: dict[str, tuple[str, str]] = {}  # src_uri → (HTML, after the plugin's step)
        self._settings = ""
        self._files: Any = None
        self._pending: dict[str, tuple[tuple[str, str], int, _Lookups | None]] = {}
        self.warnings = WarningCounter()
        logging.getLogger("mkdocs").addHandler(self.warnings)
        self.reused = 0
        self.pages = 0

    def start(self, config: Any, files: Any) -> None:
        """Once per build, when the files are known."""
        self._settings = _digest(
            repr((config["markdown_extensions"], config["mdx_configs"])),
            repr(config["validation"]),
            str(config["use_directory_urls"]),
        )
        self._files = files
        self._pending.clear()
        self.reused = 0
        self.pages = 0

    def before_render(self, markdown: str, page: Any) -> None:
        """Reuse the earlier conversion if nothing it depends on changed; else convert, noting
        where its links lead."""
        uri = page.file.src_uri
        key = (
            _digest(self._settings, uri, str(page.file.inclusion)),
            hashlib.sha256(markdown.encode()).hexdigest(),
        )
        self.pages += 1
        done = self._pages.get(uri)
        files = self._files.src_uris  # the looked-up paths are normalised already (posixpath)
        if (
            done is not None
            and done.key == key
            and all(_target(files.get(path)) == was for path, was in done.targets.items())
            and patches.replace_page_render(page, done.render.on(page))
        ):
            self.reused += 1
            return
        lookups = _Lookups(self._files)
        convert = page.render
        if not patches.replace_page_render(page, lambda config, files: convert(config, lookups)):
            self._pending[uri] = (key, self.warnings.count, None)  # converted as MkDocs does; not kept
            return
        self._pending[uri] = (key, self.warnings.count, lookups)

    def after_render(self, page: Any) -> None:
        """Keep the conversion, unless it warned."""
        pending = self._pending.pop(page.file.src_uri, None)
        if pending is None:
            return
        key, warnings_before, lookups = pending
        if self.warnings.count != warnings_before or lookups is None:
            self._pages.pop(page.file.src_uri, None)
            return
        self._pages[page.file.src_uri] = _Converted(key, dict(lookups.found), PageRender.of(page))

    def finished(self, page: Any, html: str, step: Callable[[str], str]) -> str:
        """`step(html)`, the plugin's own pass over a page's converted HTML (Danish break
        points in headings), or its last result for this page while `html` is the same."""
        uri = page.file.src_uri
        kept = self._finished.get(uri)
        if kept is not None and kept[0] == html:  # the same object, when the HTML was reused
            return kept[1]
        done = step(html)
        self._finished[uri] = (html, done)
        return done


# A file as the preview left it: size, times and inode (any write changes the ctime, even one
# that keeps size and mtime). A page or a copy whose file is not as the preview wrote it (the
# build-error panel was put into it, or anything else touched it) is written again.
Stamp = tuple[int, int, int, int]


def file_stamp(path: str) -> Stamp | None:
    try:
        found = os.stat(path)
    except OSError:
        return None
    return found.st_size, found.st_mtime_ns, found.st_ctime_ns, found.st_ino


class PageReuse:
    """A page's finished HTML file, kept between the builds of `mkdocs serve` while its inputs hold.

    Material renders the whole page template for every page on every build, the navigation
    included, and MkDocs writes every file again: on a 500-case site that was 1.6-2.4 s of a
    save that changed a few pages. `key` names everything the template reads for one page;
    a page whose key and file are what the last build left is not rendered nor written again
    (its file's time is set, so preview.KeptSiteDir counts it as written by this build).

    `unchanged` holds the pages (site paths) this build left as the last one wrote them: the
    check of the finished pages (publish/output_check.py) reads only the others again.
    """

    def __init__(self) -> None:
        self._done: dict[str, tuple[str, Stamp]] = {}  # src_uri → (key, its file's stamp)
        self._build_key = ""
        self._shown_nav: dict[tuple[int, ...], str] = {}
        self._item_keys: dict[int, str] = {}
        self._prune = False
        self.active = False  # between start() and finish(): only the preview's own builds
        self.reused = 0
        self.written: list[str] = []
        self.unchanged: set[str] = set()

    # --- a build ---------------------------------------------------------------------------

    def start(self, config: Any, nav: Any, panel: str, theme_files: Iterable[tuple[str, int, int]]) -> None:
        """Once per build, when the navigation is known: what every page of this build shares."""
        plugins = {
            name: (type(p).__qualname__, repr(dict(p.config))) for name, p in config["plugins"].items()
        }
        settings = {k: repr(v) for k, v in config.items() if k not in ("nav", "plugins", "extra")}
        settings["extra"] = repr(_extra_as_pages_read_it(config["extra"]))
        homepage = nav.homepage.url if nav.homepage else ""
        self._build_key = _digest(
            repr(sorted(settings.items())), repr(sorted(plugins.items())), homepage, panel
        )
        self._build_key = _digest(self._build_key, repr(sorted(theme_files)), _versions())
        self._prune = "navigation.prune" in config["theme"]["features"]
        self._shown_nav.clear()
        self._item_keys.clear()
        self.reused = 0
        self.written = []
        self.unchanged = set()
        self.active = True

    def finish(self) -> None:
        self.active = False

    def forget(self) -> None:
        """Render every page again next time: a build failed (midway, or a check failed on
        the finished pages, which must then be checked again)."""
        self._done.clear()
        self.active = False

    def build_page(self, original: Callable[..., None]) -> Callable[..., None]:
        """A stand-in for MkDocs' `_build_page` (patches.wrap_build_page) that skips a page whose
        finished file is still right."""

        def build_page(
            page: Any,
            config: Any,
            doc_files: Any,
            nav: Any,
            env: Any,
            dirty: bool = False,
            excluded: bool = False,
        ) -> None:
            if not self.active:
                return original(page, config, doc_files, nav, env, dirty, excluded)
            uri, path = page.file.src_uri, page.file.abs_dest_path
            key = self.key(page, nav, excluded)
            done = self._done.pop(uri, None)
            if done is not None and done == (key, file_stamp(path)):
                os.utime(path)  # written by this build, as far as KeptSiteDir can tell
                if (stamp := file_stamp(path)) is not None:
                    self._done[uri] = (key, stamp)
                    self.reused += 1
                    self.unchanged.add(page.file.dest_uri)
                    return
            original(page, config, doc_files, nav, env, dirty, excluded)
            self.written.append(path)
            if (stamp := file_stamp(path)) is not None:
                self._done[uri] = (key, stamp)

        return build_page

    # --- what a page's template reads ------------------------------------------------------

    def key(self, page: Any, nav: Any, excluded: bool) -> str:
        """Everything Material's page template (and overrides/) reads for `page`, as one digest."""
        return _digest(
            self._build_key,
            page.file.src_uri,
            page.file.dest_uri,
            page.url,
            str(page.title),
            page.content or "",
            _toc(page.toc),
            _json(page.meta),
            str(page.edit_url),
            str(page.canonical_url),
            str(page.is_homepage),
            str(excluded),
            _link(page.previous_page),
            _link(page.next_page),
            self.shown_nav(page, nav),
        )

    def shown_nav(self, page: Any, nav: Any) -> str:
        """The part of the sidebar Material shows on `page`: with `navigation.prune`, the open
        sections are the page's ancestors; every other section shows as one link (its title,
        its first page). Pages outside the navigation (the case pages) share one."""
        ancestors = tuple(id(item) for item in page.ancestors)
        here = (id(page),) if any(item is page for item in nav.pages) else ()
        memo = ancestors + here
        if memo not in self._shown_nav:
            self._shown_nav[memo] = _digest(*self._shown(nav.items, page, set(ancestors)))
        return self._shown_nav[memo]

    def _shown(self, items: list[Any], page: Any, open_: set[int]) -> list[str]:
        shown: list[str] = []
        for item in items:
            if item is page:
                shown.append("current")  # its title, toc and meta are in the page's own key
            elif item.children:
                if self._prune and id(item) not in open_:
                    first = item
                    while first.children and first.children[0].children:
                        first = first.children[0]
                    target = first.children[0] if first.children else first
                    shown.append(_digest("pruned", self._item(item), self._item(target)))
                else:
                    shown.append(_digest("open", self._item(item), str(id(item) in open_)))
                    shown += self._shown(item.children, page, open_)
                    shown.append("close")
            else:
                shown.append(self._item(item))
        return shown

    def _item(self, item: Any) -> str:
        """A navigation item as any page's sidebar may show it: its title, address and the
        metadata Material's nav-item.html reads (not the description, which a text edit changes)."""
        found = self._item_keys.get(id(item))
        if found is None:
            url = getattr(item, "url", "")
            meta = getattr(item, "meta", None) or {}
            shown = {key: meta.get(key) for key in _NAV_META}
            index = getattr(item, "is_index", False)
            found = _digest(type(item).__name__, str(item.title), str(url), _json(shown), str(index))
            self._item_keys[id(item)] = found
        return found


# What the pages read of a value the plugin puts into config.extra, where they read only part of
# it: the search panel on every page (overrides/partials/search.html) prints each way in's name,
# text and address; only 404.html, which MkDocs renders on every build, lists the themes under
# them. So a theme's new title changes the 404 page, not every page's key.
_EXTRA_READ_BY_PAGES = {"vive_veje_ind": ("navn", "tekst", "url")}


def _extra_as_pages_read_it(extra: Any) -> dict[str, Any]:
    shown = dict(extra)
    for key, fields in _EXTRA_READ_BY_PAGES.items():
        if isinstance(shown.get(key), list):
            shown[key] = [{f: way.get(f) for f in fields} for way in shown[key] if isinstance(way, dict)]
    return shown


# What partials/nav-item.html (mkdocs-material 9.8) reads of a page's metadata in the sidebar;
# an upgrade of Material changes the key of every page (`_versions`), and the byte comparison
# of tests/test_preview_reuse.py runs on the installed version.
_NAV_META = ("icon", "subtitle", "status")


def _digest(*parts: str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()


def _json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, default=repr, ensure_ascii=False)


def _link(page: Any) -> str:
    return "" if page is None else f"{page.title}\0{page.url}"


def _toc(items: Iterable[Any]) -> str:
    return repr([(i.title, i.id, i.level, _toc(i.children)) for i in items])


def _versions() -> str:
    return repr([(dist, patches.installed(dist)) for dist in ("mkdocs", "mkdocs-material")])


def theme_files(custom_dir: str | None) -> list[tuple[str, int, int]]:
    """overrides/ as the templates see it: each file's path, size and time (read every build,
    as MkDocs reads the templates again: a few files)."""
    if not custom_dir:
        return []
    found = []
    for here, _, names in os.walk(custom_dir):
        for name in names:
            path = Path(here, name)
            stat = path.stat()
            found.append((path.relative_to(custom_dir).as_posix(), stat.st_size, stat.st_mtime_ns))
    return found
