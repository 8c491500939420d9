"""The project's configuration (mkdocs.yml), read once for the generator: what it needs of it.

The generator checks content against what the engine will do with it, so it reads the
project's own settings instead of keeping a copy: the Markdown extensions (the HTML a
text becomes, `markdown_html.py`), the redirect sources (old addresses an id may not
take, `pages.check`) and the folder of hand-written pages. A missing or broken file is
a Danish message naming the file, the line and what is wrong.

`read_project_config` reads it as plain YAML, as every engine that takes mkdocs.yml reads
it; the engine completes what only it knows (`ProjectConfig.completed`: the Markdown
extensions it always adds, the old addresses its redirect plugin keeps): generator/engine.py.
"""

from __future__ import annotations

import dataclasses
import importlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.content.yamlsource import explain_yaml_error
from generator.errors import ContentError, ContentErrors, os_reason

# The project's own mkdocs.yml: what a check uses when no other is given (tests, the API).
DEFAULT_CONFIG = Path(__file__).resolve().parents[2] / "mkdocs.yml"


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


def config_error(
    config_file: Path, message: str, line: int = 0, column: int = 0, hint: str = ""
) -> ContentErrors:
    """A Danish error about the configuration file, at its line (the engine's part of it too)."""
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
        raise config_error(
            config_file, "filen findes ikke", hint="kør kommandoen fra projektets mappe, eller angiv --config"
        ) from None
    except IsADirectoryError:
        raise config_error(
            config_file, "er en mappe, ikke en fil", hint="angiv projektets mkdocs.yml"
        ) from None
    except UnicodeDecodeError:
        raise config_error(config_file, "filen er ikke gemt som UTF-8", hint="gem den som UTF-8") from None
    except OSError as exc:
        raise config_error(config_file, f"filen kan ikke læses ({os_reason(exc)})") from None
    try:
        config = yaml.load(text, Loader=_Loader)  # noqa: S506 (a safe loader)
    except yaml.MarkedYAMLError as exc:
        problem = explain_yaml_error(exc, text)
        raise config_error(config_file, problem.message, problem.line, problem.column, problem.hint) from None
    except yaml.YAMLError:
        raise config_error(config_file, "filen kan ikke læses som YAML") from None
    if config is None:
        raise config_error(config_file, "filen er tom", 1, 1, hint="mkdocs.yml skal mindst have site_name")
    if not isinstance(config, dict):
        raise config_error(config_file, "filen skal bestå af indstillinger (navn: værdi)", 1, 1)
    return config


@dataclass(frozen=True)
class ProjectConfig:
    """What the generator needs of mkdocs.yml (`settings`: all of it, as plain values)."""

    file: Path
    markdown_extensions: tuple[str, ...] = ()
    markdown_configs: dict[str, dict[str, Any]] = field(default_factory=dict, hash=False, compare=False)
    redirect_sources: tuple[str, ...] = ()  # old paths the engine keeps alive (they redirect)
    docs_dir: Path | None = None
    settings: Mapping[str, Any] = field(default_factory=dict, hash=False, compare=False, repr=False)

    def completed(
        self, markdown_builtins: tuple[str, ...], redirect_sources: tuple[str, ...]
    ) -> ProjectConfig:
        """As the engine builds it: the Markdown extensions it always adds first (as MkDocs
        does), and the old addresses it keeps alive."""
        extensions = tuple(dict.fromkeys([*markdown_builtins, *self.markdown_extensions]))
        return dataclasses.replace(self, markdown_extensions=extensions, redirect_sources=redirect_sources)


def read_project_config(config_file: Path = DEFAULT_CONFIG) -> ProjectConfig:
    """mkdocs.yml as plain YAML: what any engine reads of it, before the engine completes it."""
    config = read_config(config_file)
    extensions, configs = _markdown_extensions(config_file, config.get("markdown_extensions") or [])
    docs = config.get("docs_dir", "docs")
    return ProjectConfig(
        config_file,
        extensions,
        configs,
        (),
        (config_file.parent / docs) if isinstance(docs, str) else None,
        config,
    )


def _markdown_extensions(
    config_file: Path, entries: Any
) -> tuple[tuple[str, ...], dict[str, dict[str, Any]]]:
    """Python-Markdown's (extensions, extension_configs), as MkDocs builds them from the list."""
    bad = config_error(
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
        raise config_error(
            config_file, f"'!!python/name:{value}' findes ikke", hint="tjek navnet på modulet og funktionen"
        ) from None
