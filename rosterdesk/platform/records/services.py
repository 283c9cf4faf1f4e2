"""The institution's records per profile: loaded from confirmed versions, kept by manual forms.

- ``apply_version(version, user)``: a confirmed (or approved) version is the complete list: its
  records replace the institution's records of that profile in one transaction. New keys are
  added, changed values are changed, keys the version no longer lists are removed (the row stays,
  ``deleted``, with its history); every change becomes a ``RecordRevision`` naming the version.
  ``load_version_records`` + ``apply_prepared`` are the two halves, for callers that read the
  records file before they open their own transaction (``uploads.services.confirm``): reading a
  file must not hold the database's write lock. ``apply_prepared`` joins a transaction that is
  already open, so the version's state change and its records commit together.
- ``current_records(institution, profile_slug, folder)``: the records in force written as a
  records file (``importers.records``), so ``importers.diff`` compares them with a version's.
- ``add_record``, ``change_record``, ``delete_record``: manual changes, after ``manual.check``;
  each is audited and becomes a revision.

Every function that takes an id takes the (already scoped) institution and filters by it, so
another institution's record answers exactly like a missing one (A10).
"""

from __future__ import annotations

import json
import logging
import secrets
import shutil
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import anyio.to_thread

from rosterdesk.importers.errors import RosterdeskError
from rosterdesk.importers.plugins import get_profile
from rosterdesk.importers.profile import Profile
from rosterdesk.importers.records import Key, RecordSet, RowKey, read_records, write_records
from rosterdesk.importers.validate import validate_file
from rosterdesk.platform import clock
from rosterdesk.platform.audit import record as audit
from rosterdesk.platform.auth.tables import User
from rosterdesk.platform.records.tables import Record, RecordRevision, initial_status
from rosterdesk.platform.tenants.tables import Institution
from rosterdesk.platform.uploads.db import write_transaction
from rosterdesk.platform.uploads.errors import UploadRefused
from rosterdesk.platform.uploads.runtime import Runtime, current
from rosterdesk.platform.uploads.tables import Version
from rosterdesk.platform.uploads.tasks import build_request
from rosterdesk.platform.uploads.views import as_dict

log = logging.getLogger("rosterdesk.records")

BATCH = 500
"""Rows per INSERT and per ``IN (...)`` list (SQLite's limit on bound values stays far away)."""


def key_text(key: Key) -> str:
    """A record key as stored: JSON of its case-folded values, or ``#row:N`` for a record keyed by row."""
    if len(key) == 1 and isinstance(key[0], RowKey):
        return f"#row:{key[0].row}"
    return json.dumps(list(key), ensure_ascii=False, separators=(",", ":"), default=str)


def manual_key() -> str:
    """The key of a manual record whose key fields are empty (CJP's anonymous mode): its own, never shared."""
    return f"#manual:{secrets.token_hex(8)}"



def search_text(profile: Profile, data: Mapping[str, Any]) -> str:
    """What the list's search looks in: the non-sensitive values, lower-cased (a BSN is never searchable)."""
    parts = [str(data.get(column.field)) for column in profile.columns
             if not column.sensitive and data.get(column.field) not in (None, "")]
    return " ".join(parts).lower()[:4000]


def changes_between(old: Mapping[str, Any], new: Mapping[str, Any]) -> dict[str, list[Any]]:
    """field -> [old, new] for every field whose value differs (a missing field counts as empty)."""
    names = list(new) + [name for name in old if name not in new]
    return {name: [old.get(name), new.get(name)] for name in names if old.get(name) != new.get(name)}


@dataclass(frozen=True)
class ApplyResult:
    """What applying a version did to the records in force."""

    added: int = 0
    changed: int = 0
    removed: int = 0
    unchanged: int = 0

    def as_dict(self) -> dict[str, int]:
        return {"added": self.added, "changed": self.changed, "removed": self.removed, "unchanged": self.unchanged}


@dataclass(frozen=True)
class VersionRecords:
    """A version's records read from its records file: (key text, values) in file order."""

    version_id: int
    number: int
    institution_id: int
    profile: Profile
    options: dict[str, str]
    rows: list[tuple[str, dict[str, Any]]]


# -- loading a version -------------------------------------------------------------------------------------------


def _institution_id(version: Version) -> int:
    value = version.institution
    return int(value.id if isinstance(value, Institution) else value)


def _read(path: Path) -> list[tuple[str, dict[str, Any]]]:
    records = read_records(path)
    return [(key_text(record.key), record.as_dict()) for record in records]


def _remake(runtime: Runtime, version: Version, profile: Profile, institution_code: str, target: Path) -> None:
    """The records file of a version checked before the worker wrote one: the engine again, in the sandbox."""
    if not runtime.store.exists(version.file_id):
        raise UploadRefused("file-gone")
    options = {str(k): str(v) for k, v in as_dict(version.options).items()}
    request = build_request(runtime, profile, institution_code, options, str(version.original_name),
                            structure_only=False)
    try:
        validate_file(runtime.store.path(str(version.file_id)), request, records_to=target)
    except RosterdeskError:
        raise UploadRefused("file-gone") from None
    if not target.is_file():
        raise UploadRefused("file-gone")


async def load_version_records(version: Version) -> VersionRecords:
    """The version's records, from the records file the worker wrote next to the stored upload.

    A version checked before records files existed gets its file made now from the stored upload.
    ``UploadRefused("file-gone")`` when neither exists.
    """
    runtime = current()
    profile = get_profile(str(version.profile))
    if not version.file_id:
        raise UploadRefused("file-gone")
    path = runtime.store.records_path(str(version.file_id))
    if not path.is_file():
        institution = await Institution.objects().get(Institution.id == _institution_id(version))
        code = str(institution.brin or "") if institution is not None else ""
        await anyio.to_thread.run_sync(_remake, runtime, version, profile, code, path)
    rows = await anyio.to_thread.run_sync(_read, path)
    options = {str(k): str(v) for k, v in as_dict(version.options).items()}
    return VersionRecords(version_id=int(version.id), number=int(version.number),
                          institution_id=_institution_id(version), profile=profile, options=options, rows=rows)


async def apply_version(version: Version, user: User | None) -> ApplyResult:
    """Make ``version``'s records the institution's records of its profile (one transaction; see the module)."""
    prepared = await load_version_records(version)
    return await apply_prepared(prepared, user)


def _chunks(items: Sequence[Any], size: int = BATCH) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


async def apply_prepared(prepared: VersionRecords, user: User | None, *, remove_missing: bool = True) -> ApplyResult:
    """Replace the records in force with ``prepared`` and write the revisions; joins an open transaction.

    ``remove_missing`` False keeps the records ``prepared`` does not list (the import modes that never
    remove, ``platform.roster.apply``, which also leaves out the rows its mode skips).
    """
    profile = prepared.profile
    institution_id = prepared.institution_id
    scope = (Record.institution == institution_id) & (Record.profile == profile.slug)
    now = clock.now()
    user_id = user.id if user is not None else None
    revision: dict[str, Any] = {"institution": institution_id, "source": "version", "version": prepared.version_id,
                "user": user_id, "at": now}
    async with write_transaction(lock=False):
        existing = {row["record_key"]: row for row in await Record.select(
            Record.id, Record.record_key, Record.data, Record.deleted).where(scope).run()}
        new_rows: list[tuple[str, dict[str, Any]]] = []
        revisions: list[RecordRevision] = []
        changed = unchanged = revived = 0
        seen: set[str] = set()
        for key, values in prepared.rows:
            if key in seen:
                continue
            seen.add(key)
            row = existing.get(key)
            if row is None:
                new_rows.append((key, values))
                continue
            old = {} if row["deleted"] else as_dict(row["data"])
            difference = changes_between(old, values)
            if not difference and not row["deleted"]:
                unchanged += 1
                continue
            await Record.update({Record.data: values, Record.options: prepared.options, Record.deleted: False,
                                 Record.search: search_text(profile, values), Record.version: prepared.version_id,
                                 Record.updated_at: now}).where(Record.id == row["id"]).run()
            if row["deleted"]:  # the same key back again: its history continues
                revived += 1
                revisions.append(RecordRevision(record=row["id"], action="add", changes=difference, **revision))
            else:
                changed += 1
                revisions.append(RecordRevision(record=row["id"], action="change", changes=difference, **revision))
        for batch in _chunks(new_rows):
            await Record.insert(*[Record(institution=institution_id, profile=profile.slug, record_key=key, data=values,
                                         options=prepared.options, status=initial_status(profile.slug),
                                         search=search_text(profile, values), deleted=False,
                                         version=prepared.version_id, created_at=now, updated_at=now)
                                  for key, values in batch]).run()
            ids = {row["record_key"]: row["id"] for row in await Record.select(Record.id, Record.record_key).where(
                scope & Record.record_key.is_in([key for key, _ in batch])).run()}
            revisions.extend(RecordRevision(record=ids[key], action="add", changes=changes_between({}, values),
                                            **revision) for key, values in batch)
        gone = [row for key, row in existing.items()
                if remove_missing and key not in seen and not row["deleted"]]
        for batch in _chunks(gone):
            await Record.update({Record.deleted: True, Record.version: prepared.version_id,
                                 Record.updated_at: now}).where(Record.id.is_in([row["id"] for row in batch])).run()
            revisions.extend(RecordRevision(record=row["id"], action="remove",
                                            changes=changes_between(as_dict(row["data"]), {}), **revision)
                             for row in batch)
        for batch in _chunks(revisions):
            await RecordRevision.insert(*batch).run()
        result = ApplyResult(added=len(new_rows) + revived, changed=changed, removed=len(gone), unchanged=unchanged)
        await audit(user, "records.applied", institution_id, target=f"version:{prepared.version_id}",
                    details={"profile": profile.slug, "number": prepared.number, **result.as_dict()})
    log.info("version %s applied to the records: %s", prepared.version_id, result.as_dict())
    return result


# -- the records in force as a records file ----------------------------------------------------------------------


async def live_values(institution: Institution | int, profile_slug: str) -> list[dict[str, Any]]:
    """The values of every record in force, oldest first."""
    institution_id = int(institution.id if isinstance(institution, Institution) else institution)
    rows = await Record.select(Record.data).where(
        (Record.institution == institution_id) & (Record.profile == profile_slug) & (Record.deleted == False)  # noqa: E712
    ).order_by(Record.id).run()
    return [as_dict(row["data"]) for row in rows]


async def current_records(institution: Institution | int, profile_slug: str, folder: Path | None = None
                          ) -> RecordSet | None:
    """The records in force as a records file in ``folder`` (a new temporary folder when None), opened; None
    when there are none. The caller removes the folder (``records.path.parent``) when done: personal data
    must not pile up where no retention rule knows about it."""
    values = await live_values(institution, profile_slug)
    if not values:
        return None
    profile = get_profile(profile_slug)
    target_folder = folder if folder is not None else Path(tempfile.mkdtemp(prefix="rd-current-"))
    target = target_folder / f"current-{profile.slug}.records.jsonl.gz"

    def write() -> RecordSet:
        try:
            write_records(target, profile, values)
        except BaseException:
            if folder is None:
                shutil.rmtree(target_folder, ignore_errors=True)
            raise
        return read_records(target)

    return await anyio.to_thread.run_sync(write)
