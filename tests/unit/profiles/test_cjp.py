"""The cjp-students and cjp-teachers profiles against PROFILES.md (seed 002)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.unit.engine_helpers import cjp_rows, profile, run

FIELDS = ["row", "column", "cell", "type", "severity", "value"]


def student(voornaam: Any = "Sanne", achternaam: Any = "de Vries", email: Any = None, leerjaar: Any = 3,
            klasnaam: Any = "3B") -> list[Any]:
    return [voornaam, achternaam, email, leerjaar, klasnaam]


def teacher(voornaam: Any = "Sanne", achternaam: Any = "de Vries", email: Any = None) -> list[Any]:
    return [voornaam, achternaam, email]


def students(*data: list[Any]) -> list[list[Any]]:
    return run("cjp-students", cjp_rows("cjp-students", *data)).flatten(FIELDS)


def teachers(*data: list[Any]) -> list[list[Any]]:
    return run("cjp-teachers", cjp_rows("cjp-teachers", *data)).flatten(FIELDS)


# -- the declaration -------------------------------------------------------------------------------

def test_student_template_has_the_five_seed_columns_in_order() -> None:
    assert list(profile("cjp-students").headers) == ["voornaam", "achternaam", "email", "leerjaar", "klasnaam"]
    assert [c.required for c in profile("cjp-students").columns] == [True, True, False, True, True]


def test_teacher_template_has_names_and_email() -> None:
    assert list(profile("cjp-teachers").headers) == ["voornaam", "achternaam", "email"]
    assert [c.required for c in profile("cjp-teachers").columns] == [True, True, False]


@pytest.mark.parametrize("slug", ["cjp-students", "cjp-teachers"])
def test_cjp_accepts_xlsx_and_xls_with_the_header_on_row_3(slug: str) -> None:
    prof = profile(slug)
    assert prof.formats == frozenset({"xlsx", "xls"})
    assert prof.header_row == 3
    assert prof.first_data_row == 4


# -- header on row 3, preamble above it --------------------------------------------------------------

def test_valid_student_file_with_its_preamble_has_no_issues() -> None:
    report = run("cjp-students", cjp_rows("cjp-students", student(email="sanne@example.nl"), student("Piet")))
    assert report.valid
    assert report.flatten() == []
    assert report.stats["rows"] == 2


def test_preamble_rows_are_not_checked_whatever_they_hold() -> None:
    rows = [["=SOM(1)", 12, None, "x"], [None, "Vrije invoer"], list(profile("cjp-students").headers), student()]
    assert run("cjp-students", rows).flatten() == []


def test_issues_are_numbered_from_row_4() -> None:
    assert students(student(), student(leerjaar=9)) == [[5, "leerjaar", "D5", "out-of-range", "error", "9"]]


def test_headers_on_row_1_are_a_moved_header_row() -> None:
    rows = [list(profile("cjp-students").headers), student(), student("Piet")]
    report = run("cjp-students", rows)
    assert report.flatten(["row", "type"]) == [[1, "header-row-moved"]]


def test_misspelled_cjp_header_gets_a_hint() -> None:
    rows = cjp_rows("cjp-teachers", teacher())
    rows[2][2] = "E-mail"
    report = run("cjp-teachers", rows)
    assert report.flatten(["row", "column", "cell", "type"]) == [[None, "E-mail", "C3", "misspelled-column"]]
    assert report.issues[0].params["expected"] == "email"


def test_teacher_file_with_a_student_column_is_refused() -> None:
    rows = cjp_rows("cjp-teachers", [*teacher(), 3])
    rows[2].append("leerjaar")
    assert [i.type for i in run("cjp-teachers", rows).issues] == ["column-count", "unexpected-column"]


# -- cells -------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("index", "header"), [(0, "voornaam"), (1, "achternaam"), (3, "leerjaar"),
                                               (4, "klasnaam")])
def test_required_student_cell_left_empty_gets_missing_value(index: int, header: str) -> None:
    row = student()
    row[index] = None
    assert students(row) == [[4, header, f"{'ABCDE'[index]}4", "missing-value", "error", None]]


def test_email_is_optional() -> None:
    assert students(student(email=None), student("Piet", email="")) == []
    assert teachers(teacher(email=None)) == []


@pytest.mark.parametrize("leerjaar", [1, 2, 3, 4, 5, 6, "6", 1.0])
def test_leerjaar_from_one_to_six_is_accepted(leerjaar: Any) -> None:
    assert students(student(leerjaar=leerjaar)) == []


@pytest.mark.parametrize(("leerjaar", "type_"), [(0, "out-of-range"), (7, "out-of-range"), ("7", "out-of-range"),
                                                 ("drie", "invalid-number"), (2.5, "invalid-number"),
                                                 ("3e", "invalid-number")])
def test_leerjaar_outside_one_to_six_is_an_error(leerjaar: Any, type_: str) -> None:
    assert [i[3] for i in students(student(leerjaar=leerjaar))] == [type_]


def test_out_of_range_message_says_the_allowed_range() -> None:
    issue = run("cjp-students", cjp_rows("cjp-students", student(leerjaar=7))).issues[0]
    assert issue.message("nl") == ("Rij 4, kolom leerjaar (D4): 7 ligt niet tussen 1 en 6. Vul een getal van 1 tot "
                                   "en met 6 in.")


def test_invalid_email_is_an_error_with_a_masked_value() -> None:
    assert teachers(teacher(email="sanne@school")) == [[4, "email", "C4", "invalid-email", "error", "s***@school"]]


def test_names_longer_than_a_hundred_characters_are_too_long() -> None:
    assert [i[3] for i in teachers(teacher(voornaam="x" * 101))] == ["too-long"]


# -- e-mail once per file ------------------------------------------------------------------------------

@pytest.mark.parametrize("slug", ["cjp-students", "cjp-teachers"])
def test_email_twice_in_a_file_flags_every_row_naming_the_others_case_insensitively(slug: str) -> None:
    make = student if slug == "cjp-students" else teacher
    rows = cjp_rows(slug, make(email="Sanne@example.nl"), make("Piet", email="piet@example.nl"),
                    make("Sanne", email="sanne@EXAMPLE.nl"))
    report = run(slug, rows)
    assert report.flatten(["row", "column", "cell", "type"]) == [[4, "email", "C4", "duplicate-value"],
                                                                 [6, "email", "C6", "duplicate-value"]]
    assert "rij 6" in report.issues[0].message("nl")
    assert "row 4" in report.issues[1].message("en")
    assert all("sanne@" not in issue.message(lang).casefold() for issue in report.issues for lang in ("nl", "en"))


def test_same_names_without_email_are_not_duplicates() -> None:
    # Anonymous mode: placeholder names, no e-mail (seed).
    assert students(student("Leerling", "Anoniem"), student("Leerling", "Anoniem")) == []
