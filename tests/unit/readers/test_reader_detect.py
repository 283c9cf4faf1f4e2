"""F1 and F10 (detection): the format is decided by content, and the message says what a file is."""

from __future__ import annotations

from pathlib import Path

import pytest

from rosterdesk.importers.errors import UnusableFile
from rosterdesk.importers.limits import Limits
from rosterdesk.importers.readers import detect_format, open_sheet
from tests import filefactory as ff

XLSX_ONLY = frozenset({"xlsx"})
ALL = frozenset({"xlsx", "xls", "ods", "csv"})


def refused(path: Path, formats: frozenset[str] = ALL, **kwargs: object) -> UnusableFile:
    with pytest.raises(UnusableFile) as info:
        sheet = open_sheet(path, formats=formats, **kwargs)  # type: ignore[arg-type]
        list(sheet.rows)
    return info.value


def assert_renders_in_both_languages(error: UnusableFile) -> None:
    """No '?' for a missing parameter and no Python exception text in either language."""
    for lang in ("nl", "en"):
        text = error.message(lang)
        assert "?" not in text.replace("?)", ""), text
        assert "Error" not in text and "Traceback" not in text, text


def test_csv_renamed_xlsx_is_refused_for_an_xlsx_profile_naming_what_it_really_is(tmp_path: Path) -> None:
    path = ff.write_csv(tmp_path / "upload.bin", [["Naam", "Klas"], ["Piet", "1A"]])
    error = refused(path, XLSX_ONLY, filename="lijst.xlsx", profile_title="NSE")
    assert error.type == "format-not-accepted"
    assert "CSV" in error.message("nl") and "'lijst.xlsx'" in error.message("nl")
    assert "Excel-werkmap (*.xlsx)" in error.message("nl")
    assert "Excel Workbook (*.xlsx)" in error.message("en")
    assert_renders_in_both_languages(error)


def test_csv_renamed_xlsx_is_read_with_a_warning_when_csv_is_accepted(tmp_path: Path) -> None:
    path = ff.write_csv(tmp_path / "upload.bin", [["Naam", "Klas"], ["Piet", "1A"]])
    sheet = open_sheet(path, formats=ALL, filename="lijst.xlsx")
    assert sheet.format == "csv"
    assert list(sheet.rows) == [["Naam", "Klas"], ["Piet", "1A"]]
    assert [(note.type, note.severity) for note in sheet.notes] == [("extension-mismatch", "warning")]
    assert ".xlsx" in sheet.notes[0].message("en") and "CSV" in sheet.notes[0].message("nl")


def test_xlsx_renamed_csv_is_read_as_xlsx_with_a_warning(tmp_path: Path) -> None:
    path = ff.simple_xlsx(tmp_path / "upload.bin", [["Naam"], ["Piet"]])
    sheet = open_sheet(path, formats=ALL, filename="lijst.csv")
    assert sheet.format == "xlsx"
    assert list(sheet.rows) == [["Naam"], ["Piet"]]
    assert [note.type for note in sheet.notes] == ["extension-mismatch"]


def test_xlsx_renamed_csv_is_refused_for_a_csv_only_profile(tmp_path: Path) -> None:
    path = ff.simple_xlsx(tmp_path / "upload.bin", [["Naam"], ["Piet"]])
    error = refused(path, frozenset({"csv"}), filename="lijst.csv", profile_title="Rooster")
    assert error.type == "format-not-accepted"
    assert "Excel-werkmap (.xlsx)" in error.message("nl") and "CSV UTF-8" in error.message("nl")
    assert_renders_in_both_languages(error)


def test_truncated_zip_is_a_damaged_file(tmp_path: Path) -> None:
    error = refused(ff.truncated_xlsx(tmp_path / "kapot.xlsx"))
    assert error.type == "corrupt-file"
    assert_renders_in_both_languages(error)


def test_empty_file(tmp_path: Path) -> None:
    assert refused(ff.empty(tmp_path / "leeg.xlsx")).type == "empty-file"


@pytest.mark.parametrize(("builder", "nl", "en"), [
    (ff.pdf, "een PDF-bestand", "a PDF file"),
    (ff.html_as_xls, "een webpagina (HTML)", "a web page (HTML)"),
    (ff.word_doc, "Word-document", "Word document"),
])
def test_other_kinds_of_file_are_named_in_the_message(tmp_path: Path, builder: object, nl: str, en: str) -> None:
    path = builder(tmp_path / "bestand.xls")  # type: ignore[operator]
    error = refused(path)
    assert error.type == "not-a-spreadsheet"
    assert nl in error.message("nl") and en in error.message("en")
    assert_renders_in_both_languages(error)


def test_binary_junk_is_not_a_spreadsheet(tmp_path: Path) -> None:
    path = tmp_path / "junk.csv"
    path.write_bytes(bytes(range(256)) * 40)
    assert refused(path).type == "not-a-spreadsheet"


def test_file_over_the_size_limit_is_refused_before_reading(tmp_path: Path) -> None:
    path = ff.write_csv(tmp_path / "groot.csv", [["x" * 100]] * 100)
    error = refused(path, limits=Limits(max_bytes=1000))
    assert error.type == "file-too-large"
    assert_renders_in_both_languages(error)


def test_detect_format_by_content(tmp_path: Path) -> None:
    assert detect_format(ff.simple_xlsx(tmp_path / "a.csv", [["x"]])) == "xlsx"
    assert detect_format(ff.xls(tmp_path / "b.xlsx", [["x"]])) == "xls"
    assert detect_format(ff.ods(tmp_path / "c.xlsx", {"Blad1": [["x"]]})) == "ods"
    assert detect_format(ff.write_csv(tmp_path / "d.xlsx", [["x"]])) == "csv"
    assert detect_format(ff.xlsb_like(tmp_path / "e.xlsx")) == "xlsb"
    assert detect_format(ff.xlsm_without_vba(tmp_path / "f.xlsx")) == "xlsm"


def test_detect_format_refuses_macros_and_encryption(tmp_path: Path) -> None:
    with pytest.raises(UnusableFile) as info:
        detect_format(ff.vba_in_xlsx(tmp_path / "a.xlsx"))
    assert info.value.type == "macro-workbook"
    with pytest.raises(UnusableFile) as info:
        detect_format(ff.encrypted_xlsx(tmp_path / "b.xlsx"))
    assert info.value.type == "encrypted-workbook"


def test_user_file_name_is_cleaned_before_it_appears_in_a_message(tmp_path: Path) -> None:
    path = ff.write_csv(tmp_path / "upload.bin", [["Naam"], ["Piet"]])
    error = refused(path, XLSX_ONLY, filename="../../etc/\u202egnp.xlsx\x00", profile_title="NSE")
    text = error.message("en")
    assert "\u202e" not in text and "\x00" not in text and "../" not in text


def test_a_csv_whose_first_value_merely_starts_like_html_stays_a_csv(tmp_path: Path) -> None:
    """Found by the property tests: '<HTML' as the first value is not a web page."""
    path = ff.write_csv(tmp_path / "a.csv", [["<HTML"], ["<table"]])
    assert detect_format(path) == "csv"
    assert list(open_sheet(path, formats=ALL).rows) == [["<HTML"], ["<table"]]
