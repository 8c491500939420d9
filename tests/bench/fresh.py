"""The generator's whole cost in a fresh process, imports included (issue 10).

Side by side, in one run, alternating so all see the same machine load:
- fresh: `python -m mkdocs build --strict` of the project (the MkDocs build `make site` runs:
  the vive plugin generates the pages, then MkDocs builds them);
- plain: `python -m mkdocs build --strict` of the exported project (`generator build --out`),
  then `python vive_search.py` over its output (the search index, which the project's plugin
  builds after each build): the same site, search included, without the generator;
- `make site` itself (`python -m generator site`: the same build, plus the atomic swap and
  fsync of site/), for information.
The ratio fresh / plain of the medians is the generator's cost; the target is ≤ 1.10.

    .venv/bin/python -m tests.bench.fresh --runs 7
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from .synthetic import ROOT

TARGET = 1.10
# As published (GitHub Pages gives an address): printed addresses and QR codes are made.
SITE_URL = "https://vive-kvalitet.github.io/socialpsykiatri/"


def _env() -> dict[str, str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true", "SITE_URL": SITE_URL}
    env.pop("PYTHONPATH", None)
    return env


Step = tuple[list[str], Path]  # Python arguments, working folder


def _timed(steps: list[Step]) -> tuple[float, float]:
    """(wall, CPU) seconds of child processes run one after the other (CPU includes theirs)."""
    wall = cpu = 0.0
    for args, cwd in steps:
        start = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, *args], cwd=cwd, env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        _, status, usage = os.wait4(proc.pid, 0)
        wall += time.perf_counter() - start
        cpu += usage.ru_utime + usage.ru_stime
        if os.waitstatus_to_exitcode(status) != 0:
            raise RuntimeError(f"{' '.join(args)} failed in {cwd}")
    return wall, cpu


def measure(runs: int = 7) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="vive-fresh-") as tmp:
        work = Path(tmp)
        export = work / "export"
        subprocess.run(
            [sys.executable, "-m", "generator", "build", "--out", str(export)],
            cwd=ROOT,
            env=_env(),
            check=True,
            stdout=subprocess.DEVNULL,
        )
        plain = work / "plain"
        commands: dict[str, list[Step]] = {
            "fresh": [(["-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(work / "fresh")], ROOT)],
            "plain": [
                (["-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(plain)], export),
                (["vive_search.py", str(plain)], export),
            ],
            "make_site": [(["-m", "generator", "site", "--out", str(work / "site")], ROOT)],
        }
        for steps in commands.values():
            _timed(steps)  # warm the file cache, bytecode and QR caches
        times: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
        for _ in range(runs):
            for name, steps in commands.items():
                times[name].append(_timed(steps))
    out: dict[str, Any] = {"runs": runs, "target": TARGET}
    for name, values in times.items():
        out[f"{name}_s"] = [w for w, _ in values]
        out[f"{name}_cpu_s"] = [c for _, c in values]
        out[f"{name}_median_s"] = statistics.median(w for w, _ in values)
        out[f"{name}_median_cpu_s"] = statistics.median(c for _, c in values)
    out["ratio"] = out["fresh_median_s"] / out["plain_median_s"]
    out["cpu_ratio"] = out["fresh_median_cpu_s"] / out["plain_median_cpu_s"]
    return out


def summary(r: dict[str, Any]) -> str:
    return (
        f"fresh `mkdocs build --strict` {r['fresh_median_s']:.2f} s "
        f"(CPU {r['fresh_median_cpu_s']:.2f} s) vs. "
        f"plain build + search index of the export {r['plain_median_s']:.2f} s "
        f"(CPU {r['plain_median_cpu_s']:.2f} s): "
        f"{r['ratio']:.2f}× (CPU {r['cpu_ratio']:.2f}×; target ≤ {r['target']:.2f}×; median of {r['runs']}); "
        f"`make site` {r['make_site_median_s']:.2f} s (CPU {r['make_site_median_cpu_s']:.2f} s)"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    result = measure(args.runs)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2), encoding="utf-8")
    print(summary(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
