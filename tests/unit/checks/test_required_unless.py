"""RequiredUnless: Intergrip BSN is required unless Onderwijsnummer is filled (seed)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.unit.engine_helpers import intergrip_row, intergrip_rows, run


def issues(**cells: Any) -> list[list[Any]]:
    report = run("intergrip", intergrip_rows(intergrip_row(**cells)), options={"school_type": "VO"})
    return report.flatten(["row", "column", "cell", "type"])


@pytest.mark.parametrize(("bsn", "onderwijsnummer"), [("111222333", None), (None, "101222331"),
                                                      ("", 101222331), ("111222333", "101222331")])
def test_bsn_or_onderwijsnummer_is_enough(bsn: Any, onderwijsnummer: Any) -> None:
    assert issues(BSN=bsn, Onderwijsnummer=onderwijsnummer) == []


def test_neither_bsn_nor_onderwijsnummer_is_an_error_at_the_bsn_cell() -> None:
    assert issues(BSN=None, Onderwijsnummer="  ") == [[2, "BSN", "B2", "missing-value-conditional"]]
    report = run("intergrip", intergrip_rows(intergrip_row(BSN=None)), options={"school_type": "VO"})
    issue = report.issues[0]
    assert issue.params == {"other": "Onderwijsnummer"}
    assert issue.value is None
    assert issue.message("nl") == ("Rij 2, kolom BSN (B2): BSN is verplicht als Onderwijsnummer leeg is. "
                                   "Vul BSN of Onderwijsnummer in.")


def test_invalid_bsn_without_onderwijsnummer_gets_only_the_bsn_error() -> None:
    assert issues(BSN="123456789", Onderwijsnummer=None) == [[2, "BSN", "B2", "invalid-bsn"]]


def test_invalid_onderwijsnummer_without_bsn_gets_only_its_own_error() -> None:
    assert issues(BSN=None, Onderwijsnummer="101222332") == [[2, "Onderwijsnummer", "C2", "invalid-onderwijsnummer"]]
