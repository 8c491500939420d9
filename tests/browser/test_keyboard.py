"""Keyboard and zoom in a real browser: every Tab stop is in view with a visible focus ring.

360 px is also what a 1,280 px screen shows at 400 % zoom (WCAG 1.4.10), so the phone layout is
the zoomed layout. Checked at each Tab stop (WCAG 2.2: 2.4.7 focus visible, 2.4.11 focus not
obscured): the focused element has a size, lies inside the viewport, is what the browser finds
at its centre (not covered by the search panel, a drawer level or the header) and draws a focus
ring; the search and the menu close when focus moves on.
"""

from __future__ import annotations

import pytest

from generator.render import pages

WIDTHS = [360, 1280]
HEIGHT = 800
STOPS = 45  # past the header, the menu (at 1,280 px: the whole sidebar) and into the article

# What the keyboard is on, measured where the reader sees it. Material's palette switch is a
# transparent radio under its icon (the label after it): the icon carries the focus ring.
FOCUS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const shown = el.matches("input.md-option") ? el.nextElementSibling : el;
  const r = el.getBoundingClientRect();
  // A link wrapped over two lines has a box per line: one of them must be uncovered.
  const boxes = [...el.getClientRects()].filter(b => b.width > 0 && b.height > 0);
  const hits = boxes.map(b => document.elementFromPoint(b.x + b.width / 2, b.y + b.height / 2));
  const ring = getComputedStyle(shown);
  return {
    what: el.outerHTML.slice(0, 140).replace(/\\s+/g, " "),
    left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height,
    shown: shown.checkVisibility({ opacityProperty: true, visibilityProperty: true }),
    unobscured: hits.some(hit => !!hit && (el.contains(hit) || shown.contains(hit))),
    ring: (ring.outlineStyle !== "none" && parseFloat(ring.outlineWidth) > 0) || ring.boxShadow !== "none",
    inArticle: !!el.closest("article"),
    inSearch: !!el.closest(".md-search"),
    inDrawer: !!el.closest(".md-sidebar--primary"),
    searchOpen: document.getElementById("__search").checked,
    drawerOpen: document.getElementById("__drawer").checked,
  };
}"""

SETTLED = "() => document.getAnimations().every(a => a.playState !== 'running')"


def theme_url(site) -> str:
    return pages.url_of(pages.path_of(site.mappings[0].themes[0]))


def press(page, key: str) -> dict | None:
    """Press `key`; once transitions (drawer, search panel) have come to rest, what has focus."""
    page.keyboard.press(key)
    page.wait_for_function(SETTLED)
    return page.evaluate(FOCUS)


def problems(stop: dict, width: int) -> list[str]:
    found = []
    if stop["width"] < 1 or stop["height"] < 1:
        found.append("har ingen størrelse")
    if (
        stop["left"] < -0.5
        or stop["top"] < -0.5
        or stop["right"] > width + 0.5
        or stop["bottom"] > HEIGHT + 0.5
    ):
        found.append(f"ligger uden for skærmen ({stop['left']:.0f}, {stop['top']:.0f})")
    if not stop["shown"]:
        found.append("er skjult")
    if not stop["unobscured"]:
        found.append("er dækket af noget andet")
    if not stop["ring"]:
        found.append("har ingen synlig fokusmarkering")
    if stop["searchOpen"] and not stop["inSearch"]:
        found.append("søgningen står stadig åben")
    if stop["drawerOpen"] and not stop["inDrawer"]:
        found.append("menuen står stadig åben")
    return found


def tab_through(page, stops: int, width: int) -> list[str]:
    report = []
    for n in range(1, stops + 1):
        stop = press(page, "Tab")
        if stop is None:  # past the page's last link: the browser's own controls
            break
        report += [f"Tab {n}: {stop['what']} {p}" for p in problems(stop, width)]
    return report


@pytest.mark.parametrize("width", WIDTHS)
def test_every_tab_stop_on_a_theme_page_is_in_view_with_a_focus_ring(new_page, served_site, real_site, width):
    page = new_page(viewport={"width": width, "height": HEIGHT})
    page.goto(served_site.url(theme_url(real_site)))
    assert tab_through(page, STOPS, width) == []


@pytest.mark.parametrize("width", WIDTHS)
def test_the_search_closes_when_focus_moves_on(new_page, served_site, real_site, width):
    page = new_page(viewport={"width": width, "height": HEIGHT})
    page.goto(served_site.url(theme_url(real_site)))
    page.keyboard.press("/")  # opens the search, focus in the box (also on a phone)
    page.wait_for_function("() => document.activeElement.classList.contains('md-search__input')")
    page.keyboard.type("recovery")
    page.wait_for_function(
        "() => document.querySelector('.md-search-result').getAttribute('data-query') === 'recovery'"
    )
    results = page.locator(".md-search-result__list a, .md-search-result__list button").count()
    assert results > 1
    report = []
    left = None
    for n in range(1, results + 4):  # the reset button, every result, and on out of the search
        stop = press(page, "Tab")
        assert stop is not None
        report += [f"Tab {n}: {stop['what']} {p}" for p in problems(stop, width)]
        if not stop["inSearch"]:
            left = stop
            break
    assert report == []
    assert left is not None, "Tab kom aldrig ud af søgningen"
    assert not left["searchOpen"]
    assert not page.locator(".md-search__output").is_visible() or width < 960
    # Shift+Tab goes back to something in view (the box, or on a phone the search button),
    # never to a result of the closed search.
    stop = press(page, "Shift+Tab")
    assert not problems(stop, width), (stop["what"], problems(stop, width))


@pytest.mark.parametrize("width", WIDTHS)
def test_the_articles_first_link_is_a_few_tab_stops_away(new_page, served_site, real_site, width):
    page = new_page(viewport={"width": width, "height": HEIGHT})
    page.goto(served_site.url(theme_url(real_site)))
    # Material's skip link is the first stop; it jumps past header and menu.
    stop = press(page, "Tab")
    assert "md-skip" in stop["what"]
    assert not problems(stop, width)
    page.keyboard.press("Enter")
    for _ in range(3):
        stop = press(page, "Tab")
        if stop and stop["inArticle"]:
            break
    assert stop and stop["inArticle"], "efter 'Gå til indholdet' nåede tre Tab ikke artiklen"
    assert not problems(stop, width)


def test_on_a_phone_the_article_comes_right_after_the_header(new_page, served_site, real_site):
    page = new_page(viewport={"width": 360, "height": HEIGHT})
    page.goto(served_site.url(theme_url(real_site)))
    # Skip link, menu, palette, search button: then the article (not the closed menu's links).
    stops = [press(page, "Tab") for _ in range(5)]
    assert stops[-1] and stops[-1]["inArticle"], [s and s["what"] for s in stops]


def test_on_a_phone_the_menu_opens_and_closes_from_the_keyboard(new_page, served_site, real_site):
    page = new_page(viewport={"width": 360, "height": HEIGHT})
    page.goto(served_site.url(theme_url(real_site)))
    menu = page.get_by_role("button", name="Menu")
    assert menu.get_attribute("aria-expanded") == "false"
    menu.focus()
    stop = press(page, "Enter")
    assert menu.get_attribute("aria-expanded") == "true"
    assert stop["inDrawer"] and not problems(stop, 360), stop
    links_in_drawer = 0
    for n in range(1, 40):
        if not problems(stop, 360) and stop["inDrawer"]:
            links_in_drawer += 1
        else:
            assert not stop["inDrawer"], (n, stop["what"], problems(stop, 360))
            break
        stop = press(page, "Tab")
    assert links_in_drawer >= 5  # the mapping's themes
    # Tab past the drawer's last link closes it; focus goes on to the article.
    assert not stop["drawerOpen"] and not stop["inDrawer"]
    assert not problems(stop, 360)
    # Escape closes the open drawer and gives focus back to the menu button.
    menu.focus()
    press(page, "Space")
    assert page.evaluate("document.getElementById('__drawer').checked")
    stop = press(page, "Escape")
    assert not stop["drawerOpen"]
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Menu"


def test_the_palette_switch_works_from_the_keyboard(new_page, served_site):
    page = new_page(viewport={"width": 1280, "height": HEIGHT})
    page.goto(served_site.url())
    scheme = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    for _ in range(5):
        stop = press(page, "Tab")
        if "md-option" in stop["what"]:
            break
    assert "md-option" in stop["what"] and not problems(stop, 1280), stop
    stop = press(page, "Enter")
    assert not problems(stop, 1280)
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") != scheme


def test_the_sites_name_is_shown_whole_in_a_phones_header(new_page, served_site):
    page = new_page(viewport={"width": 360, "height": HEIGHT})
    page.goto(served_site.url())
    name = page.locator(".md-header__topic:first-child .md-ellipsis")
    box = name.evaluate(
        "e => ({text: e.textContent.trim(), sw: e.scrollWidth, cw: e.clientWidth, sh: e.scrollHeight,"
        " ch: e.clientHeight, bottom: e.getBoundingClientRect().bottom,"
        " header: document.querySelector('.md-header').getBoundingClientRect().bottom})"
    )
    assert box["text"] == "Kvalitet i socialpsykiatrien"
    assert box["sw"] <= box["cw"] and box["sh"] <= box["ch"], box  # not cut off, no ellipsis
    assert box["bottom"] <= box["header"], box


# Words split over two lines inside an element (a "beskæftigel|se"): a word whose text has more
# than one line box. A hyphen or slash may end a line; so each part between them is a word.
BROKEN_WORDS = """root => {
  const broken = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const m of node.data.matchAll(/[^\\s\\-\\/\\u00ad]+/g)) {
      const range = document.createRange();
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
      const lefts = new Set([...range.getClientRects()].map(r => Math.round(r.left)));
      if (tops.size > 1 && lefts.size > 1) broken.push(m[0]);
    }
  }
  return broken;
}"""


@pytest.mark.parametrize("width", WIDTHS)
def test_the_coverage_table_keeps_words_whole_and_its_columns_in_reach(new_page, served_site, width):
    page = new_page(viewport={"width": width, "height": HEIGHT})
    page.goto(served_site.url(pages.url_of(pages.COVERAGE)))
    tables = page.locator(".vive-daekning table")
    assert tables.count() == 2  # one per mapping
    for i in range(tables.count()):
        table = tables.nth(i)
        assert table.evaluate(BROKEN_WORDS) == []
        wrap = table.evaluate(
            "t => { const w = t.closest('.md-typeset__scrollwrap');"
            " return {cw: w.clientWidth, sw: w.scrollWidth, overflow: getComputedStyle(w).overflowX}; }"
        )
        if width >= 1280:
            assert wrap["sw"] <= wrap["cw"], wrap  # every column in view
        else:
            assert wrap["overflow"] == "auto", wrap  # the table scrolls …
    assert page.evaluate("document.documentElement.scrollWidth") <= width  # … the page does not


# Is a question's ¶ on another line than the last word before it?
PERMALINK_ALONE = """a => {
  const range = document.createRange();
  range.selectNodeContents(a.previousSibling);
  const rects = [...range.getClientRects()];
  return Math.abs(rects[rects.length - 1].top - a.getBoundingClientRect().top) > 2;
}"""


@pytest.mark.parametrize("width", WIDTHS)
def test_a_questions_permalink_stays_on_the_line_of_its_last_word(new_page, served_site, real_site, width):
    theme = next(t for t in real_site.themes.values() if t.model.refleksionsspoergsmaal)
    page = new_page(viewport={"width": width, "height": HEIGHT})
    page.goto(served_site.url(pages.url_of(pages.path_of(theme))))
    links = page.locator("a.vive-permalink")
    assert links.count() == len(theme.model.refleksionsspoergsmaal)
    alone = links.evaluate_all(f"links => links.filter({PERMALINK_ALONE}).map(a => a.getAttribute('href'))")
    assert alone == []
    # Every line width a phone or a zoom may give: narrow the first question px by px, so its
    # last word meets the end of the line at some width.
    widths = links.first.evaluate(
        f"""a => {{
          const alone = {PERMALINK_ALONE};
          const item = a.closest("li"), found = [];
          for (let w = item.clientWidth; w >= 120; w -= 2) {{
            item.style.width = w + "px";
            if (alone(a)) found.push(w);
          }}
          item.style.width = "";
          return found;
        }}"""
    )
    assert widths == []
