"""`make site`'s engine step: the real, strict MkDocs build into a folder sitebuild.py chose.

sitebuild.py stages, swaps and keeps the published site whole; this is the only part of it
that runs MkDocs, reached through the engine's door (mkdocs_glue/engine.py's `build_into`).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

import jinja2

from generator.publish.html_policy import OwnScripts
from generator.publish.sitebuild import BuildFailed


def build_into(config_file: Path, site_dir: Path, *, data_dir: Path | None = None) -> OwnScripts | None:
    """Run the real MkDocs build (strict) into `site_dir`; raise BuildFailed on any failure.
    `data_dir` (`--data`) replaces the content folder the vive plugin's data_dir names.

    Returns the site's own scripts for the caller's check of the output (html_policy), or None
    when the vive plugin has already checked every page of `site_dir` (one pass, not two)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    from generator.mkdocs_glue.config import site_own_scripts
    from generator.mkdocs_glue.plugin import VivePlugin

    try:
        with _no_banner():
            cfg = load_config(str(config_file), site_dir=str(site_dir), strict=True)
            if data_dir is not None:
                if "vive" not in cfg.plugins:
                    plugin = "vive-pluginet, som læser indholdet"
                    raise BuildFailed(f"--data {data_dir}: {config_file.name} bruger ikke {plugin}")
                cfg.plugins["vive"].config.data_dir = str(data_dir.resolve())
            build(cfg)
    except MkDocsException:  # Abort, PluginError, ConfigurationError …: MkDocs has logged it
        raise BuildFailed() from None
    except jinja2.TemplateError as exc:  # raised while rendering, past MkDocs' own reporting
        where = (
            f"{exc.filename or exc.name}:{exc.lineno}" if isinstance(exc, jinja2.TemplateSyntaxError) else ""
        )
        raise BuildFailed(f"Fejl i en skabelon {where}: {exc.message}".replace("  ", " ")) from None
    vive = cfg.plugins.get("vive")
    if isinstance(vive, VivePlugin) and vive.checked_dir == Path(cfg.site_dir):
        return None
    return site_own_scripts(cfg)


@contextlib.contextmanager
def _no_banner() -> Iterator[None]:
    """MkDocs 1.6.1 prints a banner about 2.0 unless NO_MKDOCS_2_WARNING is set (as `make` does)."""
    before = os.environ.get("NO_MKDOCS_2_WARNING")
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("NO_MKDOCS_2_WARNING", None)
