"""Shared fixtures: the real site, built once per test session with the real MkDocs."""

from __future__ import annotations

import fcntl
import functools
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from . import layers

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "themes_data"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
MINIMAL = FIXTURES / "minimal"

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
os.environ.setdefault("DISABLE_MKDOCS_2_WARNING", "true")
# The session's build gets its public address from here, never from the shell running the tests.
os.environ.pop("SITE_URL", None)
# An address as GitHub Pages gives one (a path below the host): printed and encoded in QR codes.
SITE_URL = "https://vive-kvalitet.github.io/socialpsykiatri/"


def pytest_sessionstart(session: pytest.Session) -> None:
    """A .venv installed before pyproject.toml's plugin entry point moved cannot load the plugin:
    every build would fail on a missing module. Say so once instead."""
    import importlib.metadata
    import tomllib

    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    wanted = declared["project"]["entry-points"]["mkdocs.plugins"]["vive"]
    found = [e.value for e in importlib.metadata.entry_points(group="mkdocs.plugins", name="vive")]
    if found != [wanted]:
        raise pytest.UsageError(
            f"the installed 'vive' plugin is {found}, pyproject.toml says {wanted}: run `make install`"
        )


# --- the layers (tests/layers.py) and the order -----------------------------------------------


def pytest_addoption(parser: pytest.Parser) -> None:
    layers.add_order_option(parser)


def pytest_configure(config: pytest.Config) -> None:
    config.stash[_GUARD] = layers.UnitGuard()


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node) -> None:
    """pytest-xdist's controller gives each worker its seed for --order random."""
    node.workerinput["order_seed"] = layers.order_seed(node.config)


def pytest_report_header(config: pytest.Config) -> str | None:
    return layers.order_header(config)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    layers.mark_layers(items)
    layers.reorder(config, items)


_GUARD = pytest.StashKey[layers.UnitGuard]()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item: pytest.Item):
    return (yield from _guarded(item))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item):
    return (yield from _guarded(item))


def _guarded(item: pytest.Item):
    """A unit test's setup (its fixtures, whatever their scope) and its call run under the guard."""
    guard = item.config.stash[_GUARD]
    guard.test = item.nodeid if item.get_closest_marker("unit") else None
    try:
        return (yield)
    finally:
        guard.test = None


@pytest.fixture(scope="session", autouse=True)
def private_cache(tmp_path_factory: pytest.TempPathFactory):
    """The generator's cache (QR codes) in a folder of this test run, not the user's."""
    before = os.environ.get("VIVE_CACHE_DIR")
    os.environ["VIVE_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))
    yield
    if before is None:
        os.environ.pop("VIVE_CACHE_DIR")
    else:
        os.environ["VIVE_CACHE_DIR"] = before


def engine():
    """The engine the project builds with (generator/engine.py): what the commands use."""
    from generator.engine import chosen

    return chosen()


def project_config(config_file: Path = ROOT / "mkdocs.yml"):
    """A project's mkdocs.yml as its engine builds it (what the commands and the API pass down)."""
    return engine().project_config(config_file)


@functools.cache
def project_converter():
    """The Markdown converter for the project's own mkdocs.yml: the HTML a text becomes in the build.
    Made once (reading mkdocs.yml through the engine's loader for each of thousands of texts was
    35 s of tests/test_safe_links.py)."""
    from generator.content.markdown_html import converter

    return converter(project_config())


def build_site(site_dir: Path, config_file: Path = ROOT / "mkdocs.yml", **overrides) -> Path:
    """Build with the real MkDocs in strict mode, as `mkdocs build --strict` does."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    cfg = load_config(str(config_file), site_dir=str(site_dir), strict=True, **overrides)
    build(cfg)
    return site_dir


def shared_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This run's folder that every worker of `pytest -n` sees (one process: its own base folder)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def built_once(folder: Path, build: Callable[[Path], object]) -> Path:
    """`folder` built by `build` once per test run, whichever worker of `pytest -n` comes first;
    the others wait for it (a lock, not a timer) and read the same files."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    with open(folder.parent / f"{folder.name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        done = folder.parent / f"{folder.name}.built"
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)  # a worker stopped halfway
            build(folder)
            done.touch()
    return folder


@pytest.fixture(scope="session")
@layers.builds
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once per run and only read by the tests (a test that changes a built
    site builds or copies its own)."""
    return built_once(shared_folder(tmp_path_factory) / "real-site" / "site", _build_real_site)


def _build_real_site(site: Path) -> None:
    build_site(site, site_url=SITE_URL)


@pytest.fixture(scope="session")
def real_site():
    from generator import load_site

    return load_site(DATA)


@pytest.fixture(scope="session")
def corpus_results(tmp_path_factory: pytest.TempPathFactory):
    """Every row of the bad-input corpus (tests/bad_input/corpus.py), each loaded once on its own
    broken copy of the minimal content: {name: (the copy, the ContentErrors raised, or None)}."""
    from generator import ContentErrors, load_site

    from .bad_input.corpus import CORPUS

    results = {}
    for case in CORPUS:
        data = tmp_path_factory.mktemp(case.name) / "themes_data"
        shutil.copytree(MINIMAL, data)
        case.mutate(data)
        try:
            load_site(data)
        except ContentErrors as exc:
            results[case.name] = (data, exc)
        else:
            results[case.name] = (data, None)
    return results


@pytest.fixture
def minimal_copy(tmp_path: Path) -> Path:
    """A writable copy of the minimal fixture content, for tests that break it."""
    target = tmp_path / "themes_data"
    shutil.copytree(MINIMAL, target)
    return target


@pytest.fixture(scope="module")
@layers.builds
def served(tmp_path_factory: pytest.TempPathFactory):
    """The real `mkdocs serve --livereload` on a copy of the sources, one per test module
    (its tests edit the copy): (copy, a theme's YAML file, that theme's served URL, its title)."""
    from .bench.serve_latency import copy_sources, fetch, pick_theme, start_server, stop_server, wait_until

    work = tmp_path_factory.mktemp("serve")
    copy_sources(work)
    yaml_file, url_path, title = pick_theme(work / "themes_data")
    base, server, log = start_server(work)
    try:
        if wait_until(lambda: "<html" in fetch(base + url_path), timeout=300, step=0.2) is None:
            pytest.fail("mkdocs serve startede ikke:\n" + (work / "serve.log").read_text()[-2000:])
        yield work, yaml_file, base + url_path, title
    finally:
        stop_server(server, log)
