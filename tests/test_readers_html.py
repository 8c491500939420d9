"""Reader features in the HTML of a strict build of the minimal fixture, which has what the
real placeholder content does not have yet: reflection questions and a change log."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from generator.render import qr_data_uri

from .conftest import MINIMAL, ROOT, build_site

SITE_URL = "https://eksempel.dk/sti/"


@pytest.fixture(scope="module")
def minimal_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("minimal")
    content = tmp / "content"
    shutil.copytree(ROOT / "content", content)
    for page in content.rglob("*.md"):  # hand-written pages may link to the real content: stub them
        page.write_text("# Side\n", encoding="utf-8")
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("docs_dir: content", f"docs_dir: {content}")
    text = text.replace("custom_dir: overrides", f"custom_dir: {ROOT / 'overrides'}")
    text = text.replace("data_dir: themes_data", f"data_dir: {MINIMAL}")
    text = text.replace("  - themes_data\n  - generator\n", f"  - {MINIMAL}\n  - {ROOT / 'generator'}\n")
    text = re.sub(r"^site_url: .*$", f"site_url: {SITE_URL}", text, flags=re.M)
    config = tmp / "mkdocs.yml"
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
    assert f"<strong>Siden på nettet:</strong> {url}" in html
    assert f'src="{qr_data_uri(url)}"' in html


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
