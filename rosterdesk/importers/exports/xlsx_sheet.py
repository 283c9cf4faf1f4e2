"""Streaming the data sheet's XML: every row passes through untouched unless it carries a mark.

The sheet is read in 1 MiB chunks and cut into pieces: the head up to ``<sheetData>``, the rows,
and the tail. Only rows with marks are parsed (their cells found with one regular expression) and
rewritten; the others are copied byte for byte, so memory stays flat and a 100,000-row sheet
streams in about a second. Rows and cells without an ``r`` attribute (allowed, rare) get one when
something is inserted before them, so that positions cannot shift.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO
from xml.sax.saxutils import escape

from openpyxl.utils import column_index_from_string, get_column_letter

from rosterdesk.importers.exports.cells import xlsx_text
from rosterdesk.importers.exports.marks import CellNote, Marks
from rosterdesk.importers.exports.ooxml import CannotPatch
from rosterdesk.importers.exports.xlsx_styles import Styles, set_attr

CHUNK = 1 << 20
ISSUES_COLUMN_WIDTH = 80

_ROW_NUMBER = re.compile(rb"""\sr\s*=\s*["']([0-9]+)["']""")
_CELL_REF = re.compile(rb"""\sr\s*=\s*["']([A-Z]{1,3})([0-9]+)["']""")
_CELL_STYLE = re.compile(rb"""\ss\s*=\s*["']([0-9]+)["']""")
_SPANS = re.compile(rb"""\sspans\s*=\s*["'][^"']*["']""")
_DIMENSION_REF = re.compile(rb"""(\sref\s*=\s*["'])([^"']*)(["'])""")
_COL_MIN = re.compile(rb"""\smin\s*=\s*["']([0-9]+)["']""")
_COL_MAX = re.compile(rb"""\smax\s*=\s*["']([0-9]+)["']""")
_A1 = re.compile(rb"([A-Z]{1,3})([0-9]+)")


def _column_index(letters: bytes) -> int:
    return int(column_index_from_string(letters.decode("ascii")))


class Patterns:
    """The sheet's element patterns for its namespace prefix (``x:`` in some generators)."""

    def __init__(self, prefix: bytes) -> None:
        p = re.escape(prefix)
        self.prefix = prefix
        self.sheet_data = re.compile(rb"<" + p + rb"sheetData\b[^>]*?(/?)>")
        self.row = re.compile(rb"<" + p + rb"row\b")
        self.row_end = b"</" + prefix + b"row>"
        self.data_end = re.compile(rb"</" + p + rb"sheetData\s*>")
        self.cell = re.compile(rb"<" + p + rb"c\b([^>]*?)(/>|>.*?</" + p + rb"c\s*>)", re.S)
        self.cell_starts = [b"<" + prefix + b"c" + end for end in (b" ", b">", b"/", b"\t", b"\n", b"\r")]
        self.dimension = re.compile(rb"<" + p + rb"dimension\b[^>]*>")
        self.cols = re.compile(rb"<" + p + rb"cols\b[^>]*>(.*?)</" + p + rb"cols\s*>", re.S)
        self.col = re.compile(rb"<" + p + rb"col\b[^>]*?(?:/>|>\s*</" + p + rb"col\s*>)", re.S)
        self.sheet_data_open = re.compile(rb"<" + p + rb"sheetData\b")
        self.legacy = re.compile(rb"<" + p + rb"legacyDrawing\b")
        self.after_legacy = re.compile(
            rb"<(?:" + p + rb"(?:legacyDrawingHF|drawingHF|picture|oleObjects|controls|webPublishItems|tableParts"
            rb"|extLst)\b|[A-Za-z_][\w.-]*:AlternateContent\b)|</" + p + rb"worksheet\s*>")

    def tag(self, name: str) -> bytes:
        return b"<" + self.prefix + name.encode()

    def close(self, name: str) -> bytes:
        return b"</" + self.prefix + name.encode() + b">"


HEAD, GAP, ROW, TAIL = "head", "gap", "row", "tail"


def _pieces(stream: IO[bytes], x: Patterns) -> Iterator[tuple[str, bytes]]:
    """The sheet XML as pieces: the head up to ``<sheetData>``, rows, gaps between them, the tail."""
    buffer = b""
    eof = False

    def more() -> bool:
        nonlocal buffer, eof
        if eof:
            return False
        data = stream.read(CHUNK)
        if not data:
            eof = True
            return False
        buffer += data
        return True

    while (opening := x.sheet_data.search(buffer)) is None:
        if not more():
            raise CannotPatch("no <sheetData>")
    if opening.group(1):  # <sheetData/>: no rows at all
        yield HEAD, buffer[: opening.start()] + x.tag("sheetData") + b">"
        rest = buffer[opening.end():] + stream.read()
        yield TAIL, x.close("sheetData") + rest
        return
    yield HEAD, buffer[: opening.end()]
    buffer = buffer[opening.end():]
    pos = 0
    while True:
        if pos > CHUNK:
            buffer, pos = buffer[pos:], 0
        lt = buffer.find(b"<", pos)
        gt = buffer.find(b">", lt) if lt >= 0 else -1
        if gt < 0:
            if not more():
                raise CannotPatch("sheet XML ends inside <sheetData>")
            continue
        if lt > pos:
            yield GAP, buffer[pos:lt]
            pos = lt
        if x.data_end.match(buffer, lt):
            yield TAIL, buffer[lt:] + stream.read()
            return
        if not x.row.match(buffer, lt):
            raise CannotPatch("unexpected element in <sheetData>")
        if buffer[gt - 1:gt + 1] == b"/>":
            yield ROW, buffer[lt:gt + 1]
            pos = gt + 1
            continue
        end = buffer.find(x.row_end, gt)
        if end < 0:
            if not more():
                raise CannotPatch("row without an end")
            continue
        pos = end + len(x.row_end)
        yield ROW, buffer[lt:pos]


def _start_tag(row: bytes) -> bytes:
    return row[: row.index(b">") + 1]


def _last_column(row: bytes, x: Patterns) -> int:
    """The column of the last cell element in a row (0 when it has none)."""
    index = max(row.rfind(start) for start in x.cell_starts)
    if index < 0:
        return 0
    match = x.cell.match(row, index)
    if match is not None and (ref := _CELL_REF.search(match.group(1))) is not None:
        return _column_index(ref.group(1))
    column = 0
    for match in x.cell.finditer(row):
        ref = _CELL_REF.search(match.group(1))
        column = _column_index(ref.group(1)) if ref else column + 1
    return column


def extent(stream: IO[bytes], x: Patterns) -> tuple[int, int]:
    """(last used column, last row) of the sheet: where the issues column can go."""
    last_column = last_row = 0
    for kind, data in _pieces(stream, x):
        if kind == ROW:
            number = _ROW_NUMBER.search(_start_tag(data))
            last_row = int(number.group(1)) if number else last_row + 1
            last_column = max(last_column, _last_column(data, x))
    return last_column, last_row


@dataclass
class SheetWriter:
    """Rewrites the rows that carry marks; passes every other row through unchanged."""

    x: Patterns
    marks: Marks
    styles: Styles
    issues_column: int | None
    legacy_drawing: bytes | None
    """The ``<legacyDrawing r:id=...>`` element for the comments, or None when there are none."""

    def empty_cell(self, row: int, column: int, note: CellNote) -> bytes:
        ref = f"{get_column_letter(column)}{row}".encode()
        return self.x.tag("c") + b' r="' + ref + b'" s="' + str(self.styles.marked(0, note.severity)).encode() + b'"/>'

    def text_cell(self, row: int, column: int, text: str, style: int) -> bytes:
        p = self.x.prefix
        ref = f"{get_column_letter(column)}{row}".encode()
        body = escape(xlsx_text(text)).encode("utf-8")
        return (b"<" + p + b'c r="' + ref + b'" s="' + str(style).encode() + b'" t="inlineStr"><' + p + b"is><" + p
                + b't xml:space="preserve">' + body + b"</" + p + b"t></" + p + b"is></" + p + b"c>")

    def issues_cell(self, row: int, last_style: int | None) -> bytes:
        if self.issues_column is None:
            return b""
        if row == self.marks.header_row:
            style = last_style if last_style is not None else self.styles.text(bold=True)
            return self.text_cell(row, self.issues_column, self.marks.issues_header, style)
        text = self.marks.issues_text(row)
        if text is None:
            return b""
        return self.text_cell(row, self.issues_column, text, self.styles.text(wrap=True))

    def new_row(self, row: int) -> bytes:
        notes = self.marks.cells.get(row, {})
        cells = b"".join(self.empty_cell(row, column, notes[column]) for column in sorted(notes))
        cells += self.issues_cell(row, None)
        return self.x.tag("row") + f' r="{row}">'.encode() + cells + self.x.close("row")

    def patch_row(self, data: bytes, row: int) -> bytes:
        x = self.x
        start = _SPANS.sub(b"", _start_tag(data))
        if start.endswith(b"/>"):
            start, body = start[:-2].rstrip() + b">", b""
        else:
            body = data[len(_start_tag(data)): len(data) - len(x.row_end)]
        notes = self.marks.cells.get(row, {})
        pending = sorted(notes)
        out = [start]
        column = last = 0
        last_style: int | None = None
        for match in x.cell.finditer(body):
            attrs = match.group(1)
            ref = _CELL_REF.search(attrs)
            column = _column_index(ref.group(1)) if ref else column + 1
            out.append(body[last:match.start()])
            while pending and pending[0] < column:
                missing = pending.pop(0)
                out.append(self.empty_cell(row, missing, notes[missing]))
            style_match = _CELL_STYLE.search(attrs)
            style = int(style_match.group(1)) if style_match else 0
            last_style = style
            if pending and pending[0] == column:
                pending.pop(0)
                attrs = set_attr(b"<c" + attrs + b">", b"s",
                                  str(self.styles.marked(style, notes[column].severity)).encode())[2:-1]
            if ref is None:
                attrs = f' r="{get_column_letter(column)}{row}"'.encode() + attrs
            out.append(x.tag("c") + attrs + match.group(2))
            last = match.end()
        out.extend(self.empty_cell(row, missing, notes[missing]) for missing in pending)
        out.append(self.issues_cell(row, last_style))
        out.append(body[last:])
        out.append(x.row_end)
        return b"".join(out)

    def write(self, source: IO[bytes], target: IO[bytes], last_row: int) -> None:
        touched = sorted(self.marks.touched_rows)
        next_touched = 0
        previous = 0
        for kind, data in _pieces(source, self.x):
            if kind == HEAD:
                target.write(self.patch_head(data, max(last_row, touched[-1] if touched else 0)))
            elif kind == GAP:
                target.write(data)
            elif kind == ROW:
                start = _start_tag(data)
                number_match = _ROW_NUMBER.search(start)
                number = int(number_match.group(1)) if number_match else previous + 1
                row = data
                if number_match is None:  # make the implicit number explicit before rows are inserted
                    row = set_attr(start, b"r", str(number).encode()) + data[len(start):]
                previous = number
                while next_touched < len(touched) and touched[next_touched] < number:
                    target.write(self.new_row(touched[next_touched]))
                    next_touched += 1
                if next_touched < len(touched) and touched[next_touched] == number:
                    target.write(self.patch_row(row, number))
                    next_touched += 1
                else:
                    target.write(row)
            else:
                for missing in touched[next_touched:]:
                    target.write(self.new_row(missing))
                target.write(self.patch_tail(data))

    def patch_head(self, head: bytes, last_row: int) -> bytes:
        x = self.x
        dimension = x.dimension.search(head)
        if dimension is not None and self.issues_column is not None:
            tag = dimension.group(0)
            ref = _DIMENSION_REF.search(tag)
            if ref is not None:
                new_ref = _widen(ref.group(2), self.issues_column, last_row)
                tag = tag[: ref.start(2)] + new_ref + tag[ref.end(2):]
                head = head[: dimension.start()] + tag + head[dimension.end():]
        if self.issues_column is None:
            return head
        letter_width = f' min="{self.issues_column}" max="{self.issues_column}" width="{ISSUES_COLUMN_WIDTH}"'
        new_col = x.tag("col") + letter_width.encode() + b' customWidth="1"/>'
        cols = x.cols.search(head)
        if cols is None:
            opening = x.sheet_data_open.search(head)
            if opening is None:
                return head
            return head[: opening.start()] + x.tag("cols") + b">" + new_col + x.close("cols") + head[opening.start():]
        insert_at = cols.end(1)
        for col in x.col.finditer(cols.group(1)):
            low_match, high_match = _COL_MIN.search(col.group(0)), _COL_MAX.search(col.group(0))
            if low_match is None or high_match is None:
                continue
            low, high = int(low_match.group(1)), int(high_match.group(1))
            if low <= self.issues_column <= high:
                return head  # a range already covers the column: leave widths alone
            if low > self.issues_column:
                insert_at = cols.start(1) + col.start()
                break
        return head[:insert_at] + new_col + head[insert_at:]

    def patch_tail(self, tail: bytes) -> bytes:
        """Add the comments' ``legacyDrawing`` where the schema wants it: before the elements that follow it."""
        if self.legacy_drawing is None:
            return tail
        if self.x.legacy.search(tail):
            raise CannotPatch("the data sheet already has a legacy drawing")
        where = self.x.after_legacy.search(tail)
        if where is None:
            raise CannotPatch("no </worksheet>")
        return tail[: where.start()] + self.legacy_drawing + tail[where.start():]


def _widen(ref: bytes, column: int, last_row: int) -> bytes:
    """A dimension reference widened to include ``column`` and ``last_row``."""
    parts = ref.split(b":")
    first = _A1.fullmatch(parts[0])
    last = _A1.fullmatch(parts[-1])
    if first is None or last is None:
        return ref
    end_column = max(_column_index(last.group(1)), column)
    end_row = max(int(last.group(2)), last_row)
    return bytes(parts[0] + b":" + f"{get_column_letter(end_column)}{end_row}".encode())
