"""Texts of step 5's missing programmes, the counts after confirming and the privacy erasure (nl, en).

The reasons are the NSE portal's words (seed 000, step 5); "< 5" is the seed's rule that groups
under five are never shown (seed 001). ``i18n`` merges these into its one table.
"""

from __future__ import annotations

NSE_TEXTS: dict[str, tuple[str, str]] = {
    # step 5: missing programmes
    "step5.missing-title": ("Opleidingen die niet in het bestand staan", "Programmes not in the file"),
    "step5.missing-intro": ("Deze opleidingscodes staan in RIO onder de OIE-code van je instelling, maar niet in het "
                            "bestand. Geef per opleiding aan waarom ze niet in het bestand staat. Staat een opleiding "
                            "er ten onrechte niet in? Klik dan op ‘Nee, opnieuw beginnen’, vul je bestand aan en "
                            "doorloop de stappen opnieuw.",
                            "These programme codes are listed in RIO under your institution's OIE code, but are not "
                            "in the file. Say for each programme why it is not in the file. Is a programme missing "
                            "by mistake? Click ‘No, start again’, complete your file and go through the steps again."),
    "step5.none-missing": ("Alle opleidingen van je instelling in RIO staan in het bestand.",
                           "Every programme of your institution in RIO is in the file."),
    "step5.not-checked": ("Er zijn (nog) geen RIO-gegevens ingelezen, dus er is niet gecontroleerd of er opleidingen "
                          "ontbreken.",
                          "No RIO data has been imported (yet), so it was not checked whether programmes are "
                          "missing."),
    "step5.code": ("Opleidingscode", "Programme code"),
    "step5.name": ("Opleiding", "Programme"),
    "step5.reason": ("Reden", "Reason"),
    "step5.reason-for": ("Reden voor {code} {name}", "Reason for {code} {name}"),
    "step5.other-for": ("Toelichting bij ‘Andere reden’ voor {code}", "Explanation of ‘Other reason’ for {code}"),
    "step5.other-help": ("Alleen nodig bij ‘Andere reden’.", "Only needed for ‘Other reason’."),
    "step5.choose-reason": ("Kies een reden…", "Choose a reason…"),
    "step5.reason-required": ("Kies een reden waarom deze opleiding niet in het bestand staat.",
                              "Choose why this programme is not in the file."),
    "step5.other-required": ("Je koos ‘Andere reden’: schrijf in het tekstveld wat de reden is.",
                             "You chose ‘Other reason’: write the reason in the text field."),
    "step5.reasons-missing": ("Het bestand is niet bevestigd: bij {count} opleiding(en) ontbreekt nog een reden. Vul "
                              "die hieronder aan en klik opnieuw op ‘Ja, bevestigen’.",
                              "The file was not confirmed: {count} programme(s) still need a reason. Fill them in "
                              "below and click ‘Yes, confirm’ again."),
    "step5.period-closed": ("Bevestigen kan niet meer: {period} De versie die al bevestigd was, blijft de actieve "
                            "versie; er is niets veranderd.",
                            "Confirming is no longer possible: {period} The version confirmed before stays the "
                            "active version; nothing was changed."),
    "reason.no-students-yet": ("Er zijn nog geen studenten", "There are no students yet"),
    "reason.no-students-any-more": ("Er zijn geen studenten meer, maar de opleiding bestaat nog wel",
                                    "There are no students any more, but the programme still exists"),
    "reason.no-public-enrolment": ("Het is geen opleiding met openbare inschrijving",
                                   "It is not a programme with public enrolment"),
    "reason.not-in-netherlands": ("De opleiding wordt niet in Nederland gegeven",
                                  "The programme is not taught in the Netherlands"),
    "reason.other": ("Andere reden", "Other reason"),
    "history.reasons": ("Redenen voor ontbrekende opleidingen ({count})", "Reasons for missing programmes ({count})"),
    # counts after confirming
    "counts.title": ("Aantal studenten per opleiding", "Number of students per programme"),
    "counts.intro": ("Zo veel studenten staan in deze versie, per opleiding en per vestiging. Groepen van minder dan "
                     "vijf studenten worden nooit getoond (‘< 5’).",
                     "This many students are in this version, per programme and per location. Groups of fewer "
                     "than five students are never shown (‘< 5’)."),
    "counts.complement": ("• verborgen, omdat anders een groep van minder dan vijf uit te rekenen zou zijn.",
                          "• hidden, because otherwise a group of fewer than five could be worked out."),
    "counts.location": ("Vestiging {number}", "Location {number}"),
    "counts.students": ("Studenten", "Students"),
    "counts.total": ("Totaal (een student met twee opleidingen telt twee keer)",
                     "Total (a student with two programmes counts twice)"),
    # privacy
    "privacy.erased-note": ("De e-mailadressen van deze versie zijn gewist op de bewaardatum; het oorspronkelijke "
                            "bestand is verwijderd. De aantallen blijven bewaard.",
                            "The e-mail addresses of this version were erased on the retention date; the original "
                            "file was deleted. The counts are kept."),
}
