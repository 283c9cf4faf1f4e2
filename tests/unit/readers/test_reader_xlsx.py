"""xlsx through the guard and python-calamine: F5 (in process), F6, F7, F8, F9, F11, F14.

The F5 files also run through the sandbox in tests/unit/test_sandbox.py; here they show that the
guard refuses them *before* calamine is called, with the message the user needs.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from rosterdesk.importers.errors import UnusableFile
from rosterdesk.importers.limits import Limits
from rosterdesk.importers.readers import inspect, open_sheet
from rosterdesk.importers.sheet import Sheet
from tests import filefactory as ff
from tests.filefactory import SheetSpec

XLSX = frozenset({"xlsx"})


def read(path: Path, **kwargs: Any) -> tuple[Sheet, list[list[Any]]]:
    sheet = open_sheet(path, formats=kwargs.pop("formats", XLSX), **kwargs)
    return sheet, list(sheet.rows)


def refused(path: Path, **kwargs: Any) -> UnusableFile:
    with pytest.raises(UnusableFile) as info:
        read(path, **kwargs)
    return info.value


# -- F5: refused before calamine sees the file ---------------------------------------------------

def test_sparse_corner_is_refused_as_too_many_columns_before_parsing(tmp_path: Path) -> None:
    started = time.monotonic()
    error = refused(ff.sparse_corner_xlsx(tmp_path / "hoek.xlsx"))
    assert error.type == "too-many-columns"
    assert error.params["last_column"] == "XFD" and error.params["columns"] == 16384
    assert "XFD" in error.message("nl") and "Blad1" in error.message("en")
    assert time.monotonic() - started < 1.0


def test_wide_cell_with_lowercase_reference_and_r_not_first_is_caught(tmp_path: Path) -> None:
    assert refused(ff.sparse_column_xlsx(tmp_path / "breed.xlsx")).type == "too-many-columns"


def test_two_letter_column_beyond_the_limit_is_caught_before_parsing(tmp_path: Path) -> None:
    data = '<row r="1"><c r="A1"><v>1</v></c></row><row r="90000"><c r="ZZ90000"><v>1</v></c></row>'
    path = ff.write_xlsx(tmp_path / "zz.xlsx", [SheetSpec("Blad1", sheet_data=data)])
    error = refused(path)
    assert error.type == "too-many-columns" and error.params["last_column"] == "ZZ"


def test_formatted_empty_cells_far_away_do_not_count(tmp_path: Path) -> None:
    sheet, rows = read(ff.oversized_dimension_xlsx(tmp_path / "dim.xlsx"))
    assert rows == [["Naam"], ["Piet"]]
    assert sheet.total_rows == 2


def test_oversized_dimension_alone_is_harmless(tmp_path: Path) -> None:
    spec = SheetSpec("Blad1", [["Naam"], ["Piet"]], dimension="A1:XFD1048576")
    _, rows = read(ff.write_xlsx(tmp_path / "dim.xlsx", [spec]))
    assert rows == [["Naam"], ["Piet"]]


def test_more_rows_than_the_limit_is_refused_before_parsing(tmp_path: Path) -> None:
    error = refused(ff.tall_sheet_xlsx(tmp_path / "lang.xlsx"))
    assert error.type == "too-many-rows" and error.params["rows"] == 1_048_576
    smaller = refused(ff.simple_xlsx(tmp_path / "klein.xlsx", ff.roster_rows(20)), limits=Limits(max_rows=10))
    assert smaller.type == "too-many-rows"


def test_huge_shared_string_is_refused_as_too_many_characters(tmp_path: Path) -> None:
    started = time.monotonic()
    error = refused(ff.shared_string_bomb_xlsx(tmp_path / "sst.xlsx"))
    assert error.type == "cell-too-long"
    assert error.params["length"] > 32_767 and error.params["limit"] == 32_767
    assert time.monotonic() - started < 1.0


def test_shared_string_at_the_limit_is_accepted(tmp_path: Path) -> None:
    rows = [["Naam"], ["x" * 32_767]]
    _, read_rows = read(ff.simple_xlsx(tmp_path / "lang.xlsx", rows, shared=True))
    assert read_rows == rows


# -- F6 --------------------------------------------------------------------------------------

def test_understated_dimension_loses_no_rows(tmp_path: Path) -> None:
    sheet, rows = read(ff.understated_dimension_xlsx(tmp_path / "dim.xlsx", rows=500))
    assert len(rows) == 500
    assert rows[-1] == [500.0, "naam 500"]
    assert sheet.total_rows == 500


# -- F7 --------------------------------------------------------------------------------------

def test_billion_laughs_is_refused_unread(tmp_path: Path) -> None:
    error = refused(ff.billion_laughs_xlsx(tmp_path / "lol.xlsx"))
    assert error.type == "unsafe-xml" and error.params["part"] == "xl/worksheets/sheet1.xml"


def test_xxe_is_refused_and_nothing_is_fetched(tmp_path: Path) -> None:
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    server.settimeout(0.5)
    port = server.getsockname()[1]
    connections: list[object] = []

    def accept() -> None:
        with contextlib.suppress(OSError):
            connections.append(server.accept())

    listener = threading.Thread(target=accept)
    listener.start()
    try:
        for path in (ff.xxe_xlsx(tmp_path / "a.xlsx", f"http://127.0.0.1:{port}/a"),
                     ff.xxe_in_workbook_xlsx(tmp_path / "b.xlsx", f"http://127.0.0.1:{port}/b"),
                     ff.xxe_xlsx(tmp_path / "c.xlsx", "file:///etc/passwd")):
            assert refused(path).type == "unsafe-xml"
    finally:
        listener.join()
        server.close()
    assert connections == []


# -- F8 --------------------------------------------------------------------------------------

@pytest.mark.parametrize(("builder", "detail"), [
    (ff.xlsm, "xl/vbaProject.bin"),
    (ff.vba_in_xlsx, "xl/vbaProject.bin"),
    (ff.xlsm_without_vba, ".xlsm"),
])
def test_macro_workbooks_are_refused(tmp_path: Path, builder: Any, detail: str) -> None:
    error = refused(builder(tmp_path / "macro.xlsx"), formats=frozenset({"xlsx", "xlsm"}))
    assert error.type == "macro-workbook" and error.params["detail"] == detail


def test_external_links_are_refused(tmp_path: Path) -> None:
    assert refused(ff.external_link_xlsx(tmp_path / "link.xlsx")).type == "external-links"


# -- F9 --------------------------------------------------------------------------------------

def test_formula_cells_are_reported_per_cell_and_lookalike_text_stays_text(tmp_path: Path) -> None:
    sheet, rows = read(ff.formulas_xlsx(tmp_path / "f.xlsx"))
    assert sheet.formulas == {
        2: {2: "=B2*2"},
        3: {2: "=B2*2"},  # a shared formula: reported with the text of its first cell
        4: {0: '="Jan"&"sen"', 2: "=SUM(B2:B3)"},
    }
    assert rows[1] == ["Piet", 2.0, 4.0]  # calamine's cached values
    assert rows[4] == ["=1+1", "+31 6 12345678", "@x"]
    assert 5 not in sheet.formulas


def test_formulas_written_by_openpyxl_are_found(tmp_path: Path) -> None:
    sheet, rows = read(ff.formulas_openpyxl_xlsx(tmp_path / "f.xlsx"))
    assert sheet.formulas == {2: {1: '=LOWER("PIET@SCHOOL.NL")'}}
    assert rows[2] == ["=1+1", "klaas@school.nl"]


def test_formulas_in_cells_without_references_are_found_by_counting(tmp_path: Path) -> None:
    data = ('<row><c t="inlineStr"><is><t>Naam</t></is></c><c t="inlineStr"><is><t>Som</t></is></c></row>'
            "<row><c><v>1</v></c><c><f>A2+1</f><v>2</v></c></row>")
    sheet, rows = read(ff.write_xlsx(tmp_path / "f.xlsx", [SheetSpec("Blad1", sheet_data=data)]))
    assert rows == [["Naam", "Som"], [1.0, 2.0]]
    assert sheet.formulas == {2: {1: "=A2+1"}}


# -- F11: which sheet ------------------------------------------------------------------------

def test_the_profile_sheet_is_read_and_other_visible_sheets_with_data_are_named(tmp_path: Path) -> None:
    path = ff.write_xlsx(tmp_path / "s.xlsx", [
        SheetSpec("Instructies", [["Lees dit"]]),
        SheetSpec("Studenten", [["Naam"], ["Piet"]]),
        SheetSpec("Leeg", []),
        SheetSpec("Extra", [["Naam"], ["Klaas"]]),
    ])
    sheet, rows = read(path, sheet_name="Studenten")
    assert sheet.name == "Studenten" and rows == [["Naam"], ["Piet"]]
    assert [note.type for note in sheet.notes] == ["other-sheets-ignored"]
    note = sheet.notes[0]
    assert note.severity == "warning"
    assert "'Instructies', 'Extra'" in note.message("nl") and "zijn genegeerd" in note.message("nl")
    assert "were ignored" in note.message("en")


def test_hidden_sheets_are_never_read_even_when_they_carry_the_profile_name(tmp_path: Path) -> None:
    path = ff.write_xlsx(tmp_path / "s.xlsx", [
        SheetSpec("Studenten", [["Naam"], ["Geheim"]], state="hidden"),
        SheetSpec("Oud", [["Naam"], ["Heel geheim"]], state="veryHidden"),
        SheetSpec("Blad1", [["Naam"], ["Piet"]]),
    ])
    sheet, rows = read(path, sheet_name="Studenten")
    assert sheet.name == "Blad1" and rows == [["Naam"], ["Piet"]]
    assert sheet.notes == []


def test_without_the_profile_sheet_the_first_visible_sheet_with_data_is_read(tmp_path: Path) -> None:
    path = ff.write_xlsx(tmp_path / "s.xlsx", [SheetSpec("Leeg", []), SheetSpec("Data", [["Naam"], ["Piet"]])])
    sheet, _ = read(path, sheet_name="Studenten")
    assert sheet.name == "Data" and sheet.notes == []


def test_sheet_name_matches_ignoring_capitals_and_spaces(tmp_path: Path) -> None:
    path = ff.write_xlsx(tmp_path / "s.xlsx", [SheetSpec("Blad1", [["a"]]), SheetSpec(" studenten ", [["b"]])])
    sheet, rows = read(path, sheet_name="Studenten")
    assert sheet.name == " studenten " and rows == [["b"]]


def test_a_workbook_without_visible_sheets_is_refused(tmp_path: Path) -> None:
    path = ff.write_xlsx(tmp_path / "s.xlsx", [SheetSpec("Verborgen", [["a"]], state="hidden")])
    error = refused(path)
    assert error.type == "no-sheets"


def test_rows_start_at_a1_even_when_data_starts_further_in(tmp_path: Path) -> None:
    path = ff.write_xlsx(tmp_path / "s.xlsx", [SheetSpec("Blad1", [[], [], [None, None, "Naam", "Klas"],
                                                                  [None, None, "Piet", "1A"]])])
    _, rows = read(path)
    assert rows == [[None, None, None, None], [None, None, None, None], [None, None, "Naam", "Klas"],
                    [None, None, "Piet", "1A"]]


# -- F14: numbers stay numbers ---------------------------------------------------------------

def test_numbers_that_lost_their_leading_zero_come_back_as_numbers(tmp_path: Path) -> None:
    """'012345' typed into a number cell is stored as 12345; the engine pads it, the reader must not."""
    _, rows = read(ff.simple_xlsx(tmp_path / "n.xlsx", [["BSN", "Postcode"], [12345678, "1081 HV"],
                                                           ["012345678", 1081]]))
    assert rows[1] == [12345678.0, "1081 HV"]
    assert isinstance(rows[1][0], float)
    assert rows[2] == ["012345678", 1081.0]


def test_inspect_describes_a_workbook(tmp_path: Path) -> None:
    path = ff.write_xlsx(tmp_path / "s.xlsx", [SheetSpec("Verborgen", [["x"]], state="hidden"),
                                              SheetSpec("Blad1", [[], ["Naam", "Klas"], ["Piet", "1A"]])])
    info = inspect(path, filename="s.xlsx")
    assert info["format"] == "xlsx" and info["sheet"] == "Blad1"
    assert info["header_row"] == 2 and info["header"] == ["Naam", "Klas"]
    assert [(s["name"], s["visible"]) for s in info["sheets"]] == [("Verborgen", False), ("Blad1", True)]
    assert info["sheets"][1]["rows"] == 3 and info["sheets"][1]["columns"] == 2
    assert info["formulas"] == 0 and info["notes"] == []


def test_the_templates_explanation_sheet_is_neither_read_nor_warned_about(tmp_path: Path) -> None:
    from rosterdesk.importers.readers.workbook import TEMPLATE_EXPLANATION_SHEETS
    from rosterdesk.importers.template import EXPLANATION_SHEET_NAMES

    assert set(EXPLANATION_SHEET_NAMES.values()) == TEMPLATE_EXPLANATION_SHEETS
    path = ff.write_xlsx(tmp_path / "s.xlsx", [SheetSpec("Uitleg", [["Kolom", "Uitleg"], ["Naam", "..."]]),
                                              SheetSpec("Gegevens", [["Naam"], ["Piet"]])])
    sheet, rows = read(path, sheet_name="Studenten")
    assert sheet.name == "Gegevens" and rows == [["Naam"], ["Piet"]] and sheet.notes == []


def test_a_template_filled_in_is_read_from_its_data_sheet(tmp_path: Path) -> None:
    from rosterdesk.importers.plugins import get_profile
    from rosterdesk.importers.template import write_template

    profile = get_profile("nse")
    path = tmp_path / "sjabloon.xlsx"
    write_template(profile, path)
    sheet, rows = read(path, sheet_name=profile.sheet_name)
    assert sheet.name == profile.sheet_name and sheet.notes == []
    assert rows[profile.header_row - 1][: len(profile.headers)] == list(profile.headers)


def test_merged_header_cells_read_as_one_value_and_blanks(tmp_path: Path) -> None:
    """F11 (reader part): a merged header gives its value once; the engine reports the blank header."""
    xml = (f'{ff.XML_DECL}<worksheet xmlns="{ff.MAIN_NS}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Naam'
           '</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>Piet</t></is></c><c r="B2" t="inlineStr">'
           '<is><t>1A</t></is></c></row></sheetData><mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells>'
           "</worksheet>")
    _, rows = read(ff.write_xlsx(tmp_path / "m.xlsx", [SheetSpec("Blad1", xml=xml)]))
    assert rows == [["Naam", None], ["Piet", "1A"]]


@pytest.mark.parametrize("shift", range(-9, 4))
def test_a_wide_cell_across_a_chunk_boundary_is_still_caught(tmp_path: Path, shift: int) -> None:
    """Stored (uncompressed) so the guard's 1 MiB chunks end at known offsets."""
    import zipfile

    from rosterdesk.importers.zipguard import CHUNK_OUT

    def sheet(pad: int) -> str:
        data = (f'<row r="1"><c r="A1" t="inlineStr"><is><t>{"x" * pad}</t></is></c></row>'
                '<row r="2"><c r="XFD2"><v>1</v></c></row>')
        return (f'{ff.XML_DECL}<worksheet xmlns="{ff.MAIN_NS}" xmlns:r="{ff.REL_NS}"><sheetData>{data}'
                "</sheetData></worksheet>")

    probe = sheet(0)
    pad = CHUNK_OUT + shift - probe.index('r="XFD')
    path = ff.write_xlsx(tmp_path / "grens.xlsx", [SheetSpec("Blad1", xml=sheet(pad))], compression=zipfile.ZIP_STORED)
    error = refused(path)
    assert error.type == "too-many-columns" and error.params["last_column"] == "XFD"
