"""Texts of the CJP parts of the records page, Dutch (default) and English; merged into ``i18n.TEXTS``.

The column headers are the ones the seed's "beheer studenten" list shows (Voornaam, Achternaam,
E-mail, Leerjaar, Klasnaam, Status, Activatiecode), used by the list and the Excel export.
"""

from __future__ import annotations

HEADERS: dict[str, tuple[str, str]] = {
    "voornaam": ("Voornaam", "First name"),
    "achternaam": ("Achternaam", "Last name"),
    "email": ("E-mail", "E-mail"),
    "leerjaar": ("Leerjaar", "Year"),
    "klasnaam": ("Klasnaam", "Class"),
}
STATUS_HEADER = ("Status", "Status")
STATUS_LABELS: dict[str, tuple[str, str]] = {"Nieuw": ("Nieuw", "New"), "Uitgenodigd": ("Uitgenodigd", "Invited"),
                                            "Geactiveerd": ("Geactiveerd", "Activated")}
"""The stored CJP statuses (``statuses.py``, the seed's words) as pages and exports show them."""
CODE_HEADER = ("Activatiecode", "Activation code")

CJP_TEXTS: dict[str, tuple[str, str]] = {
    "cjp.add-student": ("Student toevoegen", "Add a student"),
    "cjp.add-teacher": ("Docent toevoegen", "Add a teacher"),
    "cjp.selection": ("Selectie", "Selection"),
    "cjp.selection-help": ("Vink records aan, of kies alle records die aan de zoekopdracht en het filter voldoen. "
                           "Een uitnodiging maakt per record een activatiecode en mailt die naar het e-mailadres; "
                           "zonder e-mailadres (of anoniem aangeleverd) exporteer je de codes en deel je ze zelf uit.",
                           "Tick records, or choose every record matching the search and filter. An invitation "
                           "makes an activation code per record and mails it to the e-mail address; without one "
                           "(or uploaded anonymously) you export the codes and hand them out yourself."),
    "cjp.all-matching": ("Alle {count} records die aan de zoekopdracht en het filter voldoen",
                         "All {count} records matching the search and filter"),
    "cjp.invite": ("Verstuur uitnodiging", "Send invitation"),
    "cjp.export": ("Exporteer naar Excel", "Export to Excel"),
    "cjp.export-help": ("Niets aangevinkt? Dan wordt de hele lijst geëxporteerd (met de zoekopdracht en het filter).",
                        "Nothing ticked? Then the whole list is exported (with the search and filter)."),
    "cjp.invited": ("Uitnodigingen verstuurd: {mailed}. Zonder e-mailadres: {unmailed} (code aangemaakt, niet "
                    "gemaild).",
                    "Invitations sent: {mailed}. Without an e-mail address: {unmailed} (code made, not mailed)."),
    "cjp.invited-again": ("Uitnodigingen verstuurd: {mailed}. Zonder e-mailadres: {unmailed} (code aangemaakt, niet "
                          "gemaild). Al eerder uitgenodigd: {reinvited}; zij houden hun code.",
                          "Invitations sent: {mailed}. Without an e-mail address: {unmailed} (code made, not "
                          "mailed). Invited before: {reinvited}; they keep their code."),
    "cjp.nothing-chosen": ("Er is niets uitgenodigd: vink eerst de records aan die je wilt uitnodigen, of kies alle "
                           "records die aan de zoekopdracht voldoen.",
                           "Nobody was invited: first tick the records you want to invite, or choose all records "
                           "matching the search."),
}
