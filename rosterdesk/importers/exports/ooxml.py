"""Reading and amending the parts of an OOXML package (xlsx) without re-serialising them.

Small parts are read with defusedxml (no entity tricks) and changed by inserting text at a known
place, so that everything the program does not know about (namespace prefixes, ``mc:Ignorable``
extensions, attribute order) stays exactly as the producer wrote it: Excel refuses a workbook in
which a prefix named in ``mc:Ignorable`` has been renamed, which is what re-serialising does.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from xml.sax.saxutils import quoteattr

from defusedxml import ElementTree as SafeElementTree

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
DOC_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
REL_OFFICE_DOCUMENT = f"{DOC_REL_NS}/officeDocument"
REL_WORKSHEET = f"{DOC_REL_NS}/worksheet"
REL_STYLES = f"{DOC_REL_NS}/styles"
REL_COMMENTS = f"{DOC_REL_NS}/comments"
REL_VML = f"{DOC_REL_NS}/vmlDrawing"
CT_WORKSHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
CT_COMMENTS = "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"
CT_VML = "application/vnd.openxmlformats-officedocument.vmlDrawing"


class CannotPatch(Exception):
    """The workbook has a shape the patcher does not handle; rebuild it from its values instead."""


@dataclass(frozen=True)
class Rel:
    id: str
    type: str
    part: str


def rels_path(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{name}.rels")


def resolve(base_part: str, target: str) -> str:
    if target.startswith("/"):
        return target[1:]
    return posixpath.normpath(posixpath.join(posixpath.dirname(base_part), target))


def read_xml(zf: zipfile.ZipFile, part: str) -> bytes:
    data = zf.read(part)
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise CannotPatch(f"{part} is not UTF-8")
    declared = re.match(rb"\s*<\?xml[^>]*encoding=[\"']([^\"']+)", data[:200])
    if declared and declared.group(1).lower() not in (b"utf-8", b"utf8"):
        raise CannotPatch(f"{part} is not UTF-8")
    return data


def relationships(zf: zipfile.ZipFile, part: str) -> list[Rel]:
    path = rels_path(part)
    if path not in zf.NameToInfo:
        return []
    root = SafeElementTree.fromstring(read_xml(zf, path))
    rels = []
    for element in root.iter(f"{{{PKG_REL_NS}}}Relationship"):
        target = element.get("Target", "")
        external = element.get("TargetMode") == "External"
        resolved = target if external else resolve(part, target)
        rels.append(Rel(element.get("Id", ""), element.get("Type", ""), resolved))
    return rels


def prefix_of(xml: bytes, local_name: bytes) -> bytes:
    """The namespace prefix (``b"x:"`` or ``b""``) of the document's root element."""
    match = re.search(rb"<([A-Za-z_][\w.-]*:)?" + local_name + rb"[\s>/]", xml)
    if match is None:
        raise CannotPatch(f"no <{local_name.decode()}> root")
    return match.group(1) or b""


def rel_prefix(xml: bytes) -> bytes | None:
    match = re.search(rb'xmlns:([A-Za-z_][\w.-]*)=["\']' + re.escape(DOC_REL_NS.encode()) + rb'["\']', xml)
    return match.group(1) if match else None


def rel_id_attr(xml: bytes, rel_id: str) -> bytes:
    """An ``r:id`` attribute valid in ``xml``: the document's own prefix, or a local declaration."""
    prefix = rel_prefix(xml)
    if prefix is not None:
        return prefix + b":id=" + quoteattr(rel_id).encode()
    return b'xmlns:rd="' + DOC_REL_NS.encode() + b'" rd:id=' + quoteattr(rel_id).encode()


def insert_before_close(xml: bytes, local_name: bytes, addition: bytes) -> bytes:
    matches = list(re.finditer(rb"</(?:[A-Za-z_][\w.-]*:)?" + local_name + rb"\s*>", xml))
    if not matches:
        raise CannotPatch(f"no </{local_name.decode()}>")
    where = matches[-1].start()
    return xml[:where] + addition + xml[where:]


def unique(existing: set[str], make: Callable[[int], str]) -> str:
    number = 1
    while make(number) in existing:
        number += 1
    return make(number)
