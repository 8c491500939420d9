"""YAML syntax errors reach the editor in Danish, at the line to fix, with a hint.

PyYAML's own messages are English and often point past the mistake (an indented first
field is noticed only at the next field). The fault hunt mutated real files at random;
the last test repeats that with a fixed seed.
"""

from __future__ import annotations

import random
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.content.yaml_messages import RULES, explain_yaml_error
from generator.content.yamlsource import YamlReadError, _StrictLoader, read_yaml

from .conftest import DATA, ROOT

ENGLISH = re.compile(r"\b(expected|found|while|but|got|scanning|parsing|token|stream|document start)\b")


def error_for(tmp_path: Path, text: str):
    path = tmp_path / "f.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(YamlReadError) as info:
        read_yaml(path, "f.yaml")
    return info.value.error


@pytest.mark.build
def test_an_indented_first_field_is_named_at_its_own_line(tmp_path):
    """The fault hunt's case: `sed -i '2s/^/ /'` on a real file (line 1 is a comment)."""
    data = tmp_path / "themes_data"
    shutil.copytree(DATA, data)
    target = data / "kilder" / "odense-housing-first.yaml"
    subprocess.run(["sed", "-i", "2s/^/ /", str(target)], check=True)
    result = subprocess.run(
        [sys.executable, "-m", "generator", "--data", str(data), "validate"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    where = "themes_data/kilder/odense-housing-first.yaml:2:1"
    assert f"{where}: ugyldig YAML: filens første felt er rykket ind" in result.stderr
    assert "fjern mellemrummene før 'id'" in result.stderr
    assert not ENGLISH.search(result.stderr), result.stderr


# One row or more for every row of the table in generator/content/yaml_messages.py (checked below).
SYNTAX_ERRORS = [
    (
        "indented-first-field",
        " id: x\nnavn: y\n",
        1,
        "første felt er rykket ind",
        "fjern mellemrummene før 'id'",
    ),
    ("unclosed-list", "id: x\nkilder: [a, b\nnavn: y\n", 2, "liste i [ ] bliver ikke lukket", "]"),
    ("unclosed-mapping", "id: x\nk: {a: 1\nnavn: y\n", 2, "samling i { } bliver ikke lukket", "}"),
    ("unknown-escape", 'id: x\nnavn: "a\\qb"\n', 2, "omvendt skråstreg", "\\\\"),
    ("misplaced-list-item", "id: x\nnavn: y\n- a\n", 3, "linje med '- '", "under feltnavnet"),
    ("text-after-block-indicator", "id: x\nnavn: |x\n  a\n", 2, "efter | eller >", "næste linje"),
    ("cannot-start-value", "id: x\nnavn: `a`\n", 2, "tegnet '`' kan ikke stå først", "anførselstegn"),
    ("cannot-start-value", "id: x\nnavn: @a\n", 2, "tegnet '@' kan ikke stå først", "anførselstegn"),
    ("directive", "%YAML 1.1\n%YAML 1.1\nid: x\n", 2, "starter med %", "slet"),
    (
        "text-after-quote",
        'id: x\nnavn: "a" b\n',
        2,
        "tekst efter det afsluttende anførselstegn",
        "anførselstegn",
    ),
    ("unopened-bracket", "id: x\nnavn: [a]]\n", 2, "tegnet ] står uden et [", "anførselstegn"),
    ("unopened-bracket", "id: x\nnavn: }\n", 2, "tegnet } står uden et {", "anførselstegn"),
    ("missing-colon", "id: x\ntekst: |\nabc\nnavn: y\n", 3, "mangler et kolon", "ryk den ind"),
    ("unclosed-quote", "id: x\nnavn: 'abc\n", 2, "bliver ikke afsluttet", "samme anførselstegn"),
    ("unclosed-quote", 'id: x\nnavn: "abc\n---\n"\n', 2, "bliver ikke afsluttet", "samme anførselstegn"),
    ("indentation", "id: x\ntekst:\n  a: 1\n b: 2\n", 4, "indrykningen passer ikke", "mellemrum"),
    ("tab", "id: x\nnavn:\n\t- a\n", 3, "tabulatortegn (tab)", "mellemrum i stedet for tab"),
    ("line-outside-field", "id: x\n...\nnavn\n", 3, "hører ikke til noget felt", "kolon og mellemrum"),
    ("colon-in-value", "id: x\nnavn: a: b\n", 2, "et kolon står et sted", "anførselstegn"),
    ("second-document", "id: x\n---\nnavn: y\n", 2, "kun indeholde ét dokument", "slet linjen ---"),
    ("anchor-alias-or-tag", "id: x\nnavn: & a\n", 2, "tegnet '&' kan ikke stå først", "anførselstegn"),
    ("anchor-alias-or-tag", "id: x\nnavn: !<x\n", 2, "tegnet '!' kan ikke stå først", "anførselstegn"),
    ("other", "id: x\nnavn: ? a\n", 2, "kan ikke læses som YAML fra dette sted", "kolon og mellemrum"),
]


@pytest.mark.parametrize(("rule", "text", "line", "message", "hint"), SYNTAX_ERRORS)
def test_yaml_syntax_errors_are_danish_with_line_and_hint(tmp_path, rule, text, line, message, hint):
    error = error_for(tmp_path, text)
    assert error.line == line, error.format()
    assert message in error.message, error.format()
    assert hint in error.hint, error.format()
    assert not ENGLISH.search(error.message + error.hint), error.format()
    path = tmp_path / "f.yaml"
    with pytest.raises(yaml.MarkedYAMLError) as raw:
        yaml.load(text, Loader=_StrictLoader)  # noqa: S506 (a safe loader)
    assert explain_yaml_error(raw.value, text).rule == rule, path


def test_every_row_of_the_yaml_message_table_is_exercised():
    rows = [r.name for r in RULES]
    assert len(rows) == len(set(rows))
    assert {rule for rule, *_ in SYNTAX_ERRORS} == set(rows)


# Characters with a meaning in YAML, a tab, and indentation one space off.
MUTATIONS = [" ", "  ", ":", ": ", '"', "'", "[", "]", "{", "}", "- ", "|", ">", "#"]
MUTATIONS += ["@", "`", "%", "\\", "?", "\t", "&", "*", "!"]


def mutate(text: str, rng: random.Random) -> str:
    lines = text.splitlines(keepends=True)
    number = rng.randrange(len(lines))
    line = lines[number]
    if rng.random() < 0.3 and line.startswith(" "):
        lines[number] = line[1:]  # one space less indentation
    else:
        column = rng.randrange(len(line) or 1)
        lines[number] = line[:column] + rng.choice(MUTATIONS) + line[column:]
    return "".join(lines)


def test_300_random_mutations_of_real_files_never_show_pyyaml_english(tmp_path):
    rng = random.Random(13)
    files = sorted(DATA.rglob("*.yaml"))
    refused = 0
    for attempt in range(300):
        source = rng.choice(files)
        text = mutate(source.read_text(encoding="utf-8"), rng)
        path = tmp_path / f"m{attempt}.yaml"
        path.write_text(text, encoding="utf-8")
        try:
            read_yaml(path, path.name)
        except YamlReadError as exc:
            refused += 1
            error = exc.error
            assert error.message.strip() and error.hint.strip(), (source, error.format())
            assert 1 <= error.line <= text.count("\n") + 1, (source, error.format())
            assert not ENGLISH.search(error.message + " " + error.hint), (source, text, error.format())
    assert refused > 50  # the mutations do break files (the rest stay valid YAML)


def test_the_preview_reads_a_file_again_only_when_it_changed(tmp_path, monkeypatch):
    """`mkdocs serve` keeps parsed files (remember_documents); a changed file is read again."""
    import os

    from generator.content import yamlsource

    monkeypatch.setattr(yamlsource, "_remembered", {})
    path = tmp_path / "f.yaml"
    path.write_text("id: x\nnavn: Før\n", encoding="utf-8")
    first = read_yaml(path, "f.yaml")
    assert read_yaml(path, "f.yaml") is first  # unchanged: the same document
    path.write_text("id: x\nnavn: Eft\n", encoding="utf-8")  # same size
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000))
    assert read_yaml(path, "f.yaml").data["navn"] == "Eft"
    path.write_text("id: x\nnavn: [\n", encoding="utf-8")
    with pytest.raises(YamlReadError):
        read_yaml(path, "f.yaml")
    path.write_text("id: x\nnavn: Igen\n", encoding="utf-8")
    assert read_yaml(path, "f.yaml").data["navn"] == "Igen"


def test_the_preview_validates_a_file_again_only_when_it_changed(tmp_path, monkeypatch):
    """While documents are remembered, a file's validation is remembered with it (loader._validated):
    a save validates the file it changed, not all of them; an error stays an error."""
    import shutil

    from generator.content import loader, yamlsource

    from .conftest import MINIMAL

    monkeypatch.setattr(yamlsource, "_remembered", {})
    monkeypatch.setattr(loader, "_VALIDATED", yamlsource.DocumentMemo())
    validated: list[str] = []
    real = loader.validate_document
    monkeypatch.setattr(
        loader, "validate_document", lambda kind, doc: validated.append(doc.display) or real(kind, doc)
    )
    data = tmp_path / "themes_data"
    shutil.copytree(MINIMAL, data)
    first, errors, _ = loader.load_partial(data)
    assert errors == [] and len(validated) > 3
    validated.clear()
    again, errors, _ = loader.load_partial(data)
    assert validated == [] and errors == []
    assert {k: {i: v.item for i, v in t.items()} for k, t in again.items.items()} == {
        k: {i: v.item for i, v in t.items()} for k, t in first.items.items()
    }
    theme = next((data / "temaer").rglob("*.yaml"))
    theme.write_text(
        theme.read_text(encoding="utf-8").replace("\nnummer:", "\nnummer: x\nnummerx:", 1), "utf-8"
    )
    _, errors, _ = loader.load_partial(data)
    assert [Path(v).name for v in validated] == [theme.name] and errors
    validated.clear()
    _, errors_again, _ = loader.load_partial(data)
    assert validated == [] and errors_again == errors


def test_the_preview_holds_only_changed_files_texts_to_the_link_policy_again(tmp_path, monkeypatch):
    """The link policy on every text's HTML (text_links) is kept with each remembered document:
    a save checks the file it changed; a breach stays reported until it is mended."""
    import shutil

    from generator.content import loader, text_links, yamlsource
    from generator.content.markdown_html import converter

    from .conftest import MINIMAL, project_config

    monkeypatch.setattr(yamlsource, "_remembered", {})
    monkeypatch.setattr(loader, "_VALIDATED", yamlsource.DocumentMemo())
    monkeypatch.setattr(text_links, "_CHECKED", yamlsource.DocumentMemo())
    checked: list[str] = []
    real = text_links._link_errors
    monkeypatch.setattr(
        text_links,
        "_link_errors",
        lambda loaded, conv: checked.append(loaded.doc.display) or real(loaded, conv),
    )
    data = tmp_path / "themes_data"
    shutil.copytree(MINIMAL, data)
    html = converter(project_config())

    def errors() -> list[str]:
        content, problems, _ = loader.load_partial(data)
        assert problems == []
        return [e.format() for e in text_links.html_link_errors(content, html)]

    assert errors() == [] and len(checked) > 3
    checked.clear()
    assert errors() == [] and checked == []
    theme = data / "temaer" / "01-fleksibel.yaml"
    text = theme.read_text(encoding="utf-8")
    monkeypatch.setattr(loader, "_policy_errors", lambda doc, value, loc: [])  # this check alone
    theme.write_text(text.replace("op og ned.", "op og [ned](javascript:alert(1)).", 1), "utf-8")
    found = errors()
    assert [Path(c).name for c in checked] == [theme.name] and len(found) == 1, found
    checked.clear()
    assert errors() == found and checked == []
    theme.write_text(text, "utf-8")
    assert errors() == [] and [Path(c).name for c in checked] == [theme.name]
