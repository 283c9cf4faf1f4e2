"""Importing DUO's reference files, and the reference data in force (the newest complete import).

An import goes: the files are written to a staging folder in ``RD_DATA_DIR/reference/``, the
engine parses all of them (``load_reference``), and only then a row is added and the folder
renamed to ``reference/<id>``; the row is marked complete last. Anything refused on the way
leaves no row and no folder, so the previous import stays in force. The parsed ``Reference`` is
kept per import folder in this process, so checks do not read the files again.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import secrets
import shutil
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rosterdesk.importers.duo import REQUIRED_FILES, load_reference
from rosterdesk.importers.errors import UnusableFile
from rosterdesk.importers.reference import Reference, fold
from rosterdesk.platform.audit import record
from rosterdesk.platform.auth.tables import User
from rosterdesk.platform.reference.errors import ReferenceRefused
from rosterdesk.platform.reference.tables import ReferenceImport
from rosterdesk.platform.reference.unpack import KNOWN_FILES, Incoming, collect
from rosterdesk.platform.tenants.tables import Institution

log = logging.getLogger("rosterdesk.reference")

FOLDER = "reference"
CACHE_SIZE = 2
"""Parsed imports kept in memory: the one in force and the one before (the real set is tens of MB)."""
SEARCH_LIMIT = 50


def reference_root(data_dir: Path) -> Path:
    return data_dir / FOLDER


def import_folder(data_dir: Path, import_id: int) -> Path:
    """Where the files of import ``import_id`` are kept."""
    return reference_root(data_dir) / str(int(import_id))


def _default_data_dir() -> Path:
    from rosterdesk.platform.settings import get_settings  # noqa: PLC0415 - only when no data folder is given

    return get_settings().app.data_dir


# -- the parsed data, cached per import ----------------------------------------------------------------------------

_cache: OrderedDict[str, Reference] = OrderedDict()
_cache_lock = threading.Lock()


def _load_cached(folder: Path) -> Reference:
    """The parsed files of one import folder, parsed once per process (runs in a thread)."""
    key = str(folder.resolve())
    with _cache_lock:
        found = _cache.get(key)
        if found is not None:
            _cache.move_to_end(key)
            return found
        reference = load_reference(folder)
        keep_out_of_collections()
        _cache[key] = reference
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)
        return reference


def keep_out_of_collections() -> None:
    """Move what is alive now -- above all the reference data just parsed -- out of the collector's reach.

    All of RIO is tens of thousands of long-lived containers that never form garbage cycles, and
    every full run of Python's cyclic collector walked them all again: ~70 ms per run with the
    real DUO files loaded, at moments no one chooses (also while a check waits for its sandboxed
    child). ``gc.freeze`` leaves them to reference counting alone, which still frees them when
    the cache lets go of an import. Whatever else is alive at that moment is frozen too: at most
    one import's worth of objects per process, once per reference import.
    """
    gc.freeze()


def _remember(folder: Path, reference: Reference) -> None:
    keep_out_of_collections()
    with _cache_lock:
        _cache[str(folder.resolve())] = reference
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)


async def newest_import() -> ReferenceImport | None:
    """The import in force: the newest complete one."""
    row: ReferenceImport | None = await ReferenceImport.objects().where(
        ReferenceImport.complete.eq(True)).order_by(ReferenceImport.id, ascending=False).first().run()
    return row


async def reference_of(row: ReferenceImport, data_dir: Path | None = None) -> Reference:
    """The parsed files of import ``row`` (cached). Files that vanished or were damaged since raise RuntimeError."""
    folder = import_folder(data_dir or _default_data_dir(), row.id)
    try:
        return await asyncio.to_thread(_load_cached, folder)
    except UnusableFile as exc:
        log.error("reference import %s in %s can no longer be read: %s", row.id, folder, exc.params)
        raise RuntimeError(f"reference import {row.id} can no longer be read from {folder}") from None


async def current_reference(data_dir: Path | None = None) -> Reference | None:
    """The reference data in force (newest complete import), or None when nothing was ever imported.

    ``data_dir`` is the platform's data folder (default: ``RD_DATA_DIR`` of the environment).
    The files are parsed in a thread, once per import and process.
    """
    row = await newest_import()
    if row is None:
        return None
    return await reference_of(row, data_dir)


# -- importing -----------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ImportResult:
    row: ReferenceImport
    reference: Reference


async def import_files(data_dir: Path, incoming: list[Incoming], *, actor: User | None, origin: str) -> ImportResult:
    """Import an uploaded set (single files or one zip, see ``unpack.collect``); refuses it whole."""
    staging = await asyncio.to_thread(_new_staging, data_dir)
    try:
        await asyncio.to_thread(collect, incoming, staging)
        return await _commit(data_dir, staging, actor=actor, origin=origin)
    except ReferenceRefused as exc:
        await record(actor, "reference.refused", target=exc.file or "", details={"reason": exc.key, "line": exc.line,
                                                                                  "origin": origin})
        raise
    finally:
        await asyncio.to_thread(shutil.rmtree, staging, True)


async def import_directory(data_dir: Path, source: Path, *, actor: User | None, origin: str) -> ImportResult:
    """Import DUO's files from the folder ``source`` (the command line, the demo seed); refuses them whole."""
    staging = await asyncio.to_thread(_new_staging, data_dir)
    try:
        await asyncio.to_thread(_copy_known, source, staging)
        return await _commit(data_dir, staging, actor=actor, origin=origin)
    except ReferenceRefused as exc:
        await record(actor, "reference.refused", target=exc.file or str(source)[:300],
                     details={"reason": exc.key, "line": exc.line, "origin": origin})
        raise
    finally:
        await asyncio.to_thread(shutil.rmtree, staging, True)


def _new_staging(data_dir: Path) -> Path:
    root = reference_root(data_dir)
    root.mkdir(parents=True, exist_ok=True)
    staging = root / f".staging-{secrets.token_hex(8)}"
    staging.mkdir()
    return staging


def _copy_known(source: Path, staging: Path) -> None:
    """Copy DUO's files (found case-insensitively) from ``source``; the folder must exist."""
    if not source.is_dir():
        raise ReferenceRefused("reference.refused-no-folder", folder=str(source))
    present = {path.name.casefold(): path for path in source.iterdir() if path.is_file()}
    for name in KNOWN_FILES:
        path = present.get(name.casefold())
        if path is not None:
            shutil.copyfile(path, staging / name)


def _missing(staging: Path) -> list[str]:
    return [name for name in REQUIRED_FILES if not (staging / name).is_file()]


async def _commit(data_dir: Path, staging: Path, *, actor: User | None, origin: str) -> ImportResult:
    """Parse everything in ``staging``; only then add the row, move the files into place and mark it complete."""
    missing = _missing(staging)
    if missing:
        raise ReferenceRefused("reference.refused-missing", file=missing[0], missing=", ".join(missing),
                               required=", ".join(REQUIRED_FILES))
    try:
        reference = await asyncio.to_thread(load_reference, staging)
    except UnusableFile as exc:
        raise ReferenceRefused.from_engine(exc) from None
    counts = {name: int(reference.counts.get(name, 0)) for name in KNOWN_FILES if name in reference.counts}
    row = ReferenceImport(actor=actor.id if actor is not None else None, actor_email=actor.email if actor else "",
                          origin=origin, counts=counts, institutions=len(reference.institutions),
                          programmes=len(reference.programmes), locations=len(reference.locations), complete=False)
    await row.save().run()
    folder = import_folder(data_dir, row.id)
    try:
        await asyncio.to_thread(_move_into_place, staging, folder)
    except OSError:
        log.exception("reference import %s: could not move the files into %s", row.id, folder)
        await ReferenceImport.delete().where(ReferenceImport.id == row.id).run()
        raise
    reference.source = str(folder)
    _remember(folder, reference)
    await ReferenceImport.update({ReferenceImport.complete: True}).where(ReferenceImport.id == row.id).run()
    row.complete = True
    await record(actor, "reference.imported", target=f"reference:{row.id}",
                 details={"origin": origin, "counts": counts})
    log.info("reference import %s (%s): %s", row.id, origin, counts)
    return ImportResult(row=row, reference=reference)


def _move_into_place(staging: Path, folder: Path) -> None:
    """Rename the staging folder to the import's folder (same file system: atomic)."""
    if folder.exists():  # left over from a crashed import whose row was removed: never used
        shutil.rmtree(folder)
    staging.rename(folder)


async def imports(limit: int = 50) -> list[dict[str, Any]]:
    """The newest imports first, for the overview page."""
    rows: list[dict[str, Any]] = await ReferenceImport.select().where(ReferenceImport.complete.eq(True)).order_by(
        ReferenceImport.id, ascending=False).limit(limit).output(load_json=True).run()
    return rows


# -- what pages show -----------------------------------------------------------------------------------------------

def search_institutions(reference: Reference, query: str, limit: int = SEARCH_LIMIT) -> list[dict[str, Any]]:
    """RIO institutions whose code is ``query`` or whose name or place contains it; open ones first."""
    wanted = fold(query)
    if not wanted:
        return []
    code = query.strip().upper()
    counts: dict[str, int] = {}
    for institution_code, _ in reference.programmes:
        counts[institution_code] = counts.get(institution_code, 0) + 1
    found = [item for item in reference.institutions.values()
             if item.code == code or wanted in fold(item.name) or wanted in fold(item.place)]
    found.sort(key=lambda item: (item.code != code, item.closed is not None, -counts.get(item.code, 0), item.name))
    return [{"code": item.code, "name": item.name, "place": item.place, "closed": item.closed,
             "programmes": counts.get(item.code, 0)} for item in found[:limit]]


def institution_values(reference: Reference, code: str) -> dict[str, Any] | None:
    """Prefilled form values for a new institution from RIO: name, code, HO, its location codes."""
    item = reference.institutions.get(code.strip().upper())
    if item is None:
        return None
    locations = [item.code + location.number for location in reference.locations_of(item.code)]
    return {"name": item.name, "kind": "HO", "brin": item.code, "locations": ", ".join(locations)}


async def existing_institutions(codes: list[str]) -> dict[str, int]:
    """BRIN code -> id of institutions that already exist in the platform."""
    if not codes:
        return {}
    rows = await Institution.select(Institution.id, Institution.brin).where(Institution.brin.is_in(codes)).run()
    return {str(row["brin"]): int(row["id"]) for row in rows}


def institution_view(reference: Reference, code: str) -> dict[str, Any]:
    """An institution's programmes (with the locations CROHO registers them at) and locations, as RIO has them."""
    locations = reference.locations_of(code)
    places = {location.number: location.place for location in locations}
    programmes = [{"code": p.code, "name": p.name, "level": p.level, "kind": p.kind,
                   "locations": [(number, places.get(number, "")) for number in reference.offered_at.get(
                       (code, p.code), ())]}
                  for p in reference.programmes_of(code)]
    return {"rio": reference.institutions.get(code), "programmes": programmes, "locations": locations}
