"""UniqueTogether: the same (EMAILADRES, OPLEIDINGSCODE) twice in an NSE file is an error."""

from __future__ import annotations

from rosterdesk.importers.engine import CHUNK_ROWS
from tests.unit.engine_helpers import nse_row, nse_rows, nse_students, run

FIELDS = ["row", "column", "cell", "type", "value"]


def test_same_student_in_two_programmes_is_fine() -> None:
    rows = nse_rows(nse_row(), nse_row(OPLEIDINGSCODE="39100", HOOFDOPLEIDING="N"))
    assert run("nse", rows).flatten() == []


def test_same_student_and_programme_twice_flags_both_rows_naming_the_other() -> None:
    rows = nse_rows(nse_row(), nse_row(EMAILADRES="ander@example.nl"), nse_row(HOOFDOPLEIDING="N"))
    report = run("nse", rows)
    assert report.flatten(FIELDS) == [
        [2, "EMAILADRES", "K2", "duplicate-record", "s***@example.nl"],
        [4, "EMAILADRES", "K4", "duplicate-record", "s***@example.nl"],
    ]
    assert report.issues[0].params["other_rows"] == "4"
    assert report.issues[1].params["other_rows"] == "2"
    assert report.issues[0].params["key"] == "s***@example.nl + 34479"
    assert "rij 4" in report.issues[0].message("nl")
    assert "row 2" in report.issues[1].message("en")
    assert "student1@" not in report.issues[0].message("nl")


def test_three_rows_each_name_the_two_others() -> None:
    rows = nse_rows(nse_row(), nse_row(HOOFDOPLEIDING="N"), nse_row(HOOFDOPLEIDING="N"))
    report = run("nse", rows)
    assert [(i.row, i.params["other_rows"]) for i in report.issues] == [(2, "3, 4"), (3, "2, 4"), (4, "2, 3")]


def test_addresses_compare_without_capitals_and_codes_as_read() -> None:
    rows = nse_rows(nse_row(EMAILADRES="Student1@Example.NL", OPLEIDINGSCODE=34479),
                    nse_row(HOOFDOPLEIDING="N", OPLEIDINGSCODE="34479"))
    assert run("nse", rows).flatten(["row", "type"]) == [[2, "duplicate-record"], [3, "duplicate-record"]]


def test_each_flagged_row_shows_its_own_cell_value() -> None:
    rows = nse_rows(nse_row(EMAILADRES="Student1@example.nl"), nse_row(HOOFDOPLEIDING="N"))
    assert [i.value for i in run("nse", rows).issues] == ["S***@example.nl", "s***@example.nl"]


def test_rows_with_an_invalid_key_part_are_left_to_that_cell() -> None:
    rows = nse_rows(nse_row(OPLEIDINGSCODE="3447"), nse_row(OPLEIDINGSCODE="3447", HOOFDOPLEIDING="N"))
    types = [i.type for i in run("nse", rows).issues]
    assert "duplicate-record" not in types
    assert types == ["invalid-digits", "invalid-digits"]


def test_duplicates_in_different_chunks_are_found() -> None:
    data = [*nse_students(CHUNK_ROWS + 3), nse_row(HOOFDOPLEIDING="N")]
    last = len(data) + 1
    report = run("nse", nse_rows(*data))
    assert report.flatten(["row", "type"]) == [[2, "duplicate-record"], [last, "duplicate-record"]]
