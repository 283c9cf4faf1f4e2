"""The structure check: column count, header spelling, order, duplicates, and where the header is.

Driven through the engine (``validate_sheet``) so the report's stage and positions are the ones a
user sees; a few cases call ``check_structure`` directly for the positions it hands the engine.
"""

from __future__ import annotations

from typing import Any

import pytest

from rosterdesk.importers.columns import Column
from rosterdesk.importers.errors import UnusableFile
from rosterdesk.importers.profile import Profile
from rosterdesk.importers.structure import check_structure
from tests.unit.engine_helpers import cjp_rows, csv_rows, nse_row, nse_rows, profile, run

NSE_HEADERS = list(profile("nse").headers)
FIELDS = ["row", "column", "cell", "type", "severity"]


def nse_with_headers(headers: list[Any], *data: list[Any]) -> list[list[Any]]:
    return [headers, *data] if data else [headers, nse_row()]


def replaced(index: int, header: Any) -> list[Any]:
    headers = list(NSE_HEADERS)
    headers[index] = header
    return headers


def structure_issues(rows: list[list[Any]], slug: str = "nse", **kw: Any) -> list[list[Any]]:
    report = run(slug, rows, **kw)
    assert report.stage == "structure"
    return report.flatten(FIELDS)


# -- the template's headers --------------------------------------------------------------------

def test_headers_exactly_as_in_the_template_pass_to_the_content_checks() -> None:
    report = run("nse", nse_rows(nse_row()))
    assert report.stage == "content"
    assert report.flatten() == []
    assert report.stats["columns"] == 23


def test_positions_map_each_field_to_its_column() -> None:
    result = check_structure(profile("nse"), NSE_HEADERS)
    assert result.ok
    assert result.positions["oie_code"] == 0
    assert result.positions["emailadres"] == 10
    assert result.positions["label_7"] == 22


# -- spelling: spaces and capitals count, near misses get a hint --------------------------------

@pytest.mark.parametrize("found", ["EMAILADRES ", " EMAILADRES", "Emailadres", "emailadres", "EMAIL ADRES",
                                   "EMAIL_ADRES", "E-MAILADRES", "EMAILADRESS", "EMAILADRES\u200b"])
def test_misspelled_header_gets_a_did_you_mean_hint(found: str) -> None:
    rows = nse_with_headers(replaced(10, found))
    assert structure_issues(rows) == [[None, found, "K1", "misspelled-column", "error"]]
    issue = run("nse", rows).issues[0]
    assert issue.params == {"letter": "K", "found": found, "expected": "EMAILADRES"}
    assert "Bedoelt u 'EMAILADRES'?" in issue.message("nl")
    assert "Did you mean 'EMAILADRES'?" in issue.message("en")


def test_header_with_trailing_space_gets_a_did_you_mean_hint() -> None:
    issue = run("nse", nse_with_headers(replaced(0, "OIE_CODE "))).issues[0]
    assert (issue.type, issue.column, issue.params["expected"]) == ("misspelled-column", "OIE_CODE ", "OIE_CODE")


def test_near_miss_of_a_numbered_header_suggests_the_missing_one() -> None:
    issue = run("nse", nse_with_headers(replaced(16, "LABEL1"))).issues[0]
    assert (issue.type, issue.params["expected"]) == ("misspelled-column", "LABEL_1")


def test_header_unlike_any_column_is_unexpected_and_the_column_it_replaced_is_missing() -> None:
    rows = nse_with_headers(replaced(10, "STUDENTNUMMER"))
    assert structure_issues(rows) == [
        [None, "EMAILADRES", None, "missing-column", "error"],
        [None, "STUDENTNUMMER", "K1", "unexpected-column", "error"],
    ]
    missing = run("nse", rows).issues[0]
    assert missing.params == {"expected": "EMAILADRES", "letter": "K"}


def test_header_text_is_nfc_normalised_before_comparing() -> None:
    prof = Profile(slug="accents", title_nl="t", title_en="t", description_nl="", description_en="",
                   columns=(Column("Geboorteplaats", "plaats"), Column("Café", "cafe")))
    decomposed = "Cafe\u0301"
    assert check_structure(prof, ["Geboorteplaats", decomposed]).issues == []
    assert run(prof, [["Geboorteplaats", decomposed], ["Zwolle", "De Zon"]]).flatten() == []


# -- count, extra, missing, duplicates -------------------------------------------------------------

def test_one_column_too_few_reports_the_count_and_the_missing_column() -> None:
    rows = nse_with_headers(NSE_HEADERS[:-1], nse_row()[:-1])
    assert structure_issues(rows) == [
        [None, None, None, "column-count", "error"],
        [None, "LABEL_7", None, "missing-column", "error"],
    ]
    assert run("nse", rows).issues[0].params == {"found": 22, "expected": 23}


def test_extra_column_reports_the_count_and_the_unexpected_column() -> None:
    rows = nse_with_headers([*NSE_HEADERS, "OPMERKING"], [*nse_row(), "x"])
    assert structure_issues(rows) == [
        [None, None, None, "column-count", "error"],
        [None, "OPMERKING", "X1", "unexpected-column", "error"],
    ]


def test_duplicate_header_names_both_columns() -> None:
    rows = nse_with_headers([*NSE_HEADERS, "EMAILADRES"], [*nse_row(), "a@example.nl"])
    issues = run("nse", rows).issues
    assert [[i.type, i.column] for i in issues] == [["column-count", None], ["duplicate-column", "EMAILADRES"]]
    assert issues[1].params == {"found": "EMAILADRES", "letters": "K, X"}


def test_duplicate_header_in_place_of_another_column_is_reported_with_the_missing_one() -> None:
    rows = nse_with_headers(replaced(14, "EMAILADRES"))
    types = [i.type for i in run("nse", rows).issues]
    assert types == ["duplicate-column", "missing-column"]


# -- order -----------------------------------------------------------------------------------------

def test_swapped_columns_are_both_reported_with_where_they_belong() -> None:
    headers = list(NSE_HEADERS)
    headers[0], headers[1] = headers[1], headers[0]
    issues = run("nse", nse_with_headers(headers)).issues
    assert [[i.type, i.column, i.cell, i.params["expected_letter"]] for i in issues] == [
        ["column-order", "BRIN_VOLGNUMMER", "A1", "B"],
        ["column-order", "OIE_CODE", "B1", "A"],
    ]


def test_order_is_not_judged_while_a_column_is_missing() -> None:
    # Without EMAILADRES every later column is one place off; only the real problem is reported.
    headers = [h for h in NSE_HEADERS if h != "EMAILADRES"]
    types = [i.type for i in run("nse", nse_with_headers(headers)).issues]
    assert "column-order" not in types
    assert types == ["column-count", "missing-column"]


def test_order_is_not_judged_while_a_header_is_misspelled() -> None:
    headers = replaced(10, "Emailadres")
    headers[0], headers[1] = headers[1], headers[0]
    assert [i.type for i in run("nse", nse_with_headers(headers)).issues] == ["misspelled-column"]


# -- blank headers, trailing columns, data without a header ----------------------------------------

def test_blank_header_between_columns_is_an_error_at_its_cell() -> None:
    headers = [*NSE_HEADERS[:5], None, *NSE_HEADERS[5:]]
    data = [*nse_row()[:5], None, *nse_row()[5:]]
    assert structure_issues(nse_with_headers(headers, data)) == [[None, None, "F1", "blank-header", "error"]]


@pytest.mark.parametrize("blank", [None, "", "   "])
def test_trailing_empty_columns_are_ignored(blank: Any) -> None:
    rows = nse_with_headers([*NSE_HEADERS, blank, blank], [*nse_row(), None, ""])
    report = run("nse", rows)
    assert report.flatten() == []
    assert report.stats["columns"] == 23


def test_data_in_a_column_without_header_is_an_error_naming_the_column_and_first_row() -> None:
    rows = nse_rows(nse_row(), [*nse_row(EMAILADRES="b@example.nl", HOOFDOPLEIDING="J"), None, "vergeten"],
                    [*nse_row(EMAILADRES="c@example.nl"), None, "ook"])
    report = run("nse", rows)
    assert report.flatten(FIELDS) == [[None, None, None, "data-without-header", "error"]]
    assert report.issues[0].params == {"letter": "Y", "first_row": 3}


def test_a_csv_row_with_extra_cells_is_left_to_the_csv_reader() -> None:
    rows = csv_rows(["code", "achternaam"], {"code": "1", "achternaam": "Dijk"})
    rows[1].append("extra")
    assert run("roster-csv", rows, fmt="csv").flatten() == []


# -- where the header row is -----------------------------------------------------------------------

def test_nse_headers_on_row_3_are_reported_as_a_moved_header_row() -> None:
    rows = [[None] * 23, ["Studentgegevens 2026"], NSE_HEADERS, nse_row()]
    report = run("nse", rows)
    assert report.stage == "structure"
    assert report.flatten(FIELDS) == [[3, None, None, "header-row-moved", "error"]]
    assert report.issues[0].params == {"found_row": 3, "expected_row": 1}


def test_cjp_headers_on_row_1_without_the_preamble_are_reported_as_moved() -> None:
    rows = [list(profile("cjp-teachers").headers), ["Sanne", "de Vries", None]]
    report = run("cjp-teachers", rows)
    assert report.flatten(["row", "type"]) == [[1, "header-row-moved"]]
    assert report.issues[0].params == {"found_row": 1, "expected_row": 3}


def test_a_header_row_that_is_simply_wrong_is_not_mistaken_for_a_moved_one() -> None:
    rows = [["naam", "klas"], *[nse_row(EMAILADRES=f"s{n}@example.nl") for n in range(3)]]
    types = [i.type for i in run("nse", rows).issues]
    assert "header-row-moved" not in types
    assert types[0] == "column-count"


def test_a_file_without_any_data_cannot_be_checked() -> None:
    with pytest.raises(UnusableFile) as caught:
        run("nse", [[None, None], [], ["", "  "]])
    assert caught.value.type == "no-data"
    assert caught.value.params["first_row"] == 2


# -- blank rows and row numbers ------------------------------------------------------------------

def test_blank_rows_are_skipped_and_counted_and_issue_rows_stay_excel_rows() -> None:
    rows = nse_rows(
        nse_row(EMAILADRES="a@example.nl"),                  # row 2
        [None] * 23,                                           # row 3
        [],                                                    # row 4
        ["", " ", None],                                       # row 5
        nse_row(EMAILADRES="b@example.nl", NIVEAU="MBO"),      # row 6
    )
    report = run("nse", rows)
    assert report.flatten(["row", "cell", "type"]) == [[6, "H6", "invalid-choice"]]
    assert report.stats["rows"] == 2
    assert report.stats["blank_rows"] == 3


def test_cjp_data_rows_are_numbered_from_row_4() -> None:
    rows = cjp_rows("cjp-teachers", ["Sanne", "de Vries", "geen-adres"])
    assert run("cjp-teachers", rows).flatten(["row", "cell", "type"]) == [[4, "C4", "invalid-email"]]


def test_structure_only_run_stops_after_the_headers() -> None:
    from rosterdesk.importers.engine import Settings, validate_sheet
    from rosterdesk.importers.sheet import Sheet

    rows = nse_rows(nse_row(NIVEAU="MBO"))
    report = validate_sheet(profile("nse"), Sheet(format="xlsx", rows=iter(rows)),
                            Settings(institution="21PL", structure_only=True))
    assert report.stage == "structure"
    assert report.valid


# -- by-name headers (roster CSV) -------------------------------------------------------------------

def test_by_name_headers_may_come_in_any_order_and_optional_ones_may_be_missing() -> None:
    rows = csv_rows(["achternaam", "type", "code"], {"code": "200001", "achternaam": "Dijk", "type": "leerling"})
    report = run("roster-csv", rows, fmt="csv")
    assert report.stage == "content"
    assert report.flatten() == []


def test_by_name_unknown_column_is_only_a_warning() -> None:
    rows = csv_rows(["code", "achternaam", "geboortedatum"], {"code": "1", "achternaam": "Dijk"})
    report = run("roster-csv", rows, fmt="csv")
    assert report.flatten(FIELDS) == [[None, "geboortedatum", "C1", "unexpected-column", "warning"]]
    assert report.valid
    assert report.stage == "content"


def test_by_name_missing_required_column_is_an_error() -> None:
    rows = csv_rows(["code", "roepnaam"], {"code": "1", "roepnaam": "Jan"})
    assert structure_issues(rows, "roster-csv", fmt="csv") == [[None, "achternaam", None, "missing-column", "error"]]


def test_by_name_headers_are_not_counted_or_ordered() -> None:
    rows = csv_rows(["klas", "email", "achternaam", "code"], {"code": "1", "achternaam": "Dijk"})
    assert run("roster-csv", rows, fmt="csv").flatten() == []
