"""Uploaded files on disk: ``RD_DATA_DIR/uploads/<generated id>``, never the user's file name.

A file is written to ``<id>.part`` while it streams in, with its size counted and its SHA-256
computed on the way; only a complete file is renamed to ``<id>``. Too large: the write stops at
the limit (nothing beyond it is ever held in memory or on disk). Disk full or any other write
error: the part file is removed. Either way ``UploadRefused`` is raised and nothing is left
behind, so no database row can point to a missing or half-written file (SECURITY.md F3, R11).
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import logging
import os
import secrets
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import anyio.to_thread

from rosterdesk.platform.uploads.errors import UploadRefused

log = logging.getLogger("rosterdesk.uploads")

MB = 1024 * 1024
_FULL = (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)


@dataclass(frozen=True)
class StoredFile:
    """A complete file in the store."""

    file_id: str
    size: int
    sha256: str


class FileStore:
    """The folder of uploaded files."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, file_id: str) -> Path:
        """The stored file's path; ``file_id`` is ours (hex), never a user's name."""
        if not file_id or not all(c in "0123456789abcdef" for c in file_id):
            raise ValueError("not a stored file id")
        return self.root / file_id

    def records_path(self, file_id: str) -> Path:
        """Where the worker writes the checked file's records (``importers.records``): a folder next
        to the uploads, so the uploads folder holds only uploaded files; deleted with the file."""
        return self.root.parent / "upload-records" / f"{self.path(file_id).name}.jsonl.gz"

    def exists(self, file_id: str | None) -> bool:
        return bool(file_id) and self.path(str(file_id)).is_file()

    async def save(self, data: AsyncIterator[bytes] | bytes, limit_bytes: int) -> StoredFile:
        """Stream ``data`` into a new file; ``UploadRefused`` when it is too large or cannot be written."""
        file_id = secrets.token_hex(16)
        part = self.root / f"{file_id}.part"
        digest = hashlib.sha256()
        size = 0
        handle: IO[bytes] | None = None
        try:
            await anyio.to_thread.run_sync(lambda: self.root.mkdir(parents=True, exist_ok=True))
            handle = await anyio.to_thread.run_sync(lambda: part.open("xb"))
            async for chunk in _chunks(data):
                size += len(chunk)
                if size > limit_bytes:
                    raise UploadRefused("upload-too-large", limit_mb=round(limit_bytes / MB))
                digest.update(chunk)
                await anyio.to_thread.run_sync(handle.write, chunk)
            await anyio.to_thread.run_sync(_flush, handle)
            await anyio.to_thread.run_sync(handle.close)
            handle = None
            await anyio.to_thread.run_sync(part.rename, self.root / file_id)
        except UploadRefused:
            await _discard(handle, part)
            raise
        except OSError as exc:
            await _discard(handle, part)
            full = exc.errno in _FULL
            log.error("upload could not be stored (%s): %s", "disk full" if full else "write error", exc)
            raise UploadRefused("disk-full" if full else "storage-error") from None
        except BaseException:  # cancelled (client went away) or worse: never leave a part file
            await _discard(handle, part)
            raise
        return StoredFile(file_id=file_id, size=size, sha256=digest.hexdigest())

    async def delete(self, file_id: str | None) -> None:
        """Remove a stored file; a file that is already gone is fine."""
        if not file_id:
            return
        for path in (self.path(file_id), self.records_path(file_id)):
            try:
                await anyio.to_thread.run_sync(path.unlink)
            except FileNotFoundError:
                pass
            except OSError:
                log.exception("stored file %s could not be deleted", path.name)


async def _chunks(data: AsyncIterator[bytes] | bytes) -> AsyncIterator[bytes]:
    if isinstance(data, bytes | bytearray | memoryview):
        view = memoryview(data)
        for start in range(0, len(view), MB):
            yield bytes(view[start:start + MB])
        return
    async for chunk in data:
        if chunk:
            yield chunk


def _flush(handle: IO[bytes]) -> None:
    handle.flush()
    os.fsync(handle.fileno())


async def _discard(handle: IO[bytes] | None, part: Path) -> None:
    def clean() -> None:
        if handle is not None:
            with contextlib.suppress(OSError):  # closing on a full disk may fail again; the unlink matters
                handle.close()
        part.unlink(missing_ok=True)

    await anyio.to_thread.run_sync(clean)
