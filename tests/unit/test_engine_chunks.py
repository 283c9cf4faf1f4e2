"""The engine's chunking settles plain batches at once; it must give what going row by row gives.

``engine._chunks`` takes as many rows as the chunk still needs and, when ``_plain_batch`` shows
that none is blank and all have the header's width, adds them without looking at each. Here
random rows -- blank ones (empty, spaces, only ``None``), short and long ones, numbers and spaces
in the first cell, values beyond the header -- go through it with the batch test and with the
batch test switched off: chunks, row numbers, blank-row count and extra columns must agree.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rosterdesk.importers import engine
from rosterdesk.importers.plugins import get_profile

_CELLS = st.sampled_from([None, "", " ", "\t", "x", "21PL", " y ", 0, 1.5, False, "\u3000"])
_ROWS = st.lists(st.lists(_CELLS, max_size=5), max_size=40)


def _chunk_all(rows: list[list[Any]], width: int) -> Any:
    extra: dict[int, int] = {}
    stats: dict[str, Any] = {}
    profile = get_profile("roster-csv")  # header on row 1
    chunks = [(list(numbers), [list(row) for row in chunk])
              for numbers, chunk in engine._chunks(profile, [[]], iter([list(row) for row in rows]), width,
                                                   extra_columns=extra, stats=stats)]
    return chunks, extra, stats


@pytest.mark.parametrize("chunk_rows", [1, 3, 7])
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.one_of(_ROWS, st.lists(st.lists(st.sampled_from(["x", "a b", "21PL"]), min_size=3, max_size=3),
                                      max_size=40)),
       width=st.integers(0, 4))
def test_chunks_of_plain_batches_are_the_chunks_row_by_row(monkeypatch: pytest.MonkeyPatch, chunk_rows: int,
                                                           rows: list[list[Any]], width: int) -> None:
    monkeypatch.setattr(engine, "CHUNK_ROWS", chunk_rows)
    batched = _chunk_all(rows, width)
    with monkeypatch.context() as row_by_row:
        row_by_row.setattr(engine, "_plain_batch", lambda batch, width: False)
        assert _chunk_all(rows, width) == batched
