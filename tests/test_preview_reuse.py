"""The preview reuses what a save did not change (generator/mkdocs_glue/reuse.py): proven equal.

The real `mkdocs serve --livereload` runs on a copy of the sources; after every kind of save an
editor makes (tests/bench/edits.py) its output folder is compared, file by file and byte by byte,
with a full strict build of the same sources. Reused pages are only right if this holds for
every kind of save: a text, a title that changes the sidebar, a new and a removed case, a page
in content/, a static file, an error and its fix, mkdocs.yml, a template in overrides/.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from .bench import edits
from .bench.serve_latency import copy_sources, fetch, free_port, stop_server, wait_until
from .conftest import build_site

# Written by the search step just after the page is shown (the preview's search: tests/test_live_preview.py),
# the sitemap's gzip copy, which carries the time it was written, and the content editor, which
# the preview leaves out by design (`make edit` serves /admin/; the plugin's on_files).
NOT_COMPARED = ("pagefind/", "sitemap.xml.gz", "admin/")


def _files(root: Path) -> dict[str, bytes]:
    found = {}
    for path in root.rglob("*"):
        name = path.relative_to(root).as_posix()
        if path.is_file() and not name.startswith(NOT_COMPARED):
            found[name] = path.read_bytes()
    return found


def _settled(log: Path) -> bool:
    """Every build the server started has ended (the first one ends with 'Serving on')."""
    text = log.read_text(encoding="utf-8", errors="replace")
    return "Serving on" in text and text.count("Building documentation") - 1 == text.count(
        "Reloading browsers"
    )


def _shows(base: str, shown: edits.Shown) -> bool:
    html = fetch(base + shown.url_path, timeout=15)
    return shown.text in html and not (shown.gone and shown.gone in html)


def test_after_every_kind_of_save_the_preview_folder_is_a_full_build(tmp_path):
    work = tmp_path / "work"
    work.mkdir()
    copy_sources(work)
    temp = tmp_path / "tmp"  # where `mkdocs serve` makes its output folder (mkdocs_*)
    temp.mkdir()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log_path = work / "serve.log"
    log = log_path.open("wb")
    server = subprocess.Popen(
        [str(Path(sys.executable).with_name("mkdocs")), "serve", "--livereload"]
        + ["--dev-addr", f"127.0.0.1:{port}"],
        cwd=work,
        env={**os.environ, "TMPDIR": str(temp), "NO_MKDOCS_2_WARNING": "1"},
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    # One save each, in this order (a removed case is the one added before it); the template in
    # overrides/ is not watched by `mkdocs serve`, so it is saved together with a text.
    steps: list[tuple[str, list[edits.Edit]]] = [
        ("tekst", [edits.text_edit]),
        ("titel (sidebar)", [edits.title_edit]),
        ("ny case", [edits.new_case]),
        ("tekst efter ny case", [edits.text_edit]),
        ("fjernet case", [edits.removed_case]),
        ("content/-side", [edits.content_page_edit]),
        ("statisk fil", [edits.asset_edit]),
        ("fejl", [edits.broken_theme]),
        ("rettelse", [edits.fixed_theme]),
        ("mkdocs.yml", [edits.config_edit]),
        ("overrides/ + tekst", [edits.override_edit, edits.text_edit]),
        ("titel igen", [edits.title_edit]),
    ]
    try:
        assert wait_until(lambda: _settled(log_path), timeout=300, step=0.2) is not None, log_path.read_text()
        [served] = [p for p in temp.iterdir() if p.is_dir() and p.name.startswith("mkdocs_")]
        for n, (name, saves) in enumerate(steps, start=1):
            shown = [save(work, n) for save in saves][-1]
            assert wait_until(lambda s=shown: _shows(base, s), timeout=180) is not None, (
                name,
                log_path.read_text(errors="replace")[-3000:],
            )
            assert wait_until(lambda: _settled(log_path), timeout=180, step=0.1) is not None, name
            if name == "fejl":  # no full build to compare with: the last good pages, with the panel
                continue
            full = build_site(tmp_path / f"full-{n}", work / "mkdocs.yml", site_url=base + "/")
            preview, built = _files(served), _files(full)
            assert sorted(preview) == sorted(built), name
            different = [f for f in built if preview[f] != built[f]]
            assert different == [], (name, different[:10])
        # One build a save (two, where a save writes two files): the build's own reads of the
        # watched files start none (the preview is told of changes, not of reads).
        builds = log_path.read_text(errors="replace").count("Building documentation")
        assert builds <= 1 + 2 * len(steps), builds
        # The proof means something only if pages were reused: most, for a text.
        counts = [
            tuple(map(int, m))
            for m in re.findall(r"(\d+) sider skrevet, (\d+) uændrede", log_path.read_text())
        ]
        assert counts and any(unchanged > 10 * written for written, unchanged in counts), counts
    finally:
        stop_server(server, log)


def test_a_page_the_output_check_refused_is_checked_again_on_the_next_save(served):
    """The preview checks only the pages a save wrote (publish/output_check.py); a page written
    by a save whose check failed is never taken as checked by the next one."""
    from .bench.serve_latency import set_title

    work, yaml_file, url, title = served
    config = work / "mkdocs.yml"
    good = config.read_text(encoding="utf-8")
    payload = '<span onmouseover="alert(1)">x</span>'  # printed on every page by the footer template
    bad = re.sub(r"(?m)^(copyright: .*)$", lambda m: f"{m[1]} {payload}", good, count=1)
    assert bad != good

    def refused(*words: str) -> bool:
        html = fetch(url, timeout=15)
        return "vive-preview-errors" in html and "onmouseover" in html and all(w in html for w in words)

    try:
        config.write_text(bad, encoding="utf-8")
        assert wait_until(refused, timeout=120) is not None, (work / "serve.log").read_text()[-3000:]
        set_title(yaml_file, f"{title} Stadig1")  # another save that does not fix it
        assert wait_until(lambda: refused("Stadig1"), timeout=120) is not None, (
            work / "serve.log"
        ).read_text()[-3000:]
    finally:
        config.write_text(good, encoding="utf-8")
    assert wait_until(lambda: "vive-preview-errors" not in fetch(url, timeout=15), timeout=120) is not None
