"""CPU cost of the checks of issue 25 (items 2 and 3), for BENCHMARKS.md.

    .venv/bin/python -m tests.bench.output_check [--cases 500]

1. The one pass over the built output (publish/output_check.py): the real site and a
   synthetic one, each built once with the real MkDocs, then checked five times (median).
2. The Markdown bounds (content/markdown_bounds.py): the worst texts they still allow, as
   `validate` converts them and as the build converts them after escaping, per character.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

from .synthetic import ROOT, Size, generate

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def _config_for(data: Path, folder: Path) -> Path:
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for old, new in [
        ("data_dir: themes_data", f"data_dir: {data}"),
        ("docs_dir: content", f"docs_dir: {ROOT / 'content'}"),
        ("custom_dir: overrides", f"custom_dir: {ROOT / 'overrides'}"),
        ("\n  - themes_data\n", f"\n  - {data}\n"),
        ("\n  - generator\n", f"\n  - {ROOT / 'generator'}\n"),
    ]:
        text = text.replace(old, new)
    config = folder / "mkdocs.yml"
    config.write_text(text, encoding="utf-8")
    return config


def output_check(label: str, config: Path, site: Path) -> str:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from generator.mkdocs_glue.config import site_own_scripts
    from generator.publish.output_check import check_folder, documents

    cfg = load_config(str(config), site_dir=str(site), strict=True)
    started = time.process_time()
    build(cfg)  # the plugin checks the folder once in here too
    built = time.process_time() - started
    own = site_own_scripts(cfg)
    runs = []
    for _ in range(5):
        started = time.process_time()
        assert check_folder(site, own) == []
        runs.append(time.process_time() - started)
    pages = documents(site)
    size = sum((site / p).stat().st_size for p in pages) / 1e6
    return (
        f"{label}: {len(pages)} documents, {size:.1f} MB; check {statistics.median(runs):.3f} s CPU "
        f"(median of 5); the build's own CPU in this process {built:.1f} s"
    )


def markdown_bounds() -> list[str]:
    from generator.content.markdown_bounds import MAX_MARKS, excess
    from generator.content.markdown_html import Converter
    from generator.content.markdown_safety import safe_markdown

    from ..conftest import project_config

    converter = Converter(project_config(ROOT / "mkdocs.yml"))
    lines = []
    for name, unit in [
        ("[a](", "[a](" * MAX_MARKS),
        ("![a](", "![a](" * MAX_MARKS),
        ("[a](<", "[a](<" * 250),
    ]:
        text = "\n\n".join([unit] * 8)
        assert excess(text) is None
        started = time.process_time()
        converter.html(text)
        validate = time.process_time() - started
        started = time.process_time()
        converter.html(safe_markdown(text, converter) + "\n")
        build = time.process_time() - started
        lines.append(
            f"{name} × {text.count(name)} in runs at the bounds ({len(text):,} characters): "
            f"validate {validate:.2f} s ({validate / len(text) * 1e6:.0f} µs a character), "
            f"the build's conversion {build:.2f} s"
        )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=500)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        print(output_check("real site", ROOT / "mkdocs.yml", work / "real"))
        folder = work / "synthetic"
        folder.mkdir()
        data = generate(folder / "themes_data", Size(20, args.cases)).data_dir
        print(output_check(f"{args.cases} cases", _config_for(data, folder), folder / "site"))
    for line in markdown_bounds():
        print(line)


if __name__ == "__main__":
    main()
