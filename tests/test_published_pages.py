"""Every page the build publishes is checked, whatever wrote it (issue 25, item 2).

The rule (generator/publish/html_policy.py): no script runs from a page but the site's own.
Checked in one pass over the built output (publish/output_check.py), by the plugin after
every other plugin, by `make site` when no plugin did, and at `validate` on the hand-written
pages of content/ converted as the build converts them; each breach named at its source.
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from generator import ContentErrors, load_site, pipeline
from generator.publish.html_policy import OwnScripts, Rule, page_findings, site_path
from generator.publish.output_check import check_folder, check_pages, documents
from generator.publish.own_scripts import template_pattern

from .conftest import DATA, MINIMAL, ROOT, engine, project_config
from .sitecopy import minimal_docs, write_config
from .test_sitebuild import snapshot

OWN = OwnScripts(
    files=frozenset({"assets/print.js", "assets/javascripts/bundle.js"}),
    inline=frozenset({"var ok=1"}),
    patterns=(template_pattern('x=new URL("{{ base_url }}",location)'),),  # type: ignore[arg-type]
)

# (HTML, the rule it breaks): every way a page can run script, as a browser parses it.
BREACHES = [
    ('<a href="javascript:alert(1)">x</a>', Rule.URL),
    ('<a href="JaVa&#10;ScRiPt:alert(1)">x</a>', Rule.URL),
    ('<a href="&#x20;java&Tab;script:alert(1)">x</a>', Rule.URL),
    ("<a href=//evil.example/>x</a>", Rule.URL),
    ('<img srcset="a.png 1x, javascript:alert(1) 2x">', Rule.URL),
    ('<form action="javascript:alert(1)"><button>x</button></form>', Rule.URL),
    ('<form><button formaction="javascript:alert(1)">x</button></form>', Rule.URL),
    ('<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>', Rule.URL),
    ('<math href="javascript:alert(1)">x</math>', Rule.URL),
    ('<iframe src="javascript:alert(1)"></iframe>', Rule.URL),
    ('<object data="data:text/html,x"></object>', Rule.URL),
    ('<embed src="data:text/html,x">', Rule.URL),
    ('<img src="data:text/html,x">', Rule.URL),
    ('<meta http-equiv="refresh" content="0; url=javascript:alert(1)">', Rule.REFRESH),
    ("<img src=x onerror=alert(1)>", Rule.EVENT_HANDLER),
    ("<img/onerror=alert(1) src=x>", Rule.EVENT_HANDLER),
    ("<svg onload=alert(1)>", Rule.EVENT_HANDLER),
    ("<details open ONTOGGLE=alert(1)>", Rule.EVENT_HANDLER),
    # Tricks that hide a tag from a pattern or a naive parser, not from the browser.
    ('<!-- <a title=" --> <img src=x onerror=alert(1)> <!-- "> -->', Rule.EVENT_HANDLER),
    ('<style><a title="</style><img src=x onerror=alert(1)>"></style>', Rule.EVENT_HANDLER),
    ('<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>', Rule.EVENT_HANDLER),
    ("<template><img src=x onerror=alert(1)></template>", Rule.EVENT_HANDLER),
    ('<a title="x>" onclick="alert(1)">x</a>', Rule.EVENT_HANDLER),
    ("<script>alert(1)</script>", Rule.INLINE_SCRIPT),
    ("<svg><script>alert(1)</script></svg>", Rule.INLINE_SCRIPT),
    ("<script>var ok=1;alert(1)</script>", Rule.INLINE_SCRIPT),
    ('<script>x=new URL("",alert(1),"",location)</script>', Rule.INLINE_SCRIPT),
    ('<script type="module">alert(1)</script>', Rule.INLINE_SCRIPT),
    ('<script type="text/javascript">alert(1)</script>', Rule.INLINE_SCRIPT),
    ('<script src="https://evil.example/x.js"></script>', Rule.SCRIPT_FILE),
    ('<script src="//evil.example/x.js"></script>', Rule.SCRIPT_FILE),
    ('<script src="data:,alert(1)"></script>', Rule.SCRIPT_FILE),
    ('<script src="assets/other.js"></script>', Rule.SCRIPT_FILE),
    ('<svg><script href="data:,alert(1)"></script></svg>', Rule.SCRIPT_FILE),
    ('<base href="https://evil.example/">', Rule.BASE),
    ('<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>', Rule.SRCDOC),
    (
        '<svg><a><animate attributeName="href" values="javascript:alert(1)"/><text>x</text></a></svg>',
        Rule.ANIMATION,
    ),
    ('<?xml-stylesheet type="text/xsl" href="x.xsl"?><svg></svg>', Rule.XML_STYLESHEET),
]

# What the site's own pages contain: none of it breaks the rule.
ALLOWED = [
    '<a href="https://www.sbst.dk/">x</a><a href="mailto:a@b.dk">m</a><a href="../om-sitet/#hvem">r</a>',
    '<img src="data:image/svg+xml;charset=utf-8,%3Csvg%3E" alt="QR">',
    '<script src="../assets/print.js"></script><script src="../assets/javascripts/bundle.js" defer></script>',
    '<script src="/assets/print.js"></script>',  # the 404 page's root-relative address
    "<script>var ok=1</script>",
    '<script>x=new URL("../..",location)</script>',
    '<script id="__config" type="application/json">{"base": "..", "x": "</b>"}</script>',
    '<p>&lt;script&gt;alert(1)&lt;/script&gt; og &lt;a onclick="x"&gt;</p>',
    '<input type="checkbox" data-md-toggle="drawer" autocomplete="off">',
]


@pytest.mark.parametrize(("page_html", "rule"), BREACHES)
def test_every_way_a_page_can_run_script_is_found(page_html, rule):
    found = page_findings(page_html, "cases/aaby/index.html", OWN)
    assert rule in {f.rule for f in found}, found
    for finding in found:
        message, hint = finding.explain()
        assert message and hint and "Traceback" not in message


@pytest.mark.parametrize("page_html", ALLOWED)
def test_what_the_site_itself_writes_passes(page_html):
    assert page_findings(page_html, "cases/index.html", OWN) == []


def test_the_sites_own_address_is_on_the_site():
    """`mkdocs serve` builds for http://127.0.0.1:8000/: every page's canonical link leads there."""
    import dataclasses

    canonical = '<link rel="canonical" href="http://127.0.0.1:8000/om-sitet/">'
    assert [f.rule for f in page_findings(canonical, "om-sitet/index.html", OWN)] == [Rule.URL]
    served = dataclasses.replace(OWN, site_url="http://127.0.0.1:8000/")
    assert page_findings(canonical, "om-sitet/index.html", served) == []
    for other in ("http://127.0.0.1:8000.evil.example/", "http://127.0.0.1:8001/", "javascript:alert(1)"):
        assert page_findings(f'<a href="{other}">x</a>', "om-sitet/index.html", served) != [], other


def test_a_template_value_may_not_leave_its_quotes():
    pattern = template_pattern('var a=new URL("{{ base_url }}",location),b="{{- x -}}"')
    assert not isinstance(pattern, str) and pattern is not None
    assert pattern.fullmatch('var a=new URL("../..",location),b="y"')
    for value in ['"+alert(1)+"', "\\u0022", "</script><script>alert(1)//", "a\nb"]:
        assert not pattern.fullmatch(f'var a=new URL("{value}",location),b="y"'), value
    assert template_pattern("var a={{ value }};") is None  # a value outside quotes: never known
    assert template_pattern("{% if x %}a(){% endif %}") is None


def test_a_template_scripts_jinja_comments_are_not_part_of_it():
    assert template_pattern("a();\n  {# why a #}\n  b();") == "a();\n  \n  b();"
    assert template_pattern("a();\n  {#- why a -#}\n  b();") == "a();b();"
    assert template_pattern('{# no quotes needed: "x #}u("{{ v }}")') is not None
    assert template_pattern("{# a #}{% if x %}a(){% endif %}") is None


def test_a_script_file_is_resolved_from_its_page_inside_the_site():
    assert site_path("../assets/x.js?v=1", "cases/index.html") == "assets/x.js"
    assert site_path("/sub/assets/x.js", "404.html", "/sub/") == "assets/x.js"
    assert site_path("/assets/x.js", "404.html", "/sub/") is None  # another site on the host
    assert site_path("..\\..\\x.js", "a/index.html", "/sub/") is None
    assert site_path("https://evil.example/x.js", "index.html") is None


# --- the real site -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def real_own():
    from mkdocs.config import load_config

    from generator.mkdocs_glue.config import site_own_scripts

    from .conftest import SITE_URL

    return site_own_scripts(load_config(str(ROOT / "mkdocs.yml"), site_url=SITE_URL))


def test_every_document_of_the_real_site_passes_and_all_are_read(built_site, real_own):
    pages = documents(built_site)
    assert {"404.html", "was/index.html", "om-sitet/index.html", "index.html", "sitemap.xml"} <= set(pages)
    assert len([p for p in pages if p.endswith(".html")]) == len(list(built_site.rglob("*.html")))
    assert check_folder(built_site, real_own) == []
    # The own scripts are known by their sources, and every page has them.
    assert any(p.pattern.startswith("__md_scope") for p in real_own.patterns)
    assert "assets/print.js" in real_own.files and "assets/finder.js" in real_own.files


def test_one_page_can_be_checked_alone(built_site, real_own, tmp_path):
    """The live preview re-checks only the pages a save rewrote."""
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    page = site / "om-sitet" / "index.html"
    page.write_text(
        page.read_text(encoding="utf-8").replace("<h1", '<h1 onclick="alert(1)"', 1), encoding="utf-8"
    )
    [finding] = check_pages(site, ["om-sitet/index.html", "index.html"], real_own)
    assert (finding.page, finding.rule, finding.attribute) == (
        "om-sitet/index.html",
        Rule.EVENT_HANDLER,
        "onclick",
    )


# --- hand-written pages: validate and the build --------------------------------------------


PAYLOAD = "Se [x](javascript:alert(document.domain)), tak."


@pytest.fixture
def project(tmp_path: Path) -> tuple[Path, Path, Path]:
    """The minimal themes_data/ and stand-ins for the hand-written pages: (config, data, docs)."""
    data = tmp_path / "themes_data"
    shutil.copytree(MINIMAL, data)
    docs = minimal_docs(tmp_path)
    return write_config(tmp_path, data, docs), data, docs


def _plant(page: Path, line: str, after: int = 3) -> int:
    lines = page.read_text(encoding="utf-8").split("\n")
    lines.insert(after, line)
    page.write_text("\n".join(lines), encoding="utf-8")
    return after + 1


def test_validate_finds_script_on_a_hand_written_page_at_its_line(project):
    config, data, docs = project
    line = _plant(docs / "om-sitet.md", PAYLOAD)
    _plant(docs / "om-sitet.md", '<p><a href="#" onclick="alert(1)">x</a></p>\n', after=line + 1)
    _plant(
        docs / "om-sitet.md",
        'Tekst.\n\n  <script src="https://evil.example/x.js"></script>\n',
        after=line + 4,
    )
    with pytest.raises(ContentErrors) as info:
        load_site(data, project_config(config))
    errors = sorted(info.value.errors, key=lambda e: e.line)
    where = [(Path(e.file).name, e.line, e.column) for e in errors]
    lines = (docs / "om-sitet.md").read_text(encoding="utf-8").split("\n")
    script = next(n for n, text in enumerate(lines, 1) if "<script" in text)
    assert where == [
        ("om-sitet.md", line, PAYLOAD.index("java") + 1),
        ("om-sitet.md", line + 2, len('<p><a href="#" ') + 1),
        ("om-sitet.md", script, 3),
    ], [e.format() for e in errors]
    assert "javascript:alert(document.domain)" in errors[0].message
    assert "onclick" in errors[1].message and "henter et script" in errors[2].message


def test_validate_command_says_it_in_danish_and_exits_1(project, capsys, monkeypatch):
    from generator.__main__ import main

    config, data, docs = project
    line = _plant(docs / "om-sitet.md", "[r]: java&#x09;script:alert(1)\n\nSe [her][r].")
    monkeypatch.chdir(config.parent)
    assert main(["--data", str(data), "validate", "--config", str(config)]) == 1
    err = capsys.readouterr().err
    assert f"docs/om-sitet.md:{line}:" in err and "ikke tilladt" in err and "Traceback" not in err


def test_the_real_hand_written_pages_pass():
    from generator.content.markdown_html import converter
    from generator.publish.page_sources import hand_written_errors

    config = project_config(ROOT / "mkdocs.yml")
    assert hand_written_errors(config.docs_dir, converter(config)) == []
    assert DATA.is_dir()


@pytest.mark.build
def test_make_site_keeps_the_old_site_when_only_the_output_check_sees_it(project, monkeypatch):
    """A build converts a hand-written page once, as the engine builds it: the one pass over the
    output finds the breach and says it at the page's line, as `validate` does."""
    from generator.publish.sitebuild import BuildFailed, build_site

    config, _data, docs = project
    site = config.parent / "site"
    build_site(config, site, engine=engine(), stream=io.StringIO())
    before = snapshot(site)
    line = _plant(docs / "om-sitet.md", PAYLOAD)
    converted: list[bool] = []
    real = pipeline.hand_written_errors

    def bounds_only(docs_dir, converter, convert=True):
        converted.append(convert)
        return real(docs_dir, converter, convert)

    monkeypatch.setattr(pipeline, "hand_written_errors", bounds_only)
    log = io.StringIO()
    with pytest.raises(BuildFailed):
        build_site(config, site, engine=engine(), stream=log)
    assert converted == [False]  # the build left the page's HTML to the output check
    assert f"docs/om-sitet.md:{line}:" in log.getvalue(), log.getvalue()
    assert "javascript:alert(document.domain)" in log.getvalue()
    assert snapshot(site) == before


@pytest.mark.build
def test_a_page_no_source_wrote_is_checked_too(project):
    """A redirect page (mkdocs-redirects, from mkdocs.yml), its address written into its HTML as is."""
    from generator.publish.sitebuild import BuildFailed, build_site

    config, _data, _docs = project
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace(
            "was.md: tilgaengelighedserklaering.md", "was.md: 'https://x.dk/\" onmouseover=\"alert(1)'"
        )
    )
    log = io.StringIO()
    with pytest.raises(BuildFailed):
        build_site(config, config.parent / "site", engine=engine(), stream=log)
    assert "was/index.html: attributten 'onmouseover' på <a> kører script" in log.getvalue(), log.getvalue()
    assert "was/index.html: <script> på siden er ikke et af sitets egne" in log.getvalue()
    assert not (config.parent / "site").exists()


@pytest.mark.build
def test_make_site_checks_the_output_itself_when_no_plugin_did(tmp_path):
    """Another engine's build (here MkDocs without the vive plugin): `make site` reads the folder."""
    from generator.publish.sitebuild import BuildFailed, build_site

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text('# Forside\n\n<p onmouseover="alert(1)">x</p>\n', encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text(f"site_name: x\ndocs_dir: {docs}\ntheme: mkdocs\nplugins: []\n", encoding="utf-8")
    log = io.StringIO()
    with pytest.raises(BuildFailed) as info:
        build_site(config, tmp_path / "site", engine=engine(), stream=log)
    assert "index.html: attributten 'onmouseover' på <p> kører script" in info.value.reason
    assert not (tmp_path / "site").exists()
