"""The CSV reader's batched path must give what the record-by-record path gives, on any text.

``csvfile._rows`` parses records in batches and judges each batch as a whole; the rare batch it
cannot settle goes back to ``_exact_rows``. Here both run over random texts full of quotes,
delimiters, line breaks of every kind, ragged rows and long fields, with tiny batches and a tiny
cell limit so that every boundary is crossed: the rows, the notes, the counts of notes not kept
and the refusal (``cell-too-long``) must be the same, and must surface at the same row.
"""

from __future__ import annotations

import io
from collections import Counter
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from rosterdesk.importers.errors import UnusableFile
from rosterdesk.importers.issues import Issue, Severity
from rosterdesk.importers.limits import Limits
from rosterdesk.importers.readers import csvfile

_PIECES = st.sampled_from(['"', '""', ";", "\t", "\r", "\n", "\r\n", " ", "a", "bc", "é", "\x85", "\u2028", "\x0c",
                           "xxxxxxxxxx", ""])
_TEXTS = st.lists(_PIECES, max_size=80).map("".join)


def _read(reader: Any, limit: int) -> tuple[list[Any], list[Issue], Counter[tuple[str, Severity]]]:
    """Every row (or the refusal, in its place) with the notes and the counts left out."""
    notes: list[Issue] = []
    not_kept: Counter[tuple[str, Severity]] = Counter()
    rows: list[Any] = []
    try:
        for row in reader(notes, not_kept, limit):
            rows.append(list(row))
    except UnusableFile as exc:
        rows.append((exc.type, exc.params))
    return rows, notes, not_kept


def _batched(text: str, delimiter: str) -> Any:
    def read(notes: list[Issue], not_kept: Counter[tuple[str, Severity]], limit: int) -> Any:
        return csvfile._rows(text, delimiter, Limits(max_cell_chars=limit), notes, not_kept)
    return read


def _exact(text: str, delimiter: str) -> Any:
    def read(notes: list[Issue], not_kept: Counter[tuple[str, Severity]], limit: int) -> Any:
        shape = csvfile._Shape(delimiter, notes, not_kept)
        return csvfile._exact_rows(text, io.StringIO(text, newline=""), 0, limit, shape)
    return read


@pytest.mark.parametrize("batch", [1, 2, 3, 7])
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=_TEXTS, delimiter=st.sampled_from(["\t", ";"]), limit=st.integers(3, 40))
@example(text="\r\n\r\n\"", delimiter="\t", limit=3)  # a batch of empty records only, longer than the limit
def test_batched_reading_gives_what_record_by_record_reading_gives(
        monkeypatch: pytest.MonkeyPatch, batch: int, text: str, delimiter: str, limit: int) -> None:
    monkeypatch.setattr(csvfile, "_BATCH_ROWS", batch)
    assert _read(_batched(text, delimiter), limit) == _read(_exact(text, delimiter), limit)


def test_a_field_over_the_csv_modules_own_limit_and_an_open_quote_in_a_later_batch(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(csvfile, "_BATCH_ROWS", 4)
    rows = "".join(f"{n};b\n" for n in range(20))
    for text in (rows + '1;"' + "y\n" * 70_000 + '"\n' + rows,   # csv.Error: longer than the csv module allows
                 rows + '1;"open\n' + rows):                      # unterminated: swallows the rest
        assert _read(_batched(text, ";"), 32_767) == _read(_exact(text, ";"), 32_767)
