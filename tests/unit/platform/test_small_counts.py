"""Small counts stay hidden, also when two views overlap (seed 001, SECURITY.md A14).

The property test plays the attacker: it knows every shown number, that "< 5" means 0 to 4 and
that a complementary mark means 5 or more, and every sum the page implies. It tries every
value the hidden cells could take; a hidden small group that can take only one value (other
than nobody) would be revealed.
"""

from __future__ import annotations

from collections.abc import Hashable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rosterdesk.platform.privacy.small_counts import Sum, shown, suppress


def test_a_single_small_programme_beside_a_total_takes_a_second_cell_with_it() -> None:
    counts = {"total": 3 + 20 + 30, "A": 3, "B": 20, "C": 30}
    hidden = suppress(counts, [Sum("total", ("A", "B", "C"))])
    assert hidden == {"A": "small", "B": "complement"}  # B is the smallest other part
    assert shown(counts, [Sum("total", ("A", "B", "C"))]) == {"total": "53", "A": "< 5", "B": "•", "C": "30"}


def test_no_small_cell_means_nothing_hidden() -> None:
    counts = {"total": 25, "A": 5, "B": 20}
    assert suppress(counts, [Sum("total", ("A", "B"))]) == {}


def test_two_small_cells_at_the_limit_would_give_each_other_away() -> None:
    counts = {"total": 4 + 4 + 30, "A": 4, "B": 4, "C": 30}
    hidden = suppress(counts, [Sum("total", ("A", "B", "C"))])
    assert hidden == {"A": "small", "B": "small", "C": "complement"}


def test_a_small_total_hides_its_parts_too() -> None:
    counts = {"total": 4, "A": 2, "B": 2}
    assert set(suppress(counts, [Sum("total", ("A", "B"))])) == {"total", "A", "B"}


def test_overlapping_views_per_programme_and_per_programme_and_year() -> None:
    # Programme A has 12 students: 9 first-years and 3 others. Shown per programme and per
    # programme and year, hiding only the 3 would leave 12 - 9 = 3 for anyone to compute.
    counts = {"A": 12, ("A", 1): 9, ("A", 2): 3, "B": 40, ("B", 1): 20, ("B", 2): 20, "total": 52}
    sums = [Sum("total", ("A", "B")), Sum("A", (("A", 1), ("A", 2))), Sum("B", (("B", 1), ("B", 2)))]
    hidden = suppress(counts, sums)
    assert hidden[("A", 2)] == "small" and hidden[("A", 1)] == "complement"
    assert "A" not in hidden and "total" not in hidden


def _possible_values(counts: dict[Hashable, int], sums: list[Sum], hidden: dict[Hashable, str],
                     cell: Hashable, limit: int) -> set[int]:
    """Values ``cell`` can take given what is shown (the search stops once it has two)."""
    unknown = list(hidden)
    domain = {key: range(5) if hidden[key] == "small" else range(5, limit + 1) for key in unknown}
    found: set[int] = set()

    def consistent(values: dict[Hashable, int]) -> bool:
        """Every sum whose cells are all known (shown or tried) adds up."""
        for relation in sums:
            members = (relation.total, *relation.parts)
            if any(key in hidden and key not in values for key in members):
                continue
            known = [values[key] if key in hidden else counts[key] for key in members]
            if known[0] != sum(known[1:]):
                return False
        return True

    def search(index: int, values: dict[Hashable, int]) -> None:
        if len(found) > 1:
            return
        if index == len(unknown):
            found.add(values[cell])
            return
        key = unknown[index]
        for value in domain[key]:
            values[key] = value
            if consistent(values):
                search(index + 1, values)
            del values[key]
            if len(found) > 1:
                return

    search(0, {})
    return found


def _views(grid: list[list[int]]) -> tuple[dict[Hashable, int], list[Sum]]:
    """Per programme, per programme and year, and the grand total, as the NSE page shows them."""
    counts: dict[Hashable, int] = {}
    sums: list[Sum] = []
    for p, row in enumerate(grid):
        for y, count in enumerate(row):
            counts[(p, y)] = count
        counts[p] = sum(row)
        sums.append(Sum(p, tuple((p, y) for y in range(len(row)))))
    counts["total"] = sum(counts[p] for p in range(len(grid)))
    sums.append(Sum("total", tuple(range(len(grid)))))
    return counts, sums


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.integers(0, 9), min_size=1, max_size=3), min_size=1, max_size=3))
def test_no_hidden_small_group_can_be_worked_out(grid: list[list[int]]) -> None:
    counts, sums = _views(grid)
    hidden = suppress(counts, sums)
    assert all(key in hidden for key, count in counts.items() if count < 5)
    for cell, reason in hidden.items():
        if reason == "small" and counts[cell] > 0:
            values = _possible_values(counts, sums, hidden, cell, counts["total"])
            assert len(values) > 1, f"{cell} = {counts[cell]} can be computed from {shown(counts, sums)}"


def test_a_cross_table_with_totals_both_ways_is_refused() -> None:
    # With totals per programme and per year, bounds alone can pin a cell down (grid [[0, 4],
    # [4, 4]]: programme 2 must be 8, so both its cells are 4). Only trees of sums are supported.
    counts = {(0, 0): 0, (0, 1): 4, (1, 0): 4, (1, 1): 4, 0: 4, 1: 8, "y0": 4, "y1": 8, "total": 12}
    sums = [Sum(0, ((0, 0), (0, 1))), Sum(1, ((1, 0), (1, 1))), Sum("total", (0, 1)),
            Sum("y0", ((0, 0), (1, 0))), Sum("y1", ((0, 1), (1, 1)))]
    with pytest.raises(ValueError, match="part of two sums"):
        suppress(counts, sums)
