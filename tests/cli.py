"""`python -m generator …` run in the test's own process, reported as a finished process is.

A new Python process pays about 0.6 s of imports before the command starts; a test whose point
is what the command does (what it writes, refuses and says) runs `main()` here instead, with the
same arguments, working folder and environment. What it printed and its exit code come back as
a `subprocess.CompletedProcess`; an exception that escaped `main()` is a traceback on stderr and
exit code 1, as Python would have printed it, so "no traceback" is still checked. Tests whose
point is the process (an exit by a signal, another user's rights, the interpreter's own exit
code and traceback) run the real command: tests/test_cli_options.py, test_output_folders.py.
"""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
import traceback
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path


@contextlib.contextmanager
def environment(changes: Mapping[str, str | None]) -> Iterator[None]:
    """os.environ with `changes` (None removes a variable), restored whole afterwards."""
    saved = dict(os.environ)
    try:
        for key, value in changes.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


@contextlib.contextmanager
def working_folder(folder: Path | None) -> Iterator[None]:
    before = Path.cwd()
    if folder is not None:
        os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(before)


def run_main(
    main: Callable[[list[str]], int | None],
    args: list[str],
    *,
    cwd: Path | None = None,
    env: Mapping[str, str | None] | None = None,
    name: str = "generator",
) -> subprocess.CompletedProcess[str]:
    out, err = io.StringIO(), io.StringIO()
    with environment(env or {}), working_folder(cwd), contextlib.redirect_stdout(out):
        with contextlib.redirect_stderr(err):
            try:
                code = main(args)
            except SystemExit as exc:  # argparse: a usage error is exit 2
                code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
                if isinstance(exc.code, str):
                    print(exc.code, file=sys.stderr)
            except Exception:
                traceback.print_exc()  # "Traceback (most recent call last)", as the interpreter says it
                code = 1
    return subprocess.CompletedProcess(
        [sys.executable, "-m", name, *args], int(code or 0), out.getvalue(), err.getvalue()
    )


def run_generator(
    args: list[str], *, cwd: Path | None = None, env: Mapping[str, str | None] | None = None
) -> subprocess.CompletedProcess[str]:
    """`python -m generator ARGS` in this process (see above)."""
    from generator.__main__ import main

    return run_main(main, [str(a) for a in args], cwd=cwd, env=env)
