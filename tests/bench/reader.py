"""Reader side: the real site served compressed, as a static host serves it.

Builds the real site (strict), serves it with Debian's nginx (gzip on) from a
configuration written into a temporary folder, on a free port on 127.0.0.1,
as a non-daemon child process. Then:

- every page is loaded once in a fresh browser context (empty cache) in
  Debian's chromium, and the bytes that went over the wire are summed from
  Chrome's own accounting (CDP `Network.loadingFinished` encodedDataLength),
  until the network is idle (anything a page fetches after load counts);
- the search's cost to a reader: the forside loaded, the search box focused, a
  first and a second query typed into it, the bytes of each step by kind
  (Pagefind's script, WebAssembly, index chunks, result fragments), on the real
  site and on a synthetic site of 5,000 cases (`search_cost`);
- Lighthouse (npm, installed into .bench/) runs a mobile audit of the
  forside and of a theme page.

`python -m tests.bench.reader --search` measures the search's cost alone.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from .serve_latency import BROWSER_ARGS, CHROMIUM, fetch, free_port, pick_theme, wait_until
from .synthetic import ROOT

LIGHTHOUSE = ROOT / ".bench" / "node_modules" / ".bin" / "lighthouse"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
MIME_TYPES = Path("/etc/nginx/mime.types")

NGINX_CONF = """\
worker_processes 1;
daemon off;
master_process off;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 256; }}
http {{
    include {mime};
    default_type application/octet-stream;
    access_log off;
    sendfile on;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    # What a static host does: gzip text, leave images and fonts alone.
    gzip on;
    gzip_comp_level 6;
    gzip_min_length 256;
    gzip_vary on;
    gzip_types text/css application/javascript text/javascript application/json
               image/svg+xml text/xml application/xml text/plain;
    server {{
        listen 127.0.0.1:{port};
        root {site};
        index index.html;
        error_page 404 /404.html;
    }}
}}
"""


def build_real_site(site_dir: Path, data: Path | None = None) -> Path:
    """The strict build of mkdocs.yml (the search index included), from `data` if given."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from generator.mkdocs_glue.plugin import VivePlugin

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    cfg = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(site_dir), strict=True)
    if data is not None:
        vive = next(p for p in cfg.plugins.values() if isinstance(p, VivePlugin))
        vive.config.data_dir = str(data.resolve())
    cfg.plugins.on_startup(command="build", dirty=False)
    try:
        build(cfg)
    finally:
        cfg.plugins.on_shutdown()
    return site_dir


class Nginx:
    """nginx in the foreground as our child, killed by its pid when done."""

    def __init__(self, site: Path, work: Path):
        self.port = free_port()
        self.work = work
        conf = work / "nginx.conf"
        conf.write_text(
            NGINX_CONF.format(tmp=work, mime=MIME_TYPES, port=self.port, site=site.resolve()),
            encoding="utf-8",
        )
        self.proc = subprocess.Popen(
            [NGINX, "-c", str(conf), "-p", str(work)],
            stdout=subprocess.DEVNULL,
            stderr=(work / "nginx.out").open("wb"),
        )
        self.base = f"http://127.0.0.1:{self.port}"
        if wait_until(lambda: "<html" in fetch(self.base + "/"), timeout=15, step=0.1) is None:
            self.stop()
            raise RuntimeError("nginx did not start: " + (work / "nginx.out").read_text()[-1000:])

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


# The content editor (issue 30): Decap CMS's 1.5 MB of script, loaded only by editors at /admin/,
# never by a reader's page; measured with the readers' pages, it would hide them.
EDITOR_PAGES = ("/admin/",)


def page_urls(site: Path) -> list[str]:
    """The readers' pages (the editor's left out)."""
    urls = []
    for html in sorted(site.rglob("index.html")):
        rel = html.parent.relative_to(site).as_posix()
        url = "/" if rel == "." else f"/{rel}/"
        if not url.startswith(EDITOR_PAGES):
            urls.append(url)
    return urls


def _kind(url: str, mime: str) -> str:
    if "/pagefind/" in url or url.endswith("/assets/search.js") or "search_index.json" in url:
        return "search"
    for key, kind in (("html", "html"), ("css", "css"), ("javascript", "js"), ("font", "font")):
        if key in mime:
            return kind
    if url.endswith((".woff2", ".woff", ".ttf")):
        return "font"
    return "other"


def transfer_sizes(base: str, urls: list[str]) -> list[dict[str, Any]]:
    """First-load transfer of each page, in bytes over the wire, by kind of resource."""
    from playwright.sync_api import sync_playwright

    results = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
        try:
            for url in urls:
                context = browser.new_context()  # empty cache: a first visit
                page = context.new_page()
                cdp = context.new_cdp_session(page)
                requests: dict[str, dict[str, Any]] = {}

                def on_response(event: dict[str, Any], requests=requests) -> None:
                    r = event["response"]
                    requests.setdefault(event["requestId"], {}).update(
                        url=r["url"],
                        mime=r.get("mimeType", ""),
                        encoding=r["headers"].get(
                            "Content-Encoding", r["headers"].get("content-encoding", "")
                        ),
                    )

                def on_finished(event: dict[str, Any], requests=requests) -> None:
                    requests.setdefault(event["requestId"], {})["bytes"] = event["encodedDataLength"]

                cdp.on("Network.responseReceived", on_response)
                cdp.on("Network.loadingFinished", on_finished)
                cdp.send("Network.enable")
                cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
                page.goto(base + url, wait_until="load")
                # Count what a page fetches after load too (Playwright's own wait, so that the
                # CDP events keep arriving meanwhile).
                page.wait_for_load_state("networkidle")
                by_kind: dict[str, int] = {}
                for r in requests.values():
                    if "bytes" not in r or not r.get("url", "").startswith(base):
                        continue
                    kind = _kind(r["url"], r.get("mime", ""))
                    by_kind[kind] = by_kind.get(kind, 0) + r["bytes"]
                results.append(
                    {
                        "url": url,
                        "bytes": sum(by_kind.values()),
                        "by_kind": by_kind,
                        "requests": sum(1 for r in requests.values() if "bytes" in r),
                        "gzip": all(
                            r.get("encoding") == "gzip"
                            for r in requests.values()
                            if "bytes" in r
                            and _kind(r.get("url", ""), r.get("mime", "")) in ("html", "css", "js", "search")
                        ),
                    }
                )
                context.close()
        finally:
            browser.close()
    return results


# Two queries a reader types: an inflected form (the first query loads the engine) and a
# second word (only its index chunk and the fragments of the results shown are new).
QUERIES = ("netværket", "recovery")


def _search_part(url: str) -> str:
    path = url.split("?")[0]
    if path.endswith("/assets/search.js"):
        return "UI-script"
    for end, part in ((".pagefind", "WebAssembly"), (".pf_index", "indeks"), (".pf_fragment", "fragmenter")):
        if path.endswith(end):
            return part
    if path.endswith((".js", ".json", ".pf_meta")):
        return "Pagefind JS + metadata"
    return "andet"


def search_cost(base: str, queries: tuple[str, str] = QUERIES) -> dict[str, Any]:
    """Bytes over the wire when a reader opens the forside, focuses the search and types two queries.

    Playwright's request sizes (the encoded body plus headers) see Pagefind's worker too.
    """
    from playwright.sync_api import sync_playwright

    seen: list[tuple[str, str, int]] = []  # (step, url, bytes)
    step = {"name": "load"}
    pending: set[Any] = set()
    last = {"t": time.perf_counter()}

    def started(request: Any) -> None:
        pending.add(request)
        last["t"] = time.perf_counter()

    def finished(request: Any) -> None:
        pending.discard(request)
        last["t"] = time.perf_counter()
        if request.url.startswith(base):
            sizes = request.sizes()
            seen.append((step["name"], request.url, sizes["responseBodySize"] + sizes["responseHeadersSize"]))

    def failed(request: Any) -> None:
        pending.discard(request)

    def settle(page: Any) -> None:
        """Until no request has been open or new for half a second (so each step's bytes stay its own)."""
        deadline = time.perf_counter() + 30
        while time.perf_counter() < deadline and (pending or time.perf_counter() - last["t"] < 0.5):
            page.wait_for_timeout(50)  # Playwright's wait: its events keep arriving meanwhile

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
        try:
            context = browser.new_context()  # empty cache: a first visit
            context.on("request", started)
            context.on("requestfinished", finished)
            context.on("requestfailed", failed)
            page = context.new_page()
            page.goto(base + "/", wait_until="load")
            settle(page)
            step["name"] = "focus"
            page.locator(".md-search__input").focus()
            page.wait_for_function("() => document.querySelector('.md-search[data-ready]')")
            settle(page)
            shown = {}
            for name, query in zip(("first_query", "second_query"), queries, strict=True):
                step["name"] = name
                box = page.locator(".md-search__input")
                box.fill("")
                box.press_sequentially(query)
                page.wait_for_function(
                    "q => document.querySelector('.md-search-result').getAttribute('data-query') === q",
                    arg=query,
                )
                settle(page)
                shown[name] = page.locator(".md-search-result__item > a:first-child").count()
            context.close()
        finally:
            browser.close()
    result: dict[str, Any] = {"queries": list(queries), "results_shown": shown}
    for name in ("load", "focus", "first_query", "second_query"):
        parts: dict[str, int] = {}
        done = [(url, n) for s, url, n in seen if s == name]
        for url, n in done:
            part = (
                ("søgning" if _kind(url, "") == "search" else "siden")
                if name == "load"
                else _search_part(url)
            )
            parts[part] = parts.get(part, 0) + n
        result[name] = {"bytes": sum(parts.values()), "requests": len(done), "parts": parts}
    return result


def measure_search(work: Path, data: Path | None = None) -> dict[str, Any]:
    """Build (from `data`, or the real content), serve with nginx, and measure `search_cost`."""
    work.mkdir(parents=True, exist_ok=True)
    os.chmod(work, 0o755)
    site = build_real_site(work / "site", data)
    bundle = site / "pagefind"
    (work / "nginx").mkdir()
    server = Nginx(site, work / "nginx")
    try:
        cost = search_cost(server.base)
    finally:
        server.stop()
    cost["bundle_bytes"] = sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file())
    cost["pages_indexed"] = pages_indexed(site)
    return cost


def pages_indexed(site: Path) -> int:
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    return sum(language["page_count"] for language in entry["languages"].values())


def measure_search_at_scale(cases: int = 5000, themes: int = 20) -> dict[str, Any]:
    from .synthetic import Size, generate

    with tempfile.TemporaryDirectory(prefix="vive-search-") as tmp:
        made = generate(Path(tmp) / "data", Size(themes, cases))
        result = measure_search(Path(tmp) / "work", made.data_dir)
    return {"themes": themes, "cases": cases, **result}


def lighthouse(url: str, out: Path) -> dict[str, Any]:
    """Mobile Lighthouse run (its default: a Moto G Power, slow 4G, simulated throttling)."""
    if not LIGHTHOUSE.exists():
        return {
            "error": f"{LIGHTHOUSE.relative_to(ROOT)} findes ikke (npm install --prefix .bench lighthouse)"
        }
    flags = " ".join([*BROWSER_ARGS, "--headless=new", f"--user-data-dir={out.parent / 'lh-profile'}"])
    cmd = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={out}",
        "--only-categories=performance,accessibility",
        "--form-factor=mobile",
        f"--chrome-flags={flags}",
    ]
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    if proc.returncode != 0 or not out.exists():
        return {"error": f"lighthouse fejlede ({proc.returncode}): {(proc.stderr or proc.stdout)[-800:]}"}
    report = json.loads(out.read_text(encoding="utf-8"))
    cats = report["categories"]
    failing = [
        f"{a['id']} ({a['score']})"
        for cat in cats.values()
        for ref in cat["auditRefs"]
        if ref.get("weight", 0) > 0
        for a in [report["audits"][ref["id"]]]
        if a.get("score") is not None and a["score"] < 0.9
    ]
    metrics = report["audits"]
    return {
        "performance": round(cats["performance"]["score"] * 100),
        "accessibility": round(cats["accessibility"]["score"] * 100),
        "fcp_ms": metrics["first-contentful-paint"]["numericValue"],
        "lcp_ms": metrics["largest-contentful-paint"]["numericValue"],
        "tbt_ms": metrics["total-blocking-time"]["numericValue"],
        "cls": metrics["cumulative-layout-shift"]["numericValue"],
        "failing": failing,
        "lighthouse_version": report.get("lighthouseVersion", ""),
    }


def measure(lighthouse_runs: int = 3) -> dict[str, Any]:
    result: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="vive-reader-") as tmp:
        work = Path(tmp)
        os.chmod(work, 0o755)
        site = build_real_site(work / "site")
        bundle = (site / "pagefind").rglob("*")
        result["search_bundle_bytes"] = sum(p.stat().st_size for p in bundle if p.is_file())
        (work / "nginx").mkdir()
        server = Nginx(site, work / "nginx")
        try:
            urls = page_urls(site)
            start = time.perf_counter()
            pages_ = transfer_sizes(server.base, urls)
            result["transfer_s"] = time.perf_counter() - start
            result["pages"] = pages_
            result["heaviest"] = max(pages_, key=lambda p: p["bytes"])
            theme = pick_theme(ROOT / "themes_data")[1]  # the first theme page
            result["lighthouse"] = {}
            for name, url in (("forside", "/"), ("tema", theme)):
                runs = [
                    lighthouse(server.base + url, work / f"lh-{name}-{i}.json")
                    for i in range(lighthouse_runs)
                ]
                ok = sorted((r for r in runs if "error" not in r), key=lambda r: r["performance"])
                # The median run by performance, as Lighthouse's own docs advise for noisy machines.
                median = ok[len(ok) // 2] if ok else runs[-1]
                result["lighthouse"][name] = {
                    "url": url,
                    **median,
                    "runs": [(r["performance"], r["accessibility"]) for r in ok],
                }
            result["search"] = {
                **search_cost(server.base),
                "bundle_bytes": result["search_bundle_bytes"],
                "pages_indexed": pages_indexed(site),
            }
        finally:
            server.stop()
    result["search_at_scale"] = measure_search_at_scale()
    return result


if __name__ == "__main__":
    if sys.argv[1:] == ["--search"]:  # the search's cost alone: real site and 5,000 cases
        with tempfile.TemporaryDirectory(prefix="vive-search-") as tmp:
            figures = {"real": measure_search(Path(tmp) / "real"), "at_scale": measure_search_at_scale()}
        print(json.dumps(figures, indent=2, ensure_ascii=False))
    else:
        print(json.dumps(measure(), indent=2, ensure_ascii=False))
