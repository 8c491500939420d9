"""Live preview in a real browser: while the YAML has errors, every page of `mkdocs serve`
shows them (file, line, field, message, hint) and the open page returns by itself when fixed."""

from __future__ import annotations

import re
import urllib.error

from ..bench.serve_latency import fetch


def test_errors_show_on_every_page_and_go_away_when_fixed(served, new_page):
    work, yaml_file, url, title = served
    base = "/".join(url.split("/", 3)[:3])
    good = yaml_file.read_text(encoding="utf-8")
    number = re.search(r"^nummer: (\d+)$", good, re.M)
    assert number, "the theme has a top-level nummer:"
    line = good[: number.start()].count("\n") + 1
    shown = yaml_file.relative_to(work).as_posix()
    page = new_page()
    try:
        page.goto(url, wait_until="load")
        assert page.locator("#vive-preview-errors").count() == 0
        yaml_file.write_text(good.replace(number.group(0), f"nummer: 0{number.group(1)}"), encoding="utf-8")
        panel = page.locator("#vive-preview-errors")
        panel.wait_for(timeout=180_000)  # the open page reloads by itself
        text = panel.inner_text()
        assert "indholdet har 1 fejl" in text
        assert f"{shown}:{line}:" in text and f"linje {line}" in text  # file and line
        assert "feltet nummer" in text  # field
        assert f"'0{number.group(1)}' er ikke et heltal" in text  # message
        assert f"Sådan retter du det: skriv {int(number.group(1))}" in text  # hint
        assert title in page.title()  # the last good page is still shown below the panel
        for other in ("/om-sitet/", "/findes-ikke/"):  # a hand-written page, the 404 page
            assert 'id="vive-preview-errors"' in fetch_any(base + other)

        yaml_file.write_text(good.replace(title, f"{title} Rettet4", 1), encoding="utf-8")
        page.locator("#vive-preview-errors").wait_for(state="detached", timeout=180_000)
        page.get_by_text("Rettet4").first.wait_for(timeout=180_000)
        assert 'id="vive-preview-errors"' not in fetch(base + "/om-sitet/")
    finally:
        yaml_file.write_text(good, encoding="utf-8")


def fetch_any(url: str) -> str:
    """The body of any response, a 404 page included."""
    try:
        return fetch(url)
    except urllib.error.HTTPError as exc:
        return exc.read().decode("utf-8", "replace")
