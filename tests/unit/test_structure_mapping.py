"""The column mapping: a user's labels (header as written -> field, or ignore) replace matching by name.

Driven through the engine like the other structure tests, plus ``validate_file`` for the request's
mapping and delimiter, and the command line's ``--map``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from rosterdesk.cli import main
from rosterdesk.importers.errors import UnusableFile
from rosterdesk.importers.records import read_records
from rosterdesk.importers.structure import check_structure, header_key
from rosterdesk.importers.validate import Request, check_mapping, validate_file
from tests.unit.engine_helpers import csv_rows, profile, run

DUTCH = ["Leerlingnummer", "Roepnaam", "Achternaam", "Klas"]
BY_HAND = {"Leerlingnummer": "code", "Roepnaam": "roepnaam", "Achternaam": "achternaam", "Klas": "klas"}
FIELDS = ["type", "severity", "column"]


def dutch_rows(*data: dict[str, Any]) -> list[list[Any]]:
    return csv_rows(DUTCH, *(data or ({"Leerlingnummer": "200001", "Roepnaam": "Jan", "Achternaam": "Dijk",
                                       "Klas": "2A"},)))


def test_without_a_mapping_dutch_headers_fail_by_name_as_before() -> None:
    report = run("roster-csv", dutch_rows(), fmt="csv")
    assert report.stage == "structure"
    assert {issue.type for issue in report.issues} >= {"missing-column"}


def test_mapped_columns_are_read_as_their_field() -> None:
    report = run("roster-csv", dutch_rows({"Leerlingnummer": "20A", "Roepnaam": "Jan", "Achternaam": "Dijk",
                                           "Klas": "2A"}), fmt="csv", mapping=BY_HAND,
                 options={"add_as_student": "J"})
    assert report.stage == "content"
    issues = report.flatten(["type", "column", "cell"])
    # the code column is judged as `code` (digits for students), reported under the file's own header
    assert issues == [["invalid-digits", "Leerlingnummer", "A2"]]


def test_mapping_gives_the_positions_of_the_fields() -> None:
    result = check_structure(profile("roster-csv"), ["Klas", "Leerlingnummer", "Mentor", "Achternaam"],
                             {"Leerlingnummer": "code", "Achternaam": "achternaam", "Klas": "klas", "Mentor": None})
    assert result.ok
    assert result.positions == {"code": 1, "achternaam": 3, "klas": 0}
    assert result.issues == []


def test_ignored_columns_are_not_read_and_not_warned_about() -> None:
    rows = csv_rows(["Leerlingnummer", "Achternaam", "Geheim"],
                    {"Leerlingnummer": "1", "Achternaam": "Dijk", "Geheim": "x" * 500})
    report = run("roster-csv", rows, fmt="csv",
                 mapping={"Leerlingnummer": "code", "Achternaam": "achternaam", "Geheim": None})
    assert report.stage == "content"
    assert report.flatten(FIELDS) == []
    # the same file with the column labelled as a field is read: too long for klas
    labelled = run("roster-csv", rows, fmt="csv",
                   mapping={"Leerlingnummer": "code", "Achternaam": "achternaam", "Geheim": "klas"})
    assert [issue.type for issue in labelled.issues] == ["too-long"]


def test_headers_match_the_mapping_without_regard_to_capitals_and_spaces() -> None:
    report = run("roster-csv", csv_rows([" LEERLING nummer ", "achter naam"],
                                        {" LEERLING nummer ": "1", "achter naam": "Dijk"}), fmt="csv",
                 mapping={"Leerlingnummer": "code", "Achternaam": "achternaam"})
    assert report.stage == "content"
    assert report.flatten(FIELDS) == []


def test_header_key_is_case_and_whitespace_insensitive() -> None:
    assert header_key(" Leerling  Nummer\t") == header_key("leerlingnummer") == "leerlingnummer"
    assert header_key("Achternaam") != header_key("Achter-naam")


def test_a_required_field_no_column_is_mapped_to_is_a_structure_error() -> None:
    report = run("roster-csv", dutch_rows(), fmt="csv",
                 mapping={"Leerlingnummer": "code", "Roepnaam": "roepnaam", "Achternaam": None, "Klas": "klas"})
    assert report.stage == "structure"
    assert report.flatten(FIELDS) == [["unmapped-field", "error", "achternaam"]]
    nl, en = report.issues[0].message("nl"), report.issues[0].message("en")
    assert "verplichte veld 'achternaam'" in nl and "Kies bij de kolom" in nl
    assert "required field 'achternaam'" in en and "Choose the field 'achternaam'" in en


def test_optional_fields_may_stay_unmapped() -> None:
    report = run("roster-csv", dutch_rows(), fmt="csv",
                 mapping={"Leerlingnummer": "code", "Roepnaam": None, "Achternaam": "achternaam", "Klas": None})
    assert report.stage == "content"


def test_two_columns_mapped_to_the_same_field_is_an_error() -> None:
    report = run("roster-csv", dutch_rows(), fmt="csv",
                 mapping={"Leerlingnummer": "code", "Roepnaam": "achternaam", "Achternaam": "achternaam",
                          "Klas": "klas"})
    assert report.stage == "structure"
    assert report.flatten(FIELDS) == [["field-mapped-twice", "error", "achternaam"]]
    assert report.issues[0].params["letters"] == "B, C"
    assert "'Roepnaam', 'Achternaam'" in report.issues[0].message("en")


def test_a_mapped_column_and_a_column_named_like_the_field_clash() -> None:
    report = run("roster-csv", csv_rows(["Nr", "code", "achternaam"], {"Nr": "1", "code": "2", "achternaam": "D"}),
                 fmt="csv", mapping={"Nr": "code"})
    assert [issue.type for issue in report.issues] == ["field-mapped-twice"]


def test_columns_the_mapping_does_not_name_are_matched_by_name() -> None:
    report = run("roster-csv", csv_rows(["Nr", "achternaam", "Mentor"], {"Nr": "1", "achternaam": "D", "Mentor": "x"}),
                 fmt="csv", mapping={"Nr": "code"})
    assert report.stage == "content"
    assert report.flatten(FIELDS) == [["unexpected-column", "warning", "Mentor"]]


def test_a_mapped_header_the_file_lacks_is_a_warning() -> None:
    report = run("roster-csv", dutch_rows(), fmt="csv", mapping={**BY_HAND, "Leerlingnr": "code"})
    assert report.stage == "content"
    assert report.flatten(["type", "severity"]) == [["mapped-column-not-found", "warning"]]
    assert report.issues[0].params == {"found": "Leerlingnr"}


def test_check_mapping_turns_dash_and_empty_into_ignore_and_refuses_unknown_fields() -> None:
    roster = profile("roster-csv")
    assert check_mapping(roster, {"A": "code", "B": "-", "C": "", "D": " klas "}) == {
        "A": "code", "B": None, "C": None, "D": "klas"}
    with pytest.raises(UnusableFile) as caught:
        check_mapping(roster, {"A": "leerlingnummer"})
    assert caught.value.type == "bad-mapping"
    assert "leerlingnummer" in caught.value.message("nl") and "achternaam" in caught.value.message("en")


# -- through validate_file: the mapping and the chosen delimiter cross into the sandbox -------------------

def _semicolon_file(tmp_path: Path) -> Path:
    path = tmp_path / "leerlingen.csv"
    path.write_text("Leerlingnummer;Roepnaam;Achternaam;Klas\n200001;Jan;Dijk;2A\n200002;Els;Vries, de;2B\n",
                    encoding="utf-8")
    return path


def test_validate_file_uses_the_mapping_and_the_chosen_delimiter(tmp_path: Path) -> None:
    path = _semicolon_file(tmp_path)
    records = tmp_path / "records"
    report = validate_file(path, Request(profile=profile("roster-csv"), delimiter=";", mapping=BY_HAND,
                                         options={"add_as_student": "J"}), records_to=records)
    assert report.valid, report.flatten(FIELDS)
    assert report.stats["delimiter"] == ";"
    assert report.stats["rows"] == 2
    values = {record.key: record.as_dict() for record in read_records(records)}
    assert values[("200002",)]["achternaam"] == "Vries, de"
    assert values[("200001",)]["klas"] == "2A"


def test_the_wrong_delimiter_leaves_one_column_and_no_field_mapped(tmp_path: Path) -> None:
    path = _semicolon_file(tmp_path)
    report = validate_file(path, Request(profile=profile("roster-csv"), delimiter="\t", mapping=BY_HAND))
    assert report.stage == "structure"
    assert {issue.type for issue in report.issues} == {"unmapped-field", "mapped-column-not-found",
                                                       "unexpected-column"}


def test_validate_file_refuses_a_mapping_to_an_unknown_field(tmp_path: Path) -> None:
    with pytest.raises(UnusableFile) as caught:
        validate_file(_semicolon_file(tmp_path), Request(profile=profile("roster-csv"), mapping={"Klas": "groep"}))
    assert caught.value.type == "bad-mapping"


# -- the command line ---------------------------------------------------------------------------------------

def test_cli_map_and_delimiter(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _semicolon_file(tmp_path)
    args = ["validate", str(path), "--profile", "roster-csv", "--format", "json", "--delimiter", "semicolon"]
    assert main(args) == 1  # by name: the Dutch headers are not the field names
    capsys.readouterr()
    mapped = [*args, "--map", "Leerlingnummer=code", "--map", "achternaam=achternaam", "--map", "Roepnaam=roepnaam",
              "--map", "Klas=-"]
    assert main(mapped) == 0
    output = json.loads(capsys.readouterr().out)
    assert output["valid"] is True and output["stats"]["rows"] == 2


def test_cli_map_with_an_unknown_field_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["validate", str(_semicolon_file(tmp_path)), "--profile", "roster-csv", "--map", "Klas=groep"])
    assert code == 2
    assert "groep" in capsys.readouterr().err
