"""The diff between two versions' records: added, removed, changed per field, unchanged."""

from __future__ import annotations

import string
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rosterdesk.importers.columns import Column
from rosterdesk.importers.diff import RecordDiff, diff_records
from rosterdesk.importers.kinds import Bsn, Email, Text
from rosterdesk.importers.plugins import get_profile
from rosterdesk.importers.profile import Profile
from rosterdesk.importers.records import RecordSet, RowKey, read_records, write_records

PEOPLE = Profile(slug="people", title_nl="t", title_en="t", description_nl="d", description_en="d",
                 record_key=("nummer",),
                 columns=(Column("nummer", "nummer", Text(), required=True), Column("naam", "naam", Text()),
                          Column("klas", "klas", Text()), Column("bsn", "bsn", Bsn(), sensitive=True),
                          Column("mail", "mail", Email(), sensitive=True)))


def records(directory: Path, name: str, rows: Iterable[Mapping[str, Any]], prof: Profile = PEOPLE) -> RecordSet:
    path = directory / f"{name}.jsonl.gz"
    write_records(path, prof, rows)
    return read_records(path)


def person(nummer: str, naam: str = "Jan", klas: str = "1A", **more: Any) -> dict[str, Any]:
    return {"nummer": nummer, "naam": naam, "klas": klas, **more}


def test_added_removed_and_changed_records_are_found_field_by_field(tmp_path: Path) -> None:
    old = records(tmp_path, "old", [person("1"), person("2"), person("3", klas="2B")])
    new = records(tmp_path, "new", [person("3", klas="3B", naam="Jan"), person("1"), person("4", naam="Piet")])
    diff = diff_records(old, new)
    assert diff.summary() == {"added": 1, "removed": 1, "changed": 1, "unchanged": 1, "old": 3, "new": 3}
    assert [(entry.key, entry.row) for entry in diff.added] == [(("4",), 4)]
    assert [(entry.key, entry.row) for entry in diff.removed] == [(("2",), 3)]
    [change] = diff.changed
    assert (change.key, change.old_row, change.new_row) == (("3",), 4, 2)
    assert change.fields == {"klas": ("2B", "3B")}
    assert diff


def test_a_version_compared_with_itself_has_no_changes(tmp_path: Path) -> None:
    old = records(tmp_path, "old", [person("1"), person("2")])
    diff = diff_records(old, old)
    assert not diff
    assert diff.summary()["unchanged"] == 2


def test_a_moved_row_is_not_a_change(tmp_path: Path) -> None:
    old = records(tmp_path, "old", [person("1"), person("2")])
    new = records(tmp_path, "new", [person("2"), person("1")])
    assert not diff_records(old, new)


def test_keys_and_e_mail_addresses_differing_only_in_capitals_are_the_same(tmp_path: Path) -> None:
    old = records(tmp_path, "old", [person("ab1", mail="Jan@School.nl")])
    new = records(tmp_path, "new", [person("AB1", mail="jan@school.nl")])
    diff = diff_records(old, new)
    assert diff.summary()["unchanged"] == 0
    assert [change.fields for change in diff.changed] == [{"nummer": ("ab1", "AB1")}]


def test_pages_show_the_full_records_in_file_order(tmp_path: Path) -> None:
    old = records(tmp_path, "old", [person(str(n)) for n in range(10)])
    new = records(tmp_path, "new", [person(str(n)) for n in range(5, 25)])
    diff = diff_records(old, new)
    assert [record["nummer"] for record in diff.added_page(0, 4)] == ["10", "11", "12", "13"]
    assert [record["nummer"] for record in diff.added_page(12, 10)] == ["22", "23", "24"]
    assert [record["nummer"] for record in diff.removed_page(3, 5)] == ["3", "4"]
    assert diff.added_page(100) == []
    assert diff.changed_page() == []


def test_changes_are_paged_in_the_order_of_the_new_file(tmp_path: Path) -> None:
    old = records(tmp_path, "old", [person(str(n)) for n in range(6)])
    new = records(tmp_path, "new", [person(str(n), naam="Anders") for n in reversed(range(6))])
    diff = diff_records(old, new)
    assert [change.key for change in diff.changed_page(1, 2)] == [("4",), ("3",)]
    assert diff.changed_share() == 1.0


def test_sensitive_values_are_shown_masked(tmp_path: Path) -> None:
    old = records(tmp_path, "old", [person("1", bsn="111222333", mail="jan@school.nl")])
    new = records(tmp_path, "new", [person("1", bsn="123456782", mail="jan.b@school.nl"), person("2", bsn="1")])
    diff = diff_records(old, new)
    [change] = diff.changed
    assert change.fields["bsn"] == ("111222333", "123456782")
    assert diff.display_change(change) == {"bsn": ("*****2333", "*****6782"),
                                           "mail": ("j***@school.nl", "j***@school.nl")}
    assert "111222333" not in repr(change)
    [added] = diff.added_page()
    assert diff.new.display_record(added)["bsn"] == "*"


def test_sensitive_keys_are_shown_masked(tmp_path: Path) -> None:
    prof = get_profile("cjp-teachers")
    old = records(tmp_path, "old", [{"voornaam": "A", "achternaam": "B", "email": "anna@school.nl"}], prof)
    new = records(tmp_path, "new", [{"voornaam": "A", "achternaam": "B"}], prof)
    diff = diff_records(old, new)
    assert [diff.display_key(entry.key) for entry in diff.removed] == ["a***@school.nl"]
    assert [entry.key for entry in diff.added] == [(RowKey(4),)]
    assert diff.display_key(diff.added[0].key) == "rij 4"


def test_records_of_different_profiles_are_not_compared(tmp_path: Path) -> None:
    old = records(tmp_path, "old", [person("1")])
    new = records(tmp_path, "new", [{"code": "1", "achternaam": "x"}], get_profile("roster-csv"))
    with pytest.raises(ValueError, match="different profiles"):
        diff_records(old, new)


def test_a_column_the_profile_gained_counts_as_empty_in_the_older_version(tmp_path: Path) -> None:
    older = Profile(slug="people", title_nl="t", title_en="t", description_nl="d", description_en="d",
                    record_key=("nummer",),
                    columns=(Column("nummer", "nummer", Text()), Column("naam", "naam", Text()),
                             Column("oud", "oud", Text())))
    old = records(tmp_path, "old", [{"nummer": "1", "naam": "Jan"}, {"nummer": "2", "naam": "Piet", "oud": "x"}],
                  older)
    new = records(tmp_path, "new", [person("1", klas=None), person("2", naam="Piet", klas="1A")])
    diff = diff_records(old, new)
    assert diff.unchanged == 1
    assert [change.fields for change in diff.changed] == [{"klas": (None, "1A"), "oud": ("x", None)}]


# -- properties ------------------------------------------------------------------------------

fields = st.fixed_dictionaries({"naam": st.sampled_from(["Jan", "Piet", "Anna", None]),
                                "klas": st.sampled_from(["1A", "1B", None])})
versions = st.dictionaries(st.text(string.digits, min_size=1, max_size=2), fields, max_size=25)


def apply(old: RecordSet, diff: RecordDiff) -> dict[Any, dict[str, Any]]:
    """Old records with the diff applied, through the diff's public pages only."""
    result = {record.key: record.as_dict() for record in old}
    for entry in diff.removed:
        del result[entry.key]
    for change in diff.changed_page(0, len(diff.changed)):
        result[change.key].update({name: new for name, (_, new) in change.fields.items()})
    for record in diff.added_page(0, len(diff.added)):
        result[record.key] = record.as_dict()
    return result


@settings(max_examples=60, deadline=None)
@given(versions)
def test_the_diff_of_a_version_with_itself_is_empty(version: dict[str, dict[str, Any]]) -> None:
    with tempfile.TemporaryDirectory() as directory:
        old = records(Path(directory), "a", [{"nummer": key, **values} for key, values in version.items()])
        diff = diff_records(old, old)
        assert not diff
        assert diff.unchanged == len(version)


@settings(max_examples=80, deadline=None)
@given(versions, versions)
def test_applying_the_diff_to_the_old_records_gives_the_new_ones(before: dict[str, dict[str, Any]],
                                                                  after: dict[str, dict[str, Any]]) -> None:
    with tempfile.TemporaryDirectory() as directory:
        old = records(Path(directory), "old", [{"nummer": key, **values} for key, values in before.items()])
        new = records(Path(directory), "new", [{"nummer": key, **values} for key, values in after.items()])
        diff = diff_records(old, new)
        assert apply(old, diff) == {record.key: record.as_dict() for record in new}
        counts = diff.summary()
        assert counts["added"] + counts["changed"] + counts["unchanged"] == len(after)
        assert counts["removed"] + counts["changed"] + counts["unchanged"] == len(before)
