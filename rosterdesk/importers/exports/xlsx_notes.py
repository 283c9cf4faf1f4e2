"""The parts the annotated copy adds: cell comments (with their VML drawing) and the issues sheet.

Excel shows a comment ("note") only with a shape in a legacy VML drawing, so both are written; the
VML follows what Excel and openpyxl write. When the data sheet already has notes, the new ones are
merged into its comments part and drawing, and a cell that already has a note keeps it (its fill
and the issues column still tell what is wrong).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from xml.sax.saxutils import escape

from defusedxml import ElementTree as SafeElementTree
from openpyxl.utils import get_column_letter

from rosterdesk.importers.exports.cells import xlsx_text
from rosterdesk.importers.exports.issue_list import WIDTHS
from rosterdesk.importers.exports.marks import CellNote, Marks
from rosterdesk.importers.exports.ooxml import MAIN_NS, CannotPatch, insert_before_close, prefix_of
from rosterdesk.importers.exports.xlsx_styles import Styles

COMMENT_WIDTH_PX = 320
COMMENT_AUTHOR = "rosterdesk"


Note = tuple[str, int, int, CellNote]
"""(cell reference, row, column, note) of one comment to add."""

VML_NS = "urn:schemas-microsoft-com:vml"
OFFICE_NS = "urn:schemas-microsoft-com:office:office"
EXCEL_NS = "urn:schemas-microsoft-com:office:excel"
_SHAPE_ID = re.compile(rb"_x0000_s([0-9]+)")
_SHAPETYPE = ('<{v}:shapetype id="_x0000_t202" coordsize="21600,21600" {o}:spt="202" '
              'path="m,l,21600r21600,l21600,xe"><{v}:stroke joinstyle="miter"/>'
              '<{v}:path gradientshapeok="t" {o}:connecttype="rect"/></{v}:shapetype>')


@dataclass(frozen=True)
class _Prefixes:
    """The prefixes a VML drawing binds to the VML, Office and Excel namespaces."""

    v: str = "v"
    o: str = "o"
    x: str = "x"


def notes_to_add(marks: Marks, existing: frozenset[str] | set[str] = frozenset()) -> list[Note]:
    """The marked cells that get a comment: all of them, except cells that already have one."""
    notes = []
    for row in sorted(marks.cells):
        for column, note in sorted(marks.cells[row].items()):
            ref = f"{get_column_letter(column)}{row}"
            if ref not in existing:
                notes.append((ref, row, column, note))
    return notes


def _comment_text(note: CellNote) -> str:
    return xlsx_text("\n".join(note.messages), limit=8_000)


def _comment_elements(notes: list[Note], author_id: int, prefix: str = "") -> str:
    p = prefix
    return "".join(f'<{p}comment ref="{ref}" authorId="{author_id}"><{p}text><{p}t xml:space="preserve">'
                   f"{escape(_comment_text(note))}</{p}t></{p}text></{p}comment>" for ref, _, _, note in notes)


def comments_xml(notes: list[Note]) -> bytes:
    """A new comments part."""
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<comments xmlns="{MAIN_NS}"><authors>'
            f"<author>{COMMENT_AUTHOR}</author></authors><commentList>{_comment_elements(notes, 0)}"
            "</commentList></comments>").encode()


def existing_comment_refs(xml: bytes) -> set[str]:
    """The cells that already have a comment in an existing comments part."""
    root = SafeElementTree.fromstring(xml)
    return {element.get("ref", "") for element in root.iter(f"{{{MAIN_NS}}}comment")}


def merge_comments(xml: bytes, notes: list[Note]) -> bytes:
    """An existing comments part with our author and ``notes`` added at the end of its lists."""
    root = SafeElementTree.fromstring(xml)
    author_id = len(list(root.iter(f"{{{MAIN_NS}}}author")))
    prefix = prefix_of(xml, b"comments")
    p = prefix.decode()
    xml = insert_before_close(xml, b"authors", f"<{p}author>{COMMENT_AUTHOR}</{p}author>".encode())
    return insert_before_close(xml, b"commentList", _comment_elements(notes, author_id, p).encode())


def _comment_height(text: str) -> int:
    lines = sum(max(1, math.ceil(len(line) / 48)) for line in text.split("\n"))
    return min(20 + 15 * lines, 480)


def _shapes(notes: list[Note], first_id: int, prefixes: _Prefixes = _Prefixes()) -> str:
    v, o, x = prefixes.v, prefixes.o, prefixes.x
    parts = []
    for shape_id, (_, row, column, note) in enumerate(notes, start=first_id):
        height = _comment_height(_comment_text(note))
        parts.append(
            f'<{v}:shape id="_x0000_s{shape_id}" type="#_x0000_t202" style="position:absolute;margin-left:59.25pt;'
            f'margin-top:1.5pt;width:{COMMENT_WIDTH_PX}px;height:{height}px;z-index:{shape_id - 1024};'
            f'visibility:hidden" fillcolor="#ffffe1" {o}:insetmode="auto"><{v}:fill color2="#ffffe1"/>'
            f'<{v}:shadow color="black" obscured="t"/><{v}:path {o}:connecttype="none"/>'
            f'<{v}:textbox style="mso-direction-alt:auto"><div style="text-align:left"/></{v}:textbox>'
            f'<{x}:ClientData ObjectType="Note"><{x}:MoveWithCells/><{x}:SizeWithCells/>'
            f"<{x}:AutoFill>False</{x}:AutoFill><{x}:Row>{row - 1}</{x}:Row><{x}:Column>{column - 1}</{x}:Column>"
            f"</{x}:ClientData></{v}:shape>")
    return "".join(parts)


def _blocks(last_id: int) -> list[int]:
    """The 1024-id blocks (``o:idmap``) that shape ids 1025..``last_id`` fall in."""
    return list(range(1, last_id // 1024 + 1))


def vml(notes: list[Note]) -> bytes:
    """A new VML drawing with one note shape per comment."""
    blocks = ",".join(str(block) for block in _blocks(1024 + len(notes)))
    return (f'<xml xmlns:v="{VML_NS}" xmlns:o="{OFFICE_NS}" xmlns:x="{EXCEL_NS}">'
            f'<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="{blocks}"/></o:shapelayout>'
            f"{_SHAPETYPE.format(v='v', o='o')}{_shapes(notes, 1025)}</xml>").encode()


def _declared_prefix(drawing: bytes, namespace: str) -> str:
    match = re.search(rb"""xmlns:([A-Za-z_][\w.-]*)\s*=\s*["']""" + re.escape(namespace.encode()) + rb"""["']""",
                      drawing)
    if match is None:
        raise CannotPatch(f"legacy drawing without a prefix for {namespace}")
    return match.group(1).decode()


def merge_vml(drawing: bytes, notes: list[Note]) -> bytes:
    """An existing VML drawing with note shapes for ``notes`` added, ids after the ones it has.

    VML written by Excel is not always well-formed XML, so it is amended as text: the shapes go
    before the closing ``</xml>`` with the prefixes the drawing itself binds (openpyxl writes
    ``ns0:``/``ns1:``, Excel ``v:``/``o:``/``x:``), and ``o:idmap`` is widened to the id blocks now
    in use.
    """
    prefixes = _Prefixes(_declared_prefix(drawing, VML_NS), _declared_prefix(drawing, OFFICE_NS),
                         _declared_prefix(drawing, EXCEL_NS))
    first_id = max([1024, *(int(found) for found in _SHAPE_ID.findall(drawing))]) + 1
    shapetype = "" if b'id="_x0000_t202"' in drawing else _SHAPETYPE.format(v=prefixes.v, o=prefixes.o)
    drawing = insert_before_close(drawing, b"xml", (shapetype + _shapes(notes, first_id, prefixes)).encode())
    idmap = re.search(rb"(<" + re.escape(prefixes.o.encode()) + rb""":idmap\b[^>]*?\sdata=["'])([0-9, ]*)(["'])""",
                      drawing)
    if idmap is not None:
        blocks = {int(block) for block in idmap.group(2).replace(b" ", b"").split(b",") if block}
        blocks.update(_blocks(first_id + len(notes)))
        listed = ",".join(str(block) for block in sorted(blocks)).encode()
        drawing = drawing[: idmap.start(2)] + listed + drawing[idmap.end(2):]
    return drawing


def issues_sheet_xml(marks: Marks, styles: Styles) -> bytes:
    text_style = styles.text()
    bold_style = styles.text(bold=True)
    rows: list[tuple[tuple[str, ...], int]] = [((line,), text_style) for line in marks.intro]
    rows.append(((), text_style))
    header_row = len(rows) + 1
    rows.append((marks.table_headers, bold_style))
    rows += [(row, text_style) for row in marks.table]
    body = []
    for number, (cells, style) in enumerate(rows, start=1):
        cell_xml = "".join(
            f'<c r="{get_column_letter(index)}{number}" s="{style}" t="inlineStr"><is>'
            f'<t xml:space="preserve">{escape(xlsx_text(text))}</t></is></c>'
            for index, text in enumerate(cells, start=1) if text)
        body.append(f'<row r="{number}">{cell_xml}</row>')
    cols = "".join(f'<col min="{index}" max="{index}" width="{width}" customWidth="1"/>'
                   for index, width in enumerate(WIDTHS, start=1))
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{MAIN_NS}">'
            f'<sheetViews><sheetView workbookViewId="0"><pane ySplit="{header_row}" topLeftCell="A{header_row + 1}" '
            f'activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>'
            f"<cols>{cols}</cols><sheetData>{''.join(body)}</sheetData></worksheet>").encode()
