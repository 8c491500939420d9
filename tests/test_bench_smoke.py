"""The benchmark harness cannot rot silently: a tiny synthetic size validates and builds."""

from __future__ import annotations

import json

from generator import load_site
from generator.content.loader import load
from generator.render import pages

from .bench import measure, synthetic
from .conftest import DATA, project_converter


def test_synthetic_content_is_schema_valid_and_links(tmp_path):
    real = load_site(DATA)
    size = synthetic.Size(themes=len(real.themes) + 4, cases=len(real.cases) + 6)
    made = synthetic.generate(tmp_path / "data", size)
    assert made.files == 10
    site = load_site(made.data_dir)
    assert (len(site.themes), len(site.cases)) == (size.themes, size.cases)
    new_themes = [t for t in site.themes.values() if t.id.startswith("syn-tema-")]
    assert len(new_themes) == 4 and all(t.cases for t in new_themes)
    # Every mapping lists its synthetic cases, and a case page has back-links to its themes.
    assert sum(len(m.cases) for m in site.mappings) == size.cases
    assert any(c.themes for c in site.cases.values() if c.id.startswith("syn-case-"))
    # The real content is part of the set, unchanged in number.
    assert set(load(DATA).of("temaer")) <= set(site.themes)


def test_measure_builds_a_synthetic_site_with_the_real_mkdocs(tmp_path):
    real = load_site(DATA)
    size = synthetic.Size(themes=len(real.themes) + 2, cases=len(real.cases) + 6)
    made = synthetic.generate(tmp_path / "data", size)
    out = tmp_path / "result.json"
    assert measure.main(["--data", str(made.data_dir), "--json", str(out)]) == 0
    result = json.loads(out.read_text())
    assert (result["themes"], result["cases"]) == (size.themes, size.cases)
    assert result["html_pages"] >= result["generated_pages"]
    assert result["generated_pages"] > size.themes + size.cases
    assert result["written_again"] == 0 and result["written_first"] == result["generated_pages"]
    assert 0 < result["generator_in_build_s"] < result["build_s"]
    assert result["search_index_bytes"] > 0
    # The Markdown floor: every page (generated and hand-written) through Python-Markdown alone.
    assert result["markdown_floor_pages"] > result["generated_pages"]
    assert 0 < result["markdown_floor_cpu_s"] < result["build_cpu_s"]
    kinds = result["by_kind"]
    assert kinds["cases"]["pages"] == size.cases and kinds["temaer"]["pages"] == size.themes
    assert kinds["matrix"]["pages"] == 2 and kinds["cases/index"]["pages"] == 1
    assert sum(k["pages"] for k in kinds.values()) == result["html_pages"] - 2  # not 404.html, was/


def test_too_small_a_size_is_refused(tmp_path):
    import pytest

    with pytest.raises(ValueError, match="already has"):
        synthetic.generate(tmp_path / "data", synthetic.Size(themes=1, cases=1))


def test_the_report_keeps_hand_written_text_outside_the_markers(tmp_path):
    from .bench import __main__ as bench

    real = {
        "cli_runs_s": [1.0, 1.2],
        "cli_median_s": 1.1,
        "cli_cpu_s": 0.9,
        "generator_in_build_s": 0.05,
        "total_s": 1.0,
        "config_s": 0.05,
        "build_s": 0.95,
        "markdown_s": 0.3,
        "templates_s": 0.4,
        "load_s": 0.02,
        "link_s": 0.001,
        "render_s": 0.02,
        "generated_pages": 48,
        "write_first_s": 0.01,
        "write_again_s": 0.001,
        "written_first": 48,
        "written_again": 0,
        "html_pages": 52,
        "site_bytes": 3_000_000,
        "largest_page": "a/index.html",
        "largest_page_bytes": 30_000,
        "search_index_bytes": 96_000,
        "peak_rss_kb": 50_000,
    }
    results = {
        "date": "2026-11-22 14:00 UTC",
        "duration_s": 60,
        "loadavg_start": 0.5,
        "loadavg_end": 0.7,
        "machine": bench.machine(),
        "real": real,
        "sizes": [],
        "fresh": {
            "ratio": 1.12,
            "cpu_ratio": 1.05,
            "fresh_median_s": 1.12,
            "plain_median_s": 1.0,
            "fresh_median_cpu_s": 1.05,
            "plain_median_cpu_s": 1.0,
            "make_site_median_s": 1.2,
            "runs": 7,
        },
    }
    text = bench.report(results)
    assert "| Generatorens andel ≤ 10 % | 5.0% " in text
    fresh = "CPU 1.05 × (1.05 / 1.00 s, median af 7 skiftevis); væg 1.12 ×; hele `make site` 1.20 s | ja |"
    assert f"bedømt på CPU-tid) | {fresh}" in text
    assert "| Generatoren skriver kun ændrede filer | 1. skrivning 48 filer, 2. skrivning 0 | ja |" in text
    path = tmp_path / "BENCHMARKS.md"
    path.write_text(f"# B\n\nFør.\n\n{bench.START}\ngammelt\n{bench.END}\n\nEfter.\n", encoding="utf-8")
    bench.write_report(text, path)
    new = path.read_text(encoding="utf-8")
    assert new.startswith("# B\n\nFør.\n\n") and new.endswith("\n\nEfter.\n")
    assert "gammelt" not in new and new.count(bench.START) == 1


def test_a_mapping_with_many_cases_lists_them_per_theme_instead_of_a_table(tmp_path):
    from generator.render.templating import render
    from generator.render.views.mapping import MATRIX_MAX_CASES

    real = load_site(DATA)
    assert all(len(m.cases) <= MATRIX_MAX_CASES for m in real.mappings), "the real site keeps its table"
    assert "|---|" in render(real, project_converter()).files["bostoette/matrix.md"]
    size = synthetic.Size(themes=len(real.themes) + 4, cases=len(real.cases) + 2 * MATRIX_MAX_CASES + 2)
    site = load_site(synthetic.generate(tmp_path / "data", size).data_dir)
    text = render(site, project_converter()).files["bostoette/matrix.md"]
    assert "|---|" not in text
    mapping = next(m for m in site.mappings if m.id == "bostoette")
    for theme in mapping.themes:
        assert f"{{ #{theme.id} }}" in text
        for case, _ in theme.cases:
            assert f"(../cases/{case.id}.md)" in text


def test_a_mapping_with_many_themes_keeps_them_out_of_the_sidebar(tmp_path):
    from generator.render.pages import NAV_MAX_THEMES
    from generator.render.templating import render

    real = load_site(DATA)
    real_nav = str(render(real, project_converter()).nav)
    assert all(pages.path_of(t) in real_nav for t in real.themes.values()), "the real site lists its themes"
    size = synthetic.Size(themes=2 * NAV_MAX_THEMES + 2 * 2, cases=len(real.cases) + 2)
    site = load_site(synthetic.generate(tmp_path / "data", size).data_dir)
    out = render(site, project_converter())
    mapping = next(m for m in site.mappings if m.id == "bostoette")
    assert len(mapping.themes) > NAV_MAX_THEMES
    section = next(item["Bostøtte"] for item in out.nav if "Bostøtte" in item)
    assert section == [
        pages.path_of(mapping),
        {"Temaer og cases": pages.matrix_path(mapping)},
        {"Spørgsmålskort": pages.cards_path(mapping)},
    ]
    for theme in mapping.themes:
        assert pages.path_of(theme) in out.not_in_nav  # a page of the site, not of the sidebar
        assert f"({pages.path_of(theme).removeprefix('bostoette/')})" in out.files[pages.path_of(mapping)]


def test_the_live_preview_benchmark_edits_a_title_and_keeps_the_file_valid(tmp_path):
    from generator.content.loader import load as load_content

    from .bench.serve_latency import pick_theme, set_title

    data = tmp_path / "themes_data"
    import shutil

    shutil.copytree(DATA, data)
    path, url, title = pick_theme(data)
    assert url.startswith("/") and url.endswith("/")
    text = path.read_text(encoding="utf-8")
    lines = [
        f"titel: >\n  {title}\n  fortsat\n" if ln.startswith("titel:") else ln for ln in text.splitlines(True)
    ]
    path.write_text("".join(lines), encoding="utf-8")
    assert "titel: >\n" in path.read_text(encoding="utf-8")
    set_title(path, f"{title} Benchmærke1x")
    themes = load_content(data).of("temaer")
    assert any(t.item.titel == f"{title} Benchmærke1x" for t in themes.values())


def test_the_report_judges_the_search_on_the_real_site_and_shows_it_at_scale():
    from .bench import __main__ as bench

    def cost(load: int, focus: int, first: int, second: int) -> dict:
        def step(n: int, part: str) -> dict:
            return {"bytes": n, "requests": 1 if n else 0, "parts": {part: n} if n else {}}

        return {
            "queries": ["netværket", "recovery"],
            "load": step(load, "siden"),
            "focus": step(focus, "UI-script"),
            "first_query": step(first, "WebAssembly"),
            "second_query": step(second, "fragmenter"),
            "bundle_bytes": 300_000,
            "pages_indexed": 51,
        }

    rd = {"search": cost(75_000, 2_700, 120_000, 14_000)}
    rd["search_at_scale"] = {"cases": 5000, **cost(75_000, 2_700, 164_000, 41_000)}
    rows = bench.search_summary(rd)
    real = [r for r in rows if "det rigtige site" in r[0]]
    assert [passed for _, _, passed in real] == [True, True, True]
    assert all(passed is None for target, _, passed in rows if "5.000 cases" in target)  # shown, not judged
    heavy = bench.search_summary({"search": cost(80_000, 2_700, 150 * 1024, 21 * 1024)})
    assert [passed for _, _, passed in heavy] == [False, False, False]
    table = "\n".join(bench.search_table(rd))
    assert "| Første søgning | 117 KB (1 forespørgsler: WebAssembly 117 KB) | 160 KB" in table


def test_the_preview_benchmark_times_each_kind_of_save_in_its_own_process():
    """tests/bench/preview_saves.py on the real site, one round of two kinds (make bench: every kind, 5)."""
    from .bench import preview_saves

    result = preview_saves.run([("real", None, 1, ["tekst", "titel"])])["real"]
    assert "error" not in result, result.get("error")
    assert set(result["saves"]) == {"tekst", "titel"}
    for saves in result["saves"].values():
        (save,) = saves
        assert 0 < save["cpu_s"] <= save["wall_s"] * 2 and save["search_cpu_s"] > 0
        assert 0 < save["pages_written"] < result["pages"]  # only what the save changed


def test_the_report_judges_the_preview_by_its_goals():
    from .bench import __main__ as bench
    from .bench import preview_report

    def saves(cpu: float) -> dict:
        one = {"cpu_s": cpu, "wall_s": cpu, "search_cpu_s": 1.0, "load": 2.0, "pages_written": 3}
        return {
            "rounds": 5,
            "first_build_cpu_s": 9.0,
            "pages": 60,
            "saves": {"titel": [one] * 5, "tekst": [one] * 5},
        }

    serve = {
        "http_s": [0.2, 0.25, 0.3],
        "browser_s": [0.4, 0.5, 0.6],
        "load": [1.0],
        "idle_cpu_share": 0.001,
        **{"edits": 3, "page": "/a/", "yaml": "themes_data/a.yaml", "startup_s": 2.0},
    }
    results = {
        "sizes": [{"size_themes": 20, "size_cases": 5000, "build_cpu_s": 60.0}],
        "serve": serve,
        "serve_500": {**serve, "http_s": [1.2, 1.3, 1.4]},
        "preview_saves": {"real": saves(0.2), "500": saves(0.9), "5000": saves(25.0)},
    }
    rows = {
        target.split(":")[0]: (figure, passed, missed)
        for target, figure, passed, missed in preview_report.summary_rows(results)
    }
    assert rows["Forhåndsvisning, det rigtige site"] == ("HTTP 0.25 s; browser 0.50 s; load 1.0", True, "")
    figure, passed, missed = rows["Forhåndsvisning, 500 cases"]
    assert passed is False and missed.startswith("HTTP 0.30 s (")  # HTTP 1.3 s > 1.0 s; the browser's is met
    assert "browser" not in missed.split("(")[0]
    assert rows["Forhåndsvisning, 5.000 cases"] == ("25.00 s / 60.0 s = 0.42", False, "5.00 s CPU")
    section = "\n".join(preview_report.section(results))
    assert "| titel | 0.20 s (3) | 0.90 s (3) | 25.00 s (3) |" in section
    assert "det rigtige site 0.1% af en kerne" in section
    text = bench.report(
        {
            **results,
            "sizes": [],  # the grid's own table needs every figure of a size
            "date": "x",
            "duration_s": 1,
            "loadavg_start": 1,
            "loadavg_end": 1,
            "machine": bench.machine(),
        }
    )
    assert "### Et gem i forhåndsvisningen, CPU-tid" in text and "| Forhåndsvisning, 500 cases" in text
    assert "| Mål | Målt | Nået | Mangler, og hvor resten går |" in text


def test_the_report_says_by_how_much_a_build_goal_is_missed_and_where_the_rest_goes():
    from .bench import __main__ as bench

    large = {
        "markdown_floor_cpu_s": 10.0,
        "build_cpu_s": 30.0,
        "build_s": 30.0,
        "generator_in_build_s": 4.0,
        "markdown_s": 12.0,
        "peak_rss_kb": 700 * 1024,
        "peak_rss_self_kb": 400 * 1024,
    }
    assert bench.floor_gap(large) == (
        "14.0 s CPU; ud over gulvet (20.0 s): generatoren 4.0 s, MkDocs' Markdown-trin ud over gulvet "
        "2.0 s, skabeloner, skrivning, søgning og kontrol 14.0 s"
    )
    assert bench.memory_gap(large) == "100 MB, i Pagefinds proces (bygget selv: 400 MB, under målet)"
    assert bench.memory_gap({**large, "peak_rss_self_kb": 700 * 1024}) == "100 MB"
    over_both = {**large, "peak_rss_kb": 800 * 1024, "peak_rss_self_kb": 650 * 1024}
    assert bench.memory_gap(over_both) == "200 MB, i Pagefinds proces (bygget selv: 650 MB)"
    assert bench.row("mål", "målt", True, "mangler") == ("mål", "målt", True, "")
