"""Which records an action is about: the ticked ones, or every record matching the list's search and filter.

The records page sends the ticked ids (``record``, repeatable) or ``all=1`` with the list's
``q`` and ``status``. Every query is scoped to the institution (already checked by
``TenantScope``) and the profile, and only records in force count: an id of another
institution, another profile or a removed record is simply not among the results (A10).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from rosterdesk.importers.profile import Profile
from rosterdesk.platform.records.listing import ListQuery, in_force, matching, ordered
from rosterdesk.platform.records.tables import Record
from rosterdesk.platform.tenants.tables import Institution
from rosterdesk.platform.uploads.views import as_dict

MAX_IDS = 1_000
"""Far more ticked ids than a page shows (25); beyond this a form is not one of ours."""


@dataclass(frozen=True)
class Selection:
    ids: tuple[int, ...]
    everything: bool
    query: ListQuery

    @classmethod
    def parse(cls, profile: Profile, fields: Mapping[str, str], ids: Sequence[str]) -> Selection:
        chosen = tuple(dict.fromkeys(int(value) for value in ids[:MAX_IDS] if value.isdigit() and len(value) < 12))
        return cls(ids=chosen, everything=fields.get("all") == "1", query=ListQuery.parse(profile, fields))

    @property
    def empty(self) -> bool:
        return not self.everything and not self.ids


async def chosen_records(institution: Institution, profile: Profile, selection: Selection) -> list[dict[str, Any]]:
    """id, record_key, data (a dict), options (a dict) and status of the chosen records, in the list's order."""
    if selection.empty:
        return []
    where = (matching(institution, profile, selection.query) if selection.everything
             else in_force(institution, profile) & Record.id.is_in(list(selection.ids)))
    rows: list[dict[str, Any]] = await ordered(Record.select(
        Record.id, Record.record_key, Record.data, Record.options, Record.status).where(where),
        profile, selection.query).run()
    for row in rows:
        row["data"] = as_dict(row["data"])
        row["options"] = as_dict(row["options"])
    return rows
