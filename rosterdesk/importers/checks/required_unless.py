"""A value is required when another column is empty (Intergrip: Onderwijsnummer without BSN)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, ClassVar

from rosterdesk.importers.checks.base import NONE, Check, CheckContext
from rosterdesk.importers.issues import Issue


class RequiredUnless(Check):
    """``field`` must be filled when ``other`` is empty; an invalid ``other`` is not 'empty'."""

    type: ClassVar[str] = "missing-value-conditional"

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

    def validate_row(self, row: int, values: Sequence[Any]) -> Iterable[Issue]:
        if self.index is None:
            return NONE
        other_value = values[self.other_index] if self.other_index is not None else None
        # None means empty; INVALID means filled but wrong, which its own check reports.
        if values[self.index] is None and other_value is None:
            return (self.ctx.cell_issue(self.type, "error", row, self.field, None, other=self.other_header),)
        return NONE
