"""The issues of a report as a table: CSV and XLSX downloads.

Columns: rij/row, kolom/column, cel/cell, type, ernst/severity, waarde/value, melding/message.
The message leaves out its place (the first three columns say it). When only the first issues of
a kind were kept, one extra line per kind says how many are missing, so nobody mistakes the list
for complete.

The CSV is written the way Dutch Excel opens it with a double click: UTF-8 with a byte order mark
(without it Excel reads cp1252 and garbles é), ``;`` between fields (Dutch Excel's list
separator; ``,`` is its decimal comma), every field quoted, CRLF line ends. Both files are safe
against formula injection (see ``cells.py``); every XLSX cell is a string cell.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from rosterdesk.importers.exports import ISSUES_SHEET_NAMES
from rosterdesk.importers.exports.cells import csv_field, set_text
from rosterdesk.importers.exports.text import bare_message, is_english, number, severity_word
from rosterdesk.importers.issues import Report
from rosterdesk.importers.messages import language
from rosterdesk.importers.messages import title as type_title

HEADERS: dict[str, tuple[str, ...]] = {
    "nl": ("rij", "kolom", "cel", "type", "ernst", "waarde", "melding"),
    "en": ("row", "column", "cell", "type", "severity", "value", "message"),
}
SUMMARY_HEADERS: dict[str, tuple[str, ...]] = {
    "nl": ("soort", "type", "ernst", "aantal", "in de lijst"),
    "en": ("kind", "type", "severity", "count", "listed"),
}
SUMMARY_SHEET_NAMES = {"nl": "Samenvatting", "en": "Summary"}
WIDTHS = (8, 24, 9, 24, 14, 30, 100)
CSV_DELIMITER = ";"
CSV_VALUE_LIMIT = 32_767
"""Values are cut to what one Excel cell can show, in the CSV too."""


def issue_rows(report: Report, lang: str = "nl") -> Iterator[tuple[str, ...]]:
    """The table's rows (without the header), all text: one per kept issue, then one per cut-off kind."""
    lang = language(lang)
    for issue in report.issues:
        value = issue.value or ""
        if len(value) > CSV_VALUE_LIMIT:
            value = value[: CSV_VALUE_LIMIT - 1] + "…"
        yield ("" if issue.row is None else str(issue.row), issue.column or "", issue.cell or "", issue.type,
               severity_word(issue.severity, lang), value, bare_message(issue, lang))
    en = is_english(lang)
    for type_code, left_out in sorted(report.truncated.items()):
        total = number(report.counts[type_code], lang)
        left = number(left_out, lang)
        note = (f"{left} more issues of this kind are not listed ({total} in total)." if en
                else f"Nog {left} meldingen van deze soort staan niet in de lijst ({total} in totaal).")
        yield ("", "", "", type_code, severity_word(report.severity_of(type_code), lang), "", note)


def summary_rows(report: Report, lang: str = "nl") -> Iterator[tuple[str, ...]]:
    """Per kind of issue: title, type, severity, exact count and how many are in the list."""
    lang = language(lang)
    listed: dict[str, int] = {}
    for issue in report.issues:
        listed[issue.type] = listed.get(issue.type, 0) + 1
    for type_code, count in sorted(report.counts.items(), key=lambda item: (-item[1], item[0])):
        yield (type_title(type_code, lang), type_code, severity_word(report.severity_of(type_code), lang),
               number(count, lang), number(listed.get(type_code, 0), lang))


def issues_csv(report: Report, lang: str = "nl") -> bytes:
    """The issue list as CSV bytes for Excel: UTF-8 with BOM, ``;``-separated, all fields quoted."""
    lang = language(lang)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=CSV_DELIMITER, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(HEADERS[lang])
    for row in issue_rows(report, lang):
        writer.writerow([csv_field(text) for text in row])
    return buffer.getvalue().encode("utf-8-sig")


def _write_table(ws: Any, headers: tuple[str, ...], rows: Iterator[tuple[str, ...]],
                 widths: tuple[int, ...]) -> None:
    """Header in bold and frozen, an autofilter over the table, every cell a string cell."""
    bold = Font(bold=True)
    for index, text in enumerate(headers, start=1):
        cell = ws.cell(row=1, column=index)
        set_text(cell, text)
        cell.font = bold
    last_row = 1
    for last_row, row in enumerate(rows, start=2):
        for index, text in enumerate(row, start=1):
            if text:
                set_text(ws.cell(row=last_row, column=index), text)
    last_column = get_column_letter(len(headers))
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{last_column}{last_row}"
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width


def issues_xlsx(report: Report, lang: str = "nl") -> bytes:
    """The issue list as an xlsx workbook: the issues, then a summary with exact counts per kind."""
    lang = language(lang)
    workbook = Workbook()
    issues_sheet = workbook.active
    issues_sheet.title = ISSUES_SHEET_NAMES[lang]
    _write_table(issues_sheet, HEADERS[lang], issue_rows(report, lang), WIDTHS)
    summary = workbook.create_sheet(SUMMARY_SHEET_NAMES[lang])
    _write_table(summary, SUMMARY_HEADERS[lang], summary_rows(report, lang), (40, 28, 14, 12, 12))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
