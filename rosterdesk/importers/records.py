"""The records of a checked file: one per data row, keyed, written once and read as a stream.

A version's records are what later steps compare and load (the diff between two versions, the
institution's records, the helpdesk's view of a change). They come out of the same pass that
checks the file: ``RecordWriter`` is an engine ``ChunkSink``, so every value is the one the
column's kind produced (digits with their leading zeros restored, dates as ISO text), never a
second parse with rules of its own. On top of the kinds, e-mail addresses are lower-cased:
every check in the engine already treats them case-insensitively, so a change of capitals is
not a change of person.

The file is gzip-compressed JSON lines (see docs/records.md). The first line is a header with
the count, which is known only at the end; so the rows are written to a body file first, and
on ``close`` a one-line gzip member with the header is written and the body appended to it
(concatenated gzip members are one valid gzip stream), then renamed into place. Nothing is
re-compressed and a reader never sees a half-written file.

Sensitive values (BSN, e-mail) are stored as they are, because the records need them; they are
never logged, and ``Record`` has no ``repr`` of its values. Show them with
``RecordSet.display``, which masks them.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import os
import shutil
import zlib
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import compress
from json.encoder import encode_basestring
from pathlib import Path
from typing import Any, Literal

from rosterdesk.importers.checks.base import INVALID, CheckContext
from rosterdesk.importers.columns import Column
from rosterdesk.importers.errors import RecordsFileError
from rosterdesk.importers.kinds import Email, mask_digits, mask_email
from rosterdesk.importers.profile import Profile

FORMAT = "rosterdesk-records"
VERSION = 1
INVALID_CELL = "{}"
"""How a cell that failed its own check is written: an empty object, which no kind produces."""
COMPRESS_LEVEL = 1
"""Level 1: records are written on the hot path, and JSON lines of a roster compress well anyway."""
_MEMO_LIMIT = 20_000
_AMBIGUOUS_TYPES = frozenset({bool, float})

Key = tuple[Hashable, ...]
MaskKind = Literal["email", "digits"]


@dataclass(frozen=True, order=True)
class RowKey:
    """The key of a record that has nothing else to be known by: its row number in the file.

    Used when a profile declares no record key, and for a row whose key fields are all empty
    (CJP's anonymous mode leaves the e-mail empty). A class of its own, so it can never equal
    a key made of values.
    """

    row: int


def comparable(value: Any) -> Any:
    """A key value as keys compare: case-insensitively, as the engine's uniqueness checks do."""
    return value.casefold() if value.__class__ is str else value


def _mask_kind(column: Column) -> MaskKind | None:
    if not column.sensitive:
        return None
    return "email" if isinstance(column.kind, Email) else "digits"


@dataclass(frozen=True)
class RecordHeader:
    """The first line of a records file: what the rows mean and how many there are.

    ``left_out`` counts the data rows that got no record, by reason: ``key-error`` (a key field
    failed its own check, so the row cannot be identified) and ``duplicate-key`` (an earlier row
    has the same key; the first one wins). ``row_keys`` counts the records keyed by row number.
    """

    profile: str
    fields: tuple[str, ...]
    key: tuple[str, ...]
    sensitive: Mapping[str, MaskKind] = field(default_factory=dict)
    count: int = 0
    left_out: Mapping[str, int] = field(default_factory=dict)
    row_keys: int = 0

    def to_json(self) -> dict[str, Any]:
        return {"format": FORMAT, "version": VERSION, "profile": self.profile, "fields": list(self.fields),
                "key": list(self.key), "sensitive": dict(self.sensitive), "count": self.count,
                "left_out": dict(self.left_out), "row_keys": self.row_keys}

    @classmethod
    def from_json(cls, data: Any) -> RecordHeader:
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise RecordsFileError("not a rosterdesk records file")
        if data.get("version") != VERSION:
            raise RecordsFileError(f"records file version {data.get('version')!r}, expected {VERSION}")
        return cls(profile=str(data["profile"]), fields=tuple(data["fields"]), key=tuple(data["key"]),
                   sensitive=dict(data.get("sensitive", {})), count=int(data["count"]),
                   left_out=dict(data.get("left_out", {})), row_keys=int(data.get("row_keys", 0)))


class Record:
    """One record: its row in the file, its key, its values in the header's field order.

    ``invalid`` names the fields whose cell failed its own check (their value is ``None``).
    The ``repr`` shows no values: records hold sensitive data and must not end up in a log.
    """

    __slots__ = ("fields", "invalid", "key", "row", "values")

    def __init__(self, row: int, key: Key, values: tuple[Any, ...], fields: tuple[str, ...],
                 invalid: frozenset[str] = frozenset()) -> None:
        self.row = row
        self.key = key
        self.values = values
        self.fields = fields
        self.invalid = invalid

    def __getitem__(self, field_name: str) -> Any:
        return self.values[self.fields.index(field_name)]

    def as_dict(self) -> dict[str, Any]:
        return dict(zip(self.fields, self.values, strict=True))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Record):
            return NotImplemented
        return (self.row, self.key, self.values, self.fields, self.invalid) == (
            other.row, other.key, other.values, other.fields, other.invalid)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Record(row={self.row}, fields={len(self.values)})"


class RecordSet:
    """A records file, read as a stream: iterating opens the file again, so it can be read twice.

    Nothing but the header is kept in memory; ``len`` is the header's count.
    """

    def __init__(self, path: Path, header: RecordHeader) -> None:
        self.path = path
        self.header = header
        self._key_indexes = tuple(header.fields.index(name) for name in header.key)

    @property
    def fields(self) -> tuple[str, ...]:
        return self.header.fields

    def __len__(self) -> int:
        return self.header.count

    def __iter__(self) -> Iterator[Record]:
        parse = self.parse
        for line in self.lines():
            yield parse(line)

    def lines(self) -> Iterator[bytes]:
        """The raw JSON lines of the records, without the header (for readers that parse lazily)."""
        try:
            with gzip.open(self.path, "rb") as handle:
                handle.readline()
                for line in handle:
                    if line.strip():
                        yield line
        except (OSError, EOFError, zlib.error) as exc:
            raise RecordsFileError(f"records file unreadable: {type(exc).__name__}") from None

    def parse(self, line: bytes) -> Record:
        """One JSON line as a ``Record``."""
        try:
            data = json.loads(line)
            row = int(data[0])
        except (ValueError, TypeError, IndexError):
            raise RecordsFileError("records file has a malformed line") from None
        values = data[1:]
        invalid: frozenset[str] = frozenset()
        if b"{" in line:
            marked = [index for index, value in enumerate(values) if isinstance(value, dict)]
            if marked:
                invalid = frozenset(self.fields[index] for index in marked)
                for index in marked:
                    values[index] = None
        if len(values) != len(self.fields):
            raise RecordsFileError("records file has a line with the wrong number of values")
        return Record(row, self.key_of(row, values), tuple(values), self.fields, invalid)

    def key_of(self, row: int, values: Sequence[Any]) -> Key:
        """The key of a record with these values: its key fields, or its row number."""
        indexes = self._key_indexes
        if indexes:
            key = tuple(comparable(values[index]) for index in indexes)
            if any(part is not None for part in key):
                return key
        return (RowKey(row),)

    def display(self, field_name: str, value: Any) -> str:
        """A value as it may be shown on a page: text, masked when the field is sensitive."""
        if value is None:
            return ""
        text = str(value)
        mask = self.header.sensitive.get(field_name)
        if mask == "email":
            return mask_email(text)
        if mask == "digits":
            return mask_digits(text)
        return text

    def display_key(self, key: Key) -> str:
        """A key as it may be shown: ``rij 17`` for a row key, key values masked where sensitive."""
        if len(key) == 1 and isinstance(key[0], RowKey):
            return f"rij {key[0].row}"
        return " / ".join(self.display(name, part) for name, part in zip(self.header.key, key, strict=True))

    def display_record(self, record: Record) -> dict[str, str]:
        """A record as masked text per field, for pages and downloads shown to people."""
        return {name: self.display(name, value) for name, value in zip(self.fields, record.values, strict=True)}


def read_records(path: Path) -> RecordSet:
    """Open a records file: reads and checks the header only; records are streamed on iteration."""
    try:
        with gzip.open(path, "rb") as handle:
            first = handle.readline()
    except (OSError, EOFError, zlib.error) as exc:
        raise RecordsFileError(f"records file unreadable: {type(exc).__name__}") from None
    try:
        data = json.loads(first)
    except ValueError:
        raise RecordsFileError("records file has no header line") from None
    return RecordSet(path, RecordHeader.from_json(data))


# -- writing ----------------------------------------------------------------------------------

def _fragment(value: Any) -> str:
    """One normalised value as JSON text."""
    if value is None:
        return "null"
    if value is INVALID:
        return INVALID_CELL
    if value.__class__ is str:
        return encode_basestring(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return json.dumps(value)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return '"' + value.isoformat() + '"'
    return encode_basestring(str(value))


def _lower(value: Any) -> Any:
    return value.lower() if value.__class__ is str else value


class _FieldPlan:
    """One profile field: where its values are in a chunk, and a memo of their JSON text."""

    __slots__ = ("index", "is_email", "memo", "name")

    def __init__(self, name: str, index: int | None, is_email: bool) -> None:
        self.name = name
        self.index = index
        self.is_email = is_email
        self.memo: dict[Any, str] = {}

    def encode(self, column: Sequence[Any]) -> list[str]:
        """The JSON text of each cell; each distinct value is encoded once (C-speed lookups after)."""
        distinct = set(column)
        if not {value.__class__ for value in distinct}.isdisjoint(_AMBIGUOUS_TYPES):
            # True == 1 == 1.0 would share a memo slot: judge these cells one by one.
            return [_fragment(_lower(value) if self.is_email else value) for value in column]
        memo = self.memo
        new = distinct.difference(memo)
        if new and len(memo) + len(new) > _MEMO_LIMIT:
            memo, new = {}, distinct  # high-cardinality (e-mail): this chunk only
        lower = self.is_email
        for value in new:
            if value.__class__ is str:
                memo[value] = encode_basestring(value.lower() if lower else value)
            else:
                memo[value] = _fragment(value)
        return list(map(memo.__getitem__, column))


class RecordWriter:
    """Writes the records of one file while the engine checks it (an engine ``ChunkSink``).

    ``start`` is called by the engine when the content checks begin; ``close`` finishes the file
    and returns its header; ``discard`` removes whatever was written (safe to call after
    ``close``, and when nothing was started). Before ``close`` nothing exists at ``path``.
    """

    def __init__(self, path: Path, profile: Profile) -> None:
        self.path = path
        self.profile = profile
        self.started = False
        self._closed = False
        self._body_path = body_path(path)
        self._body: gzip.GzipFile | None = None
        self._plans: list[_FieldPlan] = []
        self._key_plans: list[_FieldPlan] = []
        self._key_cells: list[int] = []
        self._seen: set[Key] = set()
        self._count = 0
        self._row_keys = 0
        self._left_out = {"key-error": 0, "duplicate-key": 0}

    # The ChunkSink protocol.

    def start(self, ctx: CheckContext) -> None:
        self.begin(ctx.positions)

    def chunk(self, rows: Sequence[int], columns: Sequence[Sequence[Any]]) -> None:
        body = self._body
        if body is None:
            raise RuntimeError("RecordWriter.chunk before start")
        size = len(rows)
        empty: list[Any] = [None] * size
        cells = [columns[plan.index] if plan.index is not None else empty for plan in self._plans]
        keep = self._keep(rows, [cells[index] for index in self._key_cells])
        encoded = [plan.encode(column) for plan, column in zip(self._plans, cells, strict=True)]
        lines: Iterable[str] = map(",".join, zip(map(str, rows), *encoded, strict=True))
        if keep is not None and not all(keep):
            lines = compress(lines, keep)
        text = "]\n[".join(lines)
        if text:
            body.write(("[" + text + "]\n").encode("utf-8"))

    # Writing without the engine, and finishing.

    def begin(self, positions: Mapping[str, int]) -> None:
        """Open the body file; ``positions`` maps a field to its index in the chunks' columns."""
        if self.started:
            raise RuntimeError("RecordWriter started twice")
        self.started = True
        self._plans = [_FieldPlan(column.field, positions.get(column.field), isinstance(column.kind, Email))
                       for column in self.profile.columns]
        order = [plan.name for plan in self._plans]
        self._key_cells = [order.index(name) for name in self.profile.record_key]
        self._key_plans = [self._plans[index] for index in self._key_cells]
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._body = gzip.GzipFile(self._body_path, "wb", compresslevel=COMPRESS_LEVEL, mtime=0)

    def _keep(self, rows: Sequence[int], key_columns: Sequence[Sequence[Any]]) -> list[bool] | None:
        """Which rows get a record (None: all of them); counts the ones left out.

        The common chunk (every key filled and valid, no key seen before) is settled with
        whole-column operations; only a chunk with a gap, an error or a repeat goes row by row.
        """
        if not key_columns:
            self._row_keys += len(rows)
            self._count += len(rows)
            return None
        if not any(column.count(INVALID) or column.count(None) for column in key_columns):
            keys = list(zip(*[self._comparable(plan, column)
                              for plan, column in zip(self._key_plans, key_columns, strict=True)], strict=True))
            fresh = set(keys)
            if len(fresh) == len(keys) and self._seen.isdisjoint(fresh):
                self._seen |= fresh
                self._count += len(rows)
                return None
        return self._keep_rows(rows, key_columns)

    @staticmethod
    def _comparable(plan: _FieldPlan, column: Sequence[Any]) -> list[Any]:
        """A key column as keys compare (the stored form, e-mail lower-cased, then case-folded)."""
        if plan.is_email:
            return [value.lower().casefold() if value.__class__ is str else value for value in column]
        return [value.casefold() if value.__class__ is str else value for value in column]

    def _keep_rows(self, rows: Sequence[int], key_columns: Sequence[Sequence[Any]]) -> list[bool]:
        seen = self._seen
        keep: list[bool] = []
        dropped = 0
        emails = [plan.is_email for plan in self._key_plans]
        for parts in zip(*key_columns, strict=True):
            if any(part is INVALID for part in parts):
                self._left_out["key-error"] += 1
                keep.append(False)
                dropped += 1
                continue
            if all(part is None for part in parts):
                self._row_keys += 1
                keep.append(True)
                continue
            key = tuple(comparable(_lower(part) if email else part)
                        for part, email in zip(parts, emails, strict=True))
            if key in seen:
                self._left_out["duplicate-key"] += 1
                keep.append(False)
                dropped += 1
                continue
            seen.add(key)
            keep.append(True)
        self._count += len(rows) - dropped
        return keep

    def close(self) -> RecordHeader:
        """Write the header, append the body, move the file into place; returns the header."""
        if self._body is None or self._closed:
            raise RuntimeError("RecordWriter.close without start, or twice")
        self._body.close()
        self._closed = True
        header = RecordHeader(
            profile=self.profile.slug, fields=tuple(column.field for column in self.profile.columns),
            key=self.profile.record_key,
            sensitive={column.field: kind for column in self.profile.columns
                       if (kind := _mask_kind(column)) is not None},
            count=self._count, left_out=dict(self._left_out), row_keys=self._row_keys)
        part = part_path(self.path)
        head = json.dumps(header.to_json(), ensure_ascii=False, separators=(",", ":")) + "\n"
        with part.open("wb") as out:
            out.write(gzip.compress(head.encode("utf-8"), compresslevel=COMPRESS_LEVEL, mtime=0))
            with self._body_path.open("rb") as body:
                shutil.copyfileobj(body, out, 1 << 20)
            out.flush()
            os.fsync(out.fileno())
        os.replace(part, self.path)
        self._body_path.unlink(missing_ok=True)
        self._seen = set()
        return header

    def discard(self) -> None:
        """Remove the unfinished parts (the finished file stays once ``close`` has run)."""
        if self._body is not None and not self._body.closed:
            self._body.close()
        remove_parts(self.path)


def body_path(path: Path) -> Path:
    return path.with_name(path.name + ".body")


def part_path(path: Path) -> Path:
    return path.with_name(path.name + ".part")


def remove_parts(path: Path) -> None:
    """Remove the temporary files a writer for ``path`` may have left (a killed child leaves them)."""
    body_path(path).unlink(missing_ok=True)
    part_path(path).unlink(missing_ok=True)


def write_records(path: Path, profile: Profile, records: Iterable[Mapping[str, Any]], *,
                  chunk_rows: int = 2_000) -> RecordHeader:
    """Write records given as ``{field: normalised value}`` (rows numbered from the first data row).

    The same rules as for a checked file apply: keys, duplicates (first wins), e-mail in lower
    case, dates as ISO text; a missing field is ``None``. Use it for records that do not come
    from a file (manual edits, tests). Returns the header.
    """
    writer = RecordWriter(path, profile)
    names = [column.field for column in profile.columns]
    writer.begin({name: index for index, name in enumerate(names)})
    row = profile.first_data_row
    try:
        batch: list[Mapping[str, Any]] = []
        for record in records:
            batch.append(record)
            if len(batch) >= chunk_rows:
                row = _write_batch(writer, names, batch, row)
                batch = []
        if batch:
            _write_batch(writer, names, batch, row)
        return writer.close()
    finally:
        writer.discard()


def _write_batch(writer: RecordWriter, names: list[str], batch: list[Mapping[str, Any]], row: int) -> int:
    rows = list(range(row, row + len(batch)))
    getters: list[Callable[[Mapping[str, Any]], Any]] = [_getter(name) for name in names]
    columns = [[get(record) for record in batch] for get in getters]
    writer.chunk(rows, columns)
    return row + len(batch)


def _getter(name: str) -> Callable[[Mapping[str, Any]], Any]:
    def get(record: Mapping[str, Any]) -> Any:
        return record.get(name)
    return get
