"""Content is Markdown, never HTML: no payload reaches the built HTML as active markup.

Two layers (policy in generator/content/markdown_safety.py):
- validation rejects raw HTML and unsafe links with a Danish message;
- escaping is the safety net: with validation switched off, the real MkDocs build
  of the minimal fixture, with payloads in every kind of content field, still
  publishes every payload as inert text.
"""

from __future__ import annotations

import html
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from generator import ContentErrors, load_site, pipeline
from generator.content import loader
from generator.content.markdown_safety import content_problems, safe_markdown

from .conftest import MINIMAL, build_site, project_converter
from .pagefind_bundle import fragments
from .sitecopy import write_config

# Every payload carries the marker XSS so we can find it in the HTML.
PAYLOADS = [
    "<script>alert('XSS')</script>",
    "<SCRIPT SRC=//evil.example/XSS.js></SCRIPT>",
    "<img src=x onerror=alert('XSS')>",
    "<svg onload=alert('XSS')>",
    "<svg><script>alert('XSS')</script></svg>",
    "<body onload=alert('XSS')>",
    "<iframe src=javascript:alert('XSS')></iframe>",
    "<a href=\"javascript:alert('XSS')\">XSS</a>",
    "<scr<script>ipt>alert('XSS')</scr</script>ipt>",
    "<<script>script>alert('XSS')<</script>/script>",
    "<div style=\"background:url(javascript:alert('XSS'))\">XSS</div>",
    "[XSS-link](javascript:alert('XSS'))",
    "[XSS-case](JaVaScRiPt:alert('XSS'))",
    "[XSS-entity](javascript&colon;alert('XSS'))",
    "[XSS-decimal](&#106;avascript:alert('XSS'))",
    "[XSS-tab](java&#x09;script:alert('XSS'))",
    "[XSS-angle](<javascript:alert('XSS')>)",
    "[XSS-data](data:text/html;base64,PHNjcmlwdD5hbGVydCgnWFNTJyk8L3NjcmlwdD4=)",
    "![XSS-img](javascript:alert('XSS'))",
    "![XSS-svg](data:image/svg+xml,<svg onload=alert('XSS')>)",
    "[XSS-ref][r]\n\n[r]: javascript:alert('XSS')",
    "[XSS-ref-data][d]\n\n[d]: data:text/html,XSS",
    "<javascript:alert('XSS')>",
    "<a href=\"&#106;avascript:alert('XSS')\">XSS</a>",
    "XSS {: onclick=\"alert('XSS')\" }",
    "<!-- XSS --><details open ontoggle=alert('XSS')>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert('XSS')>",
    "</title><script>alert('XSS')</script>",
    # Plain text, not HTML: allowed by validation, but must not break out of an attribute.
    '" onmouseover="alert(\'XSS\')" x="',
]
TEXT_ONLY = PAYLOADS[-1:]

# (file, path to a text field, long text?) – every kind: block texts, titles, names, notes, questions.
SLOTS: list[tuple[str, tuple, bool]] = [
    ("cases/aaby.yaml", ("beskrivelse", 0, "tekst"), True),
    ("cases/aaby.yaml", ("navn",), False),
    ("cases/aaby.yaml", ("kommune",), False),
    ("temaer/01-fleksibel.yaml", ("kort_fortalt", "tekst"), True),
    ("temaer/01-fleksibel.yaml", ("perspektiver", 0, "blokke", 0, "tekst"), True),
    ("temaer/01-fleksibel.yaml", ("titel",), False),
    ("temaer/01-fleksibel.yaml", ("cases", 0, "note"), False),
    ("temaer/01-fleksibel.yaml", ("refleksionsspoergsmaal", 0, "spoergsmaal"), False),
    ("temaer/01-fleksibel.yaml", ("aendringer", 0, "tekst"), False),
    ("temaer/02-sundhed.yaml", ("kort_fortalt", "tekst"), True),
    ("perspektiver/borgerne.yaml", ("navn",), False),
    ("perspektiver/borgerne.yaml", ("beskrivelse", "tekst"), True),
    ("kortlaegninger/bostoette.yaml", ("om", 0, "tekst"), True),
    ("kortlaegninger/bostoette.yaml", ("metode", 0, "tekst"), True),
    ("kortlaegninger/bostoette.yaml", ("undertitel",), False),
    ("kortlaegninger/bostoette.yaml", ("noegletal", 0, "betydning"), False),
    ("kilder/rapport.yaml", ("titel",), False),
    ("kilder/rapport.yaml", ("note",), False),
    ("pejlemaerker/pejlemaerke-01.yaml", ("titel",), False),
    ("litteraturstudier/studiet.yaml", ("kort_reference",), False),
]


def _set(data, path, value):
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


def poison(root: Path) -> int:
    """Put the payloads into every slot; returns how many values were written."""
    by_file: dict[str, dict] = {}
    count = 0
    for i, (rel, path, long) in enumerate(SLOTS):
        data = by_file.setdefault(rel, yaml.safe_load((root / rel).read_text(encoding="utf-8")))
        value = "\n\n".join(PAYLOADS) if long else PAYLOADS[i % len(PAYLOADS)]
        _set(data, path, value)
        count += len(PAYLOADS) if long else 1
    for rel, data in by_file.items():
        (root / rel).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return count


def _is_our_qr(tag: str, attrs: list[tuple[str, str | None]]) -> bool:
    """A printed QR code: an SVG data image the template makes (an <img> runs no script).
    Content cannot add a class: attribute lists and raw HTML are refused and escaped."""
    a = dict(attrs)
    return (
        tag == "img"
        and a.get("class") in ("vive-handout__qr", "vive-kort__qr")
        and (a.get("src") or "").startswith("data:image/svg+xml;charset=utf-8,")
    )


class _Audit(HTMLParser):
    """Records what a browser would make active."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.stack: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.stack.append(tag)
        if tag in ("iframe", "object", "embed", "base", "math", "details", "body") and len(self.stack) > 2:
            self.problems.append(f"<{tag}> element")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=…>")
            if name in ("href", "src", "action", "formaction", "xlink:href", "data", "srcset") and value:
                normal = re.sub(r"[\x00-\x20]", "", html.unescape(value)).lower()
                if normal.startswith(("javascript:", "vbscript:", "data:")) and not _is_our_qr(tag, attrs):
                    self.problems.append(f"<{tag} {name}={value!r}>")
            if name == "style" and value and "javascript" in value.lower():
                self.problems.append(f"<{tag} style={value!r}>")

    def handle_endtag(self, tag):
        if tag in self.stack:
            while self.stack and self.stack.pop() != tag:
                pass

    def handle_data(self, data):
        if self.stack and self.stack[-1] == "script" and ("XSS" in data or "alert" in data):
            self.problems.append(f"<script> with {data[:40]!r}")
        self.text.append(data)


def audit(path: Path) -> _Audit:
    parser = _Audit()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser


def test_there_are_enough_payloads_and_every_kind_of_field_is_covered():
    assert len(PAYLOADS) >= 20
    fields = {path[-1] for _, path, _ in SLOTS}
    assert {"tekst", "titel", "navn", "note", "spoergsmaal"} <= fields


@pytest.mark.parametrize("payload", [p for p in PAYLOADS if p not in TEXT_ONLY])
def test_validation_rejects_each_payload(payload):
    assert content_problems(payload), payload


@pytest.mark.parametrize(
    "text",
    [
        "Læs [rapporten](https://www.vive.dk/da/udgivelser/) og skriv til <mailto:redaktion@example.dk>.",
        "Se <https://www.sbst.dk/> og [temaet](../bostoette/sundhed.md#borgerne).",
        "Under 18 år < 25 % af borgerne; 3 > 2.",
        "Et citat:\n\n> Det var godt at blive mødt.",
        "[Kilde][k]\n\n[k]: https://www.vive.dk/",
        "Kl. 12:30 – og en dato som 2021-06-03 – er bare tekst.",
    ],
)
def test_validation_accepts_ordinary_markdown(text):
    assert content_problems(text) == []


def test_the_content_policy_is_checked_at_validation(minimal_copy):
    poison(minimal_copy)
    with pytest.raises(ContentErrors) as info:
        load_site(minimal_copy)
    policy = [e for e in info.value.errors if "ikke tilladt" in e.message or "attributlister" in e.message]
    assert {e.file for e in policy} >= {
        f"themes_data/{rel}" for rel, _, _ in SLOTS if rel != "litteraturstudier/studiet.yaml"
    }


def test_escaping_keeps_ordinary_markdown():
    assert safe_markdown("Se <https://www.vive.dk/>", project_converter()) == "Se <https://www.vive.dk/>"
    assert safe_markdown("[a](https://x.dk)", project_converter()) == "[a](https://x.dk)"
    assert safe_markdown("> citat", project_converter()) == "> citat"
    assert "](#" in safe_markdown("[a](javascript:alert(1))", project_converter())
    assert "[r]: #" in safe_markdown("[a][r]\n\n[r]: javascript:alert(1)", project_converter())


@pytest.mark.build
def test_no_payload_reaches_the_built_html_as_active_markup(tmp_path, monkeypatch):
    data = tmp_path / "themes_data"
    shutil.copytree(MINIMAL, data)
    written = poison(data)
    assert written >= 100
    # Switch validation of the policy off: this tests the safety net alone.
    monkeypatch.setattr(loader, "_policy_errors", lambda doc, value, loc: [])
    monkeypatch.setattr(pipeline, "html_link_errors", lambda content, converter: [])
    # All payloads in one Kort fortalt are longer than a one-page handout holds (a rule of its own).
    monkeypatch.setattr(pipeline, "handout_errors", lambda site: [])
    site = build_site(tmp_path / "site", config_file=write_config(tmp_path, data))
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 10
    problems, visible = [], 0
    for page in pages:
        result = audit(page)
        problems += [f"{page.relative_to(site)}: {p}" for p in result.problems]
        visible += "".join(result.text).count("XSS")
    assert problems == [], "\n".join(problems)
    assert visible >= written  # the payloads are there, as text
    # The search shows excerpts of the indexed text as HTML (assets/search.js; titles go in as
    # text). Pagefind keeps the text as it was read, payloads included, and escapes < and >
    # before it cuts an excerpt: that escaping must be in the engine we ship, and enough.
    engine = (site / "pagefind" / "pagefind.js").read_text(encoding="utf-8")
    assert '.replace(/</g,"&lt;").replace(/>/g,"&gt;")' in engine
    indexed = fragments(site)
    assert len(indexed) > 10
    assert any("<script" in f["content"].lower() for f in indexed.values())  # the payloads were indexed
    for fragment in indexed.values():
        shown = fragment["content"].replace("<", "&lt;").replace(">", "&gt;")
        audit_ = _Audit()
        audit_.feed(f"<div><div>{shown}</div></div>")
        assert "<script" not in shown.lower() and audit_.problems == [], shown[:200]
