"""Readers meet no empty promises (issue 18), on every built page, read as a browser parses them:
a perspective with no content is not offered as a destination, yet its URL answers; where one is
offered, the reader sees how much it holds; a case page leads with what it has and names what is
unknown once; a basis shared by several blocks is told once; no editors' notes on reader pages.

The decisions are unit-tested on the views (tests/test_views.py); these check every page the
templates make of them. What only a browser shows (visibility at 360 px, order on screen, axe)
is in tests/browser/test_no_empty_promises.py.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.content.model import Rolle
from generator.render import pages

from .built_pages import BuiltPage, before, page_path


def shown(perspective) -> int:
    """The themes a perspective is written out for, from the YAML (not from the generator)."""
    return sum(1 for _, afsnit in perspective.sections if afsnit.blokke)


@pytest.fixture(scope="module")
def page_of(built_site: Path):
    """The built page of a node or a page path, parsed once."""
    cache: dict[str, BuiltPage] = {}

    def get(target) -> BuiltPage:
        url = target if isinstance(target, str) else page_path(target)
        if url not in cache:
            cache[url] = BuiltPage(built_site, url)
        return cache[url]

    return get


def test_the_perspectives_overview_offers_only_perspectives_with_content_and_how_much(page_of, real_site):
    page = page_of("/" + pages.url_of(pages.PERSPECTIVES_INDEX))
    links = page.perspective_links()
    everything = list(real_site.perspectives.values())
    followable = [p for p in everything if shown(p)]
    assert followable and len(followable) < len(everything)  # the real content has both kinds
    assert set(links) == {page_path(p) for p in followable}
    for persp in followable:
        line = links[page_path(persp)]
        assert f"{shown(persp)} af {len(persp.mapping.themes)} temaer" in line, line
    text = page.text()
    for persp in everything:
        if not shown(persp):  # named, so the reader knows it exists, with the publication to read it in
            assert persp.model.navn in text, persp.id
    for mapping in real_site.mappings:
        assert page.count(f'a[href="{mapping.source.url}"]') >= (
            1 if any(not shown(p) for p in mapping.perspectives) else 0
        )


def test_mapping_and_theme_pages_and_the_sidebar_lead_to_no_empty_perspective(page_of, real_site):
    empty = {page_path(p) for p in real_site.perspectives.values() if not shown(p)}
    assert empty
    for mapping in real_site.mappings:
        page = page_of(mapping)
        links = page.perspective_links()
        assert not set(links) & empty, mapping.id
        for persp in mapping.perspectives:
            if shown(persp):
                line = links[page_path(persp)]
                assert f"{shown(persp)} af {len(mapping.themes)} temaer" in line, line
        sidebar = page.tree.css_first(".md-sidebar--primary")
        assert sidebar is not None
        assert not {path for path, _ in page.links(sidebar)} & empty, mapping.id
    by_path = {page_path(p): p for p in real_site.perspectives.values()}
    for theme in real_site.themes.values():
        for path, line in page_of(theme).perspective_links().items():
            assert path not in empty, (theme.id, path)
            persp = by_path[path]
            # A link across themes promises other themes: never one that holds only this one.
            assert shown(persp) > 1, (theme.id, persp.id)
            assert f"{shown(persp)} af {len(theme.mapping.themes)} temaer" in line, line


def test_the_forsides_follow_a_perspective_leads_to_the_overview_with_its_counts(page_of, real_site):
    page = page_of("/")
    assert not page.perspective_links()  # no perspective page offered from the forside itself
    [link] = [a for a in page.article.css("a[href]") if page.text(a) == "Følg ét perspektiv"]
    line = page.text(link.parent if link.parent.tag == "li" else link)
    example = re.search(r"fx (\w+)", line)
    if example:  # the example it names has content to follow
        named = [p for p in real_site.perspectives.values() if example[1][:5].lower() in p.model.navn.lower()]
        assert any(shown(p) for p in named), line
    overview = "/" + pages.url_of(pages.PERSPECTIVES_INDEX)
    assert page.path(link.attributes["href"]) == overview
    assert re.search(r"\d+ af \d+ temaer", page_of(overview).text())


def test_an_empty_perspectives_url_still_answers_with_a_useful_page(page_of, real_site):
    checked = 0
    for persp in real_site.perspectives.values():
        if shown(persp):
            continue
        page = page_of(persp)  # the file is there: a static host answers 200
        h1 = page.article.css_first("h1")
        assert persp.model.navn in page.text(h1)
        assert " ".join(persp.model.beskrivelse.tekst.split()[:5]) in page.text()
        assert page.count(f'a[href="{persp.mapping.source.url}"]') == 1, persp.id
        for theme, _ in persp.sections:  # on to every theme, each on its published anchor
            assert page.count(f'li[id="{theme.id}"] a') == 1, (persp.id, theme.id)
        # … and to the perspectives of its mapping that do have content, with how much.
        others = [p for p in persp.mapping.perspectives if shown(p)]
        assert set(page.perspective_links()) == {page_path(p) for p in others}, persp.id
        checked += 1
    assert checked


def test_a_case_page_leads_with_what_it_has_and_names_the_unknown_once(page_of, real_site):
    for case in real_site.cases.values():
        c = case.model
        page = page_of(case)
        text = page.text()
        assert "Ikke oplyst i kilderne" not in text, case.id
        facts = [page.text(dd) for dd in page.article.css(".vive-noegle dd")]
        assert all("ikke oplyst" not in f.lower() for f in facts), case.id
        unknown = page.article.css(".vive-ukendt")
        missing_facts = not (c.kommune and c.region and c.lovgrundlag)
        own_site = any(b.grundlag.value == "casens-hjemmeside" for b in c.beskrivelse)
        if not (missing_facts or not case.themes or c.praksiseksempler or not c.beskrivelse or own_site):
            assert unknown == [], case.id
            continue
        assert len(unknown) == 1, case.id
        [box] = unknown
        assert text.count("Ikke oplyst") == 1, case.id  # once
        assert page.count(f'a[href="{case.mapping.source.url}"]', box) == 1, case.id
        # After everything the page has: the facts, the text, the practice examples, the themes.
        for section in ("#fakta", "#om-casen", "#praksiseksempler", "h2#temaer"):
            found = page.article.css_first(section)
            if found is not None and box.css_first(section) is None:
                assert before(found, box), (case.id, section)
        if not case.themes:  # the old deep link #temaer lands on the line that says so
            assert page.count("li#temaer", box) == 1, case.id
        for ex in c.praksiseksempler:
            heading = page.article.css_first(f'h3[id="{pages.example_anchor(ex.titel)}"]')
            assert heading is not None, (case.id, ex.titel)
            assert before(heading, box)


def test_a_case_that_describes_a_theme_in_depth_says_the_description_is_in_the_mapping(page_of, real_site):
    checked = 0
    for case in real_site.cases.values():
        deep = [t for t, ref in case.themes if ref.rolle is Rolle.dybdegaaende]
        page = page_of(case)
        for theme in deep:
            lines = [
                li for li in page.article.css("li") if any(p == page_path(theme) for p, _ in page.links(li))
            ]
            assert lines, (case.id, theme.id)
            line = lines[0]
            assert "ikke her på sitet" in page.text(line), (case.id, theme.id)
            assert page.count(f'a[href="{case.mapping.source.url}"]', line) == 1, (case.id, theme.id)
            checked += 1
    assert checked


def repeated_labels(page: BuiltPage) -> list[str]:
    """Two basis labels with the same words and nothing but text between them (no heading, no
    other label): the second repeats the first. The handout is printed only: not read on screen."""
    out, last = [], None
    for el in page.article.css("h1, h2, h3, .vive-grundlag"):
        if _in_handout(el):
            continue
        if "vive-grundlag" not in (el.attributes.get("class") or "").split():
            last = None
            continue
        label = page.text(el)
        if last == label:
            out.append(label)
        last = label
    return out


def _in_handout(node) -> bool:
    here = node
    while here is not None:
        if "vive-handout" in (here.attributes.get("class") or "").split():
            return True
        here = here.parent
    return False


def test_blocks_on_one_basis_share_one_label(page_of, real_site):
    targets = [*real_site.themes.values(), *real_site.cases.values(), *real_site.mappings]
    targets += list(real_site.perspectives.values())
    for target in targets:
        page = page_of(target)
        assert repeated_labels(page) == [], target.id
        # Every block still shows its basis: each paragraph run ends at a label.
        assert [el for el in page.article.css(".vive-grundlag") if not _in_handout(el)], target.id
        if target in real_site.themes.values():  # questions and guide, both the editors': one label
            labels = team_meeting_labels(page)
            assert len(labels) == 1 and "spørgsmålene og vejledningen" in labels[0], (target.id, labels)


def team_meeting_labels(page: BuiltPage) -> list[str]:
    """The labels between the heading #til-teammoedet and the sources (#kilder), on screen."""
    out, inside = [], False
    for el in page.article.css('[id="til-teammoedet"], [id="kilder"], .vive-grundlag'):
        if el.attributes.get("id") == "til-teammoedet":
            inside = True
        elif el.attributes.get("id") == "kilder":
            inside = False
        elif inside and not _in_handout(el):
            out.append(page.text(el))
    return out


def test_the_label_checks_find_a_repeated_label(page_of, real_site, tmp_path):
    """The checks above could fail: a theme page with its last label doubled is caught."""
    theme = next(iter(real_site.themes.values()))
    page = page_of(theme)
    html = page.html
    label = re.findall(r'<p class="vive-grundlag[^"]*">.*?</p>', page.article.html)[0]
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "index.html").write_text(html.replace(label, label + label, 1), encoding="utf-8")
    assert repeated_labels(BuiltPage(tmp_path, "/x/")) != []


def test_no_notes_about_the_sites_own_choices_on_case_pages(page_of, real_site):
    for case in real_site.cases.values():
        if not case.model.praksiseksempler:
            continue
        assert "Overskriften er kortlægningens egen" not in page_of(case).text(), case.id
    sources = page_of("/" + pages.url_of(pages.SOURCES))  # it is said in the list of sources
    assert "overskrifterne på casenes praksiseksempler er kortlægningernes egne" in sources.text()


# --- what a reader meets where the report is not reproduced (was tests/browser/test_theme_layout.py)


def test_a_theme_page_names_what_is_not_reproduced_in_one_box(page_of, real_site):
    for theme in real_site.themes.values():
        missing = [p for p, a in theme.sections if a.ikke_gengivet]
        page = page_of(theme)
        boxes = page.article.css(".vive-ikke-gengivet")
        assert page.count(".vive-mangler") <= 1, theme.id
        if not missing:
            assert boxes == [], theme.id
            continue
        assert len(boxes) == 1, theme.id
        [box] = boxes
        assert page.count(f'a[href="{theme.mapping.source.url}"]', box) == 1, theme.id
        assert [li.attributes.get("id") for li in box.css("li")] == [p.id for p in missing]
        # Near the top: before the first section heading after Kort fortalt.
        cases = page.article.css_first('[id="cases"]')
        assert cases is not None and before(box, cases), theme.id
        for persp in missing:
            assert page.count(f'h2[id="{persp.id}"]') == 0, (theme.id, persp.id)


def test_a_perspective_page_without_content_says_so_once_and_links_on(page_of, real_site):
    empty = [p for p in real_site.perspectives.values() if all(a.ikke_gengivet for _, a in p.sections)]
    assert empty
    for persp in empty:
        page = page_of(persp)
        assert page.count(".vive-mangler") == 1, persp.id
        box = page.article.css_first(".vive-mangler")
        assert page.count(f'a[href="{persp.mapping.source.url}"]', box) == 1
        for theme, _ in persp.sections:  # every theme is one working link on; its anchor stays
            links = box.css(f'li[id="{theme.id}"] a')
            assert len(links) == 1, (persp.id, theme.id)
            assert page.path(links[0].attributes["href"]) == page_path(theme), (persp.id, theme.id)


def test_roles_are_marked_by_shape_and_words_not_colour(page_of, real_site):
    from generator.content.model import ROLLE_LABELS

    mapping = next(m for m in real_site.mappings if any(t.cases for t in m.themes))
    page = page_of("/" + pages.url_of(pages.matrix_path(mapping)))
    refs = [ref for t in mapping.themes for _, ref in t.cases]
    for rolle, shape in ((Rolle.dybdegaaende, "●"), (Rolle.supplerende, "○")):
        marks = page.article.css(f".vive-matrix .vive-rolle--{rolle.value}")
        assert len(marks) == sum(r.rolle is rolle for r in refs) > 0
        for mark in marks:
            assert page.text(mark.css_first("[aria-hidden]")) == shape
            assert page.text(mark.css_first(".vive-sr")) == ROLLE_LABELS[rolle]


def test_key_value_facts_have_no_empty_table_header(page_of, real_site):
    known = next(
        c for c in real_site.cases.values() if c.model.kommune and c.model.region and c.model.lovgrundlag
    )
    for node in [known, real_site.mappings[0]]:  # a case page lists only the facts that are known
        page = page_of(node)
        assert [tr for tr in page.article.css("thead tr") if not page.text(tr)] == []
        assert page.count(".vive-noegle dl dt") >= 4


# --- words a reader reads (was tests/browser/test_reader_words.py) ------------------------------

# Words that point back to a text before them: an introduction cannot start with one.
POINTING_BACK = re.compile(r"^(Derefter|Dernæst|Herefter|Desuden|Også|Endvidere|Ligeledes)\b")


def test_every_perspective_page_has_a_title_and_an_introduction_that_read_on_their_own(page_of, real_site):
    for perspective in real_site.perspectives.values():
        page = page_of(perspective)
        h1 = page.text(page.article.css_first("h1"))
        assert perspective.model.navn in h1
        for phrase in ("på tværs af", "på tværs"):
            assert h1.count(phrase) <= 1, h1
        description = page.tree.css_first("meta[name=description]").attributes["content"]
        assert description.count("på tværs af") <= 1, description
        intro = [
            p for p in page.article.css("h1 ~ p") if "vive-kontekst" not in (p.attributes.get("class") or "")
        ]
        first = page.text(intro[0])
        assert not POINTING_BACK.match(first), f"{perspective.id}: {first!r}"


def test_the_sources_page_spells_the_cases_plural(page_of):
    text = page_of("/" + pages.url_of(pages.SOURCES)).text()
    assert "casenes" in text  # a case, the cases: "casene", "casenes"
    assert not re.search(r"\bcaser(ne|nes)\b", text)  # "kaserne": a barracks
