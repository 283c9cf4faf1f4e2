"""Records out of a checked sheet: one per data row, keyed, normalised as the kinds normalise."""

from __future__ import annotations

import datetime as dt
import gzip
import logging
import string
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rosterdesk.importers.checks.base import INVALID, CheckContext
from rosterdesk.importers.columns import Column
from rosterdesk.importers.engine import CHUNK_ROWS, Settings, validate_sheet
from rosterdesk.importers.errors import RecordsFileError
from rosterdesk.importers.issues import Report
from rosterdesk.importers.kinds import Bsn, Date, Digits, Email, Integer, Text
from rosterdesk.importers.plugins import all_profiles, get_profile
from rosterdesk.importers.profile import Profile
from rosterdesk.importers.records import RecordSet, RecordWriter, RowKey, read_records, write_records
from rosterdesk.importers.sheet import Sheet
from tests.unit.engine_helpers import (
    TODAY,
    cjp_rows,
    csv_rows,
    intergrip_row,
    intergrip_rows,
    nse_row,
    nse_rows,
    reference,
)

ROSTER_HEADER = ["code", "roepnaam", "achternaam", "email", "klas", "type"]


def check_with_records(path: Path, prof: Profile | str, rows: Sequence[Sequence[Any]], *, fmt: str = "xlsx",
                       options: dict[str, str] | None = None) -> tuple[Report, RecordSet | None]:
    """Check ``rows`` with a ``RecordWriter`` as the engine's sink; the records, if content checks ran."""
    prof = get_profile(prof) if isinstance(prof, str) else prof
    writer = RecordWriter(path, prof)
    sheet = Sheet(format=fmt, rows=iter([list(row) for row in rows]))
    report = validate_sheet(prof, sheet, Settings(institution="21PL", reference=reference(), today=TODAY,
                                                  options=options or {}, sinks=(writer,)))
    try:
        if not writer.started:
            return report, None
        writer.close()
    finally:
        writer.discard()
    return report, read_records(path)


def by_key(records: RecordSet) -> dict[Any, dict[str, Any]]:
    return {record.key: record.as_dict() for record in records}


class Collecting:
    """A minimal ``ChunkSink``: keeps what the engine hands over."""

    def __init__(self) -> None:
        self.positions: dict[str, int] | None = None
        self.chunks: list[tuple[list[int], list[list[Any]]]] = []

    def start(self, ctx: CheckContext) -> None:
        self.positions = dict(ctx.positions)

    def chunk(self, rows: Sequence[int], columns: Sequence[Sequence[Any]]) -> None:
        self.chunks.append((list(rows), [list(column) for column in columns]))


def test_the_engine_hands_each_chunk_of_normalised_columns_to_its_sinks() -> None:
    data = [{"code": str(n), "achternaam": "Dijk", "email": "x" if n == 3 else None} for n in range(CHUNK_ROWS + 5)]
    sink = Collecting()
    sheet = Sheet(format="csv", rows=iter(csv_rows(ROSTER_HEADER, *data)))
    validate_sheet(get_profile("roster-csv"), sheet, Settings(sinks=(sink,)))
    assert sink.positions is not None
    assert [len(rows) for rows, _ in sink.chunks] == [CHUNK_ROWS, 5]
    rows, columns = sink.chunks[0]
    assert rows[:2] == [2, 3]
    assert columns[sink.positions["email"]][3] is INVALID
    assert columns[sink.positions["code"]][:2] == ["0", "1"]


def test_every_builtin_profile_declares_a_record_key_of_its_own_fields() -> None:
    for prof in all_profiles():
        assert prof.record_key, prof.slug
        assert all(prof.column(name) for name in prof.record_key)


def test_nse_records_are_keyed_by_email_and_programme_with_values_as_the_kinds_normalise_them(tmp_path: Path) -> None:
    rows = nse_rows(
        nse_row(EMAILADRES="Student1@Example.NL", BRIN_VOLGNUMMER=0),
        nse_row(EMAILADRES="student2@example.nl", OPLEIDINGSCODE="39100", HOOFDOPLEIDING="J"),
    )
    report, records = check_with_records(tmp_path / "nse.jsonl.gz", "nse", rows)
    assert records is not None
    assert report.stats["rows"] == 2
    assert records.header.key == ("emailadres", "opleidingscode")
    assert len(records) == 2
    first, second = list(records)
    assert (first.row, second.row) == (2, 3)
    assert first.key == ("student1@example.nl", "34479")
    assert first["emailadres"] == "student1@example.nl"  # e-mail lower-cased
    assert first["brin_volgnummer"] == "00"  # the leading zero Excel dropped is back
    assert first["leerroute"] is None
    assert records.fields == tuple(column.field for column in get_profile("nse").columns)


def test_intergrip_records_keep_the_bsn_as_it_is_but_show_it_masked(tmp_path: Path) -> None:
    rows = intergrip_rows(intergrip_row(BSN=11222335, Geboortedatum=dt.datetime(2011, 3, 14)),
                          intergrip_row(Leerlingnummer="200002", BSN="123456782", Geboortedatum="01-02-2010"))
    _, records = check_with_records(tmp_path / "ig.jsonl.gz", "intergrip", rows)
    assert records is not None
    found = by_key(records)
    assert found[("200001",)]["bsn"] == "011222335"  # eight digits in a number cell: padded
    assert found[("200001",)]["geboortedatum"] == "2011-03-14"
    assert found[("200002",)]["geboortedatum"] == "2010-02-01"
    assert found[("200001",)]["leerjaar"] == 4
    shown = records.display_record(next(iter(records)))
    assert shown["bsn"] == "*****2335"
    assert shown["email"] == "j***@example.nl"
    assert shown["voornaam"] == "Jan"
    assert records.header.sensitive == {"bsn": "digits", "onderwijsnummer": "digits", "email": "email"}


def test_rows_with_an_error_in_a_key_field_are_left_out_and_counted(tmp_path: Path) -> None:
    rows = intergrip_rows(intergrip_row(), intergrip_row(Leerlingnummer="20A003", BSN="123456782"),
                          intergrip_row(Leerlingnummer=None, BSN="100000009"))
    report, records = check_with_records(tmp_path / "ig.jsonl.gz", "intergrip", rows)
    assert records is not None
    assert report.stats["rows"] == 3
    assert [record.key for record in records] == [("200001",)]
    assert records.header.left_out == {"key-error": 2, "duplicate-key": 0}


def test_a_repeated_key_keeps_the_first_row_and_counts_the_others(tmp_path: Path) -> None:
    rows = csv_rows(ROSTER_HEADER, {"code": "1001", "achternaam": "Eerst"}, {"code": "1002", "achternaam": "Ander"},
                    {"code": "1001", "achternaam": "Later"})
    _, records = check_with_records(tmp_path / "r.jsonl.gz", "roster-csv", rows, fmt="csv")
    assert records is not None
    assert [(record.row, record["achternaam"]) for record in records] == [(2, "Eerst"), (3, "Ander")]
    assert records.header.left_out["duplicate-key"] == 1


def test_keys_and_duplicates_are_found_across_chunks(tmp_path: Path) -> None:
    data = [{"code": str(10_000 + n), "achternaam": f"Naam {n}"} for n in range(4_500)]
    data.append({"code": "10007", "achternaam": "Dubbel"})
    _, records = check_with_records(tmp_path / "r.jsonl.gz", "roster-csv", csv_rows(ROSTER_HEADER, *data), fmt="csv")
    assert records is not None
    assert len(records) == 4_500
    assert sum(1 for _ in records) == 4_500
    assert records.header.left_out["duplicate-key"] == 1


def test_a_field_missing_from_a_by_name_file_is_none_in_every_record(tmp_path: Path) -> None:
    rows = csv_rows(["achternaam", "code"], {"code": "1001", "achternaam": "Dijk"})
    _, records = check_with_records(tmp_path / "r.jsonl.gz", "roster-csv", rows, fmt="csv")
    assert records is not None
    record = next(iter(records))
    assert record.as_dict() == {"code": "1001", "roepnaam": None, "voornamen": None, "tussenvoegsel": None,
                                "achternaam": "Dijk", "email": None, "klas": None, "type": None}


def test_a_cell_with_an_error_outside_the_key_is_none_and_named_invalid(tmp_path: Path) -> None:
    rows = intergrip_rows(intergrip_row(Postcode="108 HV"), intergrip_row(Leerlingnummer="200002", BSN="123456782"))
    _, records = check_with_records(tmp_path / "ig.jsonl.gz", "intergrip", rows)
    assert records is not None
    first, second = list(records)
    assert first["postcode"] is None
    assert first.invalid == frozenset({"postcode"})
    assert second["postcode"] == "1081 HV"
    assert second.invalid == frozenset()


def test_cjp_rows_without_an_email_are_keyed_by_their_row(tmp_path: Path) -> None:
    rows = cjp_rows("cjp-students", ["Anna", "A", None, 3, "3B"], ["Bram", "B", "bram@example.nl", 3, "3B"],
                    ["Cas", "C", "", 2, "2A"])
    _, records = check_with_records(tmp_path / "cjp.jsonl.gz", "cjp-students", rows, options={"anonymous": "J"})
    assert records is not None
    assert [record.key for record in records] == [(RowKey(4),), ("bram@example.nl",), (RowKey(6),)]
    assert records.header.row_keys == 2
    assert records.display_key((RowKey(4),)) == "rij 4"
    assert records.display_key(("bram@example.nl",)) == "b***@example.nl"


def test_a_profile_without_a_record_key_keys_every_record_by_its_row(tmp_path: Path) -> None:
    prof = Profile(slug="keyless", title_nl="t", title_en="t", description_nl="d", description_en="d",
                   columns=(Column("naam", "naam", Text(), required=True),))
    _, records = check_with_records(tmp_path / "k.jsonl.gz", prof, [["naam"], ["Jan"], ["Jan"]])
    assert records is not None
    assert [record.key for record in records] == [(RowKey(2),), (RowKey(3),)]
    assert records.header.key == ()


def test_no_records_are_written_when_the_structure_check_fails(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl.gz"
    report, records = check_with_records(path, "intergrip", [["Leerling", "BSN"], ["1", "2"]])
    assert report.stage == "structure"
    assert records is None
    assert list(tmp_path.iterdir()) == []


def test_records_hold_sensitive_values_but_their_repr_and_the_log_do_not(tmp_path: Path,
                                                                          caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    _, records = check_with_records(tmp_path / "ig.jsonl.gz", "intergrip", intergrip_rows(intergrip_row()))
    assert records is not None
    record = next(iter(records))
    assert record["bsn"] == "111222333"
    assert "111222333" not in repr(record)
    assert "111222333" not in caplog.text
    assert "111222333" in gzip.decompress((tmp_path / "ig.jsonl.gz").read_bytes()).decode()


def test_the_file_is_gzip_json_lines_with_a_header_first(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl.gz"
    check_with_records(path, "roster-csv", csv_rows(ROSTER_HEADER, {"code": "7", "achternaam": 'Di"jk\\'}), fmt="csv")
    lines = gzip.decompress(path.read_bytes()).decode().splitlines()
    assert lines[0].startswith('{"format":"rosterdesk-records","version":1,"profile":"roster-csv",')
    assert '"count":1' in lines[0]
    assert lines[1] == '[2,"7",null,null,null,"Di\\"jk\\\\",null,null,null]'


def test_a_records_set_can_be_read_twice_and_its_header_round_trips(tmp_path: Path) -> None:
    prof = get_profile("roster-csv")
    header = write_records(tmp_path / "r.jsonl.gz", prof, [{"code": "1", "achternaam": "A"}, {"code": "2"}])
    records = read_records(tmp_path / "r.jsonl.gz")
    assert records.header == header
    assert [record.row for record in records] == [2, 3]
    assert [record.row for record in records] == [2, 3]


def test_write_records_applies_the_same_rules_as_a_checked_file(tmp_path: Path) -> None:
    prof = get_profile("intergrip")
    header = write_records(tmp_path / "r.jsonl.gz", prof, [
        {"leerlingnummer": "1", "email": "Jan@Example.nl", "geboortedatum": dt.date(2011, 3, 14)},
        {"leerlingnummer": "2"},
        {"leerlingnummer": "1", "voornaam": "dubbel"},
    ], chunk_rows=2)
    assert header.count == 2
    assert header.left_out["duplicate-key"] == 1
    first = next(iter(read_records(tmp_path / "r.jsonl.gz")))
    assert (first["email"], first["geboortedatum"]) == ("jan@example.nl", "2011-03-14")


@pytest.mark.parametrize("content", [b"", b"not gzip at all", gzip.compress(b'{"format":"other"}\n', mtime=0),
                                     gzip.compress(b"[1,2,3]\n", mtime=0)],
                         ids=["empty", "not-gzip", "other-format", "no-header"])
def test_a_file_that_is_not_a_records_file_is_refused(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "x.gz"
    path.write_bytes(content)
    with pytest.raises(RecordsFileError):
        read_records(path)


def test_a_records_file_of_another_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.gz"
    path.write_bytes(gzip.compress(b'{"format":"rosterdesk-records","version":99}\n'))
    with pytest.raises(RecordsFileError, match="version"):
        read_records(path)


def test_a_truncated_records_file_fails_while_reading(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl.gz"
    write_records(path, get_profile("roster-csv"), [{"code": str(n), "achternaam": "x" * 50} for n in range(2_000)])
    path.write_bytes(path.read_bytes()[:-200])
    records = read_records(path)
    with pytest.raises(RecordsFileError):
        sum(1 for _ in records)


# -- properties ------------------------------------------------------------------------------

PLAIN = Profile(slug="plain", title_nl="t", title_en="t", description_nl="d", description_en="d",
                record_key=("nummer",),
                columns=(Column("nummer", "nummer", Digits(max_length=6), required=True),
                         Column("naam", "naam", Text()), Column("jaar", "jaar", Integer(minimum=0, maximum=9)),
                         Column("datum", "datum", Date()), Column("bsn", "bsn", Bsn(), sensitive=True),
                         Column("mail", "mail", Email())))

values = st.fixed_dictionaries({
    "naam": st.none() | st.text(max_size=12),
    "jaar": st.none() | st.integers(0, 9),
    "datum": st.none() | st.dates(dt.date(1900, 1, 1), dt.date(2100, 1, 1)),
    "bsn": st.none() | st.text(string.digits, min_size=9, max_size=9),
    "mail": st.none() | st.from_regex(r"[A-Za-z]{1,5}@[a-z]{1,5}\.nl", fullmatch=True),
})


@settings(max_examples=60, deadline=None)
@given(st.dictionaries(st.text(string.digits, min_size=1, max_size=6), values, max_size=30))
def test_written_records_read_back_as_written(data: dict[str, dict[str, Any]]) -> None:
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "r.jsonl.gz"
        header = write_records(path, PLAIN, [{"nummer": key, **fields} for key, fields in data.items()], chunk_rows=7)
        records = read_records(path)
        assert header.count == len(records) == len(data)
        for record, (key, fields) in zip(records, data.items(), strict=True):
            assert record.key == (key,)
            expected = {"nummer": key, **fields}
            if fields["datum"] is not None:
                expected["datum"] = fields["datum"].isoformat()
            if fields["mail"] is not None:
                expected["mail"] = fields["mail"].lower()
            assert record.as_dict() == expected


@settings(max_examples=40, deadline=None)
@given(st.lists(st.text(max_size=20), min_size=1, max_size=10))
def test_any_text_survives_the_round_trip(texts: list[str]) -> None:
    prof = get_profile("roster-csv")
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "r.jsonl.gz"
        write_records(path, prof, [{"code": f"c{n}", "achternaam": text} for n, text in enumerate(texts)])
        assert [record["achternaam"] for record in read_records(path)] == texts



def test_values_that_compare_equal_across_types_keep_their_own_type(tmp_path: Path) -> None:
    # A plugin kind may produce booleans: True == 1 == 1.0 must not share one encoded value.
    path = tmp_path / "r.jsonl.gz"
    values: list[Any] = [True, 1, 1.0, False, 0, "1"]
    write_records(path, get_profile("roster-csv"), [{"code": str(n), "klas": value} for n, value in enumerate(values)])
    read = [record["klas"] for record in read_records(path)]
    assert read == values
    assert [type(value) for value in read] == [type(value) for value in values]
