"""Readers: bytes in, one ``Sheet`` out — the format decided by content, hostile files refused.

Public API (others code against these three):

- ``detect_format(path)``: 'xlsx', 'xlsm', 'xlsb', 'xls', 'ods' or 'csv', by content.
- ``open_sheet(path, formats=..., ...)``: the sheet to check, as a stream of raw rows.
- ``inspect(path, ...)``: what a file is and holds, for the CLI's ``inspect`` command.

Reading runs in the sandbox (``rosterdesk.importers.sandbox``) in production: the guards here
refuse what is known to hurt a parser, the sandbox's memory and time limits catch the rest.
Module map: ``detect`` (magic bytes), ``text``/``csvfile`` (CSV), ``ooxml``/``sheetscan``/
``guards`` (xlsx checks on top of ``rosterdesk.importers.zipguard``), ``formulas``, ``workbook``
(python-calamine and the sheet rule), ``names`` (message wording).
"""

from __future__ import annotations

from itertools import islice
from pathlib import Path
from typing import Any

from rosterdesk.importers.errors import UnusableFile
from rosterdesk.importers.issues import Issue
from rosterdesk.importers.kinds import is_blank
from rosterdesk.importers.limits import Limits
from rosterdesk.importers.readers.csvfile import read_csv
from rosterdesk.importers.readers.detect import sniff
from rosterdesk.importers.readers.names import EXTENSIONS, describe, expected, extension_of, named_as
from rosterdesk.importers.readers.text import delimiter_name
from rosterdesk.importers.readers.workbook import read_workbook
from rosterdesk.importers.sheet import Sheet

__all__ = ["ALL_FORMATS", "detect_format", "inspect", "open_sheet"]

ALL_FORMATS = frozenset({"xlsx", "xlsb", "xls", "ods", "csv"})
"""Every format a reader exists for. ``xlsm`` is recognised but always refused (macros)."""
HEADER_SEARCH_ROWS = 50
DEFAULT_LIMITS = Limits()


def detect_format(path: Path) -> str:
    """The format of ``path`` by its content: 'xlsx', 'xlsm', 'xlsb', 'xls', 'ods' or 'csv'.

    Raises ``UnusableFile`` for an empty file (``empty-file``), a damaged or truncated zip
    (``corrupt-file``), an encrypted Office file (``encrypted-workbook``), a workbook carrying
    ``vbaProject.bin`` (``macro-workbook``) and anything that is no spreadsheet at all
    (``not-a-spreadsheet``, naming what it is: a PDF, a Word document, a web page, ...).
    """
    sniffed = sniff(path, DEFAULT_LIMITS)
    if sniffed.archive is not None:
        sniffed.archive.close()
    return sniffed.format


def open_sheet(path: Path, *, formats: frozenset[str], filename: str | None = None, sheet_name: str | None = None,
               encoding: str | None = None, delimiter: str | None = None, limits: Limits = DEFAULT_LIMITS,
               profile_title: str = "") -> Sheet:
    """Open the sheet of ``path`` that a profile checks.

    ``path`` is chosen by the program (a stored upload), ``filename`` is the name the user gave
    it (only used in messages). The format is decided by content; one outside ``formats`` is
    refused with ``format-not-accepted`` saying what the file really is. A name whose extension
    promises another format than the (accepted) content gets an ``extension-mismatch`` warning.
    Macro workbooks are refused whatever ``formats`` says. Sheet choice: see
    ``rosterdesk.importers.readers.workbook``; CSV details: ``rosterdesk.importers.readers.csvfile``.
    """
    sniffed = sniff(path, limits, formats)
    try:
        fmt = sniffed.format
        if fmt == "xlsm":
            raise UnusableFile("macro-workbook", detail=".xlsm")
        if fmt not in formats:
            raise UnusableFile("format-not-accepted", **describe(fmt), **named_as(filename, fmt), **expected(formats),
                               profile=profile_title)
        if fmt == "csv":
            sheet = read_csv(path, filename=filename, encoding=encoding, delimiter=delimiter, limits=limits)
        else:
            sheet = read_workbook(path, fmt, sniffed.archive, sheet_name=sheet_name, limits=limits)
    finally:
        if sniffed.archive is not None:
            sniffed.archive.close()
    extension = extension_of(filename)
    if extension and EXTENSIONS.get(extension) != fmt:
        sheet.notes.insert(0, Issue("extension-mismatch", "warning", params={"extension": extension, **describe(fmt)}))
    sheet.details.setdefault("size", path.stat().st_size)
    return sheet


def inspect(path: Path, *, filename: str | None = None, encoding: str | None = None, delimiter: str | None = None,
            limits: Limits = DEFAULT_LIMITS) -> dict[str, Any]:
    """What ``path`` is and holds: format, encoding, delimiter, sheets, header row guess, notes.

    Accepts every readable format. The header row guess is the first row with any value.
    CSV rows are counted by reading the file through; workbook rows come from the parser.
    """
    sheet = open_sheet(path, formats=ALL_FORMATS, filename=filename, encoding=encoding, delimiter=delimiter,
                       limits=limits)
    header_row: int | None = None
    header: list[Any] = []
    count = 0
    for count, row in enumerate(islice(sheet.rows, HEADER_SEARCH_ROWS), start=1):
        if header_row is None and not all(is_blank(cell) for cell in row):
            header_row, header = count, row
    if sheet.format == "csv":
        count += sum(1 for _ in sheet.rows)
        sheets = [{"name": sheet.name, "visible": True, "rows": count, "columns": len(header)}]
    else:
        sheets = list(sheet.details.get("sheets", []))
    return {
        "format": sheet.format,
        "size": sheet.details.get("size"),
        "encoding": sheet.encoding,
        "delimiter": delimiter_name(sheet.delimiter) if sheet.delimiter else None,
        "sheet": sheet.name,
        "sheets": sheets,
        "rows": sheet.total_rows if sheet.total_rows is not None else count,
        "header_row": header_row,
        "header": ["" if cell is None else str(cell) for cell in header],
        "formulas": sum(len(cells) for cells in sheet.formulas.values()),
        "notes": [_note_text(note) for note in sheet.notes],
    }


def _note_text(note: Issue) -> str:
    return f"{note.type}: {note.message('en')}"
