"""The benchmark harness cannot rot silently: a tiny synthetic size validates and builds."""

from __future__ import annotations

import json

from generator import load_site
from generator.loader import load

from .bench import measure, synthetic
from .conftest import DATA


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


def test_too_small_a_size_is_refused(tmp_path):
    import pytest

    with pytest.raises(ValueError, match="already has"):
        synthetic.generate(tmp_path / "data", synthetic.Size(themes=1, cases=1))
