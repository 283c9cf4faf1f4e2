"""F4: zip bombs are refused before any parser runs, with memory bounded; and the guard's other refusals."""

from __future__ import annotations

import struct
import time
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from rosterdesk.importers.errors import UnusableFile
from rosterdesk.importers.limits import Limits
from rosterdesk.importers.readers import open_sheet
from rosterdesk.importers.zipguard import (
    CHUNK_OUT,
    check_xml_prolog,
    declared_entry_count,
    inspect_archive,
    iter_member,
    open_archive,
)
from tests import filefactory as ff

XLSX = frozenset({"xlsx"})


@pytest.fixture(scope="module")
def whitespace_bomb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """412 KB on disk, 400 MB of whitespace inside (built once: ~1.5 s)."""
    return ff.whitespace_bomb_xlsx(tmp_path_factory.mktemp("bomb") / "bomb.xlsx", megabytes=400)


def refused(path: Path, limits: Limits | None = None) -> UnusableFile:
    with pytest.raises(UnusableFile) as info:
        open_sheet(path, formats=XLSX, limits=limits or Limits())
    return info.value


def test_400_mb_of_whitespace_is_refused_quickly_with_bounded_memory(whitespace_bomb: Path) -> None:
    assert whitespace_bomb.stat().st_size < 500_000
    tracemalloc.start()
    started = time.monotonic()
    try:
        error = refused(whitespace_bomb)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert error.type == "zip-bomb"
    assert "100" in error.message("nl") and "expands more than 100 times" in error.message("en")
    assert time.monotonic() - started < 1.0
    assert peak < 16 * 1024 * 1024, f"peak {peak / 1e6:.1f} MB"


def test_more_than_1000_entries_is_refused(tmp_path: Path) -> None:
    error = refused(ff.many_entries_xlsx(tmp_path / "veel.xlsx"))
    assert error.type == "zip-bomb" and "1006" in error.message("en")


def test_a_huge_declared_entry_count_is_refused_before_the_central_directory_is_parsed(tmp_path: Path) -> None:
    path = ff.simple_xlsx(tmp_path / "a.xlsx", [["x"]])
    data = bytearray(path.read_bytes())
    at = data.rfind(b"PK\x05\x06")
    struct.pack_into("<HH", data, at + 8, 60_000, 60_000)
    path.write_bytes(bytes(data))
    with path.open("rb") as fh:
        assert declared_entry_count(fh) == 60_000
    assert refused(path).type == "zip-bomb"


def test_a_header_that_understates_the_size_is_caught_by_the_real_size(tmp_path: Path) -> None:
    error = refused(ff.lying_header_xlsx(tmp_path / "lieg.xlsx"))
    assert error.type == "zip-bomb"
    assert "larger than the archive declares" in error.message("en")


def test_a_header_that_overstates_the_size_is_a_damaged_file(tmp_path: Path) -> None:
    path = ff.simple_xlsx(tmp_path / "a.xlsx", ff.roster_rows(20))
    ff.patch_declared_size(path, "xl/worksheets/sheet1.xml", 10_000_000)
    assert refused(path).type == "corrupt-file"


def test_the_sum_of_real_sizes_is_capped(tmp_path: Path) -> None:
    path = ff.simple_xlsx(tmp_path / "a.xlsx", ff.roster_rows(2000))
    error = refused(path, Limits(max_uncompressed=100_000))
    assert error.type == "zip-bomb" and "more than 98 KB unpacked" in error.message("en")


def test_small_entries_are_never_refused_for_their_ratio(tmp_path: Path) -> None:
    path = ff.simple_xlsx(tmp_path / "a.xlsx", [["Naam"], [" " * 30_000 + "x"]])
    sheet = open_sheet(path, formats=XLSX)
    assert list(sheet.rows)[1] == [" " * 30_000 + "x"]


def test_an_encrypted_zip_entry_is_refused(tmp_path: Path) -> None:
    path = ff.simple_xlsx(tmp_path / "a.xlsx", [["x"]])
    data = bytearray(path.read_bytes())
    at = data.find(b"PK\x01\x02")
    while at >= 0:
        struct.pack_into("<H", data, at + 8, struct.unpack_from("<H", data, at + 8)[0] | 1)
        at = data.find(b"PK\x01\x02", at + 4)
    path.write_bytes(bytes(data))
    assert refused(path).type == "encrypted-workbook"


def test_duplicate_entry_names_are_refused(tmp_path: Path) -> None:
    path = ff.simple_xlsx(tmp_path / "a.xlsx", [["x"]])
    with pytest.warns(UserWarning), zipfile.ZipFile(path, "a") as archive:
        archive.writestr("xl/worksheets/sheet1.xml", "<other/>")
    assert refused(path).type == "corrupt-file"


def test_unusual_compression_is_refused(tmp_path: Path) -> None:
    path = ff.simple_xlsx(tmp_path / "a.xlsx", [["x"]], compression=zipfile.ZIP_BZIP2)
    error = refused(path)
    assert error.type == "unreadable-file" and "12" in error.message("en")


def test_a_deflate_stream_cut_short_is_a_damaged_file(tmp_path: Path) -> None:
    path = ff.simple_xlsx(tmp_path / "a.xlsx", ff.roster_rows(500))
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
    data = bytearray(path.read_bytes())
    at = data.find(b"PK\x01\x02")
    while at >= 0:
        name_len = struct.unpack_from("<H", data, at + 28)[0]
        if bytes(data[at + 46:at + 46 + name_len]) == b"xl/worksheets/sheet1.xml":
            struct.pack_into("<I", data, at + 20, info.compress_size // 2)
        at = data.find(b"PK\x01\x02", at + 4)
    path.write_bytes(bytes(data))
    assert refused(path).type == "corrupt-file"


def test_excel4_macro_sheets_are_refused(tmp_path: Path) -> None:
    path = ff.simple_xlsx(tmp_path / "a.xlsx", [["x"]], extra={"xl/macrosheets/sheet1.xml": "<xm/>"})
    assert refused(path).type == "macro-workbook"


def test_prolog_checks() -> None:
    check_xml_prolog("ok.xml", b'<?xml version="1.0"?>\n<!-- c --><root><t>&lt;!DOCTYPE x&gt;</t></root>')
    check_xml_prolog("empty.xml", b"")
    for bad in (b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "b">]><r/>', b"<!ENTITY a 'b'><r/>",
                b"<?xml version='1.0'?>" + b" " * 100,
                '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE r><r/>'.encode("utf-16")):
        with pytest.raises(UnusableFile) as info:
            check_xml_prolog("bad.xml", bad)
        assert info.value.type == "unsafe-xml"


def test_entries_stream_in_bounded_chunks(tmp_path: Path) -> None:
    path = ff.simple_xlsx(tmp_path / "a.xlsx", ff.roster_rows(40_000))
    limits = Limits()
    archive = open_archive(path, limits)
    try:
        facts = inspect_archive(path, archive, limits)
        sizes = [len(chunk) for chunk in iter_member(path, archive, "xl/worksheets/sheet1.xml", limits)]
    finally:
        archive.close()
    assert max(sizes) <= CHUNK_OUT and len(sizes) > 1
    declared = archive.getinfo("xl/worksheets/sheet1.xml").file_size
    assert sum(sizes) == facts.sizes["xl/worksheets/sheet1.xml"] == declared


def test_a_central_directory_larger_than_its_count_admits_is_refused(tmp_path: Path) -> None:
    """zipfile walks the directory by its byte size, so a low count over a huge directory is a bomb too."""
    path = ff.many_entries_xlsx(tmp_path / "veel.xlsx", entries=2_000)
    data = bytearray(path.read_bytes())
    at = data.rfind(b"PK\x05\x06")
    struct.pack_into("<HH", data, at + 8, 5, 5)
    path.write_bytes(bytes(data))
    assert refused(path, Limits(max_zip_entries=100)).type == "zip-bomb"


def test_a_dtd_in_an_entry_with_any_name_is_refused(tmp_path: Path) -> None:
    path = ff.simple_xlsx(tmp_path / "a.xlsx", [["x"]], extra={"xl/worksheets/data.bin": ff.BILLION_LAUGHS + "<r/>"})
    assert refused(path).type == "unsafe-xml"
