"""How long a save through the content editor takes, and what it changes (BENCHMARKS.md):

    .venv/bin/python -m tests.bench.editor_saves [ROUNDS]

`make edit` in a copy of the repository (tests/editor_session.py), real Chromium: open the editor
(cold), then ROUNDS times one word of a theme's Kort fortalt changed and saved; for each, the time
from the click on "Publicer nu" to the file on disk, to the form saying it is saved, and to the
preview's page showing the word, and `git diff --numstat` of the file. Wall times on this machine.
"""

from __future__ import annotations

import re
import sys
import tempfile
import time
from pathlib import Path

from ..browser.test_editor import _publish, _replace_word
from ..chromium import CHROMIUM, CHROMIUM_ARGS
from ..editor_session import THEME_PAGE, control, open_theme, running_editor
from .serve_latency import fetch, wait_until

WORDS = ["lettere", "nemmere", "enklere"]


def main(rounds: int) -> int:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp, running_editor(Path(tmp)) as editing, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, timeout=180_000)
        page = browser.new_page(viewport={"width": 1280, "height": 1000})
        page.on("dialog", lambda dialog: dialog.accept())
        start = time.perf_counter()
        open_theme(page, editing)
        print(f"editor opened with a theme's form (cold): {time.perf_counter() - start:.2f} s")
        for n in range(rounds):
            old, new = WORDS[n % len(WORDS)], WORDS[(n + 1) % len(WORDS)]
            open_theme(page, editing)
            before = editing.file().read_text(encoding="utf-8")
            _replace_word(page, control(page, "kort_fortalt"), old, new)
            start = time.perf_counter()
            _publish(page)
            wait_until(lambda: editing.file().read_text(encoding="utf-8") != before, timeout=60)  # noqa: B023
            on_disk = time.perf_counter() - start
            page.get_by_text(re.compile("Ændringer gemt", re.I)).first.wait_for()
            saved = time.perf_counter() - start
            url = editing.preview + THEME_PAGE
            wait_until(lambda: f"det {new} at holde fast" in fetch(url), timeout=120)  # noqa: B023
            shown = time.perf_counter() - start
            diff = editing.git("diff", "--numstat").split("\t")[:2]
            print(
                f"{old} → {new}: file {on_disk:.2f} s, form saved {saved:.2f} s, preview page {shown:.2f} s, "
                f"git diff +{diff[0] if diff[0] else 0}/-{diff[1] if len(diff) > 1 else 0}"
            )
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 5))
