"""The allowed values depend on a profile option (Intergrip: Niveau by school type VO or MBO)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, ClassVar

from rosterdesk.importers.checks.base import NONE, Check, CheckContext
from rosterdesk.importers.issues import Issue


class ChoicesByOption(Check):
    type: ClassVar[str] = "choice-not-for-option"

    def __init__(self, field: str, option: str, choices: Mapping[str, tuple[str, ...]]) -> None:
        self.field = field
        self.option = option
        self.choices = dict(choices)
        self.fields = (field,)

    def validate_start(self, ctx: CheckContext) -> Iterable[Issue]:
        self.ctx = ctx
        self.index = ctx.index(self.field)
        self.option_value = ctx.options.get(self.option)
        self.allowed = self.choices.get(self.option_value or "")
        return NONE

    def validate_row(self, row: int, values: Sequence[Any]) -> Iterable[Issue]:
        if self.index is None or self.allowed is None:
            return NONE
        value = values[self.index]
        if value and value not in self.allowed:
            return (self.ctx.cell_issue(self.type, "error", row, self.field, value, option_value=self.option_value,
                                        choices=", ".join(self.allowed)),)
        return NONE
