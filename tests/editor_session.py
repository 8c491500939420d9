"""`make edit` (python -m generator edit) in a temporary copy of the repository, never the working
tree: for the browser tests of the content editor and for its screenshots (tests/editor_screenshots.py).

The copy is a git repository of its own (one commit), so `git diff` shows what a save changed; its
node_modules is the real one (decap-server, js-yaml, Decap CMS), linked, never written.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .bench.serve_latency import copy_sources, fetch, free_port, wait_until
from .conftest import ROOT

THEME = "temaer/bostoette/01-oensker-droemme-motivation.yaml"
ENTRY = "bostoette/01-oensker-droemme-motivation"
THEME_PAGE = "bostoette/oensker-droemme-motivation/"


@dataclass
class Editing:
    work: Path
    process: subprocess.Popen[str]
    ports: tuple[int, int]  # (preview, editor)
    editor: str = ""  # http://127.0.0.1:PORT/admin/, as make edit says it
    preview: str = ""
    output: list[str] = field(default_factory=list)

    def file(self, rel: str = THEME) -> Path:
        return self.work / "themes_data" / rel

    def git(self, *args: str) -> str:
        return subprocess.run(
            ["git", *args], cwd=self.work, capture_output=True, text=True, check=True, timeout=120
        ).stdout

    def log(self) -> str:
        return "".join(self.output)[-3000:]

    def interrupt(self) -> int:
        """Ctrl-C, as a terminal sends it to the foreground process; its exit code."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGINT)
        return self.process.wait(timeout=120)


def _git_init(work: Path) -> None:
    commit = ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "før"]
    for args in (["init", "-q"], ["add", "-A"], commit):
        subprocess.run(["git", *args], cwd=work, check=True, capture_output=True, timeout=120)


@contextmanager
def running_editor(parent: Path) -> Iterator[Editing]:
    work = parent / "projekt"
    work.mkdir()
    copy_sources(work)
    (work / "node_modules").symlink_to(ROOT / "node_modules")
    _git_init(work)
    ports = (free_port(), free_port())
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "edit", "--port", str(ports[0]), "--editor-port", str(ports[1])],
        cwd=work,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # a Ctrl-C from interrupt() reaches the launcher alone, as in a terminal
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"},
    )
    editing = Editing(work, process, ports)
    assert process.stdout is not None
    lines = iter(process.stdout.readline, "")
    threading.Thread(target=lambda: editing.output.extend(lines), daemon=True).start()
    try:
        said = wait_until(lambda: "Forhåndsvisningen:" in "".join(editing.output), timeout=180)
        assert said is not None, editing.log()
        text = "".join(editing.output)
        editing.editor = re.search(r"Redigeringen:\s+(\S+)", text).group(1)
        editing.preview = re.search(r"Forhåndsvisningen:\s+(\S+)", text).group(1)
        assert wait_until(lambda: "<html" in fetch(editing.preview + THEME_PAGE), timeout=300), editing.log()
        yield editing
    finally:
        editing.interrupt()


def open_theme(page, editing: Editing, entry: str = ENTRY) -> None:
    """Log in to the local backend (once per browser context) and open a theme's form."""
    page.goto(editing.editor)
    login = page.get_by_role("button", name="Log ind")
    ready = page.locator("a[href*='/entries/']").first.or_(login)
    ready.wait_for(timeout=180_000)  # 5 MB of script to parse on a busy machine
    if login.is_visible():
        login.click()
        page.wait_for_selector("a[href*='/entries/']")
    page.goto(f"{editing.editor}#/collections/temaer/entries/{entry}")
    page.wait_for_selector('label[for^="kort_fortalt-field-"]')


def control(page, name: str, which: int = 0):
    """A field's widget, found through its label (Decap numbers the ids: name-field-N)."""
    labels = page.locator(f'label[for^="{name}-field-"]')
    label = labels.nth(which) if which >= 0 else labels.last
    return page.locator("#" + label.get_attribute("for"))
