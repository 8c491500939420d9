"""`make serve` for editors: the real `mkdocs serve --livereload` on a copy of the sources.

An edit to a YAML file shows up on the served page; an edit with an error is reported in
Danish, without a Python traceback (in the browser too: tests/browser/test_preview_errors.py);
fixing it brings the page back by itself.
Timing is measured by `make bench` (tests/bench/serve_latency.py), not asserted here.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urljoin

from mkdocs.livereload import LiveReloadServer

from generator.mkdocs_glue.plugin import SERVE_POLL_SECONDS, VivePlugin

from .bench.serve_latency import (
    copy_sources,
    fetch,
    pick_theme,
    set_title,
    start_server,
    stop_server,
    wait_until,
)


def _log(work: Path) -> str:
    return (work / "serve.log").read_text(encoding="utf-8", errors="replace")


def test_an_edited_title_shows_on_the_served_page(served):
    work, yaml_file, url, title = served
    set_title(yaml_file, f"{title} Rettet1")
    assert wait_until(lambda: "Rettet1" in fetch(url), timeout=180) is not None, _log(work)[-2000:]


def test_an_error_is_reported_in_danish_and_fixing_it_recovers(served):
    work, yaml_file, url, title = served
    set_title(yaml_file, f"{title} Rettet2")
    assert wait_until(lambda: "Rettet2" in fetch(url), timeout=180) is not None
    good = yaml_file.read_text(encoding="utf-8")
    before = len(_log(work))
    yaml_file.write_text(good.replace("\nnummer:", "\nnummer: [", 1), encoding="utf-8")
    reported = wait_until(lambda: "Indholdet i themes_data/ har fejl" in _log(work)[before:], timeout=180)
    assert reported is not None, _log(work)
    report = _log(work)[before:]
    assert f"{yaml_file.relative_to(work / 'themes_data').as_posix()}:" in report  # file and line
    assert "Traceback" not in report
    yaml_file.write_text(good.replace(f"{title} Rettet2", f"{title} Rettet3"), encoding="utf-8")
    assert wait_until(lambda: "Rettet3" in fetch(url), timeout=180) is not None, _log(work)[before:]


def test_the_preview_has_the_search_of_the_published_site(served):
    """A preview without working search would be a different site: Pagefind runs there too."""
    work, _, url, _ = served
    entry_url = urljoin(url, "/pagefind/pagefind-entry.json")  # indexed just after each build
    entry: dict = {}
    assert wait_until(lambda: entry.update(json.loads(fetch(entry_url))) or entry, timeout=180) is not None, (
        _log(work)[-2000:]
    )
    assert entry["languages"]["da"]["page_count"] > 10, _log(work)[-2000:]
    assert "data-pagefind-body" in fetch(url)


def test_a_reload_fetches_again_only_what_a_save_may_change(served):
    """The theme's fingerprinted assets may be kept by the browser; the page and the site's own
    assets may not (preview.cache_fingerprinted)."""
    import urllib.request

    work, _, url, _ = served
    page = fetch(url)
    theme_assets = re.findall(r'(?:href|src)="([^"]*assets/[^"]*\.[0-9a-f]{8}\.min\.(?:css|js))"', page)
    assert len(theme_assets) >= 2, page[:2000]

    def cache_control(address: str) -> str | None:
        with urllib.request.urlopen(urljoin(url, address), timeout=15) as response:  # noqa: S310 - loopback
            return response.headers.get("Cache-Control")

    assert {cache_control(a) for a in theme_assets} == {"public, max-age=31536000, immutable"}
    assert cache_control(url) is None
    assert cache_control("/assets/site.css") is None


def _serving(tmp_path):
    """A LiveReloadServer after the plugin's on_serve, as `mkdocs serve` makes it (not started)."""
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    server.watch(str(tmp_path / "content"))  # watched by MkDocs before plugins' on_serve
    for folder in ("themes_data", "content", "other"):
        (tmp_path / folder).mkdir(exist_ok=True)
    plugin = VivePlugin()
    plugin.load_config({})
    paths = {"config_file_path": str(tmp_path / "mkdocs.yml"), "site_dir": str(tmp_path / "site")}
    config = type("Config", (), {**paths, "docs_dir": str(tmp_path / "content"), "watch": []})()
    server = plugin.on_serve(server, config=config, builder=lambda: None)
    server.watch(str(tmp_path / "other"))  # watched after on_serve (mkdocs.yml's watch:)
    return server


def test_the_system_tells_the_preview_of_changes_and_reads_are_not_changes(tmp_path, monkeypatch):
    """inotify instead of polling every watched file (21 % of a core, idle, at 500 cases); the
    build reads every watched file, and an open or a close after reading must not start a build."""
    from watchdog.events import FileClosedNoWriteEvent, FileOpenedEvent
    from watchdog.observers.polling import PollingObserver

    from generator.mkdocs_glue.preview import CHANGES

    monkeypatch.delenv("POLLING", raising=False)
    server = _serving(tmp_path)
    assert not isinstance(server.observer, PollingObserver)
    watched = {Path(e.watch.path).name: e.watch for e in server.observer.emitters}
    assert {"content", "themes_data", "other", tmp_path.name} <= set(watched)  # MkDocs' own too
    assert all(w.event_filter == frozenset(CHANGES) for w in watched.values())
    assert not {FileOpenedEvent, FileClosedNoWriteEvent} & set(CHANGES)
    from watchdog.events import FileSystemEventHandler

    seen: list[str] = []
    recorder = FileSystemEventHandler()
    recorder.dispatch = lambda event: seen.append(  # type: ignore[method-assign]
        f"{Path(event.src_path).name} {event.event_type}"
    )
    server.observer.add_handler_for_watch(recorder, watched["themes_data"])
    server.observer.start()
    try:
        server._want_rebuild = False
        (tmp_path / "themes_data" / "a.yaml").write_text("id: a\n", encoding="utf-8")
        assert wait_until(lambda: server._want_rebuild, timeout=30) is not None
        # Every event of that write in, then none pending: events come in order, so once a
        # second file's event is seen, the first file's are all delivered.
        (tmp_path / "themes_data" / "c.yaml").write_text("id: c\n", encoding="utf-8")
        assert wait_until(lambda: "c.yaml closed" in seen, timeout=30) is not None  # a write's last event
        seen.clear()
        for _ in range(3):  # what a build does: read the file, again and again
            (tmp_path / "themes_data" / "a.yaml").read_text(encoding="utf-8")
        (tmp_path / "themes_data" / "b.yaml").write_text("id: b\n", encoding="utf-8")  # then a change
        assert wait_until(lambda: "b.yaml closed" in seen, timeout=30) is not None
        assert {event.split()[0] for event in seen} == {"b.yaml"}, seen  # in order: the reads gave none
    finally:
        server.observer.stop()
    server.server_close()


def test_polling_1_makes_the_preview_poll_faster_than_mkdocs(tmp_path, monkeypatch):
    """POLLING=1 make serve: for a folder the system does not report changes in (a container's
    shared folder, a network drive); five times as often as MkDocs' own 0.5 s."""
    from watchdog.observers.polling import PollingObserver

    monkeypatch.setenv("POLLING", "1")
    server = _serving(tmp_path)
    assert isinstance(server.observer, PollingObserver)
    assert len(server.observer.emitters) == 4  # and the project folder (WatchedPaths)
    assert all(e.timeout == SERVE_POLL_SECONDS for e in server.observer.emitters)
    assert SERVE_POLL_SECONDS < 0.5  # MkDocs' own interval
    server.server_close()


def test_make_serve_takes_a_port(tmp_path):
    """`PORT=8010 make serve`, as the README says (here on a free port)."""
    import os
    import subprocess

    from .bench.serve_latency import free_port
    from .conftest import ROOT

    port = free_port()
    log = (tmp_path / "make-serve.log").open("wb")
    server = subprocess.Popen(
        ["make", "--no-print-directory", "serve"],
        cwd=ROOT,
        env={**os.environ, "PORT": str(port)},
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        served = wait_until(lambda: "<html" in fetch(f"http://127.0.0.1:{port}/"), timeout=300, step=0.2)
        assert served is not None, (tmp_path / "make-serve.log").read_text(errors="replace")[-2000:]
    finally:
        stop_server(server, log)
    assert f"127.0.0.1:{port}" in (tmp_path / "make-serve.log").read_text(errors="replace")


def _without_livereload(html: str) -> str:
    """A served page without the script `mkdocs serve` adds before </body>."""
    end = html.rindex("</body>")
    start = html.rindex("<script>", 0, end)
    assert "livereload(" in html[start:end]
    return html[:start] + html[end:]


def test_the_preview_shows_exactly_what_a_full_build_shows(tmp_path):
    """After two saves the preview reuses most pages' HTML; every page must still be the
    byte-for-byte page of a full strict build of the same sources."""
    from .conftest import build_site

    work = tmp_path / "work"
    work.mkdir()
    copy_sources(work)
    yaml_file, url_path, title = pick_theme(work / "themes_data")
    base, server, log = start_server(work)
    try:
        assert wait_until(lambda: "<html" in fetch(base + url_path), timeout=300, step=0.2) is not None
        for n in (1, 2):
            set_title(yaml_file, f"{title} Udgave{n}")
            assert wait_until(lambda n=n: f"Udgave{n}" in fetch(base + url_path), timeout=180) is not None
        reused = re.findall(r"HTML genbrugt for (\d+) af (\d+) sider", _log(work))
        assert reused and int(reused[-1][0]) > int(reused[-1][1]) // 2, _log(work)[-3000:]
        full = build_site(tmp_path / "full", work / "mkdocs.yml", site_url=base + "/")
        # The content editor (admin/) is in a build, never in the preview (make edit serves it).
        pages = sorted(
            p.relative_to(full).as_posix() for p in full.rglob("*.html") if "admin/" not in p.as_posix()
        )
        assert len(pages) > 50
        different = []
        for page in pages:
            served = _without_livereload(fetch(f"{base}/{page}"))
            if served != (full / page).read_text(encoding="utf-8"):
                different.append(page)
        assert different == []
    finally:
        stop_server(server, log)


def test_the_preview_folder_holds_exactly_what_a_full_build_writes(tmp_path):
    """The preview keeps its output folder between builds (no emptying and re-creating it):
    a page that no longer exists must still disappear from it."""
    import os
    import shutil
    import subprocess
    import sys

    from .bench.serve_latency import free_port
    from .conftest import MINIMAL, build_site
    from .sitecopy import write_config

    data = tmp_path / "themes_data"
    shutil.copytree(MINIMAL, data)
    config = write_config(tmp_path, data)
    temp = tmp_path / "tmp"  # where `mkdocs serve` makes its output folder (mkdocs_*)
    temp.mkdir()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = (tmp_path / "serve.log").open("wb")
    server = subprocess.Popen(
        [str(Path(sys.executable).with_name("mkdocs")), "serve", "--livereload", "-f", str(config)]
        + ["--dev-addr", f"127.0.0.1:{port}"],
        cwd=tmp_path,
        env={**os.environ, "TMPDIR": str(temp), "NO_MKDOCS_2_WARNING": "1"},
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        assert wait_until(lambda: "<html" in fetch(base + "/bostoette/sundhed/"), timeout=300, step=0.2)
        (data / "temaer" / "02-sundhed.yaml").unlink()
        assert wait_until(lambda: "Sundhed" not in fetch(base + "/bostoette/"), timeout=180) is not None
        [served] = [p for p in temp.iterdir() if p.is_dir() and p.name.startswith("mkdocs_")]
        full = build_site(tmp_path / "full", config, site_url=base + "/")

        def files(root: Path) -> set[str]:
            """Every file but the search index, which the preview builds just after the page
            (test_the_preview_has_the_search_of_the_published_site), and the content editor,
            which a build adds and the preview leaves to make edit."""
            found = {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}
            return {f for f in found if not f.startswith(("pagefind/", "admin/"))}

        assert "bostoette/sundhed/index.html" not in files(served)
        assert files(served) == files(full)
    finally:
        stop_server(server, log)


def _panel_shows(url: str, *words: str) -> bool:
    """The page answers in time (a hang raises) and shows a preview error panel with `words`."""
    html = fetch(url, timeout=15)
    return "vive-preview-errors" in html and all(word in html for word in words)


def test_a_dead_link_in_a_hand_written_page_is_shown_in_the_browser_and_nothing_hangs(served):
    """MkDocs' own warning stops the strict build; the server used to hold every page request
    until a build succeeded (over 15 s, no word in the browser)."""
    work, _, url, _ = served
    page = work / "content" / "om-sitet.md"
    good = page.read_text(encoding="utf-8")
    base = url.split("/", 3)[:3]
    page_url = "/".join(base) + "/om-sitet/"
    try:
        page.write_text(good + "\n\n[Væk](findes-ikke-1.md)\n", encoding="utf-8")
        shown = wait_until(
            lambda: _panel_shows(page_url, "findes-ikke-1.md", "kunne ikke bygges"), timeout=120
        )
        assert shown is not None, _log(work)[-3000:]
        assert _panel_shows(url, "findes-ikke-1.md")  # on every page, not only the broken one
        assert "Traceback" not in _log(work)
    finally:
        page.write_text(good, encoding="utf-8")
    assert (
        wait_until(lambda: "vive-preview-errors" not in fetch(page_url, timeout=15), timeout=120) is not None
    )


def test_a_script_in_a_hand_written_page_is_shown_in_the_browser_at_its_line(served):
    """The check of the pages a save wrote (output_check) finds it and says where it was written;
    fixing it brings the page back."""
    work, _, url, _ = served
    page = work / "content" / "om-sitet.md"
    good = page.read_text(encoding="utf-8")
    line = good.rstrip("\n").count("\n") + 3
    page_url = "/".join(url.split("/", 3)[:3]) + "/om-sitet/"
    try:
        page.write_text(good.rstrip("\n") + '\n\n<p onclick="alert(1)">Klik</p>\n', encoding="utf-8")
        shown = wait_until(lambda: _panel_shows(page_url, f"om-sitet.md:{line}:", "onclick"), timeout=120)
        assert shown is not None, _log(work)[-3000:]
        assert _panel_shows(url, f"om-sitet.md:{line}:")  # on every page, not only this one
        assert "Traceback" not in _log(work)
    finally:
        page.write_text(good, encoding="utf-8")
    assert (
        wait_until(lambda: "vive-preview-errors" not in fetch(page_url, timeout=15), timeout=120) is not None
    )


def test_a_dead_link_in_yaml_text_is_shown_in_the_browser_and_nothing_hangs(served):
    """The issue's case: an editor saves a link to a page that does not exist."""
    work, yaml_file, url, _ = served
    good = yaml_file.read_text(encoding="utf-8")
    assert "\n  tekst: |\n" in good
    try:
        yaml_file.write_text(
            good.replace("\n  tekst: |\n", "\n  tekst: |\n    Se [væk](findes-ikke-2.md).\n", 1),
            encoding="utf-8",
        )
        shown = wait_until(lambda: _panel_shows(url, "findes-ikke-2.md"), timeout=120)
        assert shown is not None, _log(work)[-3000:]
        assert "Traceback" not in _log(work)
    finally:
        yaml_file.write_text(good, encoding="utf-8")
    assert wait_until(lambda: "vive-preview-errors" not in fetch(url, timeout=15), timeout=120) is not None


def test_a_second_preview_on_a_busy_port_says_so_in_danish_before_building(tmp_path):
    """It used to build the whole site, then end in OSError: [Errno 98] with a traceback."""
    import os
    import socket
    import subprocess
    import sys

    from .conftest import ROOT

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = subprocess.run(
            [str(Path(sys.executable).with_name("mkdocs")), "serve", "--livereload"]
            + ["--dev-addr", f"127.0.0.1:{port}"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            timeout=300,
        )
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert f"Porten {port} på 127.0.0.1 er optaget" in output
    assert "PORT=8010 make serve" in output
    assert "Traceback" not in output and "Errno 98" not in output
    assert "Documentation built" not in output  # checked before the build, not after it


def test_a_removed_content_folder_is_an_error_in_the_browser_and_the_preview_follows_it_back(served):
    """Issue 25, item 6: `themes_data/` removed and restored during `make serve` (a git checkout,
    a restore from backup). The preview showed the last pages without a word while it was gone
    and never rebuilt again once it was back: the folder's watch had died with it."""
    import shutil

    work, yaml_file, url, title = served
    data = work / "themes_data"
    backup = work.parent / f"{work.name}-themes_data-backup"
    shutil.copytree(data, backup)
    before = len(_log(work))
    try:
        shutil.rmtree(data)  # as a checkout removes it: file by file, then the folder
        shown = wait_until(lambda: _panel_shows(url, "themes_data", "findes ikke"), timeout=120)
        assert shown is not None, _log(work)[before:][-3000:]
    finally:
        if not data.exists():
            shutil.copytree(backup, data)  # restored from the backup: new files, a new folder
    assert wait_until(lambda: "vive-preview-errors" not in fetch(url, timeout=15), timeout=120) is not None, (
        _log(work)[before:][-3000:]
    )
    set_title(yaml_file, f"{title} Tilbage1")  # the restored folder is watched again
    assert wait_until(lambda: "Tilbage1" in fetch(url), timeout=120) is not None, _log(work)[before:][-3000:]
    assert "Traceback" not in _log(work)[before:]


def test_the_search_bundle_says_while_the_preview_indexes_a_save(tmp_path):
    """SearchInBackground: 'opdateres' from the end of a build (before the browser reloads) until
    the index of the newest save is in place, then 'opdateret'; 'fejl' if Pagefind failed."""
    import threading

    from generator.mkdocs_glue.preview import SearchInBackground
    from generator.render.search_index import MARKER

    bundle = tmp_path / "pagefind"
    bundle.mkdir()
    (bundle / MARKER).write_text("x", encoding="utf-8")
    release, running, runs = threading.Event(), threading.Event(), []

    def index(site_dir):
        runs.append(site_dir)
        running.set()
        assert release.wait(60)
        if len(runs) == 3:
            raise RuntimeError("Pagefind stoppede")

    def state():
        return json.loads((bundle / SearchInBackground.STATUS).read_text(encoding="utf-8"))["soegning"]

    search = SearchInBackground(index)
    search.start(tmp_path)
    assert state() == "opdateres"
    assert running.wait(60)
    running.clear()
    search.start(tmp_path)  # a save while the first index is built: one more run after it
    release.set()
    search.wait(60)
    assert runs == [tmp_path, tmp_path] and state() == "opdateret"
    search.start(tmp_path)
    search.wait(60)
    assert state() == "fejl"
    (tmp_path / "anden").mkdir()
    SearchInBackground(index).start(tmp_path / "anden")  # no bundle of its own yet: nothing written
    assert not (tmp_path / "anden" / "pagefind").exists()


def test_the_build_error_panel_leaves_the_search_index_alone(tmp_path):
    """The panel goes into every page while SearchInBackground may be writing or swapping the
    search bundle: its folders are never walked (a folder gone mid-walk stopped the server)."""
    from generator.mkdocs_glue.preview import show_on_every_page
    from generator.render.search_index import BUNDLE_DIRS

    (tmp_path / "om").mkdir()
    (tmp_path / "om" / "index.html").write_text("<body><article>x</article></body>", encoding="utf-8")
    for name in BUNDLE_DIRS:
        (tmp_path / name).mkdir()
        (tmp_path / name / "x.html").write_text("<body>y</body>", encoding="utf-8")
    show_on_every_page(tmp_path, "<p>PANEL</p>", BUNDLE_DIRS)
    assert "PANEL" in (tmp_path / "om" / "index.html").read_text(encoding="utf-8")
    assert all("PANEL" not in (tmp_path / n / "x.html").read_text(encoding="utf-8") for n in BUNDLE_DIRS)
