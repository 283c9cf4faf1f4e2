"""A label column must not identify respondents: not every filled row may differ (NSE seed)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, ClassVar

from rosterdesk.importers.checks.base import INVALID, NONE, Check, CheckContext
from rosterdesk.importers.issues import Issue


class NotIdentifying(Check):
    """Reports a column where every filled row (at least ``minimum`` of them) has its own value.

    Values compare exactly. Tracking stops for a column as soon as one value repeats, so memory
    stays small for the normal case of a few group labels.
    """

    type: ClassVar[str] = "identifying-label"

    def __init__(self, *fields: str, minimum: int = 2) -> None:
        self.fields = fields
        self.minimum = minimum

    def validate_start(self, ctx: CheckContext) -> Iterable[Issue]:
        self.ctx = ctx
        self.tracked: dict[str, tuple[int, set[Any]]] = {}
        for name in self.fields:
            index = ctx.index(name)
            if index is not None:
                self.tracked[name] = (index, set())
        return NONE

    def validate_chunk(self, rows: Sequence[int], columns: Sequence[Sequence[Any]]) -> Iterable[Issue]:
        for name, (index, seen) in list(self.tracked.items()):
            filled = [value for value in columns[index] if value is not None and value is not INVALID]
            distinct = set(filled)
            if len(distinct) < len(filled) or not seen.isdisjoint(distinct):
                del self.tracked[name]
            else:
                seen.update(distinct)
        return NONE

    def validate_end(self) -> Iterable[Issue]:
        for name, (_, seen) in self.tracked.items():
            if len(seen) >= self.minimum:
                yield self.ctx.column_issue(self.type, "error", name, count=len(seen))
