"""Decisions of the views a reader meets, in-process (issue 27): titles, the finder's reasons."""

from __future__ import annotations

from generator.site.views.case import finder_view
from generator.site.views.perspective import across_themes


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
    from generator.site import pages
    from generator.site.render import ways_in

    ways = ways_in(real_site)
    assert [w["url"] for w in ways] == [pages.url_of(pages.path_of(m)) for m in real_site.mappings] + [
        pages.url_of(pages.CASES_INDEX)
    ]
    for way, mapping in zip(ways, real_site.mappings, strict=False):
        assert [t["url"] for t in way["temaer"]] == [pages.url_of(pages.path_of(t)) for t in mapping.themes]
        assert way["tekst"] == f"{len(mapping.themes)} temaer om {mapping.model.kort_navn.lower()}"


def test_only_a_perspective_page_without_any_theme_is_marked_empty_for_the_search(real_site):
    from generator.site.views.perspective import EMPTY_NOTE, perspective

    marked = {p.id for p in real_site.perspectives.values() if perspective(real_site, p).search_note}
    expected = {p.id for p in real_site.perspectives.values() if all(a.ikke_gengivet for _, a in p.sections)}
    assert marked == expected and marked  # the real content has such pages, and pages with content
    assert marked != set(real_site.perspectives)
    assert "," not in EMPTY_NOTE  # Pagefind's meta attribute separates values with commas
