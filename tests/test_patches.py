"""The adapter onto other libraries' internals (generator/mkdocs_glue/patches.py), on the installed versions.

Each patch gets a test that the attribute it replaces is still there, called the way the patch
assumes, by the code that the patch means to affect; an upgrade that changes one fails here,
by name, before a page changes. And each patch refuses a version it was not written for.
"""

from __future__ import annotations

import importlib.metadata
import inspect
import logging
from pathlib import Path

import jinja2
import mkdocs.commands.build
import mkdocs.structure.files
import mkdocs.utils
import pytest
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.pages import Page
from mkdocs.theme import Theme
from watchdog.observers.polling import PollingObserver

from generator.mkdocs_glue import patches
from generator.mkdocs_glue.patches import PageRender, UnsupportedVersion

ROOT = Path(__file__).resolve().parent.parent
GENERATOR = ROOT / "generator"


def _params(func: object) -> list[str]:
    return list(inspect.signature(func).parameters)  # type: ignore[arg-type]


@pytest.mark.parametrize("dist", sorted(patches.WRITTEN_FOR))
def test_the_installed_version_is_the_one_the_patches_were_written_for(dist):
    # An upgrade lands here first: read the patches for `dist`, check them, then widen WRITTEN_FOR.
    assert patches.written_for(dist), (dist, patches.installed(dist), patches.WRITTEN_FOR[dist])


def test_no_other_module_assigns_onto_the_patched_attributes():
    names = (
        "clean_directory =",
        ".render =",
        ".copy_file =",
        "._serve_request =",
        ".get_env =",
        ".list_templates =",
        "HTML_TEMPLATE =",
        "._timeout =",
        ".build_delay =",
        ".builder =",
        ".bytecode_cache =",
        "._want_rebuild =",
        "._build_page =",
        ".observer =",
        "._watched_paths[",
    )
    for path in sorted(GENERATOR.rglob("*.py")):
        if path.name == "patches.py":
            continue
        text = path.read_text(encoding="utf-8")
        assert not [n for n in names if n in text], path


def test_the_engine_adds_the_markdown_extensions_the_installed_mkdocs_adds():
    # The content step converts a text with the project configuration as the engine completed it
    # (mkdocs_glue/engine.py, without importing MkDocs): the list must be MkDocs' own.
    from mkdocs.config.defaults import MkDocsConfig

    from generator.mkdocs_glue.engine import MARKDOWN_BUILTINS

    assert list(MARKDOWN_BUILTINS) == MkDocsConfig.markdown_extensions.builtins  # type: ignore[attr-defined]


def test_the_installed_plugin_entry_point_is_the_one_in_pyproject():
    import importlib.metadata
    import tomllib

    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    wanted = declared["project"]["entry-points"]["mkdocs.plugins"]["vive"]
    (installed,) = importlib.metadata.entry_points(group="mkdocs.plugins", name="vive")
    assert installed.value == wanted, "pyproject.toml changed: run `make install`"
    assert installed.load().__module__ == "generator.mkdocs_glue.plugin"


# --- MkDocs -----------------------------------------------------------------------------------


def test_mkdocs_empties_the_site_dir_through_utils_clean_directory():
    assert _params(mkdocs.utils.clean_directory) == ["directory"]
    assert "utils.clean_directory(config.site_dir)" in inspect.getsource(mkdocs.commands.build.build)


def test_mkdocs_converts_a_page_through_page_render_and_sets_what_page_render_restores():
    assert _params(Page.render) == ["self", "config", "files"]
    assert "page.render(config, files)" in inspect.getsource(mkdocs.commands.build._populate_page)
    source = inspect.getsource(Page.render)
    # Every attribute Page.render sets is one PageRender keeps and sets again.
    set_by_mkdocs = {
        line.split("=")[0].strip().removeprefix("self.")
        for line in source.splitlines()
        if line.strip().startswith("self.") and "=" in line and "==" not in line
    }
    restored = {"content", "toc", "_title_from_render", "present_anchor_ids", "links_to_anchors"}
    assert set_by_mkdocs == restored


def test_page_render_is_replaced_on_one_page_only(tmp_path):
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File

    (tmp_path / "d").mkdir()
    config = MkDocsConfig()
    config.load_dict({"site_name": "x", "docs_dir": str(tmp_path / "d"), "site_dir": str(tmp_path / "s")})
    assert config.validate() == ([], [])
    (tmp_path / "d" / "a.md").write_text("# A\n", encoding="utf-8")
    file = File("a.md", str(tmp_path / "d"), str(tmp_path / "s"), use_directory_urls=True)
    page, other = Page(None, file, config), Page(None, file, config)
    done = PageRender("<p>genbrugt</p>", [], "A", {"a"}, None)
    assert patches.replace_page_render(page, done.on(page))
    page.render(config, None)
    assert page.content == "<p>genbrugt</p>" and page.present_anchor_ids == {"a"}
    assert other.render.__func__ is Page.render  # type: ignore[attr-defined]


def test_mkdocs_copies_each_static_file_through_its_copy_file():
    from mkdocs.structure.files import File, Files

    assert _params(File.copy_file) == ["self", "dirty"]
    assert "file.copy_file(dirty)" in inspect.getsource(Files.copy_static_files)
    assert "files.copy_static_files(" in inspect.getsource(mkdocs.commands.build.build)


def test_mkdocs_renders_and_writes_each_page_through_build_page(monkeypatch):
    params = ["page", "config", "doc_files", "nav", "env", "dirty", "excluded"]
    assert _params(mkdocs.commands.build._build_page) == params
    source = inspect.getsource(mkdocs.commands.build.build)
    assert "_build_page(\n                file.page, config, doc_files, nav, env, dirty," in source
    monkeypatch.setattr(mkdocs.commands.build, "_build_page", mkdocs.commands.build._build_page)
    original = mkdocs.commands.build._build_page
    assert patches.wrap_build_page(lambda build_page: lambda *args: ("wrapped", build_page))
    assert mkdocs.commands.build._build_page() == ("wrapped", original)


def test_mkdocs_gets_the_theme_environment_through_theme_get_env():
    assert _params(Theme.get_env) == ["self"]
    assert "config.theme.get_env()" in inspect.getsource(mkdocs.commands.build.build)


def test_serve_waits_build_delay_after_a_change():
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=".")
    assert isinstance(server.build_delay, float)
    assert "timeout=self.build_delay" in inspect.getsource(LiveReloadServer._build_loop)
    assert patches.set_build_delay(server, 0.05) and server.build_delay == 0.05


def test_serve_answers_every_request_through_serve_request():
    source = inspect.getsource(LiveReloadServer.serve_request)
    assert "self._serve_request(environ, start_response)" in source
    assert _params(LiveReloadServer._serve_request) == ["self", "environ", "start_response"]


def test_serve_rebuilds_through_the_servers_builder():
    assert "self.builder = builder" in inspect.getsource(LiveReloadServer.__init__)
    assert "self.builder()" in inspect.getsource(LiveReloadServer._build_loop)
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=".")
    built: list[str] = []
    assert patches.wrap_builder(server, lambda build: lambda: built.append("wrapped"))
    server.builder()
    assert built == ["wrapped"]


def test_serve_builds_when_want_rebuild_is_set_under_its_condition():
    loop = inspect.getsource(LiveReloadServer._build_loop)
    assert "self._want_rebuild = False" in loop and "self._rebuild_cond.wait_for(" in loop
    assert "self._want_rebuild = True" in inspect.getsource(LiveReloadServer.watch)
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=".")
    assert not server._want_rebuild
    assert patches.request_rebuild(server) and server._want_rebuild


def test_a_folder_watched_again_after_it_was_removed_reports_changes_again(tmp_path):
    """A watchdog emitter stops for good when its folder is removed (git checkout); MkDocs counts
    watches per path and would not schedule it again."""
    import shutil

    from .bench.serve_latency import wait_until

    source = inspect.getsource(LiveReloadServer.watch)
    assert "self._watched_paths[path] += 1" in source and "self._watch_refs[path] = " in source
    folder = tmp_path / "themes_data"
    folder.mkdir()
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    server.watch(str(folder))
    server.watch(str(folder))  # twice, as the plugin and mkdocs.yml's watch: both do
    patches.set_poll_interval(server.observer, 0.05)
    server.observer.start()
    try:
        shutil.rmtree(folder)
        assert wait_until(lambda: not any(e.is_alive() for e in server.observer.emitters), timeout=30)
        folder.mkdir()
        server._want_rebuild = False
        assert patches.watch_again(server, str(folder))
        assert server._watched_paths[str(folder)] == 2
        (folder / "tema.yaml").write_text("titel: x\n", encoding="utf-8")
        assert wait_until(lambda: server._want_rebuild, timeout=30) is not None
    finally:
        server.observer.stop()


def test_the_servers_observer_is_replaced_with_every_watch_kept(tmp_path):
    from watchdog.events import FileSystemEventHandler
    from watchdog.observers.polling import PollingObserver as Other

    assert "self.observer = watchdog.observers.polling.PollingObserver(" in inspect.getsource(
        LiveReloadServer.__init__
    )
    assert "self.observer.start()" in inspect.getsource(LiveReloadServer.serve)
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    server.watch(str(tmp_path))
    server.watch(str(tmp_path))
    replacement = Other()
    assert patches.move_watches(server, replacement)
    assert server.observer is replacement and server._watched_paths == {str(tmp_path): 2}
    assert [e.watch.path for e in replacement.emitters] == [str(tmp_path)]
    replacement.schedule(FileSystemEventHandler(), str(tmp_path))  # still the public API
    server.server_close()


# --- Jinja ------------------------------------------------------------------------------------


def test_mkdocs_lists_the_theme_files_through_list_templates():
    assert _params(jinja2.Environment.list_templates) == ["self", "extensions", "filter_func"]
    assert "env.list_templates(filter_func=" in inspect.getsource(
        mkdocs.structure.files.Files.add_files_from_theme
    )


def test_the_theme_listing_patch_reaches_the_environment_mkdocs_builds_with():
    from generator.mkdocs_glue.preview import remember_theme_files

    theme = Theme(name="mkdocs")
    remember_theme_files(theme)
    env = theme.get_env()
    assert env.list_templates.__name__ == "remembered"
    assert env.list_templates() == env.list_templates()  # the second from the remembered listing


def test_jinja_loaders_read_the_environment_bytecode_cache(tmp_path):
    assert "environment.bytecode_cache" in inspect.getsource(jinja2.loaders.BaseLoader.load)
    env = jinja2.Environment()
    cache = jinja2.FileSystemBytecodeCache(str(tmp_path))
    assert env.bytecode_cache is None and patches.give_bytecode_cache(env, cache)
    assert env.bytecode_cache is cache


# --- mkdocs-redirects -------------------------------------------------------------------------


def test_mkdocs_redirects_writes_its_pages_from_html_template():
    from mkdocs_redirects import plugin as redirects

    assert isinstance(redirects.HTML_TEMPLATE, str) and "{url}" in redirects.HTML_TEMPLATE
    assert "HTML_TEMPLATE.format(url=" in inspect.getsource(redirects)


# --- watchdog ---------------------------------------------------------------------------------


def test_watchdog_emitters_poll_at_the_observers_timeout(tmp_path):
    from watchdog.events import FileSystemEventHandler

    (tmp_path / "later").mkdir()
    observer = PollingObserver(timeout=0.5)  # never started: schedule only makes the emitters
    observer.schedule(FileSystemEventHandler(), str(tmp_path))
    assert patches.set_poll_interval(observer, 0.1)
    observer.schedule(FileSystemEventHandler(), str(tmp_path / "later"))  # a watch still to come
    assert sorted(e.timeout for e in observer.emitters) == [0.1, 0.1] and observer.timeout == 0.1
    assert "self.queue_events(self.timeout)" in inspect.getsource(type(observer.emitters.pop()).run)


def test_the_installed_versions_are_read_once_per_process(monkeypatch):
    """Every page's render is patched in the live preview; reading the package metadata for
    each was 0.9 s of a 500-case rebuild (cProfile, BENCHMARKS.md)."""
    reads = []
    real = importlib.metadata.version
    monkeypatch.setattr(importlib.metadata, "version", lambda dist: reads.append(dist) or real(dist))
    patches.installed.cache_clear()
    try:
        assert all(patches.written_for("mkdocs") for _ in range(5))
        assert reads == ["mkdocs"]
    finally:
        patches.installed.cache_clear()


# --- refusing a version the patches were not written for -----------------------------------------


@pytest.fixture
def unknown_versions(monkeypatch):
    monkeypatch.setattr(patches, "installed", lambda dist: "99.0")
    patches._say_refused.cache_clear()
    yield
    patches._say_refused.cache_clear()


def test_every_speed_up_is_left_out_on_an_unknown_version(unknown_versions, tmp_path, caplog):
    caplog.set_level(logging.INFO, logger="mkdocs.plugins.vive")
    before = mkdocs.utils.clean_directory
    assert not patches.replace_clean_directory(lambda directory: None)
    assert mkdocs.utils.clean_directory is before
    build_page = mkdocs.commands.build._build_page
    assert not patches.wrap_build_page(lambda original: print)
    assert mkdocs.commands.build._build_page is build_page

    theme = Theme(name="mkdocs")
    assert not patches.replace_theme_get_env(theme, jinja2.Environment)
    env = theme.get_env()
    assert not patches.replace_list_templates(env, lambda *a: [])
    assert env.list_templates.__func__ is jinja2.Environment.list_templates  # type: ignore[attr-defined]
    assert not patches.give_bytecode_cache(env, jinja2.FileSystemBytecodeCache(str(tmp_path)))
    assert env.bytecode_cache is None

    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=".")
    assert not patches.set_build_delay(server, 0.01) and server.build_delay == 0.1
    builder = server.builder
    assert not patches.wrap_builder(server, lambda build: print) and server.builder is builder
    assert not patches.wrap_serve_request(server, lambda serve: print)
    assert "_serve_request" not in vars(server)
    assert not patches.set_poll_interval(server.observer, 0.01) and server.observer.timeout != 0.01
    assert not patches.request_rebuild(server) and not server._want_rebuild
    observer = server.observer
    assert not patches.move_watches(server, object()) and server.observer is observer
    assert not patches.watch_again(server, str(tmp_path)) and not server.observer.emitters

    page = object.__new__(Page)
    assert not patches.replace_page_render(page, lambda config, files: None)
    assert "render" not in vars(page)
    from mkdocs.structure.files import File

    file = File("a.css", str(tmp_path), str(tmp_path / "s"), use_directory_urls=True)
    assert not patches.replace_copy_file(file, lambda dirty=False: None)
    assert "copy_file" not in vars(file)
    said = [r.getMessage() for r in caplog.records]
    assert any("skrevet til mkdocs 1.6.1, men mkdocs 99.0 er installeret" in m for m in said), said
    assert any("watchdog 99.0" in m for m in said) and any("jinja2 99.0" in m for m in said)


def test_the_redirect_page_refuses_an_unknown_version_in_danish(unknown_versions):
    from mkdocs_redirects import plugin as redirects

    before = redirects.HTML_TEMPLATE
    with pytest.raises(UnsupportedVersion, match="mkdocs-redirects 99.0 er installeret"):
        patches.use_redirect_template("<p>x</p>")
    assert redirects.HTML_TEMPLATE is before


def test_the_plugin_stops_the_build_with_the_refusal(unknown_versions):
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.exceptions import PluginError

    from generator.mkdocs_glue.plugin import VivePlugin

    config = MkDocsConfig()
    config.load_dict({"site_name": "x", "site_url": "https://example.org/"})
    with pytest.raises(PluginError, match="Den danske side ved flyttede siders gamle adresser"):
        VivePlugin().on_config(config)
