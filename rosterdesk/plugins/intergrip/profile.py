"""Intergrip learner lists for transfer (seed 003), held for the helpdesk before loading."""

from __future__ import annotations

from rosterdesk.importers.checks import ChoicesByOption, RequiredUnless
from rosterdesk.importers.columns import Column
from rosterdesk.importers.kinds import Bsn, Choice, Date, Digits, Email, Integer, Onderwijsnummer, Postcode, Text
from rosterdesk.importers.profile import Option, Profile

LEVELS = {
    "VO": ("VMBO-BB", "VMBO-KB", "VMBO-GL", "VMBO-TL", "HAVO", "VWO"),
    "MBO": ("MBO-1", "MBO-2", "MBO-3", "MBO-4"),
}

PROFILE = Profile(
    slug="intergrip",
    title_nl="Intergrip-leerlinglijst",
    title_en="Intergrip learner list",
    tile_nl="Leerlingen aanleveren",
    tile_en="Submit learners",
    description_nl="Leerlingen voor de overstap (potentiële overstappers of niet-overstappers). De helpdesk "
                   "controleert de lijst voordat hij wordt geladen. Kolomtitels precies zoals in het sjabloon.",
    description_en="Learners for transfer (potential or non-transferring). The helpdesk checks the list before it is "
                   "loaded. Column titles exactly as in the template.",
    formats=frozenset({"xlsx", "xls", "csv"}),
    sheet_name="Leerlingen",
    review=True,
    record_key=("leerlingnummer",),
    options=(
        Option("school_type", ("VO", "MBO"), None, help_nl="Schooltype van de aanleverende school",
               help_en="School type of the submitting school"),
        Option("learner_kind", ("potentiele-overstapper", "niet-overstapper"), "potentiele-overstapper",
               help_nl="Soort leerling", help_en="Kind of learner"),
    ),
    columns=(
        Column("Leerlingnummer", "leerlingnummer", Digits(max_length=20), required=True, unique=True,
               example="200001", help_nl="Leerlingnummer van de school, alleen cijfers",
               help_en="The school's learner number, digits only"),
        Column("BSN", "bsn", Bsn(), sensitive=True, unique=True, example="111222333",
               help_nl="Burgerservicenummer (verplicht, tenzij Onderwijsnummer is ingevuld)",
               help_en="Citizen service number (required unless Onderwijsnummer is filled)"),
        Column("Onderwijsnummer", "onderwijsnummer", Onderwijsnummer(), sensitive=True, unique=True, example="",
               help_nl="Verplicht indien BSN niet beschikbaar is", help_en="Required when there is no BSN"),
        Column("Voorletters", "voorletters", Text(pattern=r"(?:[A-ZÀ-ÖØ-Ý][a-zß-öø-ÿ]{0,2}\.)+",
                                                  hint_nl="hoofdletters met punten, bijv. J.P.",
                                                  hint_en="capitals with dots, e.g. J.P."),
               required=True, max_length=20, example="J.P.", help_nl="Bijv. J.P.", help_en="E.g. J.P."),
        Column("Voornaam", "voornaam", Text(), required=True, max_length=100, example="Jan",
               help_nl="Roepnaam of eerste voornaam", help_en="Given name"),
        Column("Tussenvoegsel", "tussenvoegsel", Text(), max_length=20, example="van der",
               help_nl="Bijv. van der", help_en="E.g. van der"),
        Column("Achternaam", "achternaam", Text(), required=True, max_length=100, example="Berg",
               help_nl="Achternaam", help_en="Surname"),
        Column("Geboortedatum", "geboortedatum", Date(min_age=10, max_age=30), required=True, example="14-03-2011",
               help_nl="Datum; leeftijd 10 tot 30 jaar", help_en="Date; age 10 to 30"),
        Column("Geslacht", "geslacht", Choice(values=("M", "V", "X")), example="M",
               help_nl="M, V of X", help_en="M, V or X"),
        Column("Postcode", "postcode", Postcode(), example="1081 HV", help_nl="Nederlandse postcode",
               help_en="Dutch postcode"),
        Column("E-mailadres", "email", Email(), sensitive=True, example="jan@example.nl",
               help_nl="E-mailadres (optioneel)", help_en="E-mail address (optional)"),
        Column("Klas", "klas", Text(), required=True, max_length=20, example="4H2", help_nl="Klas, max. 20 tekens",
               help_en="Class, at most 20 characters"),
        Column("Leerjaar", "leerjaar", Integer(minimum=1, maximum=6), required=True, example="4",
               help_nl="1 tot en met 6", help_en="1 to 6"),
        Column("Niveau", "niveau", Choice(values=LEVELS["VO"] + LEVELS["MBO"]), required=True, example="HAVO",
               help_nl="VO: VMBO-BB, VMBO-KB, VMBO-GL, VMBO-TL, HAVO, VWO; MBO: MBO-1 t/m MBO-4",
               help_en="VO: VMBO-BB, VMBO-KB, VMBO-GL, VMBO-TL, HAVO, VWO; MBO: MBO-1 to MBO-4"),
    ),
    checks=(
        RequiredUnless("bsn", "onderwijsnummer"),
        ChoicesByOption("niveau", "school_type", LEVELS),
    ),
)
