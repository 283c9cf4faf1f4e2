"""What the superadmin may upload as reference data: DUO's files one by one, or one zip holding them.

The kind is decided by content (a zip starts with ``PK\\x03\\x04``), the DUO file by its name
(case-insensitive; DUO's names are fixed). Anything else is refused with its name. A zip is read
member by member with hard limits on count and unpacked size (its own size claims are not
trusted); members that are not DUO reference files (DUO's descriptions, the 1CijferHO data)
are skipped, folders inside the zip are ignored, and nothing is ever written under a name taken
from the upload: only DUO's own file names.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from rosterdesk.importers.duo import MAX_FILE_BYTES, OPTIONAL_FILES, REQUIRED_FILES
from rosterdesk.platform.reference.errors import ReferenceRefused

KNOWN_FILES: tuple[str, ...] = (*REQUIRED_FILES, *OPTIONAL_FILES)
MB = 1024 * 1024
MAX_UPLOAD_BYTES = 64 * MB
"""Largest request to the import page (all files or the zip together); DUO's set is about 3.5 MB."""
MAX_UNPACKED_BYTES = 128 * MB
"""Largest total of the DUO files unpacked from one zip."""
MAX_ZIP_MEMBERS = 1000
CHUNK = MB
ZIP_MAGIC = b"PK\x03\x04"


@dataclass(frozen=True)
class Incoming:
    """One uploaded file: the name the browser sent and its bytes."""

    filename: str
    data: bytes


def base_name(filename: str) -> str:
    """The last part of a browser-sent name (some send a whole Windows path)."""
    return filename.replace("\\", "/").rsplit("/", 1)[-1].strip()


def known_name(filename: str) -> str | None:
    """DUO's spelling of ``filename`` if it is one of the reference files."""
    wanted = base_name(filename).casefold()
    return next((name for name in KNOWN_FILES if name.casefold() == wanted), None)


def collect(incoming: list[Incoming], target: Path) -> list[str]:
    """Write the DUO files of an upload into ``target``; returns their names. Refuses what is not DUO's."""
    files = [item for item in incoming if item.filename or item.data]
    if not files:
        raise ReferenceRefused("reference.refused-nothing")
    zips = [item for item in files if item.data.startswith(ZIP_MAGIC)]
    if zips:
        if len(files) > 1:
            raise ReferenceRefused("reference.refused-mixed", file=base_name(zips[0].filename))
        return _unzip(files[0], target)
    written: list[str] = []
    for item in files:
        name = known_name(item.filename)
        if name is None:
            raise ReferenceRefused("reference.refused-unknown", file=base_name(item.filename)[:120] or "?",
                                   expected=", ".join(REQUIRED_FILES))
        if name in written:
            raise ReferenceRefused("reference.refused-twice", file=name)
        if len(item.data) > MAX_FILE_BYTES:
            raise ReferenceRefused("reference.refused-large", file=name, limit=MAX_FILE_BYTES // MB)
        (target / name).write_bytes(item.data)
        written.append(name)
    return written


def _unzip(item: Incoming, target: Path) -> list[str]:
    shown = base_name(item.filename)[:120] or "zip"
    try:
        archive = zipfile.ZipFile(io.BytesIO(item.data))
    except (zipfile.BadZipFile, ValueError, OSError):
        raise ReferenceRefused("reference.refused-bad-zip", file=shown) from None
    with archive:
        members = archive.infolist()
        if len(members) > MAX_ZIP_MEMBERS:
            raise ReferenceRefused("reference.refused-bad-zip", file=shown)
        written: list[str] = []
        total = 0
        for member in members:
            if member.is_dir():
                continue
            name = known_name(member.filename)
            if name is None:
                continue
            if name in written:
                raise ReferenceRefused("reference.refused-twice", file=name)
            if member.flag_bits & 0x1:
                raise ReferenceRefused("reference.refused-encrypted", file=shown)
            total += _extract(archive, member, target / name, name, budget=MAX_UNPACKED_BYTES - total, shown=shown)
            written.append(name)
    if not written:
        raise ReferenceRefused("reference.refused-empty-zip", file=shown, expected=", ".join(REQUIRED_FILES))
    return written


def _extract(archive: zipfile.ZipFile, member: zipfile.ZipInfo, path: Path, name: str, *, budget: int,
             shown: str) -> int:
    """Copy one member in chunks, stopping at the per-file limit and the zip's remaining budget."""
    limit = min(MAX_FILE_BYTES, budget)
    size = 0
    try:
        with archive.open(member) as source, path.open("wb") as sink:
            while chunk := source.read(CHUNK):
                size += len(chunk)
                if size > limit:
                    raise ReferenceRefused("reference.refused-large", file=name, limit=limit // MB)
                sink.write(chunk)
    except (zipfile.BadZipFile, zlib.error, NotImplementedError, OSError, EOFError, ValueError):
        raise ReferenceRefused("reference.refused-bad-zip", file=shown) from None
    return size
