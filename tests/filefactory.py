"""Generate ordinary, odd and hostile spreadsheet files for tests (into a directory you pass).

Every function writes one file and returns its path; nothing is downloaded or checked in. The
xlsx writer is hand-made on purpose: hostile cases (sparse corners, lying zip headers, DTDs,
understated dimensions) need control over every byte that openpyxl would not give. Files made
with openpyxl and xlwt are there too, for realism.

Also here: small module-level *workloads* for sandbox tests (they must be importable by name in
a child process): ``allocate_mb``, ``sleep_for``, ``abort_process``, ``raise_value_error``,
``raise_unusable``, ``unpicklable``, ``exit_silently``, ``echo``, ``read_all``.
"""

from __future__ import annotations

import codecs
import csv
import faulthandler
import io
import os
import signal
import struct
import time
import zipfile
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
XLSX_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
XLSM_MAIN = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


# -- a minimal xlsx writer -------------------------------------------------------------------

@dataclass(frozen=True)
class Formula:
    """A formula cell: ``text`` without the leading '=', ``cached`` the value Excel stored."""

    text: str
    cached: Any = None
    shared_index: int | None = None
    shared_ref: str | None = None


@dataclass
class SheetSpec:
    """One sheet: ``rows`` from row 1 (None = empty cell), or ``sheet_data`` as raw XML."""

    name: str
    rows: Sequence[Sequence[Any]] = ()
    state: str = "visible"
    dimension: str | None = None
    sheet_data: str | None = None
    """Raw XML placed inside ``<sheetData>`` instead of ``rows``."""
    xml: str | None = None
    """The complete worksheet XML, used as is."""


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _cell(ref: str, value: Any, strings: list[str] | None) -> str:
    if value is None:
        return ""
    if isinstance(value, Formula):
        attrs = ""
        if value.shared_index is not None:
            attrs = f' t="shared" si="{value.shared_index}"'
            attrs += f' ref="{value.shared_ref}"' if value.shared_ref else ""
        formula = f"<f{attrs}>{escape(value.text)}</f>" if value.text else f"<f{attrs}/>"
        if isinstance(value.cached, str):
            return f'<c r="{ref}" t="str">{formula}<v>{escape(value.cached)}</v></c>'
        cached = "" if value.cached is None else f"<v>{value.cached}</v>"
        return f'<c r="{ref}">{formula}{cached}</c>'
    if isinstance(value, bool):
        return f'<c r="{ref}" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, int | float):
        return f'<c r="{ref}"><v>{value!r}</v></c>'
    text = str(value)
    if strings is not None:
        strings.append(text)
        return f'<c r="{ref}" t="s"><v>{len(strings) - 1}</v></c>'
    space = ' xml:space="preserve"' if text != text.strip() else ""
    return f'<c r="{ref}" t="inlineStr"><is><t{space}>{escape(text)}</t></is></c>'


def sheet_xml(spec: SheetSpec, strings: list[str] | None = None) -> str:
    if spec.xml is not None:
        return spec.xml
    if spec.sheet_data is not None:
        data = spec.sheet_data
    else:
        parts = []
        for r, row in enumerate(spec.rows, start=1):
            cells = "".join(_cell(f"{column_letter(c)}{r}", value, strings) for c, value in enumerate(row))
            if cells:
                parts.append(f'<row r="{r}">{cells}</row>')
        data = "".join(parts)
    dimension = f'<dimension ref="{spec.dimension}"/>' if spec.dimension else ""
    return (f'{XML_DECL}<worksheet xmlns="{MAIN_NS}" xmlns:r="{REL_NS}">{dimension}'
            f"<sheetData>{data}</sheetData></worksheet>")


def write_xlsx(path: Path, sheets: Sequence[SheetSpec], *, shared: bool = False, main_type: str = XLSX_MAIN,
               extra: dict[str, bytes | str] | None = None, shared_strings_xml: str | None = None,
               compression: int = zipfile.ZIP_DEFLATED) -> Path:
    """Write a minimal but valid xlsx (Excel and calamine open it)."""
    strings: list[str] | None = [] if shared else None
    sheet_parts = [sheet_xml(spec, strings) for spec in sheets]
    overrides = [f'<Override PartName="/xl/workbook.xml" ContentType="{main_type}"/>']
    worksheet_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
    overrides += [f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{worksheet_type}"/>'
                  for i in range(1, len(sheets) + 1)]
    if strings is not None or shared_strings_xml is not None:
        overrides.append('<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                         'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>')
    content_types = (f'{XML_DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                     '<Default Extension="rels" '
                     'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                     '<Default Extension="xml" ContentType="application/xml"/>'
                     '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>'
                     f'{"".join(overrides)}</Types>')
    root_rels = (f'{XML_DECL}<Relationships xmlns="{PKG_REL_NS}"><Relationship Id="rId1" '
                 f'Type="{REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
    sheet_entries = "".join(
        f'<sheet name="{escape(spec.name, {chr(34): "&quot;"})}" sheetId="{i}" r:id="rId{i}"'
        + (f' state="{spec.state}"' if spec.state != "visible" else "") + "/>"
        for i, spec in enumerate(sheets, start=1))
    workbook = f'{XML_DECL}<workbook xmlns="{MAIN_NS}" xmlns:r="{REL_NS}"><sheets>{sheet_entries}</sheets></workbook>'
    rels = [f'<Relationship Id="rId{i}" Type="{REL_NS}/worksheet" Target="worksheets/sheet{i}.xml"/>'
            for i in range(1, len(sheets) + 1)]
    if strings is not None or shared_strings_xml is not None:
        rels.append(f'<Relationship Id="rId{len(sheets) + 1}" Type="{REL_NS}/sharedStrings" '
                    'Target="sharedStrings.xml"/>')
    workbook_rels = f'{XML_DECL}<Relationships xmlns="{PKG_REL_NS}">{"".join(rels)}</Relationships>'
    with zipfile.ZipFile(path, "w", compression) as archive:
        archive.writestr("[Content_Types].xml", content_types)
        archive.writestr("_rels/.rels", root_rels)
        archive.writestr("xl/workbook.xml", workbook)
        archive.writestr("xl/_rels/workbook.xml.rels", workbook_rels)
        for i, part in enumerate(sheet_parts, start=1):
            archive.writestr(f"xl/worksheets/sheet{i}.xml", part)
        if shared_strings_xml is not None:
            archive.writestr("xl/sharedStrings.xml", shared_strings_xml)
        elif strings is not None:
            items = "".join(f"<si><t>{escape(text)}</t></si>" for text in strings)
            archive.writestr("xl/sharedStrings.xml", f'{XML_DECL}<sst xmlns="{MAIN_NS}" count="{len(strings)}" '
                                                     f'uniqueCount="{len(strings)}">{items}</sst>')
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return path


def simple_xlsx(path: Path, rows: Sequence[Sequence[Any]], sheet_name: str = "Blad1", **kwargs: Any) -> Path:
    return write_xlsx(path, [SheetSpec(sheet_name, rows)], **kwargs)


ROSTER_HEADER = ["Achternaam", "Voornaam", "E-mail", "Klas"]


def roster_rows(count: int) -> list[list[Any]]:
    return [ROSTER_HEADER] + [[f"Jansen{i}", "Piet", f"p{i}@school.nl", f"{1 + i % 6}A"] for i in range(count)]


# -- F5, F6: sparse and oversized sheets --------------------------------------------------------

def sparse_corner_xlsx(path: Path) -> Path:
    """A1 and XFD1048576 hold values: calamine asks for 512 GiB and aborts (measured)."""
    data = '<row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
    return write_xlsx(path, [SheetSpec("Blad1", sheet_data=data)])


def sparse_column_xlsx(path: Path, rows: int = 20_000) -> Path:
    """A wide cell (XFD) far down a modest sheet: 20,000 x 16,384 cells, ~10 GB in calamine."""
    data = f'<row r="1"><c r="A1"><v>1</v></c></row><row r="{rows}"><c s="0" r="xfd{rows}"><v>1</v></c></row>'
    return write_xlsx(path, [SheetSpec("Blad1", sheet_data=data)])


def tall_sheet_xlsx(path: Path, last_row: int = 1_048_576) -> Path:
    """A value in A1 and one in A<last_row>: more rows than the limit, cheap for calamine."""
    data = f'<row r="1"><c r="A1"><v>1</v></c></row><row r="{last_row}"><c r="A{last_row}"><v>2</v></c></row>'
    return write_xlsx(path, [SheetSpec("Blad1", sheet_data=data)])


def oversized_dimension_xlsx(path: Path) -> Path:
    """``<dimension ref="A1:XFD1048576">`` over two small rows; formatted empty cells far away."""
    data = ('<row r="1"><c r="A1" t="inlineStr"><is><t>Naam</t></is></c></row>'
            '<row r="2"><c r="A2" t="inlineStr"><is><t>Piet</t></is></c></row>'
            '<row r="1048576"><c r="XFD1048576" s="1"/></row>')
    return write_xlsx(path, [SheetSpec("Blad1", sheet_data=data, dimension="A1:XFD1048576")])


def understated_dimension_xlsx(path: Path, rows: int = 500) -> Path:
    """``<dimension ref="A1:B2">`` while the data runs to row ``rows``."""
    return write_xlsx(path, [SheetSpec("Blad1", [["Nummer", "Naam"]] + [[i, f"naam {i}"] for i in range(2, rows + 1)],
                                       dimension="A1:B2")])


def shared_string_bomb_xlsx(path: Path, length: int = 1 << 20, uses: int = 5_000) -> Path:
    """One shared string of ``length`` characters used by ``uses`` cells: ~5 GB in calamine."""
    data = "".join(f'<row r="{r}"><c r="A{r}" t="s"><v>0</v></c></row>' for r in range(1, uses + 1))
    sst = (f'{XML_DECL}<sst xmlns="{MAIN_NS}" count="{uses}" uniqueCount="1"><si><t>{"x" * length}</t></si></sst>')
    return write_xlsx(path, [SheetSpec("Blad1", sheet_data=data)], shared_strings_xml=sst)


# -- F4: zip bombs ------------------------------------------------------------------------------

def whitespace_bomb_xlsx(path: Path, megabytes: int = 400) -> Path:
    """A worksheet padded with ``megabytes`` MB of spaces: ratio ~1000, 400 KB on disk."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        base = path.with_suffix(".base.xlsx")
        simple_xlsx(base, [["Naam"], ["Piet"]])
        with zipfile.ZipFile(base) as source:
            for info in source.infolist():
                if info.filename != "xl/worksheets/sheet1.xml":
                    archive.writestr(info.filename, source.read(info.filename))
        base.unlink()
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as out:
            out.write(f'{XML_DECL}<worksheet xmlns="{MAIN_NS}">'.encode())
            block = b" " * (1 << 20)
            for _ in range(megabytes):
                out.write(block)
            out.write(b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Naam</t></is></c></row>'
                      b"</sheetData></worksheet>")
    return path


def many_entries_xlsx(path: Path, entries: int = 1_001) -> Path:
    extra: dict[str, bytes | str] = {f"xl/media/image{i}.png": b"\x89PNG" for i in range(entries)}
    return simple_xlsx(path, [["Naam"], ["Piet"]], extra=extra)


def patch_declared_size(path: Path, entry: str, declared: int) -> Path:
    """Make the zip headers of ``entry`` claim ``declared`` bytes uncompressed (a lying header)."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(entry)
    struct.pack_into("<I", data, info.header_offset + 22, declared)
    at = 0
    name = entry.encode()
    while True:
        at = data.find(b"PK\x01\x02", at)
        if at < 0:
            break
        name_len = struct.unpack_from("<H", data, at + 28)[0]
        if bytes(data[at + 46:at + 46 + name_len]) == name:
            struct.pack_into("<I", data, at + 24, declared)
        at += 4
    path.write_bytes(bytes(data))
    return path


def lying_header_xlsx(path: Path, rows: int = 2_000) -> Path:
    """An ordinary worksheet (~150 KB, ratio ~10) whose zip headers claim it is 1 KB.

    Readers that trust the header (``zipfile`` stops at the declared size) see a cut sheet; only
    following the deflate stream to its end reveals the real size.
    """
    simple_xlsx(path, roster_rows(rows))
    return patch_declared_size(path, "xl/worksheets/sheet1.xml", 1024)


def truncated_xlsx(path: Path) -> Path:
    simple_xlsx(path, roster_rows(50))
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


# -- F7, F8: XML attacks, macros, links -------------------------------------------------------

BILLION_LAUGHS = ('<!DOCTYPE lolz [<!ENTITY lol "lol">'
                  + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
                            for i in range(1, 10))
                  + "]>")


def billion_laughs_xlsx(path: Path) -> Path:
    xml = (f'<?xml version="1.0"?>\n{BILLION_LAUGHS}<worksheet xmlns="{MAIN_NS}"><sheetData><row r="1">'
           '<c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>')
    return write_xlsx(path, [SheetSpec("Blad1", xml=xml)])


def xxe_xlsx(path: Path, target: str = "file:///etc/passwd") -> Path:
    xml = (f'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY xxe SYSTEM "{target}">]><worksheet xmlns="{MAIN_NS}">'
           '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&xxe;</t></is></c></row></sheetData></worksheet>')
    return write_xlsx(path, [SheetSpec("Blad1", xml=xml)])


def xxe_in_workbook_xlsx(path: Path, target: str = "http://127.0.0.1:9/x") -> Path:
    """The DTD sits in xl/workbook.xml, which the reader parses itself."""
    simple_xlsx(path, [["Naam"], ["Piet"]])
    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info.filename) for info in archive.infolist()}
    workbook = parts["xl/workbook.xml"].decode()
    parts["xl/workbook.xml"] = workbook.replace(
        XML_DECL, f'{XML_DECL}<!DOCTYPE w [<!ENTITY e SYSTEM "{target}">]>').encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def xlsm(path: Path) -> Path:
    """A macro-enabled workbook with a (fake) VBA project."""
    return simple_xlsx(path, [["Naam"], ["Piet"]], main_type=XLSM_MAIN, extra={"xl/vbaProject.bin": OLE_MAGIC})


def xlsm_without_vba(path: Path) -> Path:
    return simple_xlsx(path, [["Naam"], ["Piet"]], main_type=XLSM_MAIN)


def vba_in_xlsx(path: Path) -> Path:
    """An .xlsx content type, but a vbaProject.bin inside (a macro workbook renamed)."""
    return simple_xlsx(path, [["Naam"], ["Piet"]], extra={"xl/vbaProject.bin": OLE_MAGIC})


def external_link_xlsx(path: Path) -> Path:
    link = (f'{XML_DECL}<externalLink xmlns="{MAIN_NS}"><externalBook xmlns:r="{REL_NS}" r:id="rId1"/>'
            "</externalLink>")
    rels = (f'{XML_DECL}<Relationships xmlns="{PKG_REL_NS}"><Relationship Id="rId1" '
            f'Type="{REL_NS}/externalLinkPath" Target="file:///C:/geheim/cijfers.xlsx" TargetMode="External"/>'
            "</Relationships>")
    return simple_xlsx(path, [["Naam", "Cijfer"], ["Piet", Formula("[1]Blad1!A1", 7)]],
                       extra={"xl/externalLinks/externalLink1.xml": link,
                              "xl/externalLinks/_rels/externalLink1.xml.rels": rels})


# -- F9: formulas and text that looks like one ------------------------------------------------

def formulas_xlsx(path: Path) -> Path:
    """Row 2-4 hold formulas (one shared); text '=1+1', '+31 6 ...', '@x' in row 5 stays text."""
    rows = [
        ["Naam", "Getal", "Dubbel"],
        ["Piet", 2, Formula("B2*2", 4, shared_index=0, shared_ref="C2:C3")],
        ["Klaas", 3, Formula("", 6, shared_index=0)],
        [Formula('"Jan"&"sen"', "Jansen"), 1, Formula("SUM(B2:B3)", 5)],
        ["=1+1", "+31 6 12345678", "@x"],
    ]
    return simple_xlsx(path, rows)


def formulas_openpyxl_xlsx(path: Path) -> Path:
    """Formulas as openpyxl writes them (no cached values), plus a text cell '=1+1'."""
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Blad1"
    sheet.append(["Naam", "E-mail"])
    sheet.append(["Piet", '=LOWER("PIET@SCHOOL.NL")'])
    sheet["A3"] = "=1+1"
    sheet["A3"].data_type = "s"
    sheet["B3"] = "klaas@school.nl"
    workbook.save(path)
    return path


# -- F10: other formats ---------------------------------------------------------------------

def xls(path: Path, rows: Sequence[Sequence[Any]], sheet_name: str = "Blad1",
        hidden: dict[str, Sequence[Sequence[Any]]] | None = None) -> Path:
    """An Excel 97-2003 file written by xlwt (numbers as numbers, text as text)."""
    import xlwt

    book = xlwt.Workbook()
    sheet = book.add_sheet(sheet_name)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is not None:
                sheet.write(r, c, value)
    for name, hidden_rows in (hidden or {}).items():
        extra = book.add_sheet(name)
        extra.visibility = 1
        for r, row in enumerate(hidden_rows):
            for c, value in enumerate(row):
                extra.write(r, c, value)
    book.save(str(path))
    return path


ODS_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2"')


def _ods_cell(value: Any) -> str:
    if value is None:
        return "<table:table-cell/>"
    if isinstance(value, Formula):
        return (f'<table:table-cell table:formula="of:={escape(value.text, {chr(34): "&quot;"})}" '
                f'office:value-type="float" office:value="{value.cached}"><text:p>{value.cached}</text:p>'
                "</table:table-cell>")
    if isinstance(value, int | float) and not isinstance(value, bool):
        return (f'<table:table-cell office:value-type="float" office:value="{value}"><text:p>{value}</text:p>'
                "</table:table-cell>")
    return f'<table:table-cell office:value-type="string"><text:p>{escape(str(value))}</text:p></table:table-cell>'


def ods(path: Path, sheets: dict[str, Sequence[Sequence[Any]]], hidden: Iterable[str] = (),
        trailing_empty_rows: bool = True) -> Path:
    """An OpenDocument spreadsheet written by hand: ``mimetype`` first and uncompressed.

    Like LibreOffice, each table ends with a huge repeated block of empty rows.
    """
    hidden = set(hidden)
    tables = []
    for name, rows in sheets.items():
        style = ' table:style-name="ta2"' if name in hidden else ' table:style-name="ta1"'
        body = "".join("<table:table-row>" + "".join(_ods_cell(v) for v in row) + "</table:table-row>" for row in rows)
        if trailing_empty_rows:
            body += ('<table:table-row table:number-rows-repeated="1048000">'
                     '<table:table-cell table:number-columns-repeated="1024"/></table:table-row>')
        tables.append(f'<table:table table:name="{escape(name, {chr(34): "&quot;"})}"{style}>{body}</table:table>')
    styles = ('<style:style style:name="ta1" style:family="table"><style:table-properties table:display="true"/>'
              '</style:style><style:style style:name="ta2" style:family="table">'
              '<style:table-properties table:display="false"/></style:style>')
    content = (f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content {ODS_NS} office:version="1.2">'
               f"<office:automatic-styles>{styles}</office:automatic-styles><office:body><office:spreadsheet>"
               f'{"".join(tables)}</office:spreadsheet></office:body></office:document-content>')
    manifest = ('<?xml version="1.0" encoding="UTF-8"?>\n<manifest:manifest '
                'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
                '<manifest:file-entry manifest:full-path="/" '
                'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                "</manifest:manifest>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet",
                         compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", content)
        archive.writestr("META-INF/manifest.xml", manifest)
    return path


def xlsb_like(path: Path) -> Path:
    """The zip skeleton of an .xlsb (binary workbook) — enough for detection, not for reading.

    No Python library writes .xlsb and hand-writing BIFF12 records is out of scope; no profile
    accepts .xlsb, so what matters is that it is recognised and refused with the right words.
    """
    types = ('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
             '<Override PartName="/xl/workbook.bin" '
             'ContentType="application/vnd.ms-excel.sheet.binary.macroEnabled.main"/></Types>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", types)
        archive.writestr("xl/workbook.bin", b"\x83\x01\x00")
    return path


OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_FREE, _END, _FAT, _NONE = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF


def write_cfb(path: Path, streams: dict[str, bytes]) -> Path:
    """A compound file (OLE2, version 3, 512-byte sectors) holding ``streams`` at the root.

    Streams are padded to 4096 bytes so none lives in the mini stream; enough for any reader
    that walks the directory (olefile, calamine, msoffcrypto) to find them.
    """
    items = [(name, data.ljust(4096, b"\x00")) for name, data in streams.items()]
    data_sectors: list[bytes] = []
    starts = []
    next_sector = 2  # 0: FAT, 1: directory
    for _, data in items:
        starts.append(next_sector)
        count = -(-len(data) // 512)
        data_sectors += [data[i * 512:(i + 1) * 512].ljust(512, b"\x00") for i in range(count)]
        next_sector += count
    fat = [_FAT, _END]
    for (_, data), start in zip(items, starts, strict=True):
        count = -(-len(data) // 512)
        fat += [start + i + 1 for i in range(count - 1)] + [_END]
    if len(fat) > 128:
        raise ValueError("write_cfb keeps to one FAT sector")
    fat += [_FREE] * (128 - len(fat))

    def entry(name: str, kind: int, *, child: int, right: int, start: int, size: int) -> bytes:
        encoded = name.encode("utf-16-le") + b"\x00\x00"
        return (encoded.ljust(64, b"\x00") + struct.pack("<HBB", len(encoded) if name else 0, kind, 1)
                + struct.pack("<III", _NONE, right, child) + b"\x00" * 36 + struct.pack("<IQ", start, size))

    # Siblings as a right-leaning chain in CFB name order (shorter names first, then upper case).
    ordered = sorted(range(len(items)), key=lambda i: (len(items[i][0]), items[i][0].upper()))
    directory = entry("Root Entry", 5, child=ordered[0] + 1 if items else _NONE, right=_NONE, start=_END, size=0)
    entries = [b""] * len(items)
    for position, index in enumerate(ordered):
        right = ordered[position + 1] + 1 if position + 1 < len(ordered) else _NONE
        name, data = items[index]
        entries[index] = entry(name, 2, child=_NONE, right=right, start=starts[index], size=len(data))
    directory += b"".join(entries)
    if len(directory) > 512:
        raise ValueError("write_cfb keeps to one directory sector (3 streams)")
    directory = directory.ljust(512, b"\x00")
    header = (OLE_MAGIC + b"\x00" * 16 + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\x00" * 6
              + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, _END, 0, _END, 0)
              + struct.pack("<I", 0) + struct.pack("<I", _FREE) * 108)
    path.write_bytes(header + struct.pack("<128I", *fat) + directory + b"".join(data_sectors))
    return path


def encrypted_xlsx(path: Path) -> Path:
    """What Excel writes for a password-protected xlsx: a compound file with the encrypted package."""
    info = struct.pack("<HHI", 4, 4, 0x40) + b"<?xml version=\"1.0\"?><encryption/>"
    return write_cfb(path, {"EncryptionInfo": info, "EncryptedPackage": os.urandom(600)})


def word_doc(path: Path) -> Path:
    return write_cfb(path, {"WordDocument": b"\xec\xa5" + b"\x00" * 100})


# -- F1: files that are something else ------------------------------------------------------

def pdf(path: Path) -> Path:
    path.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
    return path


def html_as_xls(path: Path) -> Path:
    path.write_text("<html><body><table><tr><td>Naam</td></tr><tr><td>Piet</td></tr></table></body></html>")
    return path


def empty(path: Path) -> Path:
    path.write_bytes(b"")
    return path


# -- F12: CSV ---------------------------------------------------------------------------------

def write_csv(path: Path, rows: Iterable[Sequence[Any]], *, delimiter: str = ";", encoding: str = "utf-8",
              bom: bool = False, newline: str = "\r\n") -> Path:
    """Rows written by the csv module (minimal quoting), encoded as asked, with an optional BOM."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=newline, quoting=csv.QUOTE_MINIMAL)
    for row in rows:
        writer.writerow(["" if value is None else value for value in row])
    data = buffer.getvalue().encode(encoding)
    marks = {"utf-8": codecs.BOM_UTF8, "utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}
    path.write_bytes((marks.get(encoding, b"") if bom else b"") + data)
    return path


def write_text(path: Path, text: str, encoding: str = "utf-8", bom: bool = False) -> Path:
    marks = {"utf-8": codecs.BOM_UTF8, "utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}
    path.write_bytes((marks.get(encoding, b"") if bom else b"") + text.encode(encoding))
    return path


@dataclass
class CsvCase:
    """A named CSV case: the file and the rows a correct reader must produce."""

    name: str
    path: Path
    rows: list[list[str | None]] = field(default_factory=list)


def csv_cases(directory: Path) -> list[CsvCase]:
    """The F12 files that must be read right (the error cases have their own builders)."""
    accents = [["Naam", "Plaats"], ["Renée", "Zürich"], ["Jürgen", "€ 5"]]
    return [
        CsvCase("utf8-bom", write_csv(directory / "bom.csv", accents, bom=True), accents),
        CsvCase("cp1252", write_csv(directory / "cp1252.csv", accents, encoding="cp1252"), accents),
        CsvCase("utf16le-tabs", write_csv(directory / "utf16.txt", accents, delimiter="\t", encoding="utf-16-le",
                                          bom=True), accents),
        CsvCase("semicolon-decimals", write_csv(directory / "cijfers.csv", [["Naam", "Cijfer"], ["Piet", "7,5"],
                                                                           ["Klaas", "10"]]),
                [["Naam", "Cijfer"], ["Piet", "7,5"], ["Klaas", "10"]]),
        CsvCase("one-column", write_csv(directory / "een.csv", [["E-mail"], ["a@b.nl"], ["c@d.nl"]]),
                [["E-mail"], ["a@b.nl"], ["c@d.nl"]]),
        CsvCase("quoted-newlines", write_csv(directory / "nl.csv", [["Naam", "Opmerking"],
                                                                    ["Piet", "regel 1\nregel 2"], ["Klaas", "x;y"]]),
                [["Naam", "Opmerking"], ["Piet", "regel 1\nregel 2"], ["Klaas", "x;y"]]),
        CsvCase("comma", write_csv(directory / "comma.csv", [["a", "b"], ["1", "2, 3"]], delimiter=","),
                [["a", "b"], ["1", "2, 3"]]),
    ]


def unterminated_quote_csv(path: Path) -> Path:
    """Row 3 opens a quote that never closes; rows 4-5 would be swallowed into one cell."""
    return write_text(path, 'Naam;Klas\r\nPiet;1A\r\n"Klaas;2B\r\nJan;3C\r\nKees;4D\r\n')


def long_field_csv(path: Path, length: int = 200_000) -> Path:
    return write_text(path, f'Naam;Opmerking\r\nPiet;"{"x" * length}"\r\n')


def ragged_csv(path: Path) -> Path:
    """Row 3 has an unquoted delimiter in a value (one cell too many); row 4 has a trailing ';'."""
    return write_text(path, "Naam;Klas\r\nPiet;1A\r\nJansen; Piet;2B\r\nKees;4D;\r\nJan\r\n")


def csv_with_nul(path: Path) -> Path:
    path.write_bytes(b"Naam;Klas\r\nPiet\x00;1A\r\n")
    return path


# -- workloads for sandbox tests --------------------------------------------------------------

def allocate_mb(megabytes: int) -> int:
    """Allocate and touch ``megabytes`` MB; returns the size (MemoryError under a lower limit)."""
    block = bytearray(megabytes * 1024 * 1024)
    block[::4096] = b"\x01" * len(block[::4096])
    return len(block)


def sleep_for(seconds: float) -> str:
    time.sleep(seconds)
    return "awake"


def abort_process() -> None:
    """Die like python-calamine on a sparse corner: SIGABRT, no Python exception."""
    faulthandler.disable()  # the child's dying words would only clutter the test output
    os.kill(os.getpid(), signal.SIGABRT)
    time.sleep(10)


def exit_silently() -> None:
    """End the child without an answer and without a signal."""
    os._exit(3)


def raise_value_error() -> None:
    raise ValueError("secret path /home/user/x.xlsx and a traceback nobody should see")


def raise_unusable() -> None:
    from rosterdesk.importers.errors import UnusableFile

    raise UnusableFile("too-many-rows", sheet="Blad1", rows=2_000_000, limit=1_000_000)


def unpicklable() -> Iterator[int]:
    """A result that cannot cross a process boundary (a generator)."""
    return (n for n in range(3))


def echo(*args: Any, **kwargs: Any) -> tuple[tuple[Any, ...], dict[str, Any]]:
    return args, kwargs


def read_all(path: str, formats: Sequence[str] = ("xlsx", "xls", "ods", "csv")) -> dict[str, Any]:
    """Open and read a whole sheet (what the validation does inside the sandbox); plain data back."""
    from rosterdesk.importers.readers import open_sheet

    sheet = open_sheet(Path(path), formats=frozenset(formats))
    rows = list(sheet.rows)
    return {"format": sheet.format, "name": sheet.name, "rows": len(rows), "first": rows[:3],
            "notes": [note.type for note in sheet.notes]}


def zlib_ratio(data: bytes) -> float:
    return len(data) / max(1, len(zlib.compress(data)))
