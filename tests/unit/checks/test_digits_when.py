"""DigitsWhen: a roster code is digits only for a leerling, or for everyone with add_as_student=J."""

from __future__ import annotations

from typing import Any

import pytest

from tests.unit.engine_helpers import csv_rows, run

HEADER = ["code", "achternaam", "type"]


def issues(*data: dict[str, Any], header: list[str] = HEADER, options: dict[str, str] | None = None) -> list[Any]:
    return run("roster-csv", csv_rows(header, *data), options=options, fmt="csv").issues


def test_student_code_of_digits_is_fine() -> None:
    assert issues({"code": "200001", "achternaam": "Dijk", "type": "leerling"}) == []


@pytest.mark.parametrize("code", ["A200001", "2000 01", "20-0001", "２００００１"])
def test_student_code_with_other_characters_is_an_error(code: str) -> None:
    (issue,) = issues({"code": code, "achternaam": "Dijk", "type": "leerling"})
    assert (issue.row, issue.column, issue.cell, issue.type, issue.value) == (2, "code", "A2", "invalid-digits", code)
    assert issue.params["length_nl"] == "alleen cijfers (dit is een leerling)"
    assert "alleen cijfers (dit is een leerling)" in issue.message("nl")


@pytest.mark.parametrize("kind", ["medewerker", "ouder"])
def test_staff_and_parent_codes_may_hold_letters(kind: str) -> None:
    assert issues({"code": "jdijk", "achternaam": "Dijk", "type": kind}) == []


def test_row_without_a_type_is_not_held_to_digits() -> None:
    assert issues({"code": "jdijk", "achternaam": "Dijk", "type": ""}) == []


def test_invalid_type_gets_only_its_own_error() -> None:
    found = issues({"code": "jdijk", "achternaam": "Dijk", "type": "Leerling"})
    assert [(i.column, i.type) for i in found] == [("type", "invalid-choice")]


def test_add_as_student_holds_every_code_to_digits_without_a_type_column() -> None:
    header = ["code", "achternaam"]
    found = issues({"code": "jdijk", "achternaam": "Dijk"}, {"code": "200001", "achternaam": "Berg"},
                   header=header, options={"add_as_student": "J"})
    assert [(i.row, i.type) for i in found] == [(2, "invalid-digits")]


def test_add_as_student_off_leaves_codes_free_without_a_type_column() -> None:
    header = ["code", "achternaam"]
    assert issues({"code": "jdijk", "achternaam": "Dijk"}, header=header, options={"add_as_student": "N"}) == []


def test_empty_code_gets_missing_value_only() -> None:
    found = issues({"code": "", "achternaam": "Dijk", "type": "leerling"})
    assert [i.type for i in found] == ["missing-value"]
