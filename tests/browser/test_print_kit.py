"""The print kit as Chromium prints it: every theme's handout on one A4 page, every mapping's
question cards on as many sheets as its questions need, and QR codes that decode (zxing-cpp,
from the PDF rasterized by poppler's pdftoppm) to the address of the page they stand for."""

from __future__ import annotations

import functools
import math
import re
import shutil
import subprocess
import threading
from collections.abc import Iterator
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest
import zxingcpp

from generator.render import pages
from generator.render.views.theme import CARDS_PER_SHEET

from ..conftest import MINIMAL, SITE_URL, build_site
from ..sitecopy import write_config
from .conftest import LOCAL_HOST, _QuietHandler

# A4 is 210 mm wide; print.css leaves 12 mm margins: 186 mm at 96 px per inch.
A4_TEXT_WIDTH_PX = round((210 - 2 * 12) / 25.4 * 96)


def print_pdf(page, url: str, out: Path) -> Path:
    """`url` printed by Chromium as the print dialog would: print media, A4, default margins.

    The viewport is as wide as the paper inside its margins, so what the test measures in the
    page (a card's overflow) is laid out as on paper."""
    page.set_viewport_size({"width": A4_TEXT_WIDTH_PX, "height": 1000})
    page.goto(url)
    page.emulate_media(media="print")
    out.write_bytes(page.pdf(format="A4"))
    return out


def page_count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)$", info, re.M)[1])


def pdf_text(pdf: Path, number: int) -> str:
    """The text of one printed page, whitespace made single spaces."""
    args = ["pdftotext", "-f", str(number), "-l", str(number), str(pdf), "-"]
    text = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    return " ".join(text.split())


def decoded_qr_codes(pdf: Path, number: int) -> list[str]:
    """The QR codes on one printed page, as a phone would read them from the paper."""
    args = ["pdftoppm", "-gray", "-r", "150", "-f", str(number), "-l", str(number), str(pdf)]
    pgm = subprocess.run(args, capture_output=True, check=True).stdout
    header = re.match(rb"P5\s+(\d+)\s+(\d+)\s+255\s", pgm)
    assert header, "pdftoppm gave no 8-bit PGM image"
    width, height = int(header[1]), int(header[2])
    pixels = memoryview(pgm[header.end() :]).cast("B", (height, width))
    codes = zxingcpp.read_barcodes(pixels, formats=zxingcpp.BarcodeFormat.QRCode)
    return sorted(code.text for code in codes)


def test_every_theme_handout_prints_as_one_a4_page_whose_qr_code_is_its_address(
    page, served_site, real_site, tmp_path
):
    from generator.render.views.theme import handout

    measured, literature = {}, []
    for theme in real_site.themes.values():
        path = pages.path_of(theme)
        pdf = print_pdf(page, served_site.url(pages.url_of(path)), tmp_path / f"{theme.id}.pdf")
        address = pages.absolute_url(SITE_URL, path)
        measured[theme.id] = (page_count(pdf), decoded_qr_codes(pdf, 1))
        assert measured[theme.id] == (1, [address]), theme.id
        text = pdf_text(pdf, 1)
        assert f"{theme.model.nummer}. {theme.model.titel}" in text
        assert address in text
        for q in theme.model.refleksionsspoergsmaal:
            assert " ".join(q.spoergsmaal.split()) in text, q.id
        # The sourced content the theme has (issue 18), the literature's findings included (27.6) …
        view = handout(real_site, theme)
        printed = _printed_parts(view, theme, text)
        if view.literature:
            assert view.literature in text and words(view.literature_runs[0].texts[0]) in text, theme.id
            literature.append(theme.id)
        if "står på temaets side på nettet" not in text:
            assert not view.left_out, theme.id
        # … and the rest of the page for the team: note lines under the questions, down to the
        # address at the foot of the page (no blank third of a page).
        assert "Noter fra mødet" in text, theme.id
        lines = page.locator(".vive-handout__noter").evaluate("e => e.getBoundingClientRect().height")
        assert lines >= 2 * MM_8 - 1, (theme.id, lines)
        assert lowest_text(pdf) > 0.85, (theme.id, printed)
    assert len(measured) == 14
    assert literature, "no handout prints the literature's findings"


MM_8 = 8 / 25.4 * 96  # one note line (print.css), in CSS px


def words(text: str, n: int = 8) -> str:
    """The first words of a block as the PDF has them (Markdown emphasis and list marks gone)."""
    plain = re.sub(r"[*_]|^\s*- ", "", text, flags=re.M)
    return " ".join(plain.split()[:n])


def _printed_parts(view, theme, text: str) -> list[str]:
    printed = []
    if view.summary:  # the mapping's summary (the botilbud themes): at least its start
        assert "Kortlægningens sammenfatning" in text, theme.id
        assert words(view.summary[0].texts[0]) in text, theme.id
        printed.append("sammenfatning")
    citizens, afsnit = theme.sections[0]  # both mappings list the citizens' own view first
    assert "borger" in citizens.model.navn.lower()
    if view.citizens:
        assert citizens.model.navn in text and words(afsnit.blokke[0].tekst) in text, theme.id
        printed.append(citizens.id)
    elif afsnit.blokke and not afsnit.ikke_gengivet:
        assert view.left_out and "står på temaets side på nettet" in text, theme.id
    for case in view.cases:
        assert f"{case.name}: {case.role}" in text, (theme.id, case.name)
        printed.append(case.name)
    return printed


def lowest_text(pdf: Path) -> float:
    """How far down page 1 its text reaches, as a share of the page's height."""
    args = ["pdftotext", "-bbox", "-f", "1", "-l", "1", str(pdf), "-"]
    html = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    height = float(re.search(r'<page width="[\d.]+" height="([\d.]+)"', html)[1])
    return max(float(y) for y in re.findall(r'yMax="([\d.]+)"', html)) / height


# Where a printed address wrapped: the character before each line break inside it.
ADDRESS_BREAKS = """els => els.flatMap(el => {
  const chars = [];
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  for (let node; (node = walker.nextNode()); )
    for (let i = 0; i < node.length; i++) {
      const r = document.createRange(); r.setStart(node, i); r.setEnd(node, i + 1);
      const box = r.getClientRects()[0];
      if (box) chars.push([node.data[i], Math.round(box.top)]);
    }
  const out = [];
  for (let i = 1; i < chars.length; i++)
    if (chars[i][1] > chars[i - 1][1] + 2) out.push(chars[i - 1][0] + "|" + chars[i][0]);
  return out;
})"""


def test_addresses_on_the_question_cards_break_only_after_a_slash_or_a_hyphen(
    page, served_site, real_site, tmp_path
):
    for mapping in real_site.mappings:
        url = served_site.url(pages.url_of(pages.cards_path(mapping)))
        print_pdf(page, url, tmp_path / f"{mapping.id}.pdf")  # laid out as on paper
        addresses = page.locator(".vive-kort__url")
        assert addresses.count() == sum(len(t.model.refleksionsspoergsmaal) for t in mapping.themes)
        breaks = addresses.evaluate_all(ADDRESS_BREAKS)
        assert breaks, "no address wraps: the test would not see a bad break"
        assert [b for b in breaks if b[0] not in "/-"] == [], mapping.id
        for address in addresses.all()[:3]:  # the text a reader copies is still the whole address
            assert address.inner_text().replace("\n", "").startswith(SITE_URL.split("://")[1])


def test_every_mapping_prints_its_question_cards_with_every_question(page, served_site, real_site, tmp_path):
    for mapping in real_site.mappings:
        cards = [(t, q) for t in mapping.themes for q in t.model.refleksionsspoergsmaal]
        url = served_site.url(pages.url_of(pages.cards_path(mapping)))
        pdf = print_pdf(page, url, tmp_path / f"{mapping.id}.pdf")
        sheets = math.ceil((len(cards) + 1) / CARDS_PER_SHEET)  # the guide card comes first
        assert page_count(pdf) == sheets, mapping.id
        # No card hides part of its text (each card has a fixed size on paper).
        overflowing = page.locator(".vive-kort").evaluate_all(
            "cards => cards.filter(c => c.scrollHeight > c.clientHeight + 1).map(c => c.innerText)"
        )
        assert overflowing == []
        printed = " ".join(pdf_text(pdf, n) for n in range(1, sheets + 1))
        assert "Sådan bruger I kortene" in pdf_text(pdf, 1)
        for _, q in cards:
            assert " ".join(q.spoergsmaal.split()) in printed, q.id
        # The codes on each sheet lead to the themes of the cards on it.
        for number in range(1, sheets + 1):
            on_sheet = cards[max(0, (number - 1) * CARDS_PER_SHEET - 1) : number * CARDS_PER_SHEET - 1]
            expected = sorted(pages.absolute_url(SITE_URL, pages.path_of(t)) for t, _ in on_sheet)
            assert decoded_qr_codes(pdf, number) == expected, (mapping.id, number)


# As long as a question may be (300 characters), of long Danish words.
LONGEST_QUESTION = (
    "Hvordan sikrer medarbejdergruppen sammenhængende, borgerinddragende, recoveryorienterede "
    "indsatsforløb, når kommunale myndighedsafgørelser, behandlingspsykiatriens udskrivningsplaner, "
    "jobcentrets beskæftigelsesindsatser og pårørendesamarbejdet trækker i forskellige retninger "
    "i borgerens daglige liv?"
)


@pytest.fixture(scope="module")
def site_without_address(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The minimal content with the longest question allowed, built as `make site` does with
    SITE_URL unset, served on 127.0.0.1."""
    tmp = tmp_path_factory.mktemp("no-address")
    data = tmp / "themes_data"
    shutil.copytree(MINIMAL, data)
    theme = data / "temaer" / "01-fleksibel.yaml"
    text = theme.read_text(encoding="utf-8")
    extra = f"refleksionsspoergsmaal:\n  - id: spm-lang\n    spoergsmaal: {LONGEST_QUESTION}\n"
    theme.write_text(text.replace("refleksionsspoergsmaal:\n", extra), encoding="utf-8")
    root = build_site(tmp / "site", config_file=write_config(tmp, data))
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = ThreadingHTTPServer((LOCAL_HOST, 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://{LOCAL_HOST}:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def test_without_an_address_nothing_printed_has_a_qr_code_or_an_address(page, site_without_address, tmp_path):
    for path in ("bostoette/fleksibel/", "bostoette/spoergsmaalskort/"):
        pdf = print_pdf(page, site_without_address + path, tmp_path / "print.pdf")
        assert page_count(pdf) == 1, path
        text = pdf_text(pdf, 1)
        assert "Tema 1" in text  # the page did print …
        assert decoded_qr_codes(pdf, 1) == [], path  # … without a code
        assert "http" not in text and "127.0.0.1" not in text, path


def test_the_longest_question_allowed_fits_on_its_card_and_the_handout_on_one_page(
    page, site_without_address, tmp_path
):
    assert len(LONGEST_QUESTION) == 300
    pdf = print_pdf(page, site_without_address + "bostoette/spoergsmaalskort/", tmp_path / "cards.pdf")
    overflowing = page.locator(".vive-kort").evaluate_all(
        "cards => cards.filter(c => c.scrollHeight > c.clientHeight + 1).length"
    )
    assert (page_count(pdf), overflowing) == (1, 0)
    assert LONGEST_QUESTION in pdf_text(pdf, 1)
    pdf = print_pdf(page, site_without_address + "bostoette/fleksibel/", tmp_path / "handout.pdf")
    assert page_count(pdf) == 1


def test_a_reader_on_the_dark_palette_prints_black_on_white(new_page, served_site, real_site, tmp_path):
    page = new_page(color_scheme="dark")
    theme = real_site.mappings[-1].themes[0]
    path = pages.path_of(theme)
    pdf = print_pdf(page, served_site.url(pages.url_of(path)), tmp_path / "dark.pdf")
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
    assert (page_count(pdf), decoded_qr_codes(pdf, 1)) == (1, [pages.absolute_url(SITE_URL, path)])
    for selector in (".vive-handout__titel", ".vive-handout ol li", ".vive-handout .vive-grundlag"):
        color = page.locator(selector).first.evaluate("e => getComputedStyle(e).color")
        assert color in ("rgb(0, 0, 0)", "rgb(51, 51, 51)"), (selector, color)


# --- A Kort fortalt at its limit keeps the handout on one page; one character more is refused ----

SENTENCE = (
    "Borgeren og medarbejderen aftaler sammen, hvad støtten skal hjælpe med, og de følger op på "
    "aftalen, når hverdagen ændrer sig. "
)


def text_of_length(n: int) -> str:
    """Ordinary Danish sentences, one paragraph of exactly `n` characters, ending with a full stop."""
    text = (SENTENCE * (n // len(SENTENCE) + 2))[: n - 1].rstrip()
    return text + "." * (n - len(text))


def theme_at_limit(data: Path, extra: int) -> tuple[Path, int]:
    """The minimal content's theme with a two-line title and three questions (one of the longest
    length allowed), its Kort fortalt one paragraph `extra` characters over its limit."""
    import yaml

    from generator.content.model import Tema
    from generator.render.views.theme import kort_fortalt_limit

    path = data / "temaer" / "01-fleksibel.yaml"
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    doc["titel"] = "En fleksibel indsats, der kan skrues op og ned, når borgerens liv ændrer sig"
    doc["refleksionsspoergsmaal"] = [  # the longest allowed and two of an ordinary length
        {"id": "spm-lang", "spoergsmaal": LONGEST_QUESTION},
        {"id": "spm-2", "spoergsmaal": LONGEST_QUESTION[:140].rsplit(" ", 1)[0] + "?"},
        {"id": "spm-3", "spoergsmaal": "Hvornår giver vi plads til det uventede, og hvem tager initiativet?"},
    ]
    limit = kort_fortalt_limit(
        Tema.model_validate({**doc, "kort_fortalt": {"tekst": "x", "grundlag": "redaktionel"}})
    )
    doc["kort_fortalt"]["tekst"] = text_of_length(limit + extra)
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8")
    return path, limit


def test_a_kort_fortalt_at_the_limit_prints_on_one_page(page, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("limit")
    data = tmp / "themes_data"
    shutil.copytree(MINIMAL, data)
    _, limit = theme_at_limit(data, 0)
    assert 600 < limit < 2000 and limit % 95 == 0
    root = build_site(tmp / "site", config_file=write_config(tmp, data), site_url=SITE_URL)  # address and QR
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = ThreadingHTTPServer((LOCAL_HOST, 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://{LOCAL_HOST}:{server.server_address[1]}/bostoette/fleksibel/"
        pdf = print_pdf(page, url, tmp / "handout.pdf")
        text = pdf_text(pdf, 1)
    finally:
        server.shutdown()
        server.server_close()
    assert page_count(pdf) == 1
    assert text_of_length(limit)[-60:].strip() in text  # Kort fortalt whole …
    assert LONGEST_QUESTION[-40:] in text and "Noter fra mødet" in text  # … and the questions and notes
    assert decoded_qr_codes(pdf, 1) == [pages.absolute_url(SITE_URL, "bostoette/fleksibel.md")]


def test_one_character_over_the_limit_is_refused_by_validate_with_the_limit(tmp_path):
    import subprocess
    import sys

    from ..conftest import ROOT

    data = tmp_path / "themes_data"
    shutil.copytree(MINIMAL, data)
    path, limit = theme_at_limit(data, 1)
    result = subprocess.run(
        [sys.executable, "-m", "generator", "--data", str(data), "validate"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    out = result.stdout + result.stderr
    assert "Traceback" not in out
    assert f"temaer/{path.name}" in out and "kort_fortalt.tekst" in out
    assert f"højst {limit} tegn" in out and "handout" in out
    theme_at_limit(data, 0)  # at the limit: valid
    ok = subprocess.run(
        [sys.executable, "-m", "generator", "--data", str(data), "validate"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    assert ok.returncode == 0, ok.stdout + ok.stderr
