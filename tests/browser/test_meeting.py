"""The meeting mode in real Chromium: "Start teammødet" on every theme page (Kort fortalt, the
questions one at a time, a timer, the agreement) and "Træk et kort" on both mappings' question
cards. What it shows is compared with the YAML; its assets load only when it is started."""

from __future__ import annotations

import re
import subprocess
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import expect

from generator.render import pages

from ..conftest import SITE_URL
from .test_accessibility import SCHEMES, describe

# An upper bound for each expect (it waits for its condition): a loaded CI machine is slow.
expect.set_options(timeout=60_000)

WCAG_22_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
ASSETS = ("assets/meeting.js", "assets/meeting.css")
DIALOG = "dialog.vive-moede"


def words(text: str) -> str:
    return " ".join(text.split())


def url_of(page_or_theme) -> str:
    return pages.url_of(pages.path_of(page_or_theme))


def questions(theme) -> list[str]:
    return [words(q.spoergsmaal) for q in theme.model.refleksionsspoergsmaal]


def themes_with_questions(site) -> list:
    return [t for m in site.mappings for t in m.themes if t.model.refleksionsspoergsmaal]


def settled(page) -> None:
    """Until the step's fade-in (if any) has ended: colours are measured at rest."""
    page.wait_for_function("document.getAnimations().every(a => a.playState !== 'running')")


def start(page, served_site, theme):
    page.goto(served_site.url(url_of(theme)))
    page.get_by_role("button", name="Start teammødet").click()
    dialog = page.locator(DIALOG)
    expect(dialog).to_be_visible()
    return dialog


def focused(page, text: str) -> None:
    """Until focus is on the button `text` (the dialog's close event, which returns it, comes as a task)."""
    page.wait_for_function("t => document.activeElement.textContent === t", arg=text)


def style(page, selector: str, prop: str) -> str:
    return page.evaluate("([s, p]) => getComputedStyle(document.querySelector(s))[p]", [selector, prop])


def question_shown(dialog):
    return dialog.locator(".vive-moede__spm")


def test_the_modes_assets_load_only_when_a_reader_starts_it(page, served_site, real_site):
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    cards = pages.url_of(pages.cards_path(real_site.mappings[0]))
    for path in ("", cards, url_of(real_site.mappings[0].themes[0])):
        page.goto(served_site.url(path))
        page.wait_for_load_state("networkidle")
    assert any(url.endswith("assets/print.js") for url in fetched)  # the recorder sees scripts …
    assert not [url for url in fetched if url.endswith(ASSETS)]  # … and not the mode's
    page.get_by_role("button", name="Start teammødet").click()
    expect(page.locator(DIALOG)).to_be_visible()
    assert sorted(url.split("/")[-1] for url in fetched if url.endswith(ASSETS)) == [
        "meeting.css",
        "meeting.js",
    ]


def test_without_javascript_the_page_is_the_normal_theme_page(new_page, served_site, real_site):
    theme = themes_with_questions(real_site)[0]
    page = new_page(java_script_enabled=False)
    page.goto(served_site.url(url_of(theme)) + "?teammoede=2")
    expect(page.locator("article h1")).to_contain_text(theme.model.titel)
    expect(page.get_by_role("button", name="Start teammødet")).to_be_hidden()
    assert page.locator(DIALOG).count() == 0
    assert words(page.locator(f"li#{theme.model.refleksionsspoergsmaal[0].id}").inner_text()).startswith(
        questions(theme)[0]
    )


def test_keys_step_through_kort_fortalt_the_questions_and_the_agreement(page, served_site, real_site):
    theme = max(themes_with_questions(real_site), key=lambda t: len(t.model.refleksionsspoergsmaal))
    asked = questions(theme)
    assert len(asked) >= 3
    dialog = start(page, served_site, theme)
    expect(dialog.get_by_role("heading", level=1)).to_contain_text(theme.model.titel)
    expect(dialog.locator(".vive-moede__laes")).to_contain_text(words(theme.model.kort_fortalt.tekst)[:60])
    expect(dialog.locator(".vive-moede__trin")).to_have_text(f"Trin 1 af {len(asked) + 2}")
    for key, shown in (
        ("ArrowRight", 0),
        ("PageDown", 1),
        ("Space", 2),
        ("PageUp", 1),
        ("ArrowLeft", 0),
        ("Shift+Space", None),
    ):
        page.keyboard.press(key)
        if shown is None:
            expect(dialog.locator(".vive-moede__laes")).to_be_visible()
            expect(page).to_have_url(re.compile(r"\?teammoede=1$"))
        else:
            expect(question_shown(dialog)).to_have_text(asked[shown])
            expect(page).to_have_url(re.compile(rf"\?teammoede={shown + 2}$"))
    page.keyboard.press("End")
    expect(dialog.get_by_label("Jeres aftale")).to_be_visible()
    page.keyboard.press("ArrowRight")  # the last step stays the last
    expect(dialog.locator(".vive-moede__trin")).to_have_text(f"Trin {len(asked) + 2} af {len(asked) + 2}")
    page.keyboard.press("Home")
    expect(dialog.locator(".vive-moede__laes")).to_be_visible()
    dialog.get_by_role("button", name="Næste →").click()
    expect(question_shown(dialog)).to_have_text(asked[0])


def test_every_theme_page_starts_the_mode_from_a_link_at_its_step(page, served_site, real_site):
    for mapping in real_site.mappings:
        for theme in mapping.themes:
            asked = questions(theme)
            page.goto(served_site.url(url_of(theme)) + f"?teammoede={len(asked) + 1}")
            dialog = page.locator(DIALOG)
            expect(dialog).to_be_visible()
            if asked:  # the link to step n + 1 lands on the last question
                expect(question_shown(dialog)).to_have_text(asked[-1])
                expect(dialog.locator(".vive-moede__overskrift")).to_have_text(
                    f"Spørgsmål {len(asked)} af {len(asked)}"
                )
            else:
                expect(dialog.get_by_label("Jeres aftale")).to_be_visible()


def test_the_timer_runs_pauses_and_resets_for_each_time_box(new_page, served_site, real_site):
    page = new_page()
    opened = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)
    page.clock.install(time=opened)
    dialog = start(page, served_site, themes_with_questions(real_site)[0])
    # From here on the page's time moves only when the test moves it, however busy the machine.
    page.clock.pause_at(opened + timedelta(minutes=10))
    shown = dialog.get_by_role("timer")
    expect(dialog.locator(".vive-moede__boks")).to_have_text("Læs højt · 5 min")
    expect(shown).to_have_text("5:00")
    dialog.get_by_role("button", name="Start tiden", exact=True).click()
    page.clock.run_for(3_000)
    expect(shown).to_have_text("4:57")
    dialog.get_by_role("button", name="Pause", exact=True).click()
    page.clock.run_for(60_000)
    expect(shown).to_have_text("4:57")  # paused: a minute later, the same time
    dialog.get_by_role("button", name="Fortsæt", exact=True).click()
    page.clock.run_for(297_000)
    expect(shown).to_have_text("0:00")
    expect(dialog.locator(".vive-moede__tidsstatus")).to_have_text("Tiden er gået.")
    page.clock.run_for(10_000)
    expect(shown).to_have_text("0:00")  # it stops at zero
    dialog.get_by_role("button", name="Nulstil tiden").click()
    expect(shown).to_have_text("5:00")
    # The questions share the guide's conversation box (15–20 minutes); leaving a box pauses it.
    dialog.get_by_role("button", name="Start tiden", exact=True).click()
    page.clock.run_for(1_000)
    page.keyboard.press("ArrowRight")
    expect(dialog.locator(".vive-moede__boks")).to_have_text("Samtale · 20 min")
    expect(shown).to_have_text("20:00")
    dialog.get_by_role("button", name="Start tiden", exact=True).click()
    page.clock.run_for(61_000)
    page.keyboard.press("ArrowRight")  # the next question: the same box, still running
    expect(shown).to_have_text("18:59")
    page.keyboard.press("Home")
    expect(shown).to_have_text("4:59")  # the reading box was paused when the step left it


def test_the_agreement_survives_a_reload_copies_prints_and_clears(new_page, served_site, real_site, tmp_path):
    theme = themes_with_questions(real_site)[-1]
    page = new_page()
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=served_site.base.rstrip("/"))
    last = len(questions(theme)) + 2
    page.goto(served_site.url(url_of(theme)) + f"?teammoede={last}")
    box = page.locator(DIALOG).get_by_label("Jeres aftale")
    agreed = "Vi ringer til borgeren dagen før hvert besøg.\nLise følger op på næste teammøde."
    box.fill(agreed)
    page.reload()
    dialog = page.locator(DIALOG)
    expect(box).to_have_value(agreed)
    expect(dialog.get_by_role("status").filter(has_text="Gemt i denne browser")).to_be_visible()

    dialog.get_by_role("button", name="Kopiér som tekst").click()
    expect(dialog.get_by_text("Aftalen er kopieret")).to_be_visible()
    copied = page.evaluate("navigator.clipboard.readText()")
    address = SITE_URL + url_of(theme)
    assert f"Tema: {theme.model.nummer}. {theme.model.titel}" in copied
    assert f"Adresse: {address}" in copied
    assert copied.endswith(agreed)

    # Printed while the meeting is open: the agreement with title and address, not the page.
    page.evaluate("window.print = () => { window.printed = true; }")  # no print dialog in a test run
    dialog.get_by_role("button", name="Udskriv aftalen").click()
    page.wait_for_function("window.printed === true")
    page.emulate_media(media="print")
    pdf = tmp_path / "aftale.pdf"
    pdf.write_bytes(page.pdf(format="A4"))
    page.emulate_media(media="screen")
    text = words(
        subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    )
    for expected in (
        "Aftale fra teammødet",
        f"{theme.model.nummer}. {theme.model.titel}",
        address,
        words(agreed),
    ):
        assert expected in text, expected
    assert "Spørgsmål til refleksion" not in text

    dialog.get_by_role("button", name="Ryd aftalen").click()
    expect(box).to_have_value("")
    expect(dialog.get_by_text("Aftalen er slettet fra denne browser.")).to_be_visible()
    page.reload()
    expect(page.locator(DIALOG).get_by_label("Jeres aftale")).to_have_value("")
    assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('vive-teammoede'))") == []


def test_focus_stays_in_the_mode_and_returns_to_the_button_on_escape(page, served_site, real_site):
    theme = themes_with_questions(real_site)[0]
    page.goto(served_site.url(url_of(theme)))
    opener = page.get_by_role("button", name="Start teammødet")
    opener.focus()
    page.keyboard.press("Enter")
    dialog = page.locator(DIALOG)
    expect(dialog).to_be_visible()
    inside = "document.querySelector('dialog.vive-moede').contains(document.activeElement)"
    for key in ["Tab"] * 12 + ["Shift+Tab"] * 12:
        page.keyboard.press(key)
        assert page.evaluate(inside), f"{key}: {page.evaluate('document.activeElement.outerHTML')[:120]}"
    # Enter on Næste to the last step, where Næste is disabled: the keys still work.
    steps = len(questions(theme)) + 2
    dialog.get_by_role("button", name="Næste →").focus()
    for _ in range(steps - 1):
        page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(rf"\?teammoede={steps}$"))
    assert page.evaluate(inside)
    page.keyboard.press("ArrowLeft")
    expect(page).to_have_url(re.compile(rf"\?teammoede={steps - 1}$"))
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    focused(page, "Start teammødet")
    expect(page).to_have_url(re.compile(re.escape(url_of(theme)) + "$"))
    # Opened by a link, Escape also lands on the button.
    page.goto(served_site.url(url_of(theme)) + "?teammoede=2")
    expect(dialog).to_be_visible()
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    focused(page, "Start teammødet")


def test_the_page_shortcuts_stay_out_of_the_mode(page, served_site, real_site):
    dialog = start(page, served_site, themes_with_questions(real_site)[0])
    page.keyboard.press("s")  # opens the search on the page itself
    assert page.evaluate("document.getElementById('__search').checked") is False
    expect(dialog).to_be_visible()
    # Material's own keys (n, p: next and previous page) listen on the window: no key gets there.
    page.evaluate("window.heard = []; addEventListener('keydown', e => heard.push(e.key))")
    for key in ("n", "p", "ArrowRight", "/"):
        page.keyboard.press(key)
    assert page.evaluate("window.heard") == []
    page.keyboard.press("Escape")
    page.keyboard.press("x")
    assert page.evaluate("window.heard") == ["x"]  # it hears keys when the mode is closed


def test_a_swipe_on_a_tablet_steps(new_page, served_site, real_site):
    theme = themes_with_questions(real_site)[0]
    page = new_page(has_touch=True, viewport={"width": 1024, "height": 768})
    dialog = start(page, served_site, theme)
    cdp = page.context.new_cdp_session(page)

    def swipe(x0: int, x1: int, y: int = 380) -> None:
        cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x0, "y": y}]})
        for i in range(1, 6):
            x = x0 + (x1 - x0) * i // 5
            cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [{"x": x, "y": y}]})
        cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})

    swipe(850, 200)
    expect(question_shown(dialog)).to_have_text(questions(theme)[0])
    swipe(850, 200)
    expect(question_shown(dialog)).to_have_text(questions(theme)[1])
    swipe(200, 850)
    expect(question_shown(dialog)).to_have_text(questions(theme)[0])


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
def test_questions_are_readable_from_the_back_of_the_room(new_page, served_site, real_site, size):
    width, height = size
    page = new_page(viewport={"width": width, "height": height})
    themes = themes_with_questions(real_site)
    theme, step = max(
        ((t, i) for t in themes for i, _ in enumerate(t.model.refleksionsspoergsmaal)),
        key=lambda ti: len(ti[0].model.refleksionsspoergsmaal[ti[1]].spoergsmaal),
    )
    page.goto(served_site.url(url_of(theme)) + f"?teammoede={step + 2}")  # the longest question
    dialog = page.locator(DIALOG)
    expect(question_shown(dialog)).to_have_text(questions(theme)[step])
    size_px = float(style(page, ".vive-moede__spm", "fontSize")[:-2])
    assert size_px >= height / 18, size_px  # 40 px at 720, 60 px at 1080
    scene = page.evaluate(
        "(() => { const s = document.querySelector('.vive-moede__scene');"
        " return [s.scrollHeight, s.clientHeight]; })()"
    )
    assert scene[0] <= scene[1]  # the whole question without scrolling
    for control in ("Næste →", "Start tiden"):
        box = dialog.get_by_role("button", name=control, exact=True).bounding_box()
        assert box and box["y"] + box["height"] <= height and box["x"] + box["width"] <= width
    page.keyboard.press("Home")
    read_px = float(style(page, ".vive-moede__laes", "fontSize")[:-2])
    assert read_px >= height / 36  # Kort fortalt, for the one who reads it aloud


@pytest.mark.parametrize("palette", list(SCHEMES))
def test_no_axe_violations_inside_the_mode(new_page, served_site, real_site, axe, palette):
    page = new_page(color_scheme=palette)
    theme = themes_with_questions(real_site)[0]
    dialog = start(page, served_site, theme)
    assert page.evaluate("document.body.dataset.mdColorScheme") == SCHEMES[palette]
    options = {"runOnly": {"type": "tag", "values": WCAG_22_TAGS}}
    for key in (None, "ArrowRight", "End"):
        if key:
            page.keyboard.press(key)
        settled(page)
        violations = axe.run(page, options=options).response["violations"]
        assert not violations, f"{key}: {describe(violations)}"
    dialog.get_by_label("Jeres aftale").fill("Vi prøver noget nyt.")
    dialog.get_by_role("button", name="Start tiden", exact=True).click()
    violations = axe.run(page, options=options).response["violations"]
    assert not violations, describe(violations)
    page.goto(served_site.url(pages.url_of(pages.cards_path(theme.mapping))) + "?traek")
    expect(page.locator(DIALOG)).to_be_visible()
    page.locator(DIALOG).locator("summary").click()
    settled(page)
    violations = axe.run(page, options=options).response["violations"]
    assert not violations, "Træk et kort: " + describe(violations)


def test_reduced_motion_turns_the_step_animation_off(new_page, served_site, real_site):
    theme = themes_with_questions(real_site)[0]
    names = {}
    for motion in ("no-preference", "reduce"):
        page = new_page(reduced_motion=motion)
        start(page, served_site, theme)
        page.keyboard.press("ArrowRight")
        names[motion] = style(page, ".vive-moede__indhold", "animationName")
    assert names == {"no-preference": "vive-moede-ind", "reduce": "none"}


def draw(dialog, count: int, of: int) -> str:
    dialog.get_by_role("button", name="Træk et kort", exact=True).click()
    expect(dialog.locator(".vive-moede__trin")).to_have_text(f"Kort {count} af {of}")
    return words(question_shown(dialog).inner_text())


@pytest.mark.parametrize("which", [0, -1])
def test_the_draw_shows_every_card_once_before_repeating(page, served_site, real_site, which):
    mapping = real_site.mappings[which]
    theme_of = {words(q.spoergsmaal): t for t in mapping.themes for q in t.model.refleksionsspoergsmaal}
    every = sorted(q for t in mapping.themes for q in questions(t))
    page.goto(served_site.url(pages.url_of(pages.cards_path(mapping))))
    page.get_by_role("button", name="Træk et kort").click()
    dialog = page.locator(DIALOG)
    expect(dialog.locator(".vive-moede__trin")).to_have_text(f"Kort 1 af {len(every)}")
    seen = [words(question_shown(dialog).inner_text())]
    for n in range(2, len(every) + 1):
        seen.append(draw(dialog, n, len(every)))
        link = dialog.locator(".vive-moede__kortets-tema a")  # the card's theme, with a link
        theme = theme_of[seen[-1]]
        expect(link).to_have_text(theme.model.titel)
        assert link.evaluate("a => new URL(a.href).pathname").endswith("/" + url_of(theme))
    assert sorted(seen) == every  # each card once
    expect(dialog.get_by_text("Alle kort er trukket")).to_be_visible()
    again = draw(dialog, 1, len(every))  # then a new round
    assert again in every and again != seen[-1]
    expect(dialog.get_by_text("Ny runde")).to_be_visible()
    page.keyboard.press("ArrowLeft")  # back to the card before
    expect(question_shown(dialog)).to_have_text(seen[-1])


def test_the_draw_can_take_cards_from_chosen_themes_only(page, served_site, real_site):
    mapping = real_site.mappings[0]
    theme = next(t for t in mapping.themes if len(t.model.refleksionsspoergsmaal) >= 2)
    page.goto(served_site.url(pages.url_of(pages.cards_path(mapping))) + "?traek")
    dialog = page.locator(DIALOG)
    expect(dialog).to_be_visible()
    dialog.locator("summary").click()
    for other in mapping.themes:
        if other is not theme:
            dialog.get_by_label(f"Tema {other.model.nummer}. {other.model.titel}", exact=True).uncheck()
    own = questions(theme)
    seen = [draw(dialog, n, len(own)) for n in range(1, len(own) + 1)]
    assert sorted(seen) == sorted(own)
    expect(page).to_have_url(re.compile(r"\?traek$"))
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    focused(page, "Træk et kort")


def test_the_meeting_and_the_draw_fetch_nothing_from_other_hosts(page, served_site, real_site, recorder):
    theme = themes_with_questions(real_site)[0]
    dialog = start(page, served_site, theme)
    page.wait_for_load_state("networkidle")
    after_start: list[str] = []
    page.on("request", lambda request: after_start.append(request.url))
    page.keyboard.press("End")
    dialog.get_by_label("Jeres aftale").fill("Noget at prøve.")
    dialog.get_by_role("button", name="Kopiér som tekst").click()
    expect(dialog.get_by_text("Aftalen er kopieret")).to_be_visible()
    dialog.get_by_role("button", name="Start tiden", exact=True).click()
    dialog.get_by_role("button", name="Ryd aftalen").click()
    expect(dialog.get_by_text("Aftalen er slettet")).to_be_visible()
    # The agreement goes nowhere, not even to the site (Chromium fetches the icon when it likes).
    icon = page.evaluate("document.querySelector('link[rel~=icon]').href")
    assert [url for url in after_start if url != icon] == []
    page.goto(served_site.url(pages.url_of(pages.cards_path(theme.mapping))) + "?traek")
    expect(page.locator(DIALOG)).to_be_visible()
    page.wait_for_load_state("networkidle")
    assert recorder.local > 10
    assert recorder.foreign == []


def test_the_loader_finds_the_script_from_every_depth_of_page(served_site, real_site):
    assert pages.file_href("index.md", pages.MEETING_SCRIPT) == "assets/meeting.js"
    assert pages.file_href("bostoette/index.md", "assets/x.js") == "../assets/x.js"
    for mapping in real_site.mappings:
        for path in (pages.cards_path(mapping), pages.path_of(mapping.themes[0])):
            built = served_site.root / pages.url_of(path) / "index.html"
            src = re.search(r'"([./]*assets/meeting\.js)"', built.read_text(encoding="utf-8"))
            assert src, path
            assert (built.parent / src.group(1)).resolve() == (
                served_site.root / pages.MEETING_SCRIPT
            ).resolve()


def test_space_steps_wherever_focus_is_in_the_mode_and_t_runs_the_timer(new_page, served_site, real_site):
    """A clicker sends Space: after the chair clicked "Start tiden" (focus on that button), Space
    still steps on and the timer keeps running; T starts and pauses the timer from anywhere."""
    page = new_page()
    opened = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)
    page.clock.install(time=opened)
    theme = max(themes_with_questions(real_site), key=lambda t: len(t.model.refleksionsspoergsmaal))
    asked = questions(theme)
    dialog = start(page, served_site, theme)
    page.clock.pause_at(opened + timedelta(minutes=10))
    shown = dialog.get_by_role("timer")
    toggle = dialog.locator(".vive-moede__ur .vive-moede__knap--primaer")
    expect(toggle).to_have_attribute("aria-keyshortcuts", "t")
    dialog.get_by_role("button", name="Start tiden", exact=True).click()  # focus stays on it
    assert page.evaluate("document.activeElement.textContent") == "Pause"
    page.keyboard.press("Space")
    expect(question_shown(dialog)).to_have_text(asked[0])  # stepped on …
    page.clock.run_for(2_000)
    page.keyboard.press("t")  # … and the (conversation) box's timer starts with T
    page.clock.run_for(3_000)
    expect(shown).to_have_text("19:57")
    for control in ("Nulstil tiden", "← Forrige", "Fuld skærm", "Luk"):
        if dialog.get_by_role("button", name=control, exact=True).count():
            dialog.get_by_role("button", name=control, exact=True).focus()
            before = page.url
            page.keyboard.press("Space")
            expect(page).not_to_have_url(before)
            page.keyboard.press("Shift+Space")
            expect(page).to_have_url(before)
            expect(dialog).to_be_visible()
    expect(shown).to_have_text("19:57")  # no key press above touched the timer
    page.keyboard.press("t")
    expect(dialog.locator(".vive-moede__tidsstatus")).to_have_text("Tiden er sat på pause.")
    page.clock.run_for(60_000)
    expect(shown).to_have_text("19:57")
    # In the agreement's text field Space and T are typed, not keys of the mode.
    page.keyboard.press("End")
    box = dialog.get_by_label("Jeres aftale")
    box.focus()
    page.keyboard.type("to ting")
    expect(box).to_have_value("to ting")
    expect(shown).to_have_text("5:00")
