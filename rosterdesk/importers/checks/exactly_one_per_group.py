"""Per group exactly one row carries a flag (NSE: one HOOFDOPLEIDING = J per e-mail address)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, ClassVar

from rosterdesk.importers.checks.base import (
    INVALID,
    NONE,
    Check,
    CheckContext,
    folded_texts,
    record_firsts,
    rows_text,
)
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
        groups, flags = columns[self.group_index], columns[self.flag_index]
        folded = folded_texts(groups)
        if folded is None:  # empty or invalid cells, values that are not text: row by row
            for row, key, flag in zip(rows, groups, flags, strict=True):
                if key is not None and key is not INVALID:
                    self._add(comparable(key), (row, flag, key))
            return NONE
        for key, entry in record_firsts(folded, list(zip(rows, flags, groups, strict=True)), self.first):
            self._add(key, entry)
        return NONE

    def _add(self, folded: Any, entry: tuple[int, Any, Any]) -> None:
        """One row's (row, flag, key) under its group: the first, or a further member."""
        seen = self.first.get(folded)
        if seen is None:
            self.first[folded] = entry
        elif folded in self.more:
            self.more[folded].append(entry[:2])
        else:
            self.more[folded] = [seen[:2], entry[:2]]

    def validate_end(self) -> Iterable[Issue]:
        more, flag_value = self.more, self.flag_value
        for folded, (row, flag, key) in self.first.items():
            members = more.get(folded)
            if members is None:
                if flag == flag_value:  # a group of one flagged row, most groups: nothing more to look at
                    continue
                members = [(row, flag)]
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
