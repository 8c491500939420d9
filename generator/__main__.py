"""Command line: `python -m generator build|validate|coverage|site|schema|new|format|edit`.

Content errors are printed in Danish, one per line, and exit with code 1;
an editor never sees a Python traceback for a mistake in the YAML. Every option is used by
every command that takes it (`--data` too, which stands before the command); every path a
user gives is checked by its role (PATH_OPTIONS) before anything is read or written.
"""

from __future__ import annotations

import argparse
import os
import re
import stat
import sys
from pathlib import Path
from typing import NoReturn

from generator.content.project_config import DEFAULT_CONFIG
from generator.engine import chosen
from generator.errors import ContentErrors, abbreviated, display_path, os_reason
from generator.pipeline import generate, load_site
from generator.render.siteurl import InvalidSiteUrl, notice
from generator.render.siteurl import check as check_site_url

ROOT = Path.cwd()
DEFAULT_DATA = ROOT / "themes_data"
# Every option that takes a path, by what it must be: an existing folder to read (check_paths),
# the project's mkdocs.yml (project_config.read_config) or the folder to write
# (generator/publish/outdir.py). tests/test_cli_options.py fails for an option missing here.
PATH_OPTIONS = {"data": "folder", "content": "folder", "config": "file", "out": "output"}


class UsageError(Exception):
    """An option the command cannot use as given; the message is Danish."""


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
    rendered = generate(args.data, site_url=site_url, config=chosen().project_config(args.config))
    try:
        files = project_files(rendered, args.config, args.content, site_url=site_url)
    except ExportFailed as exc:
        print(f"{exc}; intet er skrevet.", file=sys.stderr)
        return 1
    encoded = {rel: data if isinstance(data, bytes) else data.encode("utf-8") for rel, data in files.items()}
    try:
        changed = outdir.write_owned(out, outdir.EXPORT, encoded)
    except outdir.FolderRefused as exc:
        print(exc, file=sys.stderr)
        return 1
    except OSError as exc:
        where = f" ({exc.filename})" if exc.filename else ""
        print(
            f"Eksporten kunne ikke skrives færdig i {args.out}{where}: {os_reason(exc)}. "
            "Tjek mappens rettigheder og pladsen på disken, og kør igen; filerne, eksporten nåede at "
            f"skrive, står i {outdir.EXPORT.marker}, så næste kørsel gør den færdig.",
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
    site = load_site(args.data, chosen().project_config(args.config or _config_near(args.data)))
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
    from generator.render.coverage import compute, report

    print(report(compute(load_site(args.data, chosen().project_config(_config_near(args.data))))), end="")
    return 0


def _site(args: argparse.Namespace) -> int:
    from generator.publish.sitebuild import main as build_site

    engine = chosen()
    # A missing or broken mkdocs.yml is said in Danish before the engine says it in English.
    engine.project_config(args.config)
    engine.check_config(args.config)
    # --data (before the command) replaces the content folder mkdocs.yml names; without it,
    # mkdocs.yml's (plugins → vive → data_dir) is built, as `mkdocs build` would.
    return build_site(args.config, args.out, engine, args.data)


def _schema(args: argparse.Namespace) -> int:
    from generator.editors.schema import SchemaFilesNotOurs, write_schemas

    try:
        changed = write_schemas(args.data)
    except SchemaFilesNotOurs as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"JSON Schema skrevet til {args.data / 'schema'} ({len(changed)} ændret).")
    return 0


def _format(args: argparse.Namespace) -> int:
    from generator.editors.canonical import NodeMissing, format_content, write_formatted

    try:
        found = format_content(args.data)
    except NodeMissing as exc:
        print(exc, file=sys.stderr)
        return 1
    changed = [f.path for f in found if f.changed]
    if args.check:
        for path in changed:
            print(f"{display_path(path, args.data)}: er ikke skrevet i det fælles format", file=sys.stderr)
        if changed:
            print(
                f"{len(changed)} af {len(found)} filer skal formateres: "
                "kør  make format-content  og commit dem.",
                file=sys.stderr,
            )
            return 1
        print(f"Alle {len(found)} filer er i det fælles format.")
        return 0
    write_formatted(found)
    print(f"{len(changed)} af {len(found)} filer formateret.")
    return 0


def _edit(args: argparse.Namespace) -> int:
    from generator.editors.edit import run

    if args.data is not None:  # the editor saves into the project's own themes_data/, as the preview reads it
        raise UsageError(
            "--data kan ikke bruges med edit: redigeringen og forhåndsvisningen bruger projektets egen "
            "indholdsmappe (mkdocs.yml); intet er startet."
        )
    return run(ROOT, args.port, args.editor_port)


def _new(args: argparse.Namespace) -> int:
    from generator.editors.canonical import NodeMissing
    from generator.editors.scaffold import new_case, new_theme

    try:
        if args.what == "theme":
            created = new_theme(args.data, args.kortlaegning, args.titel, theme_id=args.id)
        else:
            created = new_case(args.data, args.kortlaegning, args.navn, args.type, case_id=args.id)
    except NodeMissing as exc:  # the canonical format is written by Node (editors/canonical.py)
        print(exc, file=sys.stderr)
        return 1
    print(f"Oprettet: {created.path}")
    for note in created.notes:
        print(note)
    print("Udfyld felterne, og kør derefter: make validate")
    return 0


class _Parser(argparse.ArgumentParser):
    """argparse with its refusals in Danish and exit code 1, as every other error."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(1, f"{self.prog}: fejl: {_danish(message)}\n")


# argparse's own messages (English), in Danish.
_ARGPARSE_MESSAGES = [
    (r"unrecognized arguments: (.*)", "ukendt tilvalg for denne kommando: {0} (se --help)"),
    (r"the following arguments are required: (.*)", "mangler: {0}"),
    (r"argument (\S+): invalid choice: '?(.*?)'? \(choose from (.*)\)", "{0}: '{1}' findes ikke; vælg {2}"),
    (r"argument (\S+): expected one argument", "{0} skal have en værdi"),
    (r"ambiguous option: (\S+) could match (.*)", "{0} er tvetydigt: det kan være {1}"),
    (r"argument (\S+): not allowed with argument (.*)", "{0} kan ikke bruges sammen med {1}"),
]


def _danish(message: str) -> str:
    for pattern, danish in _ARGPARSE_MESSAGES:
        if found := re.fullmatch(pattern, message):
            words = ["kommandoen" if word in ("command", "what") else word for word in found.groups()]
            return danish.format(*words)
    return message


def check_paths(args: argparse.Namespace) -> None:
    """Every folder option the command got (PATH_OPTIONS), before anything is read or written:
    it must exist and be a folder (whether it can be read is said where it is read, naming
    the file or sub-folder; mkdocs.yml is checked where it is read, project_config.read_config).
    Raises UsageError."""
    for dest, role in PATH_OPTIONS.items():
        path = getattr(args, dest, None)
        if path is None or role != "folder":
            continue
        try:
            info = path.stat()
        except OSError as exc:
            reason = "mappen findes ikke" if isinstance(exc, FileNotFoundError) else os_reason(exc)
            raise UsageError(
                f"--{dest} {abbreviated(path)}: {reason}; intet er læst eller skrevet. {_SPELL}"
            ) from None
        if not stat.S_ISDIR(info.st_mode):
            raise UsageError(
                f"--{dest} {abbreviated(path)}: er en fil, ikke en mappe; intet er læst eller skrevet."
            )


_SPELL = "Tjek stavningen, og kør kommandoen fra projektets mappe (eller angiv hele stien)."


def build_parser() -> argparse.ArgumentParser:
    """The command line: its commands and their options (tests read every option from here)."""
    parser = _Parser(prog="python -m generator", description="Generér sitet fra YAML.")
    parser.add_argument(
        "--data",
        type=Path,
        default=None,
        help="mappen med YAML (standard: themes_data; for site: den, mkdocs.yml nævner); står før kommandoen",
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
    fmt = sub.add_parser(
        "format", help="skriv hver YAML-fil i det fælles format, som redigeringen (/admin/) også skriver"
    )
    fmt.add_argument("--check", action="store_true", help="ret intet; nævn filerne, der ikke er formateret")
    fmt.set_defaults(run=_format)
    edit = sub.add_parser(
        "edit", help="start redigeringen i browseren og forhåndsvisningen (på 127.0.0.1; stop med Ctrl-C)"
    )
    edit.add_argument("--port", type=int, default=8000, help="forhåndsvisningens port (standard: 8000)")
    edit.add_argument("--editor-port", type=int, default=8081, help="redigeringens port (standard: 8081)")
    edit.set_defaults(run=_edit)
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
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.data is None and args.run not in (_site, _edit):
        args.data = DEFAULT_DATA
    try:
        check_paths(args)
        code: int = args.run(args)
    except UsageError as exc:
        print(exc, file=sys.stderr)
        return 1
    except ContentErrors as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    except OSError as exc:  # the last net: any path the system refuses, in Danish, no traceback
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"{where}{os_reason(exc)}. Kommandoen stoppede; tjek stien og rettighederne.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:  # Ctrl-C: what was published stays (the build's own rules)
        print("Afbrudt.", file=sys.stderr)
        return 130
    return code


if __name__ == "__main__":
    sys.exit(main())
