"""Thin MkDocs glue: run the generator before each build and serve its pages.

Generated pages are added as in-memory files, so nothing is written into
`content/` and `mkdocs serve` has no generated folder to loop on.
"""

from __future__ import annotations

import logging
import os
import unicodedata
from pathlib import Path
from typing import Any

import jinja2
import markupsafe
from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

from generator.content.markdown_html import converter
from generator.content.yamlsource import remember_documents
from generator.errors import ContentErrors
from generator.mkdocs_glue import patches
from generator.mkdocs_glue.config import from_mkdocs, site_own_scripts
from generator.mkdocs_glue.preview import (
    BuildErrorsInBrowser,
    KeptSiteDir,
    SearchInBackground,
    WatchedPaths,
    cache_fingerprinted,
    change_watcher,
    error_panel,
    port_taken,
    remember_theme_files,
    with_panel,
)
from generator.mkdocs_glue.redirect_page import use_danish_redirect_page
from generator.mkdocs_glue.reuse import HtmlReuse, PageReuse, theme_files
from generator.pipeline import generate
from generator.publish.output_check import (
    UNSAFE_PAGES,
    check_folder,
    check_pages,
    documents,
    output_errors,
    report,
)
from generator.render.hyphenate import hyphenate_headings
from generator.render.page_memo import PageMemo
from generator.render.search_index import BUNDLE_DIR as SEARCH_BUNDLE_DIR
from generator.render.search_index import BUNDLE_DIRS as SEARCH_BUNDLE_DIRS
from generator.render.search_index import SearchIndexFailed, build_search_index
from generator.render.siteurl import InvalidSiteUrl, notice
from generator.render.siteurl import check as check_site_url
from generator.render.templating import Rendered, bytecode_cache

log = logging.getLogger("mkdocs.plugins.vive")


class ViveConfig(Config):  # type: ignore[no-untyped-call]  # MkDocs' untyped __init_subclass__
    data_dir = opt.Type(str, default="themes_data")
    # Base URL for "edit this page" on generated pages, e.g. ".../edit/main/".
    edit_base = opt.Optional(opt.Type(str))


class VivePlugin(BasePlugin[ViveConfig]):  # type: ignore[no-untyped-call]
    rendered: Rendered | None = None
    serving = False  # `mkdocs serve`: content errors are shown in the browser
    last_good: Rendered | None = None
    panel = ""  # the errors as HTML while the preview has them (generator/mkdocs_glue/preview.py)

    reuse: HtmlReuse | None = None  # `mkdocs serve` only
    pages: PageReuse | None = None
    memo: PageMemo | None = None  # the generator's pages, by what their templates were given
    kept: KeptSiteDir | None = None
    search_later: SearchInBackground | None = None
    port_checked = False
    page_sources: dict[str, str]  # built page → its source page (on_files)
    checked_dir: Path | None = None  # the site_dir whose every page the last build checked

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"
        if self.serving and self.reuse is None:
            self.reuse = HtmlReuse()
            self.pages = PageReuse()
            self.memo = PageMemo()
            patches.wrap_build_page(self.pages.build_page)
            self.kept = KeptSiteDir()
            self.search_later = SearchInBackground(build_search_index, SEARCH_BUNDLE_DIR)
            remember_documents()

    def on_shutdown(self) -> None:
        if self.search_later:
            self.search_later.wait(timeout=10)
        if self.kept:
            self.kept.close()

    def _data_dir(self, config: Any) -> Path:
        return Path(config.config_file_path).parent / self.config.data_dir

    def on_config(self, config: Any) -> Any:
        check_address(config.site_url)
        if self.serving and not self.port_checked:
            # Before the first build, not after it (MkDocs binds the port only then).
            self.port_checked = True
            if problem := port_taken(*config.dev_addr):
                log.error(problem)
                raise SystemExit(1)  # no build, no "Aborted with a BuildError!"
        try:
            use_danish_redirect_page()  # moved pages' old addresses speak Danish too
        except patches.UnsupportedVersion as exc:
            raise PluginError(str(exc)) from None
        if self.serving:
            remember_theme_files(config.theme)
        return config

    def on_pre_build(self, *, config: Any) -> None:
        # Generate before MkDocs empties site_dir: a content error then leaves the last
        # good build in place (what `mkdocs serve` keeps showing while the editor fixes it).
        self.rendered = None
        self.panel = ""
        try:
            self.rendered = generate(
                self._data_dir(config),
                site_url=config.site_url or "",
                config=from_mkdocs(config),
                memo=self.memo,
                output_checked=True,  # _check_output: every page this build writes, content/'s too
            )
        except ContentErrors as exc:
            if not (self.serving and self.last_good):
                raise PluginError("Indholdet i themes_data/ har fejl:\n" + exc.report()) from None
            # Live preview: the last good pages, with the errors on each (generator/mkdocs_glue/preview.py).
            # Logged as info: a warning would fail the strict build and freeze the preview.
            log.info("Indholdet i themes_data/ har fejl (vises også i browseren):\n" + exc.report())
            self.panel = error_panel(exc)
            self.rendered = self.last_good
        else:
            self.last_good = self.rendered
        if message := notice(config.site_url):  # once per build; info, so a strict build passes
            log.info(message)

    def on_files(self, files: Files, *, config: Any) -> Files:
        assert self.rendered is not None, "on_pre_build runs first"
        self.checked_dir = None
        for path, text in self.rendered.files.items():
            if files.get_file_from_path(path) is not None:
                raise PluginError(f"{path} findes både i content/ og blandt de genererede sider")
            inclusion = (
                InclusionLevel.NOT_IN_NAV if path in self.rendered.not_in_nav else InclusionLevel.UNDEFINED
            )
            files.append(File.generated(config, path, content=text, inclusion=inclusion))
        for path, text in self.rendered.data.items():  # the open data: copied as they are
            files.append(File.generated(config, path, content=text))
        if not self.serving:  # the preview reloads every page it serves on a save: make edit serves /admin/
            for file in _editor_files(config):
                files.append(file)
        if self.kept:
            self.kept.keep_copies(files)
        config.nav = _marked_html(self.rendered.nav)
        config.extra["vive_veje_ind"] = self.rendered.ways_in  # the search's and the 404 page's
        self.page_sources = {f.dest_uri: f.src_uri for f in files if f.src_uri.endswith(".md")}
        return files

    def on_env(self, env: Any, *, config: Any, files: Files) -> Any:
        # MkDocs makes a new theme environment for every build (every save in `mkdocs serve`)
        # and compiles Material's templates again; a bytecode cache on disk skips that.
        if env.bytecode_cache is None:
            patches.give_bytecode_cache(env, bytecode_cache())
        if config.theme.custom_dir:
            check_overrides(env, Path(config.theme.custom_dir), Path(config.config_file_path).parent)
        return env

    def on_nav(self, nav: Any, *, config: Any, files: Files) -> Any:
        if self.reuse:
            self.reuse.start(config, files)
        if self.pages:
            self.pages.start(config, nav, self.panel, theme_files(config.theme.custom_dir))
        return nav

    def on_page_markdown(self, markdown: str, *, page: Any, config: Any, files: Files) -> str:
        # A hand-written page pasted from macOS or a PDF may be decomposed (å as a + ring): composed
        # (NFC) like the YAML's text (model.Strict), so search and a reader's query find its words.
        markdown = unicodedata.normalize("NFC", markdown)
        if isinstance(page.meta.get("title"), str):
            page.meta["title"] = unicodedata.normalize("NFC", page.meta["title"])
        if self.reuse:
            self.reuse.before_render(markdown, page)
        # A generated page's title is HTML already (templating.front_matter escapes it: Material
        # prints it unescaped); marked so, Material's `| e` (a link's aria-label) keeps it.
        title = page.meta.get("title")
        if self.rendered and page.file.src_uri in self.rendered.files and isinstance(title, str):
            page.meta["title"] = markupsafe.Markup(title)
        return markdown

    def on_page_content(self, html: str, *, page: Any, config: Any, files: Files) -> str:
        if self.reuse:
            self.reuse.after_render(page)
            return self.reuse.finished(page, html, hyphenate_headings)
        return hyphenate_headings(html)  # Danish break points in long heading words

    def _search_after_build(self, *, config: Any) -> None:
        if self.kept:
            self.kept.remove_stale(config.site_dir, keep=SEARCH_BUNDLE_DIRS)
        # The search index belongs to every build that publishes and to the live preview
        # (where it is built just after the page is shown: generator/mkdocs_glue/preview.py).
        if self.search_later:
            self.search_later.start(Path(config.site_dir))
        else:
            try:
                build_search_index(Path(config.site_dir))
            except SearchIndexFailed as exc:
                raise PluginError(str(exc)) from None
        if self.reuse and self.reuse.reused:
            log.info(f"Forhåndsvisning: HTML genbrugt for {self.reuse.reused} af {self.reuse.pages} sider")
        if self.pages:
            self.pages.finish()
            written, unchanged = len(self.pages.written), self.pages.reused
            again = f", {self.memo.reused} sider genbrugt fra generatoren" if self.memo else ""
            log.info(f"Forhåndsvisning: {written} sider skrevet, {unchanged} uændrede{again}")

    @event_priority(-100)  # after every other plugin has written its pages (mkdocs-redirects)
    def _check_output(self, *, config: Any) -> None:
        """No page of the built site runs a script that is not the site's own (html_policy):
        one pass over the output folder, whatever wrote each page; errors at the source."""
        site_dir = Path(config.site_dir)
        if self.pages:  # the preview: only the pages this save wrote (a reused page passed before)
            pages = [p for p in documents(site_dir) if p not in self.pages.unchanged]
            findings = check_pages(site_dir, pages, site_own_scripts(config))
        else:
            findings = check_folder(site_dir, site_own_scripts(config))
        if findings:
            if self.rendered is None:
                found = report(findings)
            else:
                data_dir, project = self._data_dir(config), from_mkdocs(config)
                errors = output_errors(
                    findings, self.page_sources, data_dir, self.rendered, project.docs_dir, converter(project)
                )
                found = ContentErrors(errors).report()
            raise PluginError(f"{UNSAFE_PAGES}:\n{found}")
        self.checked_dir = site_dir

    on_post_build = CombinedEvent(_search_after_build, _check_output)

    def on_build_error(self, *, error: Exception) -> None:
        if self.pages:
            self.pages.forget()  # pages may be half-written: render every page next time

    def on_pre_page(self, page: Any, *, config: Any, files: Files) -> Any:
        # "Edit this page" leads editors to the YAML file, not the generated Markdown (set before
        # the page is rendered: the preview's PageReuse reads it).
        source = self.rendered.sources.get(page.file.src_uri) if self.rendered else None
        if source and self.config.edit_base:
            page.edit_url = self.config.edit_base.rstrip("/") + "/" + source
        return page

    def on_post_page(self, output: str, *, page: Any, config: Any) -> str:
        return with_panel(output, self.panel) if self.panel else output

    def on_post_template(self, output_content: str, *, template_name: str, config: Any) -> str:
        # 404.html: what the preview shows for a page that does not exist (yet).
        if self.panel and template_name.endswith(".html"):
            return with_panel(output_content, self.panel)
        return output_content

    def on_serve(self, server: Any, *, config: Any, builder: Any) -> Any:
        # A rebuild that raises would leave every page request waiting for a good build.
        site_dir = Path(config.site_dir)
        project = Path(config.config_file_path).parent
        # Told of each change by the system rather than polling (POLLING=1 make serve: polling,
        # for a folder the system does not report on, such as a container's shared folder).
        notified = not os.environ.get("POLLING") and (watcher := change_watcher(project)) is not None
        if not (notified and patches.move_watches(server, watcher)):
            patches.set_poll_interval(server.observer, SERVE_POLL_SECONDS)
        server.watch(str(self._data_dir(config)))
        # What the build reads: a folder removed and restored (git checkout) is followed back.
        watched = WatchedPaths(
            server,
            [self._data_dir(config), Path(config.docs_dir), Path(config.config_file_path), *config.watch],
            project=project,
        )
        patches.wrap_builder(
            server, lambda build: BuildErrorsInBrowser(build, site_dir, watched, SEARCH_BUNDLE_DIRS)
        )
        # After a change MkDocs waits until nothing has changed for build_delay (0.1 s) before
        # it rebuilds; an editor's save is one write, whose events the system reports within a
        # millisecond or two, so a fifth of that is enough.
        patches.set_build_delay(server, SERVE_BUILD_DELAY_SECONDS)
        patches.wrap_serve_request(server, cache_fingerprinted)  # a reload fetches only what may change
        return server


def _editor_files(config: Any) -> list[File]:
    """The content editor at /admin/ (generator/editors/admin.py), when it is installed (make site):
    copied as it is, never a page (not in the sitemap, the search or the open data)."""
    from generator.editors.admin import Backend, admin_files

    return [
        File.generated(config, path, content=source)
        if isinstance(source, bytes)
        else File.generated(config, path, abs_src_path=str(source))
        for path, source in admin_files(Backend.from_environment()).items()
    ]


def check_address(site_url: str | None) -> None:
    """$SITE_URL and mkdocs.yml's site_url must be http(s)://host[:port]/path/ (siteurl.check),
    for `mkdocs build|serve` as for `make site`; MkDocs itself takes nearly anything."""
    try:
        if variable := os.environ.get("SITE_URL"):
            check_site_url(variable, "SITE_URL")
        if site_url:
            check_site_url(site_url, "site_url i mkdocs.yml")
    except InvalidSiteUrl as exc:
        raise PluginError(str(exc)) from None


def check_overrides(env: Any, custom_dir: Path, project: Path) -> None:
    """Compile every template in overrides/ now, so a syntax error is reported by file and
    line in Danish (MkDocs would stop on it later with a Python traceback)."""
    for path in sorted(custom_dir.rglob("*.html")):
        try:
            env.get_template(path.relative_to(custom_dir).as_posix())
        except jinja2.TemplateSyntaxError as exc:
            where = Path(exc.filename or path)
            shown = where.relative_to(project) if where.is_relative_to(project) else where
            raise PluginError(
                f"Skabelonen {shown.as_posix()}:{exc.lineno} har en syntaksfejl (Jinja): {exc.message} "
                "— ret linjen; intet er udgivet"
            ) from None


# Where the preview polls (POLLING=1, or no notifications): MkDocs polls the watched folders
# every 0.5 s, on average a quarter of a second of the time from saving a YAML file to seeing
# it (BENCHMARKS.md). Scanning this site's few hundred files takes about a millisecond, so
# polling five times as often costs little (watchdog has no public setter: patches.py).
SERVE_POLL_SECONDS = 0.1
SERVE_BUILD_DELAY_SECONDS = 0.02


def _marked_html(nav: Any) -> Any:
    """The navigation with its titles marked as HTML: plan.build_nav escapes them (Material
    prints a title unescaped), so where Material escapes one (`| e`) it is not escaped twice."""
    if isinstance(nav, list):
        return [_marked_html(item) for item in nav]
    if isinstance(nav, dict):
        return {markupsafe.Markup(title): _marked_html(item) for title, item in nav.items()}
    return nav
