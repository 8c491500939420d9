"""Live preview (`mkdocs serve`): the content's errors shown where editors look, in the browser.

While the YAML has errors, the preview keeps serving the last pages that built and puts
a Danish panel with every error (file, line, field, message, hint) at the top of each page.
The build itself succeeds, so MkDocs reloads the browser; once the errors are fixed the
next build has no panel and the browser reloads again. Never used by `mkdocs build`.
"""

from __future__ import annotations

import functools
import re

import jinja2

from .errors import ContentError, ContentErrors
from .pages import TEMPLATES

# Where the panel goes: the start of the article (Material's content column), else the body.
_ARTICLE = re.compile(r"<article\b[^>]*>")
_BODY = re.compile(r"<body\b[^>]*>")


@functools.cache
def _template() -> jinja2.Template:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True)
    return env.get_template("preview-errors.html.j2")


def error_panel(problems: ContentErrors) -> str:
    errors: list[ContentError] = sorted(set(problems.errors))
    return _template().render(errors=errors)


def with_panel(html: str, panel: str) -> str:
    """`html` with `panel` as the first thing in the page's content."""
    for pattern in (_ARTICLE, _BODY):
        found = pattern.search(html)
        if found:
            return html[: found.end()] + panel + html[found.end() :]
    return panel + html
