"""The intergrip profile against PROFILES.md (seed 003)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.unit.engine_helpers import INTERGRIP_VALID, intergrip_row, intergrip_rows, profile, run

INTERGRIP = profile("intergrip")
FIELDS = ["row", "column", "cell", "type", "severity", "value"]
TEMPLATE = ["Leerlingnummer", "BSN", "Onderwijsnummer", "Voorletters", "Voornaam", "Tussenvoegsel", "Achternaam",
            "Geboortedatum", "Geslacht", "Postcode", "E-mailadres", "Klas", "Leerjaar", "Niveau"]
REQUIRED = ["Leerlingnummer", "Voorletters", "Voornaam", "Achternaam", "Geboortedatum", "Klas", "Leerjaar", "Niveau"]
OPTIONAL = ["Tussenvoegsel", "Geslacht", "Postcode", "E-mailadres"]
VO = {"school_type": "VO"}


def check(*rows: list[Any], options: dict[str, str] | None = None) -> list[list[Any]]:
    return run("intergrip", intergrip_rows(*rows), options=VO if options is None else options).flatten(FIELDS)


def letter(header: str) -> str:
    return chr(ord("A") + TEMPLATE.index(header))


# -- the declaration -------------------------------------------------------------------------------

def test_template_has_the_columns_of_profiles_md_in_order() -> None:
    assert list(INTERGRIP.headers) == TEMPLATE


def test_bsn_onderwijsnummer_and_email_are_sensitive() -> None:
    assert [c.header for c in INTERGRIP.columns if c.sensitive] == ["BSN", "Onderwijsnummer", "E-mailadres"]


def test_a_valid_list_has_no_issues() -> None:
    rows = [intergrip_row(), intergrip_row(Leerlingnummer="200002", BSN=None, Onderwijsnummer="101222331",
                                           **{"E-mailadres": None})]
    assert check(*rows) == []


# -- required and optional cells ---------------------------------------------------------------------

@pytest.mark.parametrize("header", REQUIRED)
def test_empty_required_cell_gets_missing_value_only(header: str) -> None:
    assert check(intergrip_row(**{header: None})) == [[2, header, f"{letter(header)}2", "missing-value", "error",
                                                       None]]


@pytest.mark.parametrize("header", OPTIONAL)
def test_empty_optional_cell_is_fine(header: str) -> None:
    assert check(intergrip_row(**{header: ""})) == []


# -- one rule per column -------------------------------------------------------------------------------

@pytest.mark.parametrize(("header", "value", "type_"), [
    ("Leerlingnummer", "L200001", "invalid-digits"),
    ("Leerlingnummer", "2" * 21, "invalid-digits"),
    ("BSN", "123456789", "invalid-bsn"),
    ("BSN", "12345678", "invalid-bsn"),
    ("BSN", "103", "invalid-bsn"),
    ("Onderwijsnummer", "111222333", "invalid-onderwijsnummer"),
    ("Voorletters", "JP", "invalid-format"),
    ("Voorletters", "j.p.", "invalid-format"),
    ("Voorletters", "J. P.", "invalid-format"),
    ("Voorletters", "×.", "invalid-format"),
    ("Voornaam", "x" * 101, "too-long"),
    ("Tussenvoegsel", "x" * 21, "too-long"),
    ("Achternaam", "x" * 101, "too-long"),
    ("Geboortedatum", "31-02-2011", "invalid-date"),
    ("Geboortedatum", "14/03/2011", "invalid-date"),
    ("Geboortedatum", "14-03-1990", "age-out-of-range"),
    ("Geslacht", "m", "invalid-choice"),
    ("Geslacht", "O", "invalid-choice"),
    ("Postcode", "0123 AB", "invalid-postcode"),
    ("E-mailadres", "jan@", "invalid-email"),
    ("Klas", "x" * 21, "too-long"),
    ("Leerjaar", 0, "out-of-range"),
    ("Leerjaar", 7, "out-of-range"),
    ("Leerjaar", "vier", "invalid-number"),
    ("Niveau", "MBO-2", "choice-not-for-option"),
    ("Niveau", "GYMNASIUM", "invalid-choice"),
])
def test_each_column_rule_reports_its_issue_at_the_cell(header: str, value: Any, type_: str) -> None:
    issues = check(intergrip_row(**{header: value}))
    assert [i[:5] for i in issues] == [[2, header, f"{letter(header)}2", type_, "error"]]


@pytest.mark.parametrize(("header", "value"), [
    ("Leerlingnummer", 200001.0), ("Leerlingnummer", "000123"), ("BSN", 111222333.0), ("BSN", "111 222 333"),
    ("Voorletters", "J."), ("Voorletters", "Th.J."), ("Voorletters", "É.Ø."), ("Geboortedatum", "2011-03-14"),
    ("Geboortedatum", dt.datetime(2011, 3, 14)), ("Geboortedatum", 40616), ("Geslacht", "V"), ("Geslacht", "X"),
    ("Postcode", "1081hv"), ("Klas", "x" * 20), ("Leerjaar", "6"), ("Leerjaar", 1.0),
])
def test_well_formed_values_are_accepted(header: str, value: Any) -> None:
    assert check(intergrip_row(**{header: value})) == []


# -- BSN: masked everywhere ---------------------------------------------------------------------------

def test_bsn_failing_the_eleven_test_is_masked_in_value_and_message() -> None:
    report = run("intergrip", intergrip_rows(intergrip_row(BSN="123456789")), options=VO)
    assert report.flatten(FIELDS) == [[2, "BSN", "B2", "invalid-bsn", "error", "*****6789"]]
    for lang in ("nl", "en"):
        message = report.issues[0].message(lang)
        assert "*****6789" in message
        assert "123456789" not in message
    assert "voldoet niet aan de elfproef" in report.issues[0].message("nl")


def test_bsn_number_that_lost_its_leading_zero_is_restored_with_a_masked_warning() -> None:
    report = run("intergrip", intergrip_rows(intergrip_row(BSN=12345672)), options=VO)
    assert report.flatten(FIELDS) == [[2, "BSN", "B2", "leading-zeros-restored", "warning", "****5672"]]
    assert report.valid
    message = report.issues[0].message("nl")
    assert "12345672" not in message
    assert "Gelezen als '*****5672'" in message


def test_onderwijsnummer_is_masked_too() -> None:
    report = run("intergrip", intergrip_rows(intergrip_row(BSN=None, Onderwijsnummer="101222332")), options=VO)
    assert report.flatten(["column", "type", "value"]) == [["Onderwijsnummer", "invalid-onderwijsnummer",
                                                           "*****2332"]]
    assert "101222332" not in report.issues[0].message("en")


def test_bsn_or_onderwijsnummer_is_required() -> None:
    assert check(intergrip_row(BSN=None)) == [[2, "BSN", "B2", "missing-value-conditional", "error", None]]
    assert check(intergrip_row(BSN=None, Onderwijsnummer="101222331")) == []


def test_learner_number_twice_flags_both_rows() -> None:
    rows = [intergrip_row(), intergrip_row(Leerlingnummer=200001, BSN="123456782")]
    assert [[i[0], i[1], i[3], i[5]] for i in check(*rows)] == [[2, "Leerlingnummer", "duplicate-value", "200001"],
                                                                [3, "Leerlingnummer", "duplicate-value", "200001"]]


def test_the_same_bsn_twice_is_reported_never_merged_silently() -> None:
    # SECURITY F15: two rows with one BSN are one person entered twice.
    rows = [intergrip_row(), intergrip_row(Leerlingnummer="200002", BSN=111222333.0),
            intergrip_row(Leerlingnummer="200003", BSN="123456782")]
    report = run("intergrip", intergrip_rows(*rows), options=VO)
    assert report.flatten(FIELDS) == [[2, "BSN", "B2", "duplicate-value", "error", "*****2333"],
                                      [3, "BSN", "B3", "duplicate-value", "error", "*****2333"]]
    assert "111222333" not in report.issues[0].message("nl")
    assert "rij 3" in report.issues[0].message("nl")


def test_the_same_onderwijsnummer_twice_is_reported() -> None:
    rows = [intergrip_row(BSN=None, Onderwijsnummer="101222331"),
            intergrip_row(Leerlingnummer="200002", BSN=None, Onderwijsnummer="101222331")]
    assert [[i[0], i[1], i[3]] for i in check(*rows)] == [[2, "Onderwijsnummer", "duplicate-value"],
                                                          [3, "Onderwijsnummer", "duplicate-value"]]


# -- Niveau by school type, dates -----------------------------------------------------------------------

@pytest.mark.parametrize(("school_type", "ok", "wrong"), [("VO", "VWO", "MBO-1"), ("MBO", "MBO-4", "HAVO")])
def test_niveau_follows_the_school_type_option(school_type: str, ok: str, wrong: str) -> None:
    options = {"school_type": school_type}
    assert check(intergrip_row(Niveau=ok), options=options) == []
    assert [i[3] for i in check(intergrip_row(Niveau=wrong), options=options)] == ["choice-not-for-option"]


def test_date_of_birth_in_both_text_orders_gives_the_same_age() -> None:
    assert check(intergrip_row(Geboortedatum="01-02-2003")) == []
    assert check(intergrip_row(Geboortedatum="2003-02-01")) == []
    # As 2 January 2003 both would be fine as well; 1 February 1996 makes the order matter:
    assert check(intergrip_row(Geboortedatum="01-02-1996")) == []
    assert [i[3] for i in check(intergrip_row(Geboortedatum="01-02-1995"))] == ["age-out-of-range"]


def test_age_message_suggests_day_and_month_may_be_swapped() -> None:
    report = run("intergrip", intergrip_rows(intergrip_row(Geboortedatum="14-03-2020")), options=VO)
    assert "is de leerling 6 jaar; verwacht is 10 tot 30 jaar" in report.issues[0].message("nl")
    assert "dag en maand omgedraaid" in report.issues[0].message("nl")


def test_the_helper_row_is_valid_on_its_own() -> None:
    assert set(INTERGRIP_VALID) == set(TEMPLATE)
    assert check(intergrip_row()) == []
