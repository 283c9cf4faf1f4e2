"""The base class of row and file checks, and the context they run in.

A check is a small class with a stable kebab-case ``type`` and three hooks, after
frictionless-py: ``validate_start`` (once, with the context), ``validate_row`` (per data row) and
``validate_end`` (once, for file-level conclusions). Hooks return iterables of issues; returning
the shared empty tuple is the cheap common case. Checks do no I/O and know no database:
reference data and options arrive in the context.

No cascades: a row hands each check the normalised values, with ``INVALID`` where the cell
itself already failed and ``None`` where it is empty, and checks skip what they cannot judge.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import compress
from operator import itemgetter, not_
from typing import TYPE_CHECKING, Any, ClassVar

from rosterdesk.importers.issues import Issue, Severity, column_letter
from rosterdesk.importers.kinds import cell_text

if TYPE_CHECKING:
    from rosterdesk.importers.columns import Column
    from rosterdesk.importers.profile import Profile
    from rosterdesk.importers.reference import Reference


class _Invalid:
    """Marks a cell whose own check failed, so that row checks leave it alone."""

    _instance: ClassVar[_Invalid | None] = None

    def __new__(cls) -> _Invalid:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "INVALID"

    def __bool__(self) -> bool:
        return False


INVALID: Any = _Invalid()
NONE: tuple[Issue, ...] = ()


@dataclass
class CheckContext:
    """What a check may know about the run: columns, positions, options, reference data."""

    profile: Profile
    positions: dict[str, int]
    """field -> index of the value in a row (and 0-based column in the file)."""
    headers: Sequence[str]
    institution: str | None = None
    reference: Reference | None = None
    options: Mapping[str, str] = field(default_factory=dict)
    today: dt.date = field(default_factory=dt.date.today)

    def index(self, field_name: str) -> int | None:
        return self.positions.get(field_name)

    def column(self, field_name: str) -> Column:
        return self.profile.column(field_name)

    def cell_issue(self, type: str, severity: Severity, row: int, field_name: str, value: Any,
                   **params: Any) -> Issue:
        """An issue at one cell, with the header as in the file and the value masked if sensitive."""
        index = self.positions[field_name]
        column = self.profile.column(field_name)
        text = None if value is None else column.display(cell_text(value))
        return Issue(type=type, severity=severity, row=row, column=self.headers[index],
                     cell=f"{column_letter(index)}{row}", value=text, params=params)

    def template_issue(self, type: str, severity: Severity, field_name: str, value: Any, **params: Any) -> Issue:
        """A cell issue without its row, for ``judge_distinct``: ``cell`` holds only the letter."""
        index = self.positions[field_name]
        column = self.profile.column(field_name)
        text = None if value is None else column.display(cell_text(value))
        return Issue(type=type, severity=severity, row=None, column=self.headers[index], cell=column_letter(index),
                     value=text, params=params)

    def column_issue(self, type: str, severity: Severity, field_name: str, **params: Any) -> Issue:
        index = self.positions[field_name]
        return Issue(type=type, severity=severity, column=self.headers[index], params=params)


class Check:
    """A row or file check. Subclasses set ``type`` and override the hooks they need."""

    type: ClassVar[str] = "check"
    fields: tuple[str, ...] = ()
    """The fields this check reads; a profile declaring a check on an unknown field fails at load."""

    def fresh(self) -> Check:
        """A copy for one run; state is set in ``validate_start``."""
        return copy.copy(self)

    def validate_start(self, ctx: CheckContext) -> Iterable[Issue]:
        self.ctx = ctx
        return NONE

    def validate_row(self, row: int, values: Sequence[Any]) -> Iterable[Issue]:
        """One data row: ``values`` indexed by file column (see ``CheckContext.index``)."""
        return NONE

    def validate_chunk(self, rows: Sequence[int], columns: Sequence[Sequence[Any]]) -> Iterable[Issue]:
        """A chunk of rows as columns (``columns[index][i]`` belongs to row ``rows[i]``).

        The default hands the rows to ``validate_row`` one by one; checks on the hot path
        override this to work on whole columns.
        """
        if type(self).validate_row is Check.validate_row:
            return NONE
        found: list[Issue] = []
        for row, values in zip(rows, zip(*columns, strict=True), strict=True):
            found.extend(self.validate_row(row, values))
        return found

    def validate_end(self) -> Iterable[Issue]:
        return NONE


def judge_distinct(rows: Sequence[int], columns: Sequence[Sequence[Any]],
                   judge: Callable[[tuple[Any, ...]], Issue | None],
                   memo: dict[tuple[Any, ...], Issue | None]) -> list[Issue]:
    """Judge each distinct combination of values once, then report it at every row that has it.

    ``judge`` returns a template issue (row and cell left for this function to fill) or None.
    """
    keys = list(zip(*columns, strict=True))
    distinct = set(keys)
    for key in distinct.difference(memo):
        memo[key] = judge(key)
    found: list[Issue] = []
    if not any(map(memo.__getitem__, distinct)):  # no combination in this chunk has an issue: skip the rows
        return found
    for row, key in zip(rows, keys, strict=True):
        template = memo[key]
        if template is not None:
            letters = template.cell or ""
            found.append(Issue(template.type, template.severity, row, template.column, f"{letters}{row}",
                               template.value, template.params))
    return found


def folded_texts(values: Sequence[Any]) -> Sequence[str] | None:
    """``unique_value.comparable`` of every value when all are ``str`` (C speed), else None.

    None also when a cell is empty or invalid: such chunks take the row-by-row way. When folding
    changes nothing (codes, addresses in small letters) ``values`` itself comes back: case folding
    maps each character to one or more characters on its own, so the joined text folds to itself
    exactly when every value does, and the keys need no copies of the strings.
    """
    try:
        joined = "".join(values)
    except TypeError:
        return None
    return values if joined.casefold() == joined else list(map(str.casefold, values))


def record_firsts(keys: Sequence[Any], entries: Sequence[Any], first: dict[Any, Any],
                  row_of: Callable[[Any], int] = itemgetter(0)) -> Iterator[tuple[Any, Any]]:
    """Enter each key of a chunk that ``first`` does not know yet, with the entry of its first row;
    give back the (key, entry) pairs of all other rows -- the repeats -- in row order.

    ``entries[i]`` belongs to ``keys[i]`` and ``row_of(entry)`` is its (unique) row number: by
    default the entry is a tuple that starts with it; ``operator.index`` lets the row number be
    the whole entry, when nothing else needs remembering (no tuple per row). This is what a
    loop over the rows doing ``first.setdefault`` would do, in the same order (keys enter
    ``first`` in the order of their first row), with whole-chunk dict and set operations: the
    usual chunk of new keys costs no Python step per row.
    """
    chunk: dict[Any, Any] = dict(zip(keys, entries, strict=True))
    if len(chunk) == len(keys) and first.keys().isdisjoint(chunk):  # the usual chunk: all keys new, none twice
        first.update(chunk)
        return iter(())
    chunk = dict.fromkeys(keys)  # every key once, in the order of its first row ...
    chunk.update(zip(reversed(keys), reversed(entries), strict=True))  # ... holding its first row's entry
    if not first.keys().isdisjoint(chunk):
        for key in first.keys() & chunk.keys():
            del chunk[key]
    first.update(chunk)
    if len(chunk) == len(keys):
        return iter(())
    firsts = set(map(row_of, chunk.values()))
    return compress(zip(keys, entries, strict=True), map(not_, map(firsts.__contains__, map(row_of, entries))))


def rows_text(rows: Iterable[int], limit: int = 10) -> str:
    """'4, 9 en 12' style list of row numbers, capped so a message stays readable."""
    rows = list(rows)
    shown = ", ".join(str(r) for r in rows[:limit])
    if len(rows) > limit:
        shown += f", … (+{len(rows) - limit})"
    return shown


def other_rows_text(rows: Sequence[int], row: int, limit: int = 10) -> str:
    """``rows_text`` of the rows of a group other than ``row`` (which is one of them, once).

    Looks at the first ``limit + 1`` rows only, so flagging every row of a group of n rows costs
    O(n), not O(n²): a file where 100,000 rows share one address stays fast.
    """
    shown = [r for r in rows[: limit + 1] if r != row][:limit]
    text = ", ".join(str(r) for r in shown)
    rest = len(rows) - 1 - len(shown)
    if rest > 0:
        text += f", … (+{rest})"
    return text
