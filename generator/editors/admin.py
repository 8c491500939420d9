"""/admin/: the content editor as files of the built site, and where each file comes from.

    python -m generator.editors.admin install   fetch Decap CMS (make site, make edit, make test)

Three sources, each known (publish/own_scripts.py accepts /admin/'s scripts by them):
- Decap CMS: `npm pack` of the version package.json pins (`vive.decapCms`), its SHA-512 checked
  against the integrity written there before anything is unpacked; only its browser build
  (dist/*decap-cms.js, its two WebAssembly files and its licence text) is kept, in
  node_modules/.vive/. The package's 630 dependencies are never installed: the bundle holds them.
- js-yaml's browser build, from node_modules/ (`npm ci` from package-lock.json).
- the project's own files (cms/: index.html, the start script, the canonical YAML writer) and
  config.json, generated from the content model (decap.py) and the backend settings below.

Nothing of it is committed: a fresh clone gets it from the npm registry, exactly as pinned.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from generator.editors.canonical import CMS_DIR, NODE_MODULES, PROJECT_DIR, formats

ADMIN = "admin"  # the editor's folder in the site
OWN_FILES = ("index.html", "manual-init.js", "cms.js", "canonical-yaml.js")
JS_YAML = NODE_MODULES / "js-yaml" / "dist" / "js-yaml.min.js"
_KEPT = re.compile(r"^package/dist/((?:\d+\.)?decap-cms\.js|decap-cms\.js\.LICENSE\.txt|[0-9a-f]{20}\.wasm)$")
DEFAULT_PROXY_PORT = 8081


class EditorUnavailable(Exception):
    """The editor's files could not be fetched or checked; the message is Danish."""


@dataclass(frozen=True)
class DecapPin:
    version: str
    integrity: str  # "sha512-<base64>", as the npm registry and package-lock.json write it

    @property
    def folder(self) -> Path:
        return NODE_MODULES / ".vive" / f"decap-cms-{self.version}"


def pin() -> DecapPin:
    declared = json.loads((PROJECT_DIR / "package.json").read_text(encoding="utf-8"))["vive"]["decapCms"]
    return DecapPin(declared["version"], declared["integrity"])


def installed() -> bool:
    return (pin().folder / "decap-cms.js").is_file() and JS_YAML.is_file()


def install_decap() -> Path:
    """Fetch the pinned tarball with npm, check its integrity, keep its browser build."""
    wanted = pin()
    if (wanted.folder / "decap-cms.js").is_file():
        return wanted.folder
    npm = shutil.which("npm")
    if npm is None:
        raise EditorUnavailable("npm mangler: installér Node.js og npm (fx apt-get install nodejs npm).")
    with tempfile.TemporaryDirectory(prefix="vive-decap-") as tmp:
        result = subprocess.run(
            [
                npm,
                "pack",
                f"decap-cms@{wanted.version}",
                "--pack-destination",
                tmp,
                "--ignore-scripts",
                "--json",
            ],
            capture_output=True,
            text=True,
            cwd=tmp,
            timeout=600,
            check=False,
        )
        tarballs = list(Path(tmp).glob("*.tgz"))
        if result.returncode != 0 or len(tarballs) != 1:
            raise EditorUnavailable(
                f"npm pack decap-cms@{wanted.version} mislykkedes: {result.stderr.strip()[-400:]}"
            )
        digest = "sha512-" + base64.b64encode(hashlib.sha512(tarballs[0].read_bytes()).digest()).decode()
        if digest != wanted.integrity:
            raise EditorUnavailable(
                f"decap-cms@{wanted.version} fra registret passer ikke med package.json's integritet "
                f"({digest[:24]}… ≠ {wanted.integrity[:24]}…); intet er pakket ud."
            )
        staging = Path(tempfile.mkdtemp(prefix=".decap-", dir=_parent(wanted.folder)))
        try:
            with tarfile.open(tarballs[0], "r:gz") as archive:
                for member in archive.getmembers():
                    if member.isfile() and (match := _KEPT.match(member.name)):
                        source = archive.extractfile(member)
                        assert source is not None
                        (staging / match.group(1)).write_bytes(source.read())
            if not (staging / "decap-cms.js").is_file():
                raise EditorUnavailable(f"decap-cms@{wanted.version} har ingen dist/decap-cms.js")
            staging.rename(wanted.folder)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    return wanted.folder


def _parent(folder: Path) -> Path:
    folder.parent.mkdir(parents=True, exist_ok=True)
    return folder.parent


@dataclass(frozen=True)
class Backend:
    """Where the published editor saves: GitHub, through an OAuth service the organisation runs
    (README: "Redigering i browseren"). Read from the build's environment:
    CMS_REPO (owner/name; default $GITHUB_REPOSITORY, which GitHub Actions sets), CMS_BRANCH
    (default main), CMS_OAUTH_URL (the OAuth service's address; without it Decap uses Netlify's)."""

    repo: str = ""
    branch: str = "main"
    oauth_url: str = ""
    proxy_port: int = DEFAULT_PROXY_PORT  # make edit's local editor (edit.py) on 127.0.0.1

    @classmethod
    def from_environment(cls) -> Backend:
        env = os.environ
        port = env.get("VIVE_EDIT_PORT", "")
        return cls(
            repo=env.get("CMS_REPO") or env.get("GITHUB_REPOSITORY", ""),
            branch=env.get("CMS_BRANCH", "main"),
            oauth_url=env.get("CMS_OAUTH_URL", ""),
            proxy_port=int(port) if port.isdigit() else DEFAULT_PROXY_PORT,
        )

    def decap(self) -> dict[str, object]:
        out: dict[str, object] = {"name": "github", "repo": self.repo, "branch": self.branch}
        if self.oauth_url:
            out["base_url"] = self.oauth_url
        return out


def config_json(backend: Backend) -> bytes:
    from generator.editors.decap import config

    setup = {
        "config": config(
            backend=backend.decap(), local_backend_url=f"http://127.0.0.1:{backend.proxy_port}/api/v1"
        ),
        "formats": formats(),
    }
    return (json.dumps(setup, ensure_ascii=False, indent=1, sort_keys=False) + "\n").encode("utf-8")


def vendor_files() -> dict[str, Path]:
    """Decap's and js-yaml's files, by their name in /admin/ (empty if not installed)."""
    if not installed():
        return {}
    return {
        **{p.name: p for p in sorted(pin().folder.iterdir()) if p.is_file()},
        "js-yaml.min.js": JS_YAML,
    }


def admin_files(backend: Backend) -> dict[str, Path | bytes]:
    """Every file of /admin/ by its path in the site: a source file to copy, or generated bytes.
    Empty when the editor is not installed (then the site has no /admin/)."""
    vendor = vendor_files()
    if not vendor:
        return {}
    files: dict[str, Path | bytes] = {f"{ADMIN}/{name}": path for name, path in vendor.items()}
    files.update({f"{ADMIN}/{name}": CMS_DIR / name for name in OWN_FILES})
    files[f"{ADMIN}/config.json"] = config_json(backend)
    return files


def script_paths() -> frozenset[str]:
    """The site paths of /admin/'s script files, by where they come from (above)."""
    names = [*vendor_files(), *(n for n in OWN_FILES if n.endswith(".js"))]
    return frozenset(f"{ADMIN}/{name}" for name in names if name.endswith(".js"))


def main(argv: list[str]) -> int:
    if argv != ["install"]:
        print("brug: python -m generator.editors.admin install", file=sys.stderr)
        return 1
    try:
        folder = install_decap()
    except EditorUnavailable as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"Decap CMS {pin().version} er klar i {folder} (integriteten er tjekket).")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
