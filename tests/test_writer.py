"""The write phase touches only what changed, so `mkdocs serve` never loops on its own output."""

from __future__ import annotations

from pathlib import Path

from generator.writer import write_tree

TREE = {
    "index.md": "# Forside\n",
    "bostoette/index.md": "# Bostøtte\n",
    "bostoette/sundhed.md": "# Sundhed\n",
    "cases/aaby.md": "# Åby\n",
}


def _mtimes(out: Path) -> dict[str, int]:
    return {p.relative_to(out).as_posix(): p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}


def test_first_write_writes_every_file(tmp_path):
    changed = write_tree(TREE, tmp_path / "md")
    assert sorted(changed) == sorted(TREE)
    assert (tmp_path / "md" / "cases" / "aaby.md").read_text(encoding="utf-8") == "# Åby\n"


def test_second_write_of_the_same_tree_changes_nothing(tmp_path):
    out = tmp_path / "md"
    write_tree(TREE, out)
    before = _mtimes(out)
    assert write_tree(dict(TREE), out) == []
    assert _mtimes(out) == before


def test_one_changed_page_rewrites_exactly_one_file(tmp_path):
    out = tmp_path / "md"
    write_tree(TREE, out)
    before = _mtimes(out)
    changed = write_tree({**TREE, "bostoette/sundhed.md": "# Sundhed og trivsel\n"}, out)
    assert changed == ["bostoette/sundhed.md"]
    after = _mtimes(out)
    assert [p for p in after if after[p] != before[p]] == ["bostoette/sundhed.md"]
    assert (out / "bostoette" / "sundhed.md").read_text(encoding="utf-8") == "# Sundhed og trivsel\n"


def test_stale_files_and_empty_folders_are_removed(tmp_path):
    out = tmp_path / "md"
    write_tree(TREE, out)
    smaller = {k: v for k, v in TREE.items() if not k.startswith("cases/")}
    changed = write_tree(smaller, out)
    assert changed == ["cases/aaby.md"]
    assert not (out / "cases").exists()
    assert sorted(p for p in _mtimes(out)) == sorted(smaller)


def test_no_temporary_files_are_left_behind(tmp_path):
    out = tmp_path / "md"
    write_tree(TREE, out)
    write_tree({**TREE, "index.md": "# Ny forside\n"}, out)
    assert not [p for p in out.rglob(".*.tmp")]
