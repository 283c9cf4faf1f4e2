"""Every message the engine can show, in Dutch (default) and English.

One entry per issue type code. A message says what is wrong, where (``{where}``), and how to fix
it. Templates use ``str.format`` fields filled from the issue's parameters; a missing parameter
renders as ``?`` rather than failing, because a message must never crash a report.
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from typing import Any

LANGUAGES = ("nl", "en")
DEFAULT_LANGUAGE = "nl"


@dataclass(frozen=True, slots=True)
class Message:
    """Title and message template of one issue type, in both languages."""

    title_nl: str
    title_en: str
    nl: str
    en: str


M = Message

CATALOG: dict[str, Message] = {
    # -- the file as a whole (the file cannot be checked) --------------------------------------
    "empty-file": M(
        "Leeg bestand", "Empty file",
        "Het bestand is leeg (0 bytes). Kies het bestand opnieuw; sla het zo nodig eerst opnieuw op in Excel.",
        "The file is empty (0 bytes). Choose the file again; if needed, save it again in Excel first.",
    ),
    "file-too-large": M(
        "Bestand te groot", "File too large",
        "Het bestand is {size_mb} MB; de grens is {limit_mb} MB. Verwijder overbodige tabbladen, kolommen of "
        "opmaak en probeer het opnieuw.",
        "The file is {size_mb} MB; the limit is {limit_mb} MB. Remove unneeded sheets, columns or formatting and "
        "try again.",
    ),
    "not-a-spreadsheet": M(
        "Geen Excel- of CSV-bestand", "Not an Excel or CSV file",
        "Dit is geen Excel- of CSV-bestand maar {detected_nl}. Open de gegevens in Excel en sla ze op als "
        "{expected_nl}.",
        "This is not an Excel or CSV file but {detected_en}. Open the data in Excel and save it as {expected_en}.",
    ),
    "format-not-accepted": M(
        "Bestandsformaat niet toegestaan", "File format not accepted",
        "Dit bestand is {detected_nl}{named_as_nl}; voor {profile} is alleen {expected_nl} toegestaan. Open het "
        "bestand in Excel en kies 'Opslaan als' {expected_nl}.",
        "This file is {detected_en}{named_as_en}; {profile} accepts only {expected_en}. Open the file in Excel and "
        "use 'Save as' {expected_en}.",
    ),
    "extension-mismatch": M(
        "Bestandsnaam past niet bij de inhoud", "File name does not match its content",
        "De naam van het bestand eindigt op {extension}, maar het is {detected_nl}. Het is gelezen als {detected_nl}; "
        "geef het bestand de juiste extensie om verwarring te voorkomen.",
        "The file name ends in {extension}, but the file is {detected_en}. It was read as {detected_en}; give the file "
        "the right extension to avoid confusion.",
    ),
    "corrupt-file": M(
        "Bestand beschadigd", "File damaged",
        "Het bestand is beschadigd of onvolledig ({detected_nl}). Open het in Excel, sla het opnieuw op en upload "
        "het nog eens.",
        "The file is damaged or incomplete ({detected_en}). Open it in Excel, save it again and upload it once "
        "more.",
    ),
    "encrypted-workbook": M(
        "Bestand met wachtwoord", "Password-protected file",
        "Het bestand is met een wachtwoord beveiligd en kan daardoor niet gelezen worden. Haal de beveiliging weg "
        "(Bestand > Info > Werkmap beveiligen) en sla het opnieuw op.",
        "The file is protected with a password and cannot be read. Remove the protection (File > Info > Protect "
        "Workbook) and save it again.",
    ),
    "macro-workbook": M(
        "Bestand met macro's", "File with macros",
        "Het bestand bevat macro's ({detail}). Bestanden met macro's worden om veiligheidsredenen geweigerd. Sla "
        "het op als 'Excel-werkmap (*.xlsx)' zonder macro's.",
        "The file contains macros ({detail}). Files with macros are refused for safety. Save it as 'Excel "
        "Workbook (*.xlsx)' without macros.",
    ),
    "external-links": M(
        "Koppelingen naar andere bestanden", "Links to other files",
        "Het bestand bevat koppelingen naar andere werkmappen of bronnen. Verbreek de koppelingen (Gegevens > "
        "Koppelingen bewerken > Koppeling verbreken), sla op en upload opnieuw.",
        "The file contains links to other workbooks or sources. Break the links (Data > Edit Links > Break Link), "
        "save and upload again.",
    ),
    "zip-bomb": M(
        "Bestand niet veilig te lezen", "File cannot be read safely",
        "Het bestand wordt bij uitpakken onredelijk groot ({detail_nl}). Zo'n bestand wordt niet gelezen. Sla de "
        "gegevens op in een nieuw, gewoon Excel-bestand.",
        "The file expands to an unreasonable size ({detail_en}). Such a file is not read. Save the data in a new, "
        "plain Excel file.",
    ),
    "too-many-rows": M(
        "Te veel rijen", "Too many rows",
        "Het blad '{sheet}' heeft {rows} rijen; de grens is {limit}. Verwijder lege rijen onderaan het blad "
        "(selecteer ze en kies 'Verwijderen') of splits het bestand.",
        "Sheet '{sheet}' has {rows} rows; the limit is {limit}. Delete empty rows at the bottom of the sheet "
        "(select them and choose 'Delete') or split the file.",
    ),
    "too-many-columns": M(
        "Te veel kolommen", "Too many columns",
        "Het blad '{sheet}' loopt tot kolom {last_column} ({columns} kolommen); de grens is {limit}. Verwijder de "
        "lege kolommen rechts van uw gegevens.",
        "Sheet '{sheet}' reaches column {last_column} ({columns} columns); the limit is {limit}. Delete the empty "
        "columns to the right of your data.",
    ),
    "cell-too-long": M(
        "Cel met te veel tekst", "Cell with too much text",
        "Het bestand bevat een cel met {length} tekens; de grens is {limit}. Verwijder de lange tekst.",
        "The file contains a cell with {length} characters; the limit is {limit}. Remove the long text.",
    ),
    "resource-limit": M(
        "Bestand te zwaar om te lezen", "File too heavy to read",
        "Het lezen van het bestand had meer geheugen nodig dan toegestaan ({limit_mb} MB). Vaak komt dat door "
        "een cel ver buiten de gegevens (bijvoorbeeld XFD1048576) of een enorme tekst. Kopieer alleen de "
        "gegevens naar een nieuw bestand en upload dat.",
        "Reading the file needed more memory than allowed ({limit_mb} MB). This is usually caused by a cell far "
        "outside the data (for example XFD1048576) or a huge text. Copy only the data into a new file and upload "
        "that.",
    ),
    "timeout": M(
        "Controle duurde te lang", "Check took too long",
        "Het lezen van het bestand duurde langer dan {seconds} seconden en is afgebroken. Maak het bestand "
        "kleiner of eenvoudiger (geen opmaak, één tabblad) en probeer het opnieuw.",
        "Reading the file took longer than {seconds} seconds and was stopped. Make the file smaller or simpler "
        "(no formatting, one sheet) and try again.",
    ),
    "unreadable-file": M(
        "Bestand niet leesbaar", "File cannot be read",
        "Het bestand kon niet gelezen worden ({detail}). Open het in Excel, sla het opnieuw op als {expected_nl} en "
        "probeer het nog eens.",
        "The file could not be read ({detail}). Open it in Excel, save it again as {expected_en} and try again.",
    ),
    "binary-content": M(
        "Onleesbare tekens", "Unreadable characters",
        "Het tekstbestand bevat binaire tekens (NUL-bytes), dus het is geen gewoon CSV-bestand. Exporteer de "
        "gegevens opnieuw als CSV (UTF-8).",
        "The text file contains binary characters (NUL bytes), so it is not a plain CSV file. Export the data "
        "again as CSV (UTF-8).",
    ),
    "no-data": M(
        "Geen gegevens", "No data",
        "Het blad '{sheet}' bevat geen kolomkoppen of gegevens. Gebruik het sjabloon en vul vanaf rij {first_row} "
        "de gegevens in.",
        "Sheet '{sheet}' contains no column headers or data. Use the template and fill in the data from row "
        "{first_row}.",
    ),
    "no-sheets": M(
        "Geen zichtbaar tabblad", "No visible sheet",
        "De werkmap heeft geen zichtbaar werkblad met gegevens. Maak het tabblad met de gegevens zichtbaar en sla "
        "opnieuw op.",
        "The workbook has no visible worksheet with data. Unhide the sheet with the data and save again.",
    ),
    "unknown-profile": M(
        "Onbekend profiel", "Unknown profile",
        "Er is geen profiel '{slug}'. Kies een van: {known}.",
        "There is no profile '{slug}'. Choose one of: {known}.",
    ),
    "file-not-found": M(
        "Bestand niet gevonden", "File not found",
        "Het bestand '{path}' bestaat niet of kan niet geopend worden. Controleer het pad.",
        "The file '{path}' does not exist or cannot be opened. Check the path.",
    ),
    "bad-option": M(
        "Ongeldige optie", "Invalid option",
        "De optie '{option}' is ongeldig: {detail}. Gebruik een van de toegestane waarden.",
        "The option '{option}' is invalid: {detail}. Use one of the allowed values.",
    ),
    "bad-mapping": M(
        "Ongeldige kolomkoppeling", "Invalid column mapping",
        "De kolom '{header}' is gekoppeld aan '{field}', maar dat veld bestaat niet. Kies een van: {detail}, "
        "of '-' om de kolom te negeren.",
        "The column '{header}' is labelled '{field}', but that field does not exist. Choose one of: {detail}, or "
        "'-' to ignore the column.",
    ),
    "internal-error": M(
        "Interne fout", "Internal error",
        "Er ging iets mis in rosterdesk zelf; uw bestand is niet gewijzigd. Probeer het opnieuw of meld het aan de "
        "beheerder.",
        "Something went wrong inside rosterdesk; your file was not changed. Try again or tell the administrator.",
    ),
    "reference-data-invalid": M(
        "Referentiebestand ongeldig", "Reference file invalid",
        "Het referentiebestand {file} is ongeldig: regel {line}: {detail}. Gebruik de bestanden zoals DUO ze "
        "levert.",
        "The reference file {file} is invalid: line {line}: {detail}. Use the files exactly as DUO delivers them.",
    ),
    # -- reading notes ------------------------------------------------------------------------
    "other-sheets-ignored": M(
        "Andere tabbladen genegeerd", "Other sheets ignored",
        "Alleen het tabblad '{sheet}' is gelezen; {ignored} {ignored_count_word_nl} genegeerd. Zet alle gegevens op "
        "één tabblad.",
        "Only sheet '{sheet}' was read; {ignored} {ignored_count_word_en} ignored. Put all data on one sheet.",
    ),
    "encoding-assumed": M(
        "Tekencodering aangenomen", "Character encoding assumed",
        "Het bestand is niet in UTF-8 opgeslagen; het is gelezen als {encoding}. Controleer letters met accenten "
        "(é, ü) in het overzicht; sla het bestand bij twijfel op als 'CSV UTF-8'.",
        "The file is not saved as UTF-8; it was read as {encoding}. Check accented letters (é, ü) in the "
        "overview; when in doubt, save the file as 'CSV UTF-8'.",
    ),
    "unterminated-quote": M(
        "Aanhalingsteken niet gesloten", "Quote not closed",
        "{where}: een veld begint met een aanhalingsteken (\") dat niet gesloten wordt, zodat de rest van het "
        "bestand in één cel terechtkomt. Sluit het aanhalingsteken of haal het weg.",
        "{where}: a field starts with a quote (\") that is never closed, so the rest of the file ends up in one "
        "cell. Close the quote or remove it.",
    ),
    "too-many-cells": M(
        "Meer cellen dan kolommen", "More cells than columns",
        "{where}: deze rij heeft {cells} cellen maar er zijn {columns} kolomkoppen. Vaak staat er een "
        "scheidingsteken ({delimiter}) in een waarde: zet die waarde tussen aanhalingstekens of haal het teken weg.",
        "{where}: this row has {cells} cells but there are {columns} column headers. Usually a value contains "
        "the delimiter ({delimiter}): put that value in quotes or remove the character.",
    ),
    "data-without-header": M(
        "Gegevens zonder kolomkop", "Data without a column header",
        "Kolom {letter} bevat gegevens (eerst in rij {first_row}) maar heeft geen kolomkop. Verwijder de gegevens "
        "of de kolom, of zet er de juiste kolomkop boven.",
        "Column {letter} contains data (first in row {first_row}) but has no header. Delete the data or the "
        "column, or give it the right header.",
    ),
    # -- structure --------------------------------------------------------------------------
    "header-row-moved": M(
        "Kolomkoppen op de verkeerde rij", "Column headers on the wrong row",
        "De kolomkoppen staan op rij {found_row}, maar horen op rij {expected_row}. Verwijder de rijen erboven "
        "(of gebruik het sjabloon).",
        "The column headers are on row {found_row} but belong on row {expected_row}. Delete the rows above them "
        "(or use the template).",
    ),
    "column-count": M(
        "Aantal kolommen klopt niet", "Wrong number of columns",
        "Het bestand heeft {found} kolommen; het sjabloon heeft er {expected}. Gebruik precies de kolommen van het "
        "sjabloon.",
        "The file has {found} columns; the template has {expected}. Use exactly the template's columns.",
    ),
    "missing-column": M(
        "Kolom ontbreekt", "Column missing",
        "De kolom '{expected}' ontbreekt. Voeg die toe op de plaats van kolom {letter}, gespeld zoals in het "
        "sjabloon.",
        "The column '{expected}' is missing. Add it as column {letter}, spelled as in the template.",
    ),
    "misspelled-column": M(
        "Kolomkop verkeerd gespeld", "Column header misspelled",
        "Kolom {letter} heet '{found}'. Bedoelt u '{expected}'? Pas de kolomkop aan: die moet precies zo gespeld "
        "zijn als in het sjabloon, met dezelfde spaties en hoofdletters.",
        "Column {letter} is named '{found}'. Did you mean '{expected}'? Correct the header: it must be spelled "
        "exactly as in the template, with the same spaces and capitals.",
    ),
    "unexpected-column": M(
        "Onbekende kolom", "Unknown column",
        "Kolom {letter} heet '{found}'; die kolom hoort niet in dit bestand. Verwijder de kolom.",
        "Column {letter} is named '{found}'; that column does not belong in this file. Delete the column.",
    ),
    "duplicate-column": M(
        "Kolom dubbel", "Duplicate column",
        "De kolom '{found}' komt meer dan eens voor (kolommen {letters}). Houd er één over.",
        "The column '{found}' appears more than once (columns {letters}). Keep one.",
    ),
    "column-order": M(
        "Kolom op de verkeerde plaats", "Column in the wrong place",
        "De kolom '{found}' staat in kolom {letter} maar hoort in kolom {expected_letter}. Zet de kolommen in de "
        "volgorde van het sjabloon.",
        "The column '{found}' is in column {letter} but belongs in column {expected_letter}. Put the columns in "
        "the template's order.",
    ),
    "blank-header": M(
        "Kolomkop leeg", "Column header empty",
        "Kolom {letter} heeft geen kolomkop, terwijl er rechts nog kolommen volgen. Vul de kolomkop in of "
        "verwijder de kolom.",
        "Column {letter} has no header, while more columns follow to its right. Fill in the header or delete the "
        "column.",
    ),
    # -- the column mapping (profiles whose user labels the columns) ---------------------------
    "unmapped-field": M(
        "Veld niet gekoppeld", "Field not labelled",
        "Geen kolom is gekoppeld aan het verplichte veld '{field}'. Kies bij de kolom die deze gegevens bevat het "
        "veld '{field}'.",
        "No column is labelled with the required field '{field}'. Choose the field '{field}' for the column that "
        "holds this data.",
    ),
    "field-mapped-twice": M(
        "Veld dubbel gekoppeld", "Field labelled twice",
        "Het veld '{field}' is gekoppeld aan meer dan één kolom ({found}; kolommen {letters}). Kies het veld bij "
        "één kolom en zet de andere op 'negeren'.",
        "The field '{field}' is labelled on more than one column ({found}; columns {letters}). Choose the field "
        "for one column and set the others to 'ignore'.",
    ),
    "mapped-column-not-found": M(
        "Gekoppelde kolom niet gevonden", "Labelled column not found",
        "De koppeling noemt de kolom '{found}', maar het bestand heeft geen kolom met die kop. Controleer de "
        "spelling van de kolomkop.",
        "The mapping names the column '{found}', but the file has no column with that header. Check the spelling "
        "of the header.",
    ),
    # -- cells ------------------------------------------------------------------------------
    "formula": M(
        "Formule in cel", "Formula in a cell",
        "{where}: de cel bevat een formule ({formula}). Formules zijn niet toegestaan: kopieer de kolom en plak "
        "hem als waarden (Plakken speciaal > Waarden).",
        "{where}: the cell contains a formula ({formula}). Formulas are not allowed: copy the column and paste it "
        "as values (Paste Special > Values).",
    ),
    "missing-value": M(
        "Verplichte waarde ontbreekt", "Required value missing",
        "{where}: deze cel is leeg, maar {column} is verplicht. Vul een waarde in.",
        "{where}: this cell is empty, but {column} is required. Fill in a value.",
    ),
    "missing-value-conditional": M(
        "Waarde ontbreekt", "Value missing",
        "{where}: {column} is verplicht als {other} leeg is. Vul {column} of {other} in.",
        "{where}: {column} is required when {other} is empty. Fill in {column} or {other}.",
    ),
    "invalid-character": M(
        "Ongeldig teken", "Invalid character",
        "{where}: de waarde bevat een onzichtbaar of stuurteken ({character}). Typ de waarde opnieuw in.",
        "{where}: the value contains an invisible or control character ({character}). Type the value again.",
    ),
    "too-long": M(
        "Waarde te lang", "Value too long",
        "{where}: de waarde heeft {length} tekens; maximaal {limit} zijn toegestaan. Kort de waarde in.",
        "{where}: the value has {length} characters; at most {limit} are allowed. Shorten the value.",
    ),
    "too-many-words": M(
        "Te veel woorden", "Too many words",
        "{where}: de waarde heeft {words} woorden; maximaal {limit} zijn toegestaan. Kort de waarde in.",
        "{where}: the value has {words} words; at most {limit} are allowed. Shorten the value.",
    ),
    "invalid-format": M(
        "Ongeldige opmaak", "Invalid format",
        "{where}: '{value}' heeft niet de juiste vorm. Vul de waarde zo in: {hint_nl}",
        "{where}: '{value}' does not have the right form. Fill in the value like this: {hint_en}",
    ),
    "invalid-choice": M(
        "Ongeldige keuze", "Invalid choice",
        "{where}: '{value}' is geen toegestane waarde. Kies uit: {choices}.{suggestion_nl}",
        "{where}: '{value}' is not an allowed value. Choose from: {choices}.{suggestion_en}",
    ),
    "invalid-yes-no": M(
        "Geen J of N", "Not J or N",
        "{where}: '{value}' is geen geldige ja/nee-waarde. Vul {choices} in.",
        "{where}: '{value}' is not a valid yes/no value. Fill in {choices}.",
    ),
    "invalid-number": M(
        "Geen geheel getal", "Not a whole number",
        "{where}: '{value}' is geen geheel getal. Vul een getal in zonder letters, punten of komma's.",
        "{where}: '{value}' is not a whole number. Fill in a number without letters, dots or commas.",
    ),
    "out-of-range": M(
        "Getal buiten bereik", "Number out of range",
        "{where}: {value} ligt niet tussen {minimum} en {maximum}. Vul een getal van {minimum} tot en met "
        "{maximum} in.",
        "{where}: {value} is not between {minimum} and {maximum}. Fill in a number from {minimum} to {maximum}.",
    ),
    "invalid-digits": M(
        "Alleen cijfers toegestaan", "Digits only",
        "{where}: '{value}' moet bestaan uit {length_nl}. Verwijder letters, spaties en andere tekens.",
        "{where}: '{value}' must consist of {length_en}. Remove letters, spaces and other characters.",
    ),
    "leading-zeros-restored": M(
        "Voorloopnul aangevuld", "Leading zero restored",
        "{where}: de cel bevat het getal {original}; Excel heeft de voorloopnullen weggehaald. Gelezen als "
        "'{padded}'. Maak de kolom op als Tekst om dit te voorkomen.",
        "{where}: the cell holds the number {original}; Excel removed the leading zeros. Read as '{padded}'. Format "
        "the column as Text to avoid this.",
    ),
    "invalid-email": M(
        "Ongeldig e-mailadres", "Invalid e-mail address",
        "{where}: '{value}' is geen geldig e-mailadres: {reason_nl}. Vul een adres in zoals naam@school.nl.",
        "{where}: '{value}' is not a valid e-mail address: {reason_en}. Fill in an address like name@school.nl.",
    ),
    "invalid-date": M(
        "Ongeldige datum", "Invalid date",
        "{where}: '{value}' is geen geldige datum. Gebruik een Excel-datum of DD-MM-JJJJ (bijv. 31-12-2010).",
        "{where}: '{value}' is not a valid date. Use an Excel date or DD-MM-YYYY (e.g. 31-12-2010).",
    ),
    "age-out-of-range": M(
        "Leeftijd onwaarschijnlijk", "Implausible age",
        "{where}: met geboortedatum {value} is de leerling {age} jaar; verwacht is {minimum} tot {maximum} jaar. "
        "Controleer de datum (dag en maand omgedraaid?).",
        "{where}: with date of birth {value} the learner is {age} years old; expected is {minimum} to {maximum}. "
        "Check the date (day and month swapped?).",
    ),
    "invalid-bsn": M(
        "Ongeldig BSN", "Invalid BSN",
        "{where}: {value} is geen geldig burgerservicenummer ({reason_nl}). Controleer het nummer; een BSN heeft "
        "9 cijfers en voldoet aan de elfproef.",
        "{where}: {value} is not a valid citizen service number ({reason_en}). Check the number; a BSN has 9 "
        "digits and passes the 11-test.",
    ),
    "invalid-onderwijsnummer": M(
        "Ongeldig onderwijsnummer", "Invalid onderwijsnummer",
        "{where}: '{value}' is geen geldig onderwijsnummer ({reason_nl}). Controleer het nummer; een "
        "onderwijsnummer heeft 9 cijfers, begint met 10 en voldoet aan de elfproef.",
        "{where}: '{value}' is not a valid onderwijsnummer ({reason_en}). Check the number; an onderwijsnummer has "
        "9 digits, starts with 10 and passes the 11-test.",
    ),
    "invalid-brin": M(
        "Ongeldige BRIN-code", "Invalid BRIN code",
        "{where}: '{value}' is geen geldige BRIN/OIE-code. Vul de code in als 2 cijfers en 2 hoofdletters, "
        "bijv. 21PL.",
        "{where}: '{value}' is not a valid BRIN/OIE code. Fill in the code as 2 digits and 2 capital letters, e.g. "
        "21PL.",
    ),
    "invalid-postcode": M(
        "Ongeldige postcode", "Invalid postcode",
        "{where}: '{value}' is geen geldige Nederlandse postcode. Gebruik 4 cijfers en 2 letters, bijv. 1081 HV.",
        "{where}: '{value}' is not a valid Dutch postcode. Use 4 digits and 2 letters, e.g. 1081 HV.",
    ),
    # -- rows and files -----------------------------------------------------------------------
    "duplicate-value": M(
        "Dubbele waarde", "Duplicate value",
        "{where}: '{value}' komt ook voor in rij {other_rows}. Een {column} mag maar één keer in het bestand "
        "staan: verwijder of corrigeer de dubbele rijen.",
        "{where}: '{value}' also appears in row {other_rows}. A {column} may appear only once in the file: "
        "delete or correct the duplicate rows.",
    ),
    "duplicate-record": M(
        "Dubbele rij", "Duplicate row",
        "{where}: de combinatie {key} komt ook voor in rij {other_rows}. Elke combinatie mag maar één keer "
        "voorkomen: verwijder de dubbele rijen.",
        "{where}: the combination {key} also appears in row {other_rows}. Each combination may appear only once: "
        "delete the duplicate rows.",
    ),
    "same-as-other-column": M(
        "Gelijk aan andere kolom", "Same as another column",
        "{where}: {column} is gelijk aan {other}. Vul een ander adres in of laat {column} leeg.",
        "{where}: {column} is the same as {other}. Fill in a different address or leave {column} empty.",
    ),
    "main-programme-count": M(
        "Hoofdopleiding niet eenduidig", "Main programme not unique",
        "{where}: student {key} heeft {count} rijen met {column} = {flag} (rijen {rows}); het moeten er precies "
        "1 zijn. Zet bij precies één opleiding van deze student {flag}.",
        "{where}: student {key} has {count} rows with {column} = {flag} (rows {rows}); there must be exactly 1. "
        "Set {flag} on exactly one programme of this student.",
    ),
    "identifying-label": M(
        "Label identificeert respondenten", "Label identifies respondents",
        "Kolom {column}: elke ingevulde rij heeft een andere waarde ({count} rijen), zodat het label respondenten "
        "herkenbaar maakt. Gebruik een label dat groepen aanduidt (bijv. een faculteit) of laat de kolom leeg.",
        "Column {column}: every filled row has a different value ({count} rows), so the label identifies "
        "respondents. Use a label that marks groups (e.g. a faculty) or leave the column empty.",
    ),
    "choice-not-for-option": M(
        "Waarde past niet bij het schooltype", "Value does not fit the school type",
        "{where}: '{value}' hoort niet bij schooltype {option_value}. Kies uit: {choices}.",
        "{where}: '{value}' does not belong to school type {option_value}. Choose from: {choices}.",
    ),
    "wrong-institution": M(
        "Andere instelling", "Other institution",
        "{where}: '{value}' is niet de code van de instelling waarvoor u aanlevert ({expected}). Lever alleen "
        "studenten van uw eigen instelling aan.",
        "{where}: '{value}' is not the code of the institution you are submitting for ({expected}). Submit only "
        "students of your own institution.",
    ),
    "unknown-location-number": M(
        "Vestiging onbekend in RIO", "Location unknown in RIO",
        "{where}: BRIN-volgnummer {value} bestaat in RIO niet voor instelling {institution}. Gebruik een van de "
        "bekende nummers ({known}) of controleer de vestiging in RIO.",
        "{where}: location number {value} does not exist in RIO for institution {institution}. Use one of the "
        "known numbers ({known}) or check the location in RIO.",
    ),
    "location-mismatch": M(
        "Locatie wijkt af van RIO", "Location differs from RIO",
        "{where}: '{value}' komt niet overeen met RIO; voor vestiging {number} staat daar '{expected}'. Neem de "
        "plaatsnaam over zoals RIO die kent.",
        "{where}: '{value}' does not match RIO; for location {number} RIO has '{expected}'. Use the place name as "
        "RIO has it.",
    ),
    "unknown-programme": M(
        "Opleiding onbekend in RIO", "Programme unknown in RIO",
        "{where}: opleidingscode {value} is in RIO geen opleiding van instelling {institution}. Controleer de "
        "code in RIO (CROHO).",
        "{where}: programme code {value} is not a programme of institution {institution} in RIO. Check the code "
        "in RIO (CROHO).",
    ),
    "level-mismatch": M(
        "Niveau wijkt af van RIO", "Level differs from RIO",
        "{where}: '{value}' past niet bij opleiding {programme}; in RIO is dat een {expected}-opleiding. Vul "
        "{expected} in.",
        "{where}: '{value}' does not fit programme {programme}; in RIO that is a {expected} programme. Fill in "
        "{expected}.",
    ),
    "reference-checks-skipped": M(
        "RIO-controles overgeslagen", "RIO checks skipped",
        "Er is geen RIO-referentiedata beschikbaar, dus {checks_nl} zijn niet gecontroleerd. Laat de beheerder de "
        "DUO-bestanden importeren.",
        "No RIO reference data is available, so {checks_en} were not checked. Ask the administrator to import the "
        "DUO files.",
    ),
    "institution-check-skipped": M(
        "Instellingscode niet gecontroleerd", "Institution code not checked",
        "Er is geen instelling opgegeven, dus {column} is niet vergeleken met uw instelling. Geef de instelling "
        "op (of log in namens uw instelling) om dit te laten controleren.",
        "No institution was given, so {column} was not compared with your institution. Give the institution (or "
        "log in for your institution) to have it checked.",
    ),
    # -- reading (added with the readers) -------------------------------------------------------
    "unsafe-xml": M(
        "Verboden XML-constructie", "Forbidden XML construct",
        "Het bestand bevat XML met een DTD of zelfgedefinieerde entiteiten ({part}). Excel schrijft dat nooit en "
        "het kan misbruikt worden, dus het bestand is niet gelezen. Kopieer de gegevens naar een nieuwe "
        "Excel-werkmap (.xlsx) en upload die.",
        "The file contains XML with a DTD or self-defined entities ({part}). Excel never writes that and it can "
        "be abused, so the file was not read. Copy the data into a new Excel workbook (.xlsx) and upload that.",
    ),
    "encoding-mismatch": M(
        "Tekencodering past niet", "Character encoding does not fit",
        "Het bestand is niet te lezen als {encoding}: byte {position} past niet in die codering. Kies een andere "
        "tekencodering of laat die automatisch bepalen; sla het bestand bij twijfel op als 'CSV UTF-8'.",
        "The file cannot be read as {encoding}: byte {position} does not fit that encoding. Choose another "
        "encoding or let it be detected automatically; when in doubt, save the file as 'CSV UTF-8'.",
    ),
}


class _Lenient(string.Formatter):
    """A formatter that renders missing fields as '?' instead of raising."""

    def get_value(self, key: int | str, args: Any, kwargs: Any) -> Any:
        if isinstance(key, str):
            return kwargs.get(key, "?")
        return super().get_value(key, args, kwargs)


_formatter = _Lenient()


def language(lang: str | None) -> str:
    """Return a supported language code, falling back to Dutch."""
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def render(type: str, lang: str | None, params: dict[str, Any]) -> str:
    """Render the message of issue ``type`` in ``lang`` with ``params``."""
    entry = CATALOG.get(type)
    if entry is None:
        return type
    template = entry.en if language(lang) == "en" else entry.nl
    return _formatter.vformat(template, (), params)


def title(type: str, lang: str | None) -> str:
    """The short title of an issue type, for grouping in overviews."""
    entry = CATALOG.get(type)
    if entry is None:
        return type
    return entry.title_en if language(lang) == "en" else entry.title_nl


def register_message(type: str, message: Message) -> None:
    """Add the message of a check contributed by a plugin; existing types cannot be replaced."""
    if type in CATALOG and CATALOG[type] != message:
        raise ValueError(f"issue type {type!r} already has a message")
    CATALOG[type] = message
