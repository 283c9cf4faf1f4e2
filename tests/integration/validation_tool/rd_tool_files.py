"""CJP files for the validation tool's tests: the seed's layout (row 1 Verplicht/Optioneel, row 2 the
hint, row 3 the header, data from row 4), written with openpyxl into a folder the test owns."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook

STUDENT_HEADERS = ["voornaam", "achternaam", "email", "leerjaar", "klasnaam"]
TEACHER_HEADERS = ["voornaam", "achternaam", "email"]
REQUIRED = {"voornaam": "Verplicht", "achternaam": "Verplicht", "email": "Optioneel", "leerjaar": "Verplicht",
            "klasnaam": "Verplicht"}
HINTS = {"voornaam": "Vrije invoer", "achternaam": "Vrije invoer",
         "email": "Geldig e-mail formaat (@ en punt) Een e-mailadres mag maar één keer voorkomen in het bestand",
         "leerjaar": "1,2,3,4,5 of 6", "klasnaam": "Vrije invoer"}

# Values no other test uses: if one turns up in a log record, a table or a file, the tool kept it.
SECRET_FIRST = "Qwillemijn"
SECRET_LAST = "Zwanenburgh-Xq7"
SECRET_CLASS = "KLAS-ZQ9"
SECRET_EMAIL = "qwillemijn.xq7@voorbeeld-school.nl"
SECRET_NAME = "geheim-bestand-Zwanenburgh.xlsx"
SECRETS = (SECRET_FIRST, SECRET_LAST, SECRET_CLASS, SECRET_EMAIL, "Zwanenburgh")


def cjp_xlsx(path: Path, rows: Sequence[Sequence[Any]], headers: Sequence[str] = STUDENT_HEADERS,
             sheet: str = "Studenten") -> Path:
    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.title = sheet
    ws.append([REQUIRED[h] for h in headers])
    ws.append([HINTS[h] for h in headers])
    ws.append(list(headers))
    for row in rows:
        ws.append(list(row))
    book.save(path)
    return path


def good_students(path: Path) -> Path:
    return cjp_xlsx(path, [[SECRET_FIRST, SECRET_LAST, SECRET_EMAIL, 3, SECRET_CLASS],
                           ["Jan", "Smit", "jansmit@school.nl", 3, "3edc"],
                           ["Leerling1", "Achternaam1", None, 1, "media"]])


def bad_students(path: Path) -> Path:
    """Row 4: leerjaar 9 (D4); row 5: no klasnaam (E5); row 6: a broken e-mail (C6) and no achternaam (B6)."""
    return cjp_xlsx(path, [[SECRET_FIRST, SECRET_LAST, None, 9, SECRET_CLASS],
                           ["Jan", "Smit", "jansmit@school.nl", 3, None],
                           ["Piet", None, "piet-at-school", 2, "2A"]])
