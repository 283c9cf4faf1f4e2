"""A combination of values may appear only once (NSE: the same e-mail and programme twice)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, ClassVar

from rosterdesk.importers.checks.base import (
    INVALID,
    NONE,
    Check,
    CheckContext,
    folded_texts,
    other_rows_text,
    record_firsts,
)
from rosterdesk.importers.checks.unique_value import comparable
from rosterdesk.importers.issues import Issue
from rosterdesk.importers.kinds import cell_text


class UniqueTogether(Check):
    """Flags every row whose key (several fields) also appears in another row."""

    type: ClassVar[str] = "duplicate-record"

    def __init__(self, *fields: str) -> None:
        self.fields = fields

    def validate_start(self, ctx: CheckContext) -> Iterable[Issue]:
        self.ctx = ctx
        indexes = [ctx.index(name) for name in self.fields]
        self.indexes = [i for i in indexes if i is not None] if None not in indexes else []
        self.first: dict[tuple[Any, ...], tuple[int, tuple[Any, ...]]] = {}
        # Each row of a group keeps its own values: they may differ in capitals.
        self.repeated: dict[tuple[Any, ...], list[tuple[int, tuple[Any, ...]]]] = {}
        return NONE

    def validate_chunk(self, rows: Sequence[int], columns: Sequence[Sequence[Any]]) -> Iterable[Issue]:
        if not self.indexes:
            return NONE
        parts = [columns[i] for i in self.indexes]
        keys = list(zip(*parts, strict=True))
        folded = [folded_texts(part) for part in parts]
        if any(part is None for part in folded):  # empty or invalid cells, values that are not text: row by row
            for row, key in zip(rows, keys, strict=True):
                if None not in key and INVALID not in key:
                    self._add(tuple(map(comparable, key)), (row, key))
            return NONE
        folded_keys = list(zip(*(part for part in folded if part is not None), strict=True))
        for fold, entry in record_firsts(folded_keys, list(zip(rows, keys, strict=True)), self.first):
            self._add(fold, entry)
        return NONE

    def _add(self, folded: tuple[Any, ...], entry: tuple[int, tuple[Any, ...]]) -> None:
        """One row's (row, key) under its folded key: the first, or a member of a repeated group."""
        seen = self.first.get(folded)
        if seen is None:
            self.first[folded] = entry
        elif folded in self.repeated:
            self.repeated[folded].append(entry)
        else:
            self.repeated[folded] = [seen, entry]

    def validate_end(self) -> Iterable[Issue]:
        for members in self.repeated.values():
            rows = [row for row, _ in members]
            for row, key in members:
                shown = " + ".join(self.ctx.column(name).display(cell_text(part))
                                   for name, part in zip(self.fields, key, strict=True))
                yield self.ctx.cell_issue(self.type, "error", row, self.fields[0], key[0], key=shown,
                                          other_rows=other_rows_text(rows, row))
