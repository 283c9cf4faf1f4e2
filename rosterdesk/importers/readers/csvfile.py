"""Read a CSV/TSV/TXT file as a stream of rows without ever shifting a column.

The bytes are decoded whole (they are at most ``Limits.max_bytes``), then parsed record by
record with the ``csv`` module, so rows reach the engine one at a time. Quoted fields may hold
delimiters and newlines; a record is one row as Excel would show it. Three things are reported
per row instead of silently "fixed":

- a row with more (non-empty) cells than the header row: ``too-many-cells``; the row is cut to
  the header's width, so the cells that are there stay under their own header;
- a quote that is never closed swallows the rest of the file: ``unterminated-quote`` at the row
  where it opened, and reading stops there rather than inventing rows;
- a field longer than ``Limits.max_cell_chars``: the whole file is refused (``cell-too-long``).

Values stay strings, exactly as written (``"007"``, ``"7,5"``); empty fields become ``None``.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from rosterdesk.importers.errors import UnusableFile
from rosterdesk.importers.issues import DEFAULT_ISSUES_PER_TYPE, Issue, Severity
from rosterdesk.importers.limits import Limits
from rosterdesk.importers.readers.names import safe_name
from rosterdesk.importers.readers.text import decode, delimiter_name, detect_delimiter
from rosterdesk.importers.sheet import Sheet

_CSV_FIELD_LIMIT = 131_072
"""The ``csv`` module's default field limit; a longer field raises ``csv.Error`` (process-wide
setting, deliberately left alone). Shorter fields are measured against the profile's limit here."""


class _Lines:
    """Lines of the text for ``csv.reader``, counting what was consumed and noticing the end."""

    __slots__ = ("_lines", "consumed", "exhausted")

    def __init__(self, text: str) -> None:
        self._lines = iter(io.StringIO(text, newline=""))
        self.consumed = 0
        self.exhausted = False

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        try:
            line = next(self._lines)
        except StopIteration:
            self.exhausted = True
            raise
        self.consumed += len(line)
        return line


def read_csv(path: Path, *, filename: str | None, encoding: str | None, delimiter: str | None,
             limits: Limits) -> Sheet:
    """Open ``path`` as CSV; rows are produced lazily while the engine consumes them."""
    decoded = decode(path.read_bytes(), encoding)
    if delimiter is not None and len(delimiter) != 1:
        raise UnusableFile("bad-option", option="delimiter", detail="tab ; ,")
    chosen = delimiter or detect_delimiter(decoded.text)
    notes: list[Issue] = []
    if decoded.assumed:
        notes.append(Issue("encoding-assumed", "warning", params={"encoding": decoded.display}))
    not_kept: Counter[tuple[str, Severity]] = Counter()
    rows = _rows(decoded.text, chosen, limits, notes, not_kept)
    return Sheet(format="csv", rows=rows, name=safe_name(filename) if filename else "CSV", encoding=decoded.encoding,
                 delimiter=chosen, notes=notes, notes_not_kept=not_kept)


def _rows(text: str, delimiter: str, limits: Limits, notes: list[Issue],
          not_kept: Counter[tuple[str, Severity]]) -> Iterator[list[Any]]:
    """The records of ``text`` as rows; see the module docstring for what is reported."""
    lines = _Lines(text)
    reader = csv.reader(lines, delimiter=delimiter, quotechar='"', doublequote=True, strict=False)
    limit = limits.max_cell_chars
    shown = delimiter_name(delimiter)
    width: int | None = None
    ragged = 0
    number = 0
    while True:
        start = lines.consumed
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error:
            # Only "field larger than field limit" can happen here (NUL was refused when decoding).
            if text.count('"', start) % 2:
                notes.append(Issue("unterminated-quote", "error", row=number + 1))
                return
            raise UnusableFile("cell-too-long", length=lines.consumed - start, limit=limit) from None
        number += 1
        if lines.exhausted:
            notes.append(Issue("unterminated-quote", "error", row=number))
            return
        if lines.consumed - start > limit:
            longest = max(map(len, row), default=0)
            if longest > limit:
                raise UnusableFile("cell-too-long", length=longest, limit=limit)
        if width is None:
            if any(row):
                width = len(row)
        elif len(row) > width:
            extra = row[width:]
            if any(extra):
                ragged += 1
                if ragged <= DEFAULT_ISSUES_PER_TYPE:
                    cells = len(row)
                    while cells > width and not row[cells - 1]:
                        cells -= 1
                    notes.append(Issue("too-many-cells", "error", row=number,
                                       params={"cells": cells, "columns": width, "delimiter": shown}))
                else:
                    not_kept["too-many-cells", "error"] += 1
            del row[width:]
        yield [None if cell == "" else cell for cell in row] if "" in row else row
