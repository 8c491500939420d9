"""The public address comes from one place ($SITE_URL → mkdocs.yml site_url) and reaches
canonical links, the sitemap and what is printed; without a real one nothing is printed."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.render import pages
from generator.render.siteurl import notice, public_address

from .cli import run_generator
from .conftest import MINIMAL, ROOT
from .sitecopy import write_config
from .test_sitebuild import make_site

URL = "https://vive-kvalitet.github.io/socialpsykiatri/"
THEME = "bostoette/fleksibel.md"


# Addresses only the reader's own machine or network reaches, in the forms a browser accepts:
# an IPv4 address in one to four numbers, hex or octal (WHATWG URL standard), IPv6 with an IPv4
# address inside, a name that ends in a dot, the special-use names.
LOCAL_ADDRESSES = [
    "https://127.1/",
    "https://0x7f.0.0.1/",
    "https://0x7F000001/",
    "https://0177.0.0.1/",
    "https://2130706433/",
    "https://127.0.0.1./",
    "https://0/",
    "https://[::1]/",
    "https://[::]/",
    "https://10.0.0.5/",
    "https://10.1/",
    "https://192.168.1.2/",
    "https://172.16.0.1/",
    "https://169.254.1.1/",
    "https://100.64.0.1/",
    "https://192.0.2.1/",
    "https://[fd00::1]/",
    "https://[fe80::1]/",
    "https://[::ffff:127.0.0.1]/",
    "https://[::ffff:c0a8:102]/",
    "https://[::127.0.0.1]/",
    "https://[2002:7f00:1::]/",
    "https://localhost./",
    "https://localhost/",
    "https://sitet.localhost/",
    "https://printer.local/",
    "https://wiki.internal/",
    "https://nas.home.arpa/",
    "https://intranet/",
    "https://224.0.0.1/",
]


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
        *LOCAL_ADDRESSES,
    ],
)
def test_no_real_address_prints_nothing_and_says_why(address):
    assert public_address(address) == ""
    message = notice(address)
    assert message and "QR-kode" in message and "SITE_URL=" in message


@pytest.mark.parametrize(
    "address",
    [
        URL,
        "https://kvalitet-socialpsykiatri.dk/",
        "https://eksempel.dk/sti/",
        "https://8.8.8.8/",
        "https://[2606:4700::1111]/",
        "https://1x.dk/",
        "https://0x.dk/",
        "https://kvalitet.dk./",
    ],
)
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


@pytest.mark.build
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
    # The printed address may wrap after "/" or "-" (<wbr>, templating.url_breaks); its text is the URL.
    assert theme_url.split("://")[1] in cards.replace("<wbr>", "") and 'class="vive-kort__qr"' in cards


@pytest.mark.build
@pytest.mark.parametrize("address", [None, "https://kvalitet-socialpsykiatri.example.dk/", "https://127.1/"])
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


# An address must be http(s)://host[:port]/path/ (generator/render/siteurl.py). Each of these once
# reached a page, a handout or a QR code: a script in the canonical link of every page,
# a password printed on paper, spaces and ftp:// encoded in QR codes.
BAD_ADDRESSES = [
    'http://x.dk/"><script>alert(1)</script>',
    "https://x.dk/'onmouseover='alert(1)",
    "https://x.dk/<b>",
    "https://bruger:kode@kvalitet.dk/",
    "https://bruger@kvalitet.dk/",
    "https://kvalitet.dk/?utm=1",
    "https://kvalitet.dk/#top",
    "https://kvalitet dk/",
    "https://kvalitet.dk/min sti/",
    "https://kvalitet.dk/\t",
    "https://kvalitet.dk/\nx",
    "https://kvalitet.dk/\x00",
    "ftp://kvalitet.dk/",
    "javascript:alert(1)//",
    "//kvalitet.dk/",
    "kvalitet.dk",
    "https://",
    "https://kvalitet.dk:0/",
    "https://kvalitet.dk:99999/",
    "https://kvalitet.dk/a\\b/",
    "https://kvalitet.dk/50%/",
    "https://kvalitet-ø.dk/",
    "https://kvalitet.dk/" + "a" * 600,
    # A host that ends in a number is an IPv4 address to a browser, or the URL is refused.
    "https://1.2.3.4.5/",
    "https://256.1/",
    "https://0x100.0.0.1/",
    "https://09.1.1.1/",
    "https://kvalitet.1/",
    "https://1..1/",
]
GOOD_ADDRESSES = [
    ("https://kvalitet-socialpsykiatri.dk/", "https://kvalitet-socialpsykiatri.dk/"),
    ("https://vive-kvalitet.github.io/socialpsykiatri", "https://vive-kvalitet.github.io/socialpsykiatri/"),
    ("http://kvalitet.dk:8080/sti/under/", "http://kvalitet.dk:8080/sti/under/"),
    ("http://127.0.0.1:8000/", "http://127.0.0.1:8000/"),
    ("http://[::1]:8000/", "http://[::1]:8000/"),
    ("https://xn--kvalitet--t8a.dk/%C3%B8/", "https://xn--kvalitet--t8a.dk/%C3%B8/"),
]


@pytest.mark.parametrize("address", BAD_ADDRESSES)
def test_an_address_that_is_not_http_host_path_is_a_danish_error_naming_the_variable(address):
    from generator.render.siteurl import InvalidSiteUrl, check

    with pytest.raises(InvalidSiteUrl) as info:
        check(address, "SITE_URL")
    message = str(info.value)
    assert message.startswith("SITE_URL=") and "ikke en gyldig adresse" in message
    assert "\n" not in message and "\x00" not in message and "\t" not in message
    assert public_address(address) == ""  # and a caller that skipped the check prints nothing


@pytest.mark.parametrize(("address", "used"), GOOD_ADDRESSES)
def test_an_http_host_path_address_is_accepted_with_a_final_slash(address, used):
    from generator.render.siteurl import check

    assert check(address, "SITE_URL") == used


def _export(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """`python -m generator build` of the minimal content, in this process (tests/cli.py)."""
    out = tmp_path / "md"
    return run_generator(["--data", str(MINIMAL), "build", "--out", str(out), *args], env=env)


@pytest.mark.parametrize("address", ['http://x.dk/"><script>alert(1)</script>', "https://u:pw@kvalitet.dk/"])
def test_the_export_refuses_a_bad_address_from_the_flag_or_the_variable(tmp_path, address):
    for result, name in [
        (_export(tmp_path, "--site-url", address), "--site-url"),
        (_export(tmp_path, SITE_URL=address), "SITE_URL"),
    ]:
        assert result.returncode == 1, result.stdout
        assert "Traceback" not in result.stderr
        assert result.stderr.startswith(f"{name}=") and "ikke en gyldig adresse" in result.stderr
        assert not (tmp_path / "md").exists()


@pytest.mark.build
def test_make_site_refuses_a_bad_site_url_before_building(project, tmp_path):
    result = make_site(project, tmp_path / "site", SITE_URL='http://x.dk/"><script>alert(1)</script>')
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert 'SITE_URL="http://x.dk/\\"><script>' in result.stderr and "ikke en gyldig adresse" in result.stderr
    assert not any(p.name.startswith("site") for p in tmp_path.iterdir())


def _mkdocs(config: Path, command: str, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **env}
    if "SITE_URL" not in env:
        environment.pop("SITE_URL", None)
    return subprocess.run(
        [str(Path(sys.executable).with_name("mkdocs")), command, "-f", str(config), *args],
        capture_output=True,
        text=True,
        env=environment,
        timeout=300,
    )


@pytest.mark.build
def test_plain_mkdocs_build_refuses_a_bad_address_from_site_url_or_mkdocs_yml(project, tmp_path):
    """The plugin checks it too: `mkdocs build` and `mkdocs serve` take nearly any URL."""
    result = _mkdocs(project, "build", "-d", str(tmp_path / "a"), SITE_URL="https://kvalitet.dk/?x=<y>")
    assert result.returncode == 1
    assert 'SITE_URL="https://kvalitet.dk/?x=<y>" er ikke en gyldig adresse' in result.stderr
    assert "Traceback" not in result.stderr
    literal = tmp_path / "mkdocs.yml"
    literal.write_text(
        project.read_text(encoding="utf-8").replace(
            "site_url: !ENV [SITE_URL, null]", "site_url: 'https://kode:hemmelig@kvalitet.dk/'"
        ),
        encoding="utf-8",
    )
    result = _mkdocs(literal, "build", "-d", str(tmp_path / "b"))
    assert result.returncode == 1
    assert "site_url i mkdocs.yml=" in result.stderr and "brugernavn eller adgangskode" in result.stderr
    assert not (tmp_path / "b").exists() or not any((tmp_path / "b").rglob("*.html"))


@pytest.mark.build
def test_mkdocs_serve_refuses_a_bad_address(project):
    """`mkdocs serve` puts the address's path into its own; a script there reached every page."""
    from .bench.serve_latency import free_port

    result = _mkdocs(
        project,
        "serve",
        "--dev-addr",
        f"127.0.0.1:{free_port()}",
        SITE_URL='https://x.dk/"><script>x</script>/',
    )
    assert result.returncode == 1
    assert "SITE_URL=" in result.stderr and "ikke en gyldig adresse" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.build
def test_what_is_produced_carries_exactly_the_address(project, tmp_path):
    """Canonical link, sitemap, handout text and QR code: the address as given, with port
    and path, and no other form of it anywhere in the HTML."""
    from generator.render.qrcodes import make_qr

    address = "https://kvalitet.dk:8443/sti/under/"
    result = make_site(project, tmp_path / "site", SITE_URL=address)
    assert result.returncode == 0, result.stderr
    theme_url = pages.absolute_url(address, THEME)
    assert theme_url == "https://kvalitet.dk:8443/sti/under/bostoette/fleksibel/"
    html = (tmp_path / "site" / pages.url_of(THEME) / "index.html").read_text(encoding="utf-8")
    assert re.findall(r'<link rel="canonical" href="([^"]*)"', html) == [theme_url]
    handout = html.split('class="vive-handout__adresse"', 1)[1]
    assert re.findall(r'src="(data:image/svg\+xml[^"]*)"', handout)[0] == make_qr(theme_url)
    assert theme_url in handout
    for page in (tmp_path / "site").rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        for found in re.findall(r"https?://kvalitet\.dk[^\s\"'<>]*", text):
            assert found.startswith(address), (page, found)


@pytest.mark.parametrize(
    ("host", "address"),
    [
        ("127.1", "127.0.0.1"),
        ("127.0.1", "127.0.0.1"),
        ("2130706433", "127.0.0.1"),
        ("0x7f.1", "127.0.0.1"),
        ("0X7F.0.0.1", "127.0.0.1"),
        ("0177.0.0.01", "127.0.0.1"),
        ("0x", "0.0.0.0"),
        ("0", "0.0.0.0"),
        ("192.168.257", "192.168.1.1"),
        ("8.8.8.8.", "8.8.8.8"),
        ("4294967295", "255.255.255.255"),
        ("[::ffff:127.0.0.1]", "::ffff:7f00:1"),
        ("kvalitet.dk", None),
        ("0x.dk", None),
        ("1x.dk", None),
    ],
)
def test_a_host_is_the_address_a_browser_makes_of_it(host, address):
    """The WHATWG URL standard's IPv4 parser: what Chromium, Firefox and Safari connect to."""
    from generator.render.siteurl import host_address

    found = host_address(host)
    assert (str(found) if found is not None else None) == address


@pytest.mark.parametrize(
    "host", ["4294967296", "1.2.3.4.5", "256.1", "1.256.1.1", "0x1g.1", "08.1", "1..2", "a.0x1"]
)
def test_a_host_that_ends_in_a_number_but_is_no_ipv4_address_is_refused(host):
    from generator.render.siteurl import InvalidHost, host_address

    with pytest.raises(InvalidHost):
        host_address(host)
