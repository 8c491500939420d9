"""Every row of the bad-input corpus gives the editor the error it promises."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator import ContentError, ContentErrors, load_site

from .bad_input.corpus import CORPUS, Bad
from .cli import run_generator
from .conftest import MINIMAL, ROOT


def expected_line(case: Bad, root: Path) -> int | None:
    if case.line is not None:
        return case.line
    if case.at is None:
        return None
    text = (root / case.file).read_text(encoding="utf-8")
    index = text.index(case.at)
    return text[:index].count("\n") + 1 + case.at[: len(case.at) - len(case.at.lstrip("\n"))].count("\n")


def matching(case: Bad, errors: list[ContentError]) -> ContentError:
    display = f"themes_data/{case.file}"
    hits = [e for e in errors if e.file == display and case.fragment in e.message]
    assert hits, f"no error in {display} with {case.fragment!r}; got:\n" + "\n".join(
        e.format() for e in errors
    )
    return hits[0]


def run_cli(data: Path, real: bool = False) -> subprocess.CompletedProcess[str]:
    """`python -m generator --data DATA validate`: in this process (tests/cli.py), or `real`."""
    args = ["--data", str(data), "validate"]
    if not real:
        return run_generator(args, cwd=data.parent)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        capture_output=True,
        text=True,
        cwd=data.parent,
        env=env,
        timeout=600,
    )


def test_the_corpus_is_large_and_names_are_unique():
    assert len(CORPUS) >= 40
    assert len({c.name for c in CORPUS}) == len(CORPUS)
    assert sum(c.cli for c in CORPUS) >= 15


@pytest.mark.parametrize("case", CORPUS, ids=str)
def test_bad_input_gives_a_precise_danish_error(case: Bad, corpus_results):
    data, raised = corpus_results[case.name]  # the row's broken copy, loaded once (conftest)
    assert isinstance(raised, ContentErrors), f"{case.name}: the copy loaded without an error"
    error = matching(case, raised.errors)
    line = expected_line(case, data)
    if line is not None:
        assert error.line == line, error.format()
        assert error.column >= 1, error.format()
    assert error.field == case.field, error.format()
    assert case.hint in error.hint, error.format()
    # One line per problem, short enough to read, even for a 100,000-character value.
    assert "\n" not in error.format() and len(error.format()) < 400
    # Nothing in the report is Python's or PyYAML's English.
    report = raised.report()
    for english in ("Traceback", "Input should", "found character", "expected", "Error"):
        assert english not in report, report


CLI_CASES = [c for c in CORPUS if c.cli]
# Rows also run as a real process: the exit code and stderr as the interpreter leaves them, for a
# YAML syntax error, an input bounded by memory and one by its encoding.
REAL_PROCESS = ("tab-indentation", "billion-laughs", "latin-1")


def broken_copy(case: Bad, tmp_path_factory: pytest.TempPathFactory) -> tuple[int | None, Path]:
    data = tmp_path_factory.mktemp(case.name) / "themes_data"
    shutil.copytree(MINIMAL, data)
    case.mutate(data)
    return expected_line(case, data), data


@pytest.fixture(scope="module")
def cli_runs(
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[str, tuple[int | None, subprocess.CompletedProcess]]:
    """Every CLI row, each on its own broken copy, run by the command's main() (tests/cli.py)."""
    out = {}
    for case in CLI_CASES:
        line, data = broken_copy(case, tmp_path_factory)
        out[case.name] = (line, run_cli(data))
    return out


def said_in_danish_without_traceback(
    case: Bad, line: int | None, result: subprocess.CompletedProcess
) -> None:
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    where = f"themes_data/{case.file}" + (f":{line}:" if line else ":")
    lines = result.stderr.splitlines()
    assert any(ln.startswith(where) and case.fragment in ln for ln in lines), result.stderr
    if case.field:
        assert any(f"feltet '{case.field}'" in ln for ln in lines), result.stderr
    assert lines[-1].endswith("fejl i indholdet – intet er udgivet.")


@pytest.mark.parametrize("case", CLI_CASES, ids=str)
def test_the_command_line_exits_1_without_traceback(case: Bad, cli_runs):
    said_in_danish_without_traceback(case, *cli_runs[case.name])


@pytest.mark.build
@pytest.mark.parametrize("case", [c for c in CLI_CASES if c.name in REAL_PROCESS], ids=str)
def test_the_real_command_line_exits_1_without_traceback(case: Bad, tmp_path_factory):
    line, data = broken_copy(case, tmp_path_factory)
    said_in_danish_without_traceback(case, line, run_cli(data, real=True))


def test_the_real_process_rows_are_cli_rows():
    assert set(REAL_PROCESS) <= {c.name for c in CLI_CASES}


def test_all_errors_of_a_run_are_reported_together(minimal_copy: Path):
    """Breaking many files at once gives one message per problem, in one run."""
    rows = [c for c in CORPUS if c.name in {"typo-in-field", "octal-number", "unknown-case", "empty-file"}]
    for case in rows:
        case.mutate(minimal_copy)
    result = run_cli(minimal_copy)
    assert result.returncode == 1
    for case in rows:
        assert case.fragment in result.stderr, case.name
    lines = result.stderr.strip().splitlines()
    assert lines[-1].startswith(f"{len(lines) - 1} fejl")
    assert len(lines) - 1 == 4  # one per problem: the typo 'nanv' is not also reported as 'navn' missing


def test_a_broken_file_does_not_also_give_errors_where_it_is_referenced(minimal_copy: Path):
    (minimal_copy / "kilder" / "hjemmeside.yaml").write_text("id: hjemmeside\ntitel: [\n", encoding="utf-8")
    with pytest.raises(ContentErrors) as info:
        load_site(minimal_copy)
    assert [e.file for e in info.value.errors] == ["themes_data/kilder/hjemmeside.yaml"]


def test_every_row_of_the_message_tables_is_exercised_by_the_corpus(tmp_path, monkeypatch):
    """Each row of generator/pydantic_messages.RULES and yaml_messages.RULES answers at least one
    file of the corpus (the functions are wrapped only to see which row answered)."""
    from generator.content import pydantic_messages, yaml_messages, yamlsource

    used: set[str] = set()
    yaml_used: set[str] = set()
    explain, explain_yaml = pydantic_messages.explain, yamlsource.explain_yaml_error

    def recording(raw, model):
        said = explain(raw, model)
        used.add(said.rule)
        return said

    def recording_yaml(exc, text):
        said = explain_yaml(exc, text)
        yaml_used.add(said.rule)
        return said

    monkeypatch.setattr(pydantic_messages, "explain", recording)
    monkeypatch.setattr(yamlsource, "explain_yaml_error", recording_yaml)
    for i, case in enumerate(CORPUS):
        data = tmp_path / str(i) / "themes_data"
        shutil.copytree(MINIMAL, data)
        case.mutate(data)
        with pytest.raises(ContentErrors):
            load_site(data)
    rows = [r.name for r in pydantic_messages.RULES]
    assert len(rows) == len(set(rows)) and rows[-1] == "other"
    # The last row is the net for error types no model field can raise yet (tested below).
    assert not set(rows[:-1]) - used, f"rows no corpus file reaches: {sorted(set(rows[:-1]) - used)}"
    yaml_rows = {r.name for r in yaml_messages.RULES}
    assert not yaml_rows - yaml_used, f"YAML rows no corpus file reaches: {sorted(yaml_rows - yaml_used)}"


def test_an_error_type_no_row_names_is_still_danish():
    from pydantic import BaseModel

    from generator.content.pydantic_messages import explain

    said = explain({"type": "a_type_pydantic_adds_later", "loc": ("felt",), "input": 2.5}, BaseModel)
    assert said.rule == "other" and said.message == "'2.5' er ikke en gyldig værdi her"
    assert "redaktørvejledningen" in said.hint
