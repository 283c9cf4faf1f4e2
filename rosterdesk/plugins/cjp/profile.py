"""CJP cultural pass (seed 002): students and teachers, header on row 3 below two guide rows."""

from __future__ import annotations

from typing import Literal

from rosterdesk.importers.columns import Column
from rosterdesk.importers.kinds import Email, Integer, Text
from rosterdesk.importers.profile import Option, Profile

FORMATS = frozenset({"xlsx", "xls"})
PREAMBLE: tuple[Literal["required", "hint"], ...] = ("required", "hint")

ANONYMOUS = Option(
    key="anonymous", choices=("J", "N"), default="N",
    help_nl="Anoniem aanleveren: namen mogen plaatshouders zijn, e-mail blijft leeg; de school verstuurt de codes zelf",
    help_en="Anonymous mode: names may be placeholders, e-mail stays empty; the school mails the codes itself",
)


def _name_columns() -> tuple[Column, ...]:
    return (
        Column("voornaam", "voornaam", Text(), required=True, max_length=100, example="Sanne",
               help_nl="Vrije invoer", help_en="Free text"),
        Column("achternaam", "achternaam", Text(), required=True, max_length=100, example="de Vries",
               help_nl="Vrije invoer", help_en="Free text"),
        Column("email", "email", Email(), unique=True, sensitive=True, example="sanne@example.nl",
               help_nl="Geldig e-mail formaat (@ en punt). Een e-mailadres mag maar één keer voorkomen in het bestand",
               help_en="Valid e-mail format (@ and dot). An address may appear only once in the file"),
    )


STUDENTS = Profile(
    slug="cjp-students",
    title_nl="CJP-studenten",
    title_en="CJP students",
    tile_nl="Studenten aanmelden voor CJP",
    tile_en="Register students for CJP",
    description_nl="Studenten voor de CJP-cultuurkaart. Gebruik het sjabloon: rij 3 bevat de kolomkoppen, gegevens "
                   "vanaf rij 4.",
    description_en="Students for the CJP culture pass. Use the template: row 3 holds the headers, data from row 4.",
    formats=FORMATS,
    header_row=3,
    preamble=PREAMBLE,
    sheet_name="Studenten",
    record_key=("email",),
    options=(ANONYMOUS,),
    columns=(
        *_name_columns(),
        Column("leerjaar", "leerjaar", Integer(minimum=1, maximum=6), required=True, example="3",
               help_nl="1, 2, 3, 4, 5 of 6", help_en="1, 2, 3, 4, 5 or 6"),
        Column("klasnaam", "klasnaam", Text(), required=True, max_length=50, example="3B",
               help_nl="Vrije invoer", help_en="Free text"),
    ),
)

TEACHERS = Profile(
    slug="cjp-teachers",
    title_nl="CJP-docenten",
    title_en="CJP teachers",
    tile_nl="Docenten aanmelden voor CJP",
    tile_en="Register teachers for CJP",
    description_nl="Docenten en medewerkers voor de CJP-cultuurkaart. Rij 3 bevat de kolomkoppen, gegevens "
                   "vanaf rij 4.",
    description_en="Teachers and staff for the CJP culture pass. Row 3 holds the headers, data from row 4.",
    formats=FORMATS,
    header_row=3,
    preamble=PREAMBLE,
    sheet_name="Docenten",
    record_key=("email",),
    options=(ANONYMOUS,),
    columns=_name_columns(),
)

PROFILES = (STUDENTS, TEACHERS)
