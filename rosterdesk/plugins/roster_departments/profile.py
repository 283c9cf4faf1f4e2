"""Department participations in the style of Zermelo (seed 004): CSV, one row per student and department.

Only adds: a participation that exists already is skipped, never changed, and nothing is removed
(seed: "Synchroniseren is dus niet mogelijk"). That the student exists already as a ``leerling``
of the institution's roster (``roster-csv``) is checked against the records in force when the
fates are shown and again when they are applied (``platform.roster.students``), not by the engine,
which sees one file only.
"""

from __future__ import annotations

from rosterdesk.importers.columns import Column
from rosterdesk.importers.kinds import Integer, Text
from rosterdesk.importers.profile import Profile

PROFILE = Profile(
    slug="roster-departments",
    title_nl="Afdelingsdeelnames (CSV)",
    title_en="Department participations (CSV)",
    tile_nl="Afdelingsdeelnames importeren",
    tile_en="Import department participations",
    description_nl="Per leerling de afdeling waar die naartoe gaat, als CSV gescheiden door tabs of puntkomma's. "
                   "De leerlingen moeten al als leerling in de roosterimport staan. Alleen nieuwe deelnames "
                   "worden toegevoegd; een bestaande deelname wordt niet bijgewerkt.",
    description_en="Per student the department they go to, as CSV separated by tabs or semicolons. The students "
                   "must already be in the roster import as students. Only new participations are added; an "
                   "existing participation is not updated.",
    formats=frozenset({"csv"}),
    header_policy="by_name",
    column_mapping=True,
    sheet_name="Afdelingsdeelnames",
    record_key=("leerlingcode", "afdeling"),
    import_modes=("new",),
    columns=(
        Column("leerlingcode", "leerlingcode", Text(), max_length=20, required=True, example="200001",
               help_nl="Leerlingcode zoals in de roosterimport", help_en="Student code as in the roster import"),
        Column("afdeling", "afdeling", Text(), max_length=40, required=True, example="h4",
               help_nl="De afdeling waar de leerling naartoe gaat", help_en="The department the student goes to"),
        Column("prognose", "prognose", Integer(minimum=0, maximum=100), example="100",
               help_nl="Prognose (Pr%), 0 tot en met 100", help_en="Forecast (Pr%), 0 to 100"),
        Column("profiel", "profiel", Text(), max_length=40, example="NT", help_nl="Profiel", help_en="Profile"),
        Column("opleiding", "opleiding", Text(), max_length=40, example="havo", help_nl="Opleiding",
               help_en="Programme"),
        Column("stamklas", "stamklas", Text(), max_length=20, example="h4a", help_nl="Stamklas",
               help_en="Home class"),
    ),
)
