"""Build-time benchmark over a grid of sizes: one fresh process per size.

For each size: generate synthetic content (tests/bench/synthetic.py) into a
temporary folder, then run tests/bench/measure.py on it in a child process
and read that child's peak memory with os.wait4 (the per-child form of
getrusage(RUSAGE_CHILDREN)). The real site is measured the same way, plus
the plain command line `mkdocs build --strict` timed from outside.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from .synthetic import REAL_DATA, ROOT, Size, generate

# (themes, cases): the case count grows tenfold twice at a fixed theme count,
# and the theme count tenfold at a fixed case count.
GRID = [Size(20, 50), Size(20, 500), Size(200, 500), Size(20, 5000), Size(200, 5000)]
QUICK_GRID = [Size(20, 50), Size(20, 500)]
# A shared 2-core machine varies ±10 % between runs. The largest sizes, whose targets are
# near their limits, run this many times; the run with the least CPU time is reported (the
# least disturbed, as timeit advises) and every run is listed beside it.
LARGE_RUNS = 2
# The real site's build is short, so the generator's share is the median of this many processes.
SHARE_RUNS = 5


def run_child(args: list[str], log: Path) -> tuple[int, int, float, float]:
    """Run a Python child; return (exit code, peak RSS in KB, wall seconds, CPU seconds)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)}
    start = time.perf_counter()
    with log.open("wb") as out:
        proc = subprocess.Popen([sys.executable, *args], cwd=ROOT, env=env, stdout=out, stderr=out)
        _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return proc.returncode, usage.ru_maxrss, wall, usage.ru_utime + usage.ru_stime


def measure(data: Path, work: Path, name: str, repeat: int = 1) -> dict[str, Any]:
    out, log = work / f"{name}.json", work / f"{name}.log"
    load_before = os.getloadavg()[0]
    code, rss_kb, wall, cpu = run_child(
        ["-m", "tests.bench.measure", "--data", str(data), "--json", str(out), "--repeat", str(repeat)], log
    )
    if code != 0:
        raise RuntimeError(f"{name}: measure failed ({code}):\n{log.read_text()[-3000:]}")
    result = json.loads(out.read_text())
    result.update(
        peak_rss_kb=rss_kb,
        process_wall_s=wall,
        process_cpu_s=cpu,
        loadavg=[load_before, os.getloadavg()[0]],
    )
    return result


def cli_build_times(runs: int, work: Path) -> tuple[list[float], float]:
    """Wall times and mean CPU time of the plain `mkdocs build --strict` on the real site."""
    mkdocs = Path(sys.executable).with_name("mkdocs")
    import resource

    times = []
    cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    for i in range(runs):
        site = work / f"cli-site-{i}"
        start = time.perf_counter()
        subprocess.run(
            [str(mkdocs), "build", "--strict", "--quiet", "--site-dir", str(site)],
            cwd=ROOT,
            check=True,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
        times.append(time.perf_counter() - start)
    cpu_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (cpu_after.ru_utime + cpu_after.ru_stime) - (cpu_before.ru_utime + cpu_before.ru_stime)
    return times, cpu / runs


def run(grid: list[Size], *, cli_runs: int = 5, log=print) -> dict[str, Any]:
    results: dict[str, Any] = {"sizes": []}
    with tempfile.TemporaryDirectory(prefix="vive-bench-") as tmp:
        work = Path(tmp)
        log("Det rigtige site …")
        real = measure(REAL_DATA, work, "real", repeat=5)
        runs = [real] + [measure(REAL_DATA, work, f"real-{i}") for i in range(1, SHARE_RUNS)]
        real["share_runs"] = [[r["generator_in_build_s"], r["total_s"]] for r in runs]
        cli, cli_cpu = cli_build_times(cli_runs, work)
        real.update(cli_runs_s=cli, cli_median_s=statistics.median(cli), cli_cpu_s=cli_cpu)
        results["real"] = real
        for size in grid:
            data = work / f"data-{size.themes}-{size.cases}"
            start = time.perf_counter()
            generate(data, size)
            made = time.perf_counter() - start
            log(f"{size.label}: indhold genereret på {made:.1f} s, måler …")
            runs = [
                measure(data, work, f"size-{size.themes}-{size.cases}-{i}")
                for i in range(LARGE_RUNS if size.cases >= 5000 else 1)
            ]
            result = min(runs, key=lambda r: r["build_cpu_s"])
            result.update(size_themes=size.themes, size_cases=size.cases, synthetic_s=made)
            result["runs_cpu_s"] = [r["build_cpu_s"] for r in runs]
            log(
                f"  build {result['build_s']:.1f} s, {result['html_pages']} sider, "
                f"{result['peak_rss_kb'] / 1024:.0f} MB"
            )
            results["sizes"].append(result)
    return results
