"""Per-account throttles with back-off.

Keyed on a keyed hash of purpose and e-mail address, known or not, so the answer never reveals
whether an account exists, and never on the client address (X-Forwarded-For is not trusted).
The first ``free_attempts`` failures cost nothing; then every failure doubles the waiting time up
to ``max_backoff_seconds``. The wait always ends, and a password set through an e-mail link clears
it, so a stranger cannot lock anybody out for good.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta

from rosterdesk.platform import clock
from rosterdesk.platform.auth.tables import Throttle
from rosterdesk.platform.auth.tokens import keyed_hash
from rosterdesk.platform.settings import Settings

BASE_DELAY_SECONDS = 15
FORGET_AFTER = timedelta(hours=24)


def key(settings: Settings, purpose: str, subject: str) -> str:
    return keyed_hash(settings.secret(), f"{purpose}:{subject.strip().lower()}")


async def _row(throttle_key: str) -> Throttle:
    row = await Throttle.objects().get(Throttle.key == throttle_key)
    if row is None:
        await Throttle.insert(Throttle(key=throttle_key, failures=0, window_start=clock.now())).on_conflict(
            action="DO NOTHING").run()
        row = await Throttle.objects().get(Throttle.key == throttle_key)
    if row is None:
        raise RuntimeError(f"throttle row {throttle_key} vanished")
    return row


def aware(value: datetime | None) -> datetime | None:
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=UTC)


async def wait_seconds(throttle_key: str) -> int:
    """Seconds before the next attempt is checked; 0 when free."""
    row = await Throttle.objects().get(Throttle.key == throttle_key)
    if row is None:
        return 0
    blocked = aware(row.blocked_until)
    if blocked is None:
        return 0
    return max(0, math.ceil((blocked - clock.now()).total_seconds()))


async def failed(settings: Settings, throttle_key: str) -> None:
    row = await _row(throttle_key)
    now = clock.now()
    started = aware(row.window_start) or now
    failures = row.failures + 1
    if now - started > FORGET_AFTER:
        failures, started = 1, now
    blocked_until = None
    over = failures - settings.security.free_attempts
    if over >= 0:
        delay = min(settings.security.max_backoff_seconds, BASE_DELAY_SECONDS * 2 ** min(over, 20))
        blocked_until = now + timedelta(seconds=delay)
    await Throttle.update({Throttle.failures: failures, Throttle.blocked_until: blocked_until,
                           Throttle.window_start: started}).where(Throttle.key == throttle_key).run()


async def clear(throttle_key: str) -> None:
    await Throttle.delete().where(Throttle.key == throttle_key).run()


async def allow_in_window(throttle_key: str, limit: int, window: timedelta) -> bool:
    """Count one event; False when ``limit`` events already happened in the current window."""
    row = await _row(throttle_key)
    now = clock.now()
    started = aware(row.window_start) or now
    count = row.failures
    if now - started > window:
        count, started = 0, now
    if count >= limit:
        return False
    await Throttle.update({Throttle.failures: count + 1, Throttle.window_start: started}).where(
        Throttle.key == throttle_key).run()
    return True
