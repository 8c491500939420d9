"""WCAG 2.2 AA in a real browser: axe-core on every kind of page in both palettes, 360 px, skip link."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from generator.render import pages

from .conftest import page_kinds

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
SCHEMES = {"light": "default", "dark": "slate"}
KINDS = [
    "forside",
    "kortlaegning",
    "tema",
    "case",
    "perspektiv",
    "matrix",
    "spoergsmaalskort",
    "casefinder",
    "kilder",
    "tilgaengelighed",
    "aabne-data",
]


def test_every_kind_of_page_is_covered(real_site):
    assert list(page_kinds(real_site)) == KINDS


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        targets = ", ".join(str(n["target"]) for n in v["nodes"][:5])
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} – {targets}")
    return "\n".join(lines)


@pytest.mark.parametrize("palette", list(SCHEMES))
@pytest.mark.parametrize("kind", KINDS)
def test_no_axe_violations(new_page, served_site, real_site, axe, kind, palette):
    page = new_page(color_scheme=palette)
    page.goto(served_site.url(page_kinds(real_site)[kind]))
    assert page.evaluate("document.body.dataset.mdColorScheme") == SCHEMES[palette]
    results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    violations = results.response["violations"]
    assert not violations, describe(violations)


# Best-practice rules outside the WCAG tags that Lighthouse's accessibility score counts: an element
# with a role it may not have (the phone header's menu was a <label role="button">).
LIGHTHOUSE_ARIA_RULES = ["aria-allowed-role"]


@pytest.mark.parametrize("kind", KINDS)
def test_no_element_has_a_role_it_may_not_have(new_page, served_site, real_site, axe, kind):
    page = new_page(viewport={"width": 360, "height": 740})  # where the header's menu button shows
    page.goto(served_site.url(page_kinds(real_site)[kind]))
    results = axe.run(page, options={"runOnly": {"type": "rule", "values": LIGHTHOUSE_ARIA_RULES}})
    violations = results.response["violations"]
    assert not violations, describe(violations)


@pytest.mark.parametrize("kind", KINDS)
def test_no_horizontal_scrolling_at_360_px(new_page, served_site, real_site, kind):
    page = new_page(viewport={"width": 360, "height": 740})
    page.goto(served_site.url(page_kinds(real_site)[kind]))
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"siden er {width} px bred"


def test_wide_tables_scroll_inside_their_own_container(new_page, served_site, real_site):
    # The theme × case table is made to fit a phone (test_theme_layout); the editors' coverage
    # table, a column per perspective, is wider than a phone.
    page = new_page(viewport={"width": 360, "height": 740})
    page.goto(served_site.url(pages.url_of(pages.COVERAGE)))
    wrap = page.locator(".md-typeset__scrollwrap").first
    assert wrap.evaluate("e => e.scrollWidth > e.clientWidth")  # the table is wider than the phone …
    assert wrap.evaluate("e => getComputedStyle(e).overflowX") == "auto"  # … and scrolls in its box


def test_the_skip_link_is_the_first_tab_stop_and_jumps_to_the_content(page, served_site, real_site):
    page.goto(served_site.url(page_kinds(real_site)["tema"]))
    page.keyboard.press("Tab")
    skip = page.locator(".md-skip")
    assert page.evaluate("document.activeElement.classList.contains('md-skip')")
    assert skip.is_visible()
    assert skip.inner_text().strip()
    page.keyboard.press("Enter")
    target = skip.get_attribute("href").split("#")[1]
    page.wait_for_url(f"**#{target}")
    assert page.locator(f'[id="{target}"]').is_visible()
    page.keyboard.press("Tab")  # the next tab stop is inside the content, not back in the header
    assert page.evaluate("!!document.activeElement.closest('.md-content')")


def changed_pages(site) -> dict[str, str]:
    """Pages whose content or layout issue 28 changed, beyond the one page of each kind above: the
    coverage page's reading guide, case pages with every kind of label, a theme with background,
    the perspectives with their split counts, a literature study and the pejlemærker."""
    return {
        "daekning": pages.url_of(pages.COVERAGE),
        "orion": pages.url_of(pages.path_of(site.cases["orion"])),
        "herning": pages.url_of(pages.path_of(site.cases["herning"])),
        "mette-marie": pages.url_of(pages.path_of(site.cases["mette-marie"])),
        "sundhed": pages.url_of(pages.path_of(site.themes["sundhed"])),
        "perspektiver": pages.url_of(pages.PERSPECTIVES_INDEX),
        "litteratur": pages.url_of(pages.path_of(site.literature["kvalitet-paa-botilbud"])),
        "pejlemaerker": pages.url_of(pages.PEJLEMAERKER),
        "om-sitet": pages.url_of(pages.ABOUT_SITE),
    }


@pytest.mark.parametrize(
    "name",
    [
        "daekning",
        "orion",
        "herning",
        "mette-marie",
        "sundhed",
        "perspektiver",
        "litteratur",
        "pejlemaerker",
        "om-sitet",
    ],
)
def test_no_axe_violations_on_the_pages_the_labels_and_coverage_changed(
    new_page, served_site, real_site, axe, name
):
    page = new_page()
    page.goto(served_site.url(changed_pages(real_site)[name]))
    results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    violations = results.response["violations"]
    assert not violations, describe(violations)
    if name != "daekning":  # the coverage table scrolls in its own box (test above)
        assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]


def every_page(site_root) -> list[str]:
    """The URL path of every page the build publishes for readers: redirect pages left out (they
    only move on), and the content editor at admin/ (Decap CMS's own interface, for editors)."""
    found = []
    for html in sorted(site_root.rglob("index.html")):
        if 'http-equiv="refresh"' in html.read_text(encoding="utf-8")[:2000]:
            continue
        if html.parent.relative_to(site_root).parts[:1] == ("admin",):
            continue
        found.append(html.parent.relative_to(site_root).as_posix().removeprefix(".") + "/")
    return [p.lstrip("/") for p in found]


def axe_violations(page, axe_script: str) -> list[dict]:
    """axe-core with the WCAG 2.2 AA tags on the page as it is; only violations are sent back
    (the library's run sends every passed check too, several times the time on a long page)."""
    page.evaluate(axe_script)
    return page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})"
        ".then(r => r.violations)",
        WCAG_TAGS,
    )


# A phone in the light palette and a desktop in the dark one: target sizes and reflow at both
# widths, contrast in both palettes (every kind of page has both palettes above).
@pytest.mark.parametrize(("width", "palette"), [(360, "light"), (1280, "dark")])
def test_no_axe_violations_on_any_page(new_page, served_site, axe, width, palette):
    paths = every_page(served_site.root)
    assert len(paths) > 40 and "" in paths and "perspektiver/viden/" in paths
    page = new_page(color_scheme=palette, viewport={"width": width, "height": 800})
    found = {}
    for path in paths:
        page.goto(served_site.url(path))
        if violations := axe_violations(page, axe.axe_script):
            found[path] = describe(violations)
    assert found == {}
