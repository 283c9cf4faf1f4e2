"""Issues and the report: the JSON shape, both languages, masking, caps per type, storage."""

from __future__ import annotations

import json

from rosterdesk.importers.issues import Issue, IssueCollector, Report, column_letter
from tests.unit.engine_helpers import intergrip_row, intergrip_rows, nse_row, nse_rows, run

KEYS = ["type", "severity", "row", "column", "cell", "value", "message"]


def test_column_letters_run_like_excel() -> None:
    assert [column_letter(i) for i in (0, 1, 25, 26, 27, 51, 52, 701, 702)] == [
        "A", "B", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"]


# -- one issue ---------------------------------------------------------------------------------------

def test_cell_issue_as_a_dict_has_exactly_the_documented_keys() -> None:
    report = run("nse", nse_rows(nse_row(OPLEIDINGSVORM="vt")))
    assert report.issues[0].to_dict() == {
        "type": "invalid-choice",
        "severity": "error",
        "row": 2,
        "column": "OPLEIDINGSVORM",
        "cell": "E2",
        "value": "vt",
        "message": "Rij 2, kolom OPLEIDINGSVORM (E2): 'vt' is geen toegestane waarde. Kies uit: VT, DT, DU. "
                   "Bedoelt u 'VT'?",
    }


def test_message_is_dutch_by_default_and_english_on_request() -> None:
    issue = run("nse", nse_rows(nse_row(NIVEAU=None))).issues[0]
    assert issue.message() == issue.message("nl") == issue.to_dict()["message"]
    assert issue.message() == "Rij 2, kolom NIVEAU (H2): deze cel is leeg, maar NIVEAU is verplicht. Vul een waarde in."
    assert issue.to_dict("en")["message"] == ("Row 2, column NIVEAU (H2): this cell is empty, but NIVEAU is required. "
                                              "Fill in a value.")


def test_unknown_language_falls_back_to_dutch() -> None:
    issue = run("nse", nse_rows(nse_row(NIVEAU=None))).issues[0]
    assert issue.message("fr") == issue.message("nl")


def test_column_level_issue_has_no_row_or_cell() -> None:
    rows = nse_rows(*[nse_row(EMAILADRES=f"s{n}@example.nl", LABEL_3=f"id{n}") for n in range(3)])
    data = run("nse", rows).issues[0].to_dict("en")
    assert (data["row"], data["column"], data["cell"], data["value"]) == (None, "LABEL_3", None, None)
    assert data["message"].startswith("Column LABEL_3: every filled row has a different value (3 rows)")


def test_file_level_issue_has_no_row_column_or_cell() -> None:
    rows = nse_rows(nse_row(), [*nse_row(EMAILADRES="b@example.nl"), None, None, "x"])
    data = run("nse", rows).issues[0].to_dict()
    assert [data[k] for k in KEYS[:6]] == ["data-without-header", "error", None, None, None, None]
    assert data["message"].startswith("Kolom Z bevat gegevens (eerst in rij 3)")


def test_where_names_row_column_and_cell_in_both_languages() -> None:
    issue = Issue("missing-value", "error", row=17, column="EMAILADRES", cell="K17")
    assert issue.where("nl") == "Rij 17, kolom EMAILADRES (K17)"
    assert issue.where("en") == "Row 17, column EMAILADRES (K17)"
    assert Issue("x", "error", column="LABEL_1").where("en") == "Column LABEL_1"
    assert Issue("x", "error").where("nl") == "Bestand"


def test_title_is_short_and_translated() -> None:
    issue = Issue("invalid-bsn", "error")
    assert (issue.title("nl"), issue.title("en")) == ("Ongeldig BSN", "Invalid BSN")


# -- masking ------------------------------------------------------------------------------------------

def test_sensitive_values_are_masked_in_value_message_and_report_json() -> None:
    rows = intergrip_rows(intergrip_row(BSN="123456789", **{"E-mailadres": "jan.jansen@@example.nl"}))
    report = run("intergrip", rows, options={"school_type": "VO"})
    assert report.flatten(["column", "value"]) == [["BSN", "*****6789"], ["E-mailadres", "j***@@example.nl"]]
    dumped = json.dumps(report.to_dict("nl")) + json.dumps(report.to_dict("en")) + json.dumps(report.to_storage())
    assert "123456789" not in dumped
    assert "jan.jansen" not in dumped


def test_values_of_ordinary_columns_are_shown_as_in_the_file() -> None:
    report = run("intergrip", intergrip_rows(intergrip_row(Klas="x" * 21)), options={"school_type": "VO"})
    assert report.issues[0].value == "x" * 21


# -- the report -----------------------------------------------------------------------------------------

def test_report_dict_has_validity_profile_stage_stats_counts_and_issues() -> None:
    report = run("nse", nse_rows(nse_row(NIVEAU="MBO"), nse_row(EMAILADRES="b@example.nl", BRIN_VOLGNUMMER=1,
                                                                 LOCATIE="Zwolle")))
    data = report.to_dict("en")
    assert set(data) == {"valid", "profile", "stage", "stats", "counts", "truncated", "issues"}
    assert data["valid"] is False
    assert data["profile"] == "nse"
    assert data["stage"] == "content"
    assert data["counts"] == {"invalid-choice": 1, "leading-zeros-restored": 1}
    assert data["truncated"] == {}
    assert data["stats"]["rows"] == 2
    assert (data["stats"]["errors"], data["stats"]["warnings"]) == (1, 1)
    assert [list(issue) for issue in data["issues"]] == [KEYS, KEYS]
    json.dumps(data)


def test_warnings_alone_leave_a_file_valid() -> None:
    report = run("nse", nse_rows(nse_row(BRIN_VOLGNUMMER=0)))
    assert [i.severity for i in report.issues] == ["warning"]
    assert report.valid
    assert report.warnings() == report.issues
    assert report.errors() == []


def test_issues_are_sorted_file_level_first_then_by_row_and_cell() -> None:
    rows = nse_rows(nse_row(NIVEAU="X", OIE_CODE="1"), nse_row(EMAILADRES="b@example.nl", OPLEIDINGSVORM="X"),
                    [*nse_row(EMAILADRES="c@example.nl"), None, "x"])
    report = run("nse", rows)
    assert report.flatten(["row", "cell", "type"]) == [
        [None, None, "data-without-header"],
        [2, "A2", "invalid-brin"],
        [2, "H2", "invalid-choice"],
        [3, "E3", "invalid-choice"],
    ]


def test_flatten_picks_the_named_fields_in_order() -> None:
    report = run("nse", nse_rows(nse_row(NIVEAU="X")))
    assert report.flatten() == [[2, "NIVEAU", "invalid-choice"]]
    assert report.flatten(["cell", "value", "severity"]) == [["H2", "X", "error"]]


# -- caps per type -----------------------------------------------------------------------------------

def test_issues_are_capped_per_type_but_counted_exactly() -> None:
    rows = nse_rows(*[nse_row(EMAILADRES=f"s{n}@example.nl", NIVEAU="X", VOORKEURSTAAL="FR") for n in range(25)],
                    nse_row(EMAILADRES="z@example.nl", OIE_CODE="30GB"))
    report = run("nse", rows, issues_per_type=10)
    assert report.counts == {"invalid-choice": 50, "wrong-institution": 1}
    kept = [i.type for i in report.issues]
    assert kept.count("invalid-choice") == 10
    assert kept.count("wrong-institution") == 1
    assert report.truncated == {"invalid-choice": 40}
    assert report.stats["errors"] == 51
    assert report.to_dict()["truncated"] == {"invalid-choice": 40}


def test_the_first_issues_of_a_type_are_the_ones_kept() -> None:
    rows = nse_rows(*[nse_row(EMAILADRES=f"s{n}@example.nl", NIVEAU="X") for n in range(6)])
    report = run("nse", rows, issues_per_type=3)
    assert [i.row for i in report.issues] == [2, 3, 4]


def test_collector_keeps_counts_per_type_and_severity() -> None:
    collector = IssueCollector(limit_per_type=2)
    for row in range(5):
        collector.add(Issue("too-long", "error", row=row))
    collector.extend([Issue("leading-zeros-restored", "warning", row=1)])
    assert len(collector.kept) == 3
    assert collector.counts == {"too-long": 5, "leading-zeros-restored": 1}
    assert (collector.errors, collector.warnings) == (5, 1)


# -- storage -----------------------------------------------------------------------------------------------

def test_report_survives_a_json_storage_round_trip_in_both_languages() -> None:
    rows = nse_rows(nse_row(OPLEIDINGSVORM="vt", BRIN_VOLGNUMMER=1, LOCATIE="Zwolle", HOOFDOPLEIDING="N"),
                    nse_row(HOOFDOPLEIDING="N", OPLEIDINGSCODE="39100"))
    report = run("nse", rows, issues_per_type=1)
    stored = json.loads(json.dumps(report.to_storage()))
    again = Report.from_storage(stored)
    for lang in ("nl", "en"):
        assert again.to_dict(lang) == report.to_dict(lang)
    assert again.flatten(["row", "column", "cell", "type", "severity", "value"]) == report.flatten(
        ["row", "column", "cell", "type", "severity", "value"])
    assert again.truncated == report.truncated == {"main-programme-count": 1}


def test_stored_issue_keeps_its_parameters_not_a_rendered_message() -> None:
    issue = run("nse", nse_rows(nse_row(OPLEIDINGSVORM="vt"))).issues[0]
    stored = issue.to_storage()
    assert "message" not in stored
    assert stored["params"]["suggestion_en"] == " Did you mean 'VT'?"
    assert Issue.from_storage(stored) == issue
