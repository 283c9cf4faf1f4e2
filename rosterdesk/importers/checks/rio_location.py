"""The location number must exist in RIO for the institution, and its place name must match."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, ClassVar

from rosterdesk.importers.checks.base import INVALID, NONE, CheckContext, judge_distinct
from rosterdesk.importers.checks.rio_common import RioCheck
from rosterdesk.importers.issues import Issue
from rosterdesk.importers.reference import fold


class RioLocation(RioCheck):
    """Checks BRIN_VOLGNUMMER against RIO and LOCATIE against that location's place.

    Place names compare case- and accent-insensitively. An unknown number does not also flag
    the place name (no cascade). Each distinct (institution, number, place) is judged once.
    """

    type: ClassVar[str] = "unknown-location-number"
    skipped_nl = "BRIN_VOLGNUMMER en LOCATIE"
    skipped_en = "BRIN_VOLGNUMMER and LOCATIE"

    def __init__(self, institution: str, number: str, place: str) -> None:
        self.institution_field = institution
        self.number_field = number
        self.place_field = place
        self.fields = (institution, number, place)

    def validate_start(self, ctx: CheckContext) -> Iterable[Issue]:
        issues = super().validate_start(ctx)
        self.number_index = ctx.index(self.number_field)
        self.place_index = ctx.index(self.place_field)
        self.memo: dict[tuple[Any, ...], Issue | None] = {}
        return issues

    def judge(self, key: tuple[Any, ...]) -> Issue | None:
        code, number, place = key
        institution = self.institution_of(code)
        if self.reference is None or institution is None or number is None or number is INVALID:
            return None
        location = self.reference.locations.get((institution, number))
        if location is None:
            known = ", ".join(loc.number for loc in self.reference.locations_of(institution)) or "-"
            return self.ctx.template_issue(self.type, "error", self.number_field, number, institution=institution,
                                           known=known)
        if place and place is not INVALID and fold(place) != fold(location.place):
            return self.ctx.template_issue("location-mismatch", "error", self.place_field, place, number=number,
                                           expected=location.place)
        return None

    def validate_chunk(self, rows: Sequence[int], columns: Sequence[Sequence[Any]]) -> Iterable[Issue]:
        if self.reference is None or self.number_index is None:
            return NONE
        none = [None] * len(rows)
        code = columns[self.institution_index] if self.institution_index is not None else none
        place = columns[self.place_index] if self.place_index is not None else none
        return judge_distinct(rows, (code, columns[self.number_index], place), self.judge, self.memo)
