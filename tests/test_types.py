"""mypy, strict on generator/, is part of `make test` (the run itself is in the Makefile)."""

from __future__ import annotations

import re
import tomllib

from .conftest import ROOT


def test_make_test_runs_mypy_strict_on_the_generator():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    mypy = config["tool"]["mypy"]
    assert mypy["strict"] is True and mypy["files"] == ["generator"]
    assert "mypy" in " ".join(config["project"]["optional-dependencies"]["test"])
    target = re.search(r"^test:.*?\n((?:\t.*\n)+)", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M)
    assert target and "$(BIN)/mypy" in target.group(1)
    assert (ROOT / "generator" / "py.typed").is_file()


def test_missing_types_are_ignored_only_for_named_libraries():
    """No blanket ignore_missing_imports: only libraries that ship no types, by name."""
    mypy = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mypy"]
    assert "ignore_missing_imports" not in mypy
    for override in mypy.get("overrides", []):
        if override.get("ignore_missing_imports"):
            assert all(not m.startswith("generator") and m != "*" for m in override["module"])


def test_ruff_holds_the_generator_to_complexity_15():
    ruff = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["ruff"]["lint"]
    assert "C90" in ruff["select"] and ruff["mccabe"]["max-complexity"] == 15
    assert not any("generator" in pattern for pattern in ruff.get("per-file-ignores", {}))
