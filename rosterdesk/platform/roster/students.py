"""The department participations' row check: the student must be a ``leerling`` of the institution's roster.

Seed 004: "Om afdelingsdeelnames te kunnen importeren, moeten leerlingen al wel als gebruiker
bekend zijn in het portal en het gebruikerstype Leerling hebben." The engine checks one file
alone, so this check reads the records in force of the roster import (``roster-csv``) of the
same institution: a record whose ``type`` is ``leerling``, or whose ``type`` is empty and that
was loaded with the switch "Toevoegen als leerling" (option ``add_as_student`` = ``J``). A
student removed from the roster (``deleted``) does not exist any more.

``ROW_CHECKS`` maps a profile slug to its check; the fates (``roster.fates``) turn the messages
into error rows.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from rosterdesk.importers.records import comparable
from rosterdesk.platform.records.services import BATCH, key_text
from rosterdesk.platform.records.tables import Record
from rosterdesk.platform.roster.fates import Incoming
from rosterdesk.platform.uploads.views import as_dict
from rosterdesk.platform.web.i18n import translate

ROSTER = "roster-csv"
DEPARTMENTS = "roster-departments"

RowCheck = Callable[[int, Sequence[Incoming], str], Awaitable[dict[str, list[str]]]]


def is_student(data: dict[str, Any], options: dict[str, Any]) -> bool:
    """A roster record of a ``leerling``: by its type, or without one by the "add as student" switch."""
    kind = str(data.get("type") or "").strip().lower()
    if kind:
        return kind == "leerling"
    return str(options.get("add_as_student") or "").upper() == "J"


async def student_errors(institution_id: int, rows: Sequence[Incoming], lang: str) -> dict[str, list[str]]:
    """key -> messages for every row whose ``leerlingcode`` is no student of the institution's roster."""
    codes = {row.key: str(row.values.get("leerlingcode") or "") for row in rows}
    wanted = sorted({key_text((comparable(code),)) for code in codes.values() if code})
    found: dict[str, bool] = {}
    for start in range(0, len(wanted), BATCH):
        batch = wanted[start:start + BATCH]
        for record in await Record.select(Record.record_key, Record.data, Record.options).where(
                (Record.institution == institution_id) & (Record.profile == ROSTER)
                & (Record.deleted == False) & Record.record_key.is_in(batch)).run():  # noqa: E712
            found[str(record["record_key"])] = is_student(as_dict(record["data"]), as_dict(record["options"]))
    errors: dict[str, list[str]] = {}
    for key, code in codes.items():
        student = found.get(key_text((comparable(code),)))
        if student is None:
            errors[key] = [translate("fates.unknown-student", lang, code=code)]
        elif not student:
            errors[key] = [translate("fates.not-a-student", lang, code=code)]
    return errors


ROW_CHECKS: dict[str, RowCheck] = {DEPARTMENTS: student_errors}


async def row_errors(profile_slug: str, institution_id: int, rows: Sequence[Incoming], lang: str = "nl"
                     ) -> dict[str, list[str]]:
    """The profile's row check (none: no errors)."""
    check = ROW_CHECKS.get(profile_slug)
    return await check(institution_id, rows, lang) if check is not None else {}
