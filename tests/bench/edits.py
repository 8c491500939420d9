"""The kinds of save an editor makes during `make serve`, on a copy of the sources.

One place for both users: the benchmark times each kind (tests/bench/preview_saves.py), and
tests/test_preview_reuse.py proves after each one that the preview's output folder is the
output of a full build of the same sources. Each edit changes the copy in `work` and returns
what to look for: a page (URL path) and a text it shows once the save is built.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

from .serve_latency import pick_theme, set_title


@dataclass(frozen=True)
class Shown:
    url_path: str  # "/bostoette/…/"
    text: str  # in the built page once the save is built; "" if only the absence of `gone` counts
    gone: str = ""  # a text the page no longer has


Edit = Callable[[Path, int], Shown]


@functools.cache
def _first_theme(work: Path) -> tuple[Path, str]:
    """The first theme's YAML file and page (found once: the file may not load later)."""
    path, url, _ = pick_theme(work / "themes_data")
    return path, url


def _theme(work: Path) -> tuple[Path, str, str]:
    path, url = _first_theme(work)
    return path, url, yaml.safe_load(path.read_text(encoding="utf-8"))["titel"]


def text_edit(work: Path, n: int) -> Shown:
    """A word added to the first theme's 'Kort fortalt' (its page alone changes, and the pages
    that quote it)."""
    path, url, _ = _theme(work)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.startswith("kort_fortalt:"))
    first = next(i for i in range(at + 1, len(lines)) if lines[i].startswith("    "))
    old = re.sub(r" Tekstændring\d+\.$", "", lines[first].rstrip("\n"))
    lines[first] = f"{old} Tekstændring{n}.\n"
    path.write_text("".join(lines), encoding="utf-8")
    return Shown(url, f"Tekstændring{n}")


def title_edit(work: Path, n: int) -> Shown:
    """The first theme's title: its page, the sidebar of the pages that show it, the pages
    that link to it."""
    path, url, title = _theme(work)
    base = re.sub(r" Titelændring\d+$", "", title)
    set_title(path, f"{base} Titelændring{n}")
    return Shown(url, f"Titelændring{n}")


def _mapping_cases(work: Path) -> Path:
    return work / "themes_data" / "kortlaegninger" / "bostoette.yaml"


def new_case(work: Path, n: int) -> Shown:
    """A new municipality in the bostøtte mapping: a new page, and the lists that name it."""
    model = (work / "themes_data" / "cases" / "bostoette" / "herning.yaml").read_text(encoding="utf-8")
    cid = f"proeve-{n}"
    text = re.sub(r"(?m)^id: .*$", f"id: {cid}", model, count=1)
    text = re.sub(r"(?m)^navn: .*$", f"navn: Prøvekommune {n}", text, count=1)
    text = re.sub(r"(?m)^kommune: .*$", f"kommune: Prøve {n}", text, count=1)
    (work / "themes_data" / "cases" / "bostoette" / f"{cid}.yaml").write_text(text, encoding="utf-8")
    mapping = _mapping_cases(work)
    listed = mapping.read_text(encoding="utf-8").replace("\ncases:\n", f"\ncases:\n- {cid}\n", 1)
    mapping.write_text(listed, encoding="utf-8")
    return Shown(f"/cases/{cid}/", f"Prøvekommune {n}")


def removed_case(work: Path, n: int) -> Shown:
    """The case `new_case` added last, removed again: its page goes, and its name from the lists."""
    folder = work / "themes_data" / "cases" / "bostoette"
    added = max(int(p.stem.rsplit("-", 1)[1]) for p in folder.glob("proeve-*.yaml"))
    cid = f"proeve-{added}"
    mapping = _mapping_cases(work)
    mapping.write_text(mapping.read_text(encoding="utf-8").replace(f"\n- {cid}\n", "\n", 1), encoding="utf-8")
    (folder / f"{cid}.yaml").unlink()
    return Shown("/cases/", "", gone=f"Prøvekommune {added}")


def content_page_edit(work: Path, n: int) -> Shown:
    """A hand-written page in content/ (an editor's page, not from YAML)."""
    page = work / "content" / "om-sitet.md"
    text = re.sub(r"\n\nIndholdsændring\d+\.\n$", "\n", page.read_text(encoding="utf-8"))
    page.write_text(text.rstrip("\n") + f"\n\nIndholdsændring{n}.\n", encoding="utf-8")
    return Shown("/om-sitet/", f"Indholdsændring{n}")


def broken_theme(work: Path, n: int) -> Shown:
    """An error in the first theme's YAML: the preview shows the last good pages with its panel."""
    path, url = _first_theme(work)
    path.write_text(path.read_text(encoding="utf-8").replace("\nnummer:", "\nnummer: [", 1), encoding="utf-8")
    return Shown(url, "vive-preview-errors")


def fixed_theme(work: Path, n: int) -> Shown:
    """The error of `broken_theme` fixed, with a new title: the panel goes."""
    path, url = _first_theme(work)
    text = path.read_text(encoding="utf-8").replace("\nnummer: [", "\nnummer:", 1)
    path.write_text(text, encoding="utf-8")
    _, _, title = _theme(work)
    set_title(path, re.sub(r" Rettelse\d+$", "", title) + f" Rettelse{n}")
    return Shown(url, f"Rettelse{n}", gone="vive-preview-errors")


def config_edit(work: Path, n: int) -> Shown:
    """mkdocs.yml: the copyright line every page shows."""
    config = work / "mkdocs.yml"
    text = re.sub(r" Konfigændring\d+\.", "", config.read_text(encoding="utf-8"))
    config.write_text(
        re.sub(r"(?m)^(copyright: .*)$", rf"\1 Konfigændring{n}.", text, count=1), encoding="utf-8"
    )
    return Shown("/", f"Konfigændring{n}")


def override_edit(work: Path, n: int) -> Shown:
    """A template in overrides/ (the theme's own files: every page changes)."""
    template = work / "overrides" / "partials" / "copyright.html"
    text = re.sub(r"<!-- skabelonændring\d+ -->\n$", "", template.read_text(encoding="utf-8"))
    template.write_text(text + f"<!-- skabelonændring{n} -->\n", encoding="utf-8")
    return Shown("/", f"skabelonændring{n}")


def asset_edit(work: Path, n: int) -> Shown:
    """A static file in content/ (the site's style sheet): copied as it is, not rendered."""
    sheet = work / "content" / "assets" / "site.css"
    text = re.sub(r"/\* stilændring\d+ \*/\n$", "", sheet.read_text(encoding="utf-8"))
    sheet.write_text(text + f"/* stilændring{n} */\n", encoding="utf-8")
    return Shown("/assets/site.css", f"stilændring{n}")


# The kinds timed by the benchmark (one save each; `error_then_fix` is two and is proven, not timed).
TIMED: dict[str, Edit] = {
    "tekst": text_edit,
    "titel": title_edit,
    "ny case": new_case,
    "fjernet case": removed_case,
    "content/-side": content_page_edit,
    "mkdocs.yml": config_edit,
}
