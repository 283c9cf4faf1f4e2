"""The roster-csv profile against PROFILES.md (seed 004): fields by name, for now without a mapping."""

from __future__ import annotations

from typing import Any

import pytest

from tests.unit.engine_helpers import csv_rows, profile, run

ROSTER = profile("roster-csv")
FIELDS = ["row", "column", "cell", "type", "severity", "value"]
ALL = ["code", "roepnaam", "voornamen", "tussenvoegsel", "achternaam", "email", "klas", "type"]


def check(header: list[str], *data: dict[str, Any], options: dict[str, str] | None = None) -> list[list[Any]]:
    return run("roster-csv", csv_rows(header, *data), options=options, fmt="csv").flatten(FIELDS)


def full(**cells: Any) -> dict[str, Any]:
    return {"code": "200001", "roepnaam": "Jan", "voornamen": "Johannes Petrus", "tussenvoegsel": "van",
            "achternaam": "Dijk", "email": "jan@example.nl", "klas": "2A", "type": "leerling", **cells}


def test_fields_are_the_seed_fields() -> None:
    assert list(ROSTER.headers) == ALL
    assert [c.header for c in ROSTER.columns if c.required] == ["code", "achternaam"]
    assert ROSTER.header_policy == "by_name"
    assert ROSTER.formats == frozenset({"csv"})


def test_a_full_valid_file_has_no_issues() -> None:
    rows = [full(), full(code="jdijk", type="medewerker"), full(code="ouder-17", type="ouder", klas="")]
    assert check(ALL, *rows) == []


def test_columns_may_come_in_any_order() -> None:
    header = list(reversed(ALL))
    assert check(header, full(), full(code="200002", email="piet@example.nl")) == []


def test_only_the_required_columns_are_enough() -> None:
    assert check(["achternaam", "code"], {"code": "A-1", "achternaam": "Dijk"}) == []


def test_issue_positions_follow_the_columns_of_the_file() -> None:
    header = ["type", "email", "achternaam", "code"]
    assert check(header, {"type": "leerling", "email": "x@", "achternaam": "Dijk", "code": "12"}) == [
        [2, "email", "B2", "invalid-email", "error", "x@"]]


def test_unknown_column_is_a_warning_and_its_data_is_ignored() -> None:
    issues = check(["code", "achternaam", "mentor"], {"code": "1", "achternaam": "Dijk", "mentor": "=1+1"})
    assert issues == [[None, "mentor", "C1", "unexpected-column", "warning", None]]


@pytest.mark.parametrize("missing", ["code", "achternaam"])
def test_missing_required_column_is_an_error(missing: str) -> None:
    header = [h for h in ALL if h != missing]
    report = run("roster-csv", csv_rows(header, full()), fmt="csv")
    assert report.stage == "structure"
    assert report.flatten(["column", "type"]) == [[missing, "missing-column"]]


def test_header_in_capitals_gets_a_hint_instead_of_being_ignored() -> None:
    report = run("roster-csv", csv_rows(["Code", "achternaam"], {"Code": "1", "achternaam": "Dijk"}), fmt="csv")
    assert report.flatten(["column", "type"]) == [["Code", "misspelled-column"]]
    assert report.issues[0].params["expected"] == "code"


@pytest.mark.parametrize(("field", "value", "type_"), [
    ("code", "", "missing-value"),
    ("code", "x" * 21, "too-long"),
    ("achternaam", " ", "missing-value"),
    ("email", "jan@@example.nl", "invalid-email"),
    ("klas", "x" * 21, "too-long"),
    ("type", "docent", "invalid-choice"),
    ("tussenvoegsel", "x" * 21, "too-long"),
])
def test_each_field_rule_reports_its_issue_at_the_cell(field: str, value: str, type_: str) -> None:
    issues = check(ALL, full(**{field: value}))
    assert [[i[0], i[1], i[3]] for i in issues] == [[2, field, type_]]


def test_student_code_must_be_digits_only() -> None:
    issues = check(ALL, full(code="L200001"), full(code="jdijk", type="medewerker"))
    assert [[i[0], i[1], i[3]] for i in issues] == [[2, "code", "invalid-digits"]]


def test_add_as_student_makes_every_code_digits_only() -> None:
    header = ["code", "achternaam"]
    issues = check(header, {"code": "200001", "achternaam": "Dijk"}, {"code": "jdijk", "achternaam": "Dijk"},
                   options={"add_as_student": "J"})
    assert [[i[0], i[3]] for i in issues] == [[3, "invalid-digits"]]


def test_code_is_unique_in_the_file() -> None:
    issues = check(ALL, full(), full(email="b@example.nl"))
    assert [[i[0], i[1], i[3]] for i in issues] == [[2, "code", "duplicate-value"], [3, "code", "duplicate-value"]]
