"""Erasing a profile's e-mail addresses on its retention date (seed 001, SECURITY.md A15).

NSE: "De aangeleverde e-mailadressen worden op <datum> verwijderd." On the retention date of a
profile (its upload period's ``retention_on``, set by the superadmin) the e-mail columns of that
profile (columns of kind ``Email``: EMAILADRES and EMAILADRES_2 for NSE) are erased everywhere:

- every version's stored original file is deleted (``file_id`` cleared), and with it the records
  file the worker wrote next to it (``FileStore.delete``); a version still unfinished is
  ``discarded`` (without its file it cannot go on);
- the versions' reports keep their counts and positions, but no address: the value of an issue
  in an e-mail column, and every text in an issue that holds an ``@`` (a masked address in a
  "student m***@..." message, the raw address in a formula) becomes ``***``;
- the institutions' records (``records.tables.Record``): the e-mail fields are blanked, a record
  key made of an address is replaced by ``#erased:<id>``, and the revisions lose the addresses;
- temporary folders of the compare and step 5 surveys left behind by a crash are removed.

Counts stay: a version's row count, its report's counts, step 5's counts per programme, the
records themselves. Exports are made on demand from the stored file and the report, so there is
nothing else to erase; the audit log and the outbox never hold a student's address. Every run
is written to the audit log (``privacy.erased``) and to ``Erasure``; the scheduled job runs once
per profile and retention date, ``rosterdesk privacy erase`` whenever it is asked (again).
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import shutil
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from rosterdesk.importers.errors import UnknownProfile
from rosterdesk.importers.kinds import Email
from rosterdesk.importers.plugins import get_profile
from rosterdesk.importers.profile import Profile
from rosterdesk.platform import clock
from rosterdesk.platform.audit import record
from rosterdesk.platform.auth.retention import purge_tokens
from rosterdesk.platform.auth.tables import User
from rosterdesk.platform.periods.services import TIMEZONE, periods
from rosterdesk.platform.privacy.tables import Erasure
from rosterdesk.platform.settings import Settings
from rosterdesk.platform.uploads.runtime import upload_dir
from rosterdesk.platform.uploads.storage import FileStore
from rosterdesk.platform.uploads.tables import UNFINISHED, Version
from rosterdesk.platform.uploads.views import as_dict

log = logging.getLogger("rosterdesk.privacy")

ERASED = "***"
"""What an erased value reads as in a report's messages."""
JOB_SECONDS = 600
"""How often the scheduled job looks for a retention date that has come (it erases once per date)."""
TEMP_PREFIXES = ("compare-", "survey-")
TEMP_AGE_SECONDS = 3600


@dataclass
class ErasureResult:
    """What one run erased (or, with ``dry_run``, would erase): counts only."""

    profile: str
    fields: list[str] = field(default_factory=list)
    files: int = 0
    versions: int = 0
    discarded: int = 0
    issues: int = 0
    records: int = 0
    revisions: int = 0
    dry_run: bool = False

    def summary(self) -> str:
        verb = "would erase" if self.dry_run else "erased"
        return (f"{self.profile}: {verb} {', '.join(self.fields) or '-'}: {self.files} file(s) deleted, "
                f"{self.versions} version(s) with {self.issues} issue(s) scrubbed, {self.discarded} unfinished "
                f"version(s) discarded, {self.records} record(s) and {self.revisions} revision(s) blanked")


def erased_columns(profile: Profile) -> list[tuple[str, str]]:
    """(field, header) of the profile's e-mail columns: what the erasure removes."""
    return [(column.field, column.header) for column in profile.columns if isinstance(column.kind, Email)]


# -- reports -----------------------------------------------------------------------------------------------------


def scrub_report(data: Any, headers: Sequence[str]) -> tuple[Any, int]:
    """A stored report without addresses: (new data, issues changed). Counts and positions stay."""
    report = as_dict(data)
    if not report or not isinstance(report.get("issues"), list):
        return data, 0
    changed = 0
    issues = []
    for issue in report["issues"]:
        if not isinstance(issue, dict):
            issues.append(issue)
            continue
        clean = {key: _scrub(value) for key, value in issue.items()}
        if issue.get("column") in headers and issue.get("value") not in (None, ""):
            clean["value"] = ERASED
        if clean != issue:
            changed += 1
        issues.append(clean)
    return {**report, "issues": issues}, changed


def _scrub(value: Any) -> Any:
    """Every text holding an ``@`` (an address, masked or not) becomes ``***``; structure and numbers stay."""
    if isinstance(value, str):
        return ERASED if "@" in value else value
    if isinstance(value, dict):
        return {key: _scrub(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_scrub(item) for item in value]
    return value


# -- the erasure of one profile ----------------------------------------------------------------------------------


async def erase_profile(settings: Settings, slug: str, *, actor: User | None = None, origin: str = "job",
                        retention_on: dt.date | None = None, dry_run: bool = False) -> ErasureResult:
    """Erase the e-mail addresses of profile ``slug`` everywhere (see the module docstring)."""
    try:
        profile = get_profile(slug)
    except UnknownProfile:
        log.warning("privacy erasure of unknown profile %s: nothing to do", slug)
        return ErasureResult(profile=slug, dry_run=dry_run)
    columns = erased_columns(profile)
    result = ErasureResult(profile=slug, fields=[header for _, header in columns], dry_run=dry_run)
    if not columns:
        return result
    headers = [header for _, header in columns]
    store = FileStore(upload_dir(settings))
    rows = await Version.select(Version.id, Version.state, Version.file_id, Version.report,
                                Version.structure_report, Version.failure_params).where(
        Version.profile == slug).order_by(Version.id).run()
    for row in rows:
        changes: dict[Any, Any] = {}
        issues = 0
        for column, name in ((Version.report, "report"), (Version.structure_report, "structure_report")):
            if row[name] is None:
                continue
            clean, count = scrub_report(row[name], headers)
            if count:
                changes[column] = clean
                issues += count
        params = as_dict(row["failure_params"])
        if params and _scrub(params) != params:
            changes[Version.failure_params] = _scrub(params)
        if row["file_id"]:
            result.files += 1
            changes[Version.file_id] = None
        if row["state"] in UNFINISHED:
            result.discarded += 1
            changes.update({Version.state: "discarded", Version.claim: ""})
        if not changes:
            continue
        result.versions += 1 if issues else 0
        result.issues += issues
        if dry_run:
            continue
        changes[Version.updated_at] = clock.now()
        await Version.update(changes).where(Version.id == row["id"]).run()
        if row["file_id"]:  # the row lets go of the file first, then the file goes (R11)
            await store.delete(str(row["file_id"]))
    result.records, result.revisions = await _erase_records(slug, [name for name, _ in columns], dry_run)
    if not dry_run:
        await asyncio.to_thread(_remove_temporary, store.root)
        details = asdict(result)
        details["retention_on"] = retention_on.isoformat() if retention_on else ""
        await Erasure.insert(Erasure(profile=slug, retention_on=retention_on, origin=origin, details=details)).run()
        await record(actor, "privacy.erased", target=f"profile:{slug}", details={**details, "origin": origin})
    log.info("privacy: %s", result.summary())
    return result


async def _erase_records(slug: str, names: list[str], dry_run: bool) -> tuple[int, int]:
    """Blank the e-mail fields of the profile's records and their revisions; (records, revisions) changed."""
    try:
        from rosterdesk.platform.records.tables import Record, RecordRevision  # noqa: PLC0415 - optional area
    except ImportError:  # pragma: no cover - the records area is not installed in this build
        return 0, 0
    records = 0
    revisions = 0
    rows = await Record.select(Record.id, Record.data, Record.record_key).where(Record.profile == slug).run()
    ids = []
    for row in rows:
        ids.append(int(row["id"]))
        data = as_dict(row["data"])
        clean = {key: (None if key in names else value) for key, value in data.items()}
        key = str(row["record_key"] or "")
        new_key = f"#erased:{row['id']}" if "@" in key else key
        if clean == data and new_key == key:
            continue
        records += 1
        if not dry_run:
            await Record.update({Record.data: clean, Record.record_key: new_key}).where(Record.id == row["id"]).run()
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        for row in await RecordRevision.select(RecordRevision.id, RecordRevision.changes).where(
                RecordRevision.record.is_in(chunk)).run():
            changes = as_dict(row["changes"])
            clean = {key: ([None, None] if key in names else value) for key, value in changes.items()}
            clean = {key: _scrub(value) for key, value in clean.items()}
            if clean == changes:
                continue
            revisions += 1
            if not dry_run:
                await RecordRevision.update({RecordRevision.changes: clean}).where(
                    RecordRevision.id == row["id"]).run()
    return records, revisions


def _remove_temporary(root: Path) -> None:
    """Folders of a compare or a step 5 survey that a crash left behind (they hold records)."""
    if not root.is_dir():
        return
    limit = time.time() - TEMP_AGE_SECONDS
    for path in root.iterdir():
        if path.is_dir() and path.name.startswith(TEMP_PREFIXES):
            with contextlib.suppress(OSError):
                if path.stat().st_mtime < limit:
                    shutil.rmtree(path, ignore_errors=True)


# -- when -------------------------------------------------------------------------------------------------------


def today(now: dt.datetime) -> dt.date:
    """The day in the Netherlands (retention dates are Dutch days, like the upload periods)."""
    moment = now if now.tzinfo is not None else now.replace(tzinfo=dt.UTC)
    return moment.astimezone(TIMEZONE).date()


async def due(now: dt.datetime) -> list[tuple[str, dt.date]]:
    """(profile, retention date) whose date has come and that the job has not erased yet."""
    found = []
    for slug, row in (await periods()).items():
        retention_on = row.get("retention_on")
        if retention_on is None or retention_on > today(now):
            continue
        done = await Erasure.exists().where((Erasure.profile == slug) & (Erasure.retention_on == retention_on)).run()
        if not done:
            found.append((slug, retention_on))
    return found


async def run_due(settings: Settings, now: dt.datetime, *, origin: str = "job") -> list[ErasureResult]:
    """Erase every profile whose retention date has come (once per date)."""
    return [await erase_profile(settings, slug, origin=origin, retention_on=retention_on)
            for slug, retention_on in await due(now)]


async def run_privacy_job(settings: Settings) -> None:
    """The scheduled job (started with the web app's background work): now, then every ``JOB_SECONDS``.

    Each pass erases the profiles whose retention date has come and removes used and expired
    password links (``auth.retention``); a failure of one does not stop the other.
    """
    while True:
        try:
            await run_due(settings, clock.now())
        except Exception:
            log.exception("privacy erasure failed; trying again in %s s", JOB_SECONDS)
        try:
            await purge_tokens(clock.now())
        except Exception:
            log.exception("removing old password links failed; trying again in %s s", JOB_SECONDS)
        await asyncio.sleep(JOB_SECONDS)
