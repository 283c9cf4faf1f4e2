"""NSE files for the step 5, counts and privacy tests, made from the demo file's rows (``samples.make_demo_files``).

``without_programmes`` drops every student who follows one of the given programmes, so the file
lacks them and stays valid (every remaining student keeps exactly one HOOFDOPLEIDING J).
``counted`` writes students per (programme, location) as asked, for the small-count tests.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from rosterdesk.samples.make_demo_files import PLACE_SPELLING, valid_rows, write_workbook

LEVEL = {"90101": "HBO", "90102": "HBO", "90103": "HBO", "90104": "HBO", "96101": "WO", "96102": "WO",
         "96103": "WO", "96104": "WO"}


def without_programmes(path: Path, codes: Iterable[str]) -> Path:
    """The demo file without the students of ``codes``."""
    drop = set(codes)
    rows = valid_rows()
    gone = {row["EMAILADRES"] for row in rows if row["OPLEIDINGSCODE"] in drop}
    kept = [row for row in rows if row["EMAILADRES"] not in gone]
    assert not drop & {row["OPLEIDINGSCODE"] for row in kept}
    write_workbook(path, kept)
    return path


def student_addresses(rows: Iterable[Mapping[str, Any]]) -> set[str]:
    found: set[str] = set()
    for row in rows:
        for header in ("EMAILADRES", "EMAILADRES_2"):
            if row.get(header):
                found.add(str(row[header]).lower())
    return found


def counted_rows(spec: Mapping[tuple[str, str], int], prefix: str = "s") -> list[dict[str, Any]]:
    """One row per student: ``spec[(programme, location)]`` students there, each with a second address."""
    rows = []
    number = 0
    for (code, location), count in spec.items():
        for _ in range(count):
            number += 1
            rows.append({
                "OIE_CODE": "99DU", "BRIN_VOLGNUMMER": location, "LOCATIE": PLACE_SPELLING[location][1],
                "OPLEIDINGSCODE": code, "OPLEIDINGSVORM": "VT", "TYPE_STUDENT": "REGULIER", "AFSTANDSONDERWIJS": "N",
                "NIVEAU": LEVEL[code], "EERSTEJAARS": "J", "VOORKEURSTAAL": "NL",
                "EMAILADRES": f"{prefix}{number}.student@student.example.nl", "HOOFDOPLEIDING": "J",
                "KUNSTONDERWIJS": "N", "EMAILADRES_2": f"{prefix}{number}.prive@mail.example.com",
                "INTERNATIONALE_STUDENT": "N"})
    return rows


def counted(path: Path, spec: Mapping[tuple[str, str], int]) -> tuple[Path, set[str]]:
    rows = counted_rows(spec)
    write_workbook(path, rows)
    return path, student_addresses(rows)
