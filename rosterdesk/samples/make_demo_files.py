"""Generate the two demo NSE files (run: python -m rosterdesk.samples.make_demo_files).

``nse-demo-valid.xlsx`` is a clean file for the demo institution of the DUO sample;
``nse-demo-invalid.xlsx`` is the same file with the mistakes people really make, one of each:

* a misspelled e-mail address (a comma instead of a dot);
* a student with two programmes that are both marked as the main one (HOOFDOPLEIDING);
* a programme code that is not in RIO for the institution;
* a location written as people say it ("Den Bosch") instead of RIO's "'S-HERTOGENBOSCH";
* a formula in a cell.

Students and addresses are invented (example.nl); programmes and locations come from the
sample in ``make_duo_sample`` so the files and the sample cannot drift apart.
"""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from rosterdesk.plugins.nse.profile import PROFILE
from rosterdesk.samples import DEMO_INSTITUTION, NSE_DEMO_INVALID, NSE_DEMO_VALID
from rosterdesk.samples.make_duo_sample import PROGRAMMES

STUDENTS = (
    ("Sanne", "de Vries"), ("Daan", "Jansen"), ("Lotte", "Bakker"), ("Milan", "Visser"), ("Emma", "Smit"),
    ("Noah", "Meijer"), ("Julia", "de Boer"), ("Sem", "Mulder"), ("Tess", "de Groot"), ("Finn", "Bos"),
    ("Zoë", "Vos"), ("Luuk", "Peters"), ("Anna", "Hendriks"), ("Jesse", "van Leeuwen"), ("Fleur", "Dekker"),
    ("Thijs", "Brouwer"), ("Sara", "de Wit"), ("Bram", "Dijkstra"), ("Lieke", "Smits"), ("Ruben", "de Graaf"),
    ("Eva", "van der Meer"), ("Jasper", "Kok"), ("Nina", "Jacobs"), ("Ayoub", "El Amrani"), ("Mei", "Chen"),
)
SECOND_PROGRAMME = {3: "96101", 8: "90102", 12: "96103", 17: "90101", 21: "96104"}
"""Students (by index) who also follow a second programme, marked HOOFDOPLEIDING N."""
INTERNATIONAL = {23, 24}
FACULTY = {"90101": "Gezondheid", "90102": "Techniek", "90103": "Economie", "90104": "Onderwijs",
           "96101": "Recht", "96102": "Recht", "96103": "Gedrag", "96104": "Techniek"}
PLACE_SPELLING = {"00": ("Utrecht", "UTRECHT"), "01": ("'s-Hertogenbosch", "'S-HERTOGENBOSCH"),
                  "02": ("Bolsward", "BOLSWARD")}
"""How a roster writes each place: RIO's upper case or ordinary spelling, both accepted."""


@dataclass
class Student:
    first: str
    last: str

    @property
    def email(self) -> str:
        local = f"{self.first}.{self.last}".lower().replace(" ", "").replace("ë", "e")
        return f"{local}@student.example.nl"


def _programmes() -> dict[str, tuple[str, tuple[str, ...]]]:
    """Code -> (level, locations) of the demo institution's programmes."""
    return {p.code: (p.level.upper(), p.locations) for p in PROGRAMMES if p.institution == DEMO_INSTITUTION}


def _row(student: Student, index: int, code: str, main: bool) -> dict[str, Any]:
    level, locations = _programmes()[code]
    location = locations[(index // len(_programmes())) % len(locations)]
    places = PLACE_SPELLING[location]
    master = code in {"90104", "96102", "96104"}
    international = index in INTERNATIONAL
    return {
        "OIE_CODE": DEMO_INSTITUTION, "BRIN_VOLGNUMMER": location, "LOCATIE": places[index % 2],
        "OPLEIDINGSCODE": code, "OPLEIDINGSVORM": ("VT", "VT", "DT", "DU")[index % 4] if level == "HBO" else "VT",
        "TYPE_STUDENT": "PREMASTER" if master and index % 5 == 0 else "REGULIER", "AFSTANDSONDERWIJS": "N",
        "NIVEAU": level, "EERSTEJAARS": "J" if index % 3 == 0 else "N",
        "VOORKEURSTAAL": "EN" if international else "NL",
        "EMAILADRES": student.email, "HOOFDOPLEIDING": "J" if main else "N",
        "LEERROUTE": "Minor zorgtechnologie" if code == "90101" and index % 2 else None,
        "KUNSTONDERWIJS": "N", "EMAILADRES_2": f"{student.first.lower()}{index}@mail.example.com" if index % 4 == 1
        else None,
        "INTERNATIONALE_STUDENT": "J" if international else "N",
        "LABEL_1": FACULTY[code], "LABEL_2": f"Cohort {2021 + index % 4}",
    }


def valid_rows() -> list[dict[str, Any]]:
    """About thirty rows: every student once with HOOFDOPLEIDING J, some twice."""
    order = sorted(_programmes())
    rows = []
    for index, (first, last) in enumerate(STUDENTS):
        student = Student(first, last)
        rows.append(_row(student, index, order[index % len(order)], main=True))
        if index in SECOND_PROGRAMME:
            rows.append(_row(student, index, SECOND_PROGRAMME[index], main=False))
    return rows


def invalid_rows() -> list[dict[str, Any]]:
    """The valid rows with one realistic mistake of each kind (see the module docstring)."""
    rows = [dict(row) for row in valid_rows()]

    def row_of(email: str, main: bool = True) -> dict[str, Any]:
        return next(row for row in rows if row["EMAILADRES"] == email and (row["HOOFDOPLEIDING"] == "J") == main)

    row_of("sem.mulder@student.example.nl")["EMAILADRES"] = "sem.mulder@student,example.nl"
    row_of("milan.visser@student.example.nl", main=False)["HOOFDOPLEIDING"] = "J"
    row_of("finn.bos@student.example.nl")["OPLEIDINGSCODE"] = "90109"
    zoe = row_of("zoe.vos@student.example.nl")
    if zoe["BRIN_VOLGNUMMER"] != "01":
        raise AssertionError("the demo expects Zoë at location 01 ('S-HERTOGENBOSCH)")
    zoe["LOCATIE"] = "Den Bosch"
    row_of("lieke.smits@student.example.nl")["EMAILADRES_2"] = '=LOWER("Lieke.Smits@mail.example.com")'
    return rows


def write_workbook(path: Path, rows: list[dict[str, Any]]) -> None:
    """One sheet with the profile's headers on row 1 and the rows below; strings starting with '=' are formulas."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = PROFILE.sheet_name or "Sheet1"
    headers = PROFILE.headers
    sheet.append(list(headers))
    for row in rows:
        sheet.append([row.get(header) for header in headers])
    for letter, width in (("K", 34), ("O", 30), ("C", 18), ("M", 24)):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    stamp = dt.datetime(2025, 1, 1)
    workbook.properties.creator = "rosterdesk"
    workbook.properties.created = stamp
    workbook.properties.modified = stamp
    workbook.save(path)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    valid, invalid = (Path(args[0]) / NSE_DEMO_VALID.name, Path(args[0]) / NSE_DEMO_INVALID.name) if args \
        else (NSE_DEMO_VALID, NSE_DEMO_INVALID)
    write_workbook(valid, valid_rows())
    write_workbook(invalid, invalid_rows())
    print(f"Demo files written: {valid} ({len(valid_rows())} rows), {invalid}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
