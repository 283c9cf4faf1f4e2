"""Manual changes to one record: check, add, change, delete; and reading one record and its history.

``check`` runs the form's row through the profile's own checks (``rowcheck``) and then through
the two rules that need the records in force: the record key is not taken by another record,
and a column declared ``unique`` (unique in a file: BSN, onderwijsnummer) holds no value another
record already has. Every change is audited (no values in the audit log, only which fields) and
becomes a ``RecordRevision`` with source ``manual``.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import anyio.to_thread
from litestar.exceptions import NotFoundException

from rosterdesk.importers.profile import Profile
from rosterdesk.importers.records import RowKey, comparable
from rosterdesk.platform import clock
from rosterdesk.platform.audit import record as audit
from rosterdesk.platform.auth.tables import User
from rosterdesk.platform.records.rowcheck import RowCheck, check_row
from rosterdesk.platform.records.services import changes_between, key_text, manual_key, search_text
from rosterdesk.platform.records.tables import Record, RecordRevision, initial_status
from rosterdesk.platform.tenants.tables import Institution
from rosterdesk.platform.uploads.db import write_transaction
from rosterdesk.platform.uploads.runtime import current
from rosterdesk.platform.uploads.views import as_dict

log = logging.getLogger("rosterdesk.records")


class KeyTaken(Exception):
    """Another record took the key between the check and the save (two forms at once)."""


async def check(institution: Institution, profile: Profile, raw: Mapping[str, str], options: Mapping[str, str],
                record: Record | None = None) -> RowCheck:
    """The form's row judged as a file's row would be, plus key and uniqueness against the records in force."""
    runtime = current()
    code = str(institution.brin or "") or None

    def run() -> RowCheck:
        reference = runtime.reference() if profile.needs_reference else None
        return check_row(profile, raw, options, institution=code, reference=reference,
                         today=clock.now().date())

    result = await anyio.to_thread.run_sync(run)
    if result.values is None or result.key is None:
        return result
    own_id = int(record.id) if record is not None else None
    if not (len(result.key) == 1 and isinstance(result.key[0], RowKey)):
        taken = await Record.select(Record.id).where(
            (Record.institution == institution.id) & (Record.profile == profile.slug)
            & (Record.record_key == key_text(result.key)) & (Record.deleted == False)).first().run()  # noqa: E712
        if taken is not None and taken["id"] != own_id:
            first = profile.column(profile.record_key[0])
            result.add(first.field, "records.key-taken", column=first.header)
    unique = [column for column in profile.columns
              if column.unique and column.field not in profile.record_key and result.values.get(column.field)]
    if unique:
        rows = await Record.select(Record.id, Record.data).where(
            (Record.institution == institution.id) & (Record.profile == profile.slug)
            & (Record.deleted == False)).run()  # noqa: E712
        for column in unique:
            mine = comparable(result.values[column.field])
            if any(row["id"] != own_id and comparable(as_dict(row["data"]).get(column.field)) == mine
                   for row in rows):
                result.add(column.field, "records.value-taken", column=column.header)
    return result


def _new_key(result: RowCheck, record: Record | None) -> str:
    if result.key is None:
        raise ValueError("a checked row without a key")
    if len(result.key) == 1 and isinstance(result.key[0], RowKey):
        # No key values: a manual record keeps a key of its own (an edited one keeps the one it has).
        return str(record.record_key) if record is not None and str(record.record_key).startswith("#") else manual_key()
    return key_text(result.key)


def _checked(result: RowCheck) -> dict[str, Any]:
    if not result.ok or result.values is None:
        raise ValueError("only a row that passed its check is saved")
    return result.values


async def add_record(institution: Institution, profile: Profile, result: RowCheck, user: User) -> Record:
    """Save a checked new record (``result.ok``); a removed record with the same key comes back with its history.

    ``KeyTaken`` when a record with the key appeared since the check.
    """
    values = _checked(result)
    key = _new_key(result, None)
    now = clock.now()
    async with write_transaction(lock=False):
        row = await Record.objects().get((Record.institution == institution.id) & (Record.profile == profile.slug)
                                         & (Record.record_key == key))
        if row is not None and not row.deleted:
            raise KeyTaken()
        if row is not None:
            await Record.update({Record.data: values, Record.options: result.options, Record.deleted: False,
                                 Record.search: search_text(profile, values), Record.version: None,
                                 Record.updated_at: now}).where(Record.id == row.id).run()
            record_id = int(row.id)
        else:
            new = Record(institution=institution.id, profile=profile.slug, record_key=key, data=values,
                         options=result.options, status=initial_status(profile.slug),
                         search=search_text(profile, values), deleted=False, version=None, created_at=now,
                         updated_at=now)
            await new.save().run()
            record_id = int(new.id)
        await RecordRevision.insert(RecordRevision(
            record=record_id, institution=institution.id, action="add", changes=changes_between({}, values),
            source="manual", version=None, user=user.id, at=now)).run()
        await audit(user, "record.added", int(institution.id), target=f"record:{record_id}",
                    details={"profile": profile.slug})
    return await _reload(record_id)


async def change_record(institution: Institution, profile: Profile, record: Record, result: RowCheck, user: User
                        ) -> Record:
    """Save a checked edit; nothing is written when no value changed."""
    values = _checked(result)
    difference = changes_between(as_dict(record.data), values)
    if not difference:
        return record
    key = _new_key(result, record)
    now = clock.now()
    async with write_transaction(lock=False):
        if key != record.record_key:
            holder = await Record.objects().get((Record.institution == institution.id)
                                                & (Record.profile == profile.slug) & (Record.record_key == key))
            if holder is not None and not holder.deleted:
                raise KeyTaken()
            if holder is not None:  # a removed record held the key: it keeps its history under another name
                await Record.update({Record.record_key: f"#removed:{holder.id}"}).where(Record.id == holder.id).run()
        await Record.update({Record.data: values, Record.options: result.options, Record.record_key: key,
                             Record.search: search_text(profile, values), Record.version: None,
                             Record.updated_at: now}).where(Record.id == record.id).run()
        await RecordRevision.insert(RecordRevision(
            record=record.id, institution=institution.id, action="change", changes=difference, source="manual",
            version=None, user=user.id, at=now)).run()
        await audit(user, "record.changed", int(institution.id), target=f"record:{record.id}",
                    details={"profile": profile.slug, "fields": sorted(difference)})
    return await _reload(int(record.id))


async def delete_record(institution: Institution, record: Record, user: User) -> None:
    """Remove a record by hand: it leaves the list; its row and history stay (``deleted``)."""
    if record.deleted:
        return
    now = clock.now()
    async with write_transaction(lock=False):
        await Record.update({Record.deleted: True, Record.version: None, Record.updated_at: now}).where(
            Record.id == record.id).run()
        await RecordRevision.insert(RecordRevision(
            record=record.id, institution=institution.id, action="remove",
            changes=changes_between(as_dict(record.data), {}), source="manual", version=None, user=user.id,
            at=now)).run()
        await audit(user, "record.removed", int(institution.id), target=f"record:{record.id}",
                    details={"profile": str(record.profile)})


async def _reload(record_id: int) -> Record:
    fresh = await Record.objects().get(Record.id == record_id)
    if fresh is None:
        raise NotFoundException()
    return fresh


# -- reading -----------------------------------------------------------------------------------------------------


async def get_record(institution: Institution, profile_slug: str, record_id: int) -> Record:
    """The institution's record of ``profile_slug``; another institution's or a missing id is a 404 (A10)."""
    found = await Record.objects().get((Record.id == record_id) & (Record.institution == institution.id)
                                       & (Record.profile == profile_slug))
    if found is None:
        raise NotFoundException()
    return found


async def record_exists_elsewhere(record_id: int) -> bool:
    return bool(await Record.exists().where(Record.id == record_id).run())


@dataclass(frozen=True)
class Revision:
    """One line of a record's history."""

    id: int
    action: str
    changes: dict[str, list[Any]]
    source: str
    version_id: int | None
    version_number: int | None
    user_email: str
    at: datetime


async def revisions(record: Record) -> list[Revision]:
    """The record's revisions, newest first."""
    rows = await RecordRevision.select(
        RecordRevision.id, RecordRevision.action, RecordRevision.changes, RecordRevision.source,
        RecordRevision.version.id.as_alias("version_id"), RecordRevision.version.number.as_alias("version_number"),
        RecordRevision.user.email.as_alias("user_email"), RecordRevision.at,
    ).where((RecordRevision.record == record.id) & (RecordRevision.institution == record.institution)).order_by(
        RecordRevision.id, ascending=False).run()
    return [Revision(id=int(row["id"]), action=str(row["action"]),
                     changes={str(k): list(v) for k, v in as_dict(row["changes"]).items()},
                     source=str(row["source"]), version_id=row["version_id"], version_number=row["version_number"],
                     user_email=str(row["user_email"] or ""), at=row["at"]) for row in rows]


def provenance(history: list[Revision]) -> dict[str, Revision]:
    """field -> the (newest) revision that set its current value."""
    found: dict[str, Revision] = {}
    for revision in history:  # newest first
        if revision.action == "remove":
            continue
        for name in revision.changes:
            found.setdefault(name, revision)
    return found
