"""What the annotated copy shows, worked out once from the report for every way of writing it.

Positions come from the issues: ``Issue.cell`` ("K17") marks a cell, ``Issue.row`` puts the
message in that row's issues column. Header-row issues (a misspelled header has cell "C1" but no
row) mark the header cell. Issues without a place (a missing column, a file-level rule) appear
only on the issues sheet, which lists every issue of the report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from openpyxl.utils import column_index_from_string

from rosterdesk.importers.exports import ISSUES_COLUMN_HEADERS, ISSUES_SHEET_NAMES
from rosterdesk.importers.exports.issue_list import HEADERS, issue_rows
from rosterdesk.importers.exports.text import bare_message, is_english, number, severity_word
from rosterdesk.importers.issues import Issue, Report, Severity
from rosterdesk.importers.profile import Profile

EXCEL_MAX_COLUMN = 16_384
EXCEL_MAX_ROW = 1_048_576
_CELL_REF = re.compile(r"([A-Z]{1,3})([0-9]{1,7})")

FILL_COLOURS: dict[Severity, str] = {"error": "FFFFC7CE", "warning": "FFFFEB9C"}
"""Excel's own "Bad" (light red) and "Neutral" (light amber) fills."""

SOURCE_NOTES: dict[str, tuple[str, str]] = {
    "csv": ("Dit is een Excel-kopie van uw CSV-bestand: alle waarden staan er als tekst in, precies zoals in het "
            "CSV-bestand. Verbeter de fouten in uw eigen bestand, of verwijder de meldingenkolom en dit tabblad en "
            "sla deze kopie op als CSV.",
            "This is an Excel copy of your CSV file: every value is in it as text, exactly as in the CSV file. Fix "
            "the errors in your own file, or delete the issues column and this sheet and save this copy as CSV."),
    "xls": ("Dit is een .xlsx-kopie van uw .xls-bestand met dezelfde waarden; opmaak en formules van het origineel "
            "zijn niet overgenomen.",
            "This is an .xlsx copy of your .xls file with the same values; the original's formatting and formulas "
            "were not copied."),
    "ods": ("Dit is een .xlsx-kopie van uw .ods-bestand met dezelfde waarden; opmaak en formules van het origineel "
            "zijn niet overgenomen.",
            "This is an .xlsx copy of your .ods file with the same values; the original's formatting and formulas "
            "were not copied."),
    "xlsx-values": ("Dit is een kopie van uw bestand met dezelfde waarden; opmaak en formules van het origineel zijn "
                    "niet overgenomen.",
                    "This is a copy of your file with the same values; the original's formatting and formulas were "
                    "not copied."),
    "xlsx": ("Dit is een kopie van uw bestand met dezelfde waarden en formules; de opmaak van het origineel is niet "
             "overgenomen.",
             "This is a copy of your file with the same values and formulas; the original's formatting was not "
             "copied."),
}


@dataclass
class CellNote:
    """The worst severity at one cell and the messages that explain it."""

    severity: Severity
    messages: list[str] = field(default_factory=list)


@dataclass
class Marks:
    """Everything the annotated copy adds to the user's sheet and its extra issues sheet."""

    lang: str
    header_row: int
    cells: dict[int, dict[int, CellNote]]
    """Row -> column -> note, both 1-based."""
    rows: dict[int, list[str]]
    """Data row -> the lines of its issues column."""
    issues_header: str
    issues_sheet_name: str
    intro: list[str]
    table_headers: tuple[str, ...]
    table: list[tuple[str, ...]]

    @property
    def touched_rows(self) -> set[int]:
        """Rows the sheet must change: marked cells, issues-column lines and the header row."""
        return set(self.cells) | set(self.rows) | {self.header_row}

    def issues_text(self, row: int) -> str | None:
        lines = self.rows.get(row)
        return "\n".join(lines) if lines else None

    def with_source_note(self, source: str) -> Marks:
        """A copy whose intro starts by saying the copy was rebuilt from a ``source`` file."""
        note = SOURCE_NOTES.get(source)
        if note is None:
            return self
        text = note[1] if is_english(self.lang) else note[0]
        return replace(self, intro=[self.intro[0], text, *self.intro[1:]])


def cell_position(ref: str | None) -> tuple[int, int] | None:
    """(row, column) of an A1 reference within Excel's grid, or None for anything else."""
    if not ref:
        return None
    match = _CELL_REF.fullmatch(ref)
    if match is None:
        return None
    column = column_index_from_string(match.group(1))
    row = int(match.group(2))
    if not (1 <= row <= EXCEL_MAX_ROW and 1 <= column <= EXCEL_MAX_COLUMN):
        return None
    return row, column


def _row_line(issue: Issue, lang: str) -> str:
    place = " ".join(part for part in (issue.column, f"({issue.cell})" if issue.cell else None) if part)
    bare = bare_message(issue, lang)
    return f"{place}: {bare}" if place else bare


def _intro(report: Report, profile: Profile, lang: str, issues_header: str) -> list[str]:
    en = is_english(lang)
    errors = int(report.stats.get("errors", 0))
    warnings = int(report.stats.get("warnings", 0))
    verdict = ("Valid" if en else "Geldig") if report.valid else ("Invalid" if en else "Ongeldig")
    lines = [
        f"{profile.title(lang)}: {verdict}, {number(errors, lang)} {severity_word('error', lang, errors)}, "
        f"{number(warnings, lang)} {severity_word('warning', lang, warnings)}",
        ("Red cells hold an error, amber cells a warning; the comment on a cell says what is wrong and how to fix "
         "it." if en else "Rode cellen bevatten een fout, oranje cellen een waarschuwing; de opmerking bij een cel "
                          "zegt wat er mis is en hoe u het oplost."),
        (f"The column '{issues_header}' to the right of your data lists the issues of each row. Delete that column "
         "and this sheet before you upload the file again." if en
         else f"De kolom '{issues_header}' rechts van uw gegevens noemt per rij de meldingen. Verwijder die kolom en "
              "dit tabblad voordat u het bestand opnieuw uploadt."),
    ]
    if report.truncated:
        lines.append("Only the first issues of each kind are marked; check the file again after fixing them to see "
                     "the rest." if en else "Alleen de eerste meldingen van elke soort zijn gemarkeerd; controleer "
                                            "het bestand opnieuw nadat u ze hebt opgelost om de rest te zien.")
    return lines


def build_marks(report: Report, profile: Profile, lang: str) -> Marks:
    """Work out fills, comments, issues-column lines and the issues sheet from ``report``."""
    cells: dict[int, dict[int, CellNote]] = {}
    rows: dict[int, list[str]] = {}
    for issue in report.issues:
        position = cell_position(issue.cell)
        if position is not None:
            row, column = position
            note = cells.setdefault(row, {}).setdefault(column, CellNote(issue.severity))
            if issue.severity == "error":
                note.severity = "error"
            note.messages.append(bare_message(issue, lang))
        if issue.row is not None and profile.header_row < issue.row <= EXCEL_MAX_ROW:
            rows.setdefault(issue.row, []).append(_row_line(issue, lang))
    issues_header = ISSUES_COLUMN_HEADERS["en" if is_english(lang) else "nl"]
    return Marks(
        lang=lang,
        header_row=profile.header_row,
        cells=cells,
        rows=rows,
        issues_header=issues_header,
        issues_sheet_name=ISSUES_SHEET_NAMES["en" if is_english(lang) else "nl"],
        intro=_intro(report, profile, lang, issues_header),
        table_headers=HEADERS["en" if is_english(lang) else "nl"],
        table=list(issue_rows(report, lang)),
    )
