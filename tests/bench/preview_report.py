"""The live preview's part of BENCHMARKS.md: its goals (issue 26) and what a save costs.

Two measurements (tests/bench/__main__.py runs both):

- `serve_latency.py`: the real `mkdocs serve --livereload`, a theme's title saved 5 times; the
  wall time until the page has it, over HTTP and in chromium. What an editor sees, and what a
  busy machine slows down.
- `preview_saves.py`: the same rebuild in a process of its own, every kind of save in turn
  (tests/bench/edits.py), 5 rounds; the rebuild's CPU time (what the reload waits for) and the
  search index's after it (in the background). CPU time varies little with the load.
"""

from __future__ import annotations

import math
import statistics
from typing import Any

from . import serve_latency

HTTP_REAL, BROWSER_REAL = 0.3, 0.5
HTTP_500, BROWSER_500 = 1.0, 1.5
SHARE_5000 = 1 / 3  # a save at 5,000 cases: at most this part of a full build (CPU)
LABELS = {"real": "det rigtige site", "500": "500 cases", "5000": "5.000 cases"}


def _s(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f} s"


def _median(saves: list[dict[str, Any]], key: str) -> float:
    return statistics.median(s[key] for s in saves)


def full_build_cpu_5000(results: dict[str, Any]) -> float | None:
    """The CPU time of a full build at 20 themes, 5,000 cases, from the grid of sizes."""
    for r in results.get("sizes", []):
        if (r["size_themes"], r["size_cases"]) == (20, 5000):
            return float(r["build_cpu_s"])
    return None


def summary_rows(results: dict[str, Any]) -> list[tuple[str, str, bool | None, str]]:
    rows: list[tuple[str, str, bool | None, str]] = []
    for key, label, http_goal, browser_goal in (
        ("serve", "det rigtige site", HTTP_REAL, BROWSER_REAL),
        ("serve_500", "500 cases", HTTP_500, BROWSER_500),
    ):
        part = results.get(key)
        if not part or "error" in part:
            continue
        http, browser = serve_latency.median(part["http_s"]), serve_latency.median(part["browser_s"])
        load = f"; load {statistics.median(part['load']):.1f}" if part.get("load") else ""
        met = http is not None and browser is not None and http <= http_goal and browser <= browser_goal
        rows.append(
            (
                f"Forhåndsvisning, {label}: en gemt titel vises, median ≤ {http_goal:.1f} s over HTTP og "
                f"≤ {browser_goal:.1f} s i browseren (væg)",
                f"HTTP {_s(http)}; browser {_s(browser)}{load}",
                met,
                "" if met else _missed(("HTTP", http, http_goal), ("browser", browser, browser_goal)),
            )
        )
    saves = results.get("preview_saves") or {}
    large, full = saves.get("5000"), full_build_cpu_5000(results)
    if large and "error" not in large and full:
        worst = max(_median(v, "cpu_s") for v in large["saves"].values())
        rows.append(
            (
                "Forhåndsvisning, 5.000 cases: et gem koster højst en tredjedel af et fuldt byg (CPU, "
                "det dyreste af de målte slags gem)",
                f"{worst:.2f} s / {full:.1f} s = {worst / full:.2f}",
                worst <= SHARE_5000 * full,
                "" if worst <= SHARE_5000 * full else f"{worst - SHARE_5000 * full:.2f} s CPU",
            )
        )
    return rows


def _missed(*figures: tuple[str, float | None, float]) -> str:
    """By how much each figure is over its goal ("ikke målt" where there is none); the time of a
    save is the CPU of its rebuild (section below) plus the server's and the browser's part."""
    said = [
        f"{name} {'ikke målt' if value is None else f'{value - goal:.2f} s'}"
        for name, value, goal in figures
        if value is None or value > goal
    ]
    return "; ".join(said) + " (genbyggets CPU pr. slags gem: afsnittet nedenfor)"


def section(results: dict[str, Any]) -> list[str]:
    """The preview's own section: the CPU of each kind of save at each size, and the method."""
    saves = {k: v for k, v in (results.get("preview_saves") or {}).items() if "error" not in v}
    if not saves:
        return []
    labels = [k for k in ("real", "500", "5000") if k in saves]
    kinds = list(dict.fromkeys(kind for k in labels for kind in saves[k]["saves"]))
    lines = [
        "### Et gem i forhåndsvisningen, CPU-tid",
        "",
        "`python -m tests.bench.preview_saves` (en proces pr. størrelse): MkDocs' eget genbyg efter et gem, "
        "som `mkdocs serve` kører det, på en kopi af kilderne; slagene af gem skiftes i runder "
        "(tests/bench/edits.py), så en travl periode på maskinen rammer dem alle. Tallet er medianen af "
        "genbyggets CPU-tid (tråden, der bygger: det browseren venter på), i parentes de sider, der blev "
        "skrevet (af alle sider). Søgeindekset bygges bagefter i baggrunden; dets CPU-tid står for sig.",
        "",
        "| Gem | " + " | ".join(LABELS[k] for k in labels) + " |",
        "|---|" + "---:|" * len(labels),
    ]
    for kind in kinds:
        cells = []
        for k in labels:
            found = saves[k]["saves"].get(kind)
            if not found:
                cells.append("–")
                continue
            written = found[-1].get("pages_written")
            cells.append(f"{_median(found, 'cpu_s'):.2f} s ({written})" if written is not None else "")
        lines.append(f"| {kind} | " + " | ".join(cells) + " |")
    search = [
        f"{statistics.median(s['search_cpu_s'] for v in saves[k]['saves'].values() for s in v):.2f} s"
        for k in labels
    ]
    lines.append("| søgeindeks bagefter (baggrund) | " + " | ".join(search) + " |")
    first = [f"{saves[k]['first_build_cpu_s']:.1f} s" for k in labels]
    lines.append("| første byg (når `make serve` starter) | " + " | ".join(first) + " |")
    runs = ", ".join(f"{LABELS[k]} {saves[k]['rounds']} runder" for k in labels)
    loads = [s["load"] for k in labels for v in saves[k]["saves"].values() for s in v]
    lines += [
        "",
        f"Runder: {runs}; load average under målingen {min(loads):.1f}–{max(loads):.1f}.",
        "",
    ]
    idle = [
        (LABELS[k], results[key]["idle_cpu_share"])
        for key, k in (("serve", "real"), ("serve_500", "500"))
        if results.get(key) and not math.isnan(results[key].get("idle_cpu_share", math.nan))
    ]
    if idle:
        lines += [
            "Serveren i hvile (ingen gem, søgningen færdig): "
            + ", ".join(f"{label} {share:.1%} af en kerne" for label, share in idle)
            + ".",
            "",
        ]
    return lines
