"""Adding cell formats to ``styles.xml`` without renumbering the ones that are there.

The annotated copy needs a red and an amber fill, a bold font and a few cell formats (``xf``).
They are appended at the end of their lists, so every style index the workbook already uses keeps
its meaning; a marked cell gets a copy of its own format with only the fill changed.
"""

from __future__ import annotations

import re

from rosterdesk.importers.exports.marks import FILL_COLOURS
from rosterdesk.importers.exports.ooxml import CannotPatch, prefix_of

ATTR_TEMPLATE = rb"\s%s\s*=\s*[\"'][^\"']*[\"']"


def set_attr(start_tag: bytes, name: bytes, value: bytes) -> bytes:
    """``start_tag`` with attribute ``name`` set to ``value`` (replaced or added)."""
    pattern = re.compile(ATTR_TEMPLATE % re.escape(name))
    new = b" " + name + b'="' + value + b'"'
    if pattern.search(start_tag):
        return pattern.sub(lambda _: new, start_tag, count=1)
    end = len(start_tag) - (2 if start_tag.endswith(b"/>") else 1)
    return start_tag[:end].rstrip() + new + start_tag[end:]


def _split_element(element: bytes) -> tuple[bytes, bytes]:
    """(start tag, rest) of one element's text."""
    end = element.index(b">") + 1
    return element[:end], element[end:]


class Styles:
    """Appends fills, a bold font and cell formats to ``styles.xml`` without renumbering anything."""

    def __init__(self, xml: bytes) -> None:
        self.xml = xml
        self.p = prefix_of(xml, b"styleSheet")
        self.fonts = self._elements(b"fonts", b"font")
        self.fills = self._elements(b"fills", b"fill")
        self.xfs = self._elements(b"cellXfs", b"xf")
        if not self.fonts or not self.xfs:
            raise CannotPatch("styles without fonts or cell formats")
        self.fill_ids = {"error": len(self.fills), "warning": len(self.fills) + 1}
        self.bold_font = len(self.fonts)
        self.new_xfs: list[bytes] = []
        self.cache: dict[tuple[object, ...], int] = {}

    def _section(self, xml: bytes, name: bytes) -> re.Match[bytes]:
        p = re.escape(self.p)
        match = re.search(rb"<" + p + name + rb"\b[^>]*>(.*?)</" + p + name + rb"\s*>", xml, re.S)
        if match is None:
            raise CannotPatch(f"styles without <{name.decode()}>")
        return match

    def _elements(self, section: bytes, name: bytes) -> list[bytes]:
        p = re.escape(self.p)
        pattern = re.compile(rb"<" + p + name + rb"\b[^>]*?(?:/>|>.*?</" + p + name + rb">)", re.S)
        found: list[bytes] = pattern.findall(self._section(self.xml, section).group(1))
        return found

    def _add(self, key: tuple[object, ...], xf: bytes) -> int:
        if key not in self.cache:
            self.cache[key] = len(self.xfs) + len(self.new_xfs)
            self.new_xfs.append(xf)
        return self.cache[key]

    def marked(self, style: int, severity: str) -> int:
        """A copy of cell format ``style`` with the fill of ``severity``."""
        base = self.xfs[style] if 0 <= style < len(self.xfs) else self.xfs[0]
        start, rest = _split_element(base)
        start = set_attr(start, b"fillId", str(self.fill_ids[severity]).encode())
        start = set_attr(start, b"applyFill", b"1")
        return self._add(("marked", style, severity), start + rest)

    def text(self, *, bold: bool = False, wrap: bool = False) -> int:
        """A Text-formatted (``@``) cell format, optionally bold and wrapped at the top."""
        p = self.p
        font = self.bold_font if bold else 0
        attrs = f'numFmtId="49" fontId="{font}" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"'.encode()
        if bold:
            attrs += b' applyFont="1"'
        if wrap:
            alignment = b"<" + p + b'alignment vertical="top" wrapText="1"/>'
            xf = b"<" + p + b"xf " + attrs + b' applyAlignment="1">' + alignment + b"</" + p + b"xf>"
        else:
            xf = b"<" + p + b"xf " + attrs + b"/>"
        return self._add(("text", bold, wrap), xf)

    def render(self) -> bytes:
        p = self.p
        fills = b"".join(
            b"<" + p + b"fill><" + p + b'patternFill patternType="solid"><' + p + b'fgColor rgb="'
            + FILL_COLOURS[severity].encode() + b'"/><' + p + b'bgColor indexed="64"/></' + p + b"patternFill></"
            + p + b"fill>" for severity in ("error", "warning"))
        start, rest = _split_element(self.fonts[0])
        if re.search(rb"<" + re.escape(p) + rb"b\b", rest) is None:
            rest = (b"><" + p + b"b/></" + p + b"font>") if start.endswith(b"/>") else b"<" + p + b"b/>" + rest
            start = start[:-2].rstrip() + b">" if start.endswith(b"/>") else start
        bold = start + rest
        xml = self.xml
        for section, addition, count in ((b"fonts", bold, len(self.fonts) + 1),
                                         (b"fills", fills, len(self.fills) + 2),
                                         (b"cellXfs", b"".join(self.new_xfs), len(self.xfs) + len(self.new_xfs))):
            match = self._section(xml, section)
            start_tag = xml[match.start():match.start(1)]
            if re.search(ATTR_TEMPLATE % b"count", start_tag):
                start_tag = set_attr(start_tag, b"count", str(count).encode())
            xml = xml[: match.start()] + start_tag + match.group(1) + addition + xml[match.end(1):]
        return xml
