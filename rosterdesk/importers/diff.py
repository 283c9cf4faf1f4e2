"""What changed between two versions' records: added, removed, changed per field, unchanged.

Records are matched by key (``RecordSet.key_of``); a record's row may move without that being
a change. Memory stays near one small entry per old record, not two files' worth of values:

1. the old records are read into ``key -> (hash of values, row)``;
2. the new records are streamed against it: a key not there is *added*; an equal hash is
   *unchanged*; a different hash keeps the new record's raw line (bytes, not parsed values);
   what is left of the index at the end was *removed*;
3. only when something changed are the old records read once more, to name the fields that
   differ for those keys.

The diff keeps keys and rows of the added and removed records, and the changed fields of the
changed ones; their full values are read again from the files a page at a time (the web page
shows the first N of each list), so a first version of 100,000 rows costs no 100,000 records
in memory. A hash collision between a record's old and new values (64-bit) would hide a
change; the chance is negligible and accepted.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from rosterdesk.importers.records import Key, Record, RecordSet

DEFAULT_PAGE = 50


class Entry(NamedTuple):
    """An added or removed record: its key and its row in the version it belongs to."""

    key: Key
    row: int


@dataclass(frozen=True)
class Change:
    """A record in both versions with different values: ``fields`` maps a field to ``(old, new)``.

    A field that exists in one version only (the profile gained a column) counts as ``None`` in
    the other.
    """

    key: Key
    old_row: int
    new_row: int
    fields: dict[str, tuple[Any, Any]]

    def __repr__(self) -> str:  # values may be sensitive: never in a log
        return f"Change(old_row={self.old_row}, new_row={self.new_row}, fields={sorted(self.fields)})"


@dataclass
class RecordDiff:
    """The difference from ``old`` to ``new``; lists in file order (added and changed: the new file's)."""

    old: RecordSet
    new: RecordSet
    added: list[Entry] = field(default_factory=list)
    removed: list[Entry] = field(default_factory=list)
    changed: list[Change] = field(default_factory=list)
    unchanged: int = 0

    def __bool__(self) -> bool:
        """True when anything differs."""
        return bool(self.added or self.removed or self.changed)

    def summary(self) -> dict[str, int]:
        """The counts, for the history page and the review threshold."""
        return {"added": len(self.added), "removed": len(self.removed), "changed": len(self.changed),
                "unchanged": self.unchanged, "old": len(self.old), "new": len(self.new)}

    def changed_share(self) -> float:
        """Removed plus changed as a share of the old records (the "hold for review" measure)."""
        return (len(self.removed) + len(self.changed)) / len(self.old) if len(self.old) else 0.0

    def added_page(self, offset: int = 0, limit: int = DEFAULT_PAGE) -> list[Record]:
        """Added records ``offset`` to ``offset + limit`` with their values, read from the new file."""
        return _fetch(self.new, self.added[offset:offset + limit])

    def removed_page(self, offset: int = 0, limit: int = DEFAULT_PAGE) -> list[Record]:
        """Removed records ``offset`` to ``offset + limit`` with their values, read from the old file."""
        return _fetch(self.old, self.removed[offset:offset + limit])

    def changed_page(self, offset: int = 0, limit: int = DEFAULT_PAGE) -> list[Change]:
        return self.changed[offset:offset + limit]

    def display_change(self, change: Change) -> dict[str, tuple[str, str]]:
        """A change as masked text per field: ``{field: (old, new)}`` fit to show to people."""
        return {name: (self.old.display(name, old), self.new.display(name, new))
                for name, (old, new) in change.fields.items()}

    def display_key(self, key: Key) -> str:
        return self.new.display_key(key)


def _fetch(records: RecordSet, entries: Sequence[Entry]) -> list[Record]:
    """The records of ``entries``, in their order; reads the file only as far as needed."""
    if not entries:
        return []
    wanted = {entry.key: index for index, entry in enumerate(entries)}
    found: list[Record | None] = [None] * len(entries)
    missing = len(entries)
    for line in records.lines():
        record = records.parse(line)
        index = wanted.get(record.key)
        if index is not None and found[index] is None:
            found[index] = record
            missing -= 1
            if not missing:
                break
    return [record for record in found if record is not None]


def _aligner(records: RecordSet, names: tuple[str, ...]) -> Callable[[tuple[Any, ...]], tuple[Any, ...]]:
    """Lays a record's values out in ``names`` order (``None`` for a field it lacks)."""
    if records.fields == names:
        return _same
    positions = [records.fields.index(name) if name in records.fields else None for name in names]

    def align(values: tuple[Any, ...]) -> tuple[Any, ...]:
        return tuple(None if position is None else values[position] for position in positions)
    return align


def _same(values: tuple[Any, ...]) -> tuple[Any, ...]:
    return values


def diff_records(old: RecordSet, new: RecordSet) -> RecordDiff:
    """Compare two versions' records of the same profile (see the module docstring for the method).

    When the versions' fields differ (the profile gained or lost a column in between), values
    are compared over both field lists, a missing field counting as ``None``.
    """
    if old.header.profile != new.header.profile:
        raise ValueError(f"records of different profiles: {old.header.profile} and {new.header.profile}")
    names = new.fields + tuple(name for name in old.fields if name not in new.fields)
    align_old, align_new = _aligner(old, names), _aligner(new, names)

    index: dict[Key, tuple[int, int]] = {}
    for record in old:
        index.setdefault(record.key, (hash(align_old(record.values)), record.row))

    result = RecordDiff(old=old, new=new)
    pending: dict[Key, bytes] = {}
    pop = index.pop
    for line in new.lines():
        record = new.parse(line)
        entry = pop(record.key, None)
        if entry is None:
            result.added.append(Entry(record.key, record.row))
        elif entry[0] == hash(align_new(record.values)):
            result.unchanged += 1
        else:
            pending[record.key] = line
    result.removed = [Entry(key, row) for key, (_, row) in index.items()]
    del index

    if pending:
        found: dict[Key, Change] = {}
        for record in old:
            waiting = pending.get(record.key)
            if waiting is None or record.key in found:
                continue
            after = new.parse(waiting)
            before_values, after_values = align_old(record.values), align_new(after.values)
            found[record.key] = Change(record.key, record.row, after.row, {
                name: (a, b) for name, a, b in zip(names, before_values, after_values, strict=True) if a != b})
        result.changed = [found[key] for key in pending]
    return result
