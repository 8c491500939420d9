"""Command line: `python -m generator build|validate|coverage`.

Content errors are printed in Danish, one per line, and exit with code 1;
an editor never sees a Python traceback for a mistake in the YAML.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

from .errors import ContentErrors
from .pipeline import generate, load_site
from .writer import copy_tree, write_tree

ROOT = Path.cwd()


def _build(args: argparse.Namespace) -> int:
    rendered = generate(args.data)
    files = copy_tree(args.content, rendered.files) if args.content.is_dir() else rendered.files
    files["_nav.yml"] = yaml.safe_dump({"nav": rendered.nav}, allow_unicode=True, sort_keys=False)
    changed = write_tree(files, args.out)
    print(f"{len(files)} filer i {args.out} ({len(changed)} ændret).")
    return 0


def _validate(args: argparse.Namespace) -> int:
    site = load_site(args.data)
    print(
        f"Indholdet er gyldigt: {len(site.themes)} temaer, {len(site.cases)} cases, "
        f"{len(site.perspectives)} perspektiver, {len(site.sources)} kilder."
    )
    return 0


def _coverage(args: argparse.Namespace) -> int:
    from .coverage import compute, report

    print(report(compute(load_site(args.data))), end="")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator", description="Generér sitet fra YAML.")
    parser.add_argument(
        "--data", type=Path, default=ROOT / "themes_data", help="mappen med YAML (standard: themes_data)"
    )
    sub = parser.add_subparsers(dest="command", required=True)
    build = sub.add_parser("build", help="skriv hele Markdown-træet til en mappe")
    build.add_argument("--out", type=Path, required=True, help="mappen, der skrives til")
    build.add_argument(
        "--content", type=Path, default=ROOT / "content", help="håndskrevne sider (standard: content)"
    )
    build.set_defaults(run=_build)
    validate = sub.add_parser("validate", help="kontrollér indholdet uden at bygge")
    validate.set_defaults(run=_validate)
    coverage = sub.add_parser("coverage", help="vis, hvad der er skrevet ud fra kilder, og hvad der mangler")
    coverage.set_defaults(run=_coverage)
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except ContentErrors as exc:
        print(exc.report(), file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
