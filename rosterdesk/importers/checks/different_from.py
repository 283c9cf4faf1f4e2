"""Two columns must not hold the same value (NSE: EMAILADRES_2 differs from EMAILADRES)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, ClassVar

from rosterdesk.importers.checks.base import NONE, Check, CheckContext
from rosterdesk.importers.issues import Issue


class DifferentFrom(Check):
    """Compares case-insensitively; empty or invalid cells are left to their own checks."""

    type: ClassVar[str] = "same-as-other-column"

    def __init__(self, field: str, other: str) -> None:
        self.field = field
        self.other = other
        self.fields = (field, other)

    def validate_start(self, ctx: CheckContext) -> Iterable[Issue]:
        self.ctx = ctx
        self.index = ctx.index(self.field)
        self.other_index = ctx.index(self.other)
        self.other_header = ctx.column(self.other).header
        return NONE

    def validate_chunk(self, rows: Sequence[int], columns: Sequence[Sequence[Any]]) -> Iterable[Issue]:
        if self.index is None or self.other_index is None:
            return NONE
        return [
            self.ctx.cell_issue(self.type, "error", row, self.field, value, other=self.other_header)
            for row, value, other in zip(rows, columns[self.index], columns[self.other_index], strict=True)
            if value and other and value.__class__ is str and other.__class__ is str
            and value.casefold() == other.casefold()
        ]
