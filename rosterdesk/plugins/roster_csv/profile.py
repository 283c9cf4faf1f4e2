"""School roster import in the style of Zermelo (seed 004): CSV, one row per person."""

from __future__ import annotations

from rosterdesk.importers.checks import DigitsWhen
from rosterdesk.importers.columns import Column
from rosterdesk.importers.kinds import Choice, Email, Text
from rosterdesk.importers.profile import Option, Profile

PROFILE = Profile(
    slug="roster-csv",
    title_nl="Roosterimport (CSV)",
    title_en="Roster import (CSV)",
    tile_nl="Leerlingen en medewerkers importeren",
    tile_en="Import students and staff",
    description_nl="Leerlingen, medewerkers en ouders als CSV, bij voorkeur met tabs gescheiden. Na het uploaden "
                   "koppel je elke kolom aan een veld (of negeer je haar); de koppeling wordt onthouden.",
    description_en="Students, staff and parents as CSV, preferably tab-separated. After uploading you label each "
                   "column with a field (or ignore it); the labels are remembered.",
    formats=frozenset({"csv"}),
    header_policy="by_name",
    column_mapping=True,
    sheet_name="Rooster",
    record_key=("code",),
    import_modes=("new", "update", "sync"),
    options=(
        Option("add_as_student", ("J", "N"), "N", help_nl="Toevoegen als leerling (bestand zonder kolom type)",
               help_en="Add as student (file without a type column)"),
    ),
    columns=(
        Column("code", "code", Text(), max_length=20, required=True, unique=True, example="200001",
               help_nl="Leerlingcode of medewerkercode; voor leerlingen alleen cijfers",
               help_en="Student or staff code; digits only for students"),
        Column("roepnaam", "roepnaam", Text(), max_length=100, example="Jan", help_nl="Roepnaam",
               help_en="Given name"),
        Column("voornamen", "voornamen", Text(), max_length=200, example="Johannes Petrus", help_nl="Voornamen",
               help_en="Given names"),
        Column("tussenvoegsel", "tussenvoegsel", Text(), max_length=20, example="van", help_nl="Tussenvoegsel",
               help_en="Surname prefix"),
        Column("achternaam", "achternaam", Text(), required=True, max_length=100, example="Dijk",
               help_nl="Achternaam", help_en="Surname"),
        Column("email", "email", Email(), example="jan@example.nl", help_nl="E-mailadres", help_en="E-mail address"),
        Column("klas", "klas", Text(), max_length=20, example="2A", help_nl="Klas", help_en="Class"),
        Column("type", "type", Choice(values=("leerling", "medewerker", "ouder")), example="leerling",
               help_nl="leerling, medewerker of ouder",
               help_en="leerling (student), medewerker (staff) or ouder (parent)"),
    ),
    checks=(DigitsWhen("code", "type", "leerling", option="add_as_student"),),
)
