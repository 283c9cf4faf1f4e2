"""F12 (and F13's raw decoding): CSV decoded right or an error per row; columns never shift."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from rosterdesk.importers.errors import UnusableFile
from rosterdesk.importers.limits import Limits
from rosterdesk.importers.readers import inspect, open_sheet
from rosterdesk.importers.readers.text import decode, detect_delimiter
from tests import filefactory as ff

CSV = frozenset({"csv"})


def read(path: Path, **kwargs: Any) -> tuple[Any, list[list[Any]]]:
    sheet = open_sheet(path, formats=CSV, **kwargs)
    return sheet, list(sheet.rows)


@pytest.mark.parametrize("case", ["utf8-bom", "cp1252", "utf16le-tabs", "semicolon-decimals", "one-column",
                                  "quoted-newlines", "comma"])
def test_f12_files_are_decoded_and_split_right(tmp_path: Path, case: str) -> None:
    expected = next(c for c in ff.csv_cases(tmp_path) if c.name == case)
    sheet, rows = read(expected.path)
    assert rows == expected.rows
    assert sheet.format == "csv"


def test_encodings_and_delimiters_are_reported(tmp_path: Path) -> None:
    cases = {case.name: case for case in ff.csv_cases(tmp_path)}
    found = {name: (open_sheet(case.path, formats=CSV).encoding, open_sheet(case.path, formats=CSV).delimiter)
             for name, case in cases.items()}
    assert found["utf8-bom"] == ("utf-8-sig", ";")
    assert found["cp1252"] == ("cp1252", ";")
    assert found["utf16le-tabs"] == ("utf-16-le", "\t")
    assert found["comma"] == ("utf-8", ",")


def test_cp1252_is_assumed_out_loud(tmp_path: Path) -> None:
    case = next(c for c in ff.csv_cases(tmp_path) if c.name == "cp1252")
    sheet, _ = read(case.path)
    assert [(note.type, note.severity) for note in sheet.notes] == [("encoding-assumed", "warning")]
    assert "Windows-1252" in sheet.notes[0].message("nl")
    utf8 = next(c for c in ff.csv_cases(tmp_path) if c.name == "utf8-bom")
    assert read(utf8.path)[0].notes == []


def test_utf16_without_bom_is_recognised(tmp_path: Path) -> None:
    path = ff.write_csv(tmp_path / "u.txt", [["Naam", "Plaats"], ["Renée", "Zürich"]], delimiter="\t",
                        encoding="utf-16-le")
    sheet, rows = read(path)
    assert rows == [["Naam", "Plaats"], ["Renée", "Zürich"]]
    assert [note.type for note in sheet.notes] == ["encoding-assumed"]


def test_numbers_stay_strings_exactly_as_written(tmp_path: Path) -> None:
    path = ff.write_text(tmp_path / "n.csv", "BSN;Cijfer;Datum\r\n012345678;7,5;01-02-2003\r\n")
    _, rows = read(path)
    assert rows[1] == ["012345678", "7,5", "01-02-2003"]


def test_unterminated_quote_is_an_error_at_its_row_and_reading_stops_cleanly(tmp_path: Path) -> None:
    sheet, rows = read(ff.unterminated_quote_csv(tmp_path / "q.csv"))
    assert rows == [["Naam", "Klas"], ["Piet", "1A"]]
    assert [(note.type, note.severity, note.row) for note in sheet.notes] == [("unterminated-quote", "error", 3)]
    assert "Rij 3" in sheet.notes[0].message("nl") and "Row 3" in sheet.notes[0].message("en")


def test_unterminated_quote_that_swallows_more_than_the_csv_field_limit(tmp_path: Path) -> None:
    body = "".join(f"Naam{i};{i}A\r\n" for i in range(20_000))
    path = ff.write_text(tmp_path / "q.csv", 'Naam;Klas\r\nPiet;1A\r\n"Klaas;2B\r\n' + body)
    sheet, rows = read(path)
    assert len(rows) == 2
    assert [(note.type, note.row) for note in sheet.notes] == [("unterminated-quote", 3)]


def test_a_200_kb_field_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UnusableFile) as info:
        read(ff.long_field_csv(tmp_path / "lang.csv"))
    assert info.value.type == "cell-too-long" and info.value.params["length"] >= 200_000


def test_a_field_just_over_the_cell_limit_is_refused_with_its_length(tmp_path: Path) -> None:
    with pytest.raises(UnusableFile) as info:
        read(ff.long_field_csv(tmp_path / "lang.csv", length=32_768))
    assert info.value.params == {"length": 32_768, "limit": 32_767}
    _, rows = read(ff.long_field_csv(tmp_path / "ok.csv", length=32_767))
    assert len(rows[1][1]) == 32_767


def test_ragged_rows_get_an_error_per_row_and_never_shift_columns(tmp_path: Path) -> None:
    sheet, rows = read(ff.ragged_csv(tmp_path / "r.csv"))
    assert rows == [["Naam", "Klas"], ["Piet", "1A"], ["Jansen", " Piet"], ["Kees", "4D"], ["Jan"]]
    assert [(note.type, note.row, note.params) for note in sheet.notes] == [
        ("too-many-cells", 3, {"cells": 3, "columns": 2, "delimiter": ";"})]
    message = sheet.notes[0].message("nl")
    assert "3 cellen" in message and "2 kolomkoppen" in message and "Rij 3" in message


def test_nul_bytes_mean_binary_content(tmp_path: Path) -> None:
    with pytest.raises(UnusableFile) as info:
        read(ff.csv_with_nul(tmp_path / "nul.csv"))
    assert info.value.type == "binary-content"


def test_f13_control_zero_width_bidi_and_decomposed_characters_are_passed_on_raw(tmp_path: Path) -> None:
    """The reader decodes; normalising (NFC) and rejecting them per column is the engine's job."""
    values = ["Rene\u0301e", "a\u200bb", "\u202ecod.exe", "tab\there", "bell\x07"]
    path = ff.write_csv(tmp_path / "f13.csv", [["A", "B", "C", "D", "E"], values])
    _, rows = read(path)
    assert rows[1] == values


def test_delimiter_and_encoding_can_be_overridden(tmp_path: Path) -> None:
    path = ff.write_text(tmp_path / "o.csv", "a,b;c\r\n1,2;3\r\n")
    assert read(path)[1] == [["a,b", "c"], ["1,2", "3"]]  # a tie: semicolon before comma
    sheet, rows = read(path, delimiter=",")
    assert rows == [["a", "b;c"], ["1", "2;3"]] and sheet.delimiter == ","
    latin = ff.write_text(tmp_path / "l.csv", "Naam\r\nRenée\r\n", encoding="cp1252")
    with pytest.raises(UnusableFile) as info:
        read(latin, encoding="utf-8")
    assert info.value.type == "encoding-mismatch" and info.value.params["position"] == 10
    assert read(latin, encoding="latin-1")[1] == [["Naam"], ["Renée"]]
    with pytest.raises(UnusableFile) as info:
        read(latin, encoding="no-such-codec")
    assert info.value.type == "bad-option"


def test_cp1252_bytes_windows_leaves_undefined_become_visible_controls() -> None:
    decoded = decode(b"caf\xe9 \x80 \x81")
    assert decoded.text == "café € \x81" and decoded.encoding == "cp1252" and decoded.assumed


@pytest.mark.parametrize(("text", "expected"), [
    ("Naam\nPiet\nKlaas\n", ";"),
    ("Naam;Cijfer\nPiet;7,5\nKlaas;8,0\n", ";"),
    ("Naam,Cijfer\nPiet,\"7,5\"\n", ","),
    ("a\tb;c\n1\t2;3\n", "\t"),
    ("a;b\tc\n1;2\tc\n", "\t"),
    ('"x;y"\n"z;w"\n', ";"),
    ("Achternaam, voornaam\nJansen\nPieters\nKlaas\n", ";"),
])
def test_delimiter_detection_copes_with_one_column_and_decimal_commas(text: str, expected: str) -> None:
    assert detect_delimiter(text) == expected


def test_rows_are_streamed_not_listed(tmp_path: Path) -> None:
    sheet = open_sheet(ff.write_csv(tmp_path / "s.csv", ff.roster_rows(10)), formats=CSV)
    assert isinstance(sheet.rows, Iterator) and not isinstance(sheet.rows, list)
    assert next(sheet.rows) == ff.ROSTER_HEADER


def test_ragged_row_errors_are_capped_so_a_broken_file_cannot_flood_memory(tmp_path: Path) -> None:
    path = ff.write_text(tmp_path / "r.csv", "a;b\r\n" + "1;2;3\r\n" * 3000)
    sheet, rows = read(path)
    assert len(rows) == 3001
    assert len(sheet.notes) == 1000
    assert sheet.notes_not_kept == {("too-many-cells", "error"): 2000}


def test_the_report_counts_every_ragged_row_exactly_though_it_keeps_only_the_first(tmp_path: Path) -> None:
    from rosterdesk.importers.validate import Request, validate_file
    from rosterdesk.plugins.roster_csv.profile import PROFILE

    header = ";".join(column.header for column in PROFILE.columns)
    rows = "".join(f"{1000 + n};Piet;Pieter;;Jansen;p{n}@school.nl;1A;leerling;extra\r\n" for n in range(1500))
    path = ff.write_text(tmp_path / "r.csv", header + "\r\n" + rows)
    report = validate_file(path, Request(profile=PROFILE), sandbox=False)
    assert report.counts == {"too-many-cells": 1500}
    assert len([issue for issue in report.issues if issue.type == "too-many-cells"]) == 1000
    assert report.truncated.get("too-many-cells")


def test_inspect_describes_a_csv(tmp_path: Path) -> None:
    info = inspect(ff.write_csv(tmp_path / "s.csv", [[], ["Naam", "Klas"], ["Piet", "1A"]], delimiter="\t"),
                   filename="s.csv", limits=Limits())
    assert info["format"] == "csv" and info["delimiter"] == "tab" and info["encoding"] == "utf-8"
    assert info["header_row"] == 2 and info["header"] == ["Naam", "Klas"]
    assert info["sheets"] == [{"name": "s.csv", "visible": True, "rows": 3, "columns": 2}]
