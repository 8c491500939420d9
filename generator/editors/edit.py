"""`make edit` (python -m generator edit): the content editor and the live preview, side by side.

Starts two servers on 127.0.0.1 and says where to open them:
- the editor (Decap CMS, its forms generated from the content model) at http://127.0.0.1:8081/admin/,
  served with the saving backend by cms/edit-server.js (decap-server's file-system backend, held
  to this machine and to themes_data/);
- the live preview (`mkdocs serve --livereload`, as make serve) at http://127.0.0.1:8000/, which
  shows each saved change, and what only the whole site can know (a dead link, a clash) as today.

The editor is served apart from the preview because the preview reloads every page it serves on
each save. Ctrl-C (or SIGTERM) stops both; a server that stops by itself stops the other.
Saves are written into the working tree as files; git commits them (README).
"""

from __future__ import annotations

import dataclasses
import errno
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

from generator.editors.admin import ADMIN, Backend, admin_files, installed
from generator.editors.canonical import CMS_DIR, NODE_MODULES, NodeMissing, node, node_environment

HOST = "127.0.0.1"
EDIT_SERVER = CMS_DIR / "edit-server.js"
STOP_SECONDS = 15  # how long a server may take to stop cleanly before it is killed


class EditFailed(Exception):
    """The editor or the preview could not start; the message is Danish."""


@dataclass(frozen=True)
class Addresses:
    editor: str
    preview: str


def port_problem(port: int, what: str, variable: str) -> str | None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((HOST, port))
        except OSError as exc:
            taken = "er optaget" if exc.errno == errno.EADDRINUSE else f"kan ikke bruges ({exc.strerror})"
            return (
                f"Porten {port} på {HOST} til {what} {taken}; "
                f"vælg en anden, fx {variable}={port + 10} make edit."
            )
    return None


def _write_admin(folder: Path, backend: Backend) -> None:
    for rel, source in admin_files(backend).items():
        target = folder / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(source, bytes):
            target.write_bytes(source)
        else:
            shutil.copyfile(source, target)


def _end_with_parent() -> None:
    """In the child, before it runs (Linux): end when the launcher ends, even by SIGKILL, so no
    server is left listening with no one to stop it. Elsewhere Ctrl-C and SIGTERM stop both."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):
        pass


_PR_SET_PDEATHSIG = 1


class Servers:
    """The two child processes, each in its own process group (a terminal's Ctrl-C reaches only
    this process, which stops them in order and cleans up)."""

    def __init__(self, project: Path, preview_port: int, editor_port: int) -> None:
        self.project = project
        self.preview_port = preview_port
        self.editor_port = editor_port
        self.children: list[tuple[str, subprocess.Popen[str] | subprocess.Popen[bytes]]] = []
        self.admin = Path(tempfile.mkdtemp(prefix="vive-edit-"))

    def start(self) -> Addresses:
        _write_admin(self.admin, dataclasses.replace(Backend.from_environment(), proxy_port=self.editor_port))
        env = {
            **node_environment(),
            "VIVE_EDIT_PORT": str(self.editor_port),
            "VIVE_ADMIN_DIR": str(self.admin / ADMIN),
            "GIT_REPO_DIRECTORY": str(self.project),
            "MODE": "fs",
        }
        editor = subprocess.Popen(
            [node(), str(EDIT_SERVER)], cwd=self.project, env=env, stdout=subprocess.PIPE, text=True,
            start_new_session=True, preexec_fn=_end_with_parent,
        )  # fmt: skip
        self.children.append(("redigeringen", editor))
        preview = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "mkdocs",
                "serve",
                "--livereload",
                "--dev-addr",
                f"{HOST}:{self.preview_port}",
            ],
            cwd=self.project,
            start_new_session=True,
            preexec_fn=_end_with_parent,
        )
        self.children.append(("forhåndsvisningen", preview))
        assert editor.stdout is not None
        line = editor.stdout.readline()  # the edit server says when it listens (or exits)
        if not line or "listening" not in json.loads(line):
            raise EditFailed("Redigeringen (edit-server.js) startede ikke; se fejlen ovenfor.")
        return Addresses(f"http://{HOST}:{self.editor_port}/{ADMIN}/", f"http://{HOST}:{self.preview_port}/")

    def stopped(self) -> str | None:
        """The name of a server that has stopped by itself, if any."""
        return next((name for name, child in self.children if child.poll() is not None), None)

    def stop(self) -> None:
        for _, child in self.children:  # SIGINT: mkdocs serve removes its temporary site folder
            if child.poll() is None:
                os.killpg(child.pid, signal.SIGINT)
        for _, child in self.children:
            try:
                child.wait(timeout=STOP_SECONDS)
            except subprocess.TimeoutExpired:
                os.killpg(child.pid, signal.SIGKILL)
                child.wait()
        shutil.rmtree(self.admin, ignore_errors=True)


def check_ready(preview_port: int, editor_port: int) -> None:
    if not (NODE_MODULES / "decap-server" / "package.json").is_file():
        raise EditFailed("decap-server er ikke installeret: kør make edit (det kører npm ci først).")
    if not installed():
        raise EditFailed("Decap CMS er ikke hentet: kør make edit (det henter den først).")
    for port, what, variable in (
        (preview_port, "forhåndsvisningen", "PORT"),
        (editor_port, "redigeringen", "EDIT_PORT"),
    ):
        if problem := port_problem(port, what, variable):
            raise EditFailed(problem)
    if preview_port == editor_port:
        raise EditFailed("Redigeringen og forhåndsvisningen skal have hver sin port.")


def run(project: Path, preview_port: int, editor_port: int) -> int:
    try:
        check_ready(preview_port, editor_port)
        node()
    except (EditFailed, NodeMissing) as exc:
        print(exc, file=sys.stderr)
        return 1
    servers = Servers(project, preview_port, editor_port)
    stopping = False

    def on_signal(signum: int, frame: FrameType | None) -> None:
        nonlocal stopping
        stopping = True

    previous = {s: signal.signal(s, on_signal) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        try:
            addresses = servers.start()
        except EditFailed as exc:
            print(exc, file=sys.stderr)
            return 1
        print(
            f"Redigeringen:       {addresses.editor}\n"
            f"Forhåndsvisningen:  {addresses.preview}  (bygges nu; den viser hver gemt ændring)\n"
            "Åbn dem i hver sin fane. Stop begge med Ctrl-C.",
            flush=True,
        )
        while not stopping:
            if (ended := servers.stopped()) is not None:
                print(f"{ended.capitalize()} stoppede; begge stoppes.", file=sys.stderr)
                return 1
            time.sleep(0.2)  # not a wait for a result: how often a stopped server is noticed
        print("Stopper redigeringen og forhåndsvisningen …", flush=True)
        return 0
    finally:
        servers.stop()
        for s, handler in previous.items():
            signal.signal(s, handler)
