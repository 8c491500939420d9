"""What a reader reads on the perspective and sources pages: no doubled phrase in a title, no
introduction that points back to a text the page does not have, no misspelt word (issue 27.5)."""

from __future__ import annotations

import re

from generator.render import pages


def words(text: str) -> str:
    return " ".join(text.replace("\u00ad", "").split())


# Words that point back to a text before them: an introduction cannot start with one.
POINTING_BACK = re.compile(r"^(Derefter|Dernæst|Herefter|Desuden|Også|Endvidere|Ligeledes)\b")


def test_every_perspective_page_has_a_title_and_an_introduction_that_read_on_their_own(
    page, served_site, real_site
):
    for perspective in real_site.perspectives.values():
        page.goto(served_site.url(pages.url_of(pages.path_of(perspective))))
        h1 = words(page.locator("article h1").inner_text())
        assert perspective.model.navn in h1
        for phrase in ("på tværs af", "på tværs"):
            assert h1.count(phrase) <= 1, h1
        description = page.locator("meta[name=description]").get_attribute("content")
        assert description.count("på tværs af") <= 1, description
        first = words(page.locator("article h1 ~ p:not(.vive-kontekst)").first.inner_text())
        assert not POINTING_BACK.match(first), f"{perspective.id}: {first!r}"


def test_the_sources_page_spells_the_cases_plural(page, served_site):
    page.goto(served_site.url(pages.url_of(pages.SOURCES)))
    text = page.locator("article").inner_text()
    assert "casenes" in text  # a case, the cases: "casene", "casenes"
    assert not re.search(r"\bcaser(ne|nes)\b", text)  # "kaserne": a barracks
