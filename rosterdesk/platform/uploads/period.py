"""The upload period at the moment of a change: confirming after it closed is refused.

Seed 000: until the end of the upload period a new version can replace the previous one. After
the end nothing changes any more: the version in force stays in force, also when a valid
version was left waiting at step 5 (it can still be looked at and downloaded, not confirmed).
Before the period opens nothing can be uploaded, so nothing can be confirmed either.
"""

from __future__ import annotations

from rosterdesk.platform import clock
from rosterdesk.platform.periods.services import PeriodState, period_state
from rosterdesk.platform.web.i18n import translate


class PeriodClosed(Exception):
    """A confirmation outside the profile's upload period."""

    def __init__(self, period: PeriodState) -> None:
        super().__init__(period.state)
        self.period = period

    def message(self, lang: str) -> str:
        """"Bevestigen kan niet meer: ..." with when the period closed (or opens)."""
        return translate("step5.period-closed", lang, period=self.period.message(lang))


async def ensure_open(profile_slug: str) -> None:
    """Raise ``PeriodClosed`` unless uploads of ``profile_slug`` are accepted now."""
    period = await period_state(profile_slug, clock.now())
    if not period.open:
        raise PeriodClosed(period)
