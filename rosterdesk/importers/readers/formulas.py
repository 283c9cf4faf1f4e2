"""Find the formula cells of the sheet being read (xlsx and ods).

python-calamine returns a formula cell's cached value, indistinguishable from typed text; and
text that merely looks like a formula (``=1+1`` typed as text, ``+31 6...``, ``@x``) must stay
text. Only the file's XML tells: an ``<f>`` element in an xlsx cell, a ``table:formula``
attribute on an ods cell. The result is ``{row: {0-based column: '=formula'}}``.

xlsx: the sheet entry is streamed and searched for ``<f`` with one regex (a literal prefix,
~0.5 ms per MB); only formula cells cost Python work. A cell without an ``r`` reference (legal,
rare) switches to a full expat pass that counts positions. ods: ``content.xml`` is parsed with
expat only when it contains a formula at all.

Not covered: .xls and .xlsb keep formulas in binary records that python-calamine does not
expose; their formula cells are read as their cached values without a ``formula`` issue.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable
from typing import Any
from xml.parsers import expat

from rosterdesk.importers.errors import UnusableFile
from rosterdesk.importers.readers.sheetscan import column_number

Formulas = dict[int, dict[int, str]]

_ROOT = re.compile(rb"<(?:([A-Za-z_][\w.-]*):)?worksheet[\s>/]")
_REF = re.compile(rb'\sr="([A-Za-z]{1,3})(\d{1,7})"')
_SHARED = re.compile(rb'\st="shared"')
_SI = re.compile(rb'\ssi="(\d{1,9})"')
_MAX_CARRY = 64 * 1024 * 1024
_TAG_WINDOW = 4096
_FORMULA_WINDOW = 128 * 1024
"""Excel's formula limit is 8,192 characters; escaped as XML that stays well under 128 KB."""
_TABLE_NS = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_SHEET_NS_SUFFIX = "spreadsheetml/2006/main"


class _NeedsPositions(Exception):
    """A formula cell without an ``r`` reference: positions must be counted."""


def _refuse_dtd(*_args: Any) -> None:
    raise UnusableFile("unsafe-xml", part="")


def _expat() -> Any:
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartDoctypeDeclHandler = _refuse_dtd
    parser.EntityDeclHandler = _refuse_dtd
    parser.buffer_text = True
    return parser


def xlsx_formulas(open_chunks: Callable[[], Iterable[bytes]], max_cell_chars: int) -> Formulas:
    """Formulas of one worksheet entry; ``open_chunks`` streams the entry's decompressed bytes.

    The stream is opened a second time only when a formula cell has no ``r`` reference.
    """
    try:
        return _xlsx_formulas_by_reference(open_chunks(), max_cell_chars)
    except _NeedsPositions:
        return xlsx_formulas_counted(open_chunks())


def _xlsx_formulas_by_reference(chunks: Iterable[bytes], max_cell_chars: int) -> Formulas:
    found: Formulas = {}
    shared: dict[bytes, str] = {}
    carry = b""
    prefix: bytes | None = None
    close_cell = cell_open = close_f = b""
    pattern = re.compile(rb"<f[\s>/]")
    for data in chunks:
        if prefix is None:
            match = _ROOT.search(data)
            prefix = match.group(1) + b":" if match is not None and match.group(1) else b""
            pattern = re.compile(re.escape(b"<" + prefix + b"f") + rb"[\s>/]")
            close_cell = b"</" + prefix + b"c>"
            cell_open = b"<" + prefix + b"c"
            close_f = b"</" + prefix + b"f>"
        buf = carry + data if carry else data
        end = buf.rfind(close_cell)
        if end < 0:
            carry = buf
            if len(carry) > _MAX_CARRY:
                raise UnusableFile("cell-too-long", length=len(carry), limit=max_cell_chars)
            continue
        end += len(close_cell)
        if pattern.search(buf, 0, end) is not None:
            _extract(buf, end, pattern, cell_open=cell_open, close_f=close_f, found=found, shared=shared)
        carry = buf[end:]
    return found


def _extract(buf: bytes, end: int, pattern: re.Pattern[bytes], *, cell_open: bytes, close_f: bytes,
             found: Formulas, shared: dict[bytes, str]) -> None:
    for match in pattern.finditer(buf, 0, end):
        at = match.start()
        # Searches stay in a window around the formula: unbounded ones would make a sheet with a
        # formula in every row quadratic. A cell's start tag is right before its <f>.
        window = max(0, at - _TAG_WINDOW)
        start = max(buf.rfind(cell_open + b" ", window, at), buf.rfind(cell_open + b">", window, at))
        if start < 0:
            raise _NeedsPositions
        tag_end = buf.find(b">", start, at)
        ref = _REF.search(buf, start, tag_end) if tag_end >= 0 else None
        if ref is None:
            raise _NeedsPositions
        row = int(ref.group(2))
        column = column_number(ref.group(1).decode("ascii")) - 1
        f_end = buf.find(b">", at, at + _TAG_WINDOW)
        attrs = buf[at:f_end]
        if attrs.endswith(b"/"):
            raw = b""
        else:
            closed = buf.find(close_f, f_end, f_end + _FORMULA_WINDOW)
            raw = buf[f_end + 1:closed] if closed >= 0 else b""
        text = html.unescape(raw.decode("utf-8", "replace"))
        if _SHARED.search(attrs):
            si = _SI.search(attrs)
            key = si.group(1) if si is not None else b""
            if text:
                shared[key] = text
            else:
                text = shared.get(key, "")
        found.setdefault(row, {})[column] = "=" + text


def xlsx_formulas_counted(chunks: Iterable[bytes]) -> Formulas:
    """Formulas of a worksheet whose cells may lack ``r`` references: expat counts positions."""
    found: Formulas = {}
    shared: dict[str, str] = {}
    state: dict[str, Any] = {"row": 0, "col": -1, "in_f": False, "text": [], "attrs": {}}

    def start(name: str, attrs: dict[str, str]) -> None:
        ns, _, local = name.rpartition(" ")
        if not ns.endswith(_SHEET_NS_SUFFIX) and ns:
            return
        if local == "row":
            state["row"] = int(attrs["r"]) if attrs.get("r", "").isdigit() else state["row"] + 1
            state["col"] = -1
        elif local == "c":
            ref = attrs.get("r", "")
            letters = "".join(ch for ch in ref if ch.isalpha())
            state["col"] = column_number(letters) - 1 if letters else state["col"] + 1
        elif local == "f":
            state["in_f"], state["text"], state["attrs"] = True, [], attrs

    def end(name: str) -> None:
        if name.rpartition(" ")[2] != "f" or not state["in_f"]:
            return
        state["in_f"] = False
        text = "".join(state["text"])
        attrs = state["attrs"]
        if attrs.get("t") == "shared":
            key = attrs.get("si", "")
            if text:
                shared[key] = text
            else:
                text = shared.get(key, "")
        found.setdefault(state["row"], {})[state["col"]] = "=" + text

    def chars(data: str) -> None:
        if state["in_f"]:
            state["text"].append(data)

    parser = _expat()
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = chars
    _feed(parser, chunks)
    return found


def _feed(parser: Any, chunks: Iterable[bytes]) -> None:
    try:
        for chunk in chunks:
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except expat.ExpatError:
        raise UnusableFile("corrupt-file", detected_nl="ongeldige XML in een werkblad",
                           detected_en="invalid XML in a worksheet") from None


def has_ods_formula(chunks: Iterable[bytes]) -> bool:
    tail = b""
    for chunk in chunks:
        if b":formula=" in tail + chunk[:32] or b":formula=" in chunk:
            return True
        tail = chunk[-16:]
    return False


def ods_formulas(chunks: Iterable[bytes], table: str, max_rows: int, max_columns: int) -> Formulas:
    """Formulas of the table named ``table`` in an ods ``content.xml``.

    Positions follow ODF: ``number-rows-repeated`` and ``number-columns-repeated`` repeat a row
    or cell, covered cells (under a merge) take a position too. Repeats are clipped to the limits.
    """
    found: Formulas = {}
    rep_rows = f"{_TABLE_NS} number-rows-repeated"
    rep_cols = f"{_TABLE_NS} number-columns-repeated"
    formula_key = f"{_TABLE_NS} formula"
    state: dict[str, Any] = {"depth": 0, "in_table": False, "row": 0, "col": 0, "repeat_rows": 1,
                             "row_formulas": {}}

    def start(name: str, attrs: dict[str, str]) -> None:
        if not name.startswith(_TABLE_NS):
            return
        local = name.rpartition(" ")[2]
        if local == "table":
            state["in_table"] = attrs.get(f"{_TABLE_NS} name") == table
            state["row"] = 0
        elif not state["in_table"]:
            return
        elif local == "table-row":
            state["col"] = 0
            state["row_formulas"] = {}
            state["repeat_rows"] = min(_count(attrs.get(rep_rows)), max_rows)
        elif local in ("table-cell", "covered-table-cell"):
            repeat = min(_count(attrs.get(rep_cols)), max_columns)
            text = attrs.get(formula_key)
            if text is not None:
                text = "=" + text.split(":", 1)[1].lstrip("=") if text[:3] in ("of:", "oooc:") else text
                for offset in range(repeat):
                    if state["col"] + offset < max_columns:
                        state["row_formulas"][state["col"] + offset] = text
            state["col"] += repeat

    def end(name: str) -> None:
        if not state["in_table"] or name != f"{_TABLE_NS} table-row":
            if name == f"{_TABLE_NS} table":
                state["in_table"] = False
            return
        first = state["row"] + 1
        state["row"] += state["repeat_rows"]
        if state["row_formulas"]:
            for row in range(first, min(state["row"], max_rows) + 1):
                found[row] = dict(state["row_formulas"])

    parser = _expat()
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    _feed(parser, chunks)
    return found


def _count(value: str | None) -> int:
    return int(value) if value is not None and value.isdigit() and value != "0" else 1
