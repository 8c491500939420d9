"""The theme page, its handout and the question cards print one view of a theme (issue 21).

A fact added to the theme's view in one place reaches every output it is meant for, so no
output can fall behind the others as the handout's own title block once did.
"""

from __future__ import annotations

import pytest

from generator import generate
from generator.render.views import theme as TV

from .conftest import MINIMAL

HANDOUT = '<div class="vive-handout"'


@pytest.fixture
def with_new_fact(monkeypatch: pytest.MonkeyPatch):
    """The theme's facts with one more, as an editor's new field would add it."""
    facts = TV.facts

    def more(theme):
        return [
            *facts(theme),
            TV.Fact("Målgruppe", f"Prøveværdi for tema {theme.model.nummer}", on_cards=True),
        ]

    monkeypatch.setattr(TV, "facts", more)


def _theme_and_cards(files: dict[str, str]) -> tuple[str, str]:
    """Theme 1 of the minimal mapping and its mapping's question cards."""
    return files["bostoette/fleksibel.md"], files["bostoette/spoergsmaalskort.md"]


def test_a_new_fact_shows_on_the_page_the_handout_and_every_card(with_new_fact):
    files = generate(MINIMAL, site_url="https://eksempel.dk/").files
    page, cards = _theme_and_cards(files)
    screen, handout = page.split(HANDOUT)
    assert "**Målgruppe:** Prøveværdi for tema 1</span>" in screen
    assert " · **Målgruppe:** Prøveværdi for tema 1\n{: .vive-handout__dato }" in handout
    questions = cards.count('<div class="vive-kort" markdown>')  # the guide card has no theme
    assert questions > 0
    assert (
        cards.count("{: .vive-kort__fakta }")
        == cards.count("**Målgruppe:** Prøveværdi for tema")
        == questions
    )
    assert "**Målgruppe:** Prøveværdi for tema 1\n{: .vive-kort__fakta }" in cards


def test_a_fact_shows_only_where_it_is_meant_to(monkeypatch: pytest.MonkeyPatch):
    facts = TV.facts
    monkeypatch.setattr(TV, "facts", lambda t: [*facts(t), TV.Fact("Kun på papir", "x", on_page=False)])
    page, cards = _theme_and_cards(generate(MINIMAL).files)
    screen, handout = page.split(HANDOUT)
    assert "Kun på papir" in handout
    assert "Kun på papir" not in screen and "Kun på papir" not in cards


def test_the_review_is_a_fact_of_the_page_and_the_handout_not_the_cards():
    page, cards = _theme_and_cards(generate(MINIMAL).files)
    screen, handout = page.split(HANDOUT)
    for part in (screen, handout):
        assert "**Fagligt gennemgået:**" in part
    assert "Fagligt gennemgået" not in cards
