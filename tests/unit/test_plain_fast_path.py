"""The engine's fast path for plain values can never drift from the full cell check.

``Column.all_plain`` (with ``Kind.all_plain`` under it) says of a whole batch of distinct values
that ``Column.check`` would return each of them unchanged and without a problem; the engine then
skips the check per value. Here that promise is tested value by value on tricky text (spaces
around and inside, tabs and newlines, controls, zero-width and bidi characters, NUL, decomposed
and composed accents, non-breaking spaces, numbers, long strings, e-mail look-alikes), and the
engine's report with the fast path is compared with its report with the fast path switched off.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from rosterdesk.importers import kinds
from rosterdesk.importers.checks.base import CheckContext
from rosterdesk.importers.columns import Column
from rosterdesk.importers.engine import Settings, validate_sheet
from rosterdesk.importers.kinds import Email, Text
from rosterdesk.importers.plugins import get_profile
from rosterdesk.importers.sheet import Sheet

COLUMNS = (
    Column("t", "t", Text()),
    Column("t", "t", Text(), required=True, max_length=20),
    Column("t", "t", Text(), max_length=50, max_words=2),
    Column("t", "t", Text(pattern=r"[A-Z.]+")),
    Column("e", "e", Email()),
    Column("e", "e", Email(), required=True, max_length=20),
)

_PIECES = st.sampled_from([
    "a", "Jan", "de Vries", "x@y.nl", "l1@school.example.nl", "jan@school.test", "a@b", " ", "  ", "\t", "\n", "\r",
    "\x00", "\x01", "\x1c", "\x1f", "\x7f", "\x85", "\x9f", "\xa0", "\u200b", "\u200e", "\u202e", "\u2028", "\u3000",
    "\ufeff", "é", "e\u0301", "\u0301", "Zoë", "Zoe\u0308", "ﬁ", "Å", "A\u030a", "@", ".", "-", "--", "0", "12",
    "a" * 25, "b" * 70, "c" * 260,
])
TEXTS = st.lists(_PIECES, max_size=5).map("".join)
WORDS = st.lists(st.sampled_from(["de", "Vries", "ë", "x" * 30]), min_size=1, max_size=5).flatmap(
    lambda words: st.sampled_from([" ", "  ", "\t", "\xa0", "\n"]).map(lambda gap: gap.join(words)))
LONG_EMAILS = st.builds(lambda local, labels: f"{local}@" + ".".join(["d" * 63] * labels) + ".nl",
                        st.sampled_from(["a", "a" * 40, "a" * 64]), st.integers(1, 4))
VALUES = st.one_of(TEXTS, TEXTS, WORDS, LONG_EMAILS, st.none(), st.integers(-3, 3), st.floats(allow_nan=False),
                   st.text(max_size=8))


@settings(max_examples=800, deadline=None)
@given(values=st.sets(VALUES, min_size=1, max_size=6), which=st.integers(0, len(COLUMNS) - 1))
@example(values={"Jan", "de Vries", "Zoë"}, which=0)
@example(values={"Zoe\u0308"}, which=0)
@example(values={"a\x00b"}, which=0)
@example(values={"\u0301abc", "x"}, which=0)
@example(values={"jan@school.nl", "a" * 250 + "@x.nl"}, which=4)
@example(values={"de Vries de Vries"}, which=2)
def test_a_batch_called_plain_is_one_the_full_check_returns_unchanged(values: set[Any], which: int) -> None:
    column = COLUMNS[which]
    if column.all_plain(values):
        for value in values:
            assert column.check(value) == (value, ()), value
            assert type(value) is str


@settings(max_examples=500, deadline=None)
@given(values=st.sets(st.one_of(TEXTS, LONG_EMAILS, st.text(max_size=30)), min_size=1, max_size=6))
def test_the_joined_email_pattern_says_what_the_single_one_says(values: set[str]) -> None:
    one_by_one = all(len(value) <= 254 and kinds._FAST_EMAIL.fullmatch(value) for value in values)
    assert Email().all_plain(values) == one_by_one


def test_plain_values_do_take_the_fast_path() -> None:
    # Guard against a fast path that never engages (it would be correct, and useless).
    assert COLUMNS[0].all_plain({"Jan", "de Vries", "Zoë", "a\tb", "ﬁ"})
    assert COLUMNS[1].all_plain({"200001", "200002"})
    assert COLUMNS[4].all_plain({"jan@school.example.nl", "x.y+z@sub.school.nl"})
    assert not COLUMNS[1].all_plain({"200001", " 200002"})
    assert not COLUMNS[0].all_plain({"Zoe\u0308"})
    assert not COLUMNS[4].all_plain({"jan@school.test"})


_CELLS = st.one_of(TEXTS, st.none(), st.sampled_from(["", "leerling", "medewerker", "ouder", "x", "123", "0012"]))


@pytest.mark.parametrize("chunk_rows", [3, 2_000])
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.lists(_CELLS, min_size=8, max_size=8), min_size=1, max_size=30))
def test_the_engine_reports_the_same_with_and_without_the_fast_path(
        monkeypatch: pytest.MonkeyPatch, chunk_rows: int, rows: Sequence[Sequence[Any]]) -> None:
    from rosterdesk.importers import engine

    monkeypatch.setattr(engine, "CHUNK_ROWS", chunk_rows)
    monkeypatch.setattr(engine, "CACHE_LIMIT", 4)  # also the high-cardinality path, which keeps no memo
    header = ["code", "roepnaam", "voornamen", "tussenvoegsel", "achternaam", "email", "klas", "type"]
    sheet = [header, *rows]

    def report() -> list[Any]:
        sink = _Recorder()
        result = validate_sheet(get_profile("roster-csv"), Sheet(format="csv", rows=iter([list(row) for row in sheet])),
                                Settings(sinks=(sink,)))
        return [result.counts, [issue.to_storage() for issue in result.issues], sink.chunks]

    fast = report()
    with monkeypatch.context() as full_path:
        # The reference: every cell judged by the full check, no memo, no batch test, no shortcut.
        full_path.setattr(engine._ColumnPlan, "run", engine._ColumnPlan._run_exact)
        assert report() == fast


class _Recorder:
    """A chunk sink that keeps a copy of what it is handed: the normalised columns must match too."""

    def __init__(self) -> None:
        self.chunks: list[Any] = []

    def start(self, ctx: CheckContext) -> None:
        pass

    def chunk(self, rows: Sequence[int], columns: Sequence[Sequence[Any]]) -> None:
        self.chunks.append((list(rows), [list(column) for column in columns]))
