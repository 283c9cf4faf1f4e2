"""How formats and files are named in messages, in Dutch and English.

Messages are rendered in either language from one set of parameters, so every phrase that
differs by language travels as a ``*_nl`` / ``*_en`` pair. The phrases name what the user sees
in Excel's "Save as" dialog, because that is where the fix happens.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from pathlib import PurePath

# What a file really is, with an article, as it reads after "Dit bestand is" / "This file is".
DESCRIPTIONS: dict[str, tuple[str, str]] = {
    "xlsx": ("een Excel-werkmap (.xlsx)", "an Excel workbook (.xlsx)"),
    "xlsm": ("een Excel-werkmap met macro's (.xlsm)", "a macro-enabled Excel workbook (.xlsm)"),
    "xlsb": ("een binaire Excel-werkmap (.xlsb)", "a binary Excel workbook (.xlsb)"),
    "xls": ("een oud Excel-bestand (.xls, Excel 97-2003)", "an old Excel file (.xls, Excel 97-2003)"),
    "ods": ("een OpenDocument-rekenblad (.ods)", "an OpenDocument spreadsheet (.ods)"),
    "csv": ("een tekstbestand met scheidingstekens (CSV)", "a delimited text file (CSV)"),
    "pdf": ("een PDF-bestand", "a PDF file"),
    "docx": ("een Word-document", "a Word document"),
    "doc": ("een oud Word-document (.doc)", "an old Word document (.doc)"),
    "pptx": ("een PowerPoint-presentatie", "a PowerPoint presentation"),
    "ppt": ("een oude PowerPoint-presentatie (.ppt)", "an old PowerPoint presentation (.ppt)"),
    "odt": ("een OpenDocument-tekstdocument (.odt)", "an OpenDocument text document (.odt)"),
    "opendocument": ("een ander OpenDocument-bestand", "another OpenDocument file"),
    "ole": ("een ander Office-bestand (geen werkmap)", "another Office file (not a workbook)"),
    "zip": ("een zip-archief", "a zip archive"),
    "html": ("een webpagina (HTML)", "a web page (HTML)"),
    "xml": ("een XML-bestand", "an XML file"),
    "xml2003": ("een XML-werkblad van Excel 2003", "an Excel 2003 XML spreadsheet"),
    "rtf": ("een RTF-tekstdocument", "an RTF text document"),
    "image": ("een afbeelding", "an image"),
    "archive": ("een gecomprimeerd archief (zoals .gz, .7z of .rar)",
                "a compressed archive (such as .gz, .7z or .rar)"),
    "executable": ("een programma", "a program"),
    "binary": ("een onbekend binair bestand", "an unknown binary file"),
}

# The choice in Excel's "Save as" dialog that produces each accepted format.
SAVE_AS: dict[str, tuple[str, str]] = {
    "xlsx": ("Excel-werkmap (*.xlsx)", "Excel Workbook (*.xlsx)"),
    "xls": ("Excel 97-2003-werkmap (*.xls)", "Excel 97-2003 Workbook (*.xls)"),
    "ods": ("OpenDocument-spreadsheet (*.ods)", "OpenDocument Spreadsheet (*.ods)"),
    "csv": ("CSV UTF-8 (met scheidingstekens) (*.csv)", "CSV UTF-8 (Comma delimited) (*.csv)"),
    "xlsm": ("Excel-werkmap met macro's (*.xlsm)", "Excel Macro-Enabled Workbook (*.xlsm)"),
    "xlsb": ("Binaire Excel-werkmap (*.xlsb)", "Excel Binary Workbook (*.xlsb)"),
}

# File-name extensions and the format their name promises.
EXTENSIONS: dict[str, str] = {
    ".xlsx": "xlsx", ".xlsm": "xlsm", ".xlsb": "xlsb", ".xls": "xls", ".ods": "ods",
    ".csv": "csv", ".tsv": "csv", ".txt": "csv", ".tab": "csv",
}

_ORDER = ("xlsx", "xls", "ods", "csv", "xlsm", "xlsb")
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")


def describe(fmt: str) -> dict[str, str]:
    """``detected_nl`` / ``detected_en`` parameters for a format or kind of file."""
    nl, en = DESCRIPTIONS.get(fmt, DESCRIPTIONS["binary"])
    return {"detected_nl": nl, "detected_en": en, "format": fmt}


def expected(formats: Iterable[str]) -> dict[str, str]:
    """``expected_nl`` / ``expected_en``: the "Save as" choices that give an accepted format."""
    chosen = [fmt for fmt in _ORDER if fmt in set(formats)] or ["xlsx"]
    nl = [SAVE_AS[fmt][0] for fmt in chosen]
    en = [SAVE_AS[fmt][1] for fmt in chosen]
    return {"expected_nl": _join(nl, "of"), "expected_en": _join(en, "or")}


def _join(items: list[str], word: str) -> str:
    if len(items) == 1:
        return items[0]
    return f"{', '.join(items[:-1])} {word} {items[-1]}"


def safe_name(filename: str, limit: int = 80) -> str:
    """A user-supplied file name made fit to appear inside a message.

    Control, zero-width and bidi characters are dropped (a right-to-left override would make
    ``cod.xlsx`` look like something else), the folder part is dropped and long names are cut.
    HTML escaping stays the job of the page that shows the message.
    """
    name = PurePath(filename.replace("\\", "/")).name
    name = _UNSAFE.sub("", unicodedata.normalize("NFC", name))
    return name if len(name) <= limit else name[: limit - 1] + "…"


def extension_of(filename: str | None) -> str:
    """The lower-case extension of a file name (``'.xlsx'``), or ``''``."""
    if not filename:
        return ""
    return PurePath(safe_name(filename, limit=1000)).suffix.lower()


def named_as(filename: str | None, detected: str) -> dict[str, str]:
    """``named_as_nl`` / ``named_as_en``: the file name, but only when it promises another format."""
    ext = extension_of(filename)
    if not filename or not ext or EXTENSIONS.get(ext) == detected:
        return {"named_as_nl": "", "named_as_en": ""}
    name = safe_name(filename)
    return {"named_as_nl": f" (met de naam '{name}')", "named_as_en": f" (named '{name}')"}
