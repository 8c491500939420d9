"""Coverage tells the mapping's own text from literature the editors placed (issue 28).

Each decision is tested where it is made, in-process: a section's status (coverage.status_of),
one finding counted once across the site (coverage.compute), where in the publication an editor
reads what is missing (coverage.where_to_read), and the words the reader and the editors see
(views/perspective.reach_words, views/coverage). The fixture is the minimal content, changed in a
copy for each case; nothing here reads the real content's figures.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from generator import ContentErrors, load_site
from generator.content.model import Blok, Grundlag
from generator.render import basis as B
from generator.render import coverage as C
from generator.render import reach as R
from generator.render.views import coverage as coverage_view
from generator.render.views.perspective import reach_words

THEME1 = "temaer/01-fleksibel.yaml"
THEME2 = "temaer/02-sundhed.yaml"
MAPPING = "kortlaegninger/bostoette.yaml"


def block(grundlag: str, fund: str | None = None) -> Blok:
    kilder = [] if grundlag == "redaktionel" else ["studie"]
    return Blok(tekst="Tekst.", grundlag=Grundlag(grundlag), kilder=kilder, fund=fund)


@pytest.mark.parametrize(
    ("blocks", "status"),
    [
        ([], B.Status.mangler),
        ([block("redaktionel")], B.Status.redaktionel),
        ([block("litteraturstudie-placeret", "a"), block("redaktionel")], B.Status.placeret),
        ([block("litteraturstudie-placeret", "a"), block("offentlig-udgivelse")], B.Status.anden_kilde),
        ([block("litteraturstudie-placeret", "a"), block("kortlaegning")], B.Status.kortlaegning),
        ([block("redaktionel"), block("kortlaegning")], B.Status.kortlaegning),
    ],
    ids=["empty", "ours", "placed", "other-source-wins", "mapping-wins", "mapping-with-ours"],
)
def test_a_sections_status_says_what_it_rests_on(blocks, status):
    assert B.status_of(blocks) is status


def _edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, (rel, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _place(root: Path, rel: str, fund: str) -> None:
    """The theme's "viden" section gets one literature finding the editors placed."""
    _edit(
        root,
        rel,
        "  - perspektiv: viden\n    ikke_gengivet: true\n",
        "  - perspektiv: viden\n    blokke:\n      - tekst: Et fund fra studiet.\n"
        f"        grundlag: litteraturstudie-placeret\n        fund: {fund}\n        kilder: [studie]\n",
    )


def _chapter(root: Path, ordered: bool) -> None:
    _edit(
        root,
        MAPPING,
        "relationer_til: pejlemaerker\n",
        "relationer_til: pejlemaerker\ntemakapitel:\n  nummer: 2\n  titel: Temaerne\n"
        f"  perspektiver_i_raekkefoelge: {'true' if ordered else 'false'}\n",
    )


def test_one_finding_under_two_themes_counts_once(minimal_copy):
    _place(minimal_copy, THEME1, "samme-fund")
    _place(minimal_copy, THEME2, "samme-fund")
    cov = C.compute(load_site(minimal_copy))
    (mc,) = cov.mappings
    statuses = [tc.sections["viden"] for tc in mc.themes]
    # Counted in the first theme (the mapping's order), the same finding again in the second.
    assert statuses == [B.Status.placeret, B.Status.samme_fund]
    assert mc.sourced == 2  # theme 1's citizens (the mapping's text) + one finding, not two
    assert mc.placed_sections == 2
    assert [(t.id, pid) for t, pid in mc.findings["samme-fund"]] == [
        ("fleksibel", "viden"),
        ("sundhed", "viden"),
    ]
    assert cov.findings == 1
    words = C.sourced_words(mc.sections, len(mc.findings))
    assert words.startswith("1 fra kortlægningen + 1 placeret litteratur af 4 afsnit")
    assert "1 fund fra litteraturstudierne, hvert talt én gang" in words
    assert "1 afsnit mere viser et fund, der er talt i et andet afsnit" in words


def test_two_findings_count_as_two(minimal_copy):
    _place(minimal_copy, THEME1, "et-fund")
    _place(minimal_copy, THEME2, "et-andet-fund")
    (mc,) = C.compute(load_site(minimal_copy)).mappings
    assert [tc.sections["viden"] for tc in mc.themes] == [B.Status.placeret, B.Status.placeret]
    assert len(mc.findings) == 2 and mc.sections[B.Status.samme_fund] == 0


def test_a_placed_block_must_name_its_finding_and_no_other_block_may(minimal_copy):
    _place(minimal_copy, THEME1, "et-fund")
    _edit(minimal_copy, THEME1, "        fund: et-fund\n", "")
    _edit(
        minimal_copy,
        THEME1,
        "        grundlag: kortlaegning\n",
        "        grundlag: kortlaegning\n        fund: x\n",
    )
    with pytest.raises(ContentErrors) as info:
        load_site(minimal_copy)
    messages = {e.field: e.format() for e in info.value.errors}
    assert "skal sige, hvilket fund den viser" in messages["perspektiver[2].blokke[1].grundlag"]
    assert (
        "fund bruges kun med grundlag: litteraturstudie-placeret"
        in messages["perspektiver[1].blokke[1].fund"]
    )


@pytest.mark.parametrize(
    ("ordered", "expected"),
    [(True, ["afsnit 2.1, 1. del", "afsnit 2.1, 2. del"]), (False, ["afsnit 2.1", "afsnit 2.1"])],
    ids=["order-known", "order-unknown"],
)
def test_where_to_read_names_the_section_and_only_a_known_part(minimal_copy, ordered, expected):
    _chapter(minimal_copy, ordered)
    site = load_site(minimal_copy)
    theme = site.themes["fleksibel"]
    assert [C.where_to_read(theme, p) for p, _ in theme.sections] == expected
    words = coverage_view.chapter_words(theme.mapping)
    assert "kapitel 2 »Temaerne«" in words and "Sidetal giver de offentlige kilder ikke" in words
    order = "Hvert afsnit har perspektiverne i samme rækkefølge: Borgernes perspektiv og Viden"
    assert (order in words) == ordered


def test_without_a_chapter_nothing_is_guessed(minimal_copy):
    site = load_site(minimal_copy)
    theme = site.themes["fleksibel"]
    assert {C.where_to_read(theme, p) for p, _ in theme.sections} == {""}
    assert coverage_view.chapter_words(theme.mapping) == (
        "De offentlige kilder viser ikke, hvor i udgivelsen temaerne står."
    )


def test_the_reading_guide_lists_missing_and_placed_only_sections(minimal_copy):
    _chapter(minimal_copy, True)
    _place(minimal_copy, THEME1, "et-fund")
    view = coverage_view.coverage(load_site(minimal_copy))
    (mc,) = view.mappings
    rows = {r.target.id: r.parts for r in mc.to_read}
    # Theme 1: the citizens' section is the mapping's text (not listed); "viden" is placed only.
    assert rows["fleksibel"] == "Viden (afsnit 2.1, 2. del; på sitet nu kun et fund placeret af redaktionen)"
    assert rows["sundhed"] == "Borgernes perspektiv (afsnit 2.2, 1. del), Viden (afsnit 2.2, 2. del)"
    assert mc.findings == "et-fund: tema 1 (Viden)"
    assert mc.sourced.startswith("1 fra kortlægningen + 1 placeret litteratur af 4 afsnit")


@pytest.mark.parametrize(
    ("reach", "words"),
    [
        (R.Reach(total=10, mapping=5), "5 af 10 temaer, med kortlægningens egen tekst"),
        (
            R.Reach(total=10, placed=6, findings=5),
            "6 af 10 temaer, med 5 fund fra litteraturstudiet, som redaktionen har placeret",
        ),
        (
            R.Reach(total=4, mapping=1, placed=2, findings=2),
            "3 af 4 temaer: 1 med kortlægningens egen tekst og 2 med 2 fund fra litteraturstudiet, "
            "som redaktionen har placeret",
        ),
        (R.Reach(total=4, other=1), "1 af 4 temaer, med tekst fra andre kilder eller redaktionen"),
    ],
    ids=["mapping", "placed", "mixed", "other"],
)
def test_the_readers_count_tells_the_mapping_from_placed_literature(reach, words):
    assert reach_words(reach) == words
    assert words.startswith(f"{reach.shown} af {reach.total} temaer")


def test_reach_counts_a_finding_once_per_perspective(minimal_copy):
    _place(minimal_copy, THEME1, "samme-fund")
    _place(minimal_copy, THEME2, "samme-fund")
    site = load_site(minimal_copy)
    viden = site.perspectives["viden"]
    reach = R.reach(viden)
    assert (reach.shown, reach.total, reach.mapping, reach.placed, reach.findings) == (2, 2, 0, 2, 1)
    assert R.reach(site.perspectives["borgerne"]) == R.Reach(total=2, mapping=1)


def test_the_real_counts_split_as_the_audit_measured(real_site):
    """Audit 4: 5 of 60 sections carry the mapping's text, 8 more placed literature, one finding
    of which fills two sections: counted once, that is 5 + 7, and one section the same finding."""
    cov = C.compute(real_site)
    sections = cov.sections
    assert sections.total() == 60
    assert sections[B.Status.kortlaegning] >= 5
    placed_blocks = Counter(
        b.fund
        for theme in real_site.themes.values()
        for _, afsnit in theme.sections
        for b in afsnit.blokke
        if b.grundlag is Grundlag.litteraturstudie_placeret
    )
    assert sections[B.Status.placeret] == len(placed_blocks)  # one section per distinct finding here
    assert sections[B.Status.samme_fund] == sum(placed_blocks.values()) - len(placed_blocks)
    assert placed_blocks["trivsel-og-fysisk-sundhed"] == 2  # bostøtte themes 5 and 6
