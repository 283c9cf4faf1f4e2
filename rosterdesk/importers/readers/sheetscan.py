"""Cheap scans of worksheet and shared-string XML that keep python-calamine alive.

calamine builds a dense grid from the top-left to the bottom-right cell that holds a value and
copies a shared string into every cell that uses it. Measured: one value in A1 and one in
XFD1048576 asks for 512 GiB; a 1 MiB shared string used by 5,000 cells asks for 5 GB. Either
aborts the process (no Python exception). These scanners see the XML as the zip guard streams
it, before calamine runs, and record what calamine would be asked for:

- the last row holding a cell with content (``<c>...</c>``; formatted empty cells ``<c .../>``
  are ignored by calamine and so are ignored here);
- the first cell holding a value beyond ``max_columns`` (for 200: columns GS-ZZ and AAA+);
- the longest shared string, in characters.

Each chunk costs a few ``rfind`` calls and one regex search with a literal prefix (~0.5 ms per
MB). calamine's own width and height are checked again after parsing; the sandbox's memory
limit is the backstop for anything cleverer (cells out of row order, rows without numbers).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import lru_cache

from rosterdesk.importers.errors import UnusableFile

_ROOT = re.compile(rb"<(?:([A-Za-z_][\w.-]*):)?(worksheet|sst)[\s>/]")
_DIMENSION = re.compile(rb'<(?:[\w.-]+:)?dimension\s[^>]*?ref="([^"]{0,40})"')
_ROW_NUMBER = re.compile(rb'\sr="(\d{1,9})"')
_PHONETIC = re.compile(rb"<(?:[\w.-]+:)?rPh[\s>].*?</(?:[\w.-]+:)?rPh>", re.S)
_TAG = re.compile(rb"<[^>]*>")
_SPACE = b" \t\r\n"
_CONTEXT = 4096


def _letters(lo: int, hi: int) -> bytes:
    """A character class body for the letters number ``lo``..``hi`` (1 = A), both cases."""
    upper = bytes([64 + lo]) + (b"-" + bytes([64 + hi]) if hi > lo else b"")
    return upper + upper.lower()


@lru_cache(maxsize=8)
def wide_pattern(max_columns: int) -> re.Pattern[bytes]:
    """A regex matching exactly the cell references beyond column ``max_columns`` (any case).

    At most three alternatives after the literal ``r="`` (for 200: ``GS``-``GZ``, ``HA``-``ZZ``
    and three or more letters); more alternatives make the regex engine several times slower.
    """
    alternatives = [rb"[A-Za-z]{3,}"]
    if max_columns < 702:
        full_from = (max_columns - 1) // 26 + 1  # first letters from here on: any second letter is beyond
        partial = full_from - 1
        floor = max_columns - 26 * partial
        if partial >= 1 and floor < 26:
            alternatives.append(b"[" + _letters(partial, partial) + b"][" + _letters(floor + 1, 26) + b"]")
        if full_from <= 26:
            alternatives.append(b"[" + _letters(full_from, 26) + b"][A-Za-z]")
    if max_columns < 26:
        alternatives.append(b"[" + _letters(max_columns + 1, 26) + b"]")
    return re.compile(rb'r="((?:' + b"|".join(alternatives) + rb'))(\d*)"?')


_TWO_LETTERS = re.compile(rb'r="[A-Za-z]{2}')
"""Cheap prefilter: no reference with two or more letters, nothing beyond column Z (~60 ms/100 MB)."""


def column_number(letters: str) -> int:
    """1-based column number of Excel column letters ('A' -> 1, 'XFD' -> 16384)."""
    number = 0
    for char in letters.upper():
        number = number * 26 + (ord(char) - 64)
    return number


def _prefix(first: bytes) -> bytes:
    match = _ROOT.search(first)
    return match.group(1) + b":" if match is not None and match.group(1) else b""


@dataclass
class SheetFacts:
    """What a worksheet's XML asks of a parser."""

    part: str
    dimension: str | None = None
    last_row: int = 0
    """Row of the last cell holding a value (0: no values)."""
    wide_cell: str | None = None
    """The first cell holding a value in a column beyond the limit, e.g. 'XFD1048576'."""
    wide_columns: int = 0

    @property
    def has_values(self) -> bool:
        return self.last_row > 0


class SheetScanner:
    """Fed the decompressed chunks of one worksheet entry by the zip guard."""

    def __init__(self, part: str, max_columns: int) -> None:
        self.facts = SheetFacts(part)
        self.max_columns = max_columns
        self._wide = wide_pattern(max_columns)
        # Until a two-letter column shows up (never, in files up to column Z) only the prefilter runs.
        self._precise = max_columns < 26
        self._started = False
        self._prev = b""
        self._row = 0
        self._counting = False
        self._set_prefix(b"")

    def _set_prefix(self, prefix: bytes) -> None:
        self._row_open = b"<" + prefix + b"row"
        self._cell_open = b"<" + prefix + b"c"
        self._cell_close = b"</" + prefix + b"c>"

    def feed(self, data: bytes) -> None:
        if not self._started:
            self._started = True
            self._set_prefix(_prefix(data))
            dimension = _DIMENSION.search(data)
            if dimension is not None:
                self.facts.dimension = dimension.group(1).decode("ascii", "replace")
            first_row = self._last_row_start(data, 0, len(data), first=True)
            self._counting = first_row >= 0 and _ROW_NUMBER.match(data, first_row + len(self._row_open)) is None
        if self.facts.wide_cell is None:
            self._scan_wide(data)
        self._track_rows(data)
        self._prev = data[-_CONTEXT:]

    def close(self) -> None:
        if self.facts.wide_cell is None and self._precise:
            for match in self._wide.finditer(self._prev):
                if match.end() >= len(self._prev) - 1 and self._record_if_cell(self._prev, match):
                    break
        self._prev = b""

    # -- rows --------------------------------------------------------------------------------
    def _last_row_start(self, data: bytes, start: int, end: int, first: bool = False) -> int:
        """Offset of the last (or first) ``<row`` start tag in ``data[start:end]``, or -1."""
        tag = self._row_open
        at = data.find(tag, start, end) if first else data.rfind(tag, start, end)
        while at >= 0:
            follow = data[at + len(tag):at + len(tag) + 1]
            if follow in (b" ", b">", b"/", b"\t", b"\r", b"\n"):
                return at
            at = data.find(tag, at + 1, end) if first else data.rfind(tag, start, at)
        return -1

    def _row_at(self, data: bytes, at: int) -> int | None:
        end = data.find(b">", at, at + 4096)
        match = _ROW_NUMBER.search(data, at, end if end >= 0 else at + 4096)
        return int(match.group(1)) if match is not None else None

    def _track_rows(self, data: bytes) -> None:
        # A cell that can hold a value has a closing tag; formatted empty cells are ``<c .../>``.
        # One rfind that normally succeeds near the end of the chunk: absent markers would cost
        # a scan of the whole chunk.
        value_at = data.rfind(self._cell_close)
        if self._counting:
            before = self._row
            self._row += data.count(self._row_open + b" ") + data.count(self._row_open + b">")
            if value_at >= 0:
                opened = data.count(self._row_open + b" ", 0, value_at) + data.count(self._row_open + b">", 0, value_at)
                self.facts.last_row = max(self.facts.last_row, before + opened)
            return
        if value_at >= 0:
            at = self._last_row_start(data, 0, value_at)
            row = self._row_at(data, at) if at >= 0 else self._row
            self.facts.last_row = max(self.facts.last_row, row or self._row + 1)
        at = self._last_row_start(data, 0, len(data))
        if at >= 0:
            self._row = self._row_at(data, at) or self._row + 1

    # -- columns -----------------------------------------------------------------------------
    def _scan_wide(self, data: bytes) -> None:
        seam = self._prev + data[:_CONTEXT] if self._prev else b""
        lo, hi = len(self._prev) - 8, len(self._prev) + 16
        if not self._precise:
            if _TWO_LETTERS.search(data) is None and (not seam or _TWO_LETTERS.search(seam, lo, hi) is None):
                return
            self._precise = True
        if seam:
            # A match may straddle the chunk boundary: look at the seam with context on both sides.
            for match in self._wide.finditer(seam, lo, hi):
                if match.start() <= len(self._prev) and self._record_if_cell(seam, match):
                    return
        for match in self._wide.finditer(data):
            # A reference touching the end may go on in the next chunk: the seam check sees it whole.
            if match.end() < len(data) - 1 and self._record_if_cell(data, match):
                return

    def _record_if_cell(self, data: bytes, match: re.Match[bytes]) -> bool:
        """Record the match when it is the reference of a ``<c>`` that can hold a value."""
        at = match.start()
        if at == 0 or data[at - 1] not in _SPACE:
            return False
        letters = match.group(1).decode("ascii")
        columns = column_number(letters)
        if columns <= self.max_columns:
            return False
        opened = data.rfind(b"<", 0, at)
        if opened >= 0:
            name = data[opened:at].split(None, 1)[0]
            if name != self._cell_open or data.find(b">", opened, at) >= 0:
                return False  # the reference of another element, or text that merely looks like one
            closed = data.find(b">", at)
            if closed > 0 and data[closed - 1:closed] == b"/":
                return False  # <c r="XFD5" s="1"/>: formatted but empty, ignored by calamine
        # Unknown context (the tag started before the data we kept): assume the worst.
        self.facts.wide_cell = (letters + match.group(2).decode("ascii")).upper()
        self.facts.wide_columns = columns
        return True


def text_length(si: bytes) -> int:
    """Characters of text in one ``<si>`` element (runs joined, phonetic hints left out).

    ``si`` starts right after the ``<si`` of the split, so the rest of that start tag goes first.
    """
    si = si[si.find(b">") + 1:]
    text = _TAG.sub(b"", _PHONETIC.sub(b"", si)).decode("utf-8", "replace")
    return len(html.unescape(text))


class SharedStringMeter:
    """Refuses a shared-strings entry holding a string longer than ``limit`` characters.

    The entry is split on ``<si`` as it streams; only pieces longer than ``limit`` bytes can hold
    more than ``limit`` characters, and only those are measured exactly.
    """

    def __init__(self, part: str, limit: int) -> None:
        self.part = part
        self.limit = limit
        self.longest = 0
        self._carry = b""
        self._marker = b"<si"
        self._started = False

    def feed(self, data: bytes) -> None:
        if not self._started:
            self._started = True
            self._marker = b"<" + _prefix(data) + b"si"
        buf = self._carry + data if self._carry else data
        pieces = buf.split(self._marker)
        self._carry = pieces.pop()
        for piece in pieces:
            if len(piece) > self.limit:
                self._measure(piece)
        if len(self._carry) > self.limit:
            self._measure(self._carry)
            if len(self._carry) > 64 * self.limit:
                # Megabytes of markup in one string and still under the limit: not a real workbook.
                raise UnusableFile("cell-too-long", length=len(self._carry), limit=self.limit)

    def close(self) -> None:
        if len(self._carry) > self.limit:
            self._measure(self._carry)
        self._carry = b""

    def _measure(self, piece: bytes) -> None:
        length = text_length(piece)
        self.longest = max(self.longest, length)
        if length > self.limit:
            raise UnusableFile("cell-too-long", length=length, limit=self.limit)
