"""The nse profile against PROFILES.md: every column and rule, through the engine."""

from __future__ import annotations

from typing import Any

import pytest

from rosterdesk.importers.issues import Report
from tests.unit.engine_helpers import NSE_VALID, nse_row, nse_rows, nse_students, profile, run

NSE = profile("nse")
FIELDS = ["row", "column", "cell", "type", "severity", "value"]

TEMPLATE = ["OIE_CODE", "BRIN_VOLGNUMMER", "LOCATIE", "OPLEIDINGSCODE", "OPLEIDINGSVORM", "TYPE_STUDENT",
            "AFSTANDSONDERWIJS", "NIVEAU", "EERSTEJAARS", "VOORKEURSTAAL", "EMAILADRES", "HOOFDOPLEIDING",
            "LEERROUTE", "KUNSTONDERWIJS", "EMAILADRES_2", "INTERNATIONALE_STUDENT",
            "LABEL_1", "LABEL_2", "LABEL_3", "LABEL_4", "LABEL_5", "LABEL_6", "LABEL_7"]
REQUIRED = TEMPLATE[:12]
OPTIONAL = TEMPLATE[12:]


def check_one(**cells: Any) -> Report:
    return run("nse", nse_rows(nse_row(**cells)))


def one_issue(**cells: Any) -> list[Any]:
    flat = check_one(**cells).flatten(FIELDS)
    assert len(flat) == 1, flat
    return flat[0]


# -- the declaration -------------------------------------------------------------------------------

def test_template_has_the_columns_of_profiles_md_in_order() -> None:
    assert list(NSE.headers) == TEMPLATE


def test_nse_accepts_xlsx_only_with_the_header_on_row_1() -> None:
    assert NSE.formats == frozenset({"xlsx"})
    assert NSE.header_row == 1
    assert NSE.header_policy == "exact"


def test_email_columns_are_sensitive_and_nothing_else_is() -> None:
    assert [c.header for c in NSE.columns if c.sensitive] == ["EMAILADRES", "EMAILADRES_2"]


def test_a_valid_file_has_no_issues() -> None:
    report = run("nse", nse_rows(*nse_students(5)))
    assert report.valid
    assert report.flatten() == []
    assert report.stats["rows"] == 5
    assert report.stats["errors"] == report.stats["warnings"] == 0


def test_every_optional_column_filled_with_valid_values_is_fine() -> None:
    filled = {"LEERROUTE": "Software Engineering", "KUNSTONDERWIJS": "N", "EMAILADRES_2": "prive@example.com",
              "INTERNATIONALE_STUDENT": "J", **{f"LABEL_{n}": "groep A" for n in range(1, 8)}}
    rows = nse_rows(nse_row(**filled), nse_row(EMAILADRES="b@example.nl", **filled))
    assert run("nse", rows).flatten() == []


# -- required and optional cells --------------------------------------------------------------------

@pytest.mark.parametrize("header", REQUIRED)
@pytest.mark.parametrize("blank", [None, "", "  "])
def test_empty_required_cell_gets_missing_value_and_nothing_else(header: str, blank: Any) -> None:
    letter = chr(ord("A") + TEMPLATE.index(header))
    assert one_issue(**{header: blank}) == [2, header, f"{letter}2", "missing-value", "error", None]


@pytest.mark.parametrize("header", OPTIONAL)
def test_empty_optional_cell_is_fine(header: str) -> None:
    assert check_one(**{header: None}).flatten() == []


# -- one rule per column --------------------------------------------------------------------------

@pytest.mark.parametrize(("header", "value", "type_"), [
    ("OIE_CODE", "21pl", "invalid-brin"),
    ("OIE_CODE", "21PL01", "invalid-brin"),
    ("OIE_CODE", "30GB", "wrong-institution"),
    ("BRIN_VOLGNUMMER", "0", "invalid-digits"),
    ("BRIN_VOLGNUMMER", "000", "invalid-digits"),
    ("BRIN_VOLGNUMMER", "09", "unknown-location-number"),
    ("LOCATIE", "Amsterdam", "location-mismatch"),
    ("LOCATIE", "x" * 101, "too-long"),
    ("OPLEIDINGSCODE", "3447", "invalid-digits"),
    ("OPLEIDINGSCODE", "3447X", "invalid-digits"),
    ("OPLEIDINGSCODE", "11111", "unknown-programme"),
    ("OPLEIDINGSVORM", "VOLTIJD", "invalid-choice"),
    ("TYPE_STUDENT", "MASTER", "invalid-choice"),
    ("AFSTANDSONDERWIJS", "Nee", "invalid-yes-no"),
    ("NIVEAU", "MBO", "invalid-choice"),
    ("NIVEAU", "WO", "level-mismatch"),
    ("EERSTEJAARS", "ja", "invalid-yes-no"),
    ("VOORKEURSTAAL", "FR", "invalid-choice"),
    ("EMAILADRES", "student1.example.nl", "invalid-email"),
    ("EMAILADRES", "student1@example", "invalid-email"),
    ("HOOFDOPLEIDING", "Y", "invalid-yes-no"),
    ("HOOFDOPLEIDING", "N", "main-programme-count"),
    ("LEERROUTE", "x" * 101, "too-long"),
    ("KUNSTONDERWIJS", "nee", "invalid-yes-no"),
    ("EMAILADRES_2", "prive@", "invalid-email"),
    ("EMAILADRES_2", "student1@example.nl", "same-as-other-column"),
    ("INTERNATIONALE_STUDENT", "1", "invalid-yes-no"),
    *[(f"LABEL_{n}", "x" * 51, "too-long") for n in range(1, 8)],
    *[(f"LABEL_{n}", "een twee drie vier vijf zes", "too-many-words") for n in range(1, 8)],
])
def test_each_column_rule_reports_its_issue_at_the_cell(header: str, value: Any, type_: str) -> None:
    row, column, cell, found_type, severity, _ = one_issue(**{header: value})
    letter = chr(ord("A") + TEMPLATE.index(header))
    assert [row, column, cell, found_type, severity] == [2, header, f"{letter}2", type_, "error"]


@pytest.mark.parametrize(("header", "values"), [
    ("OPLEIDINGSVORM", ["VT", "DT", "DU"]),
    ("TYPE_STUDENT", ["REGULIER", "PREMASTER", "POSTMASTER"]),
    ("AFSTANDSONDERWIJS", ["J", "N"]),
    ("EERSTEJAARS", ["J", "N"]),
    ("VOORKEURSTAAL", ["NL", "EN", "DE"]),
    ("KUNSTONDERWIJS", ["J", "N"]),
    ("INTERNATIONALE_STUDENT", ["J", "N"]),
])
def test_every_listed_value_is_accepted(header: str, values: list[str]) -> None:
    for value in values:
        assert check_one(**{header: value}).flatten() == [], value


def test_location_label_and_route_limits_are_inclusive() -> None:
    rows = nse_rows(nse_row(LEERROUTE="x" * 100, LABEL_1="y" * 50, LABEL_2="a b c d e"),
                    nse_row(EMAILADRES="b@example.nl", LABEL_1="y" * 50, LABEL_2="a b c d e"))
    assert run("nse", rows).flatten() == []


def test_choice_near_miss_message_suggests_the_right_value() -> None:
    issue = check_one(OPLEIDINGSVORM="vt").issues[0]
    assert issue.message("nl").endswith("Kies uit: VT, DT, DU. Bedoelt u 'VT'?")
    assert issue.message("en").endswith("Choose from: VT, DT, DU. Did you mean 'VT'?")


def test_invalid_email_value_is_masked_in_the_issue_and_its_message() -> None:
    issue = check_one(EMAILADRES="pietje puk@example.nl").issues[0]
    assert issue.type == "invalid-email"
    assert issue.value == "p***@example.nl"
    assert "pietje" not in issue.message("nl")
    assert "er staat een spatie in" in issue.message("nl")


# -- numbers stored as numbers ------------------------------------------------------------------

def test_programme_code_and_location_number_stored_as_numbers_are_read_as_codes() -> None:
    report = check_one(OPLEIDINGSCODE=34479.0, BRIN_VOLGNUMMER=0.0)
    assert report.flatten(FIELDS) == [[2, "BRIN_VOLGNUMMER", "B2", "leading-zeros-restored", "warning", "0"]]
    assert report.issues[0].params == {"original": "0", "padded": "00"}
    assert report.valid


def test_programme_code_that_lost_a_leading_zero_is_padded_then_checked_in_rio() -> None:
    # 01234 read from the number 1234: padded with a warning, then unknown in RIO for 21PL.
    report = check_one(OPLEIDINGSCODE=1234)
    assert report.flatten(["column", "type", "severity"]) == [["OPLEIDINGSCODE", "leading-zeros-restored", "warning"],
                                                             ["OPLEIDINGSCODE", "unknown-programme", "error"]]
    assert report.issues[1].value == "01234"  # the code as read, which is what RIO lacks
    assert report.issues[1].params == {"institution": "21PL"}


# -- no cascades -------------------------------------------------------------------------------------

def test_unknown_location_number_does_not_also_flag_locatie() -> None:
    assert [i.type for i in check_one(BRIN_VOLGNUMMER="09", LOCATIE="Nergens").issues] == [
        "unknown-location-number"]


def test_empty_cell_gets_missing_value_not_also_invalid_or_rio_errors() -> None:
    report = check_one(OPLEIDINGSCODE=None, NIVEAU="WO", BRIN_VOLGNUMMER=None, LOCATIE="Nergens")
    assert report.flatten(["column", "type"]) == [["BRIN_VOLGNUMMER", "missing-value"],
                                                 ["OPLEIDINGSCODE", "missing-value"]]


def test_invalid_email_does_not_cascade_into_group_or_duplicate_checks() -> None:
    rows = nse_rows(nse_row(EMAILADRES="fout", HOOFDOPLEIDING="N"), nse_row(EMAILADRES="fout", HOOFDOPLEIDING="N"))
    assert run("nse", rows).flatten(["row", "type"]) == [[2, "invalid-email"], [3, "invalid-email"]]


# -- a realistic file -----------------------------------------------------------------------------------

def test_a_file_with_several_problems_reports_each_once_at_its_excel_row() -> None:
    rows = nse_rows(
        nse_row(EMAILADRES="a@example.nl"),                                               # 2 ok
        nse_row(EMAILADRES="b@example.nl", HOOFDOPLEIDING="J"),                           # 3 two J's
        nse_row(EMAILADRES="B@example.nl", OPLEIDINGSCODE="39100", HOOFDOPLEIDING="J"),   # 4 two J's
        [None] * 23,                                                                      # 5 blank
        nse_row(EMAILADRES="c@example.nl", OIE_CODE="30GB"),                              # 6 other institution
        nse_row(EMAILADRES="d@example.nl", BRIN_VOLGNUMMER=1, LOCATIE="zwolle"),          # 7 zero restored
        nse_row(EMAILADRES="e@example.nl", NIVEAU="WO"),                                  # 8 level
        nse_row(EMAILADRES="e@example.nl", HOOFDOPLEIDING="N", EMAILADRES_2="E@example.nl"),  # 9 dup + same
    )
    report = run("nse", rows)
    assert report.flatten(["row", "cell", "type", "severity"]) == [
        [3, "L3", "main-programme-count", "error"],
        [4, "L4", "main-programme-count", "error"],
        [6, "A6", "wrong-institution", "error"],
        [7, "B7", "leading-zeros-restored", "warning"],
        [8, "H8", "level-mismatch", "error"],
        [8, "K8", "duplicate-record", "error"],
        [9, "K9", "duplicate-record", "error"],
        [9, "O9", "same-as-other-column", "error"],
    ]
    assert report.stats["rows"] == 7
    assert report.stats["blank_rows"] == 1
    assert report.stats["errors"] == 7
    assert report.stats["warnings"] == 1
    assert not report.valid


def test_formulas_are_an_error_at_their_cell() -> None:
    report = run("nse", nse_rows(nse_row(), nse_row(EMAILADRES="b@example.nl")), formulas={3: {2: '=UPPER("x")'}})
    assert report.flatten(["row", "column", "cell", "type"]) == [[3, "LOCATIE", "C3", "formula"]]
    assert report.issues[0].params == {"formula": '=UPPER("x")'}


def test_default_row_is_valid_as_declared_in_the_helpers() -> None:
    # Guards the tests above: they change one cell of a row that is valid on its own.
    assert set(NSE_VALID) == set(REQUIRED)
    assert check_one().flatten() == []
