"""The history page's "compare two versions": the records' diff (``importers.diff``) shaped for a page.

A version's records are the engine's normalised values of its rows (``importers.records``): the
file the worker wrote beside the upload when it checked it (deleted with the upload, erased by
the privacy job), or, for a version checked before that file existed, written again by the engine
in the sandbox from the stored upload into a temporary folder that is removed at once. Versions
whose file is gone (discarded) or unreadable (structure-failed) cannot be compared;
the page says which one and what to choose instead.

Values are shown as ``RecordSet.display`` masks them (e-mail, BSN); field names as the column
headers the user knows from the file.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import anyio.to_thread

from rosterdesk.importers.diff import RecordDiff, diff_records
from rosterdesk.importers.errors import RosterdeskError
from rosterdesk.importers.profile import Profile
from rosterdesk.importers.records import Record, RecordSet, read_records
from rosterdesk.importers.validate import validate_file
from rosterdesk.platform.tenants.tables import Institution
from rosterdesk.platform.uploads.runtime import Runtime, current
from rosterdesk.platform.uploads.tables import Version
from rosterdesk.platform.uploads.tasks import build_request
from rosterdesk.platform.uploads.views import as_dict
from rosterdesk.platform.web.i18n import translate

SHOWN = 50
"""Records listed per kind (added, removed, changed); the counts are always exact."""
FIELDS_SHOWN = 4
COMPARABLE = ("invalid", "valid", "confirmed", "superseded", "failed", "received", "previewed", "checking")


class Unavailable(Exception):
    """This version's records cannot be made (no file, or a file the engine cannot read)."""

    def __init__(self, number: int) -> None:
        super().__init__(number)
        self.number = number


@dataclass
class FieldChange:
    field: str
    before: str
    after: str


@dataclass
class ChangeView:
    key: str
    fields: list[FieldChange] = field(default_factory=list)


@dataclass
class CompareView:
    """What ``_diff.html`` shows: version numbers, the first records of each kind, exact counts."""

    a: int
    b: int
    added: list[str]
    removed: list[str]
    changed: list[ChangeView]
    added_count: int
    removed_count: int
    changed_count: int
    unchanged_count: int
    keyed: bool


def field_label(profile: Profile, name: str) -> str:
    """A record field by the column header the user knows from the file."""
    try:
        return profile.column(name).header
    except KeyError:
        return name


def describe_record(records: RecordSet, record: Record, profile: Profile) -> str:
    """A record in one line: its key, then a few other filled-in fields (masked where sensitive)."""
    shown = records.display_record(record)
    key_fields = set(records.header.key)
    others = [f"{field_label(profile, name)}: {value}" for name, value in shown.items()
              if value and name not in key_fields][:FIELDS_SHOWN]
    return " · ".join([records.display_key(record.key), *others])


def changed_records(diff: RecordDiff, profile: Profile, shown: int) -> list[ChangeView]:
    """The first ``shown`` changed records, each with its changed fields (masked where sensitive)."""
    changed = []
    for change in diff.changed_page(0, shown):
        fields = [FieldChange(field_label(profile, name), before, after)
                  for name, (before, after) in diff.display_change(change).items()]
        changed.append(ChangeView(key=diff.display_key(change.key), fields=fields))
    return changed


def _view(diff: RecordDiff, old: Version, new: Version, profile: Profile) -> CompareView:
    summary = diff.summary()
    changed = changed_records(diff, profile, SHOWN)
    return CompareView(
        a=int(old.number), b=int(new.number),
        added=[describe_record(diff.new, record, profile) for record in diff.added_page(0, SHOWN)],
        removed=[describe_record(diff.old, record, profile) for record in diff.removed_page(0, SHOWN)],
        changed=changed, added_count=summary["added"], removed_count=summary["removed"],
        changed_count=summary["changed"], unchanged_count=summary["unchanged"], keyed=bool(profile.record_key))


def version_records(runtime: Runtime, institution: Institution, version: Version, profile: Profile, folder: Path
                    ) -> RecordSet:
    """This version's records: the file the worker wrote beside the upload when it checked it,
    else made again from the upload into ``folder`` (in the sandbox)."""
    if version.file_id:
        written = runtime.store.records_path(str(version.file_id))
        if written.is_file():
            return read_records(written)
    if version.state not in COMPARABLE or not runtime.store.exists(version.file_id):
        raise Unavailable(int(version.number))
    options = {str(k): str(v) for k, v in as_dict(version.options).items()}
    request = build_request(runtime, profile, str(institution.brin or ""), options, str(version.original_name),
                            structure_only=False)
    target = folder / f"v{version.number}.records.jsonl.gz"
    try:
        validate_file(runtime.store.path(str(version.file_id)), request, records_to=target)
        if not target.is_file():
            raise Unavailable(int(version.number))
        return read_records(target)
    except RosterdeskError:
        raise Unavailable(int(version.number)) from None


def _compare(runtime: Runtime, institution: Institution, old: Version, new: Version, profile: Profile
             ) -> CompareView:
    """Both versions' records in a private temporary folder, the diff, then the folder is gone."""
    runtime.store.root.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="compare-", dir=runtime.store.root))
    try:
        old_records = version_records(runtime, institution, old, profile, folder)
        new_records = version_records(runtime, institution, new, profile, folder)
        return _view(diff_records(old_records, new_records), old, new, profile)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


async def compare_versions(institution: Institution, old: Version, new: Version, profile: Profile, lang: str
                           ) -> tuple[CompareView | None, str | None]:
    """The difference from ``old`` to ``new`` (both already fetched through the scoped service),
    or the message saying which version cannot be compared."""
    runtime = current()
    try:
        view = await anyio.to_thread.run_sync(_compare, runtime, institution, old, new, profile)
    except Unavailable as exc:
        return None, translate("history.compare-unavailable", lang, number=exc.number)
    return view, None
