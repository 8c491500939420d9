"""The suite's three layers, given to every test by the conftest's hooks, and the test order.

unit     in-process: the generator's steps, views, rules and messages. No MkDocs build, no
         process, no browser; `make test-unit` (`pytest -m unit`) runs them in seconds.
build    builds with the real MkDocs, exports, or runs a real process (`python -m generator`,
         `mkdocs serve`, Pagefind, the engines of the export).
browser  headless Chromium against a built site: what only a browser shows (focus, layout,
         print, script, axe).

A test gets exactly one layer, never none: `browser` by its place (tests/browser/) or its use of
the `browser` fixture; `build` by its place (BUILD_FILES), its use of a fixture that builds
(`@layers.builds`) or an explicit `pytest.mark.build`; otherwise `unit`. A unit test that builds
or starts a process anyway fails and says to mark it `build` (UnitGuard), so the unit layer
stays fast.

`--order reverse` runs the files and the tests in each file backwards, `--order random` in a
shuffled order (`--order-seed N` repeats one): a test that passes only after another fails.
"""

from __future__ import annotations

import functools
import random
import sys
from pathlib import Path
from typing import Any

import pytest

LAYERS = ("unit", "build", "browser")
BROWSER_DIR = Path(__file__).resolve().parent / "browser"
# Files whose every test is in the build layer by its place: the live preview's real servers and
# the benchmarks' harness.
BUILD_FILES = frozenset({"test_live_preview.py", "test_preview_reuse.py", "test_bench_smoke.py"})


def builds(fixture_function: Any) -> Any:
    """Marks a fixture that builds a site, exports one or starts a process: every test that uses
    it, directly or through another fixture, is in the build layer. Put it under @pytest.fixture."""
    fixture_function.builds_a_site = True
    return fixture_function


def _uses_a_building_fixture(item: pytest.Item) -> bool:
    info = getattr(item, "_fixtureinfo", None)
    definitions = info.name2fixturedefs.values() if info else ()
    return any(getattr(defs[-1].func, "builds_a_site", False) for defs in definitions if defs)


def layer_of(item: pytest.Item) -> str:
    explicit = [m.name for m in item.iter_markers() if m.name in LAYERS]
    names = set(getattr(item, "fixturenames", ()))
    if Path(str(item.path)).is_relative_to(BROWSER_DIR) or "browser" in names:
        found = "browser"
    elif "build" in explicit or item.path.name in BUILD_FILES or _uses_a_building_fixture(item):
        found = "build"
    else:
        found = "unit"
    if explicit and set(explicit) != {found}:
        raise pytest.UsageError(f"{item.nodeid}: marked {explicit}, but it is a {found} test")
    return found


def mark_layers(items: list[pytest.Item]) -> None:
    for item in items:
        layer = layer_of(item)
        if not item.get_closest_marker(layer):
            item.add_marker(getattr(pytest.mark, layer))


def add_order_option(parser: pytest.Parser) -> None:
    group = parser.getgroup("order", "the order tests run in")
    group.addoption(
        "--order",
        choices=("given", "reverse", "random"),
        default="given",
        help="reverse: files and the tests in each file backwards; random: shuffled (both per file, "
        "so fixtures shared by a file are still made once)",
    )
    group.addoption("--order-seed", type=int, default=None, help="the seed of --order random")


def reorder(config: pytest.Config, items: list[pytest.Item]) -> None:
    order = config.getoption("order")
    if order == "given":
        return
    by_file: dict[Path, list[pytest.Item]] = {}
    for item in items:
        by_file.setdefault(Path(str(item.path)), []).append(item)
    files = list(by_file.values())
    if order == "reverse":
        files.reverse()
        for group in files:
            group.reverse()
    else:
        rng = random.Random(order_seed(config))
        rng.shuffle(files)
        for group in files:
            rng.shuffle(group)
    items[:] = [item for group in files for item in group]


def order_seed(config: pytest.Config) -> int:
    """The seed of --order random: given, the controller's (every worker of `pytest -n` must
    collect the same order), or a new one."""
    seed = config.getoption("order_seed")
    if seed is None:
        seed = getattr(config, "workerinput", {}).get("order_seed")
    if seed is None:
        seed = random.SystemRandom().randrange(10**6)
        config.option.order_seed = seed
    return int(seed)


def order_header(config: pytest.Config) -> str | None:
    order = config.getoption("order")
    if order == "random":
        return f"order: random (--order-seed {order_seed(config)})"
    return f"order: {order}" if order != "given" else None


# --- the unit layer's guard ------------------------------------------------------------------

_STARTS_A_PROCESS = {"subprocess.Popen", "os.system", "os.posix_spawn", "os.exec", "os.spawn", "os.fork"}


class NotAUnitTest(BaseException):  # past any `except Exception` of the code under test
    pass


class UnitGuard:
    """While a unit test runs: starting a process or a MkDocs build raises NotAUnitTest.

    A process is seen through Python's audit events; a build through a wrapper around
    `mkdocs.commands.build.build` that is transparent (functools.wraps: inspect sees the
    original, tests/test_patches.py reads its source) and stays for the whole session."""

    def __init__(self) -> None:
        self.test: str | None = None
        sys.addaudithook(self._audit)
        import mkdocs.commands.build

        mkdocs.commands.build.build = self._guarded(mkdocs.commands.build.build)

    def _refuse(self, what: str) -> None:
        raise NotAUnitTest(
            f"{self.test} is in the unit layer, but it {what}: mark it `@pytest.mark.build` "
            "(or give the fixture that builds `@layers.builds`)"
        )

    def _audit(self, event: str, args: tuple[Any, ...]) -> None:
        if self.test is not None and event in _STARTS_A_PROCESS:
            self._refuse(f"starts a process ({event})")

    def _guarded(self, build: Any) -> Any:
        @functools.wraps(build)
        def build_outside_unit_tests(*args: Any, **kwargs: Any) -> Any:
            if self.test is not None:
                self._refuse("builds a site with MkDocs")
            return build(*args, **kwargs)

        return build_outside_unit_tests
