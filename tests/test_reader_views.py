"""Decisions of the views a reader meets, in-process (issue 27): titles, the finder's reasons."""

from __future__ import annotations

from generator.render.views.case import finder_view
from generator.render.views.perspective import across_themes


def test_a_perspective_across_the_themes_says_so_once():
    assert across_themes("Borgernes perspektiv") == "Borgernes perspektiv på tværs af temaerne"
    assert (
        across_themes("Erfaringer på tværs af kommunerne")
        == "Erfaringer på tværs af kommunerne, tema for tema"
    )
    assert across_themes("Viden på tværs").count("på tværs") == 1


def test_the_finder_knows_each_themes_and_each_cases_mapping(real_site):
    view = finder_view(real_site)
    assert [g.mapping for g in view.theme_groups] == [m.id for m in real_site.mappings]
    assert [g.mapping_name for g in view.theme_groups] == [
        m.model.kort_navn.lower() for m in real_site.mappings
    ]
    by_name = {c.model.navn: c for c in real_site.cases.values()}
    for row in view.rows:
        assert row.kortlaegning == by_name[row.name].mapping.id


def test_the_ways_in_are_each_mappings_themes_and_the_finder(real_site):
    from generator.render import pages
    from generator.render.plan import ways_in

    ways = ways_in(real_site)
    assert [w["url"] for w in ways] == [pages.url_of(pages.path_of(m)) for m in real_site.mappings] + [
        pages.url_of(pages.CASES_INDEX)
    ]
    for way, mapping in zip(ways, real_site.mappings, strict=False):
        assert [t["url"] for t in way["temaer"]] == [pages.url_of(pages.path_of(t)) for t in mapping.themes]
        assert way["tekst"] == f"{len(mapping.themes)} temaer om {mapping.model.kort_navn.lower()}"


def test_only_a_perspective_page_without_any_theme_is_marked_empty_for_the_search(real_site):
    from generator.render.views.perspective import EMPTY_NOTE, perspective

    marked = {p.id for p in real_site.perspectives.values() if perspective(real_site, p).search_note}
    expected = {p.id for p in real_site.perspectives.values() if all(a.ikke_gengivet for _, a in p.sections)}
    assert marked == expected and marked  # the real content has such pages, and pages with content
    assert marked != set(real_site.perspectives)
    assert "," not in EMPTY_NOTE  # Pagefind's meta attribute separates values with commas


def test_the_kort_fortalt_limit_is_whole_lines_and_shrinks_with_the_title_and_questions(real_site):
    from generator.render.views.theme import _HANDOUT_LINE, kort_fortalt_limit

    theme = next(iter(real_site.themes.values())).model
    limit = kort_fortalt_limit(theme)
    assert limit % _HANDOUT_LINE == 0 and limit > 3 * len(theme.kort_fortalt.tekst)
    longer_title = theme.model_copy(update={"titel": theme.titel + " og meget mere end det" * 4})
    assert kort_fortalt_limit(longer_title) < limit
    more = theme.model_copy(update={"refleksionsspoergsmaal": [*theme.refleksionsspoergsmaal] * 2})
    assert kort_fortalt_limit(more) < limit


def test_a_kort_fortalt_over_its_limit_is_a_content_error_at_the_field(minimal_copy):
    import pytest

    from generator import load_site
    from generator.errors import ContentErrors
    from generator.render.views.theme import kort_fortalt_limit

    site = load_site(minimal_copy)
    theme = site.themes["fleksibel"]
    limit = kort_fortalt_limit(theme.model)
    path = minimal_copy / "temaer" / "01-fleksibel.yaml"
    text = path.read_text(encoding="utf-8")
    old = theme.model.kort_fortalt.tekst
    path.write_text(text.replace(old, "Ord " * (limit // 4) + "x" * (limit % 4)), encoding="utf-8")
    load_site(minimal_copy)  # exactly at the limit: valid
    path.write_text(text.replace(old, "Ord " * (limit // 4) + "x" * (limit % 4 + 1)), encoding="utf-8")
    with pytest.raises(ContentErrors) as raised:
        load_site(minimal_copy)
    [error] = raised.value.errors
    assert error.field == "kort_fortalt.tekst" and f"højst {limit} tegn" in error.message
