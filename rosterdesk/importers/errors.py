"""The engine's exception tree.

Only ``UnusableFile`` and its relatives ever reach a caller: they carry a stable ``type`` code
and parameters so the message can be rendered in Dutch or English. Python exception texts are
never shown to users.
"""

from __future__ import annotations

from typing import Any


class RosterdeskError(Exception):
    """Base class of every error the engine raises on purpose."""


class UnusableFile(RosterdeskError):
    """The file cannot be checked at all (not a roster, too large, hostile, unreadable).

    ``type`` is a kebab-case code listed in docs/issue-types.md; ``params`` fill its message.
    """

    def __init__(self, type: str, **params: Any) -> None:
        self.type = type
        self.params = params
        super().__init__(type)

    def message(self, lang: str = "nl") -> str:
        from rosterdesk.importers.messages import render  # noqa: PLC0415 - messages imports this module

        return render(self.type, lang, self.params)

    def to_dict(self, lang: str = "nl") -> dict[str, Any]:
        return {"type": self.type, "message": self.message(lang)}


class UnknownProfile(RosterdeskError):
    """No registered profile has this slug."""

    def __init__(self, slug: str, known: list[str]) -> None:
        self.slug = slug
        self.known = known
        super().__init__(slug)


class ProfileDefinitionError(RosterdeskError):
    """A profile declaration is inconsistent (a programming error in a plugin, caught at load)."""


class RecordsFileError(RosterdeskError):
    """A records file (``rosterdesk.importers.records``) is not one, is damaged, or has another version.

    Records files are written by the program, never uploaded, so this is an operational fault
    (a truncated disk write, a file from a newer release): the text names no values.
    """
