"""Reader features in the HTML of a strict build of the minimal fixture, which has what the
real placeholder content does not have yet: reflection questions and a change log."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.render.qrcodes import make_qr

from . import layers
from .conftest import MINIMAL, build_site, project_converter
from .sitecopy import write_config

SITE_URL = "https://eksempel.dk/sti/"


@pytest.fixture(scope="module")
@layers.builds
def minimal_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("minimal")
    config = write_config(tmp, MINIMAL)  # stand-ins for the hand-written pages
    text = re.sub(r"^site_url: .*$", f"site_url: {SITE_URL}", config.read_text(encoding="utf-8"), flags=re.M)
    config.write_text(text, encoding="utf-8")
    return build_site(tmp / "site", config_file=config)


def test_a_reflection_question_has_an_id_and_a_permalink_to_it(minimal_site):
    html = (minimal_site / "bostoette" / "fleksibel" / "index.html").read_text(encoding="utf-8")
    item = re.search(r'<li id="spm-plads">(.*?)</li>', html, re.S)
    assert item, "the question is a list item with its id"
    assert re.search(r'<a class="vive-permalink" href="#spm-plads" title="Link til spørgsmål 1">', item[1])


def test_the_printed_qr_code_encodes_the_absolute_url_from_site_url(minimal_site):
    html = (minimal_site / "bostoette" / "fleksibel" / "index.html").read_text(encoding="utf-8")
    url = SITE_URL + "bostoette/fleksibel/"
    assert f"<strong>Hele temaet på nettet:</strong><br />\n{url}" in html
    assert f'src="{make_qr(url)}"' in html  # made fresh here, not read from the cache


def test_the_change_log_is_shown_newest_first_with_danish_dates(minimal_site):
    html = (minimal_site / "bostoette" / "fleksibel" / "index.html").read_text(encoding="utf-8")
    log = html[html.index('id="gennemgang"') :]
    assert "<li><strong>1. november 2026:</strong> Første udgave.</li>" in log
    assert "Næste gennemgang:</strong> 1. november 2027" in log


def test_the_finder_lists_every_case_with_its_facets(minimal_site):
    html = (minimal_site / "cases" / "index.html").read_text(encoding="utf-8")
    items = re.findall(r'<li class="vive-finder__case" ([^>]*)>', html)
    assert len(items) == 2
    aaby = next(i for i in items if 'data-tema="fleksibel"' in i)
    assert 'data-type="kommune"' in aaby


def test_a_theme_not_yet_reviewed_says_so_and_claims_no_review_date(minimal_copy):
    from generator import load_site
    from generator.render.templating import render

    theme_file = minimal_copy / "temaer" / "01-fleksibel.yaml"
    text = theme_file.read_text(encoding="utf-8")
    theme_file.write_text(text.replace("fagligt_gennemgaaet: 2026-11-01", "fagligt_gennemgaaet: ikke endnu"))
    page = render(load_site(minimal_copy), project_converter()).files["bostoette/fleksibel.md"]
    assert "**Fagligt gennemgået:** ikke endnu" in page
    assert "ingen fagperson har gennemgået den" in page
    # A value that starts like a numbered item is escaped (templating.escape_markdown): "1\."
    assert "**Gennemgang planlagt:** 1\\. november 2027" in page
    assert "1\\. november 2026" not in page.split("## Gennemgang")[0].split("Ændringer")[0]
    assert "Næste gennemgang" not in page


def test_a_reviewed_theme_shows_its_review_dates(minimal_site):
    html = (minimal_site / "bostoette" / "fleksibel" / "index.html").read_text(encoding="utf-8")
    assert "<strong>Fagligt gennemgået:</strong> 1. november 2026" in html
    assert "<strong>Næste gennemgang:</strong> 1. november 2027" in html
    assert "ikke endnu" not in html
