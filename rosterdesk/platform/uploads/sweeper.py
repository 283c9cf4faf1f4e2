"""The sweeper: finds checks the broker lost and queues them again (SECURITY.md R1, R4, R5).

The database row is the truth, the broker only a trigger. So every ``RD_SWEEP_SECONDS`` (and
once at start) the sweeper reads the rows that wait for a check and sends a message for

- a ``previewed`` row never handed to the broker (it was down: "check delayed"), or handed over
  longer than ``RD_CHECK_STALE_SECONDS`` ago without a worker taking it (the broker restarted and
  lost its queue); at the embedded worker's start every ``previewed`` row, because the in-memory
  queue died with the previous process;
- a ``checking`` row whose worker gave no sign of life for ``RD_CHECK_STALE_SECONDS`` (killed).

Sending more than once is harmless: the actor's claim lets one message through (R7).
"""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta

import anyio.to_thread

from rosterdesk.platform import clock
from rosterdesk.platform.uploads.runtime import Runtime
from rosterdesk.platform.uploads.tables import WAITING, Version

log = logging.getLogger("rosterdesk.uploads")


async def queue_check(runtime: Runtime, version_id: int) -> bool:
    """Send the check message of ``version_id`` (after its row is committed); False when the broker is down."""
    try:
        await anyio.to_thread.run_sync(runtime.dispatcher.send, version_id)
    except Exception as exc:
        log.warning("check of version %s not queued, the broker is unreachable (%s); the sweeper retries",
                    version_id, type(exc).__name__)
        return False
    await Version.update({Version.queued_at: clock.now()}).where(
        (Version.id == version_id) & Version.state.is_in(list(WAITING))).run()
    return True


async def sweep(runtime: Runtime, *, all_queued: bool = False) -> list[int]:
    """Queue every check that waits in vain; returns the ids sent. ``all_queued``: also fresh ``previewed`` rows."""
    stale_before = clock.now() - timedelta(seconds=runtime.settings.worker.stale_seconds)
    rows = await Version.select(Version.id, Version.state, Version.updated_at, Version.queued_at).where(
        Version.state.is_in(list(WAITING))).order_by(Version.id).run()
    due = []
    for row in rows:
        if row["state"] == "previewed":
            if all_queued or row["queued_at"] is None or row["queued_at"] < stale_before:
                due.append(int(row["id"]))
        elif row["updated_at"] < stale_before:
            due.append(int(row["id"]))
    sent = []
    for version_id in due:
        if await queue_check(runtime, version_id):
            sent.append(version_id)
        else:
            break  # the broker is down: the next sweep tries again
    if sent:
        log.info("sweeper queued %s check(s) again: %s", len(sent), sent)
    return sent


async def run_sweeper(runtime: Runtime, *, all_queued_first: bool) -> None:
    """Sweep now and then every ``RD_SWEEP_SECONDS`` until cancelled; errors are logged, never fatal."""
    all_queued = all_queued_first
    while True:
        try:
            await sweep(runtime, all_queued=all_queued)
            all_queued = False
        except Exception:
            log.exception("sweep failed; trying again in %s s", runtime.settings.worker.sweep_seconds)
        await asyncio.sleep(runtime.settings.worker.sweep_seconds)
