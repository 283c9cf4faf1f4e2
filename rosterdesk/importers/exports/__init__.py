"""Exports of a report: what a person downloads after a check.

- ``overview.text_overview``: the plain-text overview (NSE's "Overzicht downloaden"), also the
  CLI's text output.
- ``issue_list.issues_csv`` / ``issue_list.issues_xlsx``: the issues as a table, safe against
  formula injection (SECURITY.md F16).
- ``annotated.annotated_copy``: the user's own workbook with the bad cells marked, ready to fix.

Modules are imported one by one (``from rosterdesk.importers.exports.overview import ...``) so
that the text overview does not pay for importing openpyxl.
"""

from __future__ import annotations

ISSUES_COLUMN_HEADERS: dict[str, str] = {
    "nl": "Meldingen (verwijder deze kolom)",
    "en": "Issues (delete this column)",
}
"""Header of the column the annotated copy adds to the right of the data, per language.

The structure check can recognise these exact texts (in the last column only) and ignore the
column, so an annotated copy can be uploaded again as it is; see ``annotated.py``.
"""

ISSUES_SHEET_NAMES: dict[str, str] = {"nl": "Meldingen", "en": "Issues"}
"""Name of the sheet listing every issue, in the annotated copy and the XLSX issue list."""
