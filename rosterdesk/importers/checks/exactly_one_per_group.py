"""Per group exactly one row carries a flag (NSE: one HOOFDOPLEIDING = J per e-mail address)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, ClassVar

from rosterdesk.importers.checks.base import INVALID, NONE, Check, CheckContext, rows_text
from rosterdesk.importers.checks.unique_value import comparable
from rosterdesk.importers.issues import Issue


class ExactlyOnePerGroup(Check):
    """Every row of a group with zero or several flagged rows is reported at the flag's cell.

    A group with a missing or invalid flag is left to that cell's own error (no cascade).
    Most groups have one row, so a group is kept as its first (row, flag) until a second row
    turns up.
    """

    type: ClassVar[str] = "main-programme-count"

    def __init__(self, group: str, flag: str, flag_value: str = "J") -> None:
        self.group = group
        self.flag = flag
        self.flag_value = flag_value
        self.fields = (group, flag)

    def validate_start(self, ctx: CheckContext) -> Iterable[Issue]:
        self.ctx = ctx
        self.group_index = ctx.index(self.group)
        self.flag_index = ctx.index(self.flag)
        self.first: dict[Any, tuple[int, Any, Any]] = {}
        self.more: dict[Any, list[tuple[int, Any]]] = {}
        return NONE

    def validate_chunk(self, rows: Sequence[int], columns: Sequence[Sequence[Any]]) -> Iterable[Issue]:
        if self.group_index is None or self.flag_index is None:
            return NONE
        first, more = self.first, self.more
        for row, key, flag in zip(rows, columns[self.group_index], columns[self.flag_index], strict=True):
            if key is None or key is INVALID:
                continue
            folded = comparable(key)
            seen = first.get(folded)
            if seen is None:
                first[folded] = (row, flag, key)
            elif folded in more:
                more[folded].append((row, flag))
            else:
                more[folded] = [(seen[0], seen[1]), (row, flag)]
        return NONE

    def validate_end(self) -> Iterable[Issue]:
        for folded, (row, flag, key) in self.first.items():
            members = self.more.get(folded) or [(row, flag)]
            if any(f is None or f is INVALID for _, f in members):
                continue
            flagged = [r for r, f in members if f == self.flag_value]
            if len(flagged) == 1:
                continue
            rows = rows_text(r for r, _ in members)
            shown = self.ctx.column(self.group).display(key)
            for member_row, member_flag in members:
                yield self.ctx.cell_issue(self.type, "error", member_row, self.flag, member_flag, key=shown,
                                          count=len(flagged), rows=rows, flag=self.flag_value,
                                          column=self.ctx.column(self.flag).header)
