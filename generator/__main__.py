"""Command line: `python -m generator build|validate|coverage|site|schema|new`.

Content errors are printed in Danish, one per line, and exit with code 1;
an editor never sees a Python traceback for a mistake in the YAML.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from generator.errors import ContentErrors
from generator.mkdocs_glue.config import check_with_mkdocs
from generator.pipeline import generate, load_site
from generator.project_config import DEFAULT_CONFIG, load_project_config
from generator.site.siteurl import InvalidSiteUrl, notice
from generator.site.siteurl import check as check_site_url

ROOT = Path.cwd()


def _build(args: argparse.Namespace) -> int:
    from generator.publish import outdir
    from generator.publish.export import ExportFailed, project_files

    try:
        site_url = _site_url(args)
        # Only into a missing or empty folder or an earlier export (its manifest: outdir.py).
        out = outdir.check_target(args.out, outdir.EXPORT, args.config, also=[args.data, args.content])
    except (InvalidSiteUrl, outdir.FolderRefused) as exc:
        print(exc, file=sys.stderr)
        return 1
    rendered = generate(args.data, site_url=site_url, config=load_project_config(args.config))
    try:
        files = project_files(rendered, args.config, args.content, site_url=site_url)
    except ExportFailed as exc:
        print(f"{exc}; intet er skrevet.", file=sys.stderr)
        return 1
    try:
        changed = outdir.write_export(files, out)
    except outdir.FolderRefused as exc:
        print(exc, file=sys.stderr)
        return 1
    except OSError as exc:
        where = f" ({exc.filename})" if exc.filename else ""
        print(
            f"Eksporten kunne ikke skrives færdig i {args.out}{where}: {exc.strerror or exc}. "
            "Tjek mappens rettigheder og pladsen på disken, og kør igen.",
            file=sys.stderr,
        )
        return 1
    print(f"{len(files)} filer i {args.out} ({len(changed)} ændret). Byg det med fx:")
    print(f"  cd {args.out} && mkdocs build --strict")
    if message := notice(site_url):
        print(message)
    return 0


def _site_url(args: argparse.Namespace) -> str:
    """--site-url, else $SITE_URL, checked (siteurl.check); "" when neither is set."""
    if args.site_url is not None:
        return check_site_url(args.site_url, "--site-url") if args.site_url else ""
    value = os.environ.get("SITE_URL", "")
    return check_site_url(value, "SITE_URL") if value else ""


def _validate(args: argparse.Namespace) -> int:
    site = load_site(args.data, load_project_config(args.config or _config_near(args.data)))
    print(
        f"Indholdet er gyldigt: {len(site.themes)} temaer, {len(site.cases)} cases, "
        f"{len(site.perspectives)} perspektiver, {len(site.sources)} kilder."
    )
    return 0


def _config_near(data: Path) -> Path:
    """The mkdocs.yml of the project being checked: here, beside its content, or the generator's own."""
    for candidate in (ROOT / "mkdocs.yml", data.parent / "mkdocs.yml"):
        if candidate.is_file():
            return candidate
    return DEFAULT_CONFIG


def _coverage(args: argparse.Namespace) -> int:
    from generator.site.coverage import compute, report

    print(report(compute(load_site(args.data))), end="")
    return 0


def _site(args: argparse.Namespace) -> int:
    from generator.publish.sitebuild import main as build_site

    # A missing or broken mkdocs.yml is said in Danish before MkDocs says it in English.
    load_project_config(args.config)
    check_with_mkdocs(args.config)
    return build_site(args.config, args.out)


def _schema(args: argparse.Namespace) -> int:
    from generator.editors.schema import write_schemas

    changed = write_schemas(args.data)
    print(f"JSON Schema skrevet til {args.data / 'schema'} ({len(changed)} ændret).")
    return 0


def _new(args: argparse.Namespace) -> int:
    from generator.editors.scaffold import new_case, new_theme

    if args.what == "theme":
        created = new_theme(args.data, args.kortlaegning, args.titel, theme_id=args.id)
    else:
        created = new_case(args.data, args.kortlaegning, args.navn, args.type, case_id=args.id)
    print(f"Oprettet: {created.path}")
    for note in created.notes:
        print(note)
    print("Udfyld felterne, og kør derefter: make validate")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator", description="Generér sitet fra YAML.")
    parser.add_argument(
        "--data", type=Path, default=ROOT / "themes_data", help="mappen med YAML (standard: themes_data)"
    )
    sub = parser.add_subparsers(dest="command", required=True)
    build = sub.add_parser(
        "build", help="skriv et komplet projekt (Markdown, assets, navigation, mkdocs.yml) til en mappe"
    )
    build.add_argument(
        "--out",
        type=Path,
        required=True,
        help="mappen, der skrives til: ny, tom eller en tidligere eksport (kun dens egne filer erstattes)",
    )
    build.add_argument(
        "--site-url",
        default=None,
        help="sitets adresse, fx https://eksempel.dk/ (til adresse og QR-kode på print; standard: $SITE_URL)",
    )
    build.add_argument(
        "--content", type=Path, default=ROOT / "content", help="håndskrevne sider (standard: content)"
    )
    build.add_argument("--config", type=Path, default=ROOT / "mkdocs.yml", help="standard: mkdocs.yml")
    build.set_defaults(run=_build)
    validate = sub.add_parser("validate", help="kontrollér indholdet uden at bygge")
    validate.add_argument("--config", type=Path, help="projektets mkdocs.yml (standard: mkdocs.yml)")
    validate.set_defaults(run=_validate)
    coverage = sub.add_parser("coverage", help="vis, hvad der er skrevet ud fra kilder, og hvad der mangler")
    coverage.set_defaults(run=_coverage)
    site = sub.add_parser("site", help="byg sitet med MkDocs; site/ skiftes kun ud, hvis alt lykkes")
    site.add_argument(
        "--out",
        type=Path,
        default=ROOT / "site",
        help="sitets mappe: ny, tom eller bygget af denne kommando før (standard: site)",
    )
    site.add_argument("--config", type=Path, default=ROOT / "mkdocs.yml", help="standard: mkdocs.yml")
    site.set_defaults(run=_site)
    schema = sub.add_parser("schema", help="skriv JSON Schema til themes_data/schema/")
    schema.set_defaults(run=_schema)
    new = sub.add_parser("new", help="opret en ny fil med alle de felter, der skal udfyldes")
    new_sub = new.add_subparsers(dest="what", required=True)
    theme = new_sub.add_parser("theme", help="nyt tema")
    theme.add_argument("--kortlaegning", required=True, help="bostoette eller botilbud")
    theme.add_argument("--titel", required=True, help="temaets titel")
    theme.add_argument("--id", help="id (standard: lavet ud fra titlen)")
    theme.set_defaults(run=_new)
    case = new_sub.add_parser("case", help="ny case")
    case.add_argument("--kortlaegning", required=True, help="bostoette eller botilbud")
    case.add_argument("--navn", required=True, help="casens navn, fx 'Åby Kommune'")
    case.add_argument("--type", required=True, choices=["kommune", "botilbud"])
    case.add_argument("--id", help="id (standard: lavet ud fra navnet)")
    case.set_defaults(run=_new)
    args = parser.parse_args(argv)
    try:
        code: int = args.run(args)
    except ContentErrors as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    return code


if __name__ == "__main__":
    sys.exit(main())
