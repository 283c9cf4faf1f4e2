"""RioProgramme: OPLEIDINGSCODE must be a programme of the institution in RIO; NIVEAU must fit it."""

from __future__ import annotations

from tests.unit.engine_helpers import nse_row, nse_rows, run

FIELDS = ["row", "column", "cell", "type", "value"]


def test_programme_of_the_institution_with_its_level_is_fine() -> None:
    rows = nse_rows(nse_row(OPLEIDINGSCODE="34479", NIVEAU="HBO"),
                    nse_row(EMAILADRES="b@example.nl", OPLEIDINGSCODE="60040", NIVEAU="WO"))
    assert run("nse", rows).flatten() == []


def test_unknown_programme_is_an_error() -> None:
    report = run("nse", nse_rows(nse_row(OPLEIDINGSCODE="99999")))
    assert report.flatten(FIELDS) == [[2, "OPLEIDINGSCODE", "D2", "unknown-programme", "99999"]]
    assert report.issues[0].params == {"institution": "21PL"}


def test_programme_of_another_institution_is_unknown_for_this_one() -> None:
    report = run("nse", nse_rows(nse_row(OPLEIDINGSCODE="56833", NIVEAU="WO")))
    assert report.flatten(["row", "type"]) == [[2, "unknown-programme"]]


def test_unknown_programme_does_not_also_flag_the_level() -> None:
    assert [i.type for i in run("nse", nse_rows(nse_row(OPLEIDINGSCODE="99999", NIVEAU="WO"))).issues] == [
        "unknown-programme"]


def test_level_that_disagrees_with_rio_is_an_error_naming_the_right_level() -> None:
    report = run("nse", nse_rows(nse_row(OPLEIDINGSCODE="60040", NIVEAU="HBO")))
    assert report.flatten(FIELDS) == [[2, "NIVEAU", "H2", "level-mismatch", "HBO"]]
    assert report.issues[0].params == {"programme": "60040", "expected": "WO"}
    assert "Vul WO in" in report.issues[0].message("nl")


def test_invalid_level_gets_only_its_choice_error() -> None:
    report = run("nse", nse_rows(nse_row(OPLEIDINGSCODE="60040", NIVEAU="MBO")))
    assert report.flatten(["row", "column", "type"]) == [[2, "NIVEAU", "invalid-choice"]]


def test_programme_code_stored_as_a_number_is_found() -> None:
    assert run("nse", nse_rows(nse_row(OPLEIDINGSCODE=34479.0))).flatten() == []


def test_programme_code_of_four_digits_is_invalid_not_unknown() -> None:
    report = run("nse", nse_rows(nse_row(OPLEIDINGSCODE="3447")))
    assert report.flatten(["row", "column", "type"]) == [[2, "OPLEIDINGSCODE", "invalid-digits"]]


def test_each_row_with_an_unknown_programme_is_reported() -> None:
    rows = nse_rows(nse_row(OPLEIDINGSCODE="99999"), nse_row(EMAILADRES="b@example.nl", OPLEIDINGSCODE="99999"))
    assert run("nse", rows).flatten(["row", "cell", "type"]) == [[2, "D2", "unknown-programme"],
                                                                 [3, "D3", "unknown-programme"]]
