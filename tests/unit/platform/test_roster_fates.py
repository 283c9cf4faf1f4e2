"""The fate of every row under an import mode (platform.roster.fates): a pure function, no database."""

from __future__ import annotations

import pytest

from rosterdesk.platform.roster.fates import Current, Incoming, plan_fates, resolve_mode


def rows() -> list[Incoming]:
    return [Incoming('["1"]', {"code": "1", "klas": "1A"}, 2), Incoming('["2"]', {"code": "2", "klas": "2B"}, 3),
            Incoming('["3"]', {"code": "3", "klas": "3C"}, 4), Incoming('["5"]', {"code": "5", "klas": "5E"}, 5)]


def current() -> dict[str, Current]:
    return {'["1"]': Current('["1"]', {"code": "1", "klas": "1A"}),
            '["2"]': Current('["2"]', {"code": "2", "klas": "2A"}),
            '["4"]': Current('["4"]', {"code": "4", "klas": "4D"}),
            '["5"]': Current('["5"]', {"code": "5", "klas": "5E"}, deleted=True)}


def fates_of(plan: object) -> dict[str, str]:
    return {fate.key: fate.fate for fate in plan.fates}  # type: ignore[attr-defined]


def test_new_only_adds_absent_and_removed_keys_and_skips_every_existing_one() -> None:
    plan = plan_fates(rows(), current(), "new")
    assert fates_of(plan) == {'["1"]': "skipped", '["2"]': "skipped", '["3"]': "new", '["5"]': "new"}
    assert plan.counts == {"new": 2, "changed": 0, "unchanged": 0, "skipped": 2, "removed": 0, "error": 0}
    assert [key for key, _ in plan.rows_to_apply()] == ['["3"]', '["5"]']


def test_update_changes_existing_with_the_fields_old_to_new_and_removes_nobody() -> None:
    plan = plan_fates(rows(), current(), "update")
    assert fates_of(plan) == {'["1"]': "unchanged", '["2"]': "changed", '["3"]': "new", '["5"]': "new"}
    [changed] = [fate for fate in plan.fates if fate.fate == "changed"]
    assert changed.changes == {"klas": ["2A", "2B"]} and changed.row == 3
    assert plan.counts["removed"] == 0 and plan.counts["changed"] == 1 and plan.counts["unchanged"] == 1


def test_sync_also_removes_who_is_missing_from_the_file_but_not_who_was_removed_before() -> None:
    plan = plan_fates(rows(), current(), "sync")
    assert fates_of(plan)['["4"]'] == "removed" and plan.fates[-1].key == '["4"]'
    assert plan.fates[-1].changes == {"code": ["4", None], "klas": ["4D", None]}
    assert plan.counts == {"new": 2, "changed": 1, "unchanged": 1, "skipped": 0, "removed": 1, "error": 0}


def test_error_rows_by_row_and_by_key_block_the_plan_and_rows_without_a_record_still_show() -> None:
    plan = plan_fates(rows(), current(), "sync", errors_by_row={3: ["Rij 3: klas te lang"], 9: ["Rij 9: code leeg"]},
                      errors_by_key={'["3"]': ["Leerling 3 bestaat niet"]})
    by_key = {fate.key: fate for fate in plan.fates}
    assert by_key['["2"]'].fate == "error" and by_key['["2"]'].errors == ("Rij 3: klas te lang",)
    assert by_key['["3"]'].errors == ("Leerling 3 bestaat niet",)
    assert by_key[""].row == 9 and by_key[""].fate == "error"
    assert [fate.row for fate in plan.fates] == [2, 3, 4, 5, 9, None]  # file order, removed last
    assert plan.blocked and plan.counts["error"] == 3
    assert '["2"]' not in [key for key, _ in plan.rows_to_apply()]
    assert fates_of(plan)['["4"]'] == "removed"  # an error row's key is still in the file: never removed
    assert not plan_fates(rows(), current(), "sync").blocked


def test_a_repeated_key_counts_once() -> None:
    many = [Incoming(f'["{n}"]', {"code": str(n)}, n + 1) for n in range(120)]
    plan = plan_fates([*many, many[0]], {}, "update")
    assert plan.counts["new"] == 120 and [fate.row for fate in plan.fates][:2] == [1, 2]


def test_mode_resolution() -> None:
    assert resolve_mode(("new", "update", "sync"), None) == "sync"  # no choice: today's complete list
    assert resolve_mode(("new",), "") == "new"
    assert resolve_mode(("new", "update", "sync"), "update") == "update"
    assert resolve_mode(("new",), "sync") is None and resolve_mode(("new", "update", "sync"), "drop") is None
    with pytest.raises(ValueError):
        plan_fates([], {}, "drop")
