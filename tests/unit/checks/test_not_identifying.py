"""NotIdentifying: an NSE label column where every filled row differs identifies respondents."""

from __future__ import annotations

from typing import Any

from rosterdesk.importers.engine import CHUNK_ROWS
from tests.unit.engine_helpers import nse_row, nse_rows, run


def labelled(*labels: Any, column: str = "LABEL_1") -> list[list[Any]]:
    return nse_rows(*[nse_row(EMAILADRES=f"s{n}@example.nl", **{column: label}) for n, label in enumerate(labels)])


def test_label_with_a_different_value_in_every_row_is_a_column_error() -> None:
    report = run("nse", labelled("Jan", "Piet", "Klaas"))
    assert report.flatten(["row", "column", "cell", "type", "value"]) == [
        [None, "LABEL_1", None, "identifying-label", None]]
    assert report.issues[0].params == {"count": 3}


def test_label_shared_by_some_rows_is_fine() -> None:
    assert run("nse", labelled("Economie", "Economie", "Rechten")).flatten() == []


def test_empty_cells_do_not_count_as_values() -> None:
    assert run("nse", labelled("Jan", None, "Piet", "")).flatten(["column", "type"]) == [
        ["LABEL_1", "identifying-label"]]


def test_one_filled_row_is_not_enough_to_identify() -> None:
    assert run("nse", labelled("Jan", None, None)).flatten() == []


def test_an_empty_label_column_is_fine() -> None:
    assert run("nse", labelled(None, None, None)).flatten() == []


def test_each_label_column_is_judged_on_its_own() -> None:
    rows = nse_rows(*[nse_row(EMAILADRES=f"s{n}@example.nl", LABEL_1="groep", LABEL_7=f"id{n}") for n in range(4)])
    assert run("nse", rows).flatten(["column", "type"]) == [["LABEL_7", "identifying-label"]]


def test_values_that_differ_only_in_capitals_are_different_labels() -> None:
    assert run("nse", labelled("economie", "Economie")).flatten(["type"]) == [["identifying-label"]]


def test_a_repeat_in_a_later_chunk_clears_the_column() -> None:
    labels = [f"id{n}" for n in range(CHUNK_ROWS + 5)] + ["id0"]
    assert run("nse", labelled(*labels)).flatten() == []


def test_distinct_values_over_several_chunks_are_still_identifying() -> None:
    labels = [f"id{n}" for n in range(CHUNK_ROWS + 5)]
    report = run("nse", labelled(*labels))
    assert report.flatten(["type"]) == [["identifying-label"]]
    assert report.issues[0].params == {"count": CHUNK_ROWS + 5}


def test_labels_with_their_own_errors_are_not_counted() -> None:
    # Counted, the two values would differ in every filled row; the bad one is left to its own error.
    report = run("nse", labelled("a b c d e f", "Rechten"))
    assert report.flatten(["row", "type"]) == [[2, "too-many-words"]]
