"""Wire the format-specific scanners into the zip guard's single pass over an archive.

xlsx: every worksheet entry gets a ``SheetScanner`` and the shared strings a
``SharedStringMeter``. ods: the generic checks (sizes, ratio, DTD, macros) only — calamine's ods
reader refuses more than 100 million cells by itself (measured), and the grid it built is
checked against the limits right after parsing.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from rosterdesk.importers.errors import UnusableFile
from rosterdesk.importers.limits import Limits
from rosterdesk.importers.readers.ooxml import WorkbookMap, workbook_map
from rosterdesk.importers.readers.sheetscan import SharedStringMeter, SheetFacts, SheetScanner
from rosterdesk.importers.zipguard import ArchiveFacts, EntryScanner, inspect_archive


@dataclass
class XlsxGuard:
    """The outcome of guarding an xlsx: its sheet map and what each worksheet asks of a parser."""

    workbook: WorkbookMap
    archive: ArchiveFacts
    sheets: dict[str, SheetFacts] = field(default_factory=dict)
    longest_string: int = 0

    def facts_for(self, sheet_name: str) -> SheetFacts:
        """The scan of the named sheet; if the map cannot tell its entry, the worst of all scans."""
        part = self.workbook.part_of(sheet_name)
        if part is not None and part in self.sheets:
            return self.sheets[part]
        worst = SheetFacts(part or "?")
        for facts in self.sheets.values():
            worst.last_row = max(worst.last_row, facts.last_row)
            if facts.wide_cell and not worst.wide_cell:
                worst.wide_cell, worst.wide_columns = facts.wide_cell, facts.wide_columns
        return worst

    def check(self, sheet_name: str, limits: Limits) -> SheetFacts:
        """Refuse the sheet before calamine parses it if it would ask for too large a grid."""
        facts = self.facts_for(sheet_name)
        if facts.wide_cell:
            letters = "".join(ch for ch in facts.wide_cell if ch.isalpha())
            raise UnusableFile("too-many-columns", sheet=sheet_name, last_column=letters,
                               columns=facts.wide_columns, limit=limits.max_columns)
        if facts.last_row > limits.max_rows:
            raise UnusableFile("too-many-rows", sheet=sheet_name, rows=facts.last_row, limit=limits.max_rows)
        return facts


def guard_xlsx(path: Path, archive: zipfile.ZipFile, limits: Limits) -> XlsxGuard:
    """Inspect an xlsx archive once, scanning every worksheet and the shared strings."""
    workbook = workbook_map(path, archive, limits)
    parts = {sheet.part for sheet in workbook.sheets if sheet.part and sheet.kind in ("worksheet", "")}
    shared = {workbook.shared_strings or "xl/sharedStrings.xml"}
    scanners: dict[str, SheetScanner] = {}
    meters: list[SharedStringMeter] = []

    def scanner_for(info: zipfile.ZipInfo) -> EntryScanner | None:
        name = info.filename
        if name in parts or (name.startswith("xl/worksheets/") and name.endswith(".xml")):
            scanner = SheetScanner(name, limits.max_columns)
            scanners[name] = scanner
            return scanner
        if name in shared:
            meter = SharedStringMeter(name, limits.max_cell_chars)
            meters.append(meter)
            return meter
        return None

    facts = inspect_archive(path, archive, limits, scanner_for)
    return XlsxGuard(workbook=workbook, archive=facts, sheets={name: s.facts for name, s in scanners.items()},
                     longest_string=max((meter.longest for meter in meters), default=0))


def guard_zip(path: Path, archive: zipfile.ZipFile, limits: Limits) -> ArchiveFacts:
    """The generic inspection for ods and xlsb."""
    return inspect_archive(path, archive, limits)
