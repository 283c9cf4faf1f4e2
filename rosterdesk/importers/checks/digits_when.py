"""A code holds digits only for some rows (Zermelo seed: a student's code is digits only)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, ClassVar

from rosterdesk.importers.checks.base import INVALID, NONE, Check, CheckContext
from rosterdesk.importers.issues import Issue


class DigitsWhen(Check):
    """``field`` must be digits only when ``condition`` equals ``value``, or when the profile
    option ``option`` is ``J`` (e.g. "add everyone as student")."""

    type: ClassVar[str] = "invalid-digits"

    def __init__(self, field: str, condition: str, value: str, option: str | None = None) -> None:
        self.field = field
        self.condition = condition
        self.value = value
        self.option = option
        self.fields = (field, condition)

    def validate_start(self, ctx: CheckContext) -> Iterable[Issue]:
        self.ctx = ctx
        self.index = ctx.index(self.field)
        self.condition_index = ctx.index(self.condition)
        self.always = self.option is not None and ctx.options.get(self.option) == "J"
        return NONE

    def validate_chunk(self, rows: Sequence[int], columns: Sequence[Sequence[Any]]) -> Iterable[Issue]:
        """Whole columns: one C-speed test settles the usual chunk where every code is digits only."""
        if self.index is None or not (self.always or self.condition_index is not None):
            return NONE
        codes = columns[self.index]
        distinct = set(codes)
        distinct.difference_update((None, INVALID, ""))  # left alone, as in validate_row
        try:
            joined = "".join(distinct)
        except TypeError:  # codes that are not text (numbers that compare equal across types): row by row
            return super().validate_chunk(rows, columns)
        if not joined or (joined.isdigit() and joined.isascii()):
            return NONE
        wrong = {code for code in distinct if not self._digits(code)}
        conditions = columns[self.condition_index] if self.condition_index is not None else codes
        return [self._issue(row, code) for row, code, condition in zip(rows, codes, conditions, strict=True)
                if code in wrong and (self.always or condition == self.value)]

    def validate_row(self, row: int, values: Sequence[Any]) -> Iterable[Issue]:
        if self.index is None:
            return NONE
        code = values[self.index]
        if not code or code is INVALID:
            return NONE
        applies = self.always or (
            self.condition_index is not None and values[self.condition_index] == self.value
        )
        if applies and not self._digits(code):
            return (self._issue(row, code),)
        return NONE

    @staticmethod
    def _digits(code: Any) -> bool:
        return str(code).isdigit() and str(code).isascii()

    def _issue(self, row: int, code: Any) -> Issue:
        return self.ctx.cell_issue(self.type, "error", row, self.field, code,
                                   length_nl=f"alleen cijfers (dit is een {self.value})",
                                   length_en=f"digits only (this is a {self.value})")
