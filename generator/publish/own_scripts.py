"""Which scripts are the site's own, known by where they come from (html_policy.OwnScripts).

- Script files: every `.js`/`.mjs` file in the theme's folders (Material's bundle, the
  overrides) and in the project's assets folder, by the path it gets in the site; and the
  script files a build step publishes from a source it checked (`script_files`: the content
  editor at /admin/, generator/editors/admin.py: Decap CMS by its pinned integrity, js-yaml from
  package-lock.json, the project's own cms/ files).
- Inline scripts: every `<script>…</script>` written in a template of the theme or of the
  generator. A template may put a value into a script only inside double quotes
  (`"{{ base_url }}"`); on the page that value may be anything but a quote, a backslash,
  `<`, `>` or a line break, so it cannot leave its string. A template script with a value
  anywhere else, or with `{% … %}` in it, is not registered: its page fails the check and
  the template has to be written so that it can be known.

Read once per set of folders and kept (the live preview checks on every save).
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import os
import re
from collections.abc import Iterable
from pathlib import Path

from generator.publish.html_policy import OwnScripts

SCRIPT_SUFFIXES = (".js", ".mjs")
TEMPLATE_SUFFIXES = (".html", ".htm", ".j2")
_TEMPLATE_SCRIPT = re.compile(r"<script\b[^>]*>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
_VALUE = re.compile(r"\{\{(-?)(.*?)(-?)\}\}", re.DOTALL)
_COMMENT = re.compile(r"(\s*)\{#(-?)(.*?)(-?)#\}(\s*)", re.DOTALL)
_IN_STRING = r'[^"\\<>\n\r\u2028\u2029]*'


def own_scripts(
    template_dirs: Iterable[Path],
    asset_dirs: Iterable[Path] = (),
    templates: Iterable[str] = (),
    base_path: str = "/",
    script_files: Iterable[str] = (),
) -> OwnScripts:
    """The own scripts of a site built from these template folders (their script files too),
    the project's asset folders (docs_dir: a file's site path is its path there), template
    texts given as strings (a plugin's page template) and script files by site path."""
    found = _own(tuple(template_dirs), tuple(asset_dirs), tuple(templates))
    return dataclasses.replace(found, base_path=base_path, files=found.files | frozenset(script_files))


@functools.lru_cache(maxsize=8)
def _own(template_dirs: tuple[Path, ...], asset_dirs: tuple[Path, ...], texts: tuple[str, ...]) -> OwnScripts:
    files: set[str] = set()
    inline: set[str] = set()
    patterns: dict[str, re.Pattern[str]] = {}
    for folder in (*template_dirs, *asset_dirs):
        for path in _files(folder, SCRIPT_SUFFIXES):
            files.add(path.relative_to(folder).as_posix())
    sources = [
        p.read_text(encoding="utf-8", errors="replace")
        for d in template_dirs
        for p in _files(d, TEMPLATE_SUFFIXES)
    ]
    for source in (*sources, *texts):
        for match in _TEMPLATE_SCRIPT.finditer(source):
            body = match.group(1)
            if not body.strip():
                continue
            pattern = template_pattern(body)
            if pattern is None:
                continue
            if isinstance(pattern, str):
                inline.add(pattern)
            else:
                patterns.setdefault(pattern.pattern, pattern)
    return OwnScripts(frozenset(files), frozenset(inline), tuple(patterns.values()))


def _files(folder: Path, suffixes: tuple[str, ...]) -> list[Path]:
    """The files under `folder` an engine publishes: hidden folders (Material's `.icons`,
    thousands of SVGs it inlines) and files are never copied to the site."""
    found = []
    for current, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found += [Path(current, n) for n in sorted(names) if n.endswith(suffixes) and not n.startswith(".")]
    return found


def _as_rendered(comment: re.Match[str]) -> str:
    """What Jinja leaves of a `{# #}` comment: nothing, and the whitespace beside it unless a
    `-` strips it (the theme's environment has no trim_blocks or lstrip_blocks)."""
    before, strip_before, _, strip_after, after = comment.groups()
    return ("" if strip_before else before) + ("" if strip_after else after)


def template_pattern(body: str) -> str | re.Pattern[str] | None:
    """A template script as the text it is on every page (no value in it), a pattern (values
    in double quotes), or None (it cannot be known: a value outside quotes, a `{% %}`).
    A Jinja comment is not on the page (a script's notes for developers, never sent to readers)."""
    body = _COMMENT.sub(_as_rendered, body)
    if "{%" in body or "{#" in body:
        return None
    pieces = _VALUE.split(body)  # literal, ("-" | ""), expression, ("-" | ""), literal, …
    if len(pieces) == 1:
        return body
    literals = pieces[0::4]
    trims = list(zip(pieces[1::4], pieces[3::4], strict=True))
    for i, (left, right) in enumerate(trims):  # Jinja's {{- and -}} strip the whitespace beside them
        if left:
            literals[i] = literals[i].rstrip()
        if right:
            literals[i + 1] = literals[i + 1].lstrip()
    if any(
        not (before.endswith('"') and after.startswith('"')) for before, after in itertools.pairwise(literals)
    ):
        return None
    return re.compile(_IN_STRING.join(re.escape(part) for part in literals), re.DOTALL)
