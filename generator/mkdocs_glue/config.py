"""mkdocs.yml as MkDocs itself loads and checks it: the plugin's view, and MkDocs' checks in Danish.

The generator's own reading of mkdocs.yml (plain YAML, any engine's view) is project_config.py.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from generator.content.project_config import ProjectConfig, shown_path
from generator.errors import ContentError, ContentErrors
from generator.publish.html_policy import OwnScripts
from generator.publish.own_scripts import own_scripts


def from_mkdocs(config: Any) -> ProjectConfig:
    """The same facts from the config MkDocs itself loaded (the plugin's view: what it builds with)."""
    redirects = config.plugins.get("redirects") if hasattr(config.plugins, "get") else None
    maps = getattr(redirects, "config", {}).get("redirect_maps") or {} if redirects else {}
    return ProjectConfig(
        Path(config.config_file_path),
        tuple(e for e in config.markdown_extensions if isinstance(e, str)),
        dict(config.mdx_configs),
        tuple(str(source) for source in maps),
        Path(config.docs_dir),
    )


def site_own_scripts(config: Any) -> OwnScripts:
    """The scripts a site MkDocs builds from `config` may run (html_policy): the theme's folders
    (Material, overrides/), the generator's templates, the docs_dir's assets, the redirect page
    and the content editor's (/admin/, by where each file comes from: editors/admin.py)."""
    import dataclasses
    from urllib.parse import urlsplit

    from generator.editors import admin
    from generator.mkdocs_glue.redirect_page import REDIRECT_PAGE
    from generator.render.pages import TEMPLATES

    own = own_scripts(
        [*(Path(d) for d in config.theme.dirs), Path(TEMPLATES)],
        [Path(config.docs_dir)],
        [REDIRECT_PAGE.replace("{url}", "{{ url }}")],
        base_path=urlsplit(config.site_url or "").path or "/",
        script_files=admin.script_paths(),
    )
    return dataclasses.replace(own, site_url=config.site_url or "")


# MkDocs' own checks of its config, in Danish: (pattern of its English message, Danish message).
_MKDOCS_MESSAGES = [
    (r"The path '(.+)' isn't an existing directory", "mappen '{0}' findes ikke"),
    (r"The path '(.+)' isn't an existing file", "filen '{0}' findes ikke"),
    (r'The "(.+)" plugin is not installed', "pluginet '{0}' er ikke installeret"),
    (r"Failed to load extension '(.+?)'", "Markdown-udvidelsen '{0}' findes ikke"),
    (r"Unrecognised theme name: '(.+?)'", "temaet '{0}' er ikke installeret"),
    (r"Required configuration not provided", "skal udfyldes"),
]


def check_with_mkdocs(config_file: Path) -> None:
    """Run MkDocs' own validation of mkdocs.yml and say what it finds in Danish, with the line
    (a strict build stops on its errors and warnings, logged in English)."""
    import difflib
    import re

    from mkdocs.config.defaults import MkDocsConfig

    config = MkDocsConfig(config_file_path=str(config_file))
    with config_file.open("rb") as handle:
        config.load_file(handle)
    failed, warnings = config.validate()
    lines = config_file.read_text(encoding="utf-8").splitlines()

    def line_of(key: str) -> int:
        return next((n for n, ln in enumerate(lines, 1) if re.match(rf"{re.escape(key)}\s*:", ln)), 0)

    errors = []
    for key, exc in failed:
        english = str(exc).split("\n", 1)[0]
        message = f"indstillingen er ugyldig ({english})"
        for pattern, danish in _MKDOCS_MESSAGES:
            if match := re.search(pattern, english):
                message = danish.format(*match.groups())
                break
        line = line_of(key)
        errors.append(ContentError(shown_path(config_file), line, 1 if line else 0, key, message))
    for key, _warning in warnings:
        close = difflib.get_close_matches(key, [k for k in config if k != key], n=1)
        hint = f"mente du '{close[0]}'?" if close else "slet linjen"
        errors.append(ContentError(shown_path(config_file), line_of(key), 1, key, "ukendt indstilling", hint))
    if errors:
        raise ContentErrors(errors)
