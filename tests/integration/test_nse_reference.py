"""The NSE profile's RIO checks against DUO's real files, and the demo files against the sample.

Rows are built from real RIO facts of 21PL (Vrije Universiteit Amsterdam): programme 50005
B Antropologie (WO), locations 00 AMSTERDAM, 02 'S-GRAVENHAGE and 03 ZWOLLE (02 and 03 are in
Dec_vest_ho.asc but not in Croho_vest.asc), and of 21PB (Universiteit Leiden) as the "other"
institution: programme 06007 and location 12 exist there but not at 21PL.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from rosterdesk.importers.duo import load_reference
from rosterdesk.importers.engine import Settings, validate_sheet
from rosterdesk.importers.issues import Report
from rosterdesk.importers.reference import Reference
from rosterdesk.importers.sheet import Sheet
from rosterdesk.plugins.nse.profile import PROFILE
from rosterdesk.samples import DEMO_INSTITUTION, DUO_SAMPLE_DIR, NSE_DEMO_INVALID, NSE_DEMO_VALID

VU = "21PL"


@pytest.fixture(scope="module")
def reference(duo_dir: Path) -> Reference:
    return load_reference(duo_dir)


def student_row(number: int, **changes: Any) -> list[Any]:
    """A valid NSE row of a VU anthropology student at location 00, with ``changes`` by header."""
    values: dict[str, Any] = {
        "OIE_CODE": VU, "BRIN_VOLGNUMMER": "00", "LOCATIE": "AMSTERDAM", "OPLEIDINGSCODE": "50005",
        "OPLEIDINGSVORM": "VT", "TYPE_STUDENT": "REGULIER", "AFSTANDSONDERWIJS": "N", "NIVEAU": "WO",
        "EERSTEJAARS": "J", "VOORKEURSTAAL": "NL", "EMAILADRES": f"student{number}@student.example.nl",
        "HOOFDOPLEIDING": "J",
    }
    values.update(changes)
    unknown = set(values) - set(PROFILE.headers)
    assert not unknown, unknown
    return [values.get(header) for header in PROFILE.headers]


def check(rows: list[list[Any]], reference: Reference | None, institution: str = VU) -> Report:
    sheet = Sheet(format="xlsx", rows=iter([list(PROFILE.headers), *rows]))
    return validate_sheet(PROFILE, sheet, Settings(institution=institution, reference=reference))


def issues(report: Report) -> list[list[Any]]:
    return report.flatten(["row", "column", "type"])


def test_valid_rows_have_no_issues(reference: Reference) -> None:
    report = check([student_row(1), student_row(2, OPLEIDINGSCODE="56826")], reference)
    assert issues(report) == []
    assert report.valid


@pytest.mark.parametrize(("number", "place"), [
    ("00", "Amsterdam"), ("00", "ámsterdam"), ("00", " AMSTERDAM "), ("02", "'s-Gravenhage"),
    ("02", "'S GRAVENHAGE"), ("03", "Zwolle"),
])
def test_place_matches_case_and_accent_insensitively(reference: Reference, number: str, place: str) -> None:
    """02 and 03 are RIO locations of 21PL without CROHO programmes: Dec_vest_ho.asc defines locations."""
    assert issues(check([student_row(1, BRIN_VOLGNUMMER=number, LOCATIE=place)], reference)) == []


def test_unknown_location_number_does_not_also_flag_the_place(reference: Reference) -> None:
    report = check([student_row(1, BRIN_VOLGNUMMER="12", LOCATIE="Leiden")], reference)
    assert issues(report) == [[2, "BRIN_VOLGNUMMER", "unknown-location-number"]]
    assert report.issues[0].params["known"] == "00, 02, 03"


def test_wrong_place_is_a_location_mismatch(reference: Reference) -> None:
    report = check([student_row(1, LOCATIE="Den Haag")], reference)
    assert issues(report) == [[2, "LOCATIE", "location-mismatch"]]
    assert report.issues[0].params["expected"] == "AMSTERDAM"


def test_unknown_programme_does_not_also_flag_the_level(reference: Reference) -> None:
    report = check([student_row(1, OPLEIDINGSCODE="06007", NIVEAU="HBO")], reference)  # a Leiden programme
    assert issues(report) == [[2, "OPLEIDINGSCODE", "unknown-programme"]]


def test_wrong_level_for_a_wo_programme(reference: Reference) -> None:
    report = check([student_row(1, NIVEAU="HBO")], reference)
    assert issues(report) == [[2, "NIVEAU", "level-mismatch"]]
    assert report.issues[0].params["expected"] == "WO"


def test_wrong_level_for_an_hbo_programme(reference: Reference) -> None:
    """Hanzehogeschool (25BE) has HBO and WO programmes; 04057 is HBO."""
    row = student_row(1, OIE_CODE="25BE", LOCATIE="Groningen", OPLEIDINGSCODE="04057", NIVEAU="WO")
    assert issues(check([row], reference, institution="25BE")) == [[2, "NIVEAU", "level-mismatch"]]


def test_other_institution_gives_only_wrong_institution(reference: Reference) -> None:
    """Location 12 and programme 06007 are Leiden's: no RIO issue may follow from the wrong code."""
    row = student_row(1, OIE_CODE="21PB", BRIN_VOLGNUMMER="12", LOCATIE="Den Haag", OPLEIDINGSCODE="06007",
                      NIVEAU="HBO")
    assert issues(check([row, student_row(2)], reference)) == [[2, "OIE_CODE", "wrong-institution"]]


def test_one_file_with_every_case(reference: Reference) -> None:
    rows = [
        student_row(1),
        student_row(2, BRIN_VOLGNUMMER="07"),
        student_row(3, LOCATIE="Zwolle"),
        student_row(4, BRIN_VOLGNUMMER="03", LOCATIE="zwolle"),
        student_row(5, OPLEIDINGSCODE="99999"),
        student_row(6, NIVEAU="HBO"),
        student_row(7, OIE_CODE="21PB", OPLEIDINGSCODE="06007"),
    ]
    assert issues(check(rows, reference)) == [
        [3, "BRIN_VOLGNUMMER", "unknown-location-number"],
        [4, "LOCATIE", "location-mismatch"],
        [6, "OPLEIDINGSCODE", "unknown-programme"],
        [7, "NIVEAU", "level-mismatch"],
        [8, "OIE_CODE", "wrong-institution"],
    ]


def test_without_reference_the_rio_checks_are_skipped_with_warnings() -> None:
    report = check([student_row(1, BRIN_VOLGNUMMER="77", OPLEIDINGSCODE="99999", NIVEAU="HBO")], None)
    assert [issue.type for issue in report.warnings()] == ["reference-checks-skipped"] * 2
    assert report.errors() == []
    assert report.valid


# -- the demo files against the generated sample -------------------------------------------------

def read_xlsx(path: Path) -> Sheet:
    """A minimal stand-in for the xlsx reader: values, and formulas (openpyxl keeps them as '=...')."""
    sheet = load_workbook(path).active
    rows: list[list[Any]] = []
    formulas: dict[int, dict[int, str]] = {}
    for number, cells in enumerate(sheet.iter_rows(values_only=True), start=1):
        row = list(cells)
        for index, value in enumerate(row):
            if isinstance(value, str) and value.startswith("="):
                formulas.setdefault(number, {})[index] = value
                row[index] = None
        rows.append(row)
    return Sheet(format="xlsx", rows=iter(rows), formulas=formulas)


def test_demo_files_against_the_sample() -> None:
    settings = Settings(institution=DEMO_INSTITUTION, reference=load_reference(DUO_SAMPLE_DIR))
    valid = validate_sheet(PROFILE, read_xlsx(NSE_DEMO_VALID), settings)
    assert issues(valid) == []
    assert valid.stats["rows"] == 30
    invalid = validate_sheet(PROFILE, read_xlsx(NSE_DEMO_INVALID), settings)
    assert sorted({issue.type for issue in invalid.issues}) == [
        "formula", "invalid-email", "location-mismatch", "main-programme-count", "unknown-programme"]


def test_one_institutions_part_of_rio_gives_the_same_report_as_all_of_it(reference: Reference) -> None:
    rows = [student_row(1), student_row(2, BRIN_VOLGNUMMER="07"), student_row(3, LOCATIE="Zwolle"),
            student_row(4, OPLEIDINGSCODE="99999"), student_row(5, NIVEAU="HBO"),
            student_row(6, OIE_CODE="21PB", OPLEIDINGSCODE="06007")]
    part = reference.subset({VU})
    assert {code for code, _ in part.programmes} == {VU} and {code for code, _ in part.locations} == {VU}
    assert set(part.institutions) == {VU} and len(part.programmes) == len(reference.programmes_of(VU))
    assert issues(check(rows, part)) == issues(check(rows, reference))


def test_a_formula_without_a_computed_value_is_reported_once(tmp_path: Path) -> None:
    from rosterdesk.importers.validate import Request, validate_file

    workbook = load_workbook(NSE_DEMO_VALID)
    workbook.active["K2"] = '=LOWER("Anna@student.example.nl")'  # openpyxl stores no computed value
    path = tmp_path / "formule.xlsx"
    workbook.save(path)
    request = Request(profile=PROFILE, institution=DEMO_INSTITUTION, reference=load_reference(DUO_SAMPLE_DIR))
    report = validate_file(path, request, sandbox=False)
    at_k2 = [issue.type for issue in report.issues if issue.cell == "K2"]
    assert at_k2 == ["formula"]
