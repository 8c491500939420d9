"""The content editor as an editor uses it (issue 30, "Done when"): `make edit` (python -m generator
edit) started in a temporary copy of the repository, never the working tree; Decap CMS at /admin/
in real Chromium with the local backend; saves land in the copy's files, which git compares.

Waits are conditions: the editor's text on the page, the file changing on disk, the preview's page
showing the change. Every request goes to 127.0.0.1 (the `new_page` recorder fails the test
otherwise). Decap logs one uncaught page error when it refuses a save: exactly that is allowed."""

from __future__ import annotations

import re
import socket
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from ..bench.serve_latency import fetch, wait_until
from ..editor_session import THEME, THEME_PAGE, Editing, control, open_theme, running_editor
from .test_accessibility import axe_violations, describe

NEW_QUESTION = ("hvad-har-vi-laert", "Hvad har vi lært af det seneste forløb?")
NEW_WORD = "drømmeliv"
SOURCE = ("kvalitet-i-bostoette-2020", "Kvalitet i bostøtte")


@pytest.fixture(scope="module")
def editing(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Editing]:
    with running_editor(tmp_path_factory.mktemp("redigering")) as editing:
        yield editing


def test_make_edit_says_where_to_open_both_and_listens_on_127_0_0_1_only(editing):
    assert editing.editor == f"http://127.0.0.1:{editing.ports[1]}/admin/"
    assert editing.preview == f"http://127.0.0.1:{editing.ports[0]}/"
    listening = _listening_addresses()
    for port in editing.ports:
        assert listening.get(port) == {"127.0.0.1"}, (port, listening.get(port))


def _listening_addresses() -> dict[int, set[str]]:
    """Every listening TCP socket of this machine: port → the addresses it is bound to."""
    found: dict[int, set[str]] = {}
    for table, width in (("/proc/net/tcp", 8), ("/proc/net/tcp6", 32)):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            if state != "0A":  # LISTEN
                continue
            address, port = local.split(":")
            if width == 8:
                shown = socket.inet_ntoa(bytes.fromhex(address)[::-1])
            else:
                shown = "::" if set(address) == {"0"} else address
            found.setdefault(int(port, 16), set()).add(shown)
    return found


def _replace_word(page, box, old: str, new: str) -> None:
    """Select `old` in the Markdown box (a contenteditable: no fill) and type over it."""
    editor = box.locator("[contenteditable=true]").first
    editor.click()
    found = editor.evaluate(
        """(el, word) => {
            const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
            for (let n = walker.nextNode(); n; n = walker.nextNode()) {
              const i = n.data.indexOf(word);
              if (i >= 0) { const r = document.createRange(); r.setStart(n, i); r.setEnd(n, i + word.length);
                const s = window.getSelection(); s.removeAllRanges(); s.addRange(r); return true; }
            }
            return false; }""",
        old,
    )
    assert found, old
    # One input event for the word: typed key by key, a busy machine let Slate render its own,
    # older caret between two keys, and the rest of the word landed there ("n…emmere").
    page.keyboard.insert_text(new)
    expect(editor).to_contain_text(new)
    shown = editor.inner_text()
    assert old not in shown.replace(new, ""), shown  # replaced, not added beside it


def _fill(field, value: str) -> None:
    """Type into a form field and see it hold the value: on a busy machine React may render the
    list item again after `fill` (a new item just added), and the value is then gone."""
    field.fill(value)
    if field.input_value() != value:
        field.fill(value)
    expect(field).to_have_value(value)


def _publish(page) -> None:
    page.get_by_role("button", name=re.compile("^Publicer")).first.click()
    page.get_by_text("Publicer nu", exact=True).click()


def _saved(page, editing: Editing, before: str) -> None:
    """The file on disk changed after "Publicer nu"; if not, what the editor shows says why.

    Once, in a run at load 15 (two test suites on two cores), no save came in two minutes and
    Decap showed no error (why was not seen). If the file has not changed after a minute and
    Decap is not saving, the test publishes once more, and says so."""

    def changed(timeout: float) -> bool:
        return wait_until(lambda: editing.file().read_text(encoding="utf-8") != before, timeout) is not None

    if changed(60):
        return
    if not page.get_by_text(re.compile("Publicerer", re.I)).count():
        warnings.warn("Decap gemte ikke efter første klik på 'Publicer nu'; publicerer igen", stacklevel=2)
        _publish(page)
    if not changed(180):
        pytest.fail(
            "Filen blev ikke gemt. Editoren viser:\n"
            + page.locator("body").inner_text()[-3000:]
            + "\n\nmake edit skrev:\n"
            + editing.log()
        )


def _changed_lines(editing: Editing) -> list[str]:
    diff = editing.git("diff", "-U0", "--", ".")
    return sorted(ln for ln in diff.splitlines() if ln[:1] in "+-" and ln[:3] not in ("+++", "---"))


def test_an_edit_through_the_forms_changes_exactly_those_lines_and_the_page(editing, new_page):
    page = new_page(viewport={"width": 1280, "height": 1000})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    open_theme(page, editing)
    before = editing.file().read_text(encoding="utf-8")
    old_line = next(ln for ln in before.splitlines() if "det lettere at holde fast" in ln)

    _replace_word(page, control(page, "kort_fortalt"), "lettere", "nemmere")

    questions = control(page, "refleksionsspoergsmaal")
    count = questions.locator('input[id^="spoergsmaal-field-"]').count()
    page.get_by_role("button", name=re.compile("Tilføj refleksionsspørgsmål", re.I)).click()
    expect(questions.locator('input[id^="spoergsmaal-field-"]')).to_have_count(count + 1)
    _fill(questions.locator('input[id^="id-field-"]').last, NEW_QUESTION[0])
    _fill(questions.locator('input[id^="spoergsmaal-field-"]').last, NEW_QUESTION[1])

    words = control(page, "soegeord")
    count = words.locator("input").count()
    page.get_by_role("button", name=re.compile("Tilføj søgeord", re.I)).click()
    expect(words.locator("input")).to_have_count(count + 1)
    _fill(words.locator("input").last, NEW_WORD)

    sources = control(page, "kilder", -1)  # the theme's own sources (the blocks' are in closed lists)
    sources.click()
    page.keyboard.type(SOURCE[1][:12])
    page.get_by_role("option", name=re.compile(SOURCE[1])).first.click()

    _publish(page)
    _saved(page, editing, before)

    assert _changed_lines(editing) == sorted(
        [
            "-" + old_line,
            "+" + old_line.replace("lettere", "nemmere"),
            f"+- id: {NEW_QUESTION[0]}",
            f"+  spoergsmaal: {NEW_QUESTION[1]}",
            f"+- {SOURCE[0]}",
            f"+- {NEW_WORD}",
        ]
    )
    page.get_by_text(re.compile("Ændringer gemt", re.I)).first.wait_for()

    def page_shows_it() -> bool:
        html = fetch(editing.preview + THEME_PAGE)
        return "det nemmere at holde fast" in html and NEW_QUESTION[1] in html

    shown = wait_until(page_shows_it, timeout=300)
    assert shown is not None, editing.log()
    assert errors == []
    editing.git("checkout", "--", ".")


def test_a_save_without_a_required_field_is_refused_in_danish_at_the_field(editing, new_page):
    page = new_page(viewport={"width": 1280, "height": 1000})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("dialog", lambda dialog: dialog.accept())
    open_theme(page, editing)
    before = editing.file().read_text(encoding="utf-8")
    control(page, "titel").fill("")
    _publish(page)
    expect(page.get_by_text(re.compile(r"Titel er påkrævet"))).to_be_visible()
    expect(page.get_by_text(re.compile(r"Udfyld de påkrævede felter"))).to_be_visible()
    # The server had every chance to get a save: the search word refused next is the second request.
    words = control(page, "soegeord")
    count = words.locator("input").count()
    page.get_by_role("button", name=re.compile("Tilføj søgeord", re.I)).click()
    expect(words.locator("input")).to_have_count(count + 1)
    words.locator("input").last.fill("job!")
    _publish(page)
    refused = page.get_by_text(re.compile("søgeord matchede ikke: Kun bogstaver og tal", re.I))
    expect(refused.first).to_be_visible()
    open_theme(page, editing)  # again, the form as saved: raw HTML in a text is refused too
    _replace_word(page, control(page, "kort_fortalt"), "lettere", "<b>lettere</b>")
    _publish(page)
    expect(page.get_by_text(re.compile("ingen HTML; links skal starte med https://")).first).to_be_visible()
    assert editing.file().read_text(encoding="utf-8") == before
    assert _changed_lines(editing) == []
    # Decap throws (uncaught, without a message) each time it stops a save: nothing else.
    assert len(errors) == 3 and all(e in ("undefined", "") for e in errors), errors


def test_the_editor_refuses_other_hosts_other_pages_and_files_outside_themes_data(editing):
    import json
    import urllib.error
    import urllib.request

    api = editing.editor.replace("/admin/", "/api/v1")

    def post(body: dict, **headers: str) -> int:
        request = urllib.request.Request(
            api, json.dumps(body).encode(), {"Content-Type": "application/json", **headers}
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - loopback
                return response.status
        except urllib.error.HTTPError as exc:
            return exc.code

    read = {"action": "getEntry", "params": {"branch": "main", "path": "themes_data/" + THEME}}
    assert post(read) == 200
    assert post(read, Host=f"evil.example:{editing.ports[1]}") == 403  # DNS rebinding
    assert post(read, Origin="https://evil.example") == 403
    outside = {"action": "getEntry", "params": {"branch": "main", "path": "mkdocs.yml"}}
    assert post(outside) == 403
    sneaky = {"action": "getEntry", "params": {"branch": "main", "path": "themes_data/../mkdocs.yml"}}
    assert post(sneaky) == 403
    write = {
        "action": "persistEntry",
        "params": {
            "branch": "main",
            "entry": {"slug": "x", "path": ".github/workflows/x.yml", "raw": "x"},
            "assets": [],
            "options": {"commitMessage": "x"},
        },
    }
    assert post(write) == 403 and not (editing.work / ".github" / "workflows" / "x.yml").exists()
    assert post({"action": "deleteFile", "params": {"branch": "main", "path": "themes_data/" + THEME}}) == 403
    assert editing.file().is_file()


@pytest.fixture
def own_editing(tmp_path: Path) -> Iterator[Editing]:
    """An editor of its own, for a test that stops it (the module's is shared, in any order)."""
    with running_editor(tmp_path) as editing:
        yield editing


def test_ctrl_c_stops_the_editor_and_the_preview(own_editing):
    editing = own_editing
    assert editing.interrupt() == 0, editing.log()
    assert "Stopper" in editing.log()
    listening = _listening_addresses()
    assert [p for p in editing.ports if p in listening] == []


def test_the_published_editor_asks_for_a_login_and_fetches_nothing_from_elsewhere(served_site, new_page, axe):
    """/admin/ of the site `make site` builds, opened on 127.0.0.1 without a local editor running:
    Decap's GitHub login (the published site's backend), no request to another host before it."""
    page = new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(served_site.url("admin/"))
    expect(page.get_by_role("button", name=re.compile("^Log ind"))).to_be_visible(timeout=180_000)
    assert errors == []
    for width in (360, 1280):  # WCAG 2.2 AA, as every reader page (which run leaves /admin/ out)
        page.set_viewport_size({"width": width, "height": 800})
        assert (violations := axe_violations(page, axe.axe_script)) == [], describe(violations)


def test_a_themes_form_has_no_axe_violations(editing, new_page, axe):
    """Decap's own form, with the project's fixes (cms.js names the list items' buttons and drag
    handles and ties each Markdown box to its label)."""
    page = new_page(viewport={"width": 1280, "height": 1000})
    open_theme(page, editing)
    expect(page.locator('[aria-roledescription="sortable"]').first).to_have_attribute(
        "aria-label", re.compile(".")
    )
    assert (violations := axe_violations(page, axe.axe_script)) == [], describe(violations)


def test_no_server_outlives_a_killed_make_edit(own_editing):
    """kill -9 of the launcher (a closed terminal, a CI timeout) takes both servers with it."""
    editing = own_editing
    import os
    import signal
    import subprocess
    import sys

    from ..bench.serve_latency import free_port

    editing.interrupt()
    ports = (free_port(), free_port())
    launcher = subprocess.Popen(
        [sys.executable, "-m", "generator", "edit", "--port", str(ports[0]), "--editor-port", str(ports[1])],
        cwd=editing.work,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        assert wait_until(lambda: set(ports) <= set(_listening_addresses()), timeout=300) is not None
    finally:
        os.killpg(launcher.pid, signal.SIGKILL)
        launcher.wait(timeout=60)
    assert wait_until(lambda: not set(ports) & set(_listening_addresses()), timeout=60) is not None
