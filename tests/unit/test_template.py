"""The downloadable template: built from the profile, and valid against it."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import openpyxl
import pytest
from python_calamine import CalamineWorkbook

from rosterdesk.importers.columns import Column
from rosterdesk.importers.engine import Settings, validate_sheet
from rosterdesk.importers.kinds import Choice, Text
from rosterdesk.importers.plugins import all_profiles, get_profile
from rosterdesk.importers.profile import Profile
from rosterdesk.importers.sheet import Sheet
from rosterdesk.importers.template import (
    EXPLANATION_SHEET_NAMES,
    VALIDATION_ROWS,
    template_bytes,
    template_filename,
    write_template,
)

SKIPPED_WITHOUT_REFERENCE = {"reference-checks-skipped", "institution-check-skipped"}
PROFILES = [profile.slug for profile in all_profiles()]


def template_rows(data: bytes, profile: Profile) -> list[list[object]]:
    sheet = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_name(profile.sheet_name)
    return [[None if value == "" else value for value in row] for row in sheet.to_python()]


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("slug", PROFILES)
def test_every_template_passes_its_own_checks(slug: str, lang: str) -> None:
    profile = get_profile(slug)
    rows = template_rows(template_bytes(profile, lang), profile)
    assert rows[profile.header_row - 1] == list(profile.headers)
    report = validate_sheet(profile, Sheet(format="xlsx", rows=iter(rows), name=profile.sheet_name), Settings())
    assert report.stage == "content"
    assert report.stats["rows"] == 1, "one example row"
    assert report.errors() == []
    assert {issue.type for issue in report.warnings()} <= SKIPPED_WITHOUT_REFERENCE


@pytest.mark.parametrize("slug", PROFILES)
def test_template_has_no_formulas(slug: str) -> None:
    with zipfile.ZipFile(io.BytesIO(template_bytes(get_profile(slug)))) as zf:
        for name in zf.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                assert b"<f>" not in zf.read(name)


def test_cjp_template_follows_the_seed_layout() -> None:
    profile = get_profile("cjp-students")
    workbook = openpyxl.load_workbook(io.BytesIO(template_bytes(profile, "nl")))
    assert workbook.sheetnames == ["Studenten", "Uitleg"]
    sheet = workbook["Studenten"]
    assert [cell.value for cell in sheet[1]] == ["Verplicht", "Verplicht", "Optioneel", "Verplicht", "Verplicht"]
    assert [cell.value for cell in sheet[2]] == [column.help_nl for column in profile.columns]
    assert [cell.value for cell in sheet[3]] == ["voornaam", "achternaam", "email", "leerjaar", "klasnaam"]
    assert all(cell.font.b for cell in sheet[3])
    assert sheet.freeze_panes == "A4", "frozen below the header row"
    assert sheet["A4"].value == "Sanne"
    assert sheet["A4"].comment is not None and "Voorbeeldrij" in sheet["A4"].comment.text


def test_cjp_template_in_english() -> None:
    profile = get_profile("cjp-teachers")
    workbook = openpyxl.load_workbook(io.BytesIO(template_bytes(profile, "en")))
    assert workbook.sheetnames == ["Docenten", "Explanation"]
    sheet = workbook["Docenten"]
    assert [cell.value for cell in sheet[1]] == ["Required", "Required", "Optional"]
    assert sheet["C2"].value == profile.column("email").help_en
    assert [cell.value for cell in sheet[3]] == ["voornaam", "achternaam", "email"], "headers are never translated"


def test_example_values_are_typed_by_kind() -> None:
    nse = openpyxl.load_workbook(io.BytesIO(template_bytes(get_profile("nse"))))["Studentgegevens"]
    assert nse["B2"].value == "00" and nse["B2"].data_type == "s", "codes are text so leading zeros survive"
    assert nse["B2"].number_format == "@"
    assert nse.column_dimensions["B"].number_format == "@", "the whole column is formatted as text"
    assert nse["D2"].value == "50005" and nse["D2"].data_type == "s"

    intergrip = openpyxl.load_workbook(io.BytesIO(template_bytes(get_profile("intergrip"))))["Leerlingen"]
    assert intergrip["A2"].value == "200001" and intergrip["A2"].data_type == "s"
    assert intergrip["M2"].value == 4 and intergrip["M2"].data_type == "n", "whole numbers are numbers"
    assert intergrip["H2"].value == dt.datetime(2011, 3, 14)
    assert intergrip["H2"].number_format == "DD-MM-YYYY"
    assert intergrip.column_dimensions["H"].number_format == "DD-MM-YYYY"
    assert intergrip["C2"].value is None, "an empty example stays empty"


def test_dropdowns_and_rules_cover_ten_thousand_rows() -> None:
    profile = get_profile("nse")
    sheet = openpyxl.load_workbook(io.BytesIO(template_bytes(profile)))["Studentgegevens"]
    validations = {str(dv.sqref): dv for dv in sheet.data_validations.dataValidation}
    last = 1 + VALIDATION_ROWS
    vorm = validations[f"E2:E{last}"]
    assert (vorm.type, vorm.formula1) == ("list", '"VT,DT,DU"')
    assert vorm.errorStyle == "stop"
    assert validations[f"G2:G{last}"].formula1 == '"J,N"'
    locatie = validations[f"C2:C{last}"]
    assert (locatie.type, locatie.operator, locatie.formula1) == ("textLength", "lessThanOrEqual", "100")
    assert validations[f"K2:K{last}"].prompt == profile.column("emailadres").help_nl
    assert len(validations) == len(profile.columns), "one validation (or input message) per column"

    cjp = openpyxl.load_workbook(io.BytesIO(template_bytes(get_profile("cjp-students"))))["Studenten"]
    leerjaar = next(dv for dv in cjp.data_validations.dataValidation if str(dv.sqref).startswith("D4:"))
    assert (leerjaar.type, leerjaar.formula1) == ("list", '"1,2,3,4,5,6"')
    assert str(leerjaar.sqref) == f"D4:D{3 + VALIDATION_ROWS}"


def test_explanation_sheet_explains_every_column_in_both_languages() -> None:
    profile = get_profile("intergrip")
    for lang in ("nl", "en"):
        workbook = openpyxl.load_workbook(io.BytesIO(template_bytes(profile, lang)))
        sheet = workbook[EXPLANATION_SHEET_NAMES[lang]]
        rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
        header_index = next(i for i, row in enumerate(rows) if row[0] == "Kolom / Column")
        table = rows[header_index + 1:]
        assert [row[0] for row in table] == list(profile.headers)
        bsn = table[1]
        assert bsn[1] == "nee / no"
        assert (bsn[2], bsn[3]) == (profile.column("bsn").rule("nl"), profile.column("bsn").rule("en"))
        assert (bsn[4], bsn[5]) == (profile.column("bsn").help_nl, profile.column("bsn").help_en)
        assert table[0][1] == "ja / yes"
        assert table[-1][7].startswith("VMBO-BB, VMBO-KB")
        assert rows[0][0] == profile.title(lang)
        texts = " ".join(str(row[0]) for row in rows[:header_index] if row[0])
        assert "Vul de gegevens in op het tabblad 'Leerlingen' vanaf rij 2" in texts
        assert "Fill in the data on the sheet 'Leerlingen' from row 2" in texts


def test_long_choice_lists_are_read_from_the_explanation_sheet() -> None:
    values = tuple(f"Opleiding nummer {n} met een lange naam" for n in range(40))
    profile = Profile(slug="lang", title_nl="Lang", title_en="Long", description_nl="", description_en="",
                      columns=(Column("Opleiding", "opleiding", Choice(values=values), required=True,
                                      example=values[3]),
                               Column("Naam", "naam", Text(), example="Jan")))
    data = template_bytes(profile)
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    validation = workbook["Gegevens"].data_validations.dataValidation[0]
    assert validation.formula1 == "'Uitleg'!$J$2:$J$41"
    explanation = workbook["Uitleg"]
    assert [explanation.cell(row=row, column=10).value for row in range(2, 42)] == list(values)
    report = validate_sheet(profile, Sheet(format="xlsx", rows=iter(template_rows(data, profile)), name="Gegevens"))
    assert report.errors() == []


def test_write_template_to_a_path(tmp_path: Path) -> None:
    path = tmp_path / template_filename(get_profile("nse"))
    write_template(get_profile("nse"), path, lang="en")
    assert path.name == "sjabloon-nse.xlsx"
    assert template_filename(get_profile("nse"), "en") == "template-nse.xlsx"
    assert openpyxl.load_workbook(path).sheetnames == ["Studentgegevens", "Explanation"]
