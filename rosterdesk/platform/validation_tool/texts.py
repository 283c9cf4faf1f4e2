"""Texts of the validation tool (seed 002), Dutch (default) and English; merged into ``i18n.TEXTS``."""

from __future__ import annotations

TOOL_TEXTS: dict[str, tuple[str, str]] = {
    "tool.link": ("Bestand controleren", "Check a file"),
    "tool.title": ("Bestand controleren: {profile}", "Check a file: {profile}"),
    "tool.heading": ("Voorbereiden en valideren upload", "Prepare and validate your upload"),
    "tool.intro": ("Deze tool controleert of je bestand klopt voordat je het uploadt.",
                   "This tool checks whether your file is right before you upload it."),
    "tool.nothing-stored": ("In deze tool worden geen gegevens opgeslagen.",
                            "No data is stored by this tool."),
    "tool.nothing-stored-detail": ("Je bestand wordt alleen tijdens de controle gelezen en daarna meteen "
                                   "verwijderd. Er komt niets van in de lijsten van je instelling.",
                                   "Your file is read only during the check and deleted right after. Nothing of "
                                   "it ends up in your institution's lists."),
    "tool.steps": ("Zo werkt het", "How it works"),
    "tool.step-1": ("Download het sjabloon.", "Download the template."),
    "tool.step-2": ("Vul de kolommen volgens de instructies in het sjabloon.",
                    "Fill in the columns as the template explains."),
    "tool.step-3": ("Sla het bestand op als {formats}.", "Save the file as {formats}."),
    "tool.step-4": ("Controleer het bestand hieronder.", "Check the file below."),
    "tool.step-5": ("Is de balk groen? Upload het bestand dan via ‘{upload}’.",
                    "Is the bar green? Then upload the file through ‘{upload}’."),
    "tool.templates": ("Sjablonen", "Templates"),
    "tool.template-help": ("Rij 1 zegt per kolom of die verplicht of optioneel is, rij 2 wat erin moet, rij 3 "
                           "bevat de kolomkoppen; je gegevens beginnen op rij 4.",
                           "Row 1 says for each column whether it is required or optional, row 2 what goes in "
                           "it, row 3 holds the column headers; your data starts on row 4."),
    "tool.download": ("Download sjabloon", "Download template"),
    "tool.check-this": ("Bestand controleren", "Check a file"),
    "tool.current": ("(deze pagina)", "(this page)"),
    "tool.choose": ("Bestand kiezen en controleren", "Choose and check the file"),
    "tool.submit": ("Bestand controleren", "Check file"),
    "tool.upload-link": ("Naar uploaden", "Go to upload"),
    "tool.result": ("Uitkomst van de controle", "Result of the check"),
    "tool.checked-file": ("Gecontroleerd bestand: {name}", "Checked file: {name}"),
    "tool.green": ("Je bestand is in orde: er zijn geen fouten gevonden in {rows} rijen. Je kunt het nu uploaden.",
                   "Your file is fine: no errors were found in {rows} rows. You can upload it now."),
    "tool.green-warnings": ("Je bestand is in orde: er zijn geen fouten gevonden in {rows} rijen. Er zijn "
                            "{warnings} waarschuwingen; die houden het uploaden niet tegen, maar kijk ze even na.",
                            "Your file is fine: no errors were found in {rows} rows. There are {warnings} "
                            "warnings; they do not stop the upload, but do have a look at them."),
    "tool.red": ("Je bestand is nog niet in orde: er zijn {errors} fouten gevonden in {rows} rijen. Pas de fouten "
                 "hieronder aan in je bestand, sla het op en controleer het opnieuw.",
                 "Your file is not right yet: {errors} errors were found in {rows} rows. Fix the errors below in "
                 "your file, save it and check it again."),
    "tool.unusable": ("Je bestand kon niet worden gecontroleerd. Lees hieronder waarom, pas het bestand aan en "
                      "probeer het opnieuw.",
                      "Your file could not be checked. Read below why, change the file and try again."),
    "tool.errors": ("Fouten", "Errors"),
    "tool.warnings": ("Waarschuwingen (houden het uploaden niet tegen)", "Warnings (they do not stop the upload)"),
    "tool.counts": ("Aantal per soort", "Count by type"),
    "tool.capped": ("Van deze soort staan de eerste {shown} hier; het bestand bevat er {count}. Los deze op en "
                    "controleer opnieuw om de rest te zien.",
                    "The first {shown} of this type are listed here; the file holds {count}. Fix these and check "
                    "again to see the rest."),
    "tool.no-file": ("Je hebt nog geen bestand gekozen. Klik op ‘Kies bestand’ en kies het bestand dat je wilt "
                     "controleren.",
                     "You have not chosen a file yet. Click ‘Choose file’ and pick the file you want to check."),
    "tool.empty-file": ("Het gekozen bestand is leeg (0 bytes). Kies het bestand waarin je de gegevens hebt gezet.",
                        "The chosen file is empty (0 bytes). Choose the file that holds your data."),
    "tool.too-large": ("Het bestand is groter dan de toegestane {size}. Er is niets gecontroleerd en niets bewaard.",
                       "The file is larger than the allowed {size}. Nothing was checked and nothing was stored."),
    "tool.failed": ("De controle kon nu niet worden uitgevoerd. Er is niets bewaard. Probeer het over een paar "
                    "minuten opnieuw; lukt het dan nog niet, neem contact op met de helpdesk.",
                    "The check could not be done right now. Nothing was stored. Try again in a few minutes; if it "
                    "still fails, contact the helpdesk."),
    "tool.option-missing": ("Kies bij ‘{option}’ een waarde uit de lijst en controleer het bestand opnieuw.",
                            "Choose a value from the list for ‘{option}’ and check the file again."),
    "tool.back": ("Terug naar de controle", "Back to the check"),
}
