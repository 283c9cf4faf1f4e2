"""The programme must be one of the institution's in RIO, and its level must agree."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, ClassVar

from rosterdesk.importers.checks.base import INVALID, NONE, CheckContext, judge_distinct
from rosterdesk.importers.checks.rio_common import RioCheck
from rosterdesk.importers.issues import Issue


class RioProgramme(RioCheck):
    """Checks OPLEIDINGSCODE against the institution's CROHO programmes and NIVEAU against the
    programme's 'soort HO'. An unknown programme does not also flag the level."""

    type: ClassVar[str] = "unknown-programme"
    skipped_nl = "OPLEIDINGSCODE en NIVEAU"
    skipped_en = "OPLEIDINGSCODE and NIVEAU"

    def __init__(self, institution: str, code: str, level: str) -> None:
        self.institution_field = institution
        self.code_field = code
        self.level_field = level
        self.fields = (institution, code, level)

    def validate_start(self, ctx: CheckContext) -> Iterable[Issue]:
        issues = super().validate_start(ctx)
        self.code_index = ctx.index(self.code_field)
        self.level_index = ctx.index(self.level_field)
        self.memo: dict[tuple[Any, ...], Issue | None] = {}
        return issues

    def judge(self, key: tuple[Any, ...]) -> Issue | None:
        institution_code, code, level = key
        institution = self.institution_of(institution_code)
        if self.reference is None or institution is None or code is None or code is INVALID:
            return None
        programme = self.reference.programmes.get((institution, code))
        if programme is None:
            return self.ctx.template_issue(self.type, "error", self.code_field, code, institution=institution)
        if level and level is not INVALID and level != programme.level:
            return self.ctx.template_issue("level-mismatch", "error", self.level_field, level, programme=code,
                                           expected=programme.level)
        return None

    def validate_chunk(self, rows: Sequence[int], columns: Sequence[Sequence[Any]]) -> Iterable[Issue]:
        if self.reference is None or self.code_index is None:
            return NONE
        none = [None] * len(rows)
        institution = columns[self.institution_index] if self.institution_index is not None else none
        level = columns[self.level_index] if self.level_index is not None else none
        return judge_distinct(rows, (institution, columns[self.code_index], level), self.judge, self.memo)
