"""Decide what a file is from its bytes, never from its name.

Users rename files: a CSV called ``.xlsx``, an HTML export called ``.xls``, an xlsx called
``.csv``. The first bytes tell zip (xlsx, xlsm, xlsb, ods), OLE (xls, encrypted Office files)
and a set of well-known non-spreadsheets; everything else that looks like text is CSV.
"""

from __future__ import annotations

import mmap
import re
import struct
import zipfile
from dataclasses import dataclass
from pathlib import Path

from rosterdesk.importers.errors import UnusableFile
from rosterdesk.importers.limits import Limits
from rosterdesk.importers.readers.names import describe, expected
from rosterdesk.importers.zipguard import open_archive, read_entry, shown

SNIFF_BYTES = 8192
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")
BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "pdf"), (b"{\\rtf", "rtf"), (b"\x89PNG", "image"), (b"\xff\xd8\xff", "image"), (b"GIF8", "image"),
    (b"II*\x00", "image"), (b"MM\x00*", "image"), (b"\x1f\x8b", "archive"), (b"7z\xbc\xaf\x27\x1c", "archive"),
    (b"Rar!\x1a\x07", "archive"), (b"\x7fELF", "executable"),
)
_SPREADSHEET_TYPES = {
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": "xlsx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml": "xlsx",
    "application/vnd.ms-excel.sheet.macroenabled.main+xml": "xlsm",
    "application/vnd.ms-excel.template.macroenabled.main+xml": "xlsm",
    "application/vnd.ms-excel.addin.macroenabled.main+xml": "xlsm",
    "application/vnd.ms-excel.sheet.binary.macroenabled.main": "xlsb",
}
_GENERIC_EXPECTED = frozenset({"xlsx", "csv"})
_HTML_START = re.compile(r"<(?:!doctype\s+html|html|table|head|meta|body)\b[^<>]*>")
"""A complete start tag: a CSV whose first value merely starts with '<html' stays a CSV."""


@dataclass
class Sniffed:
    """The format of a file, and its open archive when it is zip-based (the caller closes it)."""

    format: str
    archive: zipfile.ZipFile | None = None


def not_a_spreadsheet(kind: str, accepted: frozenset[str] = _GENERIC_EXPECTED) -> UnusableFile:
    return UnusableFile("not-a-spreadsheet", **describe(kind), **expected(accepted))


def sniff(path: Path, limits: Limits, accepted: frozenset[str] = _GENERIC_EXPECTED) -> Sniffed:
    """The format of ``path`` by content: xlsx, xlsm, xlsb, xls, ods or csv.

    Raises ``UnusableFile`` for empty, oversized, damaged, encrypted and macro files and for
    files that are something else entirely (naming what they are).
    """
    size = path.stat().st_size
    if size == 0:
        raise UnusableFile("empty-file")
    if size > limits.max_bytes:
        raise UnusableFile("file-too-large", size_mb=round(size / 1_048_576, 1),
                           limit_mb=round(limits.max_bytes / 1_048_576))
    with path.open("rb") as fh:
        head = fh.read(SNIFF_BYTES)
    if head.startswith(ZIP_MAGICS):
        archive = open_archive(path, limits)
        try:
            return Sniffed(_zip_kind(path, archive, limits, accepted), archive)
        except BaseException:
            archive.close()
            raise
    if head.startswith(OLE_MAGIC):
        return Sniffed(_ole_kind(path, accepted))
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            raise not_a_spreadsheet(kind, accepted)
    markup = _markup_kind(head)
    if markup is not None:
        raise not_a_spreadsheet(markup, accepted)
    if b"\x00" in head and not head.startswith(BOMS) and utf16_without_bom(head) is None and _mostly_binary(head):
        raise not_a_spreadsheet("executable" if head.startswith(b"MZ") else "binary", accepted)
    return Sniffed("csv")


def _zip_kind(path: Path, archive: zipfile.ZipFile, limits: Limits, accepted: frozenset[str]) -> str:
    names = archive.namelist()
    lower = {name.lower() for name in names}
    for name in names:
        if name.lower().rsplit("/", 1)[-1] == "vbaproject.bin":
            raise UnusableFile("macro-workbook", detail=shown(name))
    if "mimetype" in lower:
        mimetype = read_entry(path, archive, "mimetype", limits, cap=1024).decode("ascii", "replace").strip()
        if mimetype == "application/vnd.oasis.opendocument.spreadsheet":
            for name in names:
                parts = name.split("/")
                if (parts[0] == "Basic" and len(parts) >= 3 and parts[-1]) or (parts[0] == "Scripts" and parts[-1]):
                    raise UnusableFile("macro-workbook", detail=shown(name))
            return "ods"
        if mimetype == "application/vnd.oasis.opendocument.text":
            raise not_a_spreadsheet("odt", accepted)
        raise not_a_spreadsheet("opendocument", accepted)
    if "[content_types].xml" in lower:
        types = read_entry(path, archive, "[Content_Types].xml", limits, cap=4 * 1024 * 1024)
        text = types.decode("utf-8", "replace").lower()
        for content_type, kind in _SPREADSHEET_TYPES.items():
            if f'"{content_type}"' in text:
                return kind
        if "wordprocessingml" in text:
            raise not_a_spreadsheet("docx", accepted)
        if "presentationml" in text:
            raise not_a_spreadsheet("pptx", accepted)
    if "xl/workbook.xml" in lower:
        return "xlsx"
    if "xl/workbook.bin" in lower:
        return "xlsb"
    raise not_a_spreadsheet("zip", accepted)


def _ole_has_stream(view: mmap.mmap, name: str) -> bool:
    """Does the compound file have a directory entry called ``name``?

    Directory entries are 128-byte records at 128-byte aligned offsets (sectors are 512 or 4096
    bytes, after a header of the same size); an entry starts with the UTF-16 name and holds its
    byte length at offset 64 and its type (1 storage, 2 stream) at 66. Checking those fields
    where the name occurs is enough for detection; python-calamine does the real parsing.
    """
    encoded = name.encode("utf-16-le")
    at = view.find(encoded)
    while at >= 0:
        if at % 128 == 0 and at >= 512 and at + 68 <= len(view):
            length = struct.unpack_from("<H", view, at + 64)[0]
            if length == len(encoded) + 2 and view[at + 66] in (1, 2):
                return True
        at = view.find(encoded, at + 1)
    return False


def _ole_kind(path: Path, accepted: frozenset[str]) -> str:
    with path.open("rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as view:
        if _ole_has_stream(view, "EncryptionInfo") or _ole_has_stream(view, "EncryptedPackage"):
            raise UnusableFile("encrypted-workbook")
        if _ole_has_stream(view, "Workbook") or _ole_has_stream(view, "Book"):
            return "xls"
        if _ole_has_stream(view, "WordDocument"):
            raise not_a_spreadsheet("doc", accepted)
        if _ole_has_stream(view, "PowerPoint Document"):
            raise not_a_spreadsheet("ppt", accepted)
    raise not_a_spreadsheet("ole", accepted)


def _markup_kind(head: bytes) -> str | None:
    """HTML and XML files (Excel's "web page" and "XML spreadsheet 2003" exports, often named .xls)."""
    for bom in BOMS:
        if head.startswith(bom):
            codec = {b"\xef\xbb\xbf": "utf-8", b"\xff\xfe": "utf-16-le", b"\xfe\xff": "utf-16-be"}[bom]
            text = head[len(bom):].decode(codec, "ignore")
            break
    else:
        text = head.decode("utf-8", "ignore")
    text = text.lstrip().lower()
    if text.startswith("<?xml") and "?>" in text[:300]:
        if "urn:schemas-microsoft-com:office:spreadsheet" in text:
            return "xml2003"
        rest = text[text.index("?>") + 2:].lstrip()
        return "html" if _HTML_START.match(rest) else "xml"
    if _HTML_START.match(text):
        return "html"
    return None


def utf16_without_bom(head: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when text has a NUL in every other byte (UTF-16 without a BOM)."""
    sample = head[:4096]
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0) / len(sample[0::2])
    odd = sample[1::2].count(0) / len(sample[1::2])
    if odd > 0.9 and even < 0.1:
        return "utf-16-le"
    if even > 0.9 and odd < 0.1:
        return "utf-16-be"
    return None


_CONTROL_BYTES = bytes(byte for byte in range(32) if byte not in (9, 10, 12, 13)) + b"\x7f"


def _mostly_binary(head: bytes) -> bool:
    """More than 10% control bytes: a binary file, not a text file with a stray NUL."""
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return controls > len(head) // 10
