"""Measure one content folder in this process: generator phases and the real MkDocs build.

Run as `python -m tests.bench.measure --data DIR --json OUT`; the benchmark
starts one such process per size so that the peak memory it reads for the
process (os.wait4) belongs to that size alone. The figures go to OUT as JSON.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

ROOT = Path(__file__).resolve().parents[2]


def _timer_plugin(marks: dict[str, float], slow: dict[str, list[float]]) -> Any:
    """A MkDocs plugin that timestamps the build's phases and each page's two costs.

    Its handlers run first and last on each event (priority ±1000), so a phase
    includes every other plugin's work. `slow[src_uri]` = [Markdown → HTML, template + search].
    """
    from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority

    def stamp(name: str, priority: int):
        @event_priority(priority)
        def handler(self, *args, **kwargs):
            # on_files/on_nav/on_env get their object first and must hand it back.
            marks[name] = time.perf_counter()
            return args[0] if args else None

        return handler

    def page_stamp(index: int, end: bool, priority: int):
        @event_priority(priority)
        def handler(self, item, *, page, **kwargs):
            times = slow.setdefault(page.file.src_uri, [0.0, 0.0, 0.0])
            if end:
                times[index] += time.perf_counter() - times[2]
            else:
                times[2] = time.perf_counter()
            return item

        return handler

    class TimerPlugin(BasePlugin):
        # The generator runs in on_pre_build (before MkDocs empties site_dir) and adds its
        # pages in on_files: its share of the build is both spans.
        on_pre_build = CombinedEvent(stamp("pre_build_start", 1000), stamp("pre_build_end", -1000))
        on_files = CombinedEvent(stamp("files_start", 1000), stamp("files_end", -1000))
        on_nav = stamp("nav_end", -1000)
        on_env = stamp("markdown_end", -1000)
        on_post_build = stamp("post_build", -1000)
        on_page_markdown = page_stamp(0, False, 1000)
        on_page_content = page_stamp(0, True, -1000)
        on_page_context = page_stamp(1, False, 1000)
        on_post_page = page_stamp(1, True, -1000)

    return TimerPlugin()


def mkdocs_build(data: Path, site_dir: Path, config_file: Path) -> dict[str, Any]:
    """The real `mkdocs build --strict` of `config_file`, with the generator reading `data`."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from generator.mkdocs_glue.plugin import VivePlugin

    marks: dict[str, float] = {}
    per_page: dict[str, list[float]] = {}
    start = time.perf_counter()
    cpu_start = time.process_time()
    cfg = load_config(str(config_file), site_dir=str(site_dir), strict=True)
    vive = [p for p in cfg.plugins.values() if isinstance(p, VivePlugin)]
    if len(vive) != 1:
        raise RuntimeError(f"expected one vive plugin in {config_file}, found {len(vive)}")
    vive[0].config.data_dir = str(data.resolve())
    cfg.plugins["bench-timer"] = _timer_plugin(marks, per_page)
    loaded = time.perf_counter()
    cfg.plugins.on_startup(command="build", dirty=False)
    try:
        build(cfg)
    finally:
        cfg.plugins.on_shutdown()
    end = time.perf_counter()
    build_cpu = time.process_time() - cpu_start
    pages = dict(vive[0].rendered.files) if vive[0].rendered else {}
    pages.update(_hand_written(Path(cfg.docs_dir)))
    slowest = sorted(per_page.items(), key=lambda kv: -(kv[1][0] + kv[1][1]))[:5]
    return {
        "build_cpu_s": build_cpu,
        **markdown_floor(pages, cfg),
        "config_s": loaded - start,
        "build_s": end - loaded,
        "total_s": end - start,
        "generator_in_build_s": (marks["pre_build_end"] - marks["pre_build_start"])
        + (marks["files_end"] - marks["files_start"]),
        "markdown_s": marks["markdown_end"] - marks["nav_end"],
        "templates_s": marks["post_build"] - marks["markdown_end"],
        "pages_in_nav": _nav_pages(cfg),
        "page_markdown_median_ms": statistics.median(t[0] for t in per_page.values()) * 1000,
        "page_template_median_ms": statistics.median(t[1] for t in per_page.values()) * 1000,
        "slowest_pages": [{"page": uri, "markdown_s": t[0], "template_s": t[1]} for uri, t in slowest],
        "by_kind": _by_kind(per_page),
    }


def _hand_written(docs_dir: Path) -> dict[str, str]:
    return {p.relative_to(docs_dir).as_posix(): p.read_text(encoding="utf-8") for p in docs_dir.rglob("*.md")}


def markdown_floor(pages: dict[str, str], cfg: Any) -> dict[str, Any]:
    """The Markdown floor (issue 26): every page's Markdown (front matter off, as MkDocs reads it)
    converted by Python-Markdown alone, with the site's extensions and settings, one converter
    reset between pages; no MkDocs, no templates, no search. The CPU time this stack cannot go
    below; a build is judged against it."""
    import markdown
    from mkdocs.utils.meta import get_data

    bodies = [get_data(text)[0] for text in pages.values()]
    converter = markdown.Markdown(extensions=cfg["markdown_extensions"], extension_configs=cfg["mdx_configs"])
    start = time.process_time()
    for body in bodies:
        converter.reset().convert(body)
    return {"markdown_floor_cpu_s": time.process_time() - start, "markdown_floor_pages": len(bodies)}


def page_kind(src_uri: str) -> str:
    """'cases/x.md' → 'cases'; a theme page → 'temaer'; a top-level page → its own name."""
    folder, _, name = src_uri.rpartition("/")
    if not folder:
        return name.removesuffix(".md")
    if folder in ("bostoette", "botilbud") and name not in ("index.md", "matrix.md", "spoergsmaalskort.md"):
        return "temaer"
    if name in ("matrix.md", "spoergsmaalskort.md"):
        return name.removesuffix(".md")
    return folder if name != "index.md" else src_uri.removesuffix(".md")


def _by_kind(per_page: dict[str, list[float]]) -> dict[str, dict[str, float]]:
    """Pages, Markdown → HTML seconds and template + search seconds, summed by kind of page."""
    kinds: dict[str, dict[str, float]] = {}
    for uri, (markdown_s, template_s, _) in per_page.items():
        kind = kinds.setdefault(page_kind(uri), {"pages": 0, "markdown_s": 0.0, "template_s": 0.0})
        kind["pages"] += 1
        kind["markdown_s"] += markdown_s
        kind["template_s"] += template_s
    return dict(sorted(kinds.items(), key=lambda kv: -(kv[1]["markdown_s"] + kv[1]["template_s"])))


def _nav_pages(cfg: Any) -> int:
    count = 0

    def walk(items: Any) -> None:
        nonlocal count
        for item in items or []:
            if isinstance(item, dict):
                for value in item.values():
                    walk(value if isinstance(value, list) else [value])
            elif isinstance(item, list):
                walk(item)
            else:
                count += 1

    walk(cfg.nav)
    return count


def generator_phases(data: Path, repeat: int) -> dict[str, Any]:
    """Best-of-`repeat` time of each generator phase, run on its own."""
    from generator.content.linker import link
    from generator.content.loader import load
    from generator.render.templating import render
    from generator.writer import write_tree

    from ..conftest import project_converter

    best: dict[str, float] = {}
    counts: dict[str, Any] = {}
    for _ in range(repeat):
        t0 = time.perf_counter()
        content = load(data)
        t1 = time.perf_counter()
        site = link(content)
        t2 = time.perf_counter()
        rendered = render(site, project_converter())
        t3 = time.perf_counter()
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "md"
            first = write_tree(rendered.files, out)
            t4 = time.perf_counter()
            again = write_tree(rendered.files, out)
            t5 = time.perf_counter()
        for key, value in {
            "load_s": t1 - t0,
            "link_s": t2 - t1,
            "render_s": t3 - t2,
            "write_first_s": t4 - t3,
            "write_again_s": t5 - t4,
        }.items():
            best[key] = min(value, best.get(key, value))
        counts = {
            "themes": len(site.themes),
            "cases": len(site.cases),
            "generated_pages": len(rendered.files),
            "markdown_bytes": sum(len(t.encode()) for t in rendered.files.values()),
            "written_first": len(first),
            "written_again": len(again),
        }
        del content, site, rendered
        gc.collect()
    return {**best, **counts}


def _readers(site_dir: Path) -> list[Path]:
    """Every file of the readers' site: the content editor (admin/, measured on its own in
    BENCHMARKS.md) is left out, so the figures stay comparable from run to run."""
    return [p for p in site_dir.rglob("*") if p.is_file() and p.relative_to(site_dir).parts[0] != "admin"]


def site_figures(site_dir: Path) -> dict[str, Any]:
    html = [p for p in _readers(site_dir) if p.suffix == ".html"]
    bundle = site_dir / "pagefind"  # the search index (generator/render/search_index.py)
    biggest = max(html, key=lambda p: p.stat().st_size)
    return {
        "html_pages": len(html),
        "site_bytes": sum(p.stat().st_size for p in _readers(site_dir)),
        "html_bytes": sum(p.stat().st_size for p in html),
        "search_index_bytes": sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file()),
        "largest_page": biggest.relative_to(site_dir).as_posix(),
        "largest_page_bytes": biggest.stat().st_size,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--json", type=Path, required=True)
    parser.add_argument("--config", type=Path, default=ROOT / "mkdocs.yml")
    parser.add_argument("--repeat", type=int, default=1, help="runs of the generator phases (best of)")
    parser.add_argument("--phases-first", action="store_true", help="time the phases before the build")
    args = parser.parse_args(argv)

    result: dict[str, Any] = {"data": str(args.data)}
    with tempfile.TemporaryDirectory(prefix="bench-site-") as tmp:
        site_dir = Path(tmp) / "site"
        if args.phases_first:
            result.update(generator_phases(args.data, args.repeat))
        result.update(mkdocs_build(args.data, site_dir, args.config))
        result.update(site_figures(site_dir))
        if not args.phases_first:
            result.update(generator_phases(args.data, args.repeat))
    result["peak_rss_self_kb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    args.json.write_text(json.dumps(result, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
