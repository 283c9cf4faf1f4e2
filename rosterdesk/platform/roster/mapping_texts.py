"""Texts of the "Kolommen koppelen" step (label columns), Dutch (default) and English; merged into ``i18n.TEXTS``."""

from __future__ import annotations

MAPPING_TEXTS: dict[str, tuple[str, str]] = {
    "columns.step": ("Kolommen koppelen", "Label columns"),
    "columns.intro": ("Geef boven elke kolom aan welk veld erin staat, of kies 'negeren' voor een kolom die niet "
                      "ingelezen moet worden. Hieronder staan de eerste {count} rijen van het bestand. Je koppeling "
                      "wordt onthouden en de volgende keer voorgesteld.",
                      "Above each column, choose the field it holds, or 'ignore' for a column that should not be "
                      "read. Below are the first {count} rows of the file. Your labels are remembered and suggested "
                      "next time."),
    "columns.delimiter": ("Scheidingsteken", "Delimiter"),
    "columns.delimiter-help": ("Het teken tussen de kolommen. Het herkende teken is al gekozen; kies een ander als "
                               "de kolommen hieronder niet kloppen.",
                               "The character between the columns. The one recognised is chosen already; choose "
                               "another if the columns below look wrong."),
    "columns.delimiter-tab": ("Tab", "Tab"),
    "columns.delimiter-semicolon": ("Puntkomma (;)", "Semicolon (;)"),
    "columns.delimiter-comma": ("Komma (,)", "Comma (,)"),
    "columns.detected": ("{name} (herkend)", "{name} (recognised)"),
    "columns.reread": ("Opnieuw inlezen", "Read again"),
    "columns.table": ("De eerste rijen van {name}, met boven elke kolom het veld",
                      "The first rows of {name}, with the field above each column"),
    "columns.row": ("Rij", "Row"),
    "columns.header": ("Kolomkop in het bestand", "Header in the file"),
    "columns.field": ("Veld", "Field"),
    "columns.field-for": ("Veld voor kolom {letter} ({header})", "Field for column {letter} ({header})"),
    "columns.ignore": ("negeren", "ignore"),
    "columns.required": ("verplicht", "required"),
    "columns.no-header": ("geen kolomkop: wordt niet ingelezen", "no header: not read"),
    "columns.from-memory": ("vorige keer", "last time"),
    "columns.from-name": ("herkend aan de naam", "recognised by name"),
    "columns.required-fields": ("Verplichte velden: {fields}.", "Required fields: {fields}."),
    "columns.no-rows": ("Onder de kolomkoppen staan geen gegevens. Kies een ander scheidingsteken of een ander "
                        "bestand.",
                        "There is no data below the headers. Choose another delimiter or another file."),
    "columns.switch-add_as_student": ("Toevoegen als leerling", "Add as student"),
    "columns.switch-help-add_as_student": (
        "Voor een bestand zonder kolom 'type': elke rij wordt als leerling ingelezen, en dan mag de code alleen "
        "cijfers bevatten (zoals in het portaal). Laat uit als het bestand een kolom type heeft.",
        "For a file without a 'type' column: every row is read as a student, and then the code may hold digits "
        "only (as in the portal). Leave it off when the file has a type column."),
    "columns.submit": ("Koppeling opslaan en controleren", "Save the labels and check"),
    "columns.errors": ("De koppeling klopt nog niet. Pas haar aan en probeer het opnieuw:",
                       "The labels are not right yet. Change them and try again:"),
    "columns.changed-delimiter": ("Het scheidingsteken is gewijzigd, dus de kolommen zijn opnieuw ingelezen. "
                                  "Controleer de koppeling en kies opnieuw 'Koppeling opslaan en controleren'.",
                                  "The delimiter changed, so the columns were read again. Check the labels and "
                                  "choose 'Save the labels and check' again."),
    "columns.bad-field": ("Kolom '{header}' is gekoppeld aan '{field}', maar dat veld bestaat niet in {profile}. "
                          "Kies een veld uit de lijst of 'negeren'.",
                          "Column '{header}' is labelled '{field}', but {profile} has no such field. Choose a field "
                          "from the list or 'ignore'."),
    "columns.bad-delimiter": ("Onbekend scheidingsteken '{value}'. Kies tab, puntkomma of komma.",
                              "Unknown delimiter '{value}'. Choose tab, semicolon or comma."),
    "columns.bad-option": ("Onbekende waarde '{value}' voor '{option}'. Zet de schakelaar aan of uit.",
                           "Unknown value '{value}' for '{option}'. Switch it on or off."),
    "columns.unreadable": ("Het bestand kan met dit scheidingsteken niet gelezen worden: {reason}",
                           "The file cannot be read with this delimiter: {reason}"),
}
