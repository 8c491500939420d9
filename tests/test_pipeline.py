"""Load → validate → link on real and fixture content."""

from __future__ import annotations

import posixpath
from pathlib import Path

import pytest

from generator import ContentErrors, load_site
from generator.content.slugs import slugify

from .conftest import MINIMAL, project_converter


def test_real_content_has_every_mapping_theme_case_and_perspective(real_site):
    by_mapping = {m.id: m for m in real_site.mappings}
    assert set(by_mapping) == {"bostoette", "botilbud"}
    assert len(by_mapping["bostoette"].themes) == 10
    assert len(by_mapping["botilbud"].themes) == 4
    assert [len(by_mapping[m].perspectives) for m in ("bostoette", "botilbud")] == [4, 5]
    kinds = sorted(c.model.type for c in real_site.cases.values())
    assert kinds.count("kommune") == 8 and kinds.count("botilbud") == 6
    assert len(real_site.pejlemaerker) == 10 and len(real_site.anbefalinger) == 7


def test_theme_numbers_follow_the_mapping(real_site):
    for mapping in real_site.mappings:
        assert [t.model.nummer for t in mapping.themes] == list(range(1, len(mapping.themes) + 1))


def test_links_run_both_ways():
    site = load_site(MINIMAL)
    theme, case = site.themes["fleksibel"], site.cases["aaby"]
    assert [c.id for c, _ in theme.cases] == ["aaby"]
    assert [t.id for t, _ in case.themes] == ["fleksibel"]
    assert [t.id for t in site.pejlemaerker[0].themes] == ["fleksibel"]
    borgerne = site.perspectives["borgerne"]
    assert [t.id for t, _ in borgerne.sections] == ["fleksibel", "sundhed"]
    assert [k.id for k in theme.sources] == ["rapport"]
    assert site.cases["oeby"].themes == []


def test_related_themes_are_linked_back(real_site):
    for theme in real_site.themes.values():
        for other in theme.related:
            assert theme in other.related
            assert other.mapping is not theme.mapping


def _errors(data: Path) -> list[str]:
    with pytest.raises(ContentErrors) as info:
        load_site(data)
    return [e.format() for e in info.value.errors]


def test_unknown_reference_is_an_error_with_file_line_and_hint(minimal_copy):
    path = minimal_copy / "temaer" / "01-fleksibel.yaml"
    path.write_text(path.read_text().replace("- case: aaby", "- case: aby"))
    (message,) = _errors(minimal_copy)
    assert message.startswith("themes_data/temaer/01-fleksibel.yaml:")
    line = next(i for i, ln in enumerate(path.read_text().splitlines(), 1) if "case: aby" in ln)
    assert f":{line}:" in message
    assert "ukendt case-id 'aby'" in message and "mente du 'aaby'?" in message


def test_all_errors_are_reported_together(minimal_copy):
    theme = minimal_copy / "temaer" / "02-sundhed.yaml"
    theme.write_text(theme.read_text().replace("titel: Sundhed", "titel: Sundhed\nfarve: rød"))
    case = minimal_copy / "cases" / "oeby.yaml"
    case.write_text(case.read_text().replace("type: kommune", "type: by"))
    messages = _errors(minimal_copy)
    assert len(messages) == 2
    assert any("02-sundhed.yaml" in m and "ukendt felt" in m for m in messages)
    assert any("oeby.yaml" in m and "'type'" in m for m in messages)


def test_perspectives_must_match_the_mapping(minimal_copy):
    theme = minimal_copy / "temaer" / "02-sundhed.yaml"
    text = theme.read_text().replace("  - perspektiv: viden\n    ikke_gengivet: true\n", "")
    theme.write_text(text)
    assert any("perspektivet 'viden' mangler" in m for m in _errors(minimal_copy))


def test_a_mapping_lists_exactly_its_own_perspectives_and_cases(minimal_copy):
    """One rule for both kinds: a listed member of another mapping, and a member not listed."""
    from generator import ContentErrors
    from generator.errors import Code

    mapping = minimal_copy / "kortlaegninger" / "bostoette.yaml"
    text = mapping.read_text(encoding="utf-8")
    other = text.replace("id: bostoette", "id: andet").replace("cases: [aaby, oeby]", "cases: [aaby]")
    (minimal_copy / "kortlaegninger" / "andet.yaml").write_text(
        other.replace("perspektiver: [borgerne, viden]", "perspektiver: [borgerne]"), encoding="utf-8"
    )
    mapping.write_text(
        text.replace("cases: [aaby, oeby]", "cases: [aaby]").replace(
            "perspektiver: [borgerne, viden]", "perspektiver: [borgerne]"
        ),
        encoding="utf-8",
    )
    with pytest.raises(ContentErrors) as info:
        load_site(minimal_copy)
    found = {(e.code, e.message) for e in info.value.errors}
    assert (Code.WRONG_MAPPING, "casen 'aaby' hører til kortlægningen 'bostoette'") in found
    assert (Code.WRONG_MAPPING, "perspektivet 'borgerne' hører til kortlægningen 'bostoette'") in found
    assert (Code.NOT_LISTED, "casen står ikke i kortlægningen 'bostoette's liste over cases") in found
    unlisted = "perspektivet står ikke i kortlægningen 'bostoette's liste over perspektiver"
    assert (Code.NOT_LISTED, unlisted) in found


def test_block_with_source_label_needs_a_source(minimal_copy):
    case = minimal_copy / "cases" / "aaby.yaml"
    case.write_text(case.read_text().replace("    kilder: [hjemmeside]\n", ""))
    assert any("skal have mindst én kilde" in m for m in _errors(minimal_copy))


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Borgerperspektivet på tværs", "borgerperspektivet-paa-tvaers"),
        ("Ønsker, drømme og motivation", "oensker-droemme-og-motivation"),
        ("Sundhed & trivsel", "sundhed-trivsel"),
        ("Æblegården i Århus", "aeblegaarden-i-aarhus"),
        ("Café Orion", "cafe-orion"),
    ],
)
def test_slugs_transliterate_danish_letters(text, slug):
    assert slugify(text) == slug


def test_standalone_build_writes_the_complete_markdown_tree(tmp_path):
    """`python -m generator build --out` gives a project another engine can take over
    (tests/test_export.py builds it with three)."""
    import yaml

    from generator.__main__ import main

    from .conftest import ROOT

    out = tmp_path / "md"
    docs = out / "docs"
    args = ["--data", str(MINIMAL), "build", "--out", str(out), "--content", str(ROOT / "content")]
    assert main([*args, "--site-url", "https://eksempel.dk/"]) == 0
    assert (docs / "bostoette" / "fleksibel.md").is_file() and (docs / "cases" / "aaby.md").is_file()
    hand_written = {p.relative_to(ROOT / "content") for p in (ROOT / "content").rglob("*.md")}
    assert hand_written <= {p.relative_to(docs) for p in docs.rglob("*.md")}
    assert "https://eksempel.dk/bostoette/fleksibel/" in (docs / "bostoette" / "fleksibel.md").read_text()
    config = yaml.safe_load((out / "mkdocs.yml").read_text(encoding="utf-8").replace("!!python/name:", ""))
    assert {"Forside": "index.md"} in config["nav"] and config["docs_dir"] == "docs"
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}
    assert main([*args, "--site-url", "https://eksempel.dk/"]) == 0
    assert before == {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}, "unchanged files kept"


def test_the_export_never_empties_a_folder_that_is_not_an_earlier_export(tmp_path, capsys):
    from generator.__main__ import main

    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "noter.txt").write_text("mine noter", encoding="utf-8")
    assert main(["--data", str(MINIMAL), "build", "--out", str(folder)]) == 1
    assert "er ikke tom og er ikke skrevet af 'python -m generator build'" in capsys.readouterr().err
    assert [p.name for p in folder.iterdir()] == ["noter.txt"]


def test_a_hand_written_page_on_a_generated_path_stops_the_export_in_danish(tmp_path, capsys):
    from generator.__main__ import main

    content = tmp_path / "content"
    (content / "cases").mkdir(parents=True)
    (content / "cases" / "aaby.md").write_text("# Åby\n", encoding="utf-8")
    out = tmp_path / "export"
    assert main(["--data", str(MINIMAL), "build", "--out", str(out), "--content", str(content)]) == 1
    err = capsys.readouterr().err
    assert "docs/cases/aaby.md findes både i content/ og blandt de genererede sider; intet er skrevet." in err
    assert not out.exists()


def test_unknown_pejlemaerke_is_named_as_such(minimal_copy):
    path = minimal_copy / "temaer" / "01-fleksibel.yaml"
    path.write_text(
        path.read_text().replace("pejlemaerker: [pejlemaerke-01]", "pejlemaerker: [pejlemaerke-1]")
    )
    (message,) = _errors(minimal_copy)
    assert "ukendt pejlemærke-id 'pejlemaerke-1'" in message and "mente du 'pejlemaerke-01'?" in message


def test_relative_links_between_pages_match_posixpath():
    from itertools import product

    from generator.render.pages import relative

    paths = ["index.md", "kilder.md", "cases/index.md", "cases/herning.md", "bostoette/tema.md",
             "bostoette/index.md", "a/b/c.md", "a/b/d.md", "a/x/c.md", "cases.md"]  # fmt: skip
    for src, dst in product(paths, paths):
        expected = "" if src == dst else posixpath.relpath(dst, posixpath.dirname(src) or ".")
        assert relative(src, dst) == expected, (src, dst)
        assert relative(src, dst, "kilder") == f"{expected}#kilder"


def test_the_generator_pauses_the_cycle_collector_only_while_it_runs():
    import gc

    from generator import generate
    from generator.pipeline import gc_paused

    assert gc.isenabled()
    with gc_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(ContentErrors), gc_paused():  # an error in the content still resumes it
        generate(Path("/nonexistent-themes-data"))
    assert gc.isenabled()
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()  # left as the caller had it
    finally:
        gc.enable()


def test_every_anchor_a_page_writes_is_declared_by_the_plan(real_site):
    """The plan knows every anchor a theme page gets (so clashes are found before rendering):
    the template's own sections and those from content, nothing more, nothing less."""
    import re

    from generator.render import pages as P
    from generator.render.plan import plan
    from generator.render.templating import render

    planned = {p.path: p for p in plan(real_site)}
    files = render(real_site, project_converter(), pages=list(planned.values())).files
    checked = 0
    for path, page in planned.items():
        if page.template != "theme.md.j2":
            continue
        written = re.findall(r"\{:?\s*#([a-z0-9-]+)", files[path])
        declared = P.fixed_anchors(page.template) | {a.id for a in page.anchors}
        assert len(written) == len(set(written)), path  # no anchor twice
        # A section only there when content has it (a summary) may be absent; nothing undeclared.
        assert set(written) <= declared, (path, set(written) - declared)
        assert {a.id for a in page.anchors} <= set(written), path
        checked += 1
    assert checked == len(real_site.themes)
    fixed = P.fixed_anchors("theme.md.j2")
    assert {"kort-fortalt", "guide", "spoergsmaal", "sammenfatning", "kilder"} <= fixed


def test_no_template_or_module_outside_the_plan_writes_a_page_path():
    import re

    import generator
    from generator.render import pages as P

    root = Path(generator.__file__).parent
    # pages.py, and kinds.py where an entity's page path is part of its kind.
    planned = ("pages.py", "kinds.py")
    sources = [*P.TEMPLATES.glob("*.j2"), *(p for p in root.rglob("*.py") if p.name not in planned)]
    for source in sources:
        for literal in re.findall(r"""["']([a-z0-9/_-]+\.md)["']""", source.read_text(encoding="utf-8")):
            raise AssertionError(f"{source.name} writes the page path {literal!r}; take it from pages.py")


def test_kinds_are_an_enumeration_of_the_content_folders():
    from generator.content.kinds import KINDS
    from generator.content.model import Kind

    assert list(KINDS) == list(Kind)
    assert {k.value for k in Kind} == {p.name for p in MINIMAL.iterdir() if p.is_dir()} | {"anbefalinger"}


def test_a_typo_is_merged_with_the_field_it_leaves_missing_by_code_not_wording():
    from generator.content.loader import _merge_typos
    from generator.errors import Code, ContentError

    typo = ContentError("f.yaml", 3, 1, "nanv", "some words", "a hint", Code.UNKNOWN_FIELD, meant="navn")
    missing = ContentError("f.yaml", 1, 1, "navn", "other words", code=Code.MISSING_FIELD)
    unrelated = ContentError("f.yaml", 1, 1, "titel", "mangler", code=Code.OTHER)
    merged = _merge_typos([typo, missing, unrelated])
    assert [e.field for e in merged] == ["nanv", "titel"]
    assert merged[0].hint.endswith("Så mangler 'navn' ikke længere.")


def test_a_broken_file_hides_only_references_to_it_by_code_not_wording():
    from generator.errors import Code, ContentError
    from generator.pipeline import _about

    ref = ContentError("a.yaml", message="x", code=Code.UNKNOWN_REF, ref="hjemmeside")
    assert _about(ref, {"hjemmeside"}) and not _about(ref, {"rapport"})
    # A message that happens to quote the id is not a reference to it.
    assert not _about(ContentError("a.yaml", message="id'et 'hjemmeside' …"), {"hjemmeside"})


def test_link_errors_carry_a_code_and_the_id_they_are_about(minimal_copy):
    from generator.errors import Code

    path = minimal_copy / "temaer" / "01-fleksibel.yaml"
    path.write_text(path.read_text().replace("- case: aaby", "- case: aby"), encoding="utf-8")
    with pytest.raises(ContentErrors) as info:
        load_site(minimal_copy)
    (error,) = info.value.errors
    assert (error.code, error.ref, error.meant) == (Code.UNKNOWN_REF, "aby", "aaby")


def test_the_plan_knows_every_hand_written_page():
    """pages.HAND_WRITTEN guards their URLs against an editor's id: it must list all of content/."""
    from generator.render import pages as P

    from .conftest import ROOT

    content = ROOT / "content"
    assert {p.relative_to(content).as_posix() for p in content.rglob("*.md")} == set(P.HAND_WRITTEN)


def test_an_anchor_added_to_an_included_template_is_known_at_once(tmp_path, monkeypatch):
    """`mkdocs serve` reloads edited templates; the plan's fixed anchors follow them."""
    import os

    from generator.render import pages as P

    (tmp_path / "page.md.j2").write_text('## A { #a }\n{% include "part.md.j2" %}\n', encoding="utf-8")
    part = tmp_path / "part.md.j2"
    part.write_text("## B { #b }\n## C { #{{ dynamic }} }\n", encoding="utf-8")
    monkeypatch.setattr(P, "TEMPLATES", tmp_path)
    assert P.fixed_anchors("page.md.j2") == {"a", "b"}
    part.write_text("## B { #b }\n## Ny { #ny .klasse }\n", encoding="utf-8")
    os.utime(part, ns=(part.stat().st_atime_ns, part.stat().st_mtime_ns + 1_000_000))
    assert P.fixed_anchors("page.md.j2") == {"a", "b", "ny"}
