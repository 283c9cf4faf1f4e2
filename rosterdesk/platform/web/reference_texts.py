"""Texts of the reference data pages (RIO/CROHO imports, an institution's RIO data, creating an
institution from RIO) and of the upload periods, Dutch (default) and English.

Kept apart from ``i18n.TEXTS`` like the wizard's texts; ``i18n`` merges them into one table.
Every refusal says which file, which line and what to do, and that the previous data stays.
"""

from __future__ import annotations

KEPT_NL = "Er is niets veranderd: de vorige referentiegegevens blijven in gebruik."
KEPT_EN = "Nothing was changed: the previous reference data stays in use."

REFERENCE_TEXTS: dict[str, tuple[str, str]] = {
    "nav.reference": ("Referentiegegevens", "Reference data"),
    "nav.periods": ("Uploadperiodes", "Upload periods"),
    # the import page
    "reference.title": ("Referentiegegevens (RIO/CROHO)", "Reference data (RIO/CROHO)"),
    "reference.intro": ("De controles gebruiken de instellingen, opleidingen en vestigingen uit de nieuwste import "
                        "van DUO's bestanden. Een import wordt alleen in gebruik genomen als alle bestanden in orde "
                        "zijn.",
                        "The checks use the institutions, programmes and locations of the newest import of DUO's "
                        "files. An import is only taken into use when every file is in order."),
    "reference.upload": ("Nieuwe bestanden importeren", "Import new files"),
    "reference.files": ("DUO-bestanden of één zip", "DUO files or one zip"),
    "reference.files-help": ("Kies de vijf bestanden {required} (en eventueel {optional}) tegelijk, of één zip "
                             "waar ze in zitten. Hoogstens {limit} MB samen. Gebruik de bestanden precies zoals DUO "
                             "ze levert.",
                             "Choose the five files {required} (and optionally {optional}) together, or one zip "
                             "holding them. At most {limit} MB in total. Use the files exactly as DUO delivers "
                             "them."),
    "reference.submit": ("Importeren", "Import"),
    "reference.imported": ("Import {id} is in gebruik: {institutions} instellingen, {programmes} opleidingen en "
                           "{locations} vestigingen.",
                           "Import {id} is in use: {institutions} institutions, {programmes} programmes and "
                           "{locations} locations."),
    "reference.history": ("Eerdere imports", "Imports so far"),
    "reference.none": ("Er zijn nog geen referentiegegevens geïmporteerd. Tot de eerste import gebruiken de "
                       "controles de kleine voorbeeldset die bij rosterdesk hoort.",
                       "No reference data has been imported yet. Until the first import the checks use the small "
                       "sample set that comes with rosterdesk."),
    "reference.none-short": ("Er zijn nog geen referentiegegevens geïmporteerd.",
                             "No reference data has been imported yet."),
    "reference.id": ("Import", "Import"),
    "reference.when": ("Wanneer (UTC)", "When (UTC)"),
    "reference.who": ("Door", "By"),
    "reference.origin": ("Hoe", "How"),
    "reference.counts": ("Regels per bestand", "Rows per file"),
    "reference.totals": ("Instellingen / opleidingen / vestigingen", "Institutions / programmes / locations"),
    "reference.in-use": ("in gebruik", "in use"),
    "reference.origin-upload": ("upload", "upload"),
    "reference.origin-cli": ("opdrachtregel", "command line"),
    "reference.origin-seed": ("demo", "demo"),
    # refusals
    "reference.refused-line": ("{file}, regel {line}: {detail}. Gebruik het bestand precies zoals DUO het levert "
                               "(niet openen en opslaan in Excel of een teksteditor). " + KEPT_NL,
                               "{file}, line {line}: {detail}. Use the file exactly as DUO delivers it (do not open "
                               "and save it in Excel or a text editor). " + KEPT_EN),
    "reference.refused-file": ("{file}: {detail}. Gebruik het bestand precies zoals DUO het levert. " + KEPT_NL,
                               "{file}: {detail}. Use the file exactly as DUO delivers it. " + KEPT_EN),
    "reference.refused-missing": ("Niet alle bestanden zijn er: {missing} ontbreekt. Lever altijd alle vijf "
                                  "tegelijk aan: {required}. " + KEPT_NL,
                                  "Not every file is there: {missing} is missing. Always hand in all five "
                                  "together: {required}. " + KEPT_EN),
    "reference.refused-nothing": ("Kies eerst de bestanden (of één zip). " + KEPT_NL,
                                  "Choose the files (or one zip) first. " + KEPT_EN),
    "reference.refused-unknown": ("{file} is geen referentiebestand van DUO. Upload alleen {expected} (en eventueel "
                                  "Dec_vestnr_ho_compleet.asc), of één zip waar ze in zitten. " + KEPT_NL,
                                  "{file} is not one of DUO's reference files. Upload only {expected} (and "
                                  "optionally Dec_vestnr_ho_compleet.asc), or one zip holding them. " + KEPT_EN),
    "reference.refused-mixed": ("Upload óf losse bestanden óf één zip ({file}), niet allebei. " + KEPT_NL,
                                "Upload either single files or one zip ({file}), not both. " + KEPT_EN),
    "reference.refused-twice": ("{file} zit er twee keer in. Lever elk bestand één keer aan. " + KEPT_NL,
                                "{file} is there twice. Hand in each file once. " + KEPT_EN),
    "reference.refused-large": ("{file} is groter dan {limit} MB; dat is geen bestand van DUO. " + KEPT_NL,
                                "{file} is larger than {limit} MB; that is not a DUO file. " + KEPT_EN),
    "reference.refused-bad-zip": ("{file} is geen bruikbare zip (beschadigd of te veel bestanden). Pak hem zelf uit "
                                  "en upload de bestanden los. " + KEPT_NL,
                                  "{file} is not a usable zip (damaged or too many files). Unpack it yourself and "
                                  "upload the files one by one. " + KEPT_EN),
    "reference.refused-encrypted": ("{file} is met een wachtwoord beveiligd. Pak hem zelf uit en upload de bestanden "
                                    "los. " + KEPT_NL,
                                    "{file} is protected with a password. Unpack it yourself and upload the files "
                                    "one by one. " + KEPT_EN),
    "reference.refused-empty-zip": ("In {file} zit geen enkel referentiebestand van DUO ({expected}). " + KEPT_NL,
                                    "{file} holds none of DUO's reference files ({expected}). " + KEPT_EN),
    "reference.refused-no-folder": ("De map {folder} bestaat niet. " + KEPT_NL,
                                    "The folder {folder} does not exist. " + KEPT_EN),
    # an institution's RIO data
    "rio.title": ("{institution} in RIO", "{institution} in RIO"),
    "rio.intro": ("Zo staat {code} in de referentiegegevens van DUO (import {id} van {date}). Hiermee worden "
                  "OPLEIDINGSCODE, BRIN_VOLGNUMMER en LOCATIE in de NSE-bestanden gecontroleerd.",
                  "This is how {code} appears in DUO's reference data (import {id} of {date}). OPLEIDINGSCODE, "
                  "BRIN_VOLGNUMMER and LOCATIE in NSE files are checked against it."),
    "rio.no-code": ("Deze instelling heeft nog geen BRIN/OIE-code. Vraag de superbeheerder om die in te vullen.",
                    "This institution has no BRIN/OIE code yet. Ask the superadmin to fill it in."),
    "rio.unknown": ("{code} staat niet in de referentiegegevens van DUO. Controleer de BRIN/OIE-code van de "
                    "instelling.",
                    "{code} is not in DUO's reference data. Check the institution's BRIN/OIE code."),
    "rio.closed": ("Volgens RIO is deze instelling opgeheven op {date}.",
                   "According to RIO this institution closed on {date}."),
    "rio.programmes": ("Opleidingen ({count})", "Programmes ({count})"),
    "rio.locations": ("Vestigingen ({count})", "Locations ({count})"),
    "rio.none-programmes": ("RIO kent geen opleidingen van deze instelling.",
                            "RIO has no programmes of this institution."),
    "rio.none-locations": ("RIO kent geen vestigingen van deze instelling.",
                           "RIO has no locations of this institution."),
    "rio.code": ("Opleidingscode", "Programme code"),
    "rio.name": ("Naam", "Name"),
    "rio.level": ("Niveau", "Level"),
    "rio.kind": ("Soort", "Kind"),
    "rio.offered": ("Vestigingen", "Locations"),
    "rio.number": ("Volgnummer", "Number"),
    "rio.place": ("Plaats volgens RIO", "Place according to RIO"),
    "rio.municipality": ("Gemeente", "Municipality"),
    "rio.link": ("Opleidingen en vestigingen in RIO", "Programmes and locations in RIO"),
    # creating an institution from RIO
    "rio.search-title": ("Instelling uit RIO toevoegen", "Add an institution from RIO"),
    "rio.search-intro": ("Zoek op naam, plaats of BRIN/OIE-code. Naam, code en vestigingen worden in het formulier "
                         "ingevuld; je kunt ze daar nog aanpassen.",
                         "Search by name, place or BRIN/OIE code. Name, code and locations are filled in on the "
                         "form; you can still change them there."),
    "rio.search": ("Naam, plaats of code", "Name, place or code"),
    "rio.search-submit": ("Zoeken", "Search"),
    "rio.results": ("Gevonden in RIO", "Found in RIO"),
    "rio.no-results": ("Niets gevonden voor '{query}'. Probeer een deel van de naam of de code.",
                       "Nothing found for '{query}'. Try part of the name or the code."),
    "rio.more": ("Alleen de eerste {count} worden getoond; maak de zoekopdracht preciezer.",
                 "Only the first {count} are shown; make the search more precise."),
    "rio.inst-code": ("BRIN/OIE-code", "BRIN/OIE code"),
    "rio.inst-place": ("Plaats", "Place"),
    "rio.inst-programmes": ("Opleidingen", "Programmes"),
    "rio.inst-closed": ("opgeheven {date}", "closed {date}"),
    "rio.create": ("Toevoegen", "Add"),
    "rio.exists": ("bestaat al", "already exists"),
    "rio.from-rio": ("Uit RIO toevoegen", "Add from RIO"),
    "rio.prefilled": ("Ingevuld uit RIO ({code}). Controleer de gegevens en kies de lijsten.",
                      "Filled in from RIO ({code}). Check the details and choose the lists."),
    "rio.not-found": ("{code} staat niet in de referentiegegevens van DUO.", "{code} is not in DUO's reference data."),
    # upload periods
    "period.title": ("Uploadperiodes", "Upload periods"),
    "period.intro": ("Per lijst: van wanneer tot en met wanneer instellingen kunnen uploaden (Nederlandse tijd, "
                     "beide dagen tellen mee), en op welke dag de privacytaak de e-mailadressen wist. Tot het einde "
                     "van de periode kan een nieuwe versie de vorige vervangen. Zonder datums is uploaden altijd "
                     "mogelijk.",
                     "Per list: from when up to and including when institutions can upload (Dutch time, both days "
                     "included), and on which day the privacy job erases the e-mail addresses. Until the end of the "
                     "period a new version can replace the previous one. Without dates uploading is always "
                     "possible."),
    "period.opens": ("Open vanaf", "Opens on"),
    "period.closes": ("Open tot en met", "Open up to and including"),
    "period.retention": ("E-mailadressen wissen op", "Erase e-mail addresses on"),
    "period.state": ("Nu", "Now"),
    "period.save": ("Opslaan", "Save"),
    "period.saved": ("De periode van {profile} is opgeslagen.", "The period of {profile} was saved."),
    "period.unchanged": ("Er was niets veranderd aan de periode van {profile}.",
                         "Nothing changed in the period of {profile}."),
    "period.date-help": ("Als JJJJ-MM-DD; leeg laten voor geen grens.", "As YYYY-MM-DD; leave empty for no limit."),
    "period.date-invalid": ("Deze datum klopt niet. Gebruik JJJJ-MM-DD, bijvoorbeeld 2025-01-31.",
                            "This date is not right. Use YYYY-MM-DD, for example 2025-01-31."),
    "period.closes-before-opens": ("De periode sluit voordat hij opent. Kies een einddatum op of na de begindatum.",
                                   "The period closes before it opens. Choose an end date on or after the start "
                                   "date."),
    "period.retention-before-close": ("De e-mailadressen kunnen pas na het einde van de uploadperiode gewist "
                                      "worden. Kies een wisdatum na de einddatum.",
                                      "The e-mail addresses can only be erased after the upload period ends. Choose "
                                      "an erase date after the end date."),
    "period.state-open": ("De uploadperiode is open tot en met {closes}. Tot die dag kun je een nieuwe versie "
                          "uploaden; de laatste versie wordt gebruikt.",
                          "The upload period is open up to and including {closes}. Until that day you can upload a "
                          "new version; the last version is used."),
    "period.state-open-no-end": ("De uploadperiode is open. Je kunt een nieuwe versie uploaden; de laatste versie "
                                 "wordt gebruikt.",
                                 "The upload period is open. You can upload a new version; the last version is "
                                 "used."),
    "period.state-always-open": ("Uploaden kan altijd; er is geen uploadperiode ingesteld.",
                                 "Uploading is always possible; no upload period is set."),
    "period.state-not-yet-open": ("De uploadperiode is nog niet begonnen. Je kunt uploaden vanaf {opens}.",
                                  "The upload period has not started yet. You can upload from {opens}."),
    "period.state-closed": ("De uploadperiode is gesloten sinds het einde van {closes}. Uploaden kan niet meer; neem "
                            "contact op met de helpdesk als je nog iets moet aanpassen.",
                            "The upload period closed at the end of {closes}. Uploading is no longer possible; "
                            "contact the helpdesk if you still need to change something."),
}
