"""`make serve` for editors: the real `mkdocs serve --livereload` on a copy of the sources.

An edit to a YAML file shows up on the served page; an edit with an error is reported in
Danish, without a Python traceback; fixing it brings the page back.
Timing is measured by `make bench` (tests/bench/serve_latency.py), not asserted here.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.livereload import LiveReloadServer

from generator.plugin import SERVE_POLL_SECONDS, VivePlugin

from .bench.serve_latency import (
    copy_sources,
    fetch,
    pick_theme,
    set_title,
    start_server,
    stop_server,
    wait_until,
)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory):
    work = tmp_path_factory.mktemp("serve")
    copy_sources(work)
    yaml_file, url_path, title = pick_theme(work / "themes_data")
    base, server, log = start_server(work)
    try:
        if wait_until(lambda: "<html" in fetch(base + url_path), timeout=120, step=0.2) is None:
            pytest.fail("mkdocs serve startede ikke:\n" + (work / "serve.log").read_text()[-2000:])
        yield work, yaml_file, base + url_path, title
    finally:
        stop_server(server, log)


def _log(work: Path) -> str:
    return (work / "serve.log").read_text(encoding="utf-8", errors="replace")


def test_an_edited_title_shows_on_the_served_page(served):
    work, yaml_file, url, title = served
    set_title(yaml_file, f"{title} Rettet1")
    assert wait_until(lambda: "Rettet1" in fetch(url), timeout=60) is not None, _log(work)[-2000:]


def test_an_error_is_reported_in_danish_and_fixing_it_recovers(served):
    # (Until then MkDocs holds new requests; the open page stays as it was.)
    work, yaml_file, url, title = served
    set_title(yaml_file, f"{title} Rettet2")
    assert wait_until(lambda: "Rettet2" in fetch(url), timeout=60) is not None
    good = yaml_file.read_text(encoding="utf-8")
    before = len(_log(work))
    yaml_file.write_text(good.replace("\nnummer:", "\nnummer: [", 1), encoding="utf-8")
    reported = wait_until(lambda: "Indholdet i themes_data/ har fejl" in _log(work)[before:], timeout=60)
    assert reported is not None, _log(work)
    report = _log(work)[before:]
    assert f"{yaml_file.relative_to(work / 'themes_data').as_posix()}:" in report  # file and line
    assert "Traceback" not in report
    yaml_file.write_text(good.replace(f"{title} Rettet2", f"{title} Rettet3"), encoding="utf-8")
    assert wait_until(lambda: "Rettet3" in fetch(url), timeout=60) is not None, _log(work)[before:]


def test_the_plugin_makes_mkdocs_poll_the_watched_folders_faster(tmp_path):
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    server.watch(str(tmp_path))  # watched by MkDocs before plugins' on_serve
    (tmp_path / "themes_data").mkdir()
    plugin = VivePlugin()
    plugin.load_config({})
    config = type("Config", (), {"config_file_path": str(tmp_path / "mkdocs.yml")})()
    server = plugin.on_serve(server, config=config, builder=lambda: None)
    server.watch(str(tmp_path / "other"))  # watched after on_serve (mkdocs.yml's watch:)
    assert len(server.observer.emitters) == 3
    assert all(e.timeout == SERVE_POLL_SECONDS for e in server.observer.emitters)
    assert SERVE_POLL_SECONDS < 0.5  # MkDocs' own interval
    server.server_close()
