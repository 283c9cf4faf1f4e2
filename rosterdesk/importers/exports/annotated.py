"""The annotated copy: the user's own file with every problem marked, ready to fix and upload again.

What the copy holds:

- every cell with an issue filled red (error) or amber (warning), with a comment giving the
  message(s) in the user's language;
- one extra column right of the last used column, headed "Meldingen (verwijder deze kolom)" /
  "Issues (delete this column)", listing the issues of each row;
- an extra sheet "Meldingen" / "Issues" listing every issue of the report (also those with no
  cell, like a missing column), with a short explanation.

Which file it is made from (decided by content, not by name):

- **xlsx**: the original workbook itself, edited as a stream (``xlsx_patch``): values, formulas,
  formatting, notes, other sheets and everything else stay exactly as they were. Should the
  patcher meet a workbook it does not understand, the copy is rebuilt from the values and
  formulas instead (formatting lost), and the issues sheet says so.
- **CSV, .xls, .ods**: a new xlsx with the same rows (``rebuild``); CSV values are all kept as
  text, exactly as in the file. The issues sheet says what the copy is.

Measured on /tmp/rd/nse100k.xlsx (100,000 rows x 23 columns, 7.6 MB): 1.7-2.2 s and ~50 MB with
up to 1,000 marked cells, 5.1 s with 60,000; the same rows as CSV 3.8 s (3,000 issues) and 7.5 s
(60,000). The rare rebuild of an xlsx through openpyxl's read-only mode takes ~42 s for it.
openpyxl's load-and-save, for comparison, took 58 s and 955 MB.

Uploading the copy again: the issues column and sheet are the only additions. Until the
structure check ignores a last column headed exactly one of ``ISSUES_COLUMN_HEADERS``, the user
must delete that column (the issues sheet and the column header both say so). The extra sheet
is appended after the others, so the data sheet keeps its place and name.

The original must have passed intake (size, zip-bomb and macro checks) before it gets here, and
like any parse of an uploaded file this belongs in the sandboxed worker.
"""

from __future__ import annotations

import csv
import logging
import zipfile
from pathlib import Path
from xml.etree.ElementTree import ParseError

import python_calamine
from openpyxl.utils.exceptions import InvalidFileException

from rosterdesk.importers.errors import UnusableFile
from rosterdesk.importers.exports.marks import build_marks
from rosterdesk.importers.exports.ooxml import CannotPatch
from rosterdesk.importers.exports.rebuild import CalamineSource, CsvSource, OpenpyxlSource, rebuild
from rosterdesk.importers.exports.xlsx_patch import patch_xlsx
from rosterdesk.importers.issues import Report
from rosterdesk.importers.messages import language
from rosterdesk.importers.profile import Profile

log = logging.getLogger(__name__)

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
READ_ERRORS = (OSError, EOFError, zipfile.BadZipFile, zipfile.LargeZipFile, python_calamine.CalamineError,
               csv.Error, UnicodeError, ParseError, InvalidFileException)
"""What reading a damaged file can raise; turned into a message, never shown as Python text."""
SAVE_AS: dict[str, tuple[str, str]] = {
    "xlsx": ("Excel-werkmap (*.xlsx)", "Excel Workbook (*.xlsx)"),
    "xls": ("Excel-werkmap (*.xlsx)", "Excel Workbook (*.xlsx)"),
    "ods": ("Excel-werkmap (*.xlsx)", "Excel Workbook (*.xlsx)"),
    "csv": ("CSV UTF-8 (*.csv)", "CSV UTF-8 (*.csv)"),
}
"""What to save a file as that could not be read again (the message's 'save it again as ...')."""


def sniff_format(path: Path) -> str:
    """'xlsx', 'ods', 'xls' or 'csv', from the first bytes (and, for a zip, its mimetype entry)."""
    with path.open("rb") as file:
        head = file.read(8)
    if head.startswith(ZIP_MAGIC):
        with zipfile.ZipFile(path) as zf:
            if "mimetype" in zf.NameToInfo:
                with zf.open("mimetype") as entry:
                    if entry.read(64).startswith(b"application/vnd.oasis.opendocument"):
                        return "ods"
        return "xlsx"
    if head.startswith(OLE_MAGIC):
        return "xls"
    return "csv"


def annotated_copy(original: Path, report: Report, profile: Profile, lang: str = "nl") -> bytes:
    """The annotated copy of ``original`` (checked as ``report`` against ``profile``) as xlsx bytes.

    Raises ``UnusableFile("unreadable-file")`` when the file cannot be read after all.
    """
    lang = language(lang)
    marks = build_marks(report, profile, lang)
    preferred = [str(name) for name in (report.stats.get("sheet"), profile.sheet_name) if name]
    kind = "unknown"
    try:
        kind = sniff_format(original)
        if kind == "xlsx":
            try:
                return patch_xlsx(original, marks, preferred)
            except CannotPatch as reason:
                log.info("annotated copy: rebuilding instead of patching (%s)", reason)
            try:
                return rebuild(OpenpyxlSource(original, preferred), marks.with_source_note("xlsx"),
                               profile.sheet_name)
            except READ_ERRORS:
                log.info("annotated copy: openpyxl cannot read the workbook; trying python-calamine", exc_info=True)
                return rebuild(CalamineSource(original, preferred), marks.with_source_note("xlsx-values"),
                               profile.sheet_name)
        if kind in ("xls", "ods"):
            return rebuild(CalamineSource(original, preferred), marks.with_source_note(kind), profile.sheet_name)
        source = CsvSource(original, report.stats.get("encoding"), report.stats.get("delimiter"))
        return rebuild(source, marks.with_source_note("csv"), profile.sheet_name)
    except READ_ERRORS as error:
        log.warning("annotated copy failed for a %s file", kind, exc_info=True)
        expected_nl, expected_en = SAVE_AS.get(kind, SAVE_AS["xlsx"])
        raise UnusableFile("unreadable-file", detail=kind, expected_nl=expected_nl, expected_en=expected_en) from error
