"""WCAG 2.2 AA in a real browser: axe-core on every kind of page in both palettes, 360 px, skip link."""

from __future__ import annotations

import pytest

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


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        targets = ", ".join(str(n["target"]) for n in v["nodes"][:5])
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} – {targets}")
    return "\n".join(lines)


# Every kind of page in the light palette on a desktop; the dark palette on a desktop and the light
# one on a phone are every page's (test_no_axe_violations_on_any_page).
@pytest.mark.parametrize("kind", KINDS)
def test_no_axe_violations(new_page, served_site, real_site, axe, kind):
    page = new_page(color_scheme="light")
    page.goto(served_site.url(page_kinds(real_site)[kind]))
    assert page.evaluate("document.body.dataset.mdColorScheme") == SCHEMES["light"]
    results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    violations = results.response["violations"]
    assert not violations, describe(violations)


# Best-practice rules outside the WCAG tags that Lighthouse's accessibility score counts: an element
# with a role it may not have (the phone header's menu was a <label role="button">). Checked on
# every page at 360 px, where the header's menu button shows (test_no_axe_violations_on_any_page).
LIGHTHOUSE_ARIA_RULES = ["aria-allowed-role"]


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


def axe_violations(page, axe_script: str, rules: tuple[str, ...] = ()) -> list[dict]:
    """axe-core with the WCAG 2.2 AA tags (and `rules` besides them) on the page as it is; only
    violations are sent back (the library's run sends every passed check too, several times the
    time on a long page)."""
    page.evaluate(axe_script)
    return page.evaluate(
        """([tags, rules]) => axe.run(document, {
             runOnly: {type: 'tag', values: tags},
             rules: Object.fromEntries(rules.map(r => [r, {enabled: true}])),
             resultTypes: ['violations']}).then(r => r.violations)""",
        [WCAG_TAGS, list(rules)],
    )


# A phone in the light palette and a desktop in the dark one: target sizes and reflow at both
# widths, contrast in both palettes (every kind of page has the light palette on a desktop above).
# On the phone also: no horizontal scrolling, and no element with a role it may not have.
@pytest.mark.parametrize(("width", "palette"), [(360, "light"), (1280, "dark")])
def test_no_axe_violations_on_any_page(new_page, served_site, real_site, axe, recorder, width, palette):
    paths = every_page(served_site.root)
    assert len(paths) > 40 and "" in paths and "perspektiver/viden/" in paths
    kinds = set(page_kinds(real_site).values())
    assert kinds <= set(paths)  # every kind of page is among them
    page = new_page(color_scheme=palette, viewport={"width": width, "height": 800})
    phone = width == 360
    found, wide = {}, {}
    for path in paths:
        page.goto(served_site.url(path))
        if path == "":
            assert page.evaluate("document.body.dataset.mdColorScheme") == SCHEMES[palette]
        rules = tuple(LIGHTHOUSE_ARIA_RULES) if phone else ()
        if violations := axe_violations(page, axe.axe_script, rules):
            found[path] = describe(violations)
        if phone and (scroll := page.evaluate("document.documentElement.scrollWidth")) > width:
            wide[path] = scroll
    assert found == {}
    # Privacy: the recorder saw every page's own requests, and none to another host (new_page's
    # teardown says so for every test; here for every page in both palettes).
    assert recorder.local > 20 and recorder.foreign == []
    # No page scrolls sideways on a phone, but the coverage page's wide table scrolls in its own box
    # (test_wide_tables_scroll_inside_their_own_container).
    assert wide == {}, f"sider bredere end {width} px: {wide}"


def test_the_role_rule_runs_beside_the_wcag_tags(new_page, axe):
    """The merged run could fail: a <label role="button"> (the phone header's menu once) is caught."""
    page = new_page()
    page.set_content('<html lang="da"><title>x</title><main><label role="button">Menu</label></main></html>')
    ids = {v["id"] for v in axe_violations(page, axe.axe_script, tuple(LIGHTHOUSE_ARIA_RULES))}
    assert "aria-allowed-role" in ids
    assert "aria-allowed-role" not in {v["id"] for v in axe_violations(page, axe.axe_script)}
