"""The uploads' exceptions and their messages (Dutch and English).

``UploadRefused`` is an ``UnusableFile``: the web shows it like any engine message, so a file
that is too large, a full disk or a bad option read the same as "this is not an Excel file".
The uploads' own messages use the engine's ``Message`` and rendering but live in ``MESSAGES``
here, not in the engine's ``CATALOG``: the catalog documents what the *engine* can say
(docs/issue-types.md is generated from it), and registering at import time would make that
depend on which modules a process happened to import. ``render_message`` looks in both.
``WrongState`` is an HTTP 409: a second click on "confirm", or a discard of a confirmed version,
gets the error page instead of a changed history.
"""

from __future__ import annotations

from typing import Any

from litestar.exceptions import ClientException
from litestar.status_codes import HTTP_409_CONFLICT

from rosterdesk.importers.errors import UnusableFile
from rosterdesk.importers.messages import Message, language, render, title

MESSAGES: dict[str, Message] = {
    "upload-too-large": Message(
        "Bestand te groot", "File too large",
        "Het bestand is groter dan {limit_mb} MB en is niet opgeslagen. Verwijder overbodige tabbladen, kolommen of "
        "opmaak en probeer het opnieuw.",
        "The file is larger than {limit_mb} MB and was not stored. Remove unneeded sheets, columns or formatting and "
        "try again.",
    ),
    "disk-full": Message(
        "Opslag vol", "Storage full",
        "Het bestand kon niet worden opgeslagen omdat de opslag van rosterdesk vol is. Er is niets bewaard. Probeer "
        "het later opnieuw; lukt het dan nog niet, neem contact op met de helpdesk.",
        "The file could not be stored because rosterdesk's storage is full. Nothing was kept. Try again later; if it "
        "still fails, contact the helpdesk.",
    ),
    "storage-error": Message(
        "Opslaan mislukt", "Storing failed",
        "Het bestand kon niet worden opgeslagen. Er is niets bewaard. Probeer het opnieuw; lukt het dan nog niet, "
        "neem contact op met de helpdesk.",
        "The file could not be stored. Nothing was kept. Try again; if it still fails, contact the helpdesk.",
    ),
    "check-failed": Message(
        "Controle mislukt", "Check failed",
        "Het bestand kon niet worden verwerkt: de controle is {attempts} keer mislukt. Sla het bestand opnieuw op in "
        "Excel en upload het nog eens; lukt het dan nog niet, neem contact op met de helpdesk.",
        "The file could not be processed: the check failed {attempts} times. Save the file again in Excel and upload "
        "it once more; if it still fails, contact the helpdesk.",
    ),
    "file-gone": Message(
        "Bestand niet meer bewaard", "File no longer kept",
        "Het oorspronkelijke bestand van deze versie is niet meer bewaard. Upload het bestand opnieuw.",
        "The original file of this version is no longer kept. Upload the file again.",
    ),
    "unknown-mode": Message(
        "Onbekende importmanier", "Unknown import mode",
        "Kies hoe de gegevens worden geïmporteerd (nieuwe importeren, bijwerken of synchroniseren) en bevestig "
        "opnieuw. Er is niets gewijzigd.",
        "Choose how the records are imported (new only, update or synchronise) and confirm again. Nothing was "
        "changed.",
    ),
    "row-errors": Message(
        "Rijen met fouten", "Rows with errors",
        "{count} rij(en) hebben een fout (gemarkeerd met 'fout'). Er is niets geïmporteerd: verbeter die rijen in "
        "het bestand en upload het opnieuw.",
        "{count} row(s) have an error (marked 'error'). Nothing was imported: correct those rows in the file and "
        "upload it again.",
    ),
}




class _Missing(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "?"


def render_message(type_code: str, lang: str | None, params: dict[str, Any]) -> str:
    """The message of ``type_code`` in ``lang``: the uploads' own, else the engine's."""
    own = MESSAGES.get(type_code)
    if own is None:
        return render(type_code, lang, params)
    template = own.en if language(lang) == "en" else own.nl
    return template.format_map(_Missing(params))


def render_title(type_code: str, lang: str | None) -> str:
    own = MESSAGES.get(type_code)
    if own is None:
        return title(type_code, lang)
    return own.title_en if language(lang) == "en" else own.title_nl


class UploadRefused(UnusableFile):
    """The upload was not stored: too large, disk full, bad option. Nothing was kept (R11)."""

    def message(self, lang: str = "nl") -> str:
        return render_message(self.type, lang, self.params)


class WrongState(ClientException):
    """The version is not in a state that allows this step (confirm a non-valid version, ...)."""

    status_code = HTTP_409_CONFLICT

    def __init__(self, state: str, action: str) -> None:
        super().__init__(detail=f"version is {state}; cannot {action}")
        self.state = state
        self.action = action
