"""The public address comes from one place ($SITE_URL → mkdocs.yml site_url) and reaches
canonical links, the sitemap and what is printed; without a real one nothing is printed."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from generator import pages
from generator.siteurl import notice, public_address

from .conftest import MINIMAL, ROOT
from .sitecopy import write_config
from .test_sitebuild import make_site

URL = "https://vive-kvalitet.github.io/socialpsykiatri/"
THEME = "bostoette/fleksibel.md"


@pytest.mark.parametrize(
    "address",
    [
        None,
        "",
        "https://kvalitet-socialpsykiatri.example.dk/",
        "https://example.com/",
        "https://www.example.org/sti/",
        "https://sitet.test/",
        "https://sitet.invalid/",
        "https://sitet.example/",
        "http://localhost:8000/",
        "http://127.0.0.1:8000/",
        "http://[::1]:8000/",
        "http://192.168.1.10/",
        "ftp://kvalitet.dk/",
    ],
)
def test_no_real_address_prints_nothing_and_says_why(address):
    assert public_address(address) == ""
    message = notice(address)
    assert message and "QR-kode" in message and "SITE_URL=" in message


@pytest.mark.parametrize("address", [URL, "https://kvalitet-socialpsykiatri.dk/", "https://eksempel.dk/sti/"])
def test_a_real_address_is_used_as_given(address):
    assert public_address(address) == address
    assert notice(address) is None


def test_mkdocs_yml_reads_the_address_from_site_url_and_has_no_placeholder():
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert re.search(r"^site_url: !ENV \[SITE_URL, null\]$", text, re.M)
    assert ".example" not in text and "example.dk" not in text


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("siteurl")
    shutil.copytree(MINIMAL, tmp / "themes_data")
    return write_config(tmp, tmp / "themes_data")


def test_site_url_reaches_canonical_links_sitemap_and_the_printed_address(project, tmp_path):
    result = make_site(project, tmp_path / "site", SITE_URL=URL)
    assert result.returncode == 0, result.stderr
    assert "Ingen offentlig adresse" not in result.stderr
    theme_url = pages.absolute_url(URL, THEME)
    html = (tmp_path / "site" / pages.url_of(THEME) / "index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{theme_url}">' in html
    assert f"<loc>{theme_url}</loc>" in (tmp_path / "site" / "sitemap.xml").read_text(encoding="utf-8")
    assert theme_url in html.split('class="vive-handout"', 1)[1]
    assert 'class="vive-handout__qr"' in html
    cards_page = tmp_path / "site" / pages.url_of("bostoette/spoergsmaalskort.md") / "index.html"
    cards = cards_page.read_text(encoding="utf-8")
    # The printed address may wrap after "/" or "-" (<wbr>, render.url_breaks); its text is the URL.
    assert theme_url.split("://")[1] in cards.replace("<wbr>", "") and 'class="vive-kort__qr"' in cards


@pytest.mark.parametrize("address", [None, "https://kvalitet-socialpsykiatri.example.dk/"])
def test_without_a_real_address_no_qr_code_or_address_is_printed_and_the_build_says_so_once(
    project, tmp_path, address
):
    env = {"SITE_URL": address} if address else {}
    result = make_site(project, tmp_path / "site", **env)
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("Ingen offentlig adresse") == 1, result.stderr
    for html_file in (tmp_path / "site").rglob("*.html"):
        html = html_file.read_text(encoding="utf-8")
        assert "__qr" not in html and "data:image/svg+xml" not in html, html_file
        assert "Hele temaet på nettet" not in html and "vive-kort__url" not in html, html_file


def test_the_markdown_export_takes_the_address_from_site_url_too(tmp_path, monkeypatch, capsys):
    from generator.__main__ import main

    monkeypatch.setenv("SITE_URL", URL)
    assert main(["--data", str(MINIMAL), "build", "--out", str(tmp_path / "md")]) == 0
    assert pages.absolute_url(URL, THEME) in (tmp_path / "md" / "docs" / THEME).read_text(encoding="utf-8")
    assert "Ingen offentlig adresse" not in capsys.readouterr().out
    monkeypatch.delenv("SITE_URL")
    assert main(["--data", str(MINIMAL), "build", "--out", str(tmp_path / "md2")]) == 0
    assert capsys.readouterr().out.count("Ingen offentlig adresse") == 1
    assert "Hele temaet på nettet" not in (tmp_path / "md2" / "docs" / THEME).read_text(encoding="utf-8")


def test_the_pages_workflow_builds_with_the_address_pages_gives():
    import yaml

    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8"))
    job = workflow["jobs"]["test"]
    steps = job["steps"]
    pages_step = next(s for s in steps if str(s.get("uses", "")).startswith("actions/configure-pages@"))
    build = next(s for s in steps if s.get("run") == "make site")
    assert steps.index(pages_step) < steps.index(build)
    assert build["env"]["SITE_URL"] == "${{ steps." + pages_step["id"] + ".outputs.base_url }}"
    assert job["permissions"]["pages"] in ("read", "write")  # configure-pages asks the Pages API
