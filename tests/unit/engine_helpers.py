"""Driving the engine from unit tests: sheets as lists of rows, a hand-made RIO reference.

Rows are lists of raw cell values as a reader hands them over (strings, ints, floats, dates,
None), starting at the file's row 1, so the row numbers in reports are the ones Excel shows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from rosterdesk.importers.engine import Settings, validate_sheet
from rosterdesk.importers.issues import Report
from rosterdesk.importers.plugins import get_profile
from rosterdesk.importers.profile import Profile
from rosterdesk.importers.reference import Institution, Location, Programme, Reference
from rosterdesk.importers.sheet import Sheet

TODAY = dt.date(2026, 11, 23)
INSTITUTION = "21PL"
OTHER_INSTITUTION = "30GB"


def reference() -> Reference:
    """A tiny RIO: 21PL with three locations and three programmes, and one other institution."""
    return Reference(
        institutions={
            "21PL": Institution("21PL", "Hogeschool Voorbeeld", "'S-GRAVENHAGE"),
            "30GB": Institution("30GB", "Universiteit Elders", "UTRECHT"),
        },
        programmes={
            ("21PL", "34479"): Programme("21PL", "34479", "HBO", "B HBO-ICT", "ba"),
            ("21PL", "39100"): Programme("21PL", "39100", "HBO", "B Verpleegkunde", "ba"),
            ("21PL", "60040"): Programme("21PL", "60040", "WO", "M Informatica", "ma"),
            ("30GB", "56833"): Programme("30GB", "56833", "WO", "B Rechtsgeleerdheid", "ba"),
        },
        locations={
            ("21PL", "00"): Location("21PL", "00", "'S-GRAVENHAGE"),
            ("21PL", "01"): Location("21PL", "01", "ZWOLLE"),
            ("21PL", "02"): Location("21PL", "02", "SÚDWEST-FRYSLÂN"),
            ("30GB", "00"): Location("30GB", "00", "UTRECHT"),
        },
        source="hand-made for tests",
    )


def profile(slug: str) -> Profile:
    return get_profile(slug)


def run(slug_or_profile: str | Profile, rows: Sequence[Sequence[Any]], *, institution: str | None = INSTITUTION,
        ref: Reference | None = None, no_reference: bool = False, options: Mapping[str, str] | None = None,
        today: dt.date = TODAY, issues_per_type: int = 1000, fmt: str = "xlsx",
        formulas: dict[int, dict[int, str]] | None = None,
        mapping: Mapping[str, str | None] | None = None) -> Report:
    """Check ``rows`` (from row 1) against a profile and return the report.

    The hand-made reference is used unless another is given or ``no_reference`` is set.
    """
    prof = get_profile(slug_or_profile) if isinstance(slug_or_profile, str) else slug_or_profile
    if ref is None and not no_reference:
        ref = reference()
    settings = Settings(institution=institution, reference=ref,
                        options=dict(options or {}), today=today, issues_per_type=issues_per_type, mapping=mapping)
    sheet = Sheet(format=fmt, rows=iter([list(row) for row in rows]), formulas=formulas or {})
    return validate_sheet(prof, sheet, settings)


def row_of(prof: Profile, cells: Mapping[str, Any]) -> list[Any]:
    """One data row in the profile's column order, from {header: value}; unknown headers are refused."""
    unknown = set(cells) - set(prof.headers)
    assert not unknown, f"not headers of {prof.slug}: {unknown}"
    return [cells.get(header) for header in prof.headers]


# -- NSE -------------------------------------------------------------------------------------

NSE_VALID: dict[str, Any] = {
    "OIE_CODE": "21PL", "BRIN_VOLGNUMMER": "00", "LOCATIE": "'s-Gravenhage", "OPLEIDINGSCODE": "34479",
    "OPLEIDINGSVORM": "VT", "TYPE_STUDENT": "REGULIER", "AFSTANDSONDERWIJS": "N", "NIVEAU": "HBO",
    "EERSTEJAARS": "J", "VOORKEURSTAAL": "NL", "EMAILADRES": "student1@example.nl", "HOOFDOPLEIDING": "J",
}


def nse_row(**cells: Any) -> list[Any]:
    """A valid NSE row, with some cells replaced (``EMAILADRES="x@y.nl"``)."""
    return row_of(get_profile("nse"), {**NSE_VALID, **cells})


def nse_rows(*data: Sequence[Any]) -> list[list[Any]]:
    return [list(get_profile("nse").headers), *[list(row) for row in data]]


def nse_students(count: int, **cells: Any) -> list[list[Any]]:
    """``count`` valid rows for different students."""
    return [nse_row(**{"EMAILADRES": f"student{n}@example.nl", **cells}) for n in range(1, count + 1)]


# -- CJP -------------------------------------------------------------------------------------

CJP_PREAMBLE_STUDENTS = [["Verplicht", "Verplicht", "Optioneel", "Verplicht", "Verplicht"],
                         ["Vrije invoer", "Vrije invoer", "Geldig e-mail formaat", "1 t/m 6", "Vrije invoer"]]
CJP_PREAMBLE_TEACHERS = [["Verplicht", "Verplicht", "Optioneel"], ["Vrije invoer", "Vrije invoer", "E-mail"]]


def cjp_rows(slug: str, *data: Sequence[Any]) -> list[list[Any]]:
    preamble = CJP_PREAMBLE_STUDENTS if slug == "cjp-students" else CJP_PREAMBLE_TEACHERS
    return [*preamble, list(get_profile(slug).headers), *[list(row) for row in data]]


# -- Intergrip -------------------------------------------------------------------------------

INTERGRIP_VALID: dict[str, Any] = {
    "Leerlingnummer": "200001", "BSN": "111222333", "Onderwijsnummer": None, "Voorletters": "J.P.",
    "Voornaam": "Jan", "Tussenvoegsel": "van der", "Achternaam": "Berg", "Geboortedatum": "14-03-2011",
    "Geslacht": "M", "Postcode": "1081 HV", "E-mailadres": "jan@example.nl", "Klas": "4H2", "Leerjaar": 4,
    "Niveau": "HAVO",
}


def intergrip_row(**cells: Any) -> list[Any]:
    return row_of(get_profile("intergrip"), {**INTERGRIP_VALID, **cells})


def intergrip_rows(*data: Sequence[Any]) -> list[list[Any]]:
    return [list(get_profile("intergrip").headers), *[list(row) for row in data]]


# -- Roster CSV ------------------------------------------------------------------------------

def csv_rows(header: Sequence[str], *data: Mapping[str, Any]) -> list[list[Any]]:
    """A roster CSV as rows: the given header, then each row's values by header (text, as CSV gives)."""
    return [list(header), *[[row.get(name, "") for name in header] for row in data]]
