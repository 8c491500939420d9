"""The project's mkdocs.yml, read once for the generator: what it needs to know of it.

The generator checks content against what the engine will do with it, so it reads the
engine's own settings instead of keeping a copy: the Markdown extensions (the HTML a
text becomes, `markdown_html.py`), the redirect sources (old addresses an id may not
take, `pages.check`) and the folder of hand-written pages. A missing or broken file is
a Danish message naming the file, the line and what is wrong. It is read as plain YAML,
as every engine that takes mkdocs.yml reads it; what MkDocs itself makes of it (the
plugin's loaded config, MkDocs' own validation) is generator/mkdocs_glue/config.py.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.errors import ContentError, ContentErrors

# The project's own mkdocs.yml: what a check uses when no other is given (tests, the API).
DEFAULT_CONFIG = Path(__file__).resolve().parent.parent / "mkdocs.yml"


class PythonName(str):
    """A `!!python/name:` value of mkdocs.yml, kept as text until it is needed."""


class _Loader(yaml.SafeLoader):
    pass


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    """`!ENV` tags are the caller's to resolve (site_url is set from the build); kept as None."""
    return None


_Loader.add_multi_constructor(
    "tag:yaml.org,2002:python/name:", lambda loader, suffix, node: PythonName(suffix)
)
_Loader.add_constructor("!ENV", _env)


def _fail(config_file: Path, message: str, line: int = 0, column: int = 0, hint: str = "") -> ContentErrors:
    return ContentErrors([ContentError(shown_path(config_file), line, column, "", message, hint)])


def shown_path(config_file: Path) -> str:
    """`config_file` as an editor sees it: relative to the current folder where it can be."""
    try:
        return config_file.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except (ValueError, OSError, RuntimeError):  # RuntimeError: links in a loop (Python 3.11)
        return config_file.as_posix()


def read_config(config_file: Path) -> dict[str, Any]:
    """mkdocs.yml as plain values; raises ContentErrors (Danish) if it is missing or broken."""
    try:
        text = config_file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise _fail(
            config_file, "filen findes ikke", hint="kør kommandoen fra projektets mappe, eller angiv --config"
        ) from None
    except IsADirectoryError:
        raise _fail(config_file, "er en mappe, ikke en fil", hint="angiv projektets mkdocs.yml") from None
    except UnicodeDecodeError:
        raise _fail(config_file, "filen er ikke gemt som UTF-8", hint="gem den som UTF-8") from None
    except OSError as exc:
        from generator.content.yamlsource import os_reason

        raise _fail(config_file, f"filen kan ikke læses ({os_reason(exc)})") from None
    try:
        config = yaml.load(text, Loader=_Loader)  # noqa: S506 (a safe loader)
    except yaml.MarkedYAMLError as exc:
        from generator.content.yamlsource import explain_yaml_error

        problem = explain_yaml_error(exc, text)
        raise _fail(config_file, problem.message, problem.line, problem.column, problem.hint) from None
    except yaml.YAMLError:
        raise _fail(config_file, "filen kan ikke læses som YAML") from None
    if config is None:
        raise _fail(config_file, "filen er tom", 1, 1, hint="mkdocs.yml skal mindst have site_name")
    if not isinstance(config, dict):
        raise _fail(config_file, "filen skal bestå af indstillinger (navn: værdi)", 1, 1)
    return config


@dataclass(frozen=True)
class ProjectConfig:
    """What the generator needs of mkdocs.yml."""

    file: Path
    markdown_extensions: tuple[str, ...] = ()
    markdown_configs: dict[str, dict[str, Any]] = field(default_factory=dict, hash=False, compare=False)
    redirect_sources: tuple[str, ...] = ()  # the old paths in redirect_maps (its keys)
    docs_dir: Path | None = None


def load_project_config(config_file: Path = DEFAULT_CONFIG) -> ProjectConfig:
    config = read_config(config_file)
    extensions, configs = _markdown_extensions(config_file, config.get("markdown_extensions") or [])
    docs = config.get("docs_dir", "docs")
    return ProjectConfig(
        config_file,
        extensions,
        configs,
        tuple(_redirect_sources(config_file, config.get("plugins") or [])),
        (config_file.parent / docs) if isinstance(docs, str) else None,
    )


def _markdown_extensions(
    config_file: Path, entries: Any
) -> tuple[tuple[str, ...], dict[str, dict[str, Any]]]:
    """Python-Markdown's (extensions, extension_configs), as MkDocs builds them from the list."""
    bad = _fail(
        config_file,
        "markdown_extensions skal være en liste af udvidelser (fx '- toc' eller '- toc: {permalink: true}')",
    )
    if not isinstance(entries, list):
        raise bad
    names: list[str] = []
    configs: dict[str, dict[str, Any]] = {}
    for entry in entries:
        if isinstance(entry, str):
            names.append(entry)
        elif isinstance(entry, dict) and len(entry) == 1:
            name, options = next(iter(entry.items()))
            if not isinstance(name, str) or not isinstance(options, dict | None):
                raise bad
            names.append(name)
            configs[name] = {k: _resolve(config_file, v) for k, v in (options or {}).items()}
        else:
            raise bad
    return tuple(names), configs


def _resolve(config_file: Path, value: Any) -> Any:
    """A `!!python/name:module.attr` option becomes the object MkDocs would import."""
    if not isinstance(value, PythonName):
        return value
    module, _, attr = value.rpartition(".")
    try:
        return getattr(importlib.import_module(module), attr)
    except (ImportError, AttributeError, ValueError):
        raise _fail(
            config_file, f"'!!python/name:{value}' findes ikke", hint="tjek navnet på modulet og funktionen"
        ) from None


def _redirect_sources(config_file: Path, plugins: Any) -> list[str]:
    for entry in plugins if isinstance(plugins, list) else []:
        if isinstance(entry, dict) and isinstance(entry.get("redirects"), dict):
            maps = entry["redirects"].get("redirect_maps") or {}
            if not isinstance(maps, dict):
                raise _fail(config_file, "redirect_maps skal bestå af linjer på formen 'gammel.md: ny.md'")
            return [str(source) for source in maps]
    return []
