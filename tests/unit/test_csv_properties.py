"""Property tests: whatever the csv module writes, the CSV reader reads back exactly (F12).

Tables of random strings — delimiters, quotes, newlines and any Unicode inside — written with a
random delimiter and encoding must come back value for value and row for row. Two ambiguities
are inherent to the format, not to the reader, and are excluded on purpose: a value starting
with U+FEFF at the very start of a file is a byte-order mark, and cp1252 bytes that happen to
form valid UTF-8 *are* UTF-8 (the reader prefers strict UTF-8, as it must).
"""

from __future__ import annotations

import csv
import io
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from rosterdesk.importers.errors import UnusableFile
from rosterdesk.importers.limits import Limits
from rosterdesk.importers.readers import open_sheet
from tests import filefactory as ff

CSV = frozenset({"csv"})
DELIMITERS = ("\t", ";", ",")
ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "cp1252")

_ANY = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\ufeff")
_CP1252 = st.sampled_from(sorted({bytes([b]).decode("cp1252", "replace") for b in range(1, 256)} - {"\ufffd"}))
_SPECIAL = st.sampled_from(['"', ";", ",", "\t", "\r", "\n", " ", "=", "é", "€"])


def tables(alphabet: st.SearchStrategy[str]) -> st.SearchStrategy[list[list[str]]]:
    cell = st.text(st.one_of(alphabet, _SPECIAL), max_size=12)
    return st.integers(1, 5).flatmap(lambda width: st.lists(st.lists(cell, min_size=width, max_size=width),
                                                           min_size=1, max_size=12))


@pytest.fixture(scope="module")
def workdir() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="rd-csv-prop-") as name:
        yield Path(name)


def write(path: Path, table: list[list[str]], delimiter: str, encoding: str) -> None:
    if encoding == "utf-8-sig":
        ff.write_csv(path, table, delimiter=delimiter, encoding="utf-8", bom=True)
    elif encoding == "utf-16":
        ff.write_csv(path, table, delimiter=delimiter, encoding="utf-16-le", bom=True)
    else:
        ff.write_csv(path, table, delimiter=delimiter, encoding=encoding)


def expected(table: list[list[str]]) -> list[list[str | None]]:
    return [[value if value != "" else None for value in row] for row in table]


def is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(table=tables(_ANY), delimiter=st.sampled_from(DELIMITERS), encoding=st.sampled_from(ENCODINGS[:3]))
def test_unicode_tables_round_trip_with_the_delimiter_given(workdir: Path, table: list[list[str]], delimiter: str,
                                                           encoding: str) -> None:
    path = workdir / "t.csv"
    write(path, table, delimiter, encoding)
    sheet = open_sheet(path, formats=CSV, delimiter=delimiter)
    assert list(sheet.rows) == expected(table)
    assert sheet.notes == []


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(table=tables(_CP1252), delimiter=st.sampled_from(DELIMITERS))
def test_cp1252_tables_round_trip_and_say_the_encoding_was_assumed(workdir: Path, table: list[list[str]],
                                                                  delimiter: str) -> None:
    path = workdir / "t.csv"
    write(path, table, delimiter, "cp1252")
    data = path.read_bytes()
    assume(not is_utf8(data))  # then the bytes are UTF-8, and reading them as UTF-8 is right
    sheet = open_sheet(path, formats=CSV, delimiter=delimiter)
    assert list(sheet.rows) == expected(table)
    assert [note.type for note in sheet.notes] == ["encoding-assumed"]


def _no_other_delimiters(delimiter: str) -> st.SearchStrategy[str]:
    others = "".join(d for d in DELIMITERS if d != delimiter)
    return st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\ufeff" + others)


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), delimiter=st.sampled_from(DELIMITERS), encoding=st.sampled_from(ENCODINGS[:3]))
def test_detected_delimiter_round_trips_when_values_hold_no_other_candidate(
        workdir: Path, data: st.DataObject, delimiter: str, encoding: str) -> None:
    """Values may hold the delimiter itself (quoted), quotes and newlines; only the *other*
    candidates are left out, because a one-column file of 'a,b' values is ambiguous."""
    special = st.sampled_from(['"', delimiter, "\r", "\n", " ", "é"])
    cell = st.text(st.one_of(_no_other_delimiters(delimiter), special), max_size=12)
    width = data.draw(st.integers(1, 5))
    table = data.draw(st.lists(st.lists(cell, min_size=width, max_size=width), min_size=1, max_size=12))
    path = workdir / "t.csv"
    write(path, table, delimiter, encoding)
    sheet = open_sheet(path, formats=CSV)
    assert list(sheet.rows) == expected(table)
    if width > 1 and any(any(value != "" for value in row) for row in table):
        assert sheet.delimiter == delimiter


_UNQUOTED = st.characters(blacklist_categories=("Cs",), blacklist_characters='\x00\ufeff"\r\n')


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), delimiter=st.sampled_from(DELIMITERS),
       ending=st.sampled_from(["\n", "\r\n", "\r"]), limit=st.integers(3, 40))
def test_text_without_quotes_reads_as_the_csv_module_reads_it(workdir: Path, data: st.DataObject, delimiter: str,
                                                              ending: str, limit: int) -> None:
    """A file without a quote character is split line by line (the fast path): same rows as ``csv.reader``.

    Lines of random width (blank ones too), any characters but quotes and line breaks (so also
    the ones ``str.splitlines`` would break at, which must send the text down the csv path), and
    a small cell limit: a longer field refuses the file on both paths alike.
    """
    lines = data.draw(st.lists(st.lists(st.text(_UNQUOTED, max_size=8), max_size=4), min_size=1, max_size=12))
    text = ending.join(delimiter.join(cells) for cells in lines) + data.draw(st.sampled_from(["", ending]))
    assume(text.strip())
    path = workdir / "t.csv"
    path.write_bytes(text.encode("utf-8"))
    records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    longest = max((len(cell) for record in records for cell in record), default=0)
    sheet = open_sheet(path, formats=CSV, delimiter=delimiter, limits=Limits(max_cell_chars=limit))
    if longest > limit:
        with pytest.raises(UnusableFile) as refused:
            list(sheet.rows)
        assert refused.value.type == "cell-too-long"
        return
    expected_rows: list[list[str | None]] = []
    width: int | None = None
    for record in records:  # the reader's contract: the first non-empty row sets the width, longer rows are cut
        if width is None and any(record):
            width = len(record)
        cut = record[:width] if width is not None else record
        expected_rows.append([cell if cell != "" else None for cell in cut])
    assert list(sheet.rows) == expected_rows
