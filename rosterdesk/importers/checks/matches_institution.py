"""The institution code in each row must be that of the institution submitting (NSE seed)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, ClassVar

from rosterdesk.importers.checks.base import INVALID, NONE, Check, CheckContext
from rosterdesk.importers.issues import Issue


class MatchesInstitution(Check):
    """Compares with the run's institution; without one, says once that it could not check."""

    type: ClassVar[str] = "wrong-institution"

    def __init__(self, field: str) -> None:
        self.field = field
        self.fields = (field,)

    def validate_start(self, ctx: CheckContext) -> Iterable[Issue]:
        self.ctx = ctx
        self.index = ctx.index(self.field)
        self.expected = ctx.institution
        if self.expected is None and self.index is not None:
            return (ctx.column_issue("institution-check-skipped", "warning", self.field),)
        return NONE

    def validate_chunk(self, rows: Sequence[int], columns: Sequence[Sequence[Any]]) -> Iterable[Issue]:
        if self.index is None or self.expected is None:
            return NONE
        column = columns[self.index]
        wrong = set(column).difference((self.expected, None, INVALID))
        if not wrong:
            return NONE
        return [self.ctx.cell_issue(self.type, "error", row, self.field, value, expected=self.expected)
                for row, value in zip(rows, column, strict=True) if value in wrong]
