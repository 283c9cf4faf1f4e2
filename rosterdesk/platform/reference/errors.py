"""Why a set of DUO files was refused: which file, which line, what to fix, in Dutch and English."""

from __future__ import annotations

from rosterdesk.importers.errors import UnusableFile
from rosterdesk.platform.errors import PlatformError
from rosterdesk.platform.web.i18n import translate


class ReferenceRefused(PlatformError):
    """The whole import is refused; nothing was stored and the previous import stays in force.

    ``key`` names a text in ``web.i18n`` (``reference.refused-*``); ``params`` fill it. For a file
    the engine could not use, ``file``, ``line`` (1-based, 0 for the file as a whole) and the
    engine's own explanation in both languages are kept.
    """

    def __init__(self, key: str, *, file: str = "", line: int = 0, detail_nl: str = "", detail_en: str = "",
                 **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.file = file
        self.line = line
        self.detail_nl = detail_nl
        self.detail_en = detail_en
        self.params = params

    @classmethod
    def from_engine(cls, exc: UnusableFile) -> ReferenceRefused:
        """The engine's refusal (``reference-data-invalid``) with its file, line and reason."""
        params = exc.params
        detail_nl = str(params.get("detail_nl") or params.get("detail") or exc.type)
        detail_en = str(params.get("detail_en") or detail_nl)
        line = int(params.get("line") or 0)
        return cls("reference.refused-line" if line else "reference.refused-file", file=str(params.get("file", "")),
                   line=line, detail_nl=detail_nl, detail_en=detail_en)

    def message(self, lang: str) -> str:
        detail = self.detail_en if lang == "en" else self.detail_nl
        return translate(self.key, lang, file=self.file, line=self.line, detail=detail, **self.params)
