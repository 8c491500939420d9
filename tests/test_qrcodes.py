"""The QR codes on printed theme pages and their cache folder."""

from __future__ import annotations

from pathlib import Path

import pytest
import segno

from generator.render import qrcodes
from generator.render.qrcodes import cache_dir, make_qr, qr_data_uri

URL = "https://eksempel.dk/bostoette/fleksibel/"


@pytest.fixture(autouse=True)
def empty_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("VIVE_CACHE_DIR", str(tmp_path / "cache"))
    qr_data_uri.cache_clear()
    yield tmp_path / "cache" / "qr"
    qr_data_uri.cache_clear()


def test_a_code_holds_the_address_as_an_svg_data_uri():
    code = segno.make(URL, error="m", mask=0)
    assert make_qr(URL) == code.svg_data_uri(scale=4, border=2, dark="#000", light="#fff")
    assert make_qr(URL).startswith("data:image/svg+xml;charset=utf-8,%3Csvg")
    assert make_qr(URL) != make_qr(URL + "x")


def test_a_code_is_made_once_and_then_read_from_the_cache_folder(empty_cache, monkeypatch):
    first = qr_data_uri(URL)
    assert first == make_qr(URL)
    [stored] = empty_cache.iterdir()
    assert stored.read_text(encoding="ascii") == first
    qr_data_uri.cache_clear()  # a new process: only the folder remains
    monkeypatch.setattr(qrcodes, "make_qr", lambda url: pytest.fail("made again instead of read"))
    assert qr_data_uri(URL) == first


def test_a_damaged_cache_file_is_made_again(empty_cache):
    qr_data_uri(URL)
    [stored] = empty_cache.iterdir()
    foreign = "data:image/svg+xml;charset=utf-8,%3Csvg%3E<script>" + "A" * 200
    for damage in ["", foreign, "\xff\xfe", make_qr(URL)[:50]]:
        stored.write_bytes(damage.encode("utf-8", "surrogateescape"))
        qr_data_uri.cache_clear()
        assert qr_data_uri(URL) == make_qr(URL)
        assert stored.read_text(encoding="ascii") == make_qr(URL)


def test_a_cache_folder_that_cannot_be_written_only_costs_time(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("VIVE_CACHE_DIR", str(blocker))
    assert qr_data_uri(URL) == make_qr(URL)
    assert blocker.read_text(encoding="utf-8") == "not a folder"


def test_without_vive_cache_dir_the_users_cache_folder_is_used(tmp_path, monkeypatch):
    monkeypatch.delenv("VIVE_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_dir() == tmp_path / "xdg" / "vive-generator" / "qr"
