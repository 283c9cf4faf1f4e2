"""Checks that work on whole columns must report exactly what the row-by-row way reports.

Column-wise ``validate_chunk`` implementations take shortcuts for the usual chunk (every code
digits only, every key new); here random chunks full of the unusual -- empty and invalid cells,
numbers that compare equal across types, repeats inside a chunk and across chunks, capitals --
go through both, and the issues (order included) must be the same.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rosterdesk.importers.checks import exactly_one_per_group, unique_together, unique_value
from rosterdesk.importers.checks.base import INVALID, Check, CheckContext
from rosterdesk.importers.checks.digits_when import DigitsWhen
from rosterdesk.importers.checks.exactly_one_per_group import ExactlyOnePerGroup
from rosterdesk.importers.checks.unique_together import UniqueTogether
from rosterdesk.importers.checks.unique_value import UniqueValue
from rosterdesk.importers.plugins import get_profile

_TEXT_CODES = st.sampled_from([None, INVALID, "", "123", "0123", "A12", "１２", "12 ", "x", "0"])
_CODES = st.one_of(_TEXT_CODES, st.sampled_from([12, 0, 1.0, True, False]))
_TYPES = st.sampled_from([None, INVALID, "leerling", "medewerker", "Leerling", ""])


def _context(options: dict[str, str]) -> CheckContext:
    profile = get_profile("roster-csv")
    return CheckContext(profile=profile, positions={column.field: i for i, column in enumerate(profile.columns)},
                        headers=list(profile.headers), options=options)


def _run(check: Check, ctx: CheckContext, chunks: Iterable[tuple[Sequence[int], list[Sequence[Any]]]],
         row_by_row: bool) -> list[Any]:
    check = check.fresh()
    found = [issue.to_storage() for issue in check.validate_start(ctx)]
    for rows, columns in chunks:
        issues = Check.validate_chunk(check, rows, columns) if row_by_row else check.validate_chunk(rows, columns)
        found += [issue.to_storage() for issue in issues]
    found += [issue.to_storage() for issue in check.validate_end()]
    return found


def _chunks(cells: list[tuple[Any, Any]], size: int) -> list[tuple[Sequence[int], list[Sequence[Any]]]]:
    """Rows of (code, type) as chunks of roster-csv columns; the other columns are empty."""
    chunks = []
    for start in range(0, len(cells), size):
        part = cells[start:start + size]
        empty = [None] * len(part)
        columns: list[Sequence[Any]] = [empty] * 8
        columns[0] = [code for code, _ in part]
        columns[7] = [kind for _, kind in part]
        chunks.append((range(start + 2, start + 2 + len(part)), columns))
    return chunks


@settings(max_examples=300, deadline=None)
@given(cells=st.one_of(st.lists(st.tuples(_TEXT_CODES, _TYPES), max_size=30),
                       st.lists(st.tuples(_CODES, _TYPES), max_size=30)), size=st.integers(1, 8),
       always=st.sampled_from(["J", "N"]))
def test_digits_when_column_wise_reports_what_row_by_row_reports(cells: list[tuple[Any, Any]], size: int,
                                                                  always: str) -> None:
    check = DigitsWhen("code", "type", "leerling", option="add_as_student")
    ctx = _context({"add_as_student": always})
    chunks = _chunks(cells, size)
    assert _run(check, ctx, chunks, row_by_row=False) == _run(check, ctx, chunks, row_by_row=True)


_KEYS = st.sampled_from([None, INVALID, "a@x.nl", "A@x.nl", "b@x.nl", "B@X.NL", "c@x.nl", "ß@x.nl", "ss@x.nl", "12345",
                         "54321"])
_ODD_KEYS = st.sampled_from([1, 1.0, True, 0, False])
_FLAGS = st.sampled_from(["J", "N", None, INVALID])


def _nse_context() -> CheckContext:
    profile = get_profile("nse")
    return CheckContext(profile=profile, positions={column.field: i for i, column in enumerate(profile.columns)},
                        headers=list(profile.headers))


def _nse_chunks(cells: list[tuple[Any, Any, Any]], size: int) -> list[tuple[Sequence[int], list[Sequence[Any]]]]:
    """Rows of (EMAILADRES, OPLEIDINGSCODE, HOOFDOPLEIDING) as chunks of NSE columns."""
    positions = {name: i for i, name in enumerate(get_profile("nse").headers)}
    chunks = []
    for start in range(0, len(cells), size):
        part = cells[start:start + size]
        columns: list[Sequence[Any]] = [[None] * len(part)] * len(positions)
        for at, name in enumerate(("EMAILADRES", "OPLEIDINGSCODE", "HOOFDOPLEIDING")):
            columns[positions[name]] = [cell[at] for cell in part]
        chunks.append((range(start + 2, start + 2 + len(part)), columns))
    return chunks


@pytest.mark.parametrize("make", [lambda: UniqueValue("emailadres"),
                                  lambda: UniqueTogether("emailadres", "opleidingscode"),
                                  lambda: ExactlyOnePerGroup("emailadres", "hoofdopleiding", "J")])
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cells=st.one_of(st.lists(st.tuples(_KEYS, _KEYS, _FLAGS), max_size=40),
                       st.lists(st.tuples(st.one_of(_KEYS, _ODD_KEYS), _KEYS, _FLAGS), max_size=40)),
       size=st.integers(1, 9))
def test_uniqueness_checks_on_whole_chunks_report_what_the_row_by_row_way_reports(
        monkeypatch: pytest.MonkeyPatch, make: Callable[[], Check], cells: list[tuple[Any, Any, Any]],
        size: int) -> None:
    ctx = _nse_context()
    chunks = _nse_chunks(cells, size)

    def outcome() -> Any:
        # Numbers never reach an e-mail column for real; showing one in a message fails either way.
        try:
            return _run(make(), ctx, chunks, row_by_row=False)
        except AttributeError as exc:
            return repr(exc)

    column_wise = outcome()
    with monkeypatch.context() as row_by_row:
        for module in (unique_value, unique_together, exactly_one_per_group):
            row_by_row.setattr(module, "folded_texts", lambda values: None)
        assert outcome() == column_wise
