"""Headings on a phone (issue 27.5): at 360 px a long Danish word in a heading breaks only at a
Danish hyphenation point, with a hyphen; measured in the laid-out page, every page of the site."""

from __future__ import annotations

from .test_accessibility import every_page

# Each place a heading's text wraps: the characters on either side of the break.
BREAKS = """els => els.flatMap(el => {
  const chars = [];
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  for (let node; (node = walker.nextNode()); ) {
    if (node.parentElement.closest('.headerlink')) continue;
    for (let i = 0; i < node.length; i++) {
      const r = document.createRange(); r.setStart(node, i); r.setEnd(node, i + 1);
      // A character just after a break may also get an empty box at the end of the line before.
      const box = [...r.getClientRects()].filter(b => b.width > 0).pop();
      // A space where a line ends has no box: it still stands between the words.
      if (box) chars.push([node.data[i], box.top]);
      else if (/\\s/.test(node.data[i]) && chars.length) chars.push([" ", chars[chars.length - 1][1]]);
    }
  }
  const out = [];
  for (let i = 1; i < chars.length; i++)
    if (chars[i][1] > chars[i - 1][1] + 2) out.push([el.innerText, chars[i - 1][0], chars[i][0]]);
  return out;
})"""


def test_a_heading_word_breaks_only_at_a_hyphenation_point_with_a_hyphen(new_page, served_site):
    page = new_page(viewport={"width": 360, "height": 740})
    wrapped, bad = 0, []
    for path in every_page(served_site.root):
        page.goto(served_site.url(path))
        for heading, before, after in page.locator("article :is(h1, h2, h3)").evaluate_all(BREAKS):
            mid_word = before.isalpha() and after.isalpha()
            wrapped += before == "\u00ad"
            if mid_word:
                bad.append(f"/{path}: {heading!r} brudt mellem {before!r} og {after!r} uden bindestreg")
    assert bad == []
    assert wrapped >= 2  # long words did wrap, at their hyphenation points (the test saw some)


def test_the_hyphenation_points_are_danish(page, served_site):
    """The pages the issue names: the break falls between the parts of the compound."""
    page.set_viewport_size({"width": 360, "height": 740})
    for path, word in (
        ("tilgaengelighedserklaering/", "Tilgængelighedserklæring"),
        ("perspektiver/botilbudsleder/", "Botilbudslederperspektivet"),
    ):
        page.goto(served_site.url(path))
        h1 = page.locator("article h1")
        text = h1.evaluate("e => e.textContent")
        assert word.replace("", "") in text.replace("\u00ad", ""), text
        assert "\u00ad" in text  # it has break points …
        assert page.evaluate("document.documentElement.scrollWidth") <= 360  # … and fits the phone
