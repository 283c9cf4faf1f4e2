"""Step 5's fate preview: the version's rows planned under a mode (``fates.plan_fates``), shaped for a page.

The version's rows come from its records file with their row numbers (``uploads.compare.
version_records``, the same reader the history's comparison uses); the engine's error issues
become error rows with their messages; the profile's row check (``students``) adds its own. The
plan covers every row, so the counts at the top are over the whole file; the table shows one
page of ``PAGE_SIZE`` rows, chosen on the server. Values are shown as the columns mask them
(e-mail), fields by the headers the user knows.
"""

from __future__ import annotations

import math
import shutil
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import anyio.to_thread

from rosterdesk.importers.issues import Report
from rosterdesk.importers.profile import Profile
from rosterdesk.platform.records.services import key_text
from rosterdesk.platform.roster.apply import records_in_force
from rosterdesk.platform.roster.fates import FATES, FatePlan, Incoming, RowFate, plan_fates
from rosterdesk.platform.roster.students import row_errors
from rosterdesk.platform.tenants.tables import Institution
from rosterdesk.platform.uploads.compare import FIELDS_SHOWN, Unavailable, field_label, version_records
from rosterdesk.platform.uploads.runtime import Runtime, current
from rosterdesk.platform.uploads.tables import Version
from rosterdesk.platform.uploads.views import stored_report
from rosterdesk.platform.web.i18n import translate

PAGE_SIZE = 50
ICONS = {"new": "+", "changed": "✎", "unchanged": "=", "skipped": "↷", "removed": "−", "error": "!"}
"""One symbol per fate, always beside its word (the word carries the meaning; the icon is aria-hidden)."""
SHOWN_FATES = {"new": ("new", "skipped", "error"), "update": ("new", "changed", "unchanged", "error"),
               "sync": ("new", "changed", "unchanged", "removed", "error")}
"""The fates a mode can give, counted at the top (the others are always 0 in that mode)."""


@dataclass
class FateRow:
    fate: str
    icon: str
    word: str
    row: str
    key: str
    summary: str
    changes: list[dict[str, str]]
    errors: list[str]


@dataclass
class FateView:
    """What ``roster/_fates.html`` shows."""

    mode: str
    counts: list[dict[str, Any]]
    rows: list[FateRow]
    page: int
    pages: int
    total: int
    blocked: bool
    error_count: int
    only: str = ""


def _incoming(runtime: Runtime, institution: Institution, version: Version, profile: Profile) -> list[Incoming]:
    """The version's rows (key, values, row number) from its records file, in a folder removed at once."""
    runtime.store.root.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="fates-", dir=runtime.store.root))
    try:
        records = version_records(runtime, institution, version, profile, folder)
        return [Incoming(key_text(record.key), record.as_dict(), record.row) for record in records]
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def engine_errors(report: Report | None, lang: str) -> dict[int, list[str]]:
    """row -> the check's error messages of that row (warnings never make an error row)."""
    found: dict[int, list[str]] = {}
    for issue in report.issues if report is not None else ():
        if issue.severity == "error" and issue.row is not None:
            found.setdefault(issue.row, []).append(f"{issue.where(lang)}: {issue.message(lang)}")
    return found


async def version_plan(institution: Institution, version: Version, profile: Profile, mode: str, lang: str
                       ) -> FatePlan | None:
    """The plan of the whole version under ``mode``; None when its records cannot be made (file gone)."""
    try:
        incoming = await anyio.to_thread.run_sync(_incoming, current(), institution, version, profile)
    except Unavailable:
        return None
    records = await records_in_force(int(institution.id), profile.slug)
    by_key = await row_errors(profile.slug, int(institution.id), incoming, lang)
    by_row = engine_errors(stored_report(version.report), lang)
    return plan_fates(incoming, records, mode, errors_by_row=by_row, errors_by_key=by_key)


def _shown(profile: Profile, name: str, value: Any) -> str:
    if value is None:
        return ""
    try:
        return profile.column(name).display(str(value))
    except KeyError:
        return str(value)


def _row_view(profile: Profile, fate: RowFate, lang: str) -> FateRow:
    values: Mapping[str, Any] = fate.values
    key = " / ".join(_shown(profile, name, values.get(name)) for name in profile.record_key)
    others = [f"{field_label(profile, name)}: {_shown(profile, name, value)}" for name, value in values.items()
              if value not in (None, "") and name not in profile.record_key][:FIELDS_SHOWN]
    changes = [{"field": field_label(profile, name), "before": _shown(profile, name, before),
                "after": _shown(profile, name, after)} for name, (before, after) in fate.changes.items()]
    return FateRow(fate=fate.fate, icon=ICONS[fate.fate], word=translate(f"fates.{fate.fate}", lang),
                   row="" if fate.row is None else str(fate.row), key=key, summary=" · ".join(others),
                   changes=changes if fate.fate == "changed" else [], errors=list(fate.errors))


def fate_view(profile: Profile, plan: FatePlan, page: int, lang: str, only: str = "") -> FateView:
    """One page of the plan's rows (of one fate when ``only`` names one; ``page`` clamped to the pages
    there are) and the counts over all rows."""
    rows = [fate for fate in plan.fates if fate.fate == only] if only in FATES else plan.fates
    total = len(rows)
    pages = max(math.ceil(total / PAGE_SIZE), 1)
    page = min(max(page, 1), pages)
    counts = [{"fate": fate, "icon": ICONS[fate], "word": translate(f"fates.{fate}", lang),
               "count": plan.counts[fate]} for fate in FATES if fate in SHOWN_FATES[plan.mode]]
    start = (page - 1) * PAGE_SIZE
    return FateView(mode=plan.mode, counts=counts, rows=[_row_view(profile, fate, lang) for fate in
                                                         rows[start:start + PAGE_SIZE]],
                    page=page, pages=pages, total=total, blocked=plan.blocked, error_count=plan.counts["error"],
                    only=only if only in FATES else "")


def mode_choices(modes: Sequence[str], chosen: str, lang: str) -> list[dict[str, Any]]:
    """The radio buttons of the import modes, with a line of help each."""
    return [{"value": mode, "label": translate(f"fates.mode-{mode}", lang),
             "help": translate(f"fates.mode-{mode}-help", lang), "checked": mode == chosen} for mode in modes]
