"""Every row's fate under an import mode: what confirming the version would do, decided in one place.

A pure function of the version's rows, the records in force and the mode, so the preview at step 5
and the apply in the confirm transaction cannot disagree: both call ``plan_fates`` (the apply with
the records read inside its transaction), and the counts shown after applying are the plan's.

Fates: ``new`` (the key is not in force, or was removed earlier and comes back), ``changed`` (in
force with other values; the changed fields old -> new), ``unchanged``, ``skipped`` (in force, and
the mode only adds: seed 004's department participations, and "Alleen nieuwe importeren" — an
existing person is not looked at, whether their values differ or not), ``removed`` (in force but
not in the file; ``sync`` only) and ``error`` (a row the check or the row checks found wrong, with
its messages). A plan with an error row is not applied at all, like a version with errors
anywhere in the wizard.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from rosterdesk.importers.profile import IMPORT_MODES
from rosterdesk.platform.records.services import changes_between

FATES = ("new", "changed", "unchanged", "skipped", "removed", "error")
APPLIED = ("new", "changed", "unchanged")
"""The fates whose rows go to ``records.services.apply_prepared`` (``unchanged`` only to be counted there)."""


@dataclass(frozen=True)
class Incoming:
    """One row of the version: its record key as stored (``records.key_text``), its values, its row number
    (None when read from a records list without them, as in the confirm transaction)."""

    key: str
    values: Mapping[str, Any]
    row: int | None = None


@dataclass(frozen=True)
class Current:
    """One record of the institution's list (``deleted``: removed earlier; its key coming back is new)."""

    key: str
    values: Mapping[str, Any]
    deleted: bool = False


@dataclass(frozen=True)
class RowFate:
    """One row's fate: the row's values (a removed record's last values), the changes, the error messages."""

    fate: str
    key: str
    values: Mapping[str, Any]
    row: int | None = None
    changes: Mapping[str, list[Any]] = field(default_factory=dict)
    errors: tuple[str, ...] = ()


@dataclass(frozen=True)
class FatePlan:
    """All rows' fates in file order (removed records last) and the count per fate over all of them."""

    mode: str
    fates: list[RowFate]
    counts: dict[str, int]

    @property
    def blocked(self) -> bool:
        """Rows with an error: the version is not applied (see the module)."""
        return self.counts["error"] > 0

    def rows_to_apply(self) -> list[tuple[str, dict[str, Any]]]:
        """(key, values) of the rows the records take over, in file order."""
        return [(fate.key, dict(fate.values)) for fate in self.fates if fate.fate in APPLIED]


def resolve_mode(modes: Sequence[str], requested: str | None) -> str | None:
    """The mode to apply: the requested one if the profile offers it; without a request ``sync`` (today's
    complete list) where offered, else the profile's first mode; None for an unknown request."""
    if requested is None or requested == "":
        return "sync" if "sync" in modes else (modes[0] if modes else None)
    return requested if requested in modes and requested in IMPORT_MODES else None


def plan_fates(rows: Iterable[Incoming], current: Mapping[str, Current], mode: str, *,
               errors_by_row: Mapping[int, Sequence[str]] | None = None,
               errors_by_key: Mapping[str, Sequence[str]] | None = None) -> FatePlan:
    """The fate of every row under ``mode`` (see the module); a repeated key counts once (the first row)."""
    if mode not in IMPORT_MODES:
        raise ValueError(f"unknown import mode {mode!r}")
    by_row = dict(errors_by_row or {})
    by_key = errors_by_key or {}
    fates: list[RowFate] = []
    seen: set[str] = set()
    for incoming in rows:
        if incoming.key in seen:
            continue
        seen.add(incoming.key)
        messages = tuple(by_row.pop(incoming.row, ())) if incoming.row is not None else ()
        messages += tuple(by_key.get(incoming.key, ()))
        fates.append(_fate(incoming, current.get(incoming.key), mode, messages))
    # rows the records left out (their key itself was wrong, or repeated): errors without a record
    fates.extend(RowFate("error", "", {}, row=row, errors=tuple(messages)) for row, messages in by_row.items()
                 if messages)
    fates.sort(key=lambda fate: fate.row if fate.row is not None else 0)
    if mode == "sync":
        fates.extend(RowFate("removed", key, record.values, changes=changes_between(record.values, {}))
                     for key, record in current.items() if not record.deleted and key not in seen)
    counts = dict.fromkeys(FATES, 0)
    for fate in fates:
        counts[fate.fate] += 1
    return FatePlan(mode=mode, fates=fates, counts=counts)


def _fate(incoming: Incoming, record: Current | None, mode: str, messages: tuple[str, ...]) -> RowFate:
    if messages:
        return RowFate("error", incoming.key, incoming.values, incoming.row, errors=messages)
    if record is None or record.deleted:
        return RowFate("new", incoming.key, incoming.values, incoming.row)
    if mode == "new":
        return RowFate("skipped", incoming.key, incoming.values, incoming.row)
    difference = changes_between(record.values, incoming.values)
    return RowFate("changed" if difference else "unchanged", incoming.key, incoming.values, incoming.row,
                   changes=difference)
