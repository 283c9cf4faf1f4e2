"""Records written by the sandboxed check of real files, and the diff between two versions."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from rosterdesk.importers.diff import diff_records
from rosterdesk.importers.duo import load_reference
from rosterdesk.importers.errors import UnusableFile
from rosterdesk.importers.limits import Limits
from rosterdesk.importers.plugins import get_profile
from rosterdesk.importers.records import read_records
from rosterdesk.importers.validate import Request, validate_file
from rosterdesk.samples import DEMO_INSTITUTION, DUO_SAMPLE_DIR, NSE_DEMO_VALID
from tests.filefactory import write_csv

TODAY = dt.date(2026, 11, 23)
ROSTER_HEADER = ["code", "roepnaam", "achternaam", "email", "klas", "type"]
INTERGRIP_ROW = {"Leerlingnummer": "200001", "BSN": "111222333", "Voorletters": "J.P.", "Voornaam": "Jan",
                 "Achternaam": "Berg", "Geboortedatum": "14-03-2011", "E-mailadres": "Jan@Example.nl", "Klas": "4H2",
                 "Leerjaar": "4", "Niveau": "HAVO"}


def test_the_nse_demo_file_gives_one_record_per_row(tmp_path: Path) -> None:
    request = Request(profile=get_profile("nse"), institution=DEMO_INSTITUTION,
                      reference=load_reference(DUO_SAMPLE_DIR), filename=NSE_DEMO_VALID.name)
    target = tmp_path / "v1.records.jsonl.gz"
    report = validate_file(NSE_DEMO_VALID, request, records_to=target)
    assert report.valid
    records = read_records(target)
    assert report.stats["records"] == len(records) == report.stats["rows"]
    assert report.stats["records_left_out"] == {"key-error": 0, "duplicate-key": 0}
    keys = [record.key for record in records]
    assert len(set(keys)) == len(keys)
    assert all(email == email.lower() and len(code) == 5 for email, code in keys)
    assert sorted(path.name for path in tmp_path.iterdir()) == [target.name]


def roster_csv(path: Path, *rows: dict[str, str]) -> Path:
    return write_csv(path, [ROSTER_HEADER, *[[row.get(name, "") for name in ROSTER_HEADER] for row in rows]],
                     delimiter="\t")


def check_roster(source: Path, target: Path) -> None:
    validate_file(source, Request(profile=get_profile("roster-csv"), filename=source.name, today=TODAY),
                  records_to=target)


def test_two_versions_of_a_roster_csv_differ_by_what_was_edited(tmp_path: Path) -> None:
    first = roster_csv(tmp_path / "v1.csv", {"code": "1001", "achternaam": "Dijk", "klas": "2A", "type": "leerling"},
                       {"code": "1002", "achternaam": "Berg", "klas": "2A", "type": "leerling"},
                       {"code": "T01", "achternaam": "Smit", "type": "medewerker"})
    second = roster_csv(tmp_path / "v2.csv", {"code": "T01", "achternaam": "Smit", "type": "medewerker"},
                        {"code": "1001", "achternaam": "Dijk", "klas": "3A", "type": "leerling"},
                        {"code": "1003", "achternaam": "Vos", "email": "Vos@School.NL", "type": "leerling"})
    check_roster(first, tmp_path / "v1.gz")
    check_roster(second, tmp_path / "v2.gz")
    diff = diff_records(read_records(tmp_path / "v1.gz"), read_records(tmp_path / "v2.gz"))
    assert diff.summary() == {"added": 1, "removed": 1, "changed": 1, "unchanged": 1, "old": 3, "new": 3}
    assert [change.fields for change in diff.changed] == [{"klas": ("2A", "3A")}]
    assert [record["email"] for record in diff.added_page()] == ["vos@school.nl"]
    assert [record["achternaam"] for record in diff.removed_page()] == ["Berg"]


def test_an_intergrip_csv_gives_records_with_the_bsn_kept_and_dates_in_iso(tmp_path: Path) -> None:
    headers = list(get_profile("intergrip").headers)
    rows = [[row.get(name, "") for name in headers] for row in (
        INTERGRIP_ROW, {**INTERGRIP_ROW, "Leerlingnummer": "200002", "BSN": "123456782"},
        {**INTERGRIP_ROW, "Leerlingnummer": "20x003", "BSN": "100000009"})]
    source = write_csv(tmp_path / "ig.csv", [headers, *rows])
    request = Request(profile=get_profile("intergrip"), filename=source.name, today=TODAY,
                      options={"school_type": "VO"})
    report = validate_file(source, request, records_to=tmp_path / "ig.gz")
    records = read_records(tmp_path / "ig.gz")
    assert report.stats["records_left_out"]["key-error"] == 1
    assert [record.key for record in records] == [("200001",), ("200002",)]
    first = next(iter(records))
    assert (first["bsn"], first["geboortedatum"], first["email"]) == ("111222333", "2011-03-14", "jan@example.nl")
    assert records.display_record(first)["bsn"] == "*****2333"


@pytest.mark.parametrize("sandbox", [True, False])
def test_a_file_that_fails_its_structure_check_leaves_no_records(tmp_path: Path, sandbox: bool) -> None:
    source = write_csv(tmp_path / "bad.csv", [["naam", "klas"], ["Jan", "1A"]], delimiter="\t")
    target = tmp_path / "bad.gz"
    target.write_bytes(b"stale")
    report = validate_file(source, Request(profile=get_profile("roster-csv"), filename=source.name),
                           records_to=target, sandbox=sandbox)
    assert report.stage == "structure"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["bad.csv"]


def test_a_file_refused_halfway_leaves_no_records_and_no_parts(tmp_path: Path) -> None:
    rows = [{"code": str(1000 + n), "achternaam": "Dijk"} for n in range(2_500)]
    source = roster_csv(tmp_path / "big.csv", *rows)
    request = Request(profile=get_profile("roster-csv"), filename=source.name, limits=Limits(max_rows=2_100))
    with pytest.raises(UnusableFile, match="too-many-rows"):
        validate_file(source, request, records_to=tmp_path / "big.gz")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["big.csv"]
