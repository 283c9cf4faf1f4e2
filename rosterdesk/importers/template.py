"""The downloadable Excel template of a profile, written from the same declaration the checks use.

One source for the rules means the template cannot drift from the checks: the header row holds
the exact header texts, the preamble rows (CJP: "Verplicht"/"Optioneel" and a hint per column,
seed 002) come from ``Profile.preamble``, and every column gets what helps people fill it in
right the first time:

- a Text number format (``@``) on code and text columns, so Excel keeps ``00`` and ``0123`` and
  does not turn ``1-2`` into a date or ``=...`` into a formula;
- a real date format on date columns and plain numbers on whole-number columns;
- a dropdown (list validation) for fixed values, a whole-number or text-length rule where the
  column has one, and an input message with the column's help text, over ``VALIDATION_ROWS`` rows;
- one example row (with a note that it must be overwritten or deleted);
- a second sheet, "Uitleg" / "Explanation", explaining every column in Dutch and English.

The template validates against its own profile (tests/unit/test_template.py).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from rosterdesk.importers.columns import Column
from rosterdesk.importers.exports.cells import set_text
from rosterdesk.importers.kinds import Date, Integer, YesNo
from rosterdesk.importers.messages import language
from rosterdesk.importers.profile import Profile

VALIDATION_ROWS = 10_000
"""How many rows below the header get the dropdowns and rules."""

EXPLANATION_SHEET_NAMES: dict[str, str] = {"nl": "Uitleg", "en": "Explanation"}
"""Name of the template's explanation sheet; readers may skip it without a warning."""

DATE_FORMAT = "DD-MM-YYYY"
TEXT_FORMAT = "@"
INLINE_LIST_LIMIT = 255
"""Excel's limit on a list validation written inline ("J,N"); longer lists go on the explanation sheet."""

_HEADER_FILL = PatternFill("solid", fgColor="FFD9E1F2")
_PREAMBLE_FONT = Font(italic=True, color="FF595959")
_BOLD = Font(bold=True)
_TITLE = Font(bold=True, size=14)
_WRAP_TOP = Alignment(wrap_text=True, vertical="top")

_FORMATS_TEXT: dict[str, tuple[str, str]] = {
    "xlsx": ("Excel-werkmap (.xlsx)", "Excel workbook (.xlsx)"),
    "xls": ("Excel 97-2003 (.xls)", "Excel 97-2003 (.xls)"),
    "ods": ("OpenDocument (.ods)", "OpenDocument (.ods)"),
    "csv": ("CSV UTF-8 (bij voorkeur met tabs gescheiden)", "CSV UTF-8 (preferably tab-separated)"),
}


def _en(lang: str) -> bool:
    return lang == "en"


def _example_value(column: Column) -> tuple[Any, str]:
    """The example as the cell should hold it, and the column's number format."""
    kind = column.kind
    if isinstance(kind, Integer):
        try:
            return (int(column.example) if column.example else None), "0"
        except ValueError:
            return column.example, TEXT_FORMAT
    if isinstance(kind, Date):
        value = Date.to_date(column.example, column.example) if column.example else None
        return (value if value is not None else column.example or None), DATE_FORMAT
    return (column.example or None), TEXT_FORMAT


def _width(*texts: str) -> float:
    longest = max((len(text) for text in texts if text), default=8)
    return float(min(max(longest + 2, 10), 45))


def _preamble_text(kind: str, column: Column, lang: str) -> str:
    if kind == "required":
        if _en(lang):
            return "Required" if column.required else "Optional"
        return "Verplicht" if column.required else "Optioneel"
    return column.help(lang) or column.rule(lang)


def _validation(column: Column, letter: str, first_row: int, lang: str, list_source: str | None) -> DataValidation:
    """The dropdown or rule of one column, always with its help text as input message."""
    en = _en(lang)
    kind = column.kind
    choices = column.choices
    validation: DataValidation
    if choices:
        inline = '"' + ",".join(choices) + '"'
        formula = list_source or inline
        validation = DataValidation(type="list", formula1=formula, allow_blank=True)
        validation.error = (f"Choose one of: {', '.join(choices)}" if en else f"Kies een van: {', '.join(choices)}")
        validation.errorStyle = "warning" if isinstance(kind, YesNo) and (kind.extra_yes or kind.extra_no) else "stop"
    elif isinstance(kind, Integer) and kind.minimum is not None and kind.maximum is not None:
        validation = DataValidation(type="whole", operator="between", formula1=str(kind.minimum),
                                    formula2=str(kind.maximum), allow_blank=True)
        validation.error = column.rule(lang)
        validation.errorStyle = "stop"
    elif column.max_length:
        validation = DataValidation(type="textLength", operator="lessThanOrEqual", formula1=str(column.max_length),
                                    allow_blank=True)
        validation.error = column.rule(lang)
        validation.errorStyle = "stop"
    else:
        validation = DataValidation(allow_blank=True)
    validation.errorTitle = (column.header if len(column.header) <= 32 else column.header[:31] + "…")
    validation.promptTitle = validation.errorTitle
    prompt = column.help(lang) or column.rule(lang)
    validation.prompt = prompt if len(prompt) <= 255 else prompt[:254] + "…"
    validation.showInputMessage = True
    validation.showErrorMessage = validation.type is not None
    if validation.error and len(validation.error) > 255:
        validation.error = validation.error[:254] + "…"
    validation.add(f"{letter}{first_row}:{letter}{first_row + VALIDATION_ROWS - 1}")
    return validation


def _needs_list_sheet(column: Column) -> bool:
    choices = column.choices
    return bool(choices) and (any("," in c or '"' in c for c in choices)
                              or len(",".join(choices)) + 2 > INLINE_LIST_LIMIT)


def _write_data_sheet(ws: Any, profile: Profile, lang: str, list_sources: dict[str, str]) -> None:
    header_row = profile.header_row
    example_row = header_row + 1
    for index, column in enumerate(profile.columns, start=1):
        letter = get_column_letter(index)
        for row, kind in enumerate(profile.preamble, start=1):
            cell = ws.cell(row=row, column=index)
            set_text(cell, _preamble_text(kind, column, lang))
            cell.font = _PREAMBLE_FONT
            cell.alignment = _WRAP_TOP
        header = ws.cell(row=header_row, column=index)
        set_text(header, column.header)
        header.font = _BOLD
        header.fill = _HEADER_FILL

        value, number_format = _example_value(column)
        dimension = ws.column_dimensions[letter]
        dimension.number_format = number_format
        dimension.width = _width(column.header, column.example,
                                 *(_preamble_text(kind, column, lang) for kind in profile.preamble))
        if isinstance(value, str):
            set_text(ws.cell(row=example_row, column=index), value, number_format=number_format)
        elif value is not None:
            cell = ws.cell(row=example_row, column=index, value=value)
            cell.number_format = number_format
        ws.add_data_validation(_validation(column, letter, example_row, lang, list_sources.get(column.field)))
    if "hint" in profile.preamble:
        ws.row_dimensions[profile.preamble.index("hint") + 1].height = 60
    note = ("Example row: overwrite or delete it before you upload the file." if _en(lang)
            else "Voorbeeldrij: overschrijf of verwijder deze rij voordat u het bestand uploadt.")
    ws.cell(row=example_row, column=1).comment = Comment(note, "rosterdesk", height=60, width=260)
    ws.freeze_panes = f"A{example_row}"


def _instructions(profile: Profile, lang: str) -> list[str]:
    en = _en(lang)
    example_row = profile.header_row + 1
    formats = " / ".join(_FORMATS_TEXT[fmt][1 if en else 0] for fmt in sorted(profile.formats) if fmt in _FORMATS_TEXT)
    if en:
        return [
            f"Fill in the data on the sheet '{profile.sheet_name}' from row {example_row}, one row per person.",
            f"Keep the column headers in row {profile.header_row} exactly as they are: spelling, capitals, order.",
            f"Row {example_row} is an example: overwrite or delete it before you upload the file.",
            "Do not use formulas; paste data from another file as values (Paste Special > Values).",
            "Code columns are formatted as text so that leading zeros stay; keep them that way.",
            f"Save the file as: {formats}.",
        ]
    return [
        f"Vul de gegevens in op het tabblad '{profile.sheet_name}' vanaf rij {example_row}, één rij per persoon.",
        f"Laat de kolomkoppen in rij {profile.header_row} precies zoals ze zijn: spelling, hoofdletters, volgorde.",
        f"Rij {example_row} is een voorbeeld: overschrijf of verwijder die rij voordat u het bestand uploadt.",
        "Gebruik geen formules; plak gegevens uit een ander bestand als waarden (Plakken speciaal > Waarden).",
        "Codekolommen zijn als tekst opgemaakt, zodat voorloopnullen blijven staan; houd dat zo.",
        f"Sla het bestand op als: {formats}.",
    ]


EXPLANATION_HEADERS = ("Kolom / Column", "Verplicht / Required", "Regel", "Rule", "Uitleg", "Explanation",
                       "Voorbeeld / Example", "Toegestane waarden / Allowed values")
EXPLANATION_WIDTHS = (24, 12, 40, 40, 45, 45, 20, 40)


def _write_explanation(ws: Any, profile: Profile, lang: str) -> int:
    """The explanation sheet; returns the first free column (for long dropdown lists)."""
    other = "nl" if _en(lang) else "en"
    rows: list[tuple[str, Any]] = [(profile.title(lang), _TITLE), (profile.title(other), _BOLD),
                                   (profile.description(lang), None), (profile.description(other), None), ("", None)]
    rows += [(line, None) for line in _instructions(profile, lang)]
    rows.append(("", None))
    rows += [(line, None) for line in _instructions(profile, other)]
    rows.append(("", None))
    for number, (text, font) in enumerate(rows, start=1):
        if text:
            cell = ws.cell(row=number, column=1)
            set_text(cell, text, number_format=None)
            if font is not None:
                cell.font = font
    table_row = len(rows) + 1
    for index, text in enumerate(EXPLANATION_HEADERS, start=1):
        cell = ws.cell(row=table_row, column=index)
        set_text(cell, text, number_format=None)
        cell.font = _BOLD
        cell.fill = _HEADER_FILL
    for number, column in enumerate(profile.columns, start=table_row + 1):
        values = (column.header, "ja / yes" if column.required else "nee / no", column.rule("nl"), column.rule("en"),
                  column.help("nl"), column.help("en"), column.example, ", ".join(column.choices))
        for index, text in enumerate(values, start=1):
            if text:
                cell = ws.cell(row=number, column=index)
                set_text(cell, text, number_format=None)
                cell.alignment = _WRAP_TOP
    for index, width in enumerate(EXPLANATION_WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.freeze_panes = f"A{table_row + 1}"
    return len(EXPLANATION_HEADERS) + 2


def _write_lists(ws: Any, columns: Sequence[Column], first_column: int) -> dict[str, str]:
    """Long dropdown lists as columns on the explanation sheet; field -> range for the validation."""
    sources: dict[str, str] = {}
    for offset, column in enumerate(columns):
        index = first_column + offset
        letter = get_column_letter(index)
        cell = ws.cell(row=1, column=index)
        set_text(cell, column.header, number_format=None)
        cell.font = _BOLD
        for row, choice in enumerate(column.choices, start=2):
            set_text(ws.cell(row=row, column=index), choice)
        last = len(column.choices) + 1
        sources[column.field] = f"{quote_sheetname(ws.title)}!${letter}$2:${letter}${last}"
    return sources


def _explanation_title(profile: Profile, lang: str) -> str:
    title = EXPLANATION_SHEET_NAMES[lang]
    return title if title.casefold() != profile.sheet_name.casefold() else f"{title} (2)"


def build_template(profile: Profile, lang: str = "nl") -> Workbook:
    """The template as an openpyxl workbook (data sheet first and active)."""
    lang = language(lang)
    workbook = Workbook()
    data = workbook.active
    data.title = profile.sheet_name
    explanation = workbook.create_sheet(_explanation_title(profile, lang))
    first_free = _write_explanation(explanation, profile, lang)
    long_lists = [column for column in profile.columns if _needs_list_sheet(column)]
    list_sources = _write_lists(explanation, long_lists, first_free)
    _write_data_sheet(data, profile, lang, list_sources)
    workbook.active = 0
    return workbook


def write_template(profile: Profile, path_or_buffer: str | Path | IO[bytes], lang: str = "nl") -> None:
    """Write the template of ``profile`` as xlsx to a path or a binary file object."""
    build_template(profile, lang).save(path_or_buffer)


def template_bytes(profile: Profile, lang: str = "nl") -> bytes:
    """The template as xlsx bytes, for a download response."""
    buffer = io.BytesIO()
    write_template(profile, buffer, lang)
    return buffer.getvalue()


def template_filename(profile: Profile, lang: str = "nl") -> str:
    """A download name like ``sjabloon-cjp-students.xlsx`` / ``template-cjp-students.xlsx``."""
    stem = "template" if language(lang) == "en" else "sjabloon"
    return f"{stem}-{profile.slug}.xlsx"
