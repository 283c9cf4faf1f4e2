"""The annotated copy as a new xlsx, written from the values of the original.

Used when there is no xlsx to edit (CSV, .xls, .ods) and for the rare xlsx the streaming patcher
refuses. The rows are first written as a plain xlsx by a small streaming writer (openpyxl's own
writer needs ~45 s for 100,000 x 23 cells; this one a few seconds), and then the same patcher that
annotates uploaded workbooks adds the fills, comments, issues column and issues sheet. So there
is one way of annotating, whatever the input. The rules for the values:

- CSV: every value is written as text exactly as in the file (``0123`` keeps its zero, ``=1+1``
  stays text), so that the copy checks the same as the CSV did;
- .xls/.ods: values as python-calamine reads them (numbers, dates, text); formulas become their
  last computed values, formatting is not copied;
- xlsx (fallback): values and formulas as openpyxl reads them; formatting is not copied.

Texts an xlsx cannot hold are stored the way Excel stores them (``cells.xlsx_text``); texts longer
than Excel's 32,767 characters are cut. Text that looks like a formula gets Excel's quote prefix.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import math
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Protocol
from xml.sax.saxutils import escape, quoteattr

import openpyxl
import python_calamine
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel

from rosterdesk.importers.exports.cells import looks_like_formula, xlsx_text
from rosterdesk.importers.exports.marks import Marks
from rosterdesk.importers.exports.ooxml import MAIN_NS
from rosterdesk.importers.exports.xlsx_patch import patch_xlsx

CSV_FIELD_LIMIT = 16 * 1024 * 1024
DELIMITERS = ("\t", ";", ",", "|")


def load_workbook(path: Path, **options: Any) -> Any:
    """openpyxl's reader, only while it parses XML through defusedxml (SECURITY.md: XXE and
    billion laughs). Without defusedxml installed openpyxl silently falls back to the plain
    parser; refusing then is safer than reading a hostile workbook with it."""
    require_defused_xml()
    return openpyxl.load_workbook(path, **options)


def require_defused_xml() -> None:
    """Raise when openpyxl would parse XML without defusedxml (checked at start and before use)."""
    if not openpyxl.DEFUSEDXML:
        raise RuntimeError("openpyxl is not using defusedxml: install defusedxml (a rosterdesk dependency)")
_INVALID_TITLE = str.maketrans(dict.fromkeys("[]:*?/\\", " "))


@dataclass(frozen=True)
class Formula:
    """A formula read from the original (``"=SUM(A1:A3)"``), to be written back as a formula."""

    text: str


@dataclass(frozen=True)
class ErrorValue:
    """An Excel error value read from the original (``#N/A``), written back as one."""

    text: str


class RowSource(Protocol):
    """Rows of one sheet, from row 1, as lists of values (None for an empty cell)."""

    name: str | None

    def rows(self) -> Iterator[Sequence[Any]]: ...


# -- sources ----------------------------------------------------------------------------------------


class CalamineSource:
    """An .xls, .ods or xlsx sheet through python-calamine (values only)."""

    def __init__(self, path: Path, preferred: Sequence[str]) -> None:
        self.path = path
        workbook = python_calamine.CalamineWorkbook.from_path(str(path))
        names = [name for name in preferred if name in workbook.sheet_names]
        names += [meta.name for meta in workbook.sheets_metadata
                  if meta.visible == python_calamine.SheetVisibleEnum.Visible]
        self.name: str | None = names[0] if names else next(iter(workbook.sheet_names), None)

    def rows(self) -> Iterator[Sequence[Any]]:
        workbook = python_calamine.CalamineWorkbook.from_path(str(self.path))
        sheet = workbook.get_sheet_by_name(self.name) if self.name else workbook.get_sheet_by_index(0)
        for row in sheet.to_python(skip_empty_area=False):
            yield [None if value == "" else value for value in row]


class OpenpyxlSource:
    """An xlsx sheet through openpyxl's read-only mode: values, formulas as ``Formula``."""

    def __init__(self, path: Path, preferred: Sequence[str]) -> None:
        self.path = path
        workbook = load_workbook(path, read_only=True, keep_links=False)
        try:
            names = list(workbook.sheetnames)
        finally:
            workbook.close()
        self.name: str | None = next((name for name in preferred if name in names), names[0] if names else None)

    def rows(self) -> Iterator[Sequence[Any]]:
        workbook = load_workbook(self.path, read_only=True, keep_links=False)
        try:
            sheet = workbook[self.name] if self.name else workbook.worksheets[0]
            sheet.reset_dimensions()  # trust the cells, not a <dimension> that may understate them
            for row in sheet.iter_rows():
                yield [_openpyxl_value(cell) for cell in row]
        finally:
            workbook.close()


def _openpyxl_value(cell: Any) -> Any:
    if cell.data_type == "f":
        value = cell.value
        return Formula(value if isinstance(value, str) else str(getattr(value, "text", "") or ""))
    if cell.data_type == "e":
        return ErrorValue(str(cell.value))
    return cell.value


def _csv_encoding(path: Path, stated: str | None) -> str:
    with path.open("rb") as file:
        head = file.read(1 << 20)
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if stated:
        try:
            return codecs.lookup(stated).name
        except LookupError:
            pass
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8"


class CsvSource:
    """A CSV file as text rows, with the encoding and delimiter the check used (or detected again)."""

    name: str | None = None

    def __init__(self, path: Path, encoding: str | None, delimiter: str | None) -> None:
        self.path = path
        self.encoding = _csv_encoding(path, encoding)
        self.delimiter = delimiter if delimiter in DELIMITERS else self._detect_delimiter()

    def _detect_delimiter(self) -> str:
        with self.path.open(encoding=self.encoding, errors="replace", newline="") as file:
            first = file.readline()
        counts = {delimiter: first.count(delimiter) for delimiter in DELIMITERS}
        best = max(counts, key=lambda delimiter: counts[delimiter])
        return best if counts[best] else ","

    def rows(self) -> Iterator[Sequence[Any]]:
        if csv.field_size_limit() < CSV_FIELD_LIMIT:
            csv.field_size_limit(CSV_FIELD_LIMIT)
        with self.path.open(encoding=self.encoding, errors="replace", newline="") as file:
            for record in csv.reader(file, delimiter=self.delimiter):
                yield [value if value != "" else None for value in record]


# -- a plain xlsx, streamed -------------------------------------------------------------------------

# Cell formats of the plain workbook: 0 General, 1 text with quote prefix, 2 date, 3 date and time,
# 4 time, 5 duration.
_STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="{MAIN_NS}"><numFmts count="2"><numFmt numFmtId="164" formatCode="dd\\-mm\\-yyyy"/><numFmt numFmtId="165" formatCode="dd\\-mm\\-yyyy\\ hh:mm"/></numFmts><fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="6"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" quotePrefix="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="21" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="46" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>"""  # noqa: E501

_CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>"""  # noqa: E501

_ROOT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"""  # noqa: E501

_WORKBOOK_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"""  # noqa: E501

_WORKBOOK = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="{main}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><bookViews><workbookView activeTab="0"/></bookViews><sheets><sheet name={name} sheetId="1" r:id="rId1"/></sheets></workbook>"""  # noqa: E501


def sheet_title(name: str | None, fallback: str) -> str:
    """A valid sheet title: no ``[]:*?/\\``, at most 31 characters, never empty."""
    title = (name or fallback).translate(_INVALID_TITLE).strip()[:31]
    return title or fallback[:31]


def _cell(ref: str, value: Any) -> str:
    """One ``<c>`` element; strings as inline strings, never as formulas unless read as one."""
    if isinstance(value, str):
        style = ' s="1"' if looks_like_formula(value) else ""
        return f'<c r="{ref}"{style} t="inlineStr"><is><t xml:space="preserve">{escape(xlsx_text(value))}</t></is></c>'
    if isinstance(value, bool):
        return f'<c r="{ref}" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, int | float):
        if isinstance(value, float) and not math.isfinite(value):
            return _cell(ref, str(value))
        return f'<c r="{ref}"><v>{value!r}</v></c>'
    if isinstance(value, dt.datetime):
        date_style = 2 if value.time() == dt.time(0, 0) else 3
        return f'<c r="{ref}" s="{date_style}"><v>{to_excel(value)!r}</v></c>'
    if isinstance(value, dt.date):
        return f'<c r="{ref}" s="2"><v>{to_excel(value)!r}</v></c>'
    if isinstance(value, dt.time):
        return f'<c r="{ref}" s="4"><v>{to_excel(value)!r}</v></c>'
    if isinstance(value, dt.timedelta):
        return f'<c r="{ref}" s="5"><v>{to_excel(value)!r}</v></c>'
    if isinstance(value, Formula):
        return f'<c r="{ref}"><f>{escape(value.text.removeprefix("="))}</f></c>'
    if isinstance(value, ErrorValue):
        return f'<c r="{ref}" t="e"><v>{escape(value.text)}</v></c>'
    return _cell(ref, str(value))


def write_plain_xlsx(rows: Iterable[Sequence[Any]], title: str, target: IO[bytes], freeze_row: int = 0) -> None:
    """Write ``rows`` as the only sheet of a new xlsx, streamed; freeze the rows up to ``freeze_row``."""
    letters: list[str] = []
    pane = (f'<pane ySplit="{freeze_row}" topLeftCell="A{freeze_row + 1}" activePane="bottomLeft" state="frozen"/>'
            if freeze_row else "")
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", _CONTENT_TYPES)
        zf.writestr("_rels/.rels", _ROOT_RELS)
        zf.writestr("xl/workbook.xml", _WORKBOOK.format(main=MAIN_NS, name=quoteattr(title)))
        zf.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        zf.writestr("xl/styles.xml", _STYLES)
        with zf.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{MAIN_NS}">'
                        f'<sheetViews><sheetView workbookViewId="0">{pane}</sheetView></sheetViews>'
                        '<sheetFormatPr defaultRowHeight="15"/><sheetData>'.encode())
            for number, row in enumerate(rows, start=1):
                while len(letters) < len(row):
                    letters.append(get_column_letter(len(letters) + 1))
                cells = "".join(_cell(f"{letters[index]}{number}", value)
                                for index, value in enumerate(row) if value is not None)
                if cells:
                    sheet.write(f'<row r="{number}">{cells}</row>'.encode())
            sheet.write(b"</sheetData></worksheet>")


def rebuild(source: RowSource, marks: Marks, fallback_title: str) -> bytes:
    """A new xlsx with the source's rows, annotated like an uploaded workbook."""
    title = sheet_title(source.name, fallback_title)
    plain = io.BytesIO()
    write_plain_xlsx(source.rows(), title, plain, freeze_row=marks.header_row)
    plain.seek(0)
    return patch_xlsx(plain, marks, [title])
