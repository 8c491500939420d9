"""Danish hyphenation points in headings (generator/render/hyphenate.py), in-process."""

from __future__ import annotations

import pytest

from generator.render.hyphenate import MIN_WORD, SOFT_HYPHEN, hyphenate_headings, hyphenate_word


def points(word: str) -> str:
    return hyphenate_word(word).replace(SOFT_HYPHEN, "-")


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("Tilgængelighedserklæring", "Til-gæn-ge-lig-heds-er-klæ-ring"),  # joining s with "hed"
        ("Botilbudslederperspektivet", "Botil-buds-le-der-per-spek-ti-vet"),  # no part of one letter
        ("Kvalitetstemaer", "Kva-li-tets-te-maer"),
        ("socialpsykiatrien", "soci-al-psy-kia-trien"),  # "psyk" whole
        ("Spørgsmålskort", "Spørgs-måls-kort"),
    ],
)
def test_danish_compounds_break_between_their_parts(word, expected):
    assert points(word) == expected


def test_short_words_and_the_edges_of_a_word_are_left_whole():
    assert hyphenate_word("Sundhed") == "Sundhed"
    assert len("Beskæftigelse") >= MIN_WORD
    for word in ("Beskæftigelse", "Tilgængelighedserklæring", "Fagekspertperspektivet"):
        parts = hyphenate_word(word).split(SOFT_HYPHEN)
        assert len(parts[0]) >= 3 and len(parts[-1]) >= 3
        assert "".join(parts) == word


def test_only_heading_text_is_hyphenated_never_attributes_links_or_body_text():
    html = (
        '<h1 id="tilgaengelighedserklaering">Tilgængelighedserklæring</h1>'
        '<h2 id="x" title="Tilgængelighedserklæring">Om '
        '<a href="#x" class="headerlink">Tilgængelighedserklæring</a></h2>'
        "<p>Tilgængelighedserklæring</p><h4>Tilgængelighedserklæring</h4>"
    )
    out = hyphenate_headings(html)
    assert out.count(SOFT_HYPHEN) == 2 * (points("Tilgængelighedserklæring").count("-"))
    assert 'title="Tilgængelighedserklæring"' in out and 'id="tilgaengelighedserklaering"' in out
    assert "<p>Tilgængelighedserklæring</p><h4>Tilgængelighedserklæring</h4>" in out
    assert out.replace(SOFT_HYPHEN, "") == html
