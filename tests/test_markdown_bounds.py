"""No text an editor can save costs more than linear work (issue 25, item 3).

A generated test over pathological Markdown shapes (with mkdocs.yml's extensions): for each,
the work of what `validate` does with a text and of the conversion the build does is counted
(Python line events, deterministic: never the wall time) as the input doubles, and must grow
linearly. Two families per shape: one run that grows without end (refused by
generator/content/markdown_bounds.py before it is converted), and many runs of the shape at
the largest size the bounds allow (converted: each costs at most a constant).
"""

from __future__ import annotations

import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from generator import ContentErrors, load_site
from generator.content.markdown_bounds import MAX_DEPTH, MAX_MARKS, MAX_RUN, TooComplex, excess
from generator.content.markdown_html import Converter
from generator.content.markdown_safety import content_problems, safe_markdown, unsafe_html_links

from .conftest import ROOT, project_config

# Pathological shapes: each a function of a size n (its text grows about linearly in n).
SHAPES: dict[str, Callable[[int], str]] = {
    # inline: openers that never close, matches that rebuild the run, nesting
    "link-openers": lambda n: "[a](" * n,
    "image-openers": lambda n: "![a](" * n,
    "angle-link-openers": lambda n: "[a](<" * n,
    "reference-openers": lambda n: "[a][" * n,
    "autolink-openers": lambda n: "<https://a" * n,
    "html-openers": lambda n: "<a" * n,
    "comment-openers": lambda n: "<!--" * n,
    "brackets": lambda n: "[" * n,
    "nested-brackets": lambda n: "[" * n + "a" + "]" * n,
    "nested-emphasis": lambda n: "*" * n + "a" + "*" * n,
    "nested-strong-em": lambda n: "*_" * n + "a" + "_*" * n,
    "emphasis-openers": lambda n: "*a " * n,
    "underscore-openers": lambda n: "_a " * n,
    "emphasis-matches": lambda n: "*a* " * n,
    "backtick-runs": lambda n: "".join("`" * (i % 7 + 1) + "a" for i in range(n)),
    "backtick-openers": lambda n: "`a " * n,
    "code-matches": lambda n: "`a` " * n,
    "attribute-lists": lambda n: "a" + "{: .x }" * n,
    "heading-braces": lambda n: "# h" + " {" * n,
    "entities": lambda n: "&#" * n + "&amp" * n,
    "escapes": lambda n: "\\" * n,
    "reference-links": lambda n: (
        "".join(f"[a][r{i}] " for i in range(n))
        + "\n"
        + "".join(f"[r{i}]: https://x.dk/{i}\n" for i in range(n))
    ),
    # block: nesting that deepens line by line, and containers
    "quotes-deepening": lambda n: "\n".join(">" * i + " a" for i in range(1, n)),
    "quotes-on-one-line": lambda n: "> " * n + "a",
    "lists-deepening": lambda n: "\n".join("    " * i + "- a" for i in range(n)),
    "star-lists-deepening": lambda n: "\n".join("  " * i + "* a" for i in range(n)),
    "ordered-lists-deepening": lambda n: "\n".join("   " * i + "1. a" for i in range(n)),
    "list-markers-on-one-line": lambda n: "- " + "* + " * n + "a",
    "definitions-deepening": lambda n: "\n".join("    " * i + "T\n" + "    " * i + ":   d" for i in range(n)),
    "admonitions-deepening": lambda n: (
        "\n".join("    " * i + "!!! note" for i in range(n)) + "\n" + "    " * n + "a"
    ),
    "markdown-in-html": lambda n: "<div markdown>\n\n" * n + "a\n\n" + "</div>\n\n" * n,
    "table-columns": lambda n: "|".join(["a"] * n) + "\n" + "|".join(["-"] * n) + "\n" + "|".join(["b"] * n),
    "table-rows": lambda n: "a|b\n-|-\n" + "x|*y*\n" * n,
    "fences": lambda n: "".join("`" * (3 + i % 5) + "\n" for i in range(n)),
    "headings": lambda n: "# h [a](\n" * n,
    "long-line": lambda n: "a" * (10 * n),
}


class OverBudget(Exception):
    pass


def count_lines(call: Callable[[], object], budget: int) -> int:
    """Python line events while `call` runs: the work, counted the same on any machine. Past
    `budget` it stops (a square of a long text would run for minutes)."""
    count = 0

    def local(frame, event, arg):
        nonlocal count
        if event == "line":
            count += 1
            if count > budget:
                raise OverBudget
        return local

    def global_(frame, event, arg):
        return local

    previous = sys.gettrace()
    sys.settrace(global_)
    try:
        call()
    except TooComplex:
        pass
    except OverBudget:
        return count
    finally:
        sys.settrace(previous)
    return count


@pytest.fixture(scope="module")
def converter() -> Converter:
    """The generator's converter with a cache of its own (a hit would not count as work)."""
    return Converter(project_config(ROOT / "mkdocs.yml"))


@pytest.fixture(scope="module")
def engine():
    """Python-Markdown as MkDocs sets it up from mkdocs.yml: the build's conversion of a page."""
    import markdown
    from mkdocs.config import load_config

    cfg = load_config(str(ROOT / "mkdocs.yml"))
    md = markdown.Markdown(extensions=cfg.markdown_extensions, extension_configs=cfg.mdx_configs)

    def convert(text: str) -> str:
        md.reset()
        return md.convert(text)

    return convert


def validate(text: str, converter: Converter) -> None:
    """What `validate` does with a text: the source policy (loader), the bounds, and the HTML
    check of the text it converts (text_links.html_link_errors)."""
    content_problems(text)
    if excess(text) is None:
        unsafe_html_links(text, converter)


def build(text: str, converter: Converter, engine: Callable[[str], str]) -> None:
    """What the build does with a text that passed: escape it, and convert the page."""
    engine(safe_markdown(text, converter))


# Line events per character that no shape here comes near (the most: about 1,750, many
# `[a](<` in runs of 400 characters): a square of a 10 KB text passes it at once, so the old
# code fails fast instead of running for minutes.
PER_CHARACTER = 5_000


def work(call: Callable[[], object], text: str) -> int:
    return count_lines(call, PER_CHARACTER * len(text) + 100_000)


def linear(works: list[int], texts: list[str]) -> bool:
    """Work at about L, 2L, 4L characters: the work a character adds does not grow (a square
    doubles it from one doubling to the next), and no text took more than PER_CHARACTER
    events a character."""
    lengths = [len(t) for t in texts]
    first = (works[1] - works[0]) / (lengths[1] - lengths[0])
    second = (works[2] - works[1]) / (lengths[2] - lengths[1])
    within = all(w <= PER_CHARACTER * n + 100_000 for w, n in zip(works, lengths, strict=True))
    return within and second <= 1.4 * max(first, 1)


def largest_allowed(shape: Callable[[int], str], limit: int = 400) -> str:
    """The shape at the largest size within the bounds and `limit` characters."""
    low, high = 1, 2
    while excess(shape(high)) is None and len(shape(high)) <= limit:
        low, high = high, high * 2
    while high - low > 1:
        middle = (low + high) // 2
        if excess(shape(middle)) is None and len(shape(middle)) <= limit:
            low = middle
        else:
            high = middle
    return shape(low)


def one_run(shape: Callable[[int], str]) -> list[str]:
    """The shape growing without a blank line, from beyond the bounds: about L, 2L and 4L
    characters (sizes found by length: some shapes grow faster than their n)."""
    n = 1
    while len(shape(n)) < 2 * MAX_RUN and excess(shape(n)) is None:
        n *= 2
    texts = [shape(n)]
    for factor in (2, 4):
        m = n
        while len(shape(m)) < factor * len(texts[0]):
            m += max(1, m // 16)
        texts.append(shape(m))
    return texts


@pytest.mark.parametrize("name", sorted(SHAPES))
def test_validate_does_linear_work_on_any_shape(name, converter):
    texts = one_run(SHAPES[name])
    validate("[x](y) *a*", converter)  # imports and the converter's setup are not the text's work
    works = [work(lambda t=t: validate(t, converter), t) for t in texts]
    assert linear(works, texts), f"{name}: {works} line events at {[len(t) for t in texts]} characters"


# Elements with a markdown attribute are capped per text, not per run: a text holds one unit
# of that shape at most, which the one-run family above covers.
REPEATABLE = sorted(set(SHAPES) - {"markdown-in-html"})


@pytest.mark.parametrize("name", REPEATABLE)
def test_the_build_converts_any_allowed_text_in_linear_work(name, converter, engine):
    unit = largest_allowed(SHAPES[name])
    texts = ["\n\n".join([unit] * k) for k in (1, 2, 4)]
    assert all(excess(t) is None for t in texts)
    build(unit[:1], converter, engine), validate("[x](y) *a*", converter)  # setup is not the text's work
    works = [work(lambda t=t: (validate(t, converter), build(t, converter, engine)), t) for t in texts]
    assert linear(works, texts), f"{name}: {works} line events at {[len(t) for t in texts]} characters"


def test_the_bounds_leave_room_for_every_real_text():
    import yaml

    def strings(value: object) -> list[str]:
        if isinstance(value, str):
            return [value]
        items = value.values() if isinstance(value, dict) else value if isinstance(value, list) else []
        return [s for item in items for s in strings(item)]

    pages = [p.read_text(encoding="utf-8") for p in (ROOT / "content").rglob("*.md")]
    texts = [
        s
        for p in (ROOT / "themes_data").rglob("*.yaml")
        for s in strings(yaml.safe_load(p.read_text("utf-8")))
    ]
    assert len(pages) >= 5 and len(texts) > 1000
    assert [t[:40] for t in [*pages, *texts] if excess(t)] == []


# --- at the field: Danish, file and line, never a traceback ---------------------------------


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("*" * 1000 + "a" + "*" * 1000, f"mere end {MAX_MARKS} af tegnene"),
        ("[a](" * 4900, f"mere end {MAX_RUN} tegn"),
        ("\n".join(">" * i + " a" for i in range(1, 40)), f"højst {MAX_DEPTH} er tilladt"),
    ],
    ids=["nested-emphasis", "link-openers", "quotes"],
)
def test_a_text_beyond_the_bounds_is_an_error_at_its_field(minimal_copy: Path, text: str, said: str):
    path = minimal_copy / "cases" / "aaby.yaml"
    block = "|\n" + textwrap.indent(text, " " * 6)
    source = path.read_text(encoding="utf-8").replace("Kommunen tilbyder **gruppeforløb**.", block)
    path.write_text(source, encoding="utf-8")
    with pytest.raises(ContentErrors) as info:
        load_site(minimal_copy)
    [error] = [e for e in info.value.errors if said in e.message]
    assert (error.file, error.field) == ("themes_data/cases/aaby.yaml", "beskrivelse[1].tekst")
    assert error.line >= source[: source.index("|\n      ")].count("\n") + 1 and error.hint


def test_a_hand_written_page_beyond_the_bounds_is_an_error_at_its_line(tmp_path: Path, minimal_copy: Path):
    from .sitecopy import minimal_docs, write_config

    docs = minimal_docs(tmp_path)
    page = docs / "om-sitet.md"
    lines = (
        page.read_text(encoding="utf-8").split("\n")
        + ["", "- a"]
        + ["    " * i + "- a" for i in range(1, 30)]
    )
    page.write_text("\n".join(lines), encoding="utf-8")
    config = write_config(tmp_path, minimal_copy, docs)
    with pytest.raises(ContentErrors) as info:
        load_site(minimal_copy, project_config(config))
    [error] = info.value.errors
    assert Path(error.file).name == "om-sitet.md" and error.line == lines.index("- a") + 1 + MAX_DEPTH
    assert f"højst {MAX_DEPTH}" in error.message


def test_the_converter_refuses_what_the_bounds_refuse(converter):
    with pytest.raises(TooComplex):
        converter.html("*" * 3000 + "a" + "*" * 3000)
