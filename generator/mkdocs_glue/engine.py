"""MkDocs 1.6.1 + Material through the generator's one door (generator/engine.py's `Engine`).

Nothing here imports MkDocs at import time: the project configuration is completed from
plain YAML (so `validate` and every check of a text work without MkDocs installed), and the
build and MkDocs' own check of mkdocs.yml are imported when they run.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.content.project_config import ProjectConfig, config_error, read_project_config
from generator.publish.html_policy import OwnScripts

# The Markdown extensions MkDocs adds to every project's own, first
# (MkDocsConfig.markdown_extensions.builtins; tests/test_patches.py checks the installed MkDocs).
MARKDOWN_BUILTINS = ("toc", "tables", "fenced_code")


@dataclass(frozen=True)
class MkDocs:
    name: str = "MkDocs"
    logger: str = "mkdocs"  # MkDocs' logger (its plugins log below it): a build's messages

    def project_config(self, config_file: Path) -> ProjectConfig:
        """mkdocs.yml as MkDocs will build it: its built-in extensions, mkdocs-redirects' old paths."""
        plain = read_project_config(config_file)
        return plain.completed(MARKDOWN_BUILTINS, redirect_sources(config_file, plain.settings))

    def check_config(self, config_file: Path) -> None:
        """MkDocs' own validation of mkdocs.yml, in Danish (ContentErrors)."""
        from generator.mkdocs_glue.config import check_with_mkdocs

        check_with_mkdocs(config_file)

    def build_into(
        self, config_file: Path, site_dir: Path, *, data_dir: Path | None = None
    ) -> OwnScripts | None:
        """The strict MkDocs build `make site` stages (publish/sitebuild.py)."""
        from generator.mkdocs_glue.build import build_into

        return build_into(config_file, site_dir, data_dir=data_dir)


def redirect_sources(config_file: Path, settings: Mapping[str, Any]) -> tuple[str, ...]:
    """The old paths mkdocs-redirects keeps alive (`redirect_maps`' keys): no page may take them."""
    plugins = settings.get("plugins")
    for entry in plugins if isinstance(plugins, list) else []:
        if isinstance(entry, dict) and isinstance(entry.get("redirects"), dict):
            maps = entry["redirects"].get("redirect_maps") or {}
            if not isinstance(maps, dict):
                raise config_error(
                    config_file, "redirect_maps skal bestå af linjer på formen 'gammel.md: ny.md'"
                )
            return tuple(str(source) for source in maps)
    return ()


MKDOCS = MkDocs()
