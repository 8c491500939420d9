"""The views' decisions, in-process, on the real content (generator/render/views/): what a page
offers, counts, names as unknown and groups under one basis. Each is checked against the YAML,
not against the generator's own figures. The pages the templates make of them are checked in
tests/test_reader_promises.py (every built page) and, for what only a browser shows, tests/browser/.
"""

from __future__ import annotations

import pytest

from generator.content.model import GRUNDLAG_LABELS, ROLLE_LABELS, Grundlag, Rolle
from generator.render import pages as P
from generator.render.views import common as V
from generator.render.views.case import case_view, finder_view
from generator.render.views.mapping import mapping, matrix
from generator.render.views.perspective import perspective, perspectives
from generator.render.views.theme import QUESTIONS_BASIS, theme_view


def shown(perspective) -> int:
    """The themes a perspective is written out for, from the YAML (not from the generator)."""
    return sum(1 for _, afsnit in perspective.sections if afsnit.blokke)


# --- perspectives: offered only with content, and with how much ---------------------------------


def test_the_overview_offers_each_mappings_perspectives_with_content_and_names_the_rest(real_site):
    view = perspectives(real_site)
    assert [m.name for m in view.mappings] == [m.model.kort_navn for m in real_site.mappings]
    for mview, node in zip(view.mappings, real_site.mappings, strict=True):
        assert [f.target for f in mview.followable] == [p for p in node.perspectives if shown(p)]
        for link in mview.followable:
            assert link.counts.startswith(f"{shown(link.target)} af {len(node.themes)} temaer"), link.counts
        for persp in node.perspectives:
            if not shown(persp):
                assert persp.model.navn in mview.rest, persp.id
        assert mview.publication.url == node.source.url
    everything = list(real_site.perspectives.values())
    assert 0 < sum(1 for p in everything if shown(p)) < len(everything)  # the content has both kinds


def test_a_mapping_offers_only_its_perspectives_with_content(real_site):
    for node in real_site.mappings:
        view = mapping(real_site, node)
        assert [f.target for f in view.followable] == [p for p in node.perspectives if shown(p)]
        for link in view.followable:
            assert link.counts.startswith(f"{shown(link.target)} af {len(node.themes)} temaer")


def test_a_theme_section_links_across_the_themes_only_where_there_is_more_than_this_theme(real_site):
    linked = 0
    for theme in real_site.themes.values():
        for section in theme_view(real_site, theme).sections:
            if section.across is None:
                continue
            persp = section.across.target
            assert shown(persp) > 1, (theme.id, persp.id)  # never a promise of only this theme
            assert (section.across.shown, section.across.total) == (shown(persp), len(theme.mapping.themes))
            linked += 1
    assert linked


def test_an_empty_perspective_lists_every_theme_on_its_anchor_and_the_perspectives_to_follow(real_site):
    checked = 0
    for persp in real_site.perspectives.values():
        view = perspective(real_site, persp)
        assert view.none_shown == (not shown(persp)), persp.id
        if shown(persp):
            assert view.others == () and view.search_note == ""
            continue
        assert [(r.target, r.anchor) for r in view.empty] == [(t, t.id) for t, _ in persp.sections]
        assert [f.target for f in view.others] == [p for p in persp.mapping.perspectives if shown(p)]
        assert view.publication.url == persp.mapping.source.url
        assert view.sections == () and view.search_note
        checked += 1
    assert checked


# --- case pages: what they have first, the unknown once ------------------------------------------


def _expects_unknown(case) -> bool:
    c = case.model
    missing_facts = not (c.kommune and c.region and c.lovgrundlag)
    own_site = any(b.grundlag is Grundlag.casens_hjemmeside for b in c.beskrivelse)
    return missing_facts or not case.themes or bool(c.praksiseksempler) or not c.beskrivelse or own_site


def test_a_case_names_what_the_sources_do_not_say_once_and_only_when_something_is_unknown(real_site):
    with_box = 0
    for case in real_site.cases.values():
        view = case_view(real_site, case)
        assert bool(view.unknown) == _expects_unknown(case), case.id
        assert [f.label for f in view.facts] == ["Type"] + [
            label
            for label, value in (
                ("Kommune", case.model.kommune),
                ("Region", case.model.region),
                ("Lovgrundlag", case.model.lovgrundlag),
            )
            if value
        ]  # only what is known: no "ikke oplyst" among the facts
        anchors = [u.anchor for u in view.unknown if u.anchor]
        assert len(anchors) == len(set(anchors))
        if not case.themes:  # the old deep link #temaer lands on the line that says so
            assert "temaer" in anchors, case.id
        if not case.model.beskrivelse:
            assert "om-casen" in anchors, case.id
        with_box += bool(view.unknown)
        assert view.publication.url == case.mapping.source.url
    assert with_box  # the real content has cases whose sources leave something out


def test_vista_hus_knows_only_its_type_and_has_its_practice_example(real_site):
    view = case_view(real_site, real_site.cases["vista-hus"])
    assert [f.label for f in view.facts] == ["Type"]
    assert [e.anchor for e in view.examples] == [
        P.example_anchor(ex.titel) for ex in real_site.cases["vista-hus"].model.praksiseksempler
    ]
    assert view.unknown


def test_an_in_depth_case_says_its_description_is_in_the_publication(real_site):
    checked = 0
    for case in real_site.cases.values():
        roles = {t.id: ref.rolle for t, ref in case.themes}
        for line in case_view(real_site, case).themes:
            assert line.elsewhere == (roles[line.theme.target.id] is Rolle.dybdegaaende)
            checked += line.elsewhere
    assert checked


# --- one basis, told once --------------------------------------------------------------------------


def test_consecutive_blocks_on_one_basis_and_sources_are_one_run():
    a = V.PlainBlock("a", Grundlag.kortlaegning, ["k"])
    b = V.PlainBlock("b", Grundlag.kortlaegning, ["k"])
    c = V.PlainBlock("c", Grundlag.redaktionel, [])
    d = V.PlainBlock("d", Grundlag.kortlaegning, ["k", "l"])

    class Site:
        sources = {"k": type("K", (), {"titel": "K"}), "l": type("L", (), {"titel": "L"})}

    runs = V.runs(Site, [a, b, c, d])  # type: ignore[arg-type]
    assert [r.texts for r in runs] == [("a", "b"), ("c",), ("d",)]
    labels = [
        GRUNDLAG_LABELS[g] for g in (Grundlag.kortlaegning, Grundlag.redaktionel, Grundlag.kortlaegning)
    ]
    assert [r.basis.label for r in runs] == labels
    assert [s.anchor for s in runs[2].basis.sources] == ["k", "l"]  # other sources: a run of its own


def test_no_two_runs_in_a_row_on_a_page_share_a_basis(real_site):
    def pairs(runs):
        return zip(runs, runs[1:], strict=False)

    for theme in real_site.themes.values():
        view = theme_view(real_site, theme)
        for part in (view.summary, view.overview, view.background, *(s.runs for s in view.sections)):
            assert all(one.basis != two.basis for one, two in pairs(part)), theme.id
        # The questions and the guide are both the editors': the guide's one label says so.
        assert "spørgsmålene og vejledningen" in view.meeting.basis.label or not view.questions
        assert QUESTIONS_BASIS.css == Grundlag.redaktionel.value
    for case in real_site.cases.values():
        view = case_view(real_site, case)
        assert all(one.basis != two.basis for one, two in pairs(view.about)), case.id


# --- the case finder and the theme × case table --------------------------------------------------


def test_every_theme_choice_in_the_finder_says_how_many_cases_it_finds(real_site):
    view = finder_view(real_site)
    options = {o.value: o for g in view.theme_groups for o in g.options}
    assert set(options) == set(real_site.themes)
    for theme in real_site.themes.values():
        n = len({c.id for c, _ in theme.cases})
        assert options[theme.id].suffix == (f" ({n} case)" if n == 1 else f" ({n} cases)")
    assert {u.id for u in view.untracked} == {t.id for t in real_site.themes.values() if not t.cases}
    assert all(u.publication.url == real_site.themes[u.id].mapping.source.url for u in view.untracked)


def test_finder_rows_say_their_themes_only_when_they_have_some_and_the_gap_once(real_site):
    view = finder_view(real_site)
    assert len(view.rows) == len(real_site.cases)
    by_name = {c.model.navn: c for c in real_site.cases.values()}
    for row in view.rows:
        case = by_name[row.name]
        n = len(case.themes)
        if n:
            assert f"{n} {'tema' if n == 1 else 'temaer'}" in row.facts, row.facts
        else:
            assert "tema" not in row.facts and "ikke oplyst" not in row.facts.lower(), row.facts
    without = sum(1 for c in real_site.cases.values() if not c.themes)
    assert without and view.without_themes is not None
    assert str(without) in view.without_themes.lead


@pytest.mark.parametrize(("rolle", "shape"), [(Rolle.dybdegaaende, "●"), (Rolle.supplerende, "○")])
def test_roles_are_told_apart_by_shape_and_words_not_colour(real_site, rolle, shape):
    node = next(m for m in real_site.mappings if any(t.cases for t in m.themes))
    marks = [cell for row in matrix(node).rows for cell in row.cells if cell and cell.css == rolle.value]
    assert len(marks) == sum(ref.rolle is rolle for t in node.themes for _, ref in t.cases) > 0
    assert {(m.symbol, m.words) for m in marks} == {(shape, ROLLE_LABELS[rolle])}


def test_a_theme_names_the_perspectives_it_does_not_reproduce_in_one_box_on_their_anchors(real_site):
    with_box = 0
    for theme in real_site.themes.values():
        view = theme_view(real_site, theme)
        missing = [p for p, a in theme.sections if a.ikke_gengivet]
        if not missing:
            assert view.missing is None, theme.id
            continue
        assert view.missing is not None and view.missing.parts == tuple((p.model.navn, p.id) for p in missing)
        assert view.missing.what == ("denne del" if len(missing) == 1 else "disse dele")
        assert {s.anchor for s in view.sections}.isdisjoint(p.id for p in missing)  # no heading for them
        with_box += 1
    assert with_box
