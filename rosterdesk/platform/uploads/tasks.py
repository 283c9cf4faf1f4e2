"""The content check of a version: the Dramatiq actor ``check_version(version_id)``.

The message carries the version id only; tenant, profile, options and file come from the row
(A13). The actor is idempotent: ``claim`` moves the row from ``previewed`` to ``checking`` (or
re-takes a ``checking`` row whose worker stopped giving signs of life) under a row lock, with a
fresh claim token and ``attempts + 1``; ``finish`` writes the result only while the row still
holds that token. So a message delivered twice, two workers at once, or a worker killed halfway
(R1, R7) end in one result. Parsing runs in the engine's sandboxed child; a child that crashes,
runs out of memory or out of time is a failed attempt, and after ``RD_CHECK_ATTEMPTS`` of them the
version is ``failed`` with a message for the user instead of being tried forever (R2, R3).

While the check runs, rows checked (of total) go to the row at most every ``PROGRESS_SECONDS``,
and a heartbeat thread touches ``updated_at`` so the sweeper can tell a slow check from a dead one.
"""

from __future__ import annotations

import json
import logging
import secrets
import threading
import time
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from rosterdesk.importers.errors import UnknownProfile, UnusableFile
from rosterdesk.importers.issues import Issue, IssueCollector, Report
from rosterdesk.importers.plugins import get_profile
from rosterdesk.importers.profile import Profile
from rosterdesk.importers.validate import Request, validate_file
from rosterdesk.platform import clock
from rosterdesk.platform.roster.mapping_store import version_mapping
from rosterdesk.platform.settings import Settings
from rosterdesk.platform.uploads.db import write_transaction
from rosterdesk.platform.uploads.runtime import Runtime, current
from rosterdesk.platform.uploads.tables import Version

log = logging.getLogger("rosterdesk.uploads")

PROGRESS_SECONDS = 0.5
TRANSIENT = frozenset({"resource-limit", "timeout", "unreadable-file", "internal-error"})
"""Failures of the machinery rather than of the file's content: worth another attempt."""


@dataclass(frozen=True)
class Job:
    """A claimed check: what the row says, and the token that proves the claim."""

    version_id: int
    token: str
    attempt: int
    file_id: str
    filename: str
    profile: str
    options: dict[str, str]
    institution_code: str
    mapping: dict[str, str | None] | None = None
    """The user's column labels and chosen delimiter (profiles with a mapping step; roster.mapping_store)."""
    delimiter: str | None = None


@dataclass(frozen=True)
class Outcome:
    """What one attempt produced: a report, or a failure (``transient`` ones may be retried)."""

    report: dict[str, Any] | None = None
    failure: str | None = None
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def transient(self) -> bool:
        return self.report is None and self.failure in TRANSIENT


def build_request(runtime: Runtime, profile: Profile, institution_code: str, options: dict[str, str], filename: str,
                  *, structure_only: bool, mapping: dict[str, str | None] | None = None,
                  delimiter: str | None = None) -> Request:
    """The engine's request for a stored upload; reference data only for the profiles that need it."""
    reference = runtime.reference() if profile.needs_reference and not structure_only else None
    return Request(profile=profile, institution=institution_code or None, reference=reference, options=dict(options),
                   filename=filename, structure_only=structure_only, limits=runtime.limits, mapping=mapping,
                   delimiter=delimiter)


def unusable_report(profile: str, exc: UnusableFile) -> Report:
    """A report holding the one reason the file could not be checked (stage ``intake``)."""
    collector = IssueCollector()
    collector.add(Issue(exc.type, "error", params=dict(exc.params)))
    return Report.build(profile, {}, collector, stage="intake")


# -- the actor ---------------------------------------------------------------------------------------------------


def check_version(version_id: int) -> None:
    """Dramatiq actor (declared on the broker by ``broker.Dispatcher``): check one version."""
    runtime = current()
    job = runtime.call(claim(int(version_id), runtime.settings))
    if job is None:
        return
    outcome = run_check(runtime, job)
    applied = runtime.call(finish(job, outcome, runtime.settings))
    if applied and outcome.transient and job.attempt < runtime.settings.uploads.check_attempts:
        from rosterdesk.platform.uploads.sweeper import queue_check  # noqa: PLC0415 - sweeper imports this module

        runtime.call(queue_check(runtime, job.version_id))
    elif applied:  # committed: the uploader's mail (valid, invalid or failed); never fails the check
        from rosterdesk.platform.review.notify import check_finished  # noqa: PLC0415 - review imports this module

        check_finished(runtime, job.version_id)


def run_check(runtime: Runtime, job: Job) -> Outcome:
    """The check itself, in the sandbox; never raises for a problem of the file or the parser."""
    try:
        profile = get_profile(job.profile)
    except UnknownProfile:
        log.error("version %s: profile %s is no longer installed", job.version_id, job.profile)
        return Outcome(failure="internal-error")
    beat = Heartbeat(runtime, job)
    beat.start()
    try:  # the reference data is read here too: files that vanished count as a failed attempt
        request = build_request(runtime, profile, job.institution_code, job.options, job.filename,
                                structure_only=False, mapping=job.mapping, delimiter=job.delimiter)
        report = validate_file(runtime.store.path(job.file_id), request, progress=beat.progress,
                               records_to=runtime.store.records_path(job.file_id))  # for records.services
    except UnusableFile as exc:
        if exc.type in TRANSIENT:
            log.warning("version %s attempt %s failed: %s", job.version_id, job.attempt, exc.type)
            return Outcome(failure=exc.type, params=dict(exc.params))
        return Outcome(report=unusable_report(job.profile, exc).to_storage())
    except Exception:
        log.exception("version %s attempt %s failed", job.version_id, job.attempt)
        return Outcome(failure="internal-error")
    finally:
        beat.stop()
    return Outcome(report=report.to_storage())


class Heartbeat:
    """Progress and signs of life of one running check, written to its row from the worker thread."""

    def __init__(self, runtime: Runtime, job: Job) -> None:
        self.runtime = runtime
        self.job = job
        self.interval = max(0.2, runtime.settings.worker.stale_seconds / 4)
        self.last_write = 0.0
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._run, name=f"heartbeat-{job.version_id}", daemon=True)

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self.stopped.set()
        self.thread.join()

    def progress(self, done: int, total: int | None) -> None:
        """Called by the sandbox while rows are checked; written at most every ``PROGRESS_SECONDS``."""
        now = time.monotonic()
        if now - self.last_write < PROGRESS_SECONDS and done != total:
            return
        self.last_write = now
        self._write({Version.progress_done: done, Version.progress_total: total})

    def _run(self) -> None:
        while not self.stopped.wait(self.interval):
            self._write({})

    def _write(self, values: dict[Any, Any]) -> None:
        try:
            self.runtime.call(_touch(self.job, values))
        except Exception:  # a missed heartbeat is not worth a failed check; the next one may get through
            log.warning("heartbeat of version %s failed", self.job.version_id, exc_info=True)


async def _touch(job: Job, values: dict[Any, Any]) -> None:
    await Version.update({**values, Version.updated_at: clock.now()}).where(
        (Version.id == job.version_id) & (Version.state == "checking") & (Version.claim == job.token)).run()


# -- the state transitions ---------------------------------------------------------------------------------------


async def claim(version_id: int, settings: Settings) -> Job | None:
    """Take the version for one attempt, or None when there is nothing (more) to do.

    Under a row lock (PostgreSQL ``SELECT ... FOR UPDATE``; SQLite: an immediate transaction,
    which holds the database's write lock): a ``previewed`` row, or a ``checking`` row whose
    heartbeat is older than ``RD_CHECK_STALE_SECONDS``, becomes ``checking`` with a new token.
    A row whose attempts are used up becomes ``failed`` instead.
    """
    now = clock.now()
    stale_before = now - timedelta(seconds=settings.worker.stale_seconds)
    async with write_transaction(lock=True) as lock:
        row = await lock(Version.select(
            Version.id, Version.state, Version.updated_at, Version.attempts, Version.file_id, Version.original_name,
            Version.profile, Version.options, Version.failure, Version.failure_params,
            Version.institution.brin.as_alias("institution_code"),
        ).where(Version.id == version_id)).first().run()
        if row is None:
            log.warning("check of version %s refused: no such version", version_id)  # A13
            return None
        state = row["state"]
        if state != "previewed" and not (state == "checking" and row["updated_at"] < stale_before):
            log.info("check of version %s skipped: it is %s", version_id, state)
            return None
        attempts = int(row["attempts"])
        if attempts >= settings.uploads.check_attempts or not row["file_id"]:
            await Version.update({Version.state: "failed", Version.claim: "", Version.updated_at: now,
                                  Version.failure: "check-failed",
                                  Version.failure_params: _failed_params(attempts, row)}).where(
                Version.id == version_id).run()
            log.warning("version %s failed after %s attempts", version_id, attempts)
            return None
        token = secrets.token_hex(8)
        await Version.update({Version.state: "checking", Version.attempts: attempts + 1, Version.claim: token,
                              Version.updated_at: now, Version.progress_done: 0, Version.progress_total: None}).where(
            Version.id == version_id).run()
    mapped = await version_mapping(version_id)  # the labels of the mapping step, if the profile has one
    return Job(version_id=version_id, token=token, attempt=attempts + 1, file_id=str(row["file_id"]),
               filename=str(row["original_name"]), profile=str(row["profile"]), options=_json(row["options"]),
               institution_code=str(row["institution_code"] or ""),
               mapping=mapped.columns if mapped else None, delimiter=mapped.delimiter if mapped else None)


def _failed_params(attempts: int, row: dict[str, Any]) -> dict[str, Any]:
    return {"attempts": attempts, "cause": row.get("failure") or "", "cause_params": _json(row.get("failure_params"))}


async def finish(job: Job, outcome: Outcome, settings: Settings) -> bool:
    """Store the attempt's outcome if the row still holds ``job``'s claim; True when it did."""
    now = clock.now()
    where = (Version.id == job.version_id) & (Version.state == "checking") & (Version.claim == job.token)
    values: dict[Any, Any]
    if outcome.report is not None:
        stats = outcome.report.get("stats") or {}
        rows = int(stats.get("rows") or 0)
        valid = int(stats.get("errors") or 0) == 0 and outcome.report.get("stage") != "intake"
        values = {Version.state: "valid" if valid else "invalid", Version.report: outcome.report,
                  Version.row_count: rows, Version.progress_done: rows, Version.progress_total: rows,
                  Version.failure: None, Version.failure_params: {}}
    elif outcome.transient and job.attempt < settings.uploads.check_attempts:
        values = {Version.state: "previewed", Version.queued_at: None, Version.failure: outcome.failure,
                  Version.failure_params: outcome.params}
    else:
        values = {Version.state: "failed", Version.failure: "check-failed",
                  Version.failure_params: {"attempts": job.attempt, "cause": outcome.failure or "",
                                           "cause_params": outcome.params}}
    updated = await Version.update({**values, Version.claim: "", Version.updated_at: now}).where(where).returning(
        Version.id).run()
    if not updated:
        log.info("result of version %s attempt %s dropped: the claim was lost", job.version_id, job.attempt)
    return bool(updated)


def _json(value: Any) -> dict[str, Any]:
    if isinstance(value, str):
        value = json.loads(value or "{}")
    return dict(value) if isinstance(value, dict) else {}
