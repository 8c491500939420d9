"""Templates present, Python decides (issue 21): every template is short and shapes no data.

A template loops over lists that are already in order, tests flags that are already decided
and prints words that are already chosen; its page's view (generator/site/views/) made every
decision. These tests hold each template to that, and every planned page to having a view.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.content.linker import link
from generator.content.loader import load
from generator.site import pages as P
from generator.site.render import plan

from .conftest import MINIMAL, ROOT

TEMPLATES = sorted(Path(P.TEMPLATES).glob("*.j2"))
MAX_TAGS = 20

# What shapes data: sorting, filtering, grouping, counting, lookups built in the template, and
# reaching past the view into the whole site or a module.
SHAPING = {
    "a filter that sorts, selects, groups or counts": re.compile(
        r"\|\s*(sort|dictsort|groupby|selectattr|rejectattr|select|reject|map|length|count|sum|unique|min|max)\b"
    ),
    "a variable set in the template": re.compile(r"\{%-?\s*set\b"),
    "a lookup built in the template": re.compile(r"\.(update|append|setdefault)\("),
    "the whole site instead of the view": re.compile(r"\bsite\."),
    "a module instead of the view": re.compile(r"\b(C|opendata|Grundlag|Rolle)\."),
}


# Jinja's own syntax: expressions and statements (a template's prose and scripts are not code).
_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)


def _tags(text: str) -> int:
    return text.count("{%")


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: p.name)
def test_template_is_short(template: Path):
    tags = _tags(template.read_text(encoding="utf-8"))
    assert tags <= MAX_TAGS, f"{template.name}: {tags} tags (at most {MAX_TAGS}); move decisions to its view"


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: p.name)
def test_template_shapes_no_data(template: Path):
    text = template.read_text(encoding="utf-8")
    found = [
        f"line {text.count(chr(10), 0, tag.start()) + 1}: {what} ({hit.group(0)!r})"
        for tag in _JINJA.finditer(text)
        for what, pattern in SHAPING.items()
        for hit in pattern.finditer(tag.group(0))
    ]
    assert not found, f"{template.name}: " + "; ".join(found)


def test_rules_catch_what_they_forbid():
    """The patterns above find the constructs the templates used to hold."""
    old = (
        '{% set missing = theme.sections | selectattr("1.ikke_gengivet") | map("first") | list %}'
        '{% for c in cases | sort(attribute="navn") %}{{ roles.update({1: 2}) }}{{ site.cases }}'
        "{{ Grundlag.redaktionel }}{{ x | length }}"
    )
    hits = {what for tag in _JINJA.findall(old) for what, pattern in SHAPING.items() if pattern.search(tag)}
    assert hits == set(SHAPING)
    assert _tags(old) == 2


@pytest.mark.parametrize("data", [MINIMAL, ROOT / "themes_data"], ids=["minimal", "real"])
def test_every_page_gets_only_its_view(data: Path):
    """No template reaches past its view: the plan hands each page one object, `view`."""
    pages = plan(link(load(data)))
    without = [(p.path, sorted(p.context)) for p in pages if set(p.context) != {"view"}]
    assert not without, without
