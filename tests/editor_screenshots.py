"""Screenshots of the real content editor for the editors' guide and the README:

    .venv/bin/python -m tests.editor_screenshots      (make screenshots)

`make edit` in a temporary copy of the repository (tests/editor_session.py), Debian's Chromium
through Playwright; writes content/assets/redigering/*.png (committed; tests/test_editor_site.py
holds them to their alt texts and sizes). Run it again when the editor's look changes.
"""

from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path

from .chromium import CHROMIUM, CHROMIUM_ARGS
from .conftest import ROOT
from .editor_session import control, open_theme, running_editor

OUT = ROOT / "content" / "assets" / "redigering"
VIEWPORT = {"width": 960, "height": 600}


def shoot(page, name: str) -> Path:
    path = OUT / f"{name}.png"
    page.screenshot(path=str(path))
    return path


def main() -> int:
    from playwright.sync_api import sync_playwright

    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="vive-screenshots-") as tmp, running_editor(Path(tmp)) as editing:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, timeout=180_000)
            page = browser.new_page(viewport=VIEWPORT, locale="da-DK")
            page.set_default_timeout(120_000)
            page.on("dialog", lambda dialog: dialog.accept())
            page.goto(editing.editor)
            page.get_by_role("button", name="Log ind").click()
            page.wait_for_selector("a[href*='/entries/']")
            page.goto(f"{editing.editor}#/collections/temaer")
            page.get_by_text(re.compile("Afsæt i borgernes")).first.wait_for()
            written = [shoot(page, "temaer")]
            open_theme(page, editing)
            control(page, "kort_fortalt").scroll_into_view_if_needed()
            page.mouse.wheel(0, -120)
            written.append(shoot(page, "kort-fortalt"))
            questions = control(page, "refleksionsspoergsmaal")
            questions.scroll_into_view_if_needed()
            page.get_by_role("button", name=re.compile("Tilføj refleksionsspørgsmål", re.I)).wait_for()
            written.append(shoot(page, "spoergsmaal"))
            control(page, "titel").fill("")
            page.get_by_role("button", name=re.compile("^Publicer")).first.click()
            page.get_by_text("Publicer nu", exact=True).click()
            page.get_by_text(re.compile("Titel er påkrævet")).wait_for()
            control(page, "titel").scroll_into_view_if_needed()
            page.mouse.wheel(0, -160)
            written.append(shoot(page, "afvist"))
            browser.close()
    for path in written:
        print(f"{path.relative_to(ROOT)}: {path.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
