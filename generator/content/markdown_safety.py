"""Content fields are Markdown, never HTML.

Policy (documented for editors in content/redaktoervejledning.md):

1. **Reject at validation.** Raw HTML (`<tag …>`, `</tag>`, `<!-- -->`), attribute
   lists (`{: … }`, `{ #id }`, `{ key=value }`) and links whose target is not
   `https:`, `mailto:`, an anchor (`#…`) or a relative path are content errors
   with a Danish message. Autolinks `<https://…>` are Markdown, not HTML, and are
   allowed. This is checked for every text value in every file, whatever the field.
2. **Escape as a safety net.** On the way into the generated Markdown every
   content value is escaped: `safe_markdown` for Markdown fields (raw HTML shown
   as text, attribute lists disarmed, unsafe link targets and reference
   definitions replaced by `#`, `|` kept from making or breaking a table),
   `escape_inline` for every other value a template prints (titles, names, numbers,
   addresses: the render environment applies it to each `{{ … }}` by default,
   generator/render/templating.py), `html.escape` (Jinja's `e`) where a template writes raw
   HTML, and `front_matter_string` for values placed in page front matter (MkDocs'
   Jinja environment does not autoescape `page.meta`).

Templates are trusted and may use HTML and attribute lists.
"""

from __future__ import annotations

import html
import json
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from generator.content.markdown_html import Converter

SAFE_SCHEMES = ("https", "mailto")

# Inline links and images: ](target ... ; target may be wrapped in <>.
_LINK_TARGET = re.compile(r"\]\(\s*<?([^)\s>]*)")
# The same, up to the closing parenthesis: what is replaced when a target is unsafe.
_LINK_WHOLE = re.compile(r"\]\(\s*<?([^)\s>]*)[^)\n]*")
# Reference-style link definitions: [label]: target
_REFERENCE_DEF = re.compile(r"(?m)^([ ]{0,3}\[[^\]\n]+\]:[ \t]*\n?[ \t]*)<?(\S+?)>?(?=\s|$)")
# Autolinks as Python-Markdown knows them: <scheme:...> and <user@host>.
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.\-]*:[^<>\s]*)>")
_SAFE_AUTOLINK = re.compile(r"<(?:https://|mailto:)[^<>\s]*>", re.I)
_RAW_HTML = re.compile(r"<\s*/?\s*[A-Za-z!?]")
# The start of raw HTML and of a link's target, as patterns the content editor's form checks too
# (editors/decap.py; JavaScript reads them alike). This module stays the authority on loading.
RAW_HTML_START = _RAW_HTML.pattern
LINK_TARGET_START = r"\]\(\s*<?"
_ATTR_LIST = re.compile(r"\{\s*(?::|[#.][A-Za-z_]|[A-Za-z_][\w-]*\s*=)")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")
_URL_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")  # WHATWG: ASCII letters, either case
_PROTOCOL_RELATIVE = re.compile(r"^[/\\]{2}")  # `\` is `/` in a URL with an https: base
_C0_OR_SPACE = "".join(map(chr, range(0x21)))
_TAB_NEWLINE = re.compile(r"[\t\n\r]")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f\u200b-\u200f\u2028\u2029\ufeff]")
# Characters Python-Markdown (with the site's extensions: tables, attr_list, def_list …) may
# read as markup wherever they stand in a line: emphasis, code, links, attribute lists, the
# closing hashes of a heading, table cells. Each is a backslash escape of Python-Markdown
# (markdown.Markdown.ESCAPED_CHARS, `|` from the tables extension), so the HTML is the
# character itself, in running text, a table cell, link text, a link's URL and an attribute
# list alike.
_INLINE_SPECIAL = re.compile(r"([\\`*_{}\[\]#|])")
# Parentheses matter only in a link's URL, and only unbalanced: "(a)" and "a(b)c" stay a
# link's whole target, a lone ")" would end it. Escaped only then.
_PARENTHESIS = re.compile(r"([()])")
# At the start of a line more characters start a block: a list (`-`, `+`, `1.`), an
# admonition (`!!!`), a setext underline or rule (`===`), a definition (`:`), a fence (`~~~`).
_LINE_START_ESCAPED = "-+!"
_LINE_START_ENTITY = {"=": "&#61;", ":": "&#58;", "~": "&#126;"}  # not backslash escapes
_ORDERED_ITEM = re.compile(r"\d+(?=\.)")  # "2021. …" would be item 2021 of a list
# Most values are words: one search tells whether any rule above applies at all.
_ANY_MARKUP = re.compile(r"[\r\n\t&<>\"\\`*_{}\[\]()#|]|^[ \-+!=:~\d]|  $")
_LINE_BREAK = re.compile(r"\r\n?|\n")
# White space that Markdown reads: indentation that makes a code block, two spaces before a
# line break. HTML shows a run of white space as one space, so one space is what it becomes.
_WIDE_SPACE = re.compile(r"^(?:[ ]*\t|[ ]{4})[ \t]*|[ \t]{2,}$")


def _normalise_target(target: str) -> str:
    """What a browser would see, conservatively: entities decoded, escapes and invisible
    characters dropped. One decoding pass, as the browser's HTML parser makes: linear in the
    text (decoding until nothing changed took n passes for `&amp;amp;…`, minutes for 1 MB)."""
    target = html.unescape(target).replace("\\", "")
    return _INVISIBLE.sub("", target).lower()


def is_safe_target(target: str) -> bool:
    """True for https:, mailto:, anchors and relative paths; False for javascript:, data: …"""
    if _PROTOCOL_RELATIVE.match(_INVISIBLE.sub("", html.unescape(target))):
        return False  # //host/… takes the reader to another host, with no https: of its own
    normal = _normalise_target(target)
    match = _SCHEME.match(normal)
    if match:
        return match.group(1) in SAFE_SCHEMES
    # "javascript&colon;" decodes to a scheme above; a ':' before any '/' is a scheme too.
    head = normal.split("/", 1)[0].split("#", 1)[0].split("?", 1)[0]
    return ":" not in head


def browser_url(value: str) -> str:
    """A URL attribute as a browser reads it (WHATWG URL parsing), after the HTML parser has
    decoded its entities: leading and trailing C0 controls and spaces stripped, every tab,
    line feed and carriage return removed (so `java⏎script:` is `javascript:`)."""
    return _TAB_NEWLINE.sub("", value.strip(_C0_OR_SPACE))


def is_safe_url(value: str) -> bool:
    """The link policy on a URL of the produced HTML (decoded): https:, mailto:, or relative."""
    url = browser_url(value)
    match = _URL_SCHEME.match(url)
    if match:
        return match.group(1).lower() in SAFE_SCHEMES
    return not _PROTOCOL_RELATIVE.match(url)


def html_link_problem(value: str) -> tuple[str, str]:
    """(message, hint) in Danish for an unsafe URL of the produced HTML."""
    return _link_problem(browser_url(value), value)


def _link_problem(url: str, written: str) -> tuple[str, str]:
    shown = ascii_safe(url if len(url) <= 40 else url[:39] + "…")
    if _PROTOCOL_RELATIVE.match(url):
        return (
            f"linket '{shown}' starter med // og er ikke et https-link",
            "skriv hele adressen med https:// foran",
        )
    hint = "links skal starte med https:// eller mailto: eller pege på en side på sitet"
    if url != written:
        hint += "; en browser ser bort fra linjeskift, tabulatorer og mellemrum i starten af en adresse"
    return f"linket '{shown}' er ikke tilladt", hint


def unsafe_html_links(text: str, converter: Converter) -> list[str]:
    """The unsafe URLs (decoded) of the HTML that Markdown `text` becomes, reference targets too."""
    links = converter.links(text)
    return [value for _tag, _attr, value in links if not is_safe_url(value)]


def ascii_safe(text: str) -> str:
    """Control characters shown as \\n, \\t …, so a message stays one readable line."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def link_targets(text: str) -> list[str]:
    """Every link or image target in Markdown `text`: inline, reference definitions, autolinks."""
    return (
        _LINK_TARGET.findall(text)
        + [m.group(2) for m in _REFERENCE_DEF.finditer(text)]
        + _AUTOLINK.findall(text)
    )


def unsafe_link_targets(text: str) -> list[str]:
    """Link targets in Markdown `text` with a scheme we do not publish."""
    return [t for t in link_targets(text) if t and not is_safe_target(t)]


def content_problems(text: str) -> list[tuple[str, str, str]]:
    """(message, hint, the offending part) for each breach of the content policy (Danish)."""
    if "<" not in text and "[" not in text and "{" not in text:
        return []  # no HTML, link or attribute list can start without one of these
    problems: list[tuple[str, str, str]] = []
    # Blank out allowed autolinks, keeping offsets.
    without_autolinks = _SAFE_AUTOLINK.sub(lambda m: " " * len(m.group(0)), text)
    raw = _RAW_HTML.search(without_autolinks)
    if raw:
        part = without_autolinks[raw.start() : raw.start() + 30].split("\n")[0]
        problems.append(
            (
                f"rå HTML er ikke tilladt i indholdet ('{part}')",
                "skriv almindelig tekst med Markdown (fx **fed**, [link](https://…)); "
                "skal teksten vise tegnet <, så skriv 'mindre end'",
                part,
            )
        )
    for target in unsafe_link_targets(text):
        problems.append((*_link_problem(target, target), target[:40]))
    attr = _ATTR_LIST.search(text)
    if attr:
        part = text[attr.start() : attr.start() + 20].split("\n")[0]
        problems.append(
            (
                f"attributlister ('{part}') må ikke bruges i indholdet",
                "fjern { … }; udseendet styres af skabelonerne",
                part,
            )
        )
    return problems


def safe_markdown(text: str, converter: Converter) -> str:
    """Escape raw HTML and disarm unsafe link targets in a Markdown content field; `converter`
    (the project's Markdown settings) makes the HTML the net under the net is checked on."""
    original = text
    autolinks: list[str] = []

    def keep(match: re.Match[str]) -> str:
        autolinks.append(match.group(0))
        return f"\x02{len(autolinks) - 1}\x03"

    text = _SAFE_AUTOLINK.sub(keep, text.replace("\x02", "").replace("\x03", ""))
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    # Keep Markdown block quotes working: '>' at line start was escaped above.
    text = re.sub(r"(?m)^(\s*)&gt;", r"\1>", text)
    # Attribute lists ({: onclick=… }) would put attributes on the HTML element.
    text = text.replace("{", "\\{").replace("}", "\\}")
    text = _LINK_WHOLE.sub(
        lambda m: m.group(0) if not m.group(1) or _safe_escaped(m.group(1)) else "](#",
        text,
    )
    text = _REFERENCE_DEF.sub(
        lambda m: m.group(0) if _safe_escaped(m.group(2)) else m.group(1) + "#",
        text,
    )
    text = _escape_pipes(text)
    text = re.sub("\x02(\\d+)\x03", lambda m: autolinks[int(m.group(1))], text)
    # The net under the net: the HTML the converter makes of it (patterns above miss forms).
    if unsafe_html_links(text, converter):
        # No link at all: the text shown as it was written, line by line.
        return "\n".join(map(escape_inline, _LINE_BREAK.split(original)))
    return text


# A code span as Python-Markdown finds one (its BACKTICK_RE): a `|` in it is shown as it is.
_CODE_SPAN = re.compile(r"(?<!\\)(`+)(.+?)(?<!`)\1(?!`)", re.S)
_UNESCAPED_PIPE = re.compile(r"(?<!\\)((?:\\\\)*)\|")


def _escape_pipes(text: str) -> str:
    """Every `|` outside code as `\\|`: a text never makes a table, nor breaks a table's row
    if a template ever sets it in one (the tables are the templates'). The HTML is the `|`."""
    if "|" not in text:
        return text
    out, end = [], 0
    for code in _CODE_SPAN.finditer(text):
        out += [_UNESCAPED_PIPE.sub(r"\1\\|", text[end : code.start()]), code.group(0)]
        end = code.end()
    out.append(_UNESCAPED_PIPE.sub(r"\1\\|", text[end:]))
    return "".join(out)


_OWN_ESCAPES = re.compile(r"&(amp|lt|gt);")
_UNESCAPED = {"amp": "&", "lt": "<", "gt": ">"}


def _safe_escaped(target: str) -> bool:
    """is_safe_target of a target as the editor wrote it, before safe_markdown escaped & < >."""
    return is_safe_target(_OWN_ESCAPES.sub(lambda m: _UNESCAPED[m.group(1)], target))


def _balanced(text: str) -> bool:
    depth = 0
    for char in text:
        if char in "()":
            depth += 1 if char == "(" else -1
            if depth < 0:
                return False
    return depth == 0


def escape_inline(text: str) -> str:
    """A value placed in generated Markdown, shown as exactly the characters it holds.

    Valid wherever a template prints a value into Markdown: running text, a heading, a list
    item, a table cell, link text, a link's URL, a definition, an attribute list's value, and
    at the start of a line. A line break becomes a space (as HTML shows it), so a value never
    starts a block of its own. Raw HTML takes `html.escape` instead (backslashes are not
    escapes there). Linear in the text.
    """
    if not _ANY_MARKUP.search(text):
        return text
    text = _WIDE_SPACE.sub(" ", _LINE_BREAK.sub(" ", text))
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    text = _INLINE_SPECIAL.sub(r"\\\1", text)
    if ("(" in text or ")" in text) and not _balanced(text):
        text = _PARENTHESIS.sub(r"\\\1", text)
    indent = len(text) - len(text.lstrip(" \t"))  # a block marker may follow a few spaces
    lead, text = text[:indent], text[indent:]
    first = text[:1]
    if first in _LINE_START_ENTITY:
        return lead + _LINE_START_ENTITY[first] + text[1:]
    if first and first in _LINE_START_ESCAPED:
        return lead + "\\" + text
    if ordered := _ORDERED_ITEM.match(text):
        return f"{lead}{ordered.group(0)}\\{text[ordered.end() :]}"
    return lead + text


def front_matter_string(value: object) -> str:
    """A value for page front matter (title, description): HTML-escaped, as a YAML string.

    MkDocs renders `page.meta` into <title> and <meta content="…"> without escaping.
    JSON is valid YAML; Danish letters stay readable.
    """
    return json.dumps(html.escape(str(value), quote=True), ensure_ascii=False)


def html_text(value: object) -> str:
    """A content value placed where MkDocs/Material writes it into HTML unescaped (nav titles)."""
    return html.escape(str(value), quote=True)
