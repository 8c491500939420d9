"""The content as open data (/data/v1/): valid against its schema and true to the pages."""

from __future__ import annotations

import html
import json
import os
import re
from pathlib import Path

import jsonschema
import pytest

from generator.render import opendata, pages

from .conftest import SITE_URL


@pytest.fixture(scope="module")
def published(built_site: Path) -> tuple[dict, dict]:
    data = json.loads((built_site / pages.DATA_CONTENT).read_text(encoding="utf-8"))
    schema = json.loads((built_site / pages.DATA_SCHEMA).read_text(encoding="utf-8"))
    return data, schema


def page_html(site: Path, side: str) -> str:
    path = side.partition("#")[0]
    return (site / path / "index.html").read_text(encoding="utf-8")


def article(text: str) -> str:
    match = re.search(r'<article class="md-content__inner[^"]*"[^>]*>(.*?)</article>', text, re.S)
    assert match, "no article"
    return match.group(1)


def ids_in(text: str) -> set[str]:
    return set(re.findall(r'\bid="([^"]+)"', text))


def test_the_published_json_validates_against_its_published_schema(published):
    data, schema = published
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(data)
    assert data["version"] == "1" and data["site_url"] == SITE_URL


def test_the_schema_rejects_what_the_version_does_not_promise(published):
    """The schema is strict enough to fail: an unknown field or a missing one is invalid."""
    data, schema = published
    validator = jsonschema.Draft202012Validator(schema)
    theme = dict(data["temaer"][0])
    extra = {**data, "temaer": [{**theme, "ukendt": 1}]}
    assert not validator.is_valid(extra)
    theme.pop("gennemgang")
    assert not validator.is_valid({**data, "temaer": [theme]})


def test_every_theme_has_its_page_at_the_url_the_json_gives(published, built_site, real_site):
    data, _ = published
    assert len(data["temaer"]) == len(real_site.themes)
    for theme in data["temaer"]:
        # Headings carry soft hyphens where a long word may break (render/hyphenate.py).
        text = article(page_html(built_site, theme["side"])).replace("\xad", "")
        h1 = re.search(r"<h1[^>]*>(.*?)</h1>", text, re.S)
        assert h1 and html.escape(theme["titel"], quote=False) in h1.group(1), theme["id"]
        anchors = ids_in(text)
        for q in theme["refleksionsspoergsmaal"]:
            path, _, anchor = q["side"].partition("#")
            assert path == theme["side"] and anchor == q["id"] in anchors
            assert html.escape(q["spoergsmaal"], quote=False) in text, q["id"]
        for section in theme["perspektiver"]:
            assert section["side"].partition("#")[2] in anchors, section["perspektiv"]
        for link in theme["cases"]:
            case = next(c for c in data["cases"] if c["id"] == link["case"])
            assert f'href="../../{case["side"]}"' in text, (theme["id"], link["case"])
            assert link["rolle_tekst"] in text


def test_every_other_entity_has_its_page_and_anchor(published, built_site):
    data, _ = published
    from generator.content.kinds import SPECS

    titled = [e for spec in SPECS for e in data[spec.data_name]]  # every kind of the registry
    assert len(titled) > 50
    for entity in titled:
        text = article(page_html(built_site, entity["side"])).replace("\xad", "")
        anchor = entity["side"].partition("#")[2]
        assert not anchor or anchor in ids_in(text), entity["side"]
        name = entity.get("titel") or entity.get("navn") or entity["kort_navn"]
        assert html.escape(name, quote=False) in text, entity["side"]


def test_links_and_dates_are_the_content_s(published, real_site):
    """Roles, sources and review dates as the YAML has them (not as a template shows them)."""
    data, _ = published
    for theme in data["temaer"]:
        node = real_site.themes[theme["id"]]
        assert [(c["case"], c["rolle"], c["kilder"]) for c in theme["cases"]] == [
            (case.id, ref.rolle.value, ref.kilder) for case, ref in node.cases
        ]
        reviewed = node.model.gennemgang.reviewed_on
        assert theme["gennemgang"]["fagligt_gennemgaaet"] == (reviewed.isoformat() if reviewed else None)
        assert theme["gennemgang"]["naeste_gennemgang"] == node.model.gennemgang.naeste_gennemgang.isoformat()
        assert set(theme["kilder"]) <= {k["id"] for k in data["kilder"]}
    assert [r["id"] for r in data["pejlemaerker"]] == [r.id for r in real_site.pejlemaerker]


def test_the_developers_page_links_both_files_and_says_terms_citation_and_version(built_site):
    text = article((built_site / "data" / "index.html").read_text(encoding="utf-8"))
    assert 'href="v1/indhold.json"' in text and 'href="v1/indhold.schema.json"' in text
    for anchor in ("vilkaar", "citer", "version"):
        assert f'id="{anchor}"' in text
    assert f"{SITE_URL}data/v1/indhold.json" in text


def test_the_json_is_stable_text(published, built_site):
    """Sorted keys, no timestamps: the same content gives the same bytes (test_sitebuild builds twice)."""
    raw = (built_site / pages.DATA_CONTENT).read_text(encoding="utf-8")
    data, _ = published
    assert raw == opendata.dump(data)
    assert not re.search(r"\d\d:\d\d:\d\d", raw)


def test_the_export_publishes_the_same_data(tmp_path: Path):
    from generator.__main__ import main

    out = tmp_path / "export"
    assert main(["build", "--out", str(out), "--site-url", SITE_URL]) == 0
    exported = json.loads((out / "docs" / pages.DATA_CONTENT).read_text(encoding="utf-8"))
    assert exported["site_url"] == SITE_URL and len(exported["temaer"]) > 10
    assert (out / "docs" / pages.DATA_SCHEMA).is_file()


def test_an_id_may_not_take_the_data_folder(minimal_copy: Path):
    from generator import ContentErrors, load_site

    mapping = next((minimal_copy / "kortlaegninger").glob("*.yaml"))
    old = mapping.stem
    for path in minimal_copy.rglob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(rf"\b{old}\b", "data", text), encoding="utf-8")
    mapping.rename(mapping.with_name("data.yaml"))
    with pytest.raises(ContentErrors) as caught:
        load_site(minimal_copy)
    assert any("mappen /data/ bruges af sitet selv" in e.hint for e in caught.value.errors)


# What /data/v1/ promises (opendata.VERSION_PROMISE): no field is removed, renamed or changes its
# type within v1. tests/data-v1-fields.txt lists every field as published; new fields are added
# with `UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_opendata.py` (lines are never removed).
FIELDS = Path(__file__).with_name("data-v1-fields.txt")


def _golden(path: Path) -> set[str]:
    """The lines a golden list promises (its # comments are its header)."""
    return {line for line in path.read_text(encoding="utf-8").splitlines() if line and line[0] != "#"}


def _add_to_golden(path: Path, current: set[str]) -> None:
    """UPDATE_GOLDEN=1: add what is published now; a line is never removed."""
    lines = path.read_text(encoding="utf-8").splitlines()
    header = "".join(line + "\n" for line in lines if line[:1] == "#")
    path.write_text(header + "".join(f"{x}\n" for x in sorted(_golden(path) | current)), encoding="utf-8")


def schema_fields(schema: dict) -> set[str]:
    """Every field of the published JSON as `path: type`, e.g. `temaer[].nummer: integer`."""
    defs = schema.get("$defs", {})

    def resolve(prop: dict) -> dict:
        return defs[prop["$ref"].split("/")[-1]] if "$ref" in prop else prop

    def type_of(prop: dict) -> str:
        prop = resolve(prop)
        if "anyOf" in prop:
            return "|".join(sorted(type_of(p) for p in prop["anyOf"]))
        if prop.get("type") == "array":
            return f"list[{type_of(prop['items'])}]"
        if "enum" in prop or "const" in prop:
            return "string" if all(isinstance(v, str) for v in prop.get("enum", [prop.get("const")])) else "?"
        return str(prop.get("type", "object")) + (f":{prop['format']}" if "format" in prop else "")

    out: set[str] = set()

    def walk(node: dict, path: str) -> None:
        node = resolve(node)
        for name, prop in node.get("properties", {}).items():
            here = f"{path}.{name}" if path else name
            out.add(f"{here}: {type_of(prop)}")
            inner = resolve(prop)
            if inner.get("type") == "array":
                walk(inner["items"], here + "[]")
            elif "properties" in inner:
                walk(inner, here)

    walk(schema, "")
    return out


def test_version_1_keeps_every_field_it_has_published():
    current = schema_fields(opendata.schema())
    assert "temaer[].gennemgang.fagligt_gennemgaaet: null|string:date" in current
    assert "temaer[].kilder: list[string]" in current
    promised = _golden(FIELDS)
    gone = sorted(promised - current)
    assert not gone, (
        "Felter, som version 1 har lovet, er fjernet, omdøbt eller har fået en ny type:\n  "
        + "\n  ".join(gone)
        + "\nLæg dem tilbage, eller udgiv ændringen som /data/v2/ (se opendata.VERSION_PROMISE)."
    )
    if os.environ.get("UPDATE_GOLDEN"):
        _add_to_golden(FIELDS, current)


def test_the_field_check_notices_a_removed_field():
    schema = opendata.schema()
    theme = schema["$defs"]["TemaV1"]
    del theme["properties"]["nummer"]
    assert "temaer[].nummer: integer" not in schema_fields(schema)


# Every value a field with a fixed set of values has published (`Grundlag: fagblad`); a value
# version 1 stops using is allowed only when opendata.VERSION_CHANGES says so, with its date and
# what is used instead (shown on /data/ and in `vaerdiaendringer`). New values are added with
# UPDATE_GOLDEN=1, as the fields are.
VALUES = Path(__file__).with_name("data-v1-values.txt")


def schema_values(schema: dict) -> set[str]:
    """`Definition: value` or `DefinitionV1.field: value` for every enum and const of the schema."""
    out: set[str] = set()

    def walk(node: object, name: str) -> None:
        if isinstance(node, dict):
            for value in node.get("enum", []) + ([node["const"]] if "const" in node else []):
                out.add(f"{name}: {value}")
            for key, inner in node.items():
                if key == "$defs":
                    for defined, definition in inner.items():
                        walk(definition, defined)
                elif key == "properties":
                    for field, prop in inner.items():
                        walk(prop, f"{name}.{field}" if name else field)
                elif key not in ("enum", "const"):
                    walk(inner, name)
        elif isinstance(node, list):
            for inner in node:
                walk(inner, name)

    walk(schema, "")
    return out


def test_version_1_keeps_every_value_it_has_published_or_says_why_not():
    current = schema_values(opendata.schema())
    assert {"Grundlag: fagblad", "CaseV1.type: botilbud", "version: 1"} <= current
    promised = _golden(VALUES)
    announced = {f"{c.field}: {c.removed}" for c in opendata.VERSION_CHANGES}
    gone = sorted(promised - current - announced)
    assert not gone, (
        "Værdier, som version 1 har udgivet, bruges ikke længere:\n  "
        + "\n  ".join(gone)
        + "\nLæg dem tilbage, skriv ændringen i opendata.VERSION_CHANGES (den vises på /data/), "
        + "eller udgiv den som /data/v2/."
    )
    for change in opendata.VERSION_CHANGES:
        assert f"{change.field}: {change.removed}" not in current, change  # really gone
        assert {f"{change.field}: {r}" for r in change.replaced_by} <= current, change
    if os.environ.get("UPDATE_GOLDEN"):
        _add_to_golden(VALUES, current)


def test_the_value_check_notices_a_removed_value():
    schema = opendata.schema()
    schema["$defs"]["CaseV1"]["properties"]["type"]["enum"].remove("kommune")
    assert "CaseV1.type: kommune" not in schema_values(schema)
    assert "CaseV1.type: botilbud" in schema_values(schema)


def test_the_data_page_and_the_data_say_each_value_change(built_site: Path, published):
    data, _ = published
    page = (built_site / pages.OPEN_DATA_FOLDER / "index.html").read_text(encoding="utf-8")
    assert [c["fjernet"] for c in data["vaerdiaendringer"]] == [c.removed for c in opendata.VERSION_CHANGES]
    for change in opendata.VERSION_CHANGES:
        assert f"{change.field} har ikke længere værdien {change.removed}, men" in html.unescape(page)
