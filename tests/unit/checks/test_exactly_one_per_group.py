"""ExactlyOnePerGroup: per EMAILADRES exactly one row with HOOFDOPLEIDING = J (NSE seed)."""

from __future__ import annotations

from rosterdesk.importers.engine import CHUNK_ROWS
from tests.unit.engine_helpers import nse_row, nse_rows, nse_students, run

FIELDS = ["row", "column", "cell", "type", "value"]


def test_one_main_programme_per_student_is_fine() -> None:
    rows = nse_rows(nse_row(HOOFDOPLEIDING="J"), nse_row(OPLEIDINGSCODE="39100", HOOFDOPLEIDING="N"))
    assert run("nse", rows).flatten() == []


def test_two_main_programmes_flag_every_row_of_the_student_and_name_the_rows() -> None:
    rows = nse_rows(
        nse_row(HOOFDOPLEIDING="J"),
        nse_row(EMAILADRES="ander@example.nl"),
        nse_row(OPLEIDINGSCODE="39100", HOOFDOPLEIDING="J"),
    )
    report = run("nse", rows)
    assert report.flatten(FIELDS) == [
        [2, "HOOFDOPLEIDING", "L2", "main-programme-count", "J"],
        [4, "HOOFDOPLEIDING", "L4", "main-programme-count", "J"],
    ]
    issue = report.issues[0]
    assert issue.params["count"] == 2
    assert issue.params["rows"] == "2, 4"
    assert "rijen 2, 4" in issue.message("nl")
    assert "rows 2, 4" in issue.message("en")


def test_no_main_programme_flags_every_row_of_the_student() -> None:
    rows = nse_rows(nse_row(HOOFDOPLEIDING="N"), nse_row(OPLEIDINGSCODE="39100", HOOFDOPLEIDING="N"))
    report = run("nse", rows)
    assert report.flatten(FIELDS) == [
        [2, "HOOFDOPLEIDING", "L2", "main-programme-count", "N"],
        [3, "HOOFDOPLEIDING", "L3", "main-programme-count", "N"],
    ]
    assert report.issues[1].params["count"] == 0
    assert "0 rijen met HOOFDOPLEIDING = J (rijen 2, 3)" in report.issues[1].message("nl")


def test_a_student_with_one_row_marked_n_is_flagged() -> None:
    report = run("nse", nse_rows(nse_row(HOOFDOPLEIDING="N")))
    assert report.flatten(["row", "type"]) == [[2, "main-programme-count"]]
    assert report.issues[0].params["rows"] == "2"


def test_the_student_is_named_by_a_masked_address() -> None:
    report = run("nse", nse_rows(nse_row(EMAILADRES="pietje.puk@example.nl", HOOFDOPLEIDING="N")))
    message = report.issues[0].message("nl")
    assert "p***@example.nl" in message
    assert "pietje.puk" not in message


def test_addresses_differing_only_in_capitals_are_the_same_student() -> None:
    rows = nse_rows(nse_row(EMAILADRES="Jan@Example.nl"), nse_row(EMAILADRES="jan@example.nl",
                                                                 OPLEIDINGSCODE="39100"))
    assert run("nse", rows).flatten(["row", "type"]) == [[2, "main-programme-count"], [3, "main-programme-count"]]


def test_a_missing_flag_gets_missing_value_only_not_a_count_error() -> None:
    rows = nse_rows(nse_row(HOOFDOPLEIDING=None), nse_row(OPLEIDINGSCODE="39100", HOOFDOPLEIDING="N"))
    assert run("nse", rows).flatten(["row", "type"]) == [[2, "missing-value"]]


def test_an_invalid_flag_gets_its_own_error_only() -> None:
    rows = nse_rows(nse_row(HOOFDOPLEIDING="ja"), nse_row(OPLEIDINGSCODE="39100", HOOFDOPLEIDING="N"))
    assert run("nse", rows).flatten(["row", "type"]) == [[2, "invalid-yes-no"]]


def test_rows_with_an_invalid_address_are_not_grouped() -> None:
    rows = nse_rows(nse_row(EMAILADRES="geen-adres"), nse_row(EMAILADRES="geen-adres", OPLEIDINGSCODE="39100"))
    assert run("nse", rows).flatten(["row", "type"]) == [[2, "invalid-email"], [3, "invalid-email"]]


def test_a_group_split_over_two_chunks_is_still_one_group() -> None:
    data = nse_students(CHUNK_ROWS + 5)
    data.append(nse_row(EMAILADRES="student1@example.nl", OPLEIDINGSCODE="39100"))
    last = len(data) + 1
    report = run("nse", nse_rows(*data))
    assert report.flatten(["row", "type"]) == [[2, "main-programme-count"], [last, "main-programme-count"]]
    assert report.issues[0].params["rows"] == f"2, {last}"
