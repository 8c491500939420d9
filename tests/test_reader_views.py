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
