"""Generator for the inspiration site: YAML in themes_data/ → Markdown pages.

Public API: `generate`, `load_site`, `ContentErrors`. Without a `config`, they read the project's
own mkdocs.yml as its engine builds it (generator/engine.py's `chosen`).

Imported lazily: `generator.content.slugs` (mkdocs.yml's toc.slugify) or `generator.errors`
must not pull in pydantic, Jinja and every phase of the pipeline.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pathlib import Path

    from generator.content.linker import Site
    from generator.content.project_config import ProjectConfig
    from generator.errors import ContentError, ContentErrors
    from generator.render.page_memo import PageMemo
    from generator.render.templating import Rendered

__all__ = ["ContentError", "ContentErrors", "generate", "load_site"]


def load_site(data_dir: Path, config: ProjectConfig | None = None) -> Site:
    """Every step of a build, writing nothing (`validate`); ContentErrors with every problem."""
    from generator import pipeline

    return pipeline.load_site(data_dir, config or project_config())


def generate(
    data_dir: Path, site_url: str = "", *, config: ProjectConfig | None = None, memo: PageMemo | None = None
) -> Rendered:
    """The rendered site: its pages, navigation and open data (pipeline.generate)."""
    from generator import pipeline

    return pipeline.generate(data_dir, site_url, config=config or project_config(), memo=memo)


def project_config() -> ProjectConfig:
    """The project's own mkdocs.yml, completed by the engine it builds with."""
    from generator.content.project_config import DEFAULT_CONFIG
    from generator.engine import chosen

    return chosen().project_config(DEFAULT_CONFIG)


def __getattr__(name: str) -> Any:
    if name in ("ContentError", "ContentErrors"):
        from generator import errors

        return getattr(errors, name)
    raise AttributeError(f"module 'generator' has no attribute {name!r}")
