"""Live preview latency: how long an edit to a theme's YAML takes to show up.

Starts `mkdocs serve --livereload` (what `make serve` runs) on a copy of the
site's sources in a temporary folder, on a free port on 127.0.0.1, and edits
one theme's title several times:

- over HTTP: the time from saving the file until the served page has the new title;
- in the browser: Debian's chromium (Playwright) has the page open; the time
  from saving until the live-reloaded page shows the new title.

Each save waits until the search index of the one before is in place (the preview builds it
just after showing the page), as an editor who reads the page before the next save; the load
average is noted at each save. Before the first save, the server's CPU is read over a few idle
seconds: what watching the files costs while nothing changes. Wall time: on a busy machine
these figures grow with the load; tests/bench/preview_saves.py gives the CPU time of a save.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

from ..chromium import CHROMIUM, CHROMIUM_ARGS
from .synthetic import ROOT

BROWSER_ARGS = CHROMIUM_ARGS
# The copy of the repository the server runs on: everything but tools, caches and output, so
# whatever mkdocs.yml refers to (watch:, hooks:, overrides …) is there.
SKIP = (".git", ".venv", ".bench", "site", "node_modules", ".pytest_cache", ".ruff_cache", "__pycache__")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str, timeout: float = 5) -> str:
    with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 - loopback only
        return response.read().decode("utf-8", "replace")


def wait_until(check, timeout: float, step: float = 0.02) -> float | None:
    """Poll `check` until it is true; return the seconds it took, or None on timeout."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        try:
            if check():
                return time.perf_counter() - start
        except Exception:  # noqa: BLE001 - a page in the middle of reloading
            pass
        time.sleep(step)
    return None


def pick_theme(data: Path) -> tuple[Path, str, str]:
    """(YAML file, page URL path, title) of the first theme."""
    from generator import load_site

    try:
        from generator.render import pages
    except ImportError:  # a checkout from before generator/site/ became generator/render/ (A/B runs)
        from generator.site import pages  # type: ignore[import-not-found,no-redef]

    site = load_site(data)
    theme = sorted(site.themes.values(), key=lambda t: (t.mapping.id, t.model.nummer))[0]
    return theme.origin.doc.path, "/" + pages.url_of(pages.path_of(theme)), theme.model.titel


def set_title(path: Path, title: str) -> None:
    """Rewrite the top-level `titel:` line (a JSON string is a valid YAML scalar)."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    for i, line in enumerate(lines):
        if line.startswith("titel:"):
            # Drop continuation lines of a multi-line title (indented lines that follow).
            end = i + 1
            while end < len(lines) and lines[end].startswith((" ", "\t")):
                end += 1
            lines[i:end] = ["titel: " + json.dumps(title, ensure_ascii=False) + "\n"]
            break
    else:
        raise ValueError(f"no top-level titel: in {path}")
    path.write_text("".join(lines), encoding="utf-8")


def copy_sources(work: Path, root: Path = ROOT) -> None:
    """Copy what `mkdocs serve` needs from the repository (`root`) into `work`."""
    for src in root.iterdir():
        if src.name in SKIP or src.name.startswith("site."):
            continue
        if src.is_dir():
            shutil.copytree(src, work / src.name, ignore=shutil.ignore_patterns(*SKIP))
        elif src.is_file():
            shutil.copy2(src, work / src.name)


def start_server(work: Path) -> tuple[str, subprocess.Popen, Any]:
    """`mkdocs serve --livereload` in `work` on a free port: (base URL, process, its log file).
    Its output folder (mkdocs_*) is made in `work`/.serve-tmp (`served_folder`)."""
    port = free_port()
    log = (work / "serve.log").open("wb")
    mkdocs = Path(sys.executable).with_name("mkdocs")
    (work / ".serve-tmp").mkdir(exist_ok=True)
    server = subprocess.Popen(
        [str(mkdocs), "serve", "--livereload", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=work,
        env={
            **os.environ,
            "NO_MKDOCS_2_WARNING": "1",
            "DISABLE_MKDOCS_2_WARNING": "true",
            "TMPDIR": str(work / ".serve-tmp"),
        },
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    return f"http://127.0.0.1:{port}", server, log


def served_folder(work: Path) -> Path:
    """The output folder of the `mkdocs serve` that `start_server(work)` started."""
    [folder] = [p for p in (work / ".serve-tmp").iterdir() if p.is_dir() and p.name.startswith("mkdocs_")]
    return folder


def stop_server(server: subprocess.Popen, log: Any) -> None:
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(10)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()
    log.close()


def measure(
    edits: int = 5, pause: float = 1.5, timeout: float = 30, cases: int | None = None
) -> dict[str, Any]:
    """`cases`: replace the content with synthetic content of that many cases (20 themes)."""
    result: dict[str, Any] = {"edits": edits, "http_s": [], "browser_s": [], "cases": cases}
    with tempfile.TemporaryDirectory(prefix="vive-serve-") as tmp:
        work = Path(tmp)
        copy_sources(work)
        if cases:
            from .synthetic import Size, generate

            shutil.rmtree(work / "themes_data")
            generate(work / "themes_data", Size(20, cases), base=ROOT / "themes_data")
        yaml_file, url_path, title = pick_theme(work / "themes_data")
        base, server, log = start_server(work)
        try:
            started = wait_until(lambda: "<html" in fetch(base + url_path), timeout=120, step=0.2)
            if started is None:
                raise RuntimeError("mkdocs serve did not start:\n" + (work / "serve.log").read_text()[-2000:])
            result.update(page=url_path, yaml=yaml_file.relative_to(work).as_posix(), startup_s=started)
            searched = _search_ready(base)
            searched()
            # Idle: what the server costs while the editor reads (watching the files for changes).
            result["idle_cpu_share"] = _idle_cpu(server.pid, IDLE_SECONDS)
            result["load"] = []
            n = 0
            for _ in range(edits):
                n += 1
                marker = f"Benchmærke{n}x"
                result["load"].append(os.getloadavg()[0])
                set_title(yaml_file, f"{title} {marker}")
                took = wait_until(lambda m=marker: m in fetch(base + url_path), timeout)
                result["http_s"].append(took)
                time.sleep(pause)
                searched()
            result["browser_s"], result["browser_error"] = _browser(
                base + url_path, yaml_file, title, edits, pause, timeout, start_at=n, searched=searched
            )
        finally:
            stop_server(server, log)
            set_title(yaml_file, title)
        result["server_log_tail"] = (work / "serve.log").read_text(errors="replace")[-1500:]
    return result


IDLE_SECONDS = 5.0


def _search_ready(base: str) -> Any:
    """A function that waits until the preview's search index is in place (SearchInBackground's
    state; a server without one: at once), so each save starts on a quiet machine."""

    def ready() -> bool:
        try:
            return json.loads(fetch(base + "/pagefind/vive-forhaandsvisning.json"))["soegning"] != "opdateres"
        except Exception:  # noqa: BLE001 - no state file: a preview without it
            return True

    return lambda: wait_until(ready, timeout=300, step=0.1)


def _idle_cpu(pid: int, seconds: float) -> float:
    """The server process's CPU time over `seconds` of doing nothing, as a share of one core."""

    def cpu() -> float:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    try:
        before, start = cpu(), time.perf_counter()
        time.sleep(seconds)
        return (cpu() - before) / (time.perf_counter() - start)
    except OSError:
        return float("nan")


def _browser(
    url: str,
    yaml_file: Path,
    title: str,
    edits: int,
    pause: float,
    timeout: float,
    start_at: int,
    searched: Any = lambda: None,
) -> tuple[list[float | None], str]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        return [], f"playwright mangler: {exc}"
    if not Path(CHROMIUM).exists():
        return [], f"{CHROMIUM} findes ikke"
    times: list[float | None] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
        try:
            page = browser.new_page()
            page.goto(url, wait_until="load")
            time.sleep(pause)  # let the livereload script connect
            for n in range(start_at + 1, start_at + edits + 1):
                marker = f"Benchmærke{n}x"
                set_title(yaml_file, f"{title} {marker}")
                took = wait_until(
                    lambda m=marker: page.evaluate("m => document.body.innerText.includes(m)", m), timeout
                )
                times.append(took)
                time.sleep(pause)
                searched()
        finally:
            browser.close()
    return times, ""


def median(values: list[float | None]) -> float | None:
    """The median of the measured times; None if any edit never showed (it counts as slowest)."""
    if not values or any(v is None for v in values):
        return None
    return statistics.median(values)  # type: ignore[arg-type]


if __name__ == "__main__":
    cases = int(sys.argv[1]) if len(sys.argv) > 1 else None
    print(json.dumps(measure(cases=cases), indent=2, ensure_ascii=False))
