"""The column spec: one declaration serves the checks, the template and the manual-add form."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Any

from rosterdesk.importers.kinds import (
    OK,
    Bsn,
    CellResult,
    Email,
    Kind,
    Problem,
    Text,
    is_blank,
    mask_digits,
    mask_email,
)


@dataclass(frozen=True)
class Column:
    """One column of a profile.

    ``header`` is the exact header text in the file; ``field`` the stable name used in records,
    forms and checks. ``required`` means every row needs a value; ``unique`` that a value may
    appear only once per file (e-mail case-insensitively). ``sensitive`` values are masked
    wherever they are shown (reports, logs, exports).
    """

    header: str
    field: str
    kind: Kind = dataclass_field(default_factory=Text)
    required: bool = False
    max_length: int | None = None
    max_words: int | None = None
    unique: bool = False
    sensitive: bool = False
    help_nl: str = ""
    help_en: str = ""
    example: str = ""

    @property
    def choices(self) -> tuple[str, ...]:
        return self.kind.choices

    def check(self, raw: Any) -> CellResult:
        """Judge one raw cell value; blank cells come back as ``(None, ())`` or a missing-value error."""
        if is_blank(raw):
            if self.required:
                return None, (("missing-value", "error", {}),)
            return None, OK
        value, problems = self.kind.check(raw)
        if value is not None and isinstance(value, str):
            extra = self._length_problems(value)
            if extra:
                return None, problems + extra
        return value, problems

    def all_plain(self, values: Collection[Any]) -> bool:
        """True only when ``check(raw) == (raw, OK)`` for every one of ``values``.

        The engine's fast path for a batch of distinct values: the kind vouches for their
        characters (``Kind.all_plain``), the column for the blank and length rules. False means
        "judge them one by one", never "invalid".
        """
        if None in values or "" in values or not self.kind.all_plain(values):
            return False
        if self.max_length is not None and max(map(len, values)) > self.max_length:
            return False
        return self.max_words is None or max(map(len, map(str.split, values))) <= self.max_words

    def _length_problems(self, value: str) -> tuple[Problem, ...]:
        found: list[Problem] = []
        if self.max_length is not None and len(value) > self.max_length:
            found.append(("too-long", "error", {"length": len(value), "limit": self.max_length}))
        if self.max_words is not None:
            words = len(value.split())
            if words > self.max_words:
                found.append(("too-many-words", "error", {"words": words, "limit": self.max_words}))
        return tuple(found)

    def display(self, text: str) -> str:
        """The value as it may be shown: masked when the column is sensitive."""
        if not self.sensitive:
            return text
        if isinstance(self.kind, Email):
            return mask_email(text)
        if isinstance(self.kind, Bsn):
            return mask_digits(text)
        return mask_digits(text)

    def help(self, lang: str) -> str:
        return self.help_en if lang == "en" else self.help_nl

    def rule(self, lang: str) -> str:
        """The column's rules in words, for the template and the docs."""
        parts = [self.kind.describe(lang)]
        if self.max_length:
            parts.append(f"max. {self.max_length} {'tekens' if lang == 'nl' else 'characters'}")
        if self.max_words:
            parts.append(f"max. {self.max_words} {'woorden' if lang == 'nl' else 'words'}")
        if self.unique:
            parts.append("uniek in het bestand" if lang == "nl" else "unique in the file")
        return "; ".join(parts)
