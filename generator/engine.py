"""The one door to the engine: what the generator asks of one (`Engine`), and which one this
project builds with (`chosen`).

The generator itself (content/, render/, publish/, pipeline.py) imports no engine: what it needs
of one is passed down. The content step reads its Markdown settings from the project
configuration the engine completed (`Engine.project_config`: the extensions it always adds,
the old addresses its redirect plugin keeps); `make site` gets the engine's build
(publish/sitebuild.Builder). The commands (__main__.py) and the API (generator/__init__.py)
take the engine from `chosen()`, here and nowhere else; the engine's own plugin
(mkdocs_glue/plugin.py) is part of the engine. To switch engines: ARCHITECTURE.md, "An engine".
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from generator.content.project_config import ProjectConfig
from generator.mkdocs_glue.engine import MKDOCS
from generator.publish.sitebuild import Builder


class Engine(Builder, Protocol):
    """An engine behind the door: a package beside mkdocs_glue/ with these parts."""

    @property
    def name(self) -> str: ...

    def project_config(self, config_file: Path) -> ProjectConfig:
        """The project configuration as this engine builds it (read_project_config, completed)."""
        ...

    def check_config(self, config_file: Path) -> None:
        """The engine's own check of the configuration; raises ContentErrors (Danish, file:line)."""
        ...


def chosen() -> Engine:
    """The engine this project builds with."""
    return MKDOCS
