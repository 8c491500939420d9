"""The preview's work per save, in CPU time: `mkdocs serve`'s own rebuild, in this process.

    python -m tests.bench.preview_saves [--cases 500] [--rounds 5] [--json OUT]

Loads the configuration and builds exactly as `mkdocs serve` does on each change (its
`builder`: a fresh `load_config`, then `build(config, serve_url=…)`, with the plugins started
for "serve"), on a copy of the sources, and makes each kind of save of tests/bench/edits.py
in turn, `--rounds` times (the kinds alternate, so a slow spell of the shared machine spreads
over all of them). For each save it records

- the CPU time of the rebuild itself (this thread: what the browser's reload waits for),
- its wall time, and the load average when it started,
- the CPU time of the search step that follows it (Pagefind and the word list, in the
  background: this process's other threads and its child processes), once it is done.

No server, no file watching and no browser: those are `serve_latency.py`'s (HTTP and browser,
wall time). CPU time is what a busy machine does not change much; compare figures of the same
run, and runs of the same day.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from . import edits
from .serve_latency import copy_sources, free_port
from .synthetic import ROOT

SERVE_URL = "http://127.0.0.1:8000/"


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


class Preview:
    """`mkdocs serve`'s builder (mkdocs/commands/serve.py), without the server."""

    def __init__(self, work: Path) -> None:
        from mkdocs.config import load_config

        self.site_dir = tempfile.mkdtemp(prefix="mkdocs_")
        address = f"127.0.0.1:{free_port()}"  # checked by the plugin, as `mkdocs serve` would use it
        self._load = lambda: load_config(
            config_file=str(work / "mkdocs.yml"), site_dir=self.site_dir, dev_addr=address
        )
        config = self._load()
        config.plugins.on_startup(command="serve", dirty=False)
        self.plugin = config.plugins["vive"]
        self._build(config)

    def _build(self, config: Any) -> None:
        from mkdocs.commands.build import build

        config.site_url = SERVE_URL
        build(config, serve_url=SERVE_URL)

    def save(self) -> dict[str, float]:
        """One rebuild as after a save: its CPU and wall time, then the search step's CPU."""
        load = os.getloadavg()[0]
        wall, cpu = time.perf_counter(), time.thread_time()
        process, children = time.process_time(), _children_cpu()
        self._build(self._load())
        built_cpu, built_wall = time.thread_time() - cpu, time.perf_counter() - wall
        in_build = time.process_time() - process  # every thread, while the page was built
        self.wait_for_search()
        search = time.process_time() - process - built_cpu + _children_cpu() - children
        pages = getattr(self.plugin, "pages", None)  # reuse.PageReuse, where there is one
        memo = getattr(self.plugin, "memo", None)  # page_memo.PageMemo, where there is one
        return {
            "pages_written": len(pages.written) if pages else None,
            "markdown_rerendered": len(self.plugin.rendered.files) - memo.reused if memo else None,
            "cpu_s": built_cpu,
            "wall_s": built_wall,
            "search_cpu_s": search,
            "other_threads_during_build_s": in_build - built_cpu,
            "load": load,
        }

    def wait_for_search(self) -> None:
        waiting = getattr(self.plugin, "search_later", None)
        if waiting is not None:
            waiting.wait()

    def close(self) -> None:
        self.wait_for_search()
        shutil.rmtree(self.site_dir, ignore_errors=True)


def measure(
    cases: int | None = None, rounds: int = 5, kinds: list[str] | None = None, sources: Path = ROOT
) -> dict[str, Any]:
    """`sources`: the repository whose content, config and templates are built (another checkout's,
    to compare two versions of the code on the same sources)."""
    kinds = kinds or list(edits.TIMED)
    saves: dict[str, list[dict[str, float]]] = {kind: [] for kind in kinds}
    result: dict[str, Any] = {"cases": cases, "rounds": rounds, "saves": saves}
    with tempfile.TemporaryDirectory(prefix="vive-saves-") as tmp:
        work = Path(tmp) / "work"
        work.mkdir()
        copy_sources(work, sources)
        if cases:
            from .synthetic import Size, generate

            shutil.rmtree(work / "themes_data")
            generate(work / "themes_data", Size(20, cases), base=sources / "themes_data")
        started = time.thread_time()
        preview = Preview(work)
        result["first_build_cpu_s"] = time.thread_time() - started
        result["pages"] = len(preview.plugin.rendered.files) if preview.plugin.rendered else None
        preview.wait_for_search()
        try:
            n = 0
            for _ in range(rounds):
                for kind in kinds:
                    n += 1
                    edits.TIMED[kind](work, n)
                    saves[kind].append(preview.save())
        finally:
            preview.close()
    for figure in ("cpu_s", "search_cpu_s"):
        result[f"median_{figure}"] = {k: statistics.median(s[figure] for s in v) for k, v in saves.items()}
    return result


# (label, cases, rounds, kinds) for `make bench`: every kind of save on the real site and at 500
# cases; at 5,000 cases a text and a title (its first build alone is a minute of CPU).
SIZES: list[tuple[str, int | None, int, list[str] | None]] = [
    ("real", None, 5, None),
    ("500", 500, 5, None),
    ("5000", 5000, 2, ["tekst", "titel"]),
]
QUICK_SIZES: list[tuple[str, int | None, int, list[str] | None]] = [("real", None, 2, None)]


def run(sizes: list[tuple[str, int | None, int, list[str] | None]]) -> dict[str, Any]:
    """Each size in a process of its own: the plugin keeps its state for the process, as in
    `mkdocs serve`, and one size's memory is not the next one's."""
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="vive-saves-") as tmp:
        for label, cases, rounds, kinds in sizes:
            out = Path(tmp) / f"{label}.json"
            args = ["-m", "tests.bench.preview_saves", "--rounds", str(rounds), "--json", str(out)]
            args += ["--cases", str(cases)] if cases else []
            args += ["--kinds", ",".join(kinds)] if kinds else []
            print(f"  forhåndsvisning, {label}: {rounds} runder …", flush=True)
            proc = subprocess.run(
                [sys.executable, *args],
                cwd=ROOT,
                env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)},
                capture_output=True,
                text=True,
                timeout=3600,
            )
            if proc.returncode != 0 or not out.exists():
                results[label] = {"error": (proc.stderr or proc.stdout)[-3000:]}
            else:
                results[label] = json.loads(out.read_text(encoding="utf-8"))
    return results


def summary(result: dict[str, Any]) -> str:
    lines = [f"{result['cases'] or 'det rigtige site'}: første byg {result['first_build_cpu_s']:.2f} s CPU"]
    for kind, saves in result["saves"].items():
        cpu = sorted(s["cpu_s"] for s in saves)
        each = ", ".join(f"{c:.3f}" for c in cpu)
        lines.append(
            f"  {kind:14} genbyg CPU median {statistics.median(cpu):.3f} s ({each}); "
            f"søgning CPU {statistics.median(s['search_cpu_s'] for s in saves):.3f} s; "
            f"væg {statistics.median(s['wall_s'] for s in saves):.3f} s; "
            f"load {statistics.median(s['load'] for s in saves):.1f}; "
            f"sider skrevet {saves[-1]['pages_written']}, "
            f"Markdown gengivet {saves[-1]['markdown_rerendered']}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.bench.preview_saves", description=__doc__)
    parser.add_argument("--cases", type=int, help="synthetic content of this many cases (20 themes)")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--kinds", help="comma-separated kinds of save (default: all timed kinds)")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--sources", type=Path, default=ROOT, help="the checkout whose sources are built")
    args = parser.parse_args(argv)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    import logging

    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    result = measure(args.cases, args.rounds, args.kinds.split(",") if args.kinds else None, args.sources)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2, ensure_ascii=False), encoding="utf-8")
    print(summary(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
