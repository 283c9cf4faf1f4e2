"""Upload periods: is a profile's upload open now, and the superadmin's changes to its dates.

Dates are whole days in Dutch time (Europe/Amsterdam), both ends included: a period from 1 to
31 January accepts uploads from 1 January 00:00 until 31 January 23:59:59 in the Netherlands.
A profile without a period (or with neither date) is always open. Seed 000: until the end of the
period a new version can replace the previous one; the last version counts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from rosterdesk.platform import clock
from rosterdesk.platform.audit import record
from rosterdesk.platform.auth.tables import User
from rosterdesk.platform.errors import FormError
from rosterdesk.platform.periods.tables import UploadPeriod
from rosterdesk.platform.web.i18n import translate

TIMEZONE = ZoneInfo("Europe/Amsterdam")
OPEN, NOT_YET_OPEN, CLOSED, ALWAYS_OPEN = "open", "not-yet-open", "closed", "always-open"


@dataclass(frozen=True)
class PeriodState:
    """Where a profile's upload period stands at one moment.

    ``state`` is ``open``, ``not-yet-open`` (``opens_on`` says when), ``closed`` (``closes_on``
    says since when) or ``always-open`` (no period set).
    """

    state: str
    opens_on: dt.date | None = None
    closes_on: dt.date | None = None

    @property
    def open(self) -> bool:
        return self.state in (OPEN, ALWAYS_OPEN)

    def message(self, lang: str) -> str:
        """What the upload page says, in ``lang`` (nl or en)."""
        key = "open-no-end" if self.state == OPEN and self.closes_on is None else self.state
        return translate(f"period.state-{key}", lang, opens=_day(self.opens_on, lang),
                         closes=_day(self.closes_on, lang))


MONTHS = {
    "nl": ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
           "november", "december"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
}


def _day(day: dt.date | None, lang: str) -> str:
    """'14 oktober 2024' / '14 October 2024'; empty for no date."""
    if day is None:
        return ""
    return f"{day.day} {MONTHS['en' if lang == 'en' else 'nl'][day.month - 1]} {day.year}"


def state_of(opens_on: dt.date | None, closes_on: dt.date | None, now: dt.datetime) -> PeriodState:
    """The state of a period with these dates at ``now`` (an aware datetime; naive means UTC)."""
    if opens_on is None and closes_on is None:
        return PeriodState(ALWAYS_OPEN)
    moment = now if now.tzinfo is not None else now.replace(tzinfo=dt.UTC)
    today = moment.astimezone(TIMEZONE).date()
    if opens_on is not None and today < opens_on:
        return PeriodState(NOT_YET_OPEN, opens_on, closes_on)
    if closes_on is not None and today > closes_on:
        return PeriodState(CLOSED, opens_on, closes_on)
    return PeriodState(OPEN, opens_on, closes_on)


async def period_state(profile_slug: str, now: dt.datetime) -> PeriodState:
    """Whether uploads for ``profile_slug`` are accepted at ``now`` (the wizard asks before every upload)."""
    row = await UploadPeriod.select(UploadPeriod.opens_on, UploadPeriod.closes_on).where(
        UploadPeriod.profile == profile_slug).first().run()
    if row is None:
        return PeriodState(ALWAYS_OPEN)
    return state_of(_as_date(row["opens_on"]), _as_date(row["closes_on"]), now)


def _as_date(value: object) -> dt.date | None:
    """A Date column's value (SQLite may hand back text)."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


async def periods() -> dict[str, dict[str, Any]]:
    """Profile slug -> its period row (only profiles that have one)."""
    rows = await UploadPeriod.select().run()
    return {str(row["profile"]): {**row, "opens_on": _as_date(row["opens_on"]),
                                  "closes_on": _as_date(row["closes_on"]),
                                  "retention_on": _as_date(row["retention_on"])} for row in rows}


async def retention_date(profile_slug: str) -> dt.date | None:
    """The day the privacy job erases the e-mail addresses of ``profile_slug`` (None: not set)."""
    row = await UploadPeriod.select(UploadPeriod.retention_on).where(UploadPeriod.profile == profile_slug).first().run()
    return None if row is None else _as_date(row["retention_on"])


def _parse_day(text: str, field: str) -> dt.date | None:
    text = text.strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise FormError("period.date-invalid", field) from None


def parse_period(data: dict[str, str]) -> dict[str, dt.date | None]:
    """The form's three dates (YYYY-MM-DD, each optional); FormError names the first thing to fix."""
    opens_on = _parse_day(data.get("opens_on", ""), "opens_on")
    closes_on = _parse_day(data.get("closes_on", ""), "closes_on")
    retention_on = _parse_day(data.get("retention_on", ""), "retention_on")
    if opens_on and closes_on and closes_on < opens_on:
        raise FormError("period.closes-before-opens", "closes_on")
    if retention_on and closes_on and retention_on <= closes_on:
        raise FormError("period.retention-before-close", "retention_on")
    if retention_on and opens_on and not closes_on and retention_on <= opens_on:
        raise FormError("period.retention-before-close", "retention_on")
    return {"opens_on": opens_on, "closes_on": closes_on, "retention_on": retention_on}


async def set_period(actor: User, profile_slug: str, values: dict[str, dt.date | None]) -> bool:
    """Store the period of ``profile_slug`` and audit the change; False when nothing changed."""
    old = (await periods()).get(profile_slug)
    before = {key: old[key] if old else None for key in ("opens_on", "closes_on", "retention_on")}
    if before == values:
        return False
    if old is None:
        await UploadPeriod.insert(UploadPeriod(profile=profile_slug, updated_by=actor.id, opens_on=values["opens_on"],
                                               closes_on=values["closes_on"],
                                               retention_on=values["retention_on"])).run()
    else:
        changes: dict[Any, Any] = {**values, "updated_by": actor.id, "updated_at": clock.now()}
        await UploadPeriod.update(changes).where(UploadPeriod.profile == profile_slug).run()
    await record(actor, "period.changed", target=profile_slug,
                 details={"from": {key: _iso(value) for key, value in before.items()},
                          "to": {key: _iso(value) for key, value in values.items()}})
    return True


def _iso(value: dt.date | None) -> str:
    return value.isoformat() if value else ""
