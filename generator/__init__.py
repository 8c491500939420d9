"""Generator for the inspiration site: YAML in themes_data/ → Markdown pages.

Public API: `generate`, `load_site`, `ContentErrors`.

Imported lazily: `generator.content.slugs` (mkdocs.yml's toc.slugify) or `generator.errors`
must not pull in pydantic, Jinja and every phase of the pipeline.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from generator.errors import ContentError, ContentErrors
    from generator.pipeline import generate, load_site

__all__ = ["ContentError", "ContentErrors", "generate", "load_site"]


def __getattr__(name: str) -> Any:
    if name in ("ContentError", "ContentErrors"):
        from generator import errors

        return getattr(errors, name)
    if name in ("generate", "load_site"):
        from generator import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'generator' has no attribute {name!r}")
