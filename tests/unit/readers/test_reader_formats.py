"""F10: password-protected xlsx, .xls, .xlsb and .ods: parsed, or a clear message."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from rosterdesk.importers.errors import UnusableFile
from rosterdesk.importers.readers import open_sheet
from rosterdesk.importers.readers.sheetscan import SharedStringMeter, text_length
from tests import filefactory as ff
from tests.filefactory import Formula

ALL = frozenset({"xlsx", "xls", "ods", "csv"})


def test_password_protected_xlsx_gets_a_clear_message(tmp_path: Path) -> None:
    with pytest.raises(UnusableFile) as info:
        open_sheet(ff.encrypted_xlsx(tmp_path / "geheim.xlsx"), formats=ALL)
    assert info.value.type == "encrypted-workbook"
    assert "wachtwoord" in info.value.message("nl") and "password" in info.value.message("en")


def test_xls_written_by_xlwt_is_read_with_numbers_as_numbers_and_hidden_sheets_skipped(tmp_path: Path) -> None:
    path = ff.xls(tmp_path / "oud.xls", [["Naam", "Nummer", "Cijfer"], ["Piet", 12345, 7.5], [None, None, None],
                                         ["Klaas", 1, None]], hidden={"Geheim": [["x"]]})
    sheet = open_sheet(path, formats=ALL)
    assert sheet.format == "xls" and sheet.name == "Blad1" and sheet.notes == []
    rows = list(sheet.rows)
    assert rows[:2] == [["Naam", "Nummer", "Cijfer"], ["Piet", 12345, 7.5]]
    assert rows[3] == ["Klaas", 1, None]
    assert sheet.total_rows == 4


def test_xls_is_refused_when_the_profile_takes_only_xlsx(tmp_path: Path) -> None:
    with pytest.raises(UnusableFile) as info:
        open_sheet(ff.xls(tmp_path / "oud.xls", [["Naam"]]), formats=frozenset({"xlsx"}), profile_title="NSE")
    assert info.value.type == "format-not-accepted"
    assert "Excel 97-2003" in info.value.message("en") and "Excel Workbook (*.xlsx)" in info.value.message("en")


def test_ods_is_read_with_hidden_tables_skipped_and_formulas_found(tmp_path: Path) -> None:
    path = ff.ods(tmp_path / "lijst.ods", {
        "Verborgen": [["geheim"]],
        "Blad1": [["Naam", "Getal", "Som"], ["Piet", 5, Formula("[.B2]*2", 10)], ["Klaas", 2, "=1+1"]],
    }, hidden=["Verborgen"])
    sheet = open_sheet(path, formats=ALL)
    assert sheet.format == "ods" and sheet.name == "Blad1" and sheet.notes == []
    assert list(sheet.rows) == [["Naam", "Getal", "Som"], ["Piet", 5.0, 10.0], ["Klaas", 2.0, "=1+1"]]
    assert sheet.formulas == {2: {2: "=[.B2]*2"}}


def test_ods_with_a_table_of_a_million_filled_rows_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "veel.ods"
    ff.ods(path, {"Blad1": [["x"]]}, trailing_empty_rows=False)
    with zipfile.ZipFile(path) as archive:
        content = archive.read("content.xml").decode().replace(
            "<table:table-row>", '<table:table-row table:number-rows-repeated="1048576">')
        manifest = archive.read("META-INF/manifest.xml")
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content)
        archive.writestr("META-INF/manifest.xml", manifest)
    with pytest.raises(UnusableFile) as info:
        open_sheet(path, formats=ALL)
    assert info.value.type == "too-many-rows"


def test_xlsb_is_recognised_and_refused_with_the_save_as_choice(tmp_path: Path) -> None:
    with pytest.raises(UnusableFile) as info:
        open_sheet(ff.xlsb_like(tmp_path / "bin.xlsb"), formats=frozenset({"xlsx", "csv"}), profile_title="Intergrip")
    assert info.value.type == "format-not-accepted"
    assert "binaire Excel-werkmap (.xlsb)" in info.value.message("nl")
    assert "Excel Workbook (*.xlsx) or CSV UTF-8" in info.value.message("en")


def test_shared_string_length_counts_text_of_all_runs_but_not_phonetic_hints() -> None:
    si = b'><r><rPr><b/></rPr><t>ab</t></r><r><t xml:space="preserve">&amp;c </t></r><rPh sb="0"><t>yomi</t></rPh>'
    assert text_length(si) == 5
    meter = SharedStringMeter("xl/sharedStrings.xml", limit=10)
    meter.feed(b'<sst xmlns="x"><si><t>0123456789</t></si><si><r><t>01234</t></r>')
    meter.feed(b'<r><t>5678</t></r></si></sst>')
    meter.close()
    assert meter.longest == 10
    with pytest.raises(UnusableFile) as info:
        SharedStringMeter("s", limit=10).feed(b"<sst><si><t>" + b"x" * 11 + b"</t></si></sst>")
    assert info.value.params == {"length": 11, "limit": 10}
