"""What the RIO checks share: which institution a row is about, and skipping without RIO data."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rosterdesk.importers.checks.base import INVALID, NONE, Check, CheckContext
from rosterdesk.importers.issues import Issue
from rosterdesk.importers.reference import Reference


class RioCheck(Check):
    """Base of the checks against RIO reference data.

    The institution of a row is the run's institution when one is given; a row whose own code
    differs is left to ``MatchesInstitution`` (no cascade). Without reference data the check
    says once, with a warning, that it was skipped instead of guessing.
    """

    institution_field: str
    skipped_nl = "RIO-gegevens"
    skipped_en = "RIO data"

    def validate_start(self, ctx: CheckContext) -> Iterable[Issue]:
        self.ctx = ctx
        self.reference: Reference | None = ctx.reference
        self.institution_index = ctx.index(self.institution_field)
        if self.reference is None:
            return (Issue("reference-checks-skipped", "warning",
                          params={"checks_nl": self.skipped_nl, "checks_en": self.skipped_en}),)
        return NONE

    def institution_of(self, code: Any) -> str | None:
        """The institution whose RIO data applies to a row with this code, or None to skip it."""
        if self.institution_index is None:
            return self.ctx.institution
        if code is None or code is INVALID:
            return None
        if self.ctx.institution is not None and code != self.ctx.institution:
            return None
        return str(code)
