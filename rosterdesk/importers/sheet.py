"""The reader's output: one sheet as a stream of raw rows, plus what the reader noticed.

Readers (``rosterdesk.importers.readers``) produce a ``Sheet``; the engine consumes it once.
Rows are lists of raw cell values starting at the file's first row, numbered from 1 as Excel
shows them. Nothing keeps a whole file as Python objects: ``rows`` is an iterator.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from rosterdesk.importers.issues import Issue, Severity


@dataclass
class Sheet:
    """One sheet of a workbook or one CSV file, ready to be checked."""

    format: str
    """Detected from the content: 'xlsx', 'xls', 'ods' or 'csv'."""
    rows: Iterator[list[Any]]
    name: str | None = None
    formulas: dict[int, dict[int, str]] = field(default_factory=dict)
    """row number (1-based) -> {0-based column: formula text}, for formats that keep formulas."""
    encoding: str | None = None
    delimiter: str | None = None
    notes: list[Issue] = field(default_factory=list)
    """Warnings and row errors found while reading; readers may append while rows are consumed."""
    notes_not_kept: Counter[tuple[str, Severity]] = field(default_factory=Counter)
    """(type, severity) -> how many more notes of that type the reader counted but did not keep,
    so counts stay exact while a file with a million bad rows does not fill memory."""
    total_rows: int | None = None
    """Row count when the reader knows it up front (for progress bars); None otherwise."""
    details: dict[str, Any] = field(default_factory=dict)
    """Facts for ``inspect``: sheets with their sizes and visibility, sizes, etc."""
