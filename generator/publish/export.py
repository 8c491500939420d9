"""Export: the rendered site as a complete project that any MkDocs-style engine builds.

`python -m generator build --out DIR` writes

    DIR/mkdocs.yml      the project's mkdocs.yml, made standalone (below)
    DIR/docs/           generated Markdown + everything in content/ (pages, assets) + the open data
    DIR/overrides/      the theme overrides (theme.custom_dir), if any
    DIR/vive_search.py  the search index step (a copy of generator/render/search_index.py): after a
                        build, `python vive_search.py site` runs Pagefind over the HTML

The exported mkdocs.yml has the navigation and the pages left out of it (`not_in_nav`),
no `vive` plugin, no `watch` and no `toc.slugify`: every heading of every page carries its
anchor in the Markdown and the soft hyphens of long words in its h1–h3 (what the plugin does to the
built HTML: `anchors.explicit_anchors`, hyphenate.py), so the commands users type —
`mkdocs build --strict`, `properdocs build --strict`, `zensical build` — build it as it is,
without the generator, pydantic or anything on PYTHONPATH.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any

import yaml

from generator.content.project_config import PythonName, read_config
from generator.render import search_index
from generator.render.anchors import explicit_anchors
from generator.render.templating import Rendered

DOCS = "docs"
OVERRIDES = "overrides"  # theme.custom_dir in the export, wherever the project keeps it
SEARCH_MODULE = "vive_search"  # needs only `pip install pagefind[bin]`
OWN_PLUGINS = {"vive"}  # the generator's MkDocs glue: the export is already generated


class _Dumper(yaml.SafeDumper):
    pass


# `!!python/name:` values stay text when mkdocs.yml is read (project_config) and are written back as
# such, so the check below can name any that the export would carry.
_Dumper.add_representer(
    PythonName, lambda dumper, value: dumper.represent_scalar(f"tag:yaml.org,2002:python/name:{value}", "")
)


def standalone_config(config: dict[str, Any], rendered: Rendered, site_url: str) -> dict[str, Any]:
    """The project's config for a tree that is already generated (with `site_url`)."""
    out = dict(config)
    out["site_url"] = site_url or None  # the address the pages were generated for, not $SITE_URL
    out["docs_dir"] = DOCS
    out.pop("watch", None)
    out["plugins"] = [p for p in config.get("plugins", []) if _plugin_name(p) not in OWN_PLUGINS]
    out["nav"] = rendered.nav
    out["extra"] = {**(config.get("extra") or {}), "vive_veje_ind": rendered.ways_in}  # search, 404
    if rendered.not_in_nav:
        out["not_in_nav"] = "".join(f"/{path}\n" for path in sorted(rendered.not_in_nav))
    out["markdown_extensions"] = [_standalone_extension(e) for e in config.get("markdown_extensions", [])]
    if (config.get("theme") or {}).get("custom_dir"):
        out["theme"] = {**config["theme"], "custom_dir": OVERRIDES}
    return out


def _plugin_name(entry: Any) -> str:
    return entry if isinstance(entry, str) else next(iter(entry))


def _standalone_extension(entry: Any) -> Any:
    """toc without our slug function: every anchor is written in the pages."""
    if isinstance(entry, dict) and isinstance(entry.get("toc"), dict) and "slugify" in entry["toc"]:
        return {"toc": {k: v for k, v in entry["toc"].items() if k != "slugify"}}
    return entry


def _python_names(value: Any) -> set[str]:
    """Every `!!python/name:` left in a config: an engine run as `mkdocs build` cannot import it."""
    if isinstance(value, PythonName):
        return {str(value)}
    if isinstance(value, dict):
        return set().union(*(_python_names(v) for v in value.values()))
    if isinstance(value, list):
        return set().union(*(_python_names(v) for v in value))
    return set()


class ExportFailed(Exception):
    """The export cannot be written; the message is Danish."""


def _files_under(root: Path, prefix: str) -> dict[str, bytes]:
    """Every file below `root` (if it is a folder), by its path under `prefix`."""
    if not root.is_dir():
        return {}
    paths = (p for p in root.rglob("*") if p.is_file())
    return {f"{prefix}/{p.relative_to(root).as_posix()}": p.read_bytes() for p in paths}


def project_files(
    rendered: Rendered, config_file: Path, content: Path | None, site_url: str = ""
) -> dict[str, str | bytes]:
    """Every file of the exported project, by path relative to its folder."""
    config = read_config(config_file)
    generated = {**rendered.files, **rendered.data}  # pages and the open data (data/v1/…)
    files: dict[str, str | bytes] = {f"{DOCS}/{path}": text for path, text in generated.items()}
    if content is not None:
        hand_written = _files_under(content, DOCS)
        if clash := sorted(files.keys() & hand_written.keys()):
            raise ExportFailed(f"{clash[0]} findes både i content/ og blandt de genererede sider")
        files.update(hand_written)
    for path, page in files.items():  # generated and hand-written pages alike
        if path.endswith(".md"):
            text = page.decode("utf-8") if isinstance(page, bytes) else page
            # Composed (NFC) as the plugin gives every page: text pasted decomposed is the same text.
            files[path] = explicit_anchors(unicodedata.normalize("NFC", text), hyphenated=True)
    if custom_dir := (config.get("theme") or {}).get("custom_dir"):
        files.update(_files_under(config_file.parent / custom_dir, OVERRIDES))
    files[f"{SEARCH_MODULE}.py"] = Path(search_index.__file__).read_bytes()
    standalone = standalone_config(config, rendered, site_url)
    if names := sorted(_python_names(standalone)):
        raise ExportFailed(
            f"mkdocs.yml henviser til Python-koden '{names[0]}' (!!python/name:), som motorerne ikke kan "
            "finde uden for projektet; fjern henvisningen eller gør den til en del af eksporten"
        )
    files["mkdocs.yml"] = yaml.dump(standalone, Dumper=_Dumper, allow_unicode=True, sort_keys=False)
    return files
