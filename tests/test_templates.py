"""Templates present, Python decides (issue 21): every template is short and shapes no data.

A template loops over lists that are already in order, tests flags that are already decided
and prints words that are already chosen; its page's view (generator/render/views/) made every
decision. These tests hold each template to that, and every planned page to having a view.

Escaping is the render environment's, not the templates' (issue 25): every `{{ … }}` is escaped
for Markdown by default (templating.escape_markdown), so a template never escapes a value itself,
nor marks one as safe. Only where it writes raw HTML (a tag's attributes, a block of HTML that
Python-Markdown passes through) does it say so, with `e` (or `qr`, `tojson`).
"""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest

from generator.content.linker import link
from generator.content.loader import load
from generator.render import pages as P
from generator.render.plan import plan

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


# ---- escaping: one default, in the environment; raw HTML says so

# What a template must never do: escape by hand (the old `text` filter) or mark a value as
# already Markdown, which would skip the environment's escaping.
HAND_ESCAPING = re.compile(r"\|\s*(text|safe)\b|\bMarkup\b|\bMarkdown\(")
# Filters that make a value fit raw HTML: HTML-escaped (`e`), a data URI (`qr`), a JS string.
RAW_HTML_FILTER = re.compile(r"\|\s*(e|escape|qr|tojson)\s*-?\}\}$")
HTML_ESCAPE = re.compile(r"\|\s*(e|escape)\b")
_EXPRESSION = re.compile(r"\{\{.*?\}\}", re.S)
_START_TAG = re.compile(r"<[A-Za-z][\w:-]*(?:\s[^<>]*)?>")
_BLOCK_START = re.compile(r"(?m)^<([A-Za-z][\w-]*)\b[^<>]*>")
BLOCK_LEVEL = frozenset(markdown.Markdown().block_level_elements)


def raw_html_spans(text: str) -> list[tuple[int, int]]:
    """Where a template writes raw HTML, which Python-Markdown passes through unchanged: every
    start tag (its attributes), and each block-level element that opens a line without the
    `markdown` attribute, to its closing tag."""
    spans = [m.span() for m in _START_TAG.finditer(text)]
    for block in _BLOCK_START.finditer(text):
        name = block.group(1).lower()
        if name in BLOCK_LEVEL and not re.search(r"\smarkdown\b", block.group(0)):
            end = text.find(f"</{name}>", block.end())
            spans.append((block.start(), len(text) if end < 0 else end))
    return spans


def escaping_problems(text: str) -> list[str]:
    found = [
        f"line {text.count(chr(10), 0, m.start()) + 1}: {m.group(0)!r}" for m in HAND_ESCAPING.finditer(text)
    ]
    raw = raw_html_spans(text)
    for expr in _EXPRESSION.finditer(text):
        line = text.count("\n", 0, expr.start()) + 1
        in_raw = any(start <= expr.start() < end for start, end in raw)
        if in_raw and not RAW_HTML_FILTER.search(expr.group(0)):
            found.append(f"line {line}: {expr.group(0)} is in raw HTML: end it with `| e`")
        if not in_raw and HTML_ESCAPE.search(expr.group(0)):
            found.append(f"line {line}: {expr.group(0)} is Markdown: `e` escapes for HTML, not for Markdown")
    return found


@pytest.mark.parametrize(
    "template", [t for t in TEMPLATES if t.name.endswith(".md.j2")], ids=lambda p: p.name
)
def test_template_leaves_escaping_to_the_environment(template: Path):
    problems = escaping_problems(template.read_text(encoding="utf-8"))
    assert not problems, f"{template.name}: " + "; ".join(problems)


def test_escaping_rules_catch_what_they_forbid():
    """The hand-placed filters the templates used to hold, a value marked safe, a value in raw
    HTML without `e`, and `e` in Markdown are each found; the allowed forms are not."""
    bad = (
        "# {{ view.name | text }}\n{{ x | safe }}\n"
        '<div class="{{ sheet.css }}" markdown>\n\n{{ title | e }}\n\n</div>\n'
        "<form>\n<option>{{ o.label }}</option>\n</form>\n"
    )
    assert len(escaping_problems(bad)) == 5, escaping_problems(bad)
    good = (
        "# {{ view.name }}\n"
        '<div class="{{ sheet.css | e }}" markdown>\n\n'
        "[{{ t }}]({{ href(x) }}) <span>{{ y }}</span>\n\n</div>\n"
        '<form>\n<option value="{{ o.value | e }}">{{ o.label | e }}</option>\n</form>\n'
        '<img src="{{ url | qr }}" alt="{{ n | e }}">\n<script>go({{ p | tojson }})</script>\n'
    )
    assert escaping_problems(good) == []
