"""MatchesInstitution: NSE OIE_CODE must be the code of the institution that submits (seed)."""

from __future__ import annotations

from tests.unit.engine_helpers import nse_row, nse_rows, run


def test_own_institution_code_is_fine() -> None:
    assert run("nse", nse_rows(nse_row(OIE_CODE="21PL"))).flatten() == []


def test_code_of_another_institution_is_an_error_naming_the_expected_one() -> None:
    report = run("nse", nse_rows(nse_row(), nse_row(OIE_CODE="30GB", EMAILADRES="b@example.nl")))
    assert report.flatten(["row", "column", "cell", "type", "value"]) == [[3, "OIE_CODE", "A3", "wrong-institution",
                                                                           "30GB"]]
    assert report.issues[0].params == {"expected": "21PL"}
    assert "(21PL)" in report.issues[0].message("nl")


def test_another_institution_does_not_cascade_into_rio_errors() -> None:
    # 07 and 99999 are unknown for 21PL, but the row is not about 21PL: only the code is reported.
    row = nse_row(OIE_CODE="30GB", BRIN_VOLGNUMMER="07", OPLEIDINGSCODE="99999", LOCATIE="Nergens")
    assert run("nse", nse_rows(row)).flatten(["row", "type"]) == [[2, "wrong-institution"]]


def test_malformed_code_gets_only_its_format_error() -> None:
    report = run("nse", nse_rows(nse_row(OIE_CODE="21pl")))
    assert report.flatten(["row", "column", "type"]) == [[2, "OIE_CODE", "invalid-brin"]]


def test_without_an_institution_the_check_says_once_it_was_skipped() -> None:
    rows = nse_rows(nse_row(), nse_row(OIE_CODE="30GB", EMAILADRES="b@example.nl", BRIN_VOLGNUMMER="00",
                                       LOCATIE="Utrecht", OPLEIDINGSCODE="56833", NIVEAU="WO"))
    report = run("nse", rows, institution=None)
    assert report.flatten(["row", "column", "type", "severity"]) == [
        [None, "OIE_CODE", "institution-check-skipped", "warning"]]
    assert report.valid
