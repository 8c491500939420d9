"""The suite's own layers (tests/layers.py): every test has one, and the unit layer stays in-process."""

from __future__ import annotations

import subprocess
import sys

import pytest

from . import layers
from .conftest import build_site


def test_every_collected_test_has_exactly_one_layer(request: pytest.FixtureRequest):
    items = request.session.items
    assert items
    wrong = [i.nodeid for i in items if [m.name for m in i.iter_markers() if m.name in layers.LAYERS] == []]
    assert wrong == []
    for item in items:
        found = {m.name for m in item.iter_markers() if m.name in layers.LAYERS}
        assert len(found) == 1, (item.nodeid, found)
        if item.path.is_relative_to(layers.BROWSER_DIR):
            assert found == {"browser"}, item.nodeid


def test_this_test_is_in_the_unit_layer(request: pytest.FixtureRequest):
    assert request.node.get_closest_marker("unit")


def test_a_unit_test_that_starts_a_process_is_stopped():
    with pytest.raises(layers.NotAUnitTest, match="mark it `@pytest.mark.build`"):
        subprocess.run([sys.executable, "-c", "pass"], check=False)


def test_a_unit_test_that_builds_with_mkdocs_is_stopped(tmp_path):
    with pytest.raises(layers.NotAUnitTest, match="builds a site with MkDocs"):
        build_site(tmp_path / "site")
    assert not (tmp_path / "site").exists()  # stopped before MkDocs wrote anything


@pytest.mark.build
def test_a_build_test_may_start_a_process():
    assert subprocess.run([sys.executable, "-c", "pass"], check=False).returncode == 0


def test_the_guard_leaves_mkdocs_build_as_inspect_sees_it():
    """tests/test_patches.py reads `build`'s source and signature: the guard's wrapper is transparent."""
    import inspect

    import mkdocs.commands.build

    assert "utils.clean_directory(config.site_dir)" in inspect.getsource(mkdocs.commands.build.build)
    assert list(inspect.signature(mkdocs.commands.build.build).parameters) == ["config", "serve_url", "dirty"]
