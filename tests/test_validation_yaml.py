"""YAML reading: 1.1 traps, and hostile files that must fail fast with bounded memory."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.content.yamlsource import MAX_FILE_BYTES, YamlReadError, read_yaml

from .bad_input.corpus import BILLION_LAUGHS
from .conftest import ROOT


def read(tmp_path: Path, text: str):
    path = tmp_path / "x.yaml"
    path.write_text(text, encoding="utf-8")
    return read_yaml(path, "x.yaml").data


@pytest.mark.parametrize(
    ("text", "pyyaml_default", "ours"),
    [
        ("a: no", False, "no"),
        ("a: yes", True, "yes"),
        ("a: on", True, "on"),
        ("a: off", False, "off"),
        ("a: 010", 8, "010"),
        ("a: 0x10", 16, "0x10"),
        ("a: 12:30", 750, "12:30"),
        ("a: 1_000", 1000, "1_000"),
        ("a: 2021-06-03", __import__("datetime").date(2021, 6, 3), "2021-06-03"),
        ("a: .inf", float("inf"), ".inf"),
        ("a: true", True, True),
        ("a: 10", 10, 10),
        ("a: 1.5", 1.5, 1.5),
        ("a: ~", None, None),
    ],
)
def test_yaml_1_1_traps_are_not_converted(tmp_path, text, pyyaml_default, ours):
    """PyYAML's default reading (left) silently converts; ours keeps what the editor wrote."""
    assert yaml.safe_load(text)["a"] == pyyaml_default
    assert read(tmp_path, text)["a"] == ours


def test_a_byte_order_mark_is_accepted(tmp_path):
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbfid: x\n")
    assert read_yaml(path, "bom.yaml").data == {"id": "x"}


MEASURE = """
import json, resource, sys, tracemalloc
from pathlib import Path
resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))  # 1 GB: an expansion would die here
from generator.__main__ import main
from generator.content.yamlsource import YamlReadError, read_yaml
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
tracemalloc.start()
try:
    read_yaml(Path(sys.argv[1]), "f.yaml")
    outcome = "read"
except YamlReadError as exc:
    outcome = exc.error.message
read_peak = tracemalloc.get_traced_memory()[1]
tracemalloc.reset_peak()
code = main(["--data", sys.argv[2], "validate"])
validate_peak = tracemalloc.get_traced_memory()[1]
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"outcome": outcome, "read_peak": read_peak, "validate_peak": validate_peak,
                  "code": code, "rss_growth_kb": after - before}))
"""


# validate's peak with the project's own content/ pages, which it converts and checks too
# (about 1.5 MB of it for the editors' guide): an expanded bomb would be gigabytes.
VALIDATE_PEAK = 8_000_000


def measure(path: Path, data: Path) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", MEASURE, str(path), str(data)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.build
def test_billion_laughs_fails_fast_with_bounded_memory(minimal_copy):
    bomb = minimal_copy / "cases" / "bombe.yaml"
    bomb.write_text(BILLION_LAUGHS, encoding="utf-8")
    # Expanded, this would be 9**9 ≈ 387 million strings.
    figures = measure(bomb, minimal_copy)
    assert figures["outcome"] == "et YAML-anker (&) bruges ikke i indholdet"
    assert figures["read_peak"] < 200_000  # bytes: the first anchor stops the reading
    assert figures["validate_peak"] < VALIDATE_PEAK
    assert figures["code"] == 1
    assert figures["rss_growth_kb"] < 50_000


@pytest.mark.build
def test_a_50_mb_file_is_refused_without_being_read(minimal_copy):
    big = minimal_copy / "cases" / "stor.yaml"
    line = b"- " + b"x" * 98 + b"\n"
    with big.open("wb") as handle:  # real bytes on disk, not a sparse file
        for _ in range(50 * 1024 * 1024 // len(line) + 1):
            handle.write(line)
    assert big.stat().st_size > 50 * 1024 * 1024
    figures = measure(big, minimal_copy)
    assert figures["outcome"].startswith("filen er for stor")
    assert figures["read_peak"] < MAX_FILE_BYTES // 10
    assert figures["validate_peak"] < VALIDATE_PEAK
    assert figures["code"] == 1


def test_a_file_that_grows_after_it_was_measured_is_still_cut(tmp_path, monkeypatch):
    """read_yaml never reads more than the cap, even if stat() was wrong (a device, a growing file)."""
    path = tmp_path / "grows.yaml"
    path.write_bytes(b"a: " + b"x" * (MAX_FILE_BYTES + 10))
    real_stat = Path.stat

    def small_stat(self, *args, **kwargs):
        result = real_stat(self, *args, **kwargs)
        if self == path:
            return os.stat_result((*result[:6], 10, *result[7:]))
        return result

    monkeypatch.setattr(Path, "stat", small_stat)
    with pytest.raises(YamlReadError) as info:
        read_yaml(path, "grows.yaml")
    assert "for stor" in info.value.error.message


def test_deep_nesting_is_refused_on_the_libyaml_path_too(tmp_path):
    """A file with no anchor/alias/tag indicator is composed by libyaml in C, which does
    not count depth; the depth rule must still hold there, with the same Danish message."""
    from generator.content.yamlsource import MAX_DEPTH, YamlReadError, _c_composable, read_yaml

    text = "id: x\nliste: " + "[" * (MAX_DEPTH + 5) + "1" + "]" * (MAX_DEPTH + 5) + "\n"
    assert _c_composable(text)
    path = tmp_path / "dyb.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(YamlReadError) as info:
        read_yaml(path, "dyb.yaml")
    assert "for mange niveauer" in info.value.error.message
    assert info.value.error.line == 2


def test_files_with_yaml_indicators_take_the_refusing_composer():
    from generator.content.yamlsource import _c_composable

    assert not _c_composable("a: &anker 1\nb: *anker\n")
    assert not _c_composable("a: !!python/object x\n")
    assert _c_composable("a: 'Sundhed og trivsel'\nb: 3*4\n")  # '*' inside a word is no alias
