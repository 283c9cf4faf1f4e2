"""The change a held version would make to the records in force: counts for the hold, and a view for the page.

A version's records come from ``uploads.compare.version_records`` (the worker's records file, or
made again in a private temporary folder removed at once), the records in force from
``records.services.current_records``; the page's lines are shaped by the same helpers as the
history's compare (values masked as ``RecordSet.display`` does, fields by their column headers).
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import anyio.to_thread

from rosterdesk.importers.diff import RecordDiff, diff_records
from rosterdesk.importers.profile import Profile
from rosterdesk.importers.records import RecordSet
from rosterdesk.platform.tenants.tables import Institution
from rosterdesk.platform.uploads.compare import ChangeView as RecordChange
from rosterdesk.platform.uploads.compare import Unavailable, changed_records, describe_record, version_records
from rosterdesk.platform.uploads.runtime import current
from rosterdesk.platform.uploads.tables import Version

SHOWN = 20
"""Records listed per kind (added, removed, changed) on the review page; the counts are always exact."""


@dataclass(frozen=True)
class ChangeCounts:
    """How many records the version adds, removes, changes and keeps, against ``old`` records in force."""

    added: int
    removed: int
    changed: int
    unchanged: int
    old: int
    new: int

    @property
    def share(self) -> float:
        """Removed plus changed, in percent of the records in force (0 when there are none)."""
        return 100.0 * (self.removed + self.changed) / self.old if self.old else 0.0

    def to_json(self) -> dict[str, Any]:
        return {"added": self.added, "removed": self.removed, "changed": self.changed, "unchanged": self.unchanged,
                "old": self.old, "new": self.new, "share": round(self.share, 1)}

    @classmethod
    def of(cls, diff: RecordDiff) -> ChangeCounts:
        summary = diff.summary()
        return cls(added=summary["added"], removed=summary["removed"], changed=summary["changed"],
                   unchanged=summary["unchanged"], old=summary["old"], new=summary["new"])


@dataclass
class ChangeView:
    """What ``review/_change.html`` shows: the first records of each kind, the exact counts."""

    counts: ChangeCounts
    added: list[str]
    removed: list[str]
    changed: list[RecordChange]
    keyed: bool


async def current_set(institution: Institution, profile: Profile, folder: Path) -> RecordSet | None:
    """The records in force of ``institution`` for ``profile`` as a record set, None when there are none."""
    from rosterdesk.platform.records.services import current_records  # noqa: PLC0415 - records imports uploads

    found = await current_records(institution, profile.slug, folder)
    if found is None or not len(found):
        return None
    return found


def _view(diff: RecordDiff, profile: Profile) -> ChangeView:
    return ChangeView(counts=ChangeCounts.of(diff),
                      added=[describe_record(diff.new, record, profile) for record in diff.added_page(0, SHOWN)],
                      removed=[describe_record(diff.old, record, profile) for record in diff.removed_page(0, SHOWN)],
                      changed=changed_records(diff, profile, SHOWN), keyed=bool(profile.record_key))


async def _with_diff(institution: Institution, version: Version, profile: Profile, *, view: bool
                     ) -> ChangeCounts | ChangeView | None:
    runtime = current()
    runtime.store.root.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="review-", dir=runtime.store.root))
    try:
        old = await current_set(institution, profile, folder)
        if old is None:
            return None

        def work() -> ChangeCounts | ChangeView:
            diff = diff_records(old, version_records(runtime, institution, version, profile, folder))
            return _view(diff, profile) if view else ChangeCounts.of(diff)

        try:
            return await anyio.to_thread.run_sync(work)
        except Unavailable:
            return None
    finally:
        shutil.rmtree(folder, ignore_errors=True)


async def change_counts(institution: Institution, version: Version, profile: Profile) -> ChangeCounts | None:
    """The counts of the version against the records in force; None when there are none (a first version)
    or the version's records cannot be made (its file is gone)."""
    result = await _with_diff(institution, version, profile, view=False)
    return result if isinstance(result, ChangeCounts) else None


async def change_view(institution: Institution, version: Version, profile: Profile) -> ChangeView | None:
    """The change for the review page: first ``SHOWN`` of each kind, masked; None as for ``change_counts``."""
    result = await _with_diff(institution, version, profile, view=True)
    return result if isinstance(result, ChangeView) else None
