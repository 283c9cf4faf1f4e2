"""Reading and writing the column mappings: a version's own, and the ones an institution remembers.

Kept apart from the step's pages so the worker (``uploads.tasks``) can read a version's mapping
without importing the web side. Every query names the institution or a version the caller already
got through ``TenantScope``; nothing here crosses institutions.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from rosterdesk.importers.structure import header_key
from rosterdesk.platform import clock
from rosterdesk.platform.roster.mapping_tables import KEY_LENGTH, ColumnMapping, VersionMapping


@dataclass(frozen=True)
class StoredMapping:
    """What a version is checked with: the delimiter the user chose and header -> field (None: ignore)."""

    delimiter: str | None
    columns: dict[str, str | None]


async def version_mapping(version_id: int) -> StoredMapping | None:
    """The mapping stored with the version, or None when it has none (a profile without the step)."""
    row = await VersionMapping.select(VersionMapping.delimiter, VersionMapping.columns).where(
        VersionMapping.version == version_id).first().run()
    if row is None:
        return None
    columns = row["columns"]
    if isinstance(columns, str):
        columns = json.loads(columns or "{}")
    return StoredMapping(delimiter=str(row["delimiter"] or "") or None,
                         columns={str(k): (str(v) if v else None) for k, v in dict(columns).items()})


async def save_version_mapping(version_id: int, mapping: StoredMapping) -> None:
    """Store (or replace) the version's mapping; call inside the transaction that moves the version on."""
    await VersionMapping.delete().where(VersionMapping.version == version_id).run()
    await VersionMapping.insert(VersionMapping(version=version_id, delimiter=mapping.delimiter or "",
                                               columns=mapping.columns, created_at=clock.now())).run()


async def remembered(institution_id: int, profile: str) -> dict[str, str]:
    """header_key -> the field last chosen for it ('' for negeren), for this institution and profile."""
    rows = await ColumnMapping.select(ColumnMapping.header_key, ColumnMapping.field).where(
        (ColumnMapping.institution == institution_id) & (ColumnMapping.profile == profile)).run()
    return {str(row["header_key"]): str(row["field"] or "") for row in rows}


async def remember(institution_id: int, profile: str, columns: Mapping[str, str | None]) -> int:
    """Keep each header's chosen field for next time (one row per header_key, updated); returns how many.

    A header longer than the key column, or blank, is not remembered (it cannot be told apart).
    """
    now = clock.now()
    count = 0
    for header, target in columns.items():
        key = header_key(header)
        if not key or len(key) > KEY_LENGTH:
            continue
        row: dict[Any, Any] = {ColumnMapping.header: header[:KEY_LENGTH], ColumnMapping.field: target or "",
                               ColumnMapping.updated_at: now}
        await ColumnMapping.insert(ColumnMapping(institution=institution_id, profile=profile, header_key=key,
                                                 **{column._meta.name: value for column, value in row.items()})
                                   ).on_conflict(target=(ColumnMapping.institution, ColumnMapping.profile,
                                                         ColumnMapping.header_key),
                                                 action="DO UPDATE", values=list(row)).run()
        count += 1
    return count
