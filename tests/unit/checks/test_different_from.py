"""DifferentFrom: NSE EMAILADRES_2 must differ from EMAILADRES."""

from __future__ import annotations

from tests.unit.engine_helpers import nse_row, nse_rows, run


def test_second_address_equal_to_the_first_is_an_error_at_the_second() -> None:
    report = run("nse", nse_rows(nse_row(EMAILADRES_2="student1@example.nl")))
    assert report.flatten(["row", "column", "cell", "type", "value"]) == [
        [2, "EMAILADRES_2", "O2", "same-as-other-column", "s***@example.nl"]]
    assert report.issues[0].params == {"other": "EMAILADRES"}
    assert "EMAILADRES_2 is gelijk aan EMAILADRES" in report.issues[0].message("nl")


def test_addresses_differing_only_in_capitals_are_the_same() -> None:
    report = run("nse", nse_rows(nse_row(EMAILADRES_2="Student1@EXAMPLE.nl")))
    assert report.flatten(["row", "type"]) == [[2, "same-as-other-column"]]


def test_a_different_second_address_is_fine() -> None:
    assert run("nse", nse_rows(nse_row(EMAILADRES_2="prive@example.com"))).flatten() == []


def test_an_empty_second_address_is_fine() -> None:
    assert run("nse", nse_rows(nse_row(EMAILADRES_2="  "))).flatten() == []


def test_equal_invalid_addresses_get_only_their_own_errors() -> None:
    report = run("nse", nse_rows(nse_row(EMAILADRES="geen-adres", EMAILADRES_2="geen-adres", HOOFDOPLEIDING="J")))
    assert report.flatten(["row", "column", "type"]) == [[2, "EMAILADRES", "invalid-email"],
                                                         [2, "EMAILADRES_2", "invalid-email"]]
