"""Text pasted decomposed is the same text (issue 25, item 7).

macOS and many PDFs give "å" as "a" followed by a combining ring (NFD). To a reader it is the same
word; to a pattern, a comparison, a sort or the search it was not: a search word "måltider" pasted
so was refused as "not letters". Every text is composed (NFC) before a field sees it
(model.Strict), as slugs are (slugs.slugify), and the search words' letter rule counts a
combining mark as part of its letter.
"""

from __future__ import annotations

import json
import re
import unicodedata

import jsonschema
import pytest

from generator import load_site
from generator.content import model
from generator.editors.schema import schema_path

from .conftest import DATA


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def test_a_search_word_pasted_decomposed_is_letters_and_composed():
    word = nfd("måltider")
    assert len(word) == len("måltider") + 1  # "a" and a combining ring
    assert model._search_word(word) == "måltider"
    assert model._search_word(nfd("Børn og Æbler-høst")) == "børn og æbler-høst"


def test_a_letter_with_a_mark_unicode_has_no_composed_form_for_is_letters():
    assert model._search_word("q\u0303uux") == "q\u0303uux"
    for not_words in ["\u0303a", "a_b", "a!b", "a  b", "a--b", " ", "a \u0303"]:
        with pytest.raises(ValueError):
            model._search_word(not_words)


def test_every_text_of_a_file_is_composed_when_loaded(minimal_copy):
    theme = minimal_copy / "temaer" / "01-fleksibel.yaml"
    text = theme.read_text(encoding="utf-8")
    text = text.replace("titel: En fleksibel indsats", f"titel: {nfd('Fleksibel støtte på åbne tider')}")
    text += f"soegeord: [{nfd('måltider')}, {nfd('åbent hus')}]\n"
    theme.write_text(text, encoding="utf-8")
    case = minimal_copy / "cases" / "aaby.yaml"
    case.write_text(
        case.read_text(encoding="utf-8").replace("Åby Kommune", nfd("Åby Kommune")), encoding="utf-8"
    )
    site = load_site(minimal_copy)
    loaded = site.themes["fleksibel"].model
    assert loaded.titel == "Fleksibel støtte på åbne tider"
    assert loaded.soegeord == ["måltider", "åbent hus"]
    assert site.cases["aaby"].model.navn == "Åby Kommune"
    assert loaded.kort_fortalt.tekst == unicodedata.normalize("NFC", loaded.kort_fortalt.tekst)


def test_the_editors_schema_takes_any_letter_as_its_validator_reads_it():
    """An editor's YAML extension checks the schema's pattern with its own engine: ECMA-262 reads
    \\w as ASCII only, so the pattern names what is not a letter instead (no \\w, \\W, \\d)."""
    schema = json.loads(schema_path(DATA, "temaer").read_text(encoding="utf-8"))
    pattern = json.dumps(schema).split('"soegeord"', 1)[1]
    pattern = re.search(r'"pattern": "((?:[^"\\]|\\.)*)"', pattern).group(1)
    pattern = json.loads(f'"{pattern}"')
    assert not re.search(r"\\[wWdD]", pattern), pattern
    check = jsonschema.Draft202012Validator({"type": "string", "pattern": pattern})
    for word in ["måltider", nfd("måltider"), "Æbler-høst", "job og arbejde", "ADHD", "24-timers"]:
        assert check.is_valid(word), word
    for not_word in ["a_b", "a!b", "a  b", "-a", "a-", "<b>", "a\nb"]:
        assert not check.is_valid(not_word), not_word


@pytest.mark.build
def test_a_hand_written_page_pasted_decomposed_is_published_composed(tmp_path, minimal_copy):
    """content/ pages are not YAML: the plugin composes their text, so a reader's query (typed
    composed) and the search's index read the same word."""
    from .conftest import build_site
    from .pagefind_bundle import fragments
    from .sitecopy import minimal_docs, write_config

    docs = minimal_docs(tmp_path)
    page = docs / "om-sitet.md"
    page.write_text(
        f"---\ntitle: {nfd('Om åbne måltider')}\n---\n\n# {nfd('Fælles måltider')}\n\n"
        f"{nfd('Vi spiser måltider sammen på Åby.')}\n",
        encoding="utf-8",
    )
    site = build_site(tmp_path / "site", config_file=write_config(tmp_path, minimal_copy, docs))
    html = (site / "om-sitet" / "index.html").read_text(encoding="utf-8")
    assert "Vi spiser måltider sammen på Åby." in html
    assert "<title>Om åbne måltider" in html
    assert nfd("måltider") not in html
    indexed = " ".join(f["content"] for f in fragments(site).values())
    assert "måltider" in indexed and nfd("måltider") not in indexed
