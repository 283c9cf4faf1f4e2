"""Read a CSV/TSV/TXT file as a stream of rows without ever shifting a column.

The bytes are decoded whole (they are at most ``Limits.max_bytes``), then parsed with the ``csv``
module a few hundred records at a time (see ``_rows``), so rows reach the engine lazily. Quoted fields may hold
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
from itertools import chain, islice
from pathlib import Path
from typing import Any

from rosterdesk.importers.errors import UnusableFile
from rosterdesk.importers.issues import DEFAULT_ISSUES_PER_TYPE, Issue, Severity
from rosterdesk.importers.limits import Limits
from rosterdesk.importers.readers.names import safe_name
from rosterdesk.importers.readers.text import decode_file, delimiter_name, detect_delimiter
from rosterdesk.importers.sheet import Sheet

_BATCH_ROWS = 256
"""Records parsed at a time before the batch is judged as a whole (see ``_rows``)."""
_BLOCK_CHARS = 1 << 16
"""Characters of text split into lines at a time by the path for files without quotes."""
_OTHER_LINE_BREAKS = "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
"""Characters ``str.splitlines`` ends a line at but CSV does not: a text holding one takes the csv path."""
_CSV_FIELD_LIMIT = 131_072
"""The ``csv`` module's default field limit; a longer field raises ``csv.Error`` (process-wide
setting, deliberately left alone). Shorter fields are measured against the profile's limit here."""


class _Lines:
    """Lines of the text for ``csv.reader``, counting what was consumed and noticing the end."""

    __slots__ = ("_lines", "consumed", "exhausted")

    def __init__(self, source: io.StringIO) -> None:
        self._lines = iter(source)
        self.consumed = source.tell()
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


class _Shape:
    """The header's width and the ragged rows found so far (``too-many-cells``)."""

    __slots__ = ("delimiter", "not_kept", "notes", "ragged", "shown", "width")

    def __init__(self, delimiter: str, notes: list[Issue], not_kept: Counter[tuple[str, Severity]]) -> None:
        self.width: int | None = None
        self.ragged = 0
        self.delimiter = delimiter
        self.shown = delimiter_name(delimiter)
        self.notes = notes
        self.not_kept = not_kept

    def fit(self, row: list[str], number: int) -> None:
        """Learn the width from the first non-empty row; cut a longer row to it, reporting extra cells."""
        width = self.width
        if width is None:
            if any(row):
                self.width = len(row)
        elif len(row) > width:
            if any(row[width:]):
                self.ragged += 1
                if self.ragged <= DEFAULT_ISSUES_PER_TYPE:
                    cells = len(row)
                    while cells > width and not row[cells - 1]:
                        cells -= 1
                    self.notes.append(Issue("too-many-cells", "error", row=number,
                                            params={"cells": cells, "columns": width, "delimiter": self.shown}))
                else:
                    self.not_kept["too-many-cells", "error"] += 1
            del row[width:]


def _with_none(row: list[Any]) -> list[Any]:
    """The row with its empty fields as ``None`` (the reader's contract), changed in place.

    The rows are the csv module's fresh lists. A roster row has one or two empty fields at
    most, so they are found with ``index`` (C) rather than rebuilt with a comprehension:
    measured on 100,000 rows with one empty field each, 10 ms against 25 ms.
    """
    if "" in row:
        row[row.index("")] = None
        if "" in row:
            return [None if cell == "" else cell for cell in row]
    return row


def read_csv(path: Path, *, filename: str | None, encoding: str | None, delimiter: str | None,
             limits: Limits) -> Sheet:
    """Open ``path`` as CSV; rows are produced lazily while the engine consumes them."""
    decoded = decode_file(path, encoding)
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
    """The records of ``text`` as rows; see the module docstring for what is reported.

    Records are parsed ``_BATCH_ROWS`` at a time with nothing but ``csv.reader`` in the loop, and
    each batch is then judged as a whole, at C speed: the characters it spans (one ``tell``)
    and then its longest field bound the field lengths, and its longest row says whether any
    row needs cutting. Two things a batch cannot settle -- a ``csv.Error``, and the end of the
    text, where an unterminated quote shows itself -- send that batch back to ``_exact_rows``,
    the record-by-record path, which reads it again from its first record (the csv module
    starts every record afresh, so it yields the same rows). Every problem still surfaces at
    the row that has it, when the engine reaches that row.
    """
    if '"' not in text and not any(char in text for char in _OTHER_LINE_BREAKS):
        yield from _unquoted_rows(text, delimiter, limits.max_cell_chars, _Shape(delimiter, notes, not_kept))
        return
    source = io.StringIO(text, newline="")
    tell = source.tell
    reader = csv.reader(source, delimiter=delimiter, quotechar='"', doublequote=True, strict=False)
    limit = limits.max_cell_chars
    end = len(text)
    shape = _Shape(delimiter, notes, not_kept)
    number = 0
    batch: list[list[Any]]
    while True:
        start = tell()
        try:
            batch = list(islice(reader, _BATCH_ROWS))
        except csv.Error:
            break
        if not batch:
            return
        if tell() >= end:
            break
        measured = tell() - start <= limit or max(map(len, chain.from_iterable(batch)), default=0) <= limit
        yield from _settled(batch, number, shape, limit, measured=measured)
        number += len(batch)
    source.seek(start)
    yield from _exact_rows(text, source, number, limit, shape)


def _blocks(text: str) -> Iterator[str]:
    """``text`` in pieces of about ``_BLOCK_CHARS`` characters, each ending after a line feed."""
    start, end = 0, len(text)
    while start < end:
        cut = text.find("\n", start + _BLOCK_CHARS)
        stop = end if cut < 0 else cut + 1
        yield text[start:stop]
        start = stop


def _unquoted_rows(text: str, delimiter: str, limit: int, shape: _Shape) -> Iterator[list[Any]]:
    """The records of a text without a single quote character: each line is a record, split at the delimiter.

    Without quotes nothing can hide a delimiter or a line break, so ``str.split`` gives exactly
    the ``csv`` module's fields (a blank line is ``[]``, as there) at a fraction of the cost, and
    no ``StringIO`` copy of the whole text is made (four bytes a character: 25 MB of fresh memory
    for a 6 MB file, which a sandboxed child pays for page by page). The text is cut into blocks
    of lines, so only one block's rows exist at a time. A field is never longer than its line,
    so a block whose longest line is within the limit needs no per-field measuring.
    """
    number = 0
    for block in _blocks(text):
        lines = block.splitlines()
        rows: list[list[Any]] = [line.split(delimiter) if line else [] for line in lines]
        yield from _settled(rows, number, shape, limit, measured=max(map(len, lines), default=0) <= limit)
        number += len(rows)


def _settled(rows: list[list[Any]], number: int, shape: _Shape, limit: int, *, measured: bool
             ) -> Iterator[list[Any]]:
    """One batch of parsed rows (``number`` rows came before it), with their empty fields as ``None``.

    A batch known to be in shape -- ``measured`` (no field beyond the limit) and no row wider than
    the header -- goes through a tight loop, ``_with_none`` inlined: it runs for nearly every row of
    a file. Any other batch is settled row by row: a field beyond the limit refuses the file, a row
    with more cells than the header is cut and reported (``_Shape.fit``).
    """
    width = shape.width
    if measured and width is not None and max(map(len, rows), default=0) <= width:
        for row in rows:
            if "" in row:
                row[row.index("")] = None
                if "" in row:
                    yield [None if cell == "" else cell for cell in row]
                    continue
            yield row
        return
    for row in rows:
        number += 1
        if not measured and max(map(len, row), default=0) > limit:
            raise UnusableFile("cell-too-long", length=max(map(len, row)), limit=limit)
        shape.fit(row, number)
        yield _with_none(row)


def _exact_rows(text: str, source: io.StringIO, number: int, limit: int, shape: _Shape) -> Iterator[list[Any]]:
    """The records from where ``source`` stands on, one at a time, with every check made per record.

    ``source`` is the text's own ``StringIO``: a second one would copy the whole text again, as
    four bytes a character (measured: ~15 ms for a 6 MB file, mostly fresh memory pages).
    """
    lines = _Lines(source)
    reader = csv.reader(lines, delimiter=shape.delimiter, quotechar='"', doublequote=True, strict=False)
    while True:
        start = lines.consumed
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error:
            # Only "field larger than field limit" can happen here (NUL was refused when decoding).
            if text.count('"', start) % 2:
                shape.notes.append(Issue("unterminated-quote", "error", row=number + 1))
                return
            raise UnusableFile("cell-too-long", length=lines.consumed - start, limit=limit) from None
        number += 1
        if lines.exhausted:
            shape.notes.append(Issue("unterminated-quote", "error", row=number))
            return
        if lines.consumed - start > limit:
            longest = max(map(len, row), default=0)
            if longest > limit:
                raise UnusableFile("cell-too-long", length=longest, limit=limit)
        shape.fit(row, number)
        yield _with_none(row)
