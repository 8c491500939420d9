"""The print kit from the YAML: question cards hold every question of their mapping."""

from __future__ import annotations

from generator import generate, load_site
from generator.render import pages
from generator.render.templating import render
from generator.render.views.theme import CARDS_PER_SHEET

from .conftest import project_converter

QUESTION = "Hvilken lille ændring kunne vi prøve allerede i næste uge?"


def test_a_question_added_in_yaml_appears_on_its_card_and_in_the_handout(minimal_copy):
    theme_file = minimal_copy / "temaer" / "01-fleksibel.yaml"
    text = theme_file.read_text(encoding="utf-8")
    assert "refleksionsspoergsmaal:\n" in text
    text = text.replace(
        "refleksionsspoergsmaal:\n",
        f"refleksionsspoergsmaal:\n  - id: spm-ny-aendring\n    spoergsmaal: {QUESTION}\n",
    )
    theme_file.write_text(text, encoding="utf-8")
    files = generate(minimal_copy, site_url="https://eksempel.dk/").files
    cards = files["bostoette/spoergsmaalskort.md"]
    card = cards.split(QUESTION, 1)[1].split('<div class="vive-kort" markdown>', 1)[0]  # its card
    assert "Tema 1. [En fleksibel indsats](fleksibel.md)" in card
    assert "eksempel.dk/bostoette/fleksibel/" in card.replace("<wbr>", "")  # breaks only after / and -
    assert "eksempel.dk/<wbr>bostoette/<wbr>fleksibel/" in card
    handout = files["bostoette/fleksibel.md"].split('class="vive-handout"', 1)[1]
    assert QUESTION in handout


def test_cards_fill_sheets_of_eight_after_the_guide_card(minimal_copy):
    site = load_site(minimal_copy)
    cards = render(site, project_converter()).files[pages.cards_path(site.mappings[0])]
    sheets = cards.count('<div class="vive-kortark')
    questions = cards.count('<div class="vive-kort" markdown>')
    assert cards.count("vive-kort--guide") == 1
    assert sheets == -(-(questions + 1) // CARDS_PER_SHEET)
    assert "__qr" not in cards and "vive-kort__url" not in cards  # no address: none printed
