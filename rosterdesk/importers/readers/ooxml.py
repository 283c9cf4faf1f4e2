"""Which sheets an xlsx workbook has, and which zip entry holds each one.

python-calamine knows sheet names, but the guard has to know the *entries*: it scans the
worksheet XML before calamine runs, and formulas are read from the entry of the chosen sheet.
``xl/workbook.xml`` and its relationships are small and parsed with defusedxml.
"""

from __future__ import annotations

import posixpath
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from defusedxml import ElementTree as SafeET
from defusedxml.common import DefusedXmlException

from rosterdesk.importers.errors import UnusableFile
from rosterdesk.importers.limits import Limits
from rosterdesk.importers.zipguard import read_entry, shown

SMALL_PART = 16 * 1024 * 1024
_REL_KINDS = ("worksheet", "chartsheet", "dialogsheet", "macrosheet")


@dataclass(frozen=True)
class SheetEntry:
    """One sheet as ``xl/workbook.xml`` declares it."""

    name: str
    state: str
    """'visible', 'hidden' or 'veryHidden'."""
    kind: str
    """'worksheet', 'chartsheet', 'dialogsheet', 'macrosheet' or '' when the relationship is missing."""
    part: str | None
    """The zip entry holding the sheet, e.g. 'xl/worksheets/sheet1.xml'."""


@dataclass(frozen=True)
class WorkbookMap:
    main: str
    sheets: tuple[SheetEntry, ...]
    shared_strings: str | None

    def part_of(self, name: str) -> str | None:
        return next((sheet.part for sheet in self.sheets if sheet.name == name), None)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _parse(name: str, data: bytes) -> Any:
    try:
        return SafeET.fromstring(data)
    except DefusedXmlException:
        raise UnusableFile("unsafe-xml", part=shown(name)) from None
    except (ElementTree.ParseError, ValueError):
        raise UnusableFile("corrupt-file", detected_nl=f"'{shown(name)}' is geen geldige XML",
                           detected_en=f"'{shown(name)}' is not valid XML") from None


def _relationships(path: Path, archive: zipfile.ZipFile, rels_name: str, base: str,
                   limits: Limits) -> dict[str, tuple[str, str]]:
    """Relationship id -> (type suffix, target entry) of one .rels part."""
    data = read_entry(path, archive, rels_name, limits, cap=SMALL_PART)
    if not data:
        return {}
    result: dict[str, tuple[str, str]] = {}
    for element in _parse(rels_name, data).iter():
        if _local(element.tag) != "Relationship":
            continue
        target = element.get("Target", "")
        if element.get("TargetMode") == "External":
            continue
        entry = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(base, target))
        result[element.get("Id", "")] = (element.get("Type", "").rsplit("/", 1)[-1], entry)
    return result


def workbook_map(path: Path, archive: zipfile.ZipFile, limits: Limits) -> WorkbookMap:
    """Sheets (in workbook order, with visibility and entry) and the shared strings entry."""
    root_rels = _relationships(path, archive, "_rels/.rels", "", limits)
    main = next((entry for kind, entry in root_rels.values() if kind == "officeDocument"), "xl/workbook.xml")
    base = posixpath.dirname(main)
    rels = _relationships(path, archive, posixpath.join(base, "_rels", posixpath.basename(main) + ".rels"), base,
                          limits)
    data = read_entry(path, archive, main, limits, cap=SMALL_PART)
    if not data:
        raise UnusableFile("corrupt-file", detected_nl=f"'{shown(main)}' ontbreekt",
                            detected_en=f"'{shown(main)}' is missing")
    sheets = []
    for element in _parse(main, data).iter():
        if _local(element.tag) != "sheet":
            continue
        rid = next((value for key, value in element.attrib.items()
                    if _local(key) == "id" and "relationships" in key), "")
        kind, part = rels.get(rid, ("", ""))
        sheets.append(SheetEntry(name=element.get("name", ""), state=element.get("state", "visible"),
                                 kind=kind if kind in _REL_KINDS else "", part=part or None))
    shared = next((entry for kind, entry in rels.values() if kind == "sharedStrings"), None)
    return WorkbookMap(main=main, sheets=tuple(sheets), shared_strings=shared)
