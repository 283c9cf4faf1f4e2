"""The one validation engine: a ``Sheet`` and a ``Profile`` in, a ``Report`` out.

Data flows one way: rows -> cell checks -> row checks -> file checks -> report. Rows are taken
in chunks of ``CHUNK_ROWS`` and checked column by column: each distinct value of a column is
judged once (memoised across chunks while the column's cache is small), and the per-cell work
that remains is C-speed ``set``/``map`` calls. Row checks receive the chunk too and may work on
whole columns (``Check.validate_chunk``); the default hands them one row at a time. Memory is
bounded by the chunk, not the file. A 100,000-row NSE file is checked in less time than
python-calamine needs to parse it (see bench/).
"""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import chain, islice
from operator import itemgetter
from typing import Any, Protocol

from rosterdesk.importers.checks.base import INVALID, Check, CheckContext
from rosterdesk.importers.checks.unique_value import UniqueValue
from rosterdesk.importers.columns import Column
from rosterdesk.importers.errors import UnusableFile
from rosterdesk.importers.issues import DEFAULT_ISSUES_PER_TYPE, Issue, IssueCollector, Report, column_letter
from rosterdesk.importers.kinds import CellResult, Date, Problem, cell_text, is_blank
from rosterdesk.importers.profile import Profile
from rosterdesk.importers.reference import Reference
from rosterdesk.importers.sheet import Sheet
from rosterdesk.importers.structure import ColumnMapping, StructureResult, check_structure

HEADER_SEARCH_ROWS = 10
CHUNK_ROWS = 2_000
CACHE_LIMIT = 20_000

ProgressCallback = Callable[[int, int | None], None]


class ChunkSink(Protocol):
    """Receives the normalised columns of every chunk, after the cell checks judged them.

    Whatever needs the file's values besides the checks (the records of a version) takes them
    from here, so a file is parsed and normalised once. ``columns`` is indexed like a check's
    (``CheckContext.index``): a column the file lacks is all ``None``, a cell that failed its own
    check holds ``INVALID``. A sink must not keep the lists it is handed beyond the call.
    """

    def start(self, ctx: CheckContext) -> None:
        """Called once when the content checks begin (never when the structure check failed)."""

    def chunk(self, rows: Sequence[int], columns: Sequence[Sequence[Any]]) -> None:
        """One chunk: ``columns[index][i]`` belongs to data row ``rows[i]`` (numbered as in Excel)."""


@dataclass
class Settings:
    """Per-run settings of the engine."""

    institution: str | None = None
    reference: Reference | None = None
    options: Mapping[str, str] = field(default_factory=dict)
    today: dt.date = field(default_factory=dt.date.today)
    max_rows: int = 1_000_000
    issues_per_type: int = DEFAULT_ISSUES_PER_TYPE
    structure_only: bool = False
    progress: ProgressCallback | None = None
    sinks: Sequence[ChunkSink] = ()
    """Receivers of each chunk's normalised columns (see ``ChunkSink``)."""
    mapping: ColumnMapping | None = None
    """The user's column mapping (header -> field or None), used instead of matching headers by name."""


Judge = Callable[[Any], CellResult]
AllPlain = Callable[[Collection[Any]], bool]


def _compile(column: Column, today: dt.date) -> tuple[Judge, AllPlain | None]:
    """The cell check of one column, with the age rule of a date of birth folded in, and the
    column's batch test for plain values (``Column.all_plain``), None when the check adds a rule
    that test does not know."""
    kind = column.kind
    if isinstance(kind, Date) and (kind.min_age is not None or kind.max_age is not None):
        def check(raw: Any) -> CellResult:
            value, problems = column.check(raw)
            if isinstance(value, dt.date):
                age = kind.age_problem(value, today)
                if age is not None:
                    return None, (*problems, age)
            return value, problems
        return check, None
    return column.check, column.all_plain


# Values that compare equal across types (True == 1 == 1.0) must not share a cache slot.
_AMBIGUOUS = frozenset({0, 1})
_BLANK = frozenset({None})


class _ColumnPlan:
    """One profile column at one position in the file, with its memo of judged values.

    ``values`` maps a raw value to its normalised value (``INVALID`` when it has an error);
    ``problems`` maps the raw values that have problems to them. ``identity`` says that every
    value in the memo is its own normalised value and has no problem, so a chunk of such values
    needs no mapping at all: the common case of free text and e-mail addresses. ``saturated``
    says the column has more distinct values than the memo holds, so it is judged chunk by chunk.
    """

    __slots__ = ("check", "column", "header", "identity", "index", "letter", "plain", "problems", "saturated",
                 "values")

    def __init__(self, column: Column, index: int, header: str, today: dt.date) -> None:
        self.column = column
        self.index = index
        self.header = header
        self.letter = column_letter(index)
        self.check, self.plain = _compile(column, today)
        self.values: dict[Any, Any] = {}
        self.problems: dict[Any, tuple[Problem, ...]] = {}
        self.identity = True
        self.saturated = False

    def judge(self, raw: Any, values: dict[Any, Any], problems: dict[Any, tuple[Problem, ...]]) -> bool:
        """Judge one raw value into ``values``/``problems``; True when it is its own value, without problems."""
        value, found = self.check(raw)
        if found:
            problems[raw] = found
            if any(p[1] == "error" for p in found):
                value = INVALID
        values[raw] = value
        return value is raw and not found

    def judge_all(self, new: set[Any], values: dict[Any, Any], problems: dict[Any, tuple[Problem, ...]]) -> bool:
        """Judge a chunk's new distinct values; True when each is its own value, without problems.

        The column's batch test settles the plain ones at once; blank cells, and every value of a
        batch that fails the test, are judged one by one.
        """
        rest = new
        if self.plain is not None:
            candidates = new - _BLANK
            if candidates and self.plain(candidates):
                values.update(zip(candidates, candidates, strict=True))
                rest = new & _BLANK
        identity = True
        for raw in rest:
            identity = self.judge(raw, values, problems) and identity
        return identity

    def issues(self, row: int, raw: Any, problems: tuple[Problem, ...]) -> list[Issue]:
        text = None if is_blank(raw) else self.column.display(cell_text(raw))
        return [Issue(type, severity, row, self.header, f"{self.letter}{row}", text, params)
                for type, severity, params in problems]

    def run(self, column: Sequence[Any], numbers: Sequence[int], add: Callable[[Issue], None]) -> Sequence[Any]:
        """Normalise one column of a chunk, reporting the problems of its cells.

        When every value of the chunk is its own normalised value, ``column`` itself is returned.
        """
        distinct = set(column)
        if not distinct.isdisjoint(_AMBIGUOUS):
            return self._run_exact(column, numbers, add)
        values, problems = self.values, self.problems
        new = distinct if self.saturated else distinct.difference(values)
        if self.saturated or (new and len(values) + len(new) > CACHE_LIMIT):
            # High-cardinality column (e-mail addresses): judge this chunk only, keep no memo. Once
            # a chunk has overflowed the memo it is not consulted again: it is a pure cache, and
            # looking up 2,000 new values in it per chunk only cost time (~12 ms per 100k rows).
            self.saturated = True
            if self.plain is not None and None not in distinct and self.plain(distinct):
                return column
            values, problems = {}, {}
            identity = self.judge_all(distinct, values, problems)
        elif new:
            identity = self.identity = self.judge_all(new, values, problems) and self.identity
        else:
            identity = self.identity
        if problems and not distinct.isdisjoint(problems):
            for raw, number in zip(column, numbers, strict=True):
                found = problems.get(raw)
                if found:
                    for issue in self.issues(number, raw, found):
                        add(issue)
        if identity:
            return column
        return list(map(values.__getitem__, column))

    def _run_exact(self, column: Sequence[Any], numbers: Sequence[int], add: Callable[[Issue], None]) -> list[Any]:
        """The rare path for columns holding 0/1 or booleans: judge per cell, no memo."""
        out = []
        for raw, number in zip(column, numbers, strict=True):
            value, found = self.check(raw)
            if found:
                for issue in self.issues(number, raw, found):
                    add(issue)
                if any(p[1] == "error" for p in found):
                    value = INVALID
            out.append(value)
        return out


@contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """Pause Python's automatic cyclic garbage collection while the rows are checked.

    Checking builds hundreds of thousands of small containers (rows, the keys and rows the
    uniqueness checks must remember) and makes no reference cycles; the collector would walk
    every surviving one again and again for nothing. Measured on 100k rows: 0 objects collected
    (also on files full of errors, where email-validator and python-stdnum raise), but 40 ms of
    300 (roster CSV) and 180 ms of 1.8 s (NSE) spent collecting. Reference counting still frees
    everything as usual. (Collecting the youngest generation once per chunk, as a guard against
    cycles that some library might make, was measured too: it walks every surviving container
    once, 13 ms and 35 ms, and found nothing.) Collection is process-wide: the previous state is
    restored afterwards, so it stays enabled if it was, whatever happens.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _is_blank_row(row: Sequence[Any]) -> bool:
    for cell in row:
        if cell is None or cell == "":
            continue
        if cell.__class__ is str and not cell.strip():
            continue
        return False
    return True


def _find_moved_header(profile: Profile, head: list[list[Any]], current: StructureResult,
                       mapping: ColumnMapping | None = None) -> int | None:
    """The row that holds the headers when it is not the expected one (1-based), if any."""
    best_row, best = None, current.matches()
    for number, row in enumerate(head, start=1):
        if number == profile.header_row:
            continue
        result = check_structure(profile, row, mapping)
        if result.matches() > best and result.matches() * 2 >= len(profile.columns):
            best_row, best = number, result.matches()
    return best_row


def validate_sheet(profile: Profile, sheet: Sheet, settings: Settings | None = None) -> Report:
    """Check one sheet against ``profile`` and return the report."""
    settings = settings or Settings()
    collector = IssueCollector(settings.issues_per_type)
    stats: dict[str, Any] = {"rows": 0, "blank_rows": 0, "format": sheet.format, "sheet": sheet.name,
                             "encoding": sheet.encoding, "delimiter": sheet.delimiter}
    rows: Iterator[list[Any]] = sheet.rows

    head: list[list[Any]] = []
    for row in rows:
        head.append(row)
        if len(head) >= max(profile.header_row, HEADER_SEARCH_ROWS):
            break
    if all(_is_blank_row(row) for row in head):
        raise UnusableFile("no-data", sheet=sheet.name or "", first_row=profile.first_data_row)

    header_row = head[profile.header_row - 1] if len(head) >= profile.header_row else []
    structure = check_structure(profile, header_row, settings.mapping)
    stats["columns"] = len(structure.headers)
    if not structure.ok:
        moved = _find_moved_header(profile, head, structure, settings.mapping)
        if moved is not None:
            collector.add(Issue("header-row-moved", "error", row=moved,
                                params={"found_row": moved, "expected_row": profile.header_row}))
        else:
            collector.extend(structure.issues)
        collector.extend(sheet.notes)
        return Report.build(profile.slug, stats, collector, stage="structure")
    collector.extend(structure.issues)
    if settings.structure_only:
        collector.extend(sheet.notes)
        return Report.build(profile.slug, stats, collector, stage="structure")
    with _cyclic_gc_paused():
        # The checks and their memos are freed when _check_content returns, still inside the pause,
        # so re-enabling the collector does not start a collection that walks them all.
        return _check_content(profile, sheet, settings, structure, head=head, rows=rows, collector=collector,
                              stats=stats)


def _check_content(profile: Profile, sheet: Sheet, settings: Settings, structure: StructureResult, *,
                   head: list[list[Any]], rows: Iterator[list[Any]], collector: IssueCollector,
                   stats: dict[str, Any]) -> Report:
    """The content checks, once the header is right: cells, rows, then the file as a whole."""
    ctx = CheckContext(profile=profile, positions=structure.positions, headers=structure.headers,
                       institution=settings.institution, reference=settings.reference,
                       options=settings.options, today=settings.today)
    checks: list[Check] = [UniqueValue(column.field) for column in profile.columns if column.unique]
    checks += [check.fresh() for check in profile.checks]
    for check in checks:
        collector.extend(check.validate_start(ctx))
    for sink in settings.sinks:
        sink.start(ctx)

    _check_rows(profile, sheet, settings, structure, checks=checks, head=head, rows=rows, collector=collector,
                stats=stats)

    for check in checks:
        collector.extend(check.validate_end())
    collector.extend(sheet.notes)
    collector.tally(sheet.notes_not_kept)
    stats["total_rows"] = sheet.total_rows
    return Report.build(profile.slug, stats, collector)


def _chunks(profile: Profile, head: list[list[Any]], rows: Iterator[list[Any]], width: int, *,
            extra_columns: dict[int, int], stats: dict[str, Any]) -> Iterator[tuple[list[int], list[list[Any]]]]:
    """Non-blank data rows, padded or cut to ``width``, in chunks of ``CHUNK_ROWS`` with their row numbers.

    Rows are taken as many at a time as the chunk still needs (so no row is read before it is
    needed) and settled as a batch: ``_plain_batch`` shows with a few C-speed passes that none
    is blank and all have the header's width, the usual case. Only another batch goes row by row.
    """
    numbers: list[int] = []
    chunk: list[list[Any]] = []
    number = profile.header_row
    blank = 0
    source = chain(head[profile.header_row:], rows)
    while batch := list(islice(source, CHUNK_ROWS - len(chunk))):
        if _plain_batch(batch, width):
            numbers.extend(range(number + 1, number + 1 + len(batch)))
            chunk.extend(batch)
            number += len(batch)
        else:
            for raw in batch:
                number += 1
                if _is_blank_row(raw):
                    blank += 1
                    continue
                numbers.append(number)
                chunk.append(_fit(raw, width, number, extra_columns))
        if len(chunk) >= CHUNK_ROWS:
            yield numbers, chunk
            numbers, chunk = [], []
    stats["blank_rows"] = blank
    if chunk:
        yield numbers, chunk


def _plain_batch(batch: list[list[Any]], width: int) -> bool:
    """True when every row has ``width`` cells and a first cell of non-blank text (so no row is blank).

    False only means "look at each row": a first cell that is a number, empty or spaces.
    """
    if min(map(len, batch)) != width or max(map(len, batch)) != width or width == 0:
        return False
    firsts = list(map(itemgetter(0), batch))
    try:
        return "" not in firsts and not any(map(str.isspace, firsts))
    except TypeError:  # a first cell that is not text
        return False


def _fit(raw: list[Any], width: int, number: int, extra_columns: dict[int, int]) -> list[Any]:
    """The row padded or cut to ``width``; a cell beyond it is remembered in ``extra_columns``."""
    length = len(raw)
    if length == width:
        return raw
    if length < width:
        return list(raw) + [None] * (width - length)
    for extra in range(width, length):
        if extra not in extra_columns and not is_blank(raw[extra]):
            extra_columns[extra] = number
    return raw[:width]


def _without_missing_at_formulas(add: Callable[[Issue], None],
                                 formulas: dict[int, dict[int, str]]) -> Callable[[Issue], None]:
    """``add``, but a formula cell gets only its "formula" error, not also "missing value".

    A workbook written by a program (openpyxl, for one) keeps no computed value beside a formula,
    so the reader sees an empty cell there; the user should hear about the formula once. The
    formula scan is complete before the first row is read, so the set is known up front.
    """
    if not formulas:
        return add
    cells = {f"{column_letter(index)}{row}" for row, columns in formulas.items() for index in columns}

    def filtered(issue: Issue) -> None:
        if issue.type != "missing-value" or issue.cell not in cells:
            add(issue)

    return filtered


def _check_rows(profile: Profile, sheet: Sheet, settings: Settings, structure: StructureResult, *,
                checks: list[Check], head: list[list[Any]], rows: Iterator[list[Any]], collector: IssueCollector,
                stats: dict[str, Any]) -> None:
    """Every data row through the cell checks, then the row checks, a chunk at a time."""
    width = len(structure.headers)
    plans = [_ColumnPlan(profile.column(name), index, structure.headers[index], settings.today)
             for name, index in structure.positions.items()]
    extra_columns: dict[int, int] = {}
    add = _without_missing_at_formulas(collector.add, sheet.formulas)
    data_rows = 0
    empty_column: list[Any] = []
    sinks = settings.sinks

    for numbers, chunk in _chunks(profile, head, rows, width, extra_columns=extra_columns, stats=stats):
        data_rows += len(numbers)
        if data_rows > settings.max_rows:
            raise UnusableFile("too-many-rows", sheet=sheet.name or "", rows=f"> {settings.max_rows}",
                               limit=settings.max_rows)
        raw_columns = list(zip(*chunk, strict=True))
        if len(empty_column) != len(numbers):
            empty_column = [None] * len(numbers)
        columns: list[Sequence[Any]] = [empty_column] * width
        for plan in plans:
            columns[plan.index] = plan.run(raw_columns[plan.index], numbers, add)
        for check in checks:
            for issue in check.validate_chunk(numbers, columns):
                add(issue)
        for sink in sinks:
            sink.chunk(numbers, columns)
        if settings.progress is not None:
            settings.progress(data_rows, sheet.total_rows)

    for number, cells in sorted(sheet.formulas.items()):
        for index, formula in sorted(cells.items()):
            header = structure.headers[index] if index < width else None
            add(Issue("formula", "error", number, header, f"{column_letter(index)}{number}", None,
                      {"formula": formula}))
    for index, first_row in sorted(extra_columns.items()):
        if sheet.format != "csv":
            add(Issue("data-without-header", "error", params={"letter": column_letter(index), "first_row": first_row}))
    stats["rows"] = data_rows
