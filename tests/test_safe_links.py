"""Every link in the published HTML obeys the link policy (issue 17).

The oracle here is independent of generator/content/markdown_html.py: Python-Markdown set up from the
config MkDocs itself loads from mkdocs.yml, an HTML parser, and the URL rules of the WHATWG
URL standard (strip leading/trailing C0 controls and spaces, drop tab/LF/CR, scheme in any case).
"""

from __future__ import annotations

import html
import itertools
import re
import textwrap
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest

from generator import ContentErrors, load_site
from generator.content.markdown_safety import content_problems, safe_markdown, unsafe_html_links

from .conftest import ROOT, project_converter

SAFE_SCHEMES = {"", "https", "mailto"}  # "" = a relative link on the site


def browser_scheme(value: str) -> str:
    """The scheme a browser gives an (entity-decoded) href: '' for relative, '//' for another host."""
    url = value.strip("".join(map(chr, range(0x21))))
    url = re.sub(r"[\t\n\r]", "", url)
    match = re.match(r"([A-Za-z][A-Za-z0-9+.\-]*):", url)
    if match:
        return match.group(1).lower()
    return "//" if re.match(r"[/\\]{2}", url) else ""


class _Urls(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag, attrs):
        self.urls += [(tag, name, value) for name, value in attrs if name in ("href", "src") and value]


def urls(page_html: str) -> list[tuple[str, str, str]]:
    parser = _Urls()
    parser.feed(page_html)
    parser.close()
    return parser.urls


def unsafe(page_html: str) -> list[str]:
    return [value for _tag, _name, value in urls(page_html) if browser_scheme(value) not in SAFE_SCHEMES]


@pytest.fixture(scope="module")
def to_html():
    """Markdown → HTML exactly as MkDocs sets it up from mkdocs.yml (its own config loader)."""
    from mkdocs.config import load_config

    cfg = load_config(str(ROOT / "mkdocs.yml"))
    md = markdown.Markdown(extensions=cfg.markdown_extensions, extension_configs=cfg.mdx_configs)

    def convert(text: str) -> str:
        md.reset()
        return md.convert(text)

    return convert


# --- the combinatorial test -------------------------------------------------------

# Targets a browser would follow somewhere unsafe, written as an editor (or attacker) can.
UNSAFE_TARGETS = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "&#106;avascript:alert(1)",
    "&#x6A;avascript:alert(1)",
    "&#0000106;avascript:alert(1)",
    "javascript&colon;alert(1)",
    "java\nscript:alert(1)",
    "java\r\nscript:alert(1)",
    "java&#10;script:alert(1)",
    "java&#x09;script:alert(1)",
    "java&Tab;script:alert(1)",
    "&#32;javascript:alert(1)",
    "&#1;javascript:alert(1)",
    "vbscript:msgbox(1)",
    "data:text/html,<b>x</b>",
    "//evil.example/x",
    "/\\evil.example/x",
    "\\\\evil.example/x",
    "&#47;/evil.example/x",
    "/&#x09;/evil.example/x",
    "http://evil.example/",
]
SAFE_TARGETS = ["https://www.sbst.dk/", "mailto:redaktion@example.dk", "../cases/aaby.md#x", "#kilder"]

# How a link carries its target: inline, angle brackets, image, reference (several forms),
# autolink and nesting. `{t}` is the target.
FORMS = {
    "inline": "[link]({t})",
    "inline-title": '[link]({t} "titel")',
    "angle": "[link](<{t}>)",
    "image": "![billede]({t})",
    "reference": "[link][r]\n\n[r]: {t}",
    "reference-same-block": "[link][r]\n[r]: {t}",
    "reference-next-line": "[link][r]\n\n[r]:\n    {t}",
    "reference-collapsed": "[r][]\n\n[r]: <{t}>",
    "reference-unused": "Tekst.\n\n[r]: {t}",
    "autolink": "<{t}>",
    "nested-image": "[![billede]({t})](https://www.sbst.dk/)",
    "nested-link": "[a [b]({t}) c](https://www.sbst.dk/)",
}


def in_context(context: str, form: str) -> str | None:
    """The form placed in a Markdown context, every line of it (None: the form does not fit)."""
    lines = form.split("\n")
    if context == "paragraph":
        return form
    if context == "list-item":
        return "- punkt\n\n" + "\n".join(("- " if i == 0 else "  ") + ln for i, ln in enumerate(lines))
    if context == "ordered-list":
        return "1. punkt\n" + "\n".join(("2. " if i == 0 else "   ") + ln for i, ln in enumerate(lines))
    if context == "nested-list":
        return "- punkt\n    - " + "\n      ".join(lines)
    if context == "block-quote":
        return "\n".join("> " + ln for ln in lines)
    if context == "quote-in-list":
        return "- punkt\n\n" + "\n".join("    > " + ln for ln in lines)
    if context == "definition-list":
        return "Begreb\n:   " + "\n    ".join(lines)
    if context == "admonition":
        return "!!! note\n    " + "\n    ".join(lines)
    if context == "table":
        if "\n" in lines[0] or "|" in lines[0]:
            return None
        rest = "\n".join(lines[1:]).strip()
        return f"| a | b |\n|---|---|\n| {lines[0]} | x |" + (f"\n\n{rest}" if rest else "")
    raise AssertionError(context)


CONTEXTS = [
    "paragraph", "list-item", "ordered-list", "nested-list", "block-quote", "quote-in-list",
    "definition-list", "admonition", "table",
]  # fmt: skip


def combinations(targets: list[str]) -> list[str]:
    texts = []
    for target, form, context in itertools.product(targets, FORMS.values(), CONTEXTS):
        text = in_context(context, form.format(t=target))
        if text is not None:
            texts.append(text)
    return texts


def rejected(text: str) -> bool:
    """What validation says of a text: the source patterns, then the HTML it becomes."""
    return bool(content_problems(text) or unsafe_html_links(text, project_converter()))


def test_every_unsafe_link_form_in_every_context_is_rejected_and_never_published(to_html):
    texts = combinations(UNSAFE_TARGETS)
    assert len(texts) > 2000
    clickable, not_rejected, published = 0, [], []
    for text in texts:
        raw = unsafe(to_html(text))
        clickable += bool(raw)
        if raw and not rejected(text):
            not_rejected.append(text)
        if leaked := unsafe(to_html(safe_markdown(text, project_converter()))):
            published.append((text, leaked))
    # The combinations are real attacks: most would be a clickable unsafe link if not checked.
    assert clickable > len(texts) // 2
    assert not_rejected == [], f"{len(not_rejected)} pass validation, e.g. {not_rejected[:3]}"
    assert published == [], f"{len(published)} reach the HTML, e.g. {published[:3]}"


def test_safe_links_in_every_context_are_accepted_and_kept(to_html):
    lost, kept = [], 0
    for target, form, context in itertools.product(SAFE_TARGETS, FORMS.values(), CONTEXTS):
        text = in_context(context, form.format(t=target))
        if text is None:
            continue
        assert not content_problems(text) and not unsafe_html_links(text, project_converter()), text
        # The escaping shows <…> as text unless it holds an https: or mailto: address.
        if "<{t}>" in form and browser_scheme(target) == "":
            continue
        made = {v for _t, _n, v in urls(to_html(text))}
        if not made <= {v for _t, _n, v in urls(to_html(safe_markdown(text, project_converter())))}:
            lost.append(text)
        kept += target in made
    assert lost == [], f"{len(lost)} safe links disarmed, e.g. {lost[:3]}"
    assert kept > 300


# --- at the YAML field, through the real loader ------------------------------------------


@pytest.mark.parametrize(
    "tekst",
    [
        "- punkt\n\n  [r]: javascript:alert(1)\n\nSe [her][r].",
        "> Se [her][r].\n>\n> [r]: javascript:alert(1)",
        "Se [her](java\nscript:alert(1)).",
        "Begreb\n:   [her][r]\n\n    [r]: javascript:alert(1)",
        "Se [her](//evil.example/x).",
    ],
    ids=["list-item-definition", "quote-definition", "line-break", "definition-list", "protocol-relative"],
)
def test_a_link_that_only_the_html_shows_is_an_error_at_its_line(minimal_copy: Path, tekst: str):
    path = minimal_copy / "cases" / "aaby.yaml"
    block = "|\n" + textwrap.indent(tekst, " " * 6)
    text = path.read_text(encoding="utf-8").replace("Kommunen tilbyder **gruppeforløb**.", block)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentErrors) as info:
        load_site(minimal_copy)
    [error] = [e for e in info.value.errors if "linket" in e.message]
    assert (error.file, error.field) == ("themes_data/cases/aaby.yaml", "beskrivelse[1].tekst")
    line = text.splitlines()[error.line - 1]
    assert ("java" in line or "evil" in line) and error.column >= 1, error.format()


# --- entity decoding is one pass -------------------------------------------------


def test_decoding_entities_is_a_single_pass_over_the_text(monkeypatch):
    """960 KB of `&amp;amp;…` took 35–64 s: one decoding pass per level of nesting. The work
    is counted (characters handed to the decoder), not timed; a second pass fails at once."""
    value = "[x](" + "&" + "amp;" * 240_000 + "colon;alert(1))"
    decoded: list[int] = []
    real = html.unescape

    def counting(text: str) -> str:
        decoded.append(len(text))
        assert sum(decoded) <= 4 * len(value), f"{len(decoded)} decoding passes over the text"
        return real(text)

    monkeypatch.setattr(html, "unescape", counting)
    content_problems(value)
    assert decoded  # the decoder ran


# --- the real built site ---------------------------------------------------------------


def _our_qr(tag: str, value: str, page_html: str) -> bool:
    return tag == "img" and value.startswith("data:image/svg+xml;charset=utf-8,")


def test_every_href_and_src_of_every_built_page_is_safe(built_site: Path):
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 40
    problems, checked = [], 0
    for page in pages:
        text = page.read_text(encoding="utf-8")
        for tag, name, value in urls(text):
            checked += 1
            scheme = browser_scheme(value)
            if scheme in SAFE_SCHEMES or (scheme == "data" and _our_qr(tag, value, text)):
                continue
            problems.append(f"{page.relative_to(built_site)}: <{tag} {name}={value[:60]!r}>")
    assert checked > 1000
    assert problems == [], "\n".join(problems[:20])


@pytest.mark.build
def test_the_build_stops_on_an_unsafe_link_that_every_earlier_layer_let_through(
    tmp_path, minimal_copy, monkeypatch, caplog
):
    """The last layer, on every page MkDocs wrote (publish/output_check.py, run by the plugin
    after the build): with the source check, the HTML check at validation and the escaping all
    switched off, the build stops and names the YAML file and line the link comes from."""
    from mkdocs.exceptions import Abort

    from generator import pipeline
    from generator.content import loader
    from generator.render import templating

    from .conftest import build_site
    from .sitecopy import write_config

    path = minimal_copy / "cases" / "aaby.yaml"
    # A line break in the target: MkDocs (urlsplit drops it too) sees an external link, no warning.
    payload = '"[x](JaVa\\nscript:alert(1))"'
    text = path.read_text(encoding="utf-8").replace("Kommunen tilbyder **gruppeforløb**.", payload)
    path.write_text(text, encoding="utf-8")
    monkeypatch.setattr(loader, "_policy_errors", lambda doc, value, loc: [])
    monkeypatch.setattr(pipeline, "html_link_errors", lambda content, converter: [])
    monkeypatch.setattr(templating, "safe_markdown", lambda text, converter: text)
    with pytest.raises(Abort):
        build_site(tmp_path / "site", config_file=write_config(tmp_path, minimal_copy))
    [message] = [r.getMessage() for r in caplog.records if "ikke er tilladt" in r.getMessage()]
    line = 1 + text[: text.index(payload)].count("\n")
    assert f"themes_data/cases/aaby.yaml:{line}:" in message, message
    assert "'JaVascript:alert(1)' er ikke tilladt" in message and "beskrivelse[1].tekst" in message


@pytest.mark.parametrize(
    ("page_html", "found"),
    [
        ('<p><a href="java&#10;script:alert(1)">x</a></p>', ["java\nscript:alert(1)"]),
        ("<p><A HREF='//evil.example/'>x</A></p>", ["//evil.example/"]),
        ('<p>&lt;a href="javascript:alert(1)"&gt;x&lt;/a&gt;</p>', []),  # text, not a tag
        ('<img class="q" src="data:image/svg+xml;charset=utf-8,%3Csvg%3E">', []),  # our QR codes
        ('<img src="data:text/html,x">', ["data:text/html,x"]),
        ('<a href="data:image/svg+xml,x">x</a>', ["data:image/svg+xml,x"]),
        ('<a href="../cases/aaby/#x">x</a><img src="../assets/a.png">', []),
    ],
)
def test_the_last_check_reads_tags_not_text(page_html, found):
    from generator.publish.html_policy import OwnScripts, page_findings

    assert [f.value for f in page_findings(page_html, "index.html", OwnScripts())] == found
