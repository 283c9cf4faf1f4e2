"""Counts that never reveal a group under five people, not even by subtraction (SECURITY.md A14).

The NSE portal never shows a group under five (seed 001). Hiding the small cells alone is not
enough: when a total is shown beside per-programme counts, the one hidden cell is the total
minus the others, and two overlapping views (per programme, and per programme and year) give
the same away. So besides the small cells (primary suppression) we hide as many other cells as
needed (complementary suppression) until every published sum holds either no hidden cell or at
least two, and never only small cells that are all at the limit (two hidden cells of a sum of
8 under a limit of 5 can only be 4 and 4). With that no hidden small group can be worked out
in a tree of sums: a total, its breakdown, and a breakdown of each part, for example per
programme and per programme and year (tests/unit/platform/test_small_counts.py checks it by
trying every value the hidden cells could take). A cross table with totals both ways is not a
tree, and bounds alone can pin a cell down there, so ``suppress`` refuses it.

The caller describes what it shows as cells (a key and a count) and sums (a total cell that
equals the sum of its parts). ``suppress`` answers which cells to hide and why.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

THRESHOLD = 5

Reason = Literal["small", "complement"]


@dataclass(frozen=True)
class Sum:
    """``total`` is shown as the sum of ``parts`` (all cells of the same population)."""

    total: Hashable
    parts: tuple[Hashable, ...]


def suppress(counts: Mapping[Hashable, int], sums: Iterable[Sum] = (),
             threshold: int = THRESHOLD) -> dict[Hashable, Reason]:
    """The cells to hide: ``small`` ones (under ``threshold``) and ``complement`` ones that would
    let a small one be calculated. Deterministic: the smallest other part is hidden first."""
    relations = [s for s in sums if s.parts]
    for relation in relations:
        missing = [key for key in (relation.total, *relation.parts) if key not in counts]
        if missing:
            raise KeyError(f"sum refers to cells without a count: {missing!r}")
    owners: dict[Hashable, Hashable] = {}
    for relation in relations:
        for part in relation.parts:
            if owners.setdefault(part, relation.total) != relation.total:
                raise ValueError(f"cell {part!r} is part of two sums; only trees of sums are safe here")
    hidden: dict[Hashable, Reason] = {key: "small" for key, count in counts.items() if count < threshold}
    while True:
        _pair_up(counts, relations, hidden, threshold)
        exposed = [key for key, low, high in _bounds(counts, relations, hidden, threshold)
                   if hidden[key] == "small" and counts[key] > 0 and low == high]
        if not exposed:
            return hidden
        _hide_near(exposed[0], counts, relations, hidden)


def _pair_up(counts: Mapping[Hashable, int], relations: list[Sum], hidden: dict[Hashable, Reason],
             threshold: int) -> None:
    """No sum may hold exactly one hidden cell, nor only small ones that are all at the limit."""
    changed = True
    while changed:
        changed = False
        for relation in relations:
            inside = [key for key in (relation.total, *relation.parts) if key in hidden]
            at_limit = (len(inside) > 1 and all(hidden[key] == "small" for key in inside)
                        and sum(counts[key] for key in inside) == (threshold - 1) * len(inside))
            if len(inside) == 1 or at_limit:
                changed = _hide_in(relation, counts, hidden)


def _hide_in(relation: Sum, counts: Mapping[Hashable, int], hidden: dict[Hashable, Reason]) -> bool:
    """Hide the smallest shown part of ``relation`` (else its total); False if all are hidden."""
    candidates = sorted((counts[key], str(key), key) for key in relation.parts if key not in hidden)
    if candidates:
        hidden[candidates[0][2]] = "complement"
        return True
    if relation.total not in hidden:
        hidden[relation.total] = "complement"
        return True
    return False


def _hide_near(cell: Hashable, counts: Mapping[Hashable, int], relations: list[Sum],
               hidden: dict[Hashable, Reason]) -> None:
    """Hide one more cell in a sum around ``cell``: its siblings first, then its own parts, then
    wider sums; the whole table as a last resort, so the loop in ``suppress`` always ends."""
    around = [r for r in relations if cell in r.parts] + [r for r in relations if r.total == cell]
    for relation in around + relations:
        if _hide_in(relation, counts, hidden):
            return
    for key in counts:
        if key not in hidden:
            hidden[key] = "complement"
            return
    raise AssertionError("every cell is hidden, yet one is exposed")  # pragma: no cover


def _bounds(counts: Mapping[Hashable, int], relations: list[Sum], hidden: Mapping[Hashable, Reason],
            threshold: int) -> list[tuple[Hashable, int, int]]:
    """What an onlooker can narrow each hidden cell down to: shown numbers are exact, "< 5"
    means 0 to 4, a complementary mark 5 or more; every sum is pushed both ways until nothing
    moves (interval propagation, as a person with a spreadsheet would do)."""
    unbounded = sum(counts.values()) + 1  # larger than any cell can be; the onlooker has no better bound
    low = {key: (0 if hidden[key] == "small" else threshold) if key in hidden else count
           for key, count in counts.items()}
    high = {key: (threshold - 1 if hidden[key] == "small" else unbounded) if key in hidden else count
            for key, count in counts.items()}
    changed = True
    while changed:
        changed = False
        for relation in relations:
            parts_low = sum(low[key] for key in relation.parts)
            parts_high = sum(high[key] for key in relation.parts)
            total = relation.total
            new_low, new_high = max(low[total], parts_low), min(high[total], parts_high)
            if (new_low, new_high) != (low[total], high[total]):
                low[total], high[total], changed = new_low, new_high, True
            for key in relation.parts:
                others_low, others_high = parts_low - low[key], parts_high - high[key]
                new_low = max(low[key], low[total] - others_high)
                new_high = min(high[key], high[total] - others_low)
                if (new_low, new_high) != (low[key], high[key]):
                    low[key], high[key], changed = new_low, new_high, True
    return [(key, low[key], high[key]) for key in hidden]


def shown(counts: Mapping[Hashable, int], sums: Iterable[Sum] = (), threshold: int = THRESHOLD,
          *, small: str = f"< {THRESHOLD}", complement: str = "•") -> dict[Hashable, str]:
    """Every cell as text to show: its count, ``small`` for a small group, ``complement`` for a
    cell hidden to protect one (the page explains that mark)."""
    hidden = suppress(counts, sums, threshold)
    marks = {"small": small, "complement": complement}
    return {key: marks[hidden[key]] if key in hidden else str(count) for key, count in counts.items()}
