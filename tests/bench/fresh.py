"""The generator's whole cost in a fresh process, imports included (issue 10).

Side by side, in one run, alternating so both see the same machine load:
- `make site`: `python -m generator site` (the generator, then MkDocs, in one new process);
- plain: `python -m mkdocs build --strict` of the exported project (`generator build --out`),
  which is the same site without the generator.
The ratio of the medians is the fresh build's cost of generating; the target is ≤ 1.10.

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


def _timed(args: list[str], cwd: Path) -> tuple[float, float]:
    """(wall, CPU) seconds of one child process."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, *args], cwd=cwd, env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{' '.join(args)} failed in {cwd}")
    return wall, usage.ru_utime + usage.ru_stime


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
        site_args = ["-m", "generator", "site", "--out", str(work / "site")]
        plain_args = ["-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(work / "plain")]
        _timed(site_args, ROOT), _timed(plain_args, export)  # warm the file cache and bytecode
        site, plain = [], []
        for _ in range(runs):
            site.append(_timed(site_args, ROOT))
            plain.append(_timed(plain_args, export))
    median = {
        name: [statistics.median(w for w, _ in values), statistics.median(c for _, c in values)]
        for name, values in (("site", site), ("plain", plain))
    }
    return {
        "runs": runs,
        "site_s": [w for w, _ in site],
        "plain_s": [w for w, _ in plain],
        "site_cpu_s": [c for _, c in site],
        "plain_cpu_s": [c for _, c in plain],
        "site_median_s": median["site"][0],
        "plain_median_s": median["plain"][0],
        "ratio": median["site"][0] / median["plain"][0],
        "cpu_ratio": median["site"][1] / median["plain"][1],
        "target": TARGET,
    }


def summary(r: dict[str, Any]) -> str:
    return (
        f"`make site` {r['site_median_s']:.2f} s vs. plain `mkdocs build --strict` of the export "
        f"{r['plain_median_s']:.2f} s: {r['ratio']:.2f}× (CPU {r['cpu_ratio']:.2f}×; "
        f"target ≤ {r['target']:.2f}×; median of {r['runs']})"
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
