"""The site's search: Pagefind indexes the built HTML into <site>/pagefind/.

Runs on any folder of HTML (MkDocs' output or another engine's), so it is a plain function
and a command line, not part of the MkDocs glue:

    python -m generator.render.search_index site/

Pagefind reads `lang="da"` and stems Danish; the reader's browser fetches the engine and
only the index chunks a query needs, when the reader searches (overrides/partials/search.html).
What is indexed is decided in the HTML: `data-pagefind-body` on the article of pages readers
search (overrides/main.html), `data-pagefind-weight` and `data-pagefind-ignore` in the
templates, and the interface text below.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import Any

BUNDLE_DIR = "pagefind"  # <site>/pagefind/: pagefind.js, the wasm engine, index chunks
# The bundle, the next one while Pagefind writes it, and the one it replaces.
BUNDLE_DIRS = (BUNDLE_DIR, f"{BUNDLE_DIR}.new", f"{BUNDLE_DIR}.old")
# Written into every bundle folder this step makes, before Pagefind writes into it: only a folder
# that carries it is ever replaced or removed (a folder of the same name that a user or another
# tool made is left alone, and the step says so). Not outdir.Owner: this file is exported as
# vive_search.py and must run with the standard library and pagefind alone.
MARKER = ".vive-search"
MARKER_TEXT = "Lavet af sitets søgetrin (generator.render.search_index); mappen laves på ny ved hvert byg.\n"
# Pagefind's ready-made UIs; the site has its own (content/assets/search.js) on the JS API.
UNUSED = ("pagefind-ui.*", "pagefind-modular-ui.*", "pagefind-component-ui.*", "pagefind-highlight.js")

# Interface text inside articles, never worth finding nor showing in an excerpt:
# permalinks (¶), Material's edit button, the "Grundlag: …" labels, "Hele temaet" links, review
# dates, "Tema 3 af 10 i kortlægningen af …" lines and the "Ikke gengivet her endnu" boxes.
IGNORED = (
    ".headerlink",
    ".vive-permalink",
    ".md-content__button",
    ".vive-grundlag",
    ".vive-paa-tvaers",
    ".vive-dato",
    ".vive-kontekst",
    ".vive-ikke-gengivet",
)


# The words the index holds, for "Mente du …?" when a query finds nothing (content/assets/search.js):
# beside Pagefind's files, fetched only after a query without results. {"ord": every indexed word,
# most frequent first, "temaord": the themes' own words (title words and the editors' soegeord:
# the theme pages carry Pagefind meta "soegeord"), for a word that is no typo of a site word.
VOCABULARY = "vive-ord.json"
THEME_META = "soegeord"
THEME_WORD_MIN = 5  # shorter words ("til", "som") relate to nothing; search.js's STEM
MIN_WORD = 3  # shorter words are never worth suggesting
_FRAGMENT_SIGNATURE = b"pagefind_dcd"  # Pagefind's gzip-compressed fragments start with it
SOFT_HYPHEN = "\u00ad"
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")  # "recovery-orienteret": both parts and the whole


class SearchIndexFailed(Exception):
    """Pagefind could not index the site; the message is Danish and says what to do."""


def _pagefind() -> str:
    try:
        from pagefind_bin import get_executable
    except ImportError:
        raise SearchIndexFailed(
            "Søgningen kan ikke bygges: pakken pagefind[bin] mangler. Kør 'make install'."
        ) from None
    try:
        return str(get_executable())
    except FileNotFoundError as exc:
        raise SearchIndexFailed(f"Søgningen kan ikke bygges: Pagefinds program mangler ({exc}).") from None


# Pagefind's Linux binary allocates with jemalloc, which keeps freed memory for 10 s before it
# gives it back: a fifth of its peak at 5,000 cases (620 MB; given back at once, 491 MB, and the
# index byte for byte the same; BENCHMARKS.md). Other platforms' binaries ignore the setting.
ALLOCATOR = ("_RJEM_MALLOC_CONF", "dirty_decay_ms:0")


def pagefind_env(environ: Mapping[str, str]) -> dict[str, str]:
    """The environment Pagefind runs in: ours, with ALLOCATOR unless one is set already."""
    name, value = ALLOCATOR
    return {**environ, name: environ.get(name, value)}


def build_search_index(site_dir: Path) -> None:
    """Index every HTML page under `site_dir` into `site_dir/pagefind/`; raise SearchIndexFailed."""
    site_dir = Path(site_dir)
    if not any(site_dir.glob("*.html")):
        raise SearchIndexFailed(f"Søgningen kan ikke bygges: {site_dir}/ indeholder ingen HTML-sider.")
    # A fresh bundle beside the old one, swapped in when complete: no fragments of removed
    # pages, and the live preview's search keeps working while its index is rebuilt.
    fresh, stale, bundle = (site_dir / name for name in BUNDLE_DIRS[1:] + BUNDLE_DIRS[:1])
    for folder in (bundle, fresh, stale):
        _check_ours(folder)
    _remove_ours(fresh)  # left by a run that was stopped
    fresh.mkdir()
    (fresh / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
    command = [_pagefind(), "--site", str(site_dir), "--output-path", str(fresh), "--silent"]
    for selector in IGNORED:
        command += ["--exclude-selectors", selector]
    try:
        proc = subprocess.run(
            command, capture_output=True, text=True, timeout=600, env=pagefind_env(os.environ)
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SearchIndexFailed(f"Søgningen kunne ikke bygges: Pagefind kunne ikke køre ({exc}).") from None
    if proc.returncode != 0 or not (fresh / "pagefind.js").is_file():
        shutil.rmtree(fresh, ignore_errors=True)
        output = (proc.stderr.strip() or proc.stdout.strip())[-2000:]
        raise SearchIndexFailed(
            f"Søgningen kunne ikke bygges: Pagefind stoppede med kode {proc.returncode}. "
            f"Pagefinds egen besked (engelsk):\n{output}"
        )
    for pattern in UNUSED:
        for path in fresh.glob(pattern):
            path.unlink()
    write_vocabulary(fresh)
    _remove_ours(stale)
    if bundle.exists():
        bundle.rename(stale)
    fresh.rename(bundle)
    _remove_ours(stale)


def _check_ours(folder: Path) -> None:
    """Raise unless `folder` is missing or a bundle folder this step made (its marker)."""
    if not (folder.exists() or folder.is_symlink()):
        return
    if folder.is_symlink() or not folder.is_dir() or not (folder / MARKER).is_file():
        raise SearchIndexFailed(
            f"Søgningen kan ikke bygges: {folder} findes allerede, men er ikke lavet af sitets søgetrin "
            f"(filen {MARKER} mangler). Søgetrinnet sletter ikke noget, det ikke selv har lavet: "
            "flyt eller omdøb den, og byg igen."
        )


def _remove_ours(folder: Path) -> None:
    _check_ours(folder)
    if folder.exists():
        shutil.rmtree(folder)


def _fragments(bundle: Path) -> list[dict[str, Any]]:
    found = []
    for path in sorted((bundle / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        if not data.startswith(_FRAGMENT_SIGNATURE):
            raise SearchIndexFailed(f"Søgningen kunne ikke bygges: {path.name} er ikke et Pagefind-fragment.")
        found.append(json.loads(data[len(_FRAGMENT_SIGNATURE) :]))
    return found


def words_of(text: str) -> list[str]:
    """The words of a text as the search finds them, lower case: a hyphenated word's parts and the
    whole ("recovery-orienteret"), soft hyphens (the headings' hyphenation points) left out."""
    out = []
    for word in _WORD.findall(text.replace(SOFT_HYPHEN, "").lower()):
        parts = word.split("-")
        forms = parts + ["".join(parts)] if len(parts) > 1 else parts  # Pagefind finds both
        out += [w for w in forms if len(w) >= MIN_WORD]
    return out


def vocabulary(bundle: Path) -> list[str]:
    """Every word of the indexed text (Pagefind's own fragments: what the search can find),
    lower case, most frequent first: the typo and compound suggestions prefer common words."""
    counts: Counter[str] = Counter()
    for fragment in _fragments(bundle):
        counts.update(words_of(fragment["content"]))
    return [word for word, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]


def theme_words(bundle: Path) -> list[str]:
    """The words of every theme's title and search words (the pages with meta `soegeord`), each
    once, sorted: the words a reader's everyday word may be related to."""
    found: set[str] = set()
    for fragment in _fragments(bundle):
        meta = fragment.get("meta", {})
        if THEME_META in meta:
            words = words_of(meta.get("title", "") + " " + meta[THEME_META])
            found.update(w for w in words if len(w) >= THEME_WORD_MIN)
    return sorted(found)


def write_vocabulary(bundle: Path) -> None:
    data = {"ord": vocabulary(bundle), "temaord": theme_words(bundle)}
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    (bundle / VOCABULARY).write_text(text, encoding="utf-8")


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("Brug: python -m generator.render.search_index MAPPE (det byggede site)", file=sys.stderr)
        return 2
    try:
        build_search_index(Path(argv[0]))
    except SearchIndexFailed as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"Søgeindekset er bygget i {Path(argv[0]) / BUNDLE_DIR}/.", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
