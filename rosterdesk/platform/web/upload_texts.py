"""Texts of the upload wizard and the version history, Dutch (default) and English.

Kept apart from ``i18n.TEXTS`` so the wizard's many words do not bury the platform's; ``i18n``
merges them into one table, so templates use the one ``t()`` for both. The Dutch follows the NSE
portal's manual (seed 000) word for word where it has words: "Kies bestand", "Overzicht
downloaden", "Opnieuw beginnen", "Ja, ga verder", "Nee, opnieuw beginnen", "Ja, bevestigen".
Every message says what happened, where, and what to do next.
"""

from __future__ import annotations

UPLOAD_TEXTS: dict[str, tuple[str, str]] = {
    # the steps
    "wizard.step": ("Stap {number}", "Step {number}"),
    "wizard.steps": ("Uploadstappen", "Upload steps"),
    "wizard.step-1": ("Bestand kiezen", "Choose file"),
    "wizard.step-2": ("Vorm controleren", "Check the layout"),
    "wizard.step-3": ("Kolommen nakijken", "Look over the columns"),
    "wizard.step-4": ("Inhoud controleren", "Check the contents"),
    "wizard.step-5": ("Bevestigen", "Confirm"),
    "wizard.done": ("klaar", "done"),
    "wizard.current": ("huidige stap", "current step"),
    "wizard.history": ("Eerdere versies", "Earlier versions"),
    "wizard.back": ("Terug", "Back"),
    "wizard.start-again": ("Opnieuw beginnen", "Start again"),
    "wizard.no-start-again": ("Nee, opnieuw beginnen", "No, start again"),
    "wizard.start-again-help": ("Opnieuw beginnen verwijdert deze versie en het bestand uit de portal. Je begint "
                                "weer bij stap 1.",
                                "Starting again removes this version and its file from the portal. You begin at "
                                "step 1 again."),
    "wizard.next": ("Verder", "Continue"),
    "wizard.wrong-step": ("Dit kan nu niet: versie {number} heeft de status ‘{state}’. Hieronder zie je waar de versie "
                          "nu staat; ga van daaruit verder.",
                          "This cannot be done now: version {number} is ‘{state}’. Below you see where the version "
                          "stands now; carry on from there."),
    "wizard.version": ("Versie {number}", "Version {number}"),
    "wizard.file": ("Bestand", "File"),
    "wizard.viewer-note": ("Je kunt deze lijst bekijken, maar geen bestanden uploaden of bevestigen: daarvoor heb je "
                           "bij deze instelling de rol uploader of beheerder nodig. Vraag de beheerder van je "
                           "instelling erom als je dat wel moet doen.",
                           "You can look at this list, but not upload or confirm files: that needs the uploader or "
                           "administrator role at this institution. Ask your institution's administrator for it if "
                           "you need to."),
    # step 1
    "step1.intro": ("Op deze pagina lees je wat het bestand moet bevatten. Download het voorbeeldbestand (het "
                    "Excel-format), vul het in en upload het hieronder.",
                    "This page tells you what the file must contain. Download the example file (the Excel "
                    "format), fill it in and upload it below."),
    "step1.template": ("Voorbeeldbestand downloaden", "Download the example file"),
    "step1.template-help": ("Het voorbeeldbestand heeft de juiste kolomkoppen in de juiste volgorde, keuzelijsten "
                            "en een tabblad met uitleg per kolom.",
                            "The example file has the right column headers in the right order, drop-down lists and "
                            "a sheet explaining every column."),
    "step1.formats": ("Toegestane bestandsvormen: {formats}.", "Accepted file types: {formats}."),
    "step1.tip": ("Tip: maak je het bestand in een ander programma (bijvoorbeeld R of SPSS) en sla je het daar op "
                  "als xlsx-bestand? Open het daarna zelf even in Excel en sla het opnieuw op. Je weet dan zeker "
                  "dat het als Excel-bestand wordt herkend. Het bestand mag geen formules bevatten.",
                  "Tip: do you make the file in another program (for example R or SPSS) and save it there as an "
                  "xlsx file? Open it in Excel yourself afterwards and save it again. Then you know for sure it is "
                  "recognised as an Excel file. The file must not contain formulas."),
    "step1.tip-csv": ("Tip: bewaar het bestand in Excel met 'Opslaan als' en kies 'Tekst (tabs als "
                      "scheidingsteken)' of 'CSV UTF-8 (gescheiden door lijstscheidingsteken)'. Letters met accenten "
                      "blijven dan goed.",
                      "Tip: save the file in Excel with 'Save as' and choose 'Text (Tab delimited)' or 'CSV UTF-8 "
                      "(Comma delimited)'. Letters with accents then stay right."),
    "step1.columns-mapped": ("Na het uploaden geef je boven elke kolom van je bestand aan welk van deze velden erin "
                             "staat; je kolomkoppen en hun volgorde mogen anders zijn. De verplichte velden moeten "
                             "in het bestand staan.",
                             "After uploading you label each column of your file with one of these fields; your "
                             "headers and their order may differ. The required fields must be in the file."),
    "step1.columns": ("Kolommen in het bestand", "Columns in the file"),
    "step1.columns-intro": ("De kolomkoppen moeten precies zo gespeld zijn (ook spaties en hoofdletters) en in "
                            "deze volgorde staan.",
                            "The column headers must be spelled exactly like this (spaces and capitals too) and be "
                            "in this order."),
    "step1.columns-any-order": ("De verplichte kolommen moeten aanwezig zijn; de volgorde maakt niet uit.",
                                "The required columns must be present; their order does not matter."),
    "step1.header": ("Kolomkop", "Column header"),
    "step1.required": ("Verplicht", "Required"),
    "step1.optional": ("optioneel", "optional"),
    "step1.yes": ("ja", "yes"),
    "step1.explanation": ("Uitleg", "Explanation"),
    "step1.choose": ("Bestand kiezen en uploaden", "Choose and upload the file"),
    "step1.file": ("Kies bestand", "Choose file"),
    "step1.drop": ("Sleep je bestand hierheen of klik om een bestand te kiezen.",
                   "Drag your file here, or click to choose a file."),
    "step1.max-size": ("Hoogstens {size}.", "At most {size}."),
    "step1.chosen": ("Gekozen bestand:", "Chosen file:"),
    "step1.options": ("Instellingen voor dit bestand", "Settings for this file"),
    "step1.choose-option": ("Kies…", "Choose…"),
    "step1.submit": ("Uploaden en controleren", "Upload and check"),
    "step1.uploading": ("Bezig met uploaden…", "Uploading…"),
    "step1.no-file": ("Je hebt nog geen bestand gekozen. Klik op ‘Kies bestand’ of sleep je bestand naar het "
                      "vak, en klik dan op ‘Uploaden en controleren’.",
                      "You have not chosen a file yet. Click ‘Choose file’ or drag your file into the box, then "
                      "click ‘Upload and check’."),
    "step1.empty-file": ("Het gekozen bestand ‘{name}’ is leeg (0 bytes). Kies het bestand waarin je de gegevens "
                         "hebt opgeslagen.",
                         "The chosen file ‘{name}’ is empty (0 bytes). Choose the file in which you saved the "
                         "data."),
    "step1.option-missing": ("Kies bij ‘{option}’ een waarde uit de lijst en upload het bestand opnieuw.",
                             "Choose a value from the list for ‘{option}’ and upload the file again."),
    "step1.too-large": ("Het bestand is groter dan de toegestane {size}. Verwijder overbodige tabbladen, kolommen "
                        "of opmaak en upload het opnieuw, of neem contact op met de helpdesk.",
                        "The file is larger than the allowed {size}. Remove sheets, columns or formatting you do "
                        "not need and upload it again, or contact the helpdesk."),
    "step1.refused": ("Het bestand is niet opgeslagen: {reason}", "The file was not stored: {reason}"),
    "step1.open-version": ("Je bent nog bezig met versie {number} ({name}). Ga daarmee verder, of begin opnieuw.",
                           "You are still working on version {number} ({name}). Continue with it, or start again."),
    # step 2
    "step2.title": ("De vorm van het bestand", "The layout of the file"),
    "step2.ok": ("De vorm van het bestand klopt: {columns} kolommen met de juiste kolomkoppen. Klik op ‘Verder’ om "
                 "naar stap 3 te gaan.",
                 "The layout of the file is right: {columns} columns with the right headers. Click ‘Continue’ to go "
                 "to step 3."),
    "step2.failed": ("De vorm van het bestand klopt niet. Pas het bestand aan en begin opnieuw.",
                     "The layout of the file is not right. Correct the file and start again."),
    "step2.tip": ("Tip: kijk naar de foutmeldingen en open zo nodig het voorbeeldbestand. Let vooral op de spelling "
                  "(ook spaties en hoofdletters) en de volgorde van de kolomkoppen.",
                  "Tip: read the messages and open the example file if needed. Pay special attention to the "
                  "spelling (spaces and capitals too) and the order of the column headers."),
    "step2.download-help": ("Met ‘Overzicht downloaden’ krijg je de foutmeldingen als tekstbestand (.txt).",
                            "‘Download overview’ gives you the messages as a text file (.txt)."),
    "step2.warnings": ("Opmerkingen (deze houden je niet tegen)", "Remarks (these do not stop you)"),
    # step 3
    "step3.title": ("Staan de gegevens in de juiste kolommen?", "Are the data in the right columns?"),
    "step3.intro": ("Hieronder zie je {count} rijen die willekeurig uit je bestand zijn gekozen. Controleer op het "
                    "oog of de informatie in de juiste kolom staat. Vergeet niet naar rechts te scrollen om alle "
                    "kolommen te controleren.",
                    "Below are {count} rows chosen at random from your file. Check by eye that the information is "
                    "in the right column. Don't forget to scroll right to check every column."),
    "step3.table": ("Willekeurige rijen uit {name}", "Random rows from {name}"),
    "step3.row": ("Rij", "Row"),
    "step3.question": ("Klopt de indeling van het bestand?", "Is the layout of the file right?"),
    "step3.yes": ("Ja, ga verder", "Yes, continue"),
    "step3.no-rows": ("Het bestand heeft geen rijen met gegevens onder de kolomkoppen. Vul de gegevens in en "
                      "begin opnieuw.",
                      "The file has no rows of data below the column headers. Fill in the data and start again."),
    "step4.delayed": ("De controle is vertraagd: de achtergronddienst is nu niet bereikbaar. Je bestand is bewaard en "
                      "de controle start vanzelf zodra de dienst weer werkt. Je kunt deze pagina gerust sluiten; als "
                      "je later inlogt, kom je hier terug. Duurt het langer dan een uur, neem dan contact op met de "
                      "helpdesk.",
                      "The check is delayed: the background service cannot be reached right now. Your file has been "
                      "kept and the check starts by itself as soon as the service works again. You may close this "
                      "page; when you log in later you come back here. If it takes longer than an hour, contact the "
                      "helpdesk."),
    # step 4
    "step4.title": ("Controle van de inhoud", "Checking the contents"),
    "step4.running": ("De inhoud van het bestand wordt op de achtergrond gecontroleerd. Je kunt gerust iets anders "
                      "gaan doen en zelfs de browser sluiten: als je opnieuw inlogt, kom je direct terug in deze stap "
                      "en zie je het resultaat.",
                      "The contents of the file are being checked in the background. Feel free to do something "
                      "else, even close the browser: when you log in again you come straight back to this step "
                      "and see the result."),
    "step4.progress": ("{done} van {total} rijen gecontroleerd", "{done} of {total} rows checked"),
    "step4.progress-unknown": ("Bezig: {done} rijen gecontroleerd (het totaal is nog niet bekend).",
                               "Busy: {done} rows checked (the total is not known yet)."),
    "step4.started": ("De controle is begonnen: het bestand wordt gelezen.",
                      "The check has started: the file is being read."),
    "step4.waiting": ("De controle staat in de wachtrij en begint zo.", "The check is queued and starts shortly."),
    "step4.refresh": ("Pagina verversen", "Refresh page"),
    "step4.valid": ("Het bestand is goedgekeurd: er zijn geen fouten gevonden in {rows} rijen.",
                    "The file is approved: no errors were found in {rows} rows."),
    "step4.valid-warnings": ("Het bestand is goedgekeurd: er zijn geen fouten gevonden in {rows} rijen. Er zijn "
                             "{warnings} waarschuwingen; die houden je niet tegen, maar kijk ze wel even na.",
                             "The file is approved: no errors were found in {rows} rows. There are {warnings} "
                             "warnings; they do not stop you, but do look them over."),
    "step4.invalid": ("Het bestand bevat {errors} fouten in {rows} rijen. Pas het bestand aan en begin daarna "
                      "opnieuw bij stap 1.",
                      "The file has {errors} errors in {rows} rows. Correct the file, then start again at step 1."),
    "step4.failed": ("Het bestand kon niet worden verwerkt. {reason} Begin opnieuw met een ander bestand of neem "
                     "contact op met de helpdesk.",
                     "The file could not be processed. {reason} Start again with another file or contact the "
                     "helpdesk."),
    "step4.summary": ("Meldingen per soort", "Messages by type"),
    "step4.type": ("Soort melding", "Type of message"),
    "step4.severity": ("Ernst", "Severity"),
    "step4.count": ("Aantal", "Count"),
    "step4.error": ("fout", "error"),
    "step4.warning": ("waarschuwing", "warning"),
    "step4.details": ("Eerste rijen per soort melding", "First rows per type of message"),
    "step4.filter": ("Filteren", "Filter"),
    "step4.filter-type": ("Soort melding", "Type of message"),
    "step4.filter-column": ("Kolom", "Column"),
    "step4.all-types": ("Alle soorten", "All types"),
    "step4.all-columns": ("Alle kolommen", "All columns"),
    "step4.row": ("Rij", "Row"),
    "step4.column": ("Kolom", "Column"),
    "step4.cell": ("Cel", "Cell"),
    "step4.value": ("Waarde", "Value"),
    "step4.message": ("Melding", "Message"),
    "step4.file-level": ("hele bestand", "whole file"),
    "step4.more": ("Nog {count} meldingen van deze soort staan in de downloads.",
                   "{count} more messages of this type are in the downloads."),
    "step4.none-match": ("Geen meldingen bij deze filters. Kies ‘Alle soorten’ en ‘Alle kolommen’ om alles te zien.",
                         "No messages match these filters. Choose ‘All types’ and ‘All columns’ to see everything."),
    "step4.downloads": ("Downloads", "Downloads"),
    "step4.downloads-help": ("In deze bestanden zie je precies in welke rijen en cellen de fouten zitten.",
                             "These files show exactly which rows and cells hold the errors."),
    "step4.go-confirm": ("Verder naar bevestigen", "Continue to confirm"),
    "download.overview": ("Overzicht downloaden", "Download overview"),
    "download.csv": ("Meldingen als CSV", "Messages as CSV"),
    "download.xlsx": ("Meldingen als Excel", "Messages as Excel"),
    "download.annotated": ("Je eigen bestand met de fouten gemarkeerd", "Your own file with the errors marked"),
    "download.unavailable": ("Deze download is er niet (meer): het bestand van deze versie is verwijderd. Upload "
                             "het bestand opnieuw om een nieuw overzicht te krijgen.",
                             "This download is not available (any more): this version's file was removed. Upload the "
                             "file again to get a new overview."),
    # step 5 and the outcome
    "step5.title": ("Bestand bevestigen", "Confirm the file"),
    "step5.intro": ("Door het bestand te bevestigen, geef je aan dat het correct is aangeleverd. Deze versie wordt "
                    "dan de actieve versie en vervangt een eerder bevestigde versie.",
                    "By confirming the file you state that it was handed in correctly. This version then becomes "
                    "the active version and replaces an earlier confirmed version."),
    "step5.completeness": ("Controleer hieronder of alles in het bestand staat wat erin hoort.",
                           "Check below that everything that belongs in the file is in it."),
    "step5.unsure": ("Weet je het niet zeker? Klik dan op ‘Nee, opnieuw beginnen’ om terug te gaan naar stap 1.",
                     "Not sure? Click ‘No, start again’ to go back to step 1."),
    "step5.confirm": ("Ja, bevestigen", "Yes, confirm"),
    "step5.not-valid": ("Deze versie kan niet worden bevestigd: {reason} Begin opnieuw met een verbeterd bestand.",
                        "This version cannot be confirmed: {reason} Start again with a corrected file."),
    "step5.has-errors": ("het bestand bevat nog fouten.", "the file still has errors."),
    "confirmed.title": ("Je bestand is succesvol geüpload", "Your file was uploaded successfully"),
    "confirmed.text": ("Versie {number} is bevestigd door {who} op {when} en is nu de actieve versie. Je kunt tot "
                       "het einde van de uploadperiode een nieuw bestand uploaden; de laatste bevestigde versie "
                       "telt.",
                       "Version {number} was confirmed by {who} on {when} and is now the active version. You can "
                       "upload a new file until the end of the upload period; the last confirmed version counts."),
    "confirmed.new": ("Nieuw bestand uploaden", "Upload a new file"),
    "closed.superseded": ("Deze versie is vervangen door een nieuwere bevestigde versie.",
                          "This version was replaced by a newer confirmed version."),
    "closed.discarded": ("Deze versie is weggegooid (‘Opnieuw beginnen’); het bestand is verwijderd.",
                         "This version was discarded (‘Start again’); its file was removed."),
    # states
    "state.received": ("ontvangen", "received"),
    "state.structure-failed": ("vorm klopt niet", "layout wrong"),
    "state.previewed": ("vorm klopt", "layout right"),
    "state.checking": ("wordt gecontroleerd", "being checked"),
    "state.invalid": ("bevat fouten", "has errors"),
    "state.valid": ("goedgekeurd, niet bevestigd", "approved, not confirmed"),
    "state.confirmed": ("bevestigd (actief)", "confirmed (active)"),
    "state.superseded": ("vervangen", "replaced"),
    "state.discarded": ("weggegooid", "discarded"),
    "state.failed": ("kon niet worden verwerkt", "could not be processed"),
    # history
    "history.title": ("Versies: {profile}", "Versions: {profile}"),
    "history.intro": ("Elke upload is een versie. De bevestigde versie is de actieve; een nieuwe bevestiging "
                      "vervangt hem.",
                      "Every upload is a version. The confirmed version is the active one; a new confirmation "
                      "replaces it."),
    "history.none": ("Er zijn nog geen versies. Upload een bestand om te beginnen.",
                     "There are no versions yet. Upload a file to begin."),
    "history.version": ("Versie", "Version"),
    "history.who": ("Geüpload door", "Uploaded by"),
    "history.when": ("Wanneer (UTC)", "When (UTC)"),
    "history.file": ("Bestandsnaam", "File name"),
    "history.state": ("Status", "State"),
    "history.rows": ("Rijen", "Rows"),
    "history.errors": ("Fouten", "Errors"),
    "history.warnings": ("Waarschuwingen", "Warnings"),
    "history.open": ("Bekijken", "View"),
    "history.upload": ("Bestand uploaden", "Upload a file"),
    "history.compare": ("Twee versies vergelijken", "Compare two versions"),
    "history.compare-help": ("Kies een oudere en een nieuwere versie: je ziet welke records erbij zijn gekomen, "
                             "welke zijn verdwenen en welke velden zijn veranderd.",
                             "Choose an older and a newer version: you see which records were added, which were "
                             "removed and which fields changed."),
    "history.older": ("Oudere versie", "Older version"),
    "history.newer": ("Nieuwere versie", "Newer version"),
    "history.compare-submit": ("Vergelijken", "Compare"),
    "history.compare-same": ("Kies twee verschillende versies om te vergelijken.",
                             "Choose two different versions to compare."),
    "history.compare-unavailable": ("Versie {number} kan niet worden vergeleken: het bestand is er niet meer of de "
                                    "vorm klopte niet. Kies een versie met de status ‘goedgekeurd’, ‘bevat fouten’, "
                                    "‘bevestigd’ of ‘vervangen’.",
                                    "Version {number} cannot be compared: its file is gone or its layout was wrong. "
                                    "Choose a version whose state is ‘approved’, ‘has errors’, ‘confirmed’ or "
                                    "‘replaced’."),
    "diff.title": ("Verschil tussen versie {a} en versie {b}", "Difference between version {a} and version {b}"),
    "diff.summary": ("{added} toegevoegd, {removed} verwijderd, {changed} gewijzigd, {unchanged} ongewijzigd.",
                     "{added} added, {removed} removed, {changed} changed, {unchanged} unchanged."),
    "diff.added": ("Toegevoegd", "Added"),
    "diff.removed": ("Verwijderd", "Removed"),
    "diff.changed": ("Gewijzigd", "Changed"),
    "diff.record": ("Record", "Record"),
    "diff.field": ("Veld", "Field"),
    "diff.before": ("Was", "Was"),
    "diff.after": ("Wordt", "Becomes"),
    "diff.none": ("Geen.", "None."),
    "diff.more": ("En nog {count} meer.", "And {count} more."),
    "diff.no-key": ("Deze lijst heeft geen vaste sleutel per persoon (zoals een e-mailadres of leerlingnummer), "
                    "dus records worden per rijnummer vergeleken: een verschoven rij telt als gewijzigd.",
                    "This list has no fixed key per person (such as an e-mail address or learner number), so "
                    "records are compared by row number: a row that moved counts as changed."),
    # home tiles
    "home.versions": ("Eerdere versies", "Earlier versions"),
    "home.continue": ("Verder met versie {number}", "Continue with version {number}"),
}
