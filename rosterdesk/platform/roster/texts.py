"""Texts of the import modes and the fate preview (step 5), Dutch (default) and English; merged into ``i18n.TEXTS``."""

from __future__ import annotations

ROSTER_TEXTS: dict[str, tuple[str, str]] = {
    "fates.new": ("nieuw", "new"),
    "fates.changed": ("gewijzigd", "changed"),
    "fates.unchanged": ("ongewijzigd", "unchanged"),
    "fates.skipped": ("overgeslagen", "skipped"),
    "fates.removed": ("wordt verwijderd", "to be removed"),
    "fates.error": ("fout", "error"),
    "fates.mode-legend": ("Hoe wil je importeren?", "How do you want to import?"),
    "fates.mode-new": ("Alleen nieuwe importeren", "Import new only"),
    "fates.mode-new-help": ("Voegt toe wie nog niet bestaat. Wie al bestaat, wordt overgeslagen: niet bijgewerkt en "
                            "niet verwijderd.",
                            "Adds whoever does not exist yet. Whoever exists already is skipped: not updated and "
                            "not removed."),
    "fates.mode-update": ("Bestaande bijwerken", "Update existing"),
    "fates.mode-update-help": ("Voegt nieuwe toe en werkt bestaande bij. Niemand wordt verwijderd.",
                               "Adds new ones and updates existing ones. Nobody is removed."),
    "fates.mode-sync": ("Synchroniseren", "Synchronise"),
    "fates.mode-sync-help": ("Voegt nieuwe toe, werkt bestaande bij en verwijdert wie niet in het bestand staat.",
                             "Adds new ones, updates existing ones and removes whoever is not in the file."),
    "fates.title": ("Wat er per rij gebeurt", "What happens to each row"),
    "fates.intro": ("Hieronder zie je per rij wat er gebeurt als je bevestigt. Er is nog niets gewijzigd.",
                    "Below you see for each row what happens when you confirm. Nothing has changed yet."),
    "fates.counts": ("Aantallen per uitkomst", "Counts per outcome"),
    "fates.row": ("Rij", "Row"),
    "fates.fate": ("Uitkomst", "Outcome"),
    "fates.record": ("Code", "Code"),
    "fates.details": ("Details", "Details"),
    "fates.not-in-file": ("niet in het bestand", "not in the file"),
    "fates.blocked": ("{count} rij(en) hebben een fout. Zolang er fouten zijn, wordt niets geïmporteerd: verbeter "
                      "die rijen in het bestand en upload het opnieuw. Zo komt nooit een halve lijst binnen.",
                      "{count} row(s) have an error. While there are errors nothing is imported: correct those rows "
                      "in the file and upload it again. That way half a list never comes in."),
    "fates.none": ("Het bestand heeft geen rijen.", "The file has no rows."),
    "fates.none-of-fate": ("Geen rijen met deze uitkomst.", "No rows with this outcome."),
    "fates.only": ("Toon alleen de rijen: {fate}", "Show only the rows: {fate}"),
    "fates.all": ("Toon alle rijen", "Show all rows"),
    "fates.unavailable": ("Het bestand van deze versie is niet meer bewaard; upload het opnieuw om te zien wat er "
                          "per rij gebeurt.",
                          "This version's file is no longer kept; upload it again to see what happens to each row."),
    "fates.page-of": ("Pagina {page} van {pages} ({total} rijen)", "Page {page} of {pages} ({total} rows)"),
    "fates.pages": ("Pagina's van de rijen", "Pages of the rows"),
    "fates.previous": ("Vorige", "Previous"),
    "fates.next": ("Volgende", "Next"),
    "fates.show": ("Toon wat er per rij gebeurt", "Show what happens to each row"),
    "fates.go": ("Verder naar bevestigen", "Go on to confirm"),
    "fates.confirm-intro": ("Door te bevestigen wordt de gekozen manier van importeren toegepast, precies zoals "
                            "hierboven per rij staat. Alles gebeurt in één keer: lukt een deel niet, dan verandert "
                            "er niets.",
                            "Confirming applies the chosen way of importing, exactly as shown for each row above. "
                            "It happens all at once: if any part fails, nothing changes."),
    "fates.applied": ("Geïmporteerd ({mode}):", "Imported ({mode}):"),
    "fates.unknown-student": ("Leerling {code} bestaat niet in de roosterimport. Importeer eerst de leerling "
                              "(Leerlingen en medewerkers importeren) en daarna de afdelingsdeelname.",
                              "Student {code} does not exist in the roster import. Import the student first "
                              "(Import students and staff), then the department participation."),
    "fates.not-a-student": ("{code} staat in de roosterimport, maar niet als leerling. Alleen leerlingen krijgen een "
                            "afdelingsdeelname: geef hem het type leerling of importeer hem met 'Toevoegen als "
                            "leerling'.",
                            "{code} is in the roster import, but not as a student. Only students get a department "
                            "participation: give them the type leerling or import them with 'Add as student'."),
}
