"""Every value a template prints reaches the reader as exactly the characters it holds (issue 25).

The render environment escapes each `{{ … }}` for Markdown by default (templating.escape_markdown,
markdown_safety.escape_inline); the templates escape nothing by hand (tests/test_templates.py).
Here each decision is tested where it is made: every context a template writes a value in, with
Markdown's metacharacters, through the real environment and the project's Python-Markdown.
tests/test_escaping_fields.py plants such values in every string field of every model and
builds the site.
"""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from markupsafe import Markup

from generator.content.markdown_safety import safe_markdown
from generator.render import templating

from .conftest import project_converter

# Each character Markdown or one of the site's extensions may read as markup, somewhere.
METACHARACTERS = "|*_[]()#<>&\\`~{}!+-.:=\"'^$%@/"

VALUES = [
    *METACHARACTERS,
    *(f"a{c}b" for c in METACHARACTERS),
    *(f"{c} x" for c in METACHARACTERS),
    *(f"{c}{c}{c}" for c in METACHARACTERS),
    "Bo | Odense | Herning",
    "*fed* og _kursiv_ og __fed__ og **fed**",
    "[link](https://x.dk/) og ![billede](x.png) og [ref][r]",
    "<https://x.dk/> og <mailto:a@x.dk> og <b>fed</b>",
    "&amp; &lt; &#42; &copy; & ; &",
    "`kode` og ``kode``",
    "{: .klasse } { #id } {.x} {j}",
    "1. november 2026",
    "2021) år",
    "a (b) c",
    "a) b",
    "(a",
    "Slut med #",
    "C#",
    "# Overskrift",
    "## Overskrift ##",
    "> citat",
    "- punkt",
    "+ punkt",
    "* punkt",
    "---",
    "===",
    "***",
    "___",
    "!!! note",
    "~~~",
    "```",
    ": definition",
    "    indrykket",
    "linje\nnæste linje\n# overskrift\n- punkt",
    "bag\\\\slash \\* \\_ \\| \\",
    "x  ",
    "\tfane",
    "![",
    "[^1]",
    "*[HTML]: Hyper",
    '" onmouseover="alert(1)" x="',
    "' onmouseover='alert(1)' x='",
    "a\u00a0b",
]

# Values with white space at an end. A content value has none (validation strips it); a view's
# separators (" · ", " og ") do, and stand between words, never inside a template's `*…*`.
SPACED = {"    indrykket", "x  ", "\tfane"}
DELIMITED = {"bold label", "emphasis"}

# A template's ways of printing a value into Markdown, and in raw HTML (with `e`).
CONTEXTS = {
    "running text": "Før {{ v }} efter.",
    "line start": "{{ v }}",
    "line start, then a class": "{{ v }}\n{: .vive-kontekst }",
    "heading with an anchor": "## {{ v }} { #afsnit }",
    "heading": "# {{ v }}",
    "numbered": "{{ n }}. {{ v }}",
    "list item": "- {{ v }}",
    "bold label": "**{{ v }}:** x",
    "emphasis": "*{{ v }}*. x",
    "table cell": "| A | B |\n|---|---|\n| {{ v }} | b |\n| a | b |",
    "link text": "[{{ v }}](https://x.dk/)",
    "link text in a table": "| A | B |\n|---|---|\n| [{{ v }}](https://x.dk/) | b |",
    "definition": "Term\n:   {{ v }}",
    "in a span": '<span class="x">{{ v }}</span> efter',
    "in a markdown block": '<div class="x" markdown>\n\n{{ v }}\n\n</div>',
    "attribute list": 'Tekst\n{: .x title="{{ v }}" }',
    "raw HTML attribute": '<p title="{{ v | e }}">x</p>',
    "raw HTML text": '<form>\n<select><option value="{{ v | e }}">{{ v | e }}</option></select>\n</form>',
}


class _Page(HTMLParser):
    """The elements (with attributes) and the text of a piece of HTML, as a browser reads it."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str]] = []
        self.text: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        # A heading's own anchor is the slug of its text (toc): not the value, by design.
        self.attrs += [
            (n, v or "") for n, v in attrs if n != "id" and not (n == "href" and v and v[0] == "#")
        ]

    def handle_endtag(self, tag: str) -> None:
        self.tags.append("/" + tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def shown(self) -> str:
        return " ".join("".join(self.text).split())


def _html(template: str, value: object) -> str:
    markdown = templating.environment().from_string(template).render(v=value, n=3)
    return project_converter().html(markdown)


def _words(text: str) -> str:
    return " ".join(text.split())  # as HTML shows text: runs of white space are one space


@pytest.mark.parametrize("context", CONTEXTS)
def test_every_value_is_shown_as_written_in_every_context(context: str):
    """The reader sees the exact characters, with the elements of a plain word around them:
    no emphasis, link, heading, list, code, table cell or attribute of the value's own."""
    template = CONTEXTS[context]
    plain = _Page(_html(template, "ORD"))
    wrong = []
    for value in VALUES if context not in DELIMITED else [v for v in VALUES if v not in SPACED]:
        page = _Page(_html(template, value))
        expected = plain.shown().replace("ORD", _words(value)) if _words(value) else None
        if page.tags != plain.tags:
            wrong.append(f"{value!r}: elements {page.tags} instead of {plain.tags}")
        elif expected is not None and page.shown() != expected:
            wrong.append(f"{value!r}: shows {page.shown()!r}, not {expected!r}")
        elif [a for a, _ in page.attrs] != [a for a, _ in plain.attrs]:
            wrong.append(f"{value!r}: attributes {page.attrs}")
        elif [_words(v.replace("ORD", value)) for _, v in plain.attrs] != [_words(v) for _, v in page.attrs]:
            wrong.append(f"{value!r}: attribute values {page.attrs}")
    assert not wrong, f"{context}:\n" + "\n".join(wrong)


URLS = [
    "https://x.dk/a_b_c/*d*/__e__/",
    "https://x.dk/sti(med)parentes",
    "https://x.dk/a)b",
    "https://x.dk/(a",
    "https://x.dk/a|b[c]{d}~e!f+g-h.i:j;k=l@m$n,o%20p#q",
    "https://x.dk/a\\b`c`",
    "https://x.dk/a&b=c",
    "https://x.dk/a b",
    "https://x.dk/1.-2",
]


@pytest.mark.parametrize("template", ["[{{ u }}]({{ u }})", "| A |\n|---|\n| [x]({{ u }}) |"])
def test_a_url_is_the_link_target_as_written(template: str):
    """In a link's target too: an unbalanced parenthesis, a space, `|` in a table."""
    for url in URLS:
        page = _Page(_html(template.replace("u", "v"), url))
        assert ("href", url) in page.attrs, (url, page.attrs)
        assert page.tags.count("a") == 1, (url, page.tags)


def test_values_are_escaped_by_the_environment_and_marked_markdown_passes():
    env = templating.environment()
    assert env.finalize is templating.escape_markdown and env.autoescape is True
    assert env.from_string("{{ v }}").render(v="a|b *c*") == "a\\|b \\*c\\*"
    assert env.from_string("{{ v }}").render(v=templating.Markdown("**fed**")) == "**fed**"
    assert env.from_string("{{ v }}").render(v=Markup("<wbr>")) == "<wbr>"
    with templating.rendering(project_converter()) as noted:  # `md` works while a page renders
        assert env.from_string("{{ v | md }}").render(v="**fed** | x") == "**fed** \\| x"
    assert noted == ["**fed** | x"]
    with pytest.raises(RuntimeError):  # and never with a converter left over from another page
        env.from_string("{{ v | md }}").render(v="x")
    assert env.from_string("{{ v }}").render(v=7) == "7"
    assert "text" not in env.filters  # the hand-placed filter it replaces


def test_the_bytecode_cache_is_kept_apart_from_one_compiled_to_escape_otherwise():
    """Jinja compiles autoescape and finalize into a template: a cache file written by a version
    that escaped otherwise (same template source, same checksum) must not be read."""
    cache = templating.bytecode_cache()
    assert cache is not None
    assert templating.ESCAPING in cache.pattern  # type: ignore[attr-defined]
    assert cache.pattern != "__jinja2_%s.cache"  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("text", "table"),
    [
        ("a | b\n--- | ---\nc | d", False),
        ("| a | b |\n|---|---|\n| c | d |", False),
        ("Brug `a | b` i koden", False),
    ],
)
def test_a_markdown_field_makes_no_table_and_shows_its_pipes(text: str, table: bool):
    html = project_converter().html(safe_markdown(text, project_converter()))
    page = _Page(html)
    assert ("table" in page.tags) is table
    assert page.shown().count("|") == text.count("|")


def test_a_markdown_field_keeps_its_pipe_in_a_table_cell():
    """Set in a table cell, a text with `|` stays in its cell."""
    cell = safe_markdown("a | b *c*", project_converter())
    page = _Page(project_converter().html(f"| A | B |\n|---|---|\n| {cell} | x |"))
    assert page.tags.count("td") == 2 and "a | b c" in page.shown()


def test_the_reported_faults_a_pipe_in_a_name_a_title_and_a_key_figure_and_an_address(minimal_copy):
    """Issue 25.4 as reported: `|` in a case name flattened the themes × cases table, in a theme
    title it broke its row, in a key figure's text the rest was lost; SITE_URL with `*` and `_`
    printed emphasis on handouts and cards."""
    from generator import generate

    def edit(rel: str, old: str, new: str) -> None:
        path = minimal_copy / rel
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new), encoding="utf-8")

    edit("cases/aaby.yaml", "navn: Åby Kommune", "navn: Åby | Øby Kommune")
    edit("temaer/01-fleksibel.yaml", "titel: En fleksibel indsats", "titel: Fleksibel | tilpasset indsats")
    edit("kortlaegninger/bostoette.yaml", "betydning: kommuner besøgt", "betydning: kommuner | besøgt")
    address = "https://kvalitet.dk/*vive*/__x__/"
    files = generate(minimal_copy, address).files
    convert = project_converter().html

    matrix = _Page(convert(files["bostoette/matrix.md"].split("\n---\n", 1)[1]))
    assert matrix.tags.count("th") == 3 and matrix.tags.count("td") == 2 * 3
    assert "Åby | Øby Kommune" in matrix.shown() and "1. Fleksibel | tilpasset indsats" in matrix.shown()
    mapping = _Page(convert(files["bostoette/index.md"].split("\n---\n", 1)[1]))
    assert "2 kommuner | besøgt" in mapping.shown()
    theme = _Page(convert(files["bostoette/fleksibel.md"].split("\n---\n", 1)[1]))
    cards = _Page(convert(files["bostoette/spoergsmaalskort.md"].split("\n---\n", 1)[1]))
    assert f"{address}bostoette/fleksibel/" in theme.shown()
    assert "kvalitet.dk/*vive*/__x__/bostoette/fleksibel/" in cards.shown()
