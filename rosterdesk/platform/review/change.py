"""The change a held version would make to the records in force: counts for the hold, and a view for the page.

A version's records are made by the engine from its stored file, in the sandbox, into a private
temporary folder inside the upload store that is removed at once (as the history's compare does:
personal data must not pile up in a cache no retention rule knows about). The records in force
come from ``records.services.current_records``. Values are shown as ``RecordSet.display`` masks
them (BSN, e-mail); field names as the column headers the user knows from the file.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import anyio.to_thread

from rosterdesk.importers.diff import RecordDiff, diff_records
from rosterdesk.importers.profile import Profile
from rosterdesk.importers.records import Record, RecordSet, read_records
from rosterdesk.platform.tenants.tables import Institution
from rosterdesk.platform.uploads.compare import Unavailable
from rosterdesk.platform.uploads.compare import _records as version_records
from rosterdesk.platform.uploads.runtime import Runtime, current
from rosterdesk.platform.uploads.tables import Version

SHOWN = 20
"""Records listed per kind (added, removed, changed) on the review page; the counts are always exact."""
FIELDS_SHOWN = 4


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
class FieldChange:
    field: str
    before: str
    after: str


@dataclass
class RecordChange:
    key: str
    fields: list[FieldChange] = field(default_factory=list)


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


def _version_set(runtime: Runtime, institution: Institution, version: Version, profile: Profile, folder: Path
                 ) -> RecordSet:
    """The version's records: the file the worker wrote beside the upload, else made again from the upload."""
    records_path = getattr(runtime.store, "records_path", None)  # the file the worker writes (records.services)
    if version.file_id and records_path is not None:
        path = records_path(str(version.file_id))
        if path.is_file():
            return read_records(path)
    return version_records(runtime, institution, version, profile, folder)


def _label(profile: Profile, name: str) -> str:
    try:
        return profile.column(name).header
    except KeyError:
        return name


def _describe(records: RecordSet, record: Record, profile: Profile) -> str:
    shown = records.display_record(record)
    key_fields = set(records.header.key)
    others = [f"{_label(profile, name)}: {value}" for name, value in shown.items()
              if value and name not in key_fields][:FIELDS_SHOWN]
    return " · ".join([records.display_key(record.key), *others])


def _view(diff: RecordDiff, profile: Profile) -> ChangeView:
    changed = []
    for change in diff.changed_page(0, SHOWN):
        fields = [FieldChange(_label(profile, name), before, after)
                  for name, (before, after) in diff.display_change(change).items()]
        changed.append(RecordChange(key=diff.display_key(change.key), fields=fields))
    return ChangeView(counts=ChangeCounts.of(diff),
                      added=[_describe(diff.new, record, profile) for record in diff.added_page(0, SHOWN)],
                      removed=[_describe(diff.old, record, profile) for record in diff.removed_page(0, SHOWN)],
                      changed=changed, keyed=bool(profile.record_key))


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
            diff = diff_records(old, _version_set(runtime, institution, version, profile, folder))
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
