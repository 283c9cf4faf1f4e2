"""RioLocation: BRIN_VOLGNUMMER must exist in RIO for the institution; LOCATIE must match its place."""

from __future__ import annotations

import pytest

from tests.unit.engine_helpers import nse_row, nse_rows, run

FIELDS = ["row", "column", "cell", "type", "value"]


@pytest.mark.parametrize(("number", "place"), [
    ("00", "'S-GRAVENHAGE"), ("00", "'s-Gravenhage"), ("00", "  's-gravenhage "), ("01", "Zwolle"),
    ("02", "Súdwest-Fryslân"), ("02", "SUDWEST FRYSLAN"), ("02", "Sudwest-Fryslan"),
])
def test_place_matches_rio_regardless_of_capitals_and_accents(number: str, place: str) -> None:
    assert run("nse", nse_rows(nse_row(BRIN_VOLGNUMMER=number, LOCATIE=place))).flatten() == []


def test_unknown_location_number_is_an_error_listing_the_known_ones() -> None:
    report = run("nse", nse_rows(nse_row(BRIN_VOLGNUMMER="07", LOCATIE="Amsterdam")))
    assert report.flatten(FIELDS) == [[2, "BRIN_VOLGNUMMER", "B2", "unknown-location-number", "07"]]
    assert report.issues[0].params == {"institution": "21PL", "known": "00, 01, 02"}


def test_unknown_location_number_does_not_also_flag_the_place() -> None:
    types = [i.type for i in run("nse", nse_rows(nse_row(BRIN_VOLGNUMMER="07", LOCATIE="Nergens"))).issues]
    assert types == ["unknown-location-number"]


def test_place_that_differs_from_rio_is_an_error_with_the_rio_name() -> None:
    report = run("nse", nse_rows(nse_row(BRIN_VOLGNUMMER="01", LOCATIE="Amsterdam")))
    assert report.flatten(FIELDS) == [[2, "LOCATIE", "C2", "location-mismatch", "Amsterdam"]]
    assert report.issues[0].params == {"number": "01", "expected": "ZWOLLE"}


def test_number_stored_as_a_number_is_padded_and_then_found() -> None:
    report = run("nse", nse_rows(nse_row(BRIN_VOLGNUMMER=1.0, LOCATIE="Zwolle")))
    assert report.flatten([*FIELDS, "severity"]) == [
        [2, "BRIN_VOLGNUMMER", "B2", "leading-zeros-restored", "1", "warning"]]
    assert report.issues[0].params == {"original": "1", "padded": "01"}
    assert "Gelezen als '01'" in report.issues[0].message("nl")
    assert report.valid


def test_malformed_number_gets_its_format_error_only() -> None:
    report = run("nse", nse_rows(nse_row(BRIN_VOLGNUMMER="1a", LOCATIE="Nergens")))
    assert report.flatten(["row", "column", "type"]) == [[2, "BRIN_VOLGNUMMER", "invalid-digits"]]


def test_empty_place_gets_missing_value_only() -> None:
    report = run("nse", nse_rows(nse_row(LOCATIE=None)))
    assert report.flatten(["row", "column", "type"]) == [[2, "LOCATIE", "missing-value"]]


def test_the_same_wrong_place_is_reported_at_every_row() -> None:
    rows = nse_rows(*[nse_row(EMAILADRES=f"s{n}@example.nl", LOCATIE="Den Haag") for n in range(3)])
    assert run("nse", rows).flatten(["row", "cell", "type"]) == [
        [2, "C2", "location-mismatch"], [3, "C3", "location-mismatch"], [4, "C4", "location-mismatch"]]


def test_without_reference_data_the_location_checks_are_skipped_with_a_warning() -> None:
    report = run("nse", nse_rows(nse_row(BRIN_VOLGNUMMER="07", LOCATIE="Nergens")), no_reference=True)
    skipped = [i for i in report.issues if i.type == "reference-checks-skipped"]
    assert [i.params["checks_en"] for i in skipped] == ["BRIN_VOLGNUMMER and LOCATIE", "OPLEIDINGSCODE and NIVEAU"]
    assert all(i.severity == "warning" and i.row is None for i in skipped)
    assert "unknown-location-number" not in report.counts
    assert report.valid


def test_without_an_institution_each_row_is_judged_by_its_own_code() -> None:
    rows = nse_rows(nse_row(OIE_CODE="30GB", BRIN_VOLGNUMMER="00", LOCATIE="Utrecht", OPLEIDINGSCODE="56833",
                            NIVEAU="WO"),
                    nse_row(OIE_CODE="30GB", EMAILADRES="b@example.nl", BRIN_VOLGNUMMER="01", LOCATIE="Zwolle",
                            OPLEIDINGSCODE="56833", NIVEAU="WO"))
    report = run("nse", rows, institution=None)
    assert report.flatten(["row", "type"]) == [[None, "institution-check-skipped"], [3, "unknown-location-number"]]
    assert report.issues[1].params == {"institution": "30GB", "known": "00"}
