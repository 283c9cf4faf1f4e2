"""The CJP list as an Excel file (seed 002: "export excel"): the columns the records page shows.

Voornaam, Achternaam, E-mail, Leerjaar, Klasnaam (students), Status, Activatiecode — the values
as the page shows them, so the e-mail is masked like everywhere else on the platform (the school
hands codes out by name; records with an address were mailed by rosterdesk). Every cell is a
string cell written through ``importers.exports.cells.set_text`` (SECURITY.md F16): a name like
``=HYPERLINK(...)`` stays text in Excel.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from datetime import date
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from rosterdesk.importers.exports.cells import set_text
from rosterdesk.importers.profile import Profile
from rosterdesk.platform.cjp.texts import CODE_HEADER, HEADERS, STATUS_HEADER, STATUS_LABELS
from rosterdesk.platform.records.forms import shown

XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SHEET_NAMES = {"cjp-students": ("Studenten", "Students"), "cjp-teachers": ("Docenten", "Teachers")}


def headers(profile: Profile, lang: str) -> list[str]:
    index = 1 if lang == "en" else 0
    return ([HEADERS[column.field][index] for column in profile.columns]
            + [STATUS_HEADER[index], CODE_HEADER[index]])


def export_rows(profile: Profile, rows: Sequence[dict[str, Any]], codes: dict[int, str], lang: str = "nl"
                ) -> list[list[str]]:
    """The table as text, one list per record (in the order given)."""
    index = 1 if lang == "en" else 0

    def status(value: Any) -> str:
        pair = STATUS_LABELS.get(str(value))
        return pair[index] if pair else str(value)

    return [[shown(column, row["data"].get(column.field)) for column in profile.columns]
            + [status(row["status"]), codes.get(int(row["id"]), "")] for row in rows]


def workbook_bytes(profile: Profile, rows: Sequence[dict[str, Any]], codes: dict[int, str], lang: str) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET_NAMES.get(profile.slug, ("CJP", "CJP"))[1 if lang == "en" else 0]
    titles = headers(profile, lang)
    for index, title in enumerate(titles, start=1):
        cell = sheet.cell(row=1, column=index)
        set_text(cell, title)
        cell.font = Font(bold=True)
        sheet.column_dimensions[get_column_letter(index)].width = 18 if index < len(titles) else 20
    for row_number, values in enumerate(export_rows(profile, rows, codes, lang), start=2):
        for index, value in enumerate(values, start=1):
            set_text(sheet.cell(row=row_number, column=index), value)
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def filename(institution_name: str, profile: Profile, today: date, lang: str) -> str:
    """e.g. ``CJP-studenten Het Testcollege 2026-11-28.xlsx``: institution and date (seed: one file per export)."""
    name = re.sub(r"[^\w .-]+", "", institution_name).strip()[:80] or "rosterdesk"
    return f"{profile.title(lang)} {name} {today.isoformat()}.xlsx"
