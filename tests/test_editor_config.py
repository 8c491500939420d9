"""The content editor's configuration is generated from the content model (editors/decap.py): every
kind a collection, every model field a form field and no other, Danish labels and help texts from
the model, references chosen from lists, and form rules that accept every value the content has."""

from __future__ import annotations

import copy
import json

import pytest

from generator.content.kinds import KINDS, SPECS
from generator.content.loader import content_files
from generator.content.model import Kind, Strict
from generator.content.yamlsource import read_yaml
from generator.editors.admin import Backend, config_json
from generator.editors.canonical import FORMAT_SCRIPT, run_node
from generator.editors.decap import check_complete, collections

from .conftest import DATA


@pytest.fixture(scope="module")
def found():
    return collections()


def _models() -> set[type[Strict]]:
    """Every model class a content file can hold, nested ones included."""
    seen: set[type[Strict]] = set()
    todo: list[type] = list(KINDS.values())
    while todo:
        model = todo.pop()
        if model in seen or not (isinstance(model, type) and issubclass(model, Strict)):
            continue
        seen.add(model)
        for info in model.model_fields.values():
            todo += _classes(info.annotation)
    return seen


def _classes(annotation) -> list[type]:
    args = getattr(annotation, "__args__", ())
    return (
        [annotation, *(c for a in args for c in _classes(a))] if isinstance(annotation, type) or args else []
    )


def test_every_kind_is_a_collection_and_every_model_field_a_form_field(found):
    assert [c["name"] for c in found] == [s.kind.value for s in SPECS]
    assert check_complete(found) == []


@pytest.mark.parametrize("change", ["remove", "add", "nested"])
def test_a_form_field_without_a_model_field_or_the_reverse_is_found(found, change):
    broken = copy.deepcopy(found)
    theme = next(c for c in broken if c["name"] == "temaer")
    if change == "remove":
        theme["fields"] = [f for f in theme["fields"] if f["name"] != "soegeord"]
    elif change == "add":
        theme["fields"].append({"name": "farve", "label": "Farve", "widget": "string"})
    else:
        kort = next(f for f in theme["fields"] if f["name"] == "kort_fortalt")
        kort["fields"] = [f for f in kort["fields"] if f["name"] != "grundlag"]
    problems = check_complete(broken)
    assert len(problems) == 1 and problems[0].startswith("temaer")


def test_every_model_field_has_a_danish_label_in_the_model():
    unlabelled = [
        f"{model.__name__}.{name}"
        for model in _models()
        for name, info in model.model_fields.items()
        if not info.title or info.title == name
    ]
    assert unlabelled == []
    assert {m.__name__ for m in _models()} >= {"Tema", "Blok", "Spoergsmaal", "Gennemgang", "Temakapitel"}


def _walk(fields, path=""):
    for f in fields:
        yield f"{path}{f['name']}", f
        yield from _walk(f.get("fields", []), f"{path}{f['name']}.")
        if "field" in f:
            yield f"{path}{f['name']}[]", f["field"]


def test_references_are_chosen_from_lists_and_lists_can_be_added_to(found):
    theme = dict(_walk(next(c for c in found if c["name"] == "temaer")["fields"]))
    assert theme["kilder"]["widget"] == "relation" and theme["kilder"]["collection"] == "kilder"
    assert theme["kilder"]["multiple"] is True
    assert theme["kortlaegning"]["collection"] == "kortlaegninger"
    assert theme["cases.case"]["collection"] == "cases"
    assert theme["perspektiver.perspektiv"]["collection"] == "perspektiver"
    assert theme["relateret.temaer"]["collection"] == "temaer"
    assert theme["refleksionsspoergsmaal"]["widget"] == "list"
    assert theme["refleksionsspoergsmaal"]["label_singular"] == "refleksionsspørgsmål"
    assert theme["soegeord"]["label_singular"] == "søgeord"
    assert theme["kort_fortalt.tekst"]["widget"] == "markdown" and theme["kort_fortalt.tekst"]["modes"] == [
        "raw"
    ]
    assert theme["kort_fortalt.grundlag"]["options"][0] == {"label": "Kortlægningen", "value": "kortlaegning"}
    every = [f for c in found for _, f in _walk(c["fields"])]
    ids = [
        f for f in every if f.get("widget") == "string" and "[a-z0-9]+(-[a-z0-9]+)*" in str(f.get("pattern"))
    ]
    assert {f["name"] for f in ids} == {"id", "fund"}  # the only ids typed, not chosen: an entry's own
    without_help = [
        f"{c['name']}.{name}"
        for c in found
        for name, f in _walk(c["fields"])
        if not name.endswith("[]") and not f.get("hint")
    ]
    assert without_help == []  # every field with its own help text, from the model


def _values(data, fields):
    """(form field, value) for every value of a file, through the form's fields."""
    by_name = {f["name"]: f for f in fields}
    for name, value in data.items():
        f = by_name[name]
        if isinstance(value, dict):
            yield from _values(value, f["fields"])
        elif isinstance(value, list) and "fields" in f:
            for item in value:
                yield from _values(item, f["fields"])
        elif isinstance(value, list) and "field" in f:
            yield from ((f["field"], item) for item in value)
        else:
            yield f, value


@pytest.mark.build
def test_the_forms_rules_accept_every_value_the_content_has(found):
    """Each pattern as Decap compiles it (JavaScript's RegExp, no flags): a rule that refused a
    value the model accepts (a Danish search word) would make that file impossible to save."""
    by_kind = {c["name"]: c for c in found}
    checks = []
    for kind, path in content_files(DATA):
        for f, value in _values(read_yaml(path, path.name).data, by_kind[kind]["fields"]):
            if "pattern" in f:
                checks.append(
                    {"pattern": f["pattern"][0], "value": str(value), "where": f"{path.name}:{f['name']}"}
                )
    assert len(checks) > 800
    script = (
        "const checks = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
        "const refused = checks.filter(c => !RegExp(c.pattern).test(c.value));"
        "process.stdout.write(JSON.stringify(refused.map(c => c.where)));"
    )
    refused = json.loads(_node_eval(script, checks))
    assert refused == []


def _node_eval(script: str, payload) -> str:
    import subprocess

    from generator.editors.canonical import node

    return subprocess.run(
        [node(), "-e", script],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    ).stdout


@pytest.mark.build
def test_the_forms_rules_refuse_what_the_model_refuses(found):
    theme = dict(_walk(next(c for c in found if c["name"] == "temaer")["fields"]))
    cases = [
        (theme["id"], "Æble"), (theme["id"], "a--b"), (theme["titel"], "   "), (theme["titel"], "x" * 301),
        (theme["soegeord[]"], "job!"), (theme["soegeord[]"], "to  mellemrum"),
        (theme["gennemgang.naeste_gennemgang"], "1. maj 2027"),
        (theme["gennemgang.fagligt_gennemgaaet"], "snart"),
    ]  # fmt: skip
    text = theme["kort_fortalt.tekst"]
    cases += [
        (text, "Se <b>dette</b>."), (text, "Se [her](javascript:alert(1))."),
        (text, "A\n\n[x]: data:text/html,x"), (text, "<javascript:alert(1)>"), (text, "x" * 20_001),
    ]  # fmt: skip
    good = [(theme["soegeord[]"], "livsmål"), (theme["gennemgang.fagligt_gennemgaaet"], "ikke endnu")]
    good += [
        (text, "Se [kilden](https://a.dk/b) og [siden](../kilder/#x) – 3 < 4."),
        (text, "[x]: mailto:a@b.dk"),
    ]
    script = (
        "const c = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
        "process.stdout.write(JSON.stringify(c.map(([p, v]) => RegExp(p).test(v))));"
    )
    results = json.loads(_node_eval(script, [[f["pattern"][0], v] for f, v in cases + good]))
    assert results == [False] * len(cases) + [True] * len(good)
    assert all(f["pattern"][1][:1].isupper() for f, _ in cases)  # a Danish sentence at the field


def test_the_published_config_has_the_github_backend_from_the_environment(monkeypatch):
    monkeypatch.setenv("GITHUB_REPOSITORY", "vive-kvalitet/socialpsykiatri")
    monkeypatch.setenv("CMS_OAUTH_URL", "https://login.example.org")
    setup = json.loads(config_json(Backend.from_environment()))
    backend = setup["config"]["backend"]
    assert backend == {
        "name": "github",
        "repo": "vive-kvalitet/socialpsykiatri",
        "branch": "main",
        "base_url": "https://login.example.org",
    }
    assert setup["config"]["publish_mode"] == "editorial_workflow"
    assert setup["config"]["locale"] == "da"
    assert setup["config"]["local_backend"] == {"url": "http://127.0.0.1:8081/api/v1"}
    assert set(setup["formats"]) == {k.value for k in Kind}


@pytest.mark.build
def test_the_format_script_is_the_one_the_admin_page_loads():
    assert run_node(FORMAT_SCRIPT, []) == []
