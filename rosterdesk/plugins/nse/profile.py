"""NSE student data (seeds 000 and 001): one row per student per programme."""

from __future__ import annotations

from rosterdesk.importers.checks import (
    DifferentFrom,
    ExactlyOnePerGroup,
    MatchesInstitution,
    NotIdentifying,
    RioLocation,
    RioProgramme,
    UniqueTogether,
)
from rosterdesk.importers.columns import Column
from rosterdesk.importers.kinds import Brin, Choice, Digits, Email, Text, YesNo
from rosterdesk.importers.profile import Profile

YES_NO = YesNo()
LABELS = tuple(f"label_{n}" for n in range(1, 8))

PROFILE = Profile(
    slug="nse",
    title_nl="NSE-studentgegevens",
    title_en="NSE student data",
    tile_nl="Studentgegevens uploaden",
    tile_en="Upload student data",
    description_nl=(
        "Studentgegevens voor de Nationale Studenten Enquête: één rij per student per opleiding. Alleen .xlsx, "
        "zonder formules; kolomkoppen precies zoals in het sjabloon."
    ),
    description_en=(
        "Student data for the National Student Survey: one row per student per programme. Only .xlsx, without "
        "formulas; column headers exactly as in the template."
    ),
    formats=frozenset({"xlsx"}),
    sheet_name="Studentgegevens",
    needs_institution=True,
    needs_reference=True,
    completeness="missing-programmes",
    record_key=("emailadres", "opleidingscode"),
    columns=(
        Column("OIE_CODE", "oie_code", Brin(), required=True, example="21PL",
               help_nl="OIE-code (voorheen BRIN) van uw instelling",
               help_en="OIE code (formerly BRIN) of your institution"),
        Column("BRIN_VOLGNUMMER", "brin_volgnummer", Digits(length=2), required=True, example="00",
               help_nl="Vestigingsnummer zoals in RIO (2 cijfers)", help_en="Location number as in RIO (2 digits)"),
        Column("LOCATIE", "locatie", Text(), required=True, max_length=100, example="AMSTERDAM",
               help_nl="Plaats van de vestiging zoals in RIO", help_en="Place of the location as in RIO"),
        Column("OPLEIDINGSCODE", "opleidingscode", Digits(length=5), required=True, example="50005",
               help_nl="Opleidingscode (CROHO) uit RIO", help_en="Programme code (CROHO) from RIO"),
        Column("OPLEIDINGSVORM", "opleidingsvorm", Choice(values=("VT", "DT", "DU")), required=True, example="VT",
               help_nl="VT voltijd, DT deeltijd, DU duaal", help_en="VT full-time, DT part-time, DU work-study"),
        Column("TYPE_STUDENT", "type_student", Choice(values=("REGULIER", "PREMASTER", "POSTMASTER")), required=True,
               example="REGULIER", help_nl="Soort student", help_en="Kind of student"),
        Column("AFSTANDSONDERWIJS", "afstandsonderwijs", YES_NO, required=True, example="N",
               help_nl="Volgt de student afstandsonderwijs?", help_en="Is this distance learning?"),
        Column("NIVEAU", "niveau", Choice(values=("HBO", "WO")), required=True, example="WO",
               help_nl="HBO of WO; moet passen bij de opleiding in RIO",
               help_en="HBO or WO; must fit the programme in RIO"),
        Column("EERSTEJAARS", "eerstejaars", YES_NO, required=True, example="J",
               help_nl="Is de student eerstejaars?", help_en="Is the student a first-year student?"),
        Column("VOORKEURSTAAL", "voorkeurstaal", Choice(values=("NL", "EN", "DE")), required=True, example="NL",
               help_nl="Taal van de uitnodiging", help_en="Language of the invitation"),
        Column("EMAILADRES", "emailadres", Email(), required=True, sensitive=True, example="student@example.nl",
               help_nl="E-mailadres van de student; wordt na de enquête gewist",
               help_en="The student's e-mail address; erased after the survey"),
        Column("HOOFDOPLEIDING", "hoofdopleiding", YES_NO, required=True, example="J",
               help_nl="J bij precies één opleiding per student", help_en="J on exactly one programme per student"),
        Column("LEERROUTE", "leerroute", Text(), max_length=100, example="",
               help_nl="Leerroute of afstudeerrichting (optioneel)", help_en="Learning route or major (optional)"),
        Column("KUNSTONDERWIJS", "kunstonderwijs", YES_NO, example="N",
               help_nl="Kunstonderwijs (optioneel)", help_en="Arts education (optional)"),
        Column("EMAILADRES_2", "emailadres_2", Email(), sensitive=True, example="",
               help_nl="Tweede e-mailadres, anders dan EMAILADRES (optioneel)",
               help_en="Second e-mail address, different from EMAILADRES (optional)"),
        Column("INTERNATIONALE_STUDENT", "internationale_student", YES_NO, example="N",
               help_nl="Internationale student (optioneel)", help_en="International student (optional)"),
        *(Column(f"LABEL_{n}", f"label_{n}", Text(), max_length=50, max_words=5, example="",
                 help_nl="Eigen groepslabel (optioneel); mag respondenten niet herkenbaar maken",
                 help_en="Your own group label (optional); must not identify respondents")
          for n in range(1, 8)),
    ),
    checks=(
        MatchesInstitution("oie_code"),
        RioLocation("oie_code", "brin_volgnummer", "locatie"),
        RioProgramme("oie_code", "opleidingscode", "niveau"),
        DifferentFrom("emailadres_2", "emailadres"),
        ExactlyOnePerGroup("emailadres", "hoofdopleiding", "J"),
        UniqueTogether("emailadres", "opleidingscode"),
        NotIdentifying(*LABELS),
    ),
)
