"""Words and numbers shared by every export, in Dutch (default) and English.

Messages in the catalogue start with their place (``"Rij 17, kolom EMAILADRES (K17): ..."``).
Tables already have row, column and cell columns, so they show the message without that prefix
(``bare_message``); the text overview shows it once (``issue_line``). Values come from uploaded
files, so text meant for a terminal or a .txt file goes through ``printable`` first: a newline, a
right-to-left override or a zero-width space in a value must not reshape the overview.
"""

from __future__ import annotations

import re
from dataclasses import replace

from rosterdesk.importers.issues import Issue, Severity
from rosterdesk.importers.messages import language

# C0 and C1 controls, DEL, zero-width and bidi controls, line/paragraph separators, BOM.
_INVISIBLE = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")

VALUE_LIMIT = 200
"""Longest value shown inside a message; longer values are cut with an ellipsis."""


def is_english(lang: str | None) -> bool:
    return language(lang) == "en"


def number(value: int, lang: str | None) -> str:
    """A whole number with thousands separators as the reader expects: 100.000 (nl), 100,000 (en)."""
    text = f"{value:,}"
    return text if is_english(lang) else text.replace(",", ".")


def severity_word(severity: Severity | str, lang: str | None, count: int = 1) -> str:
    """'fout'/'fouten'/'waarschuwing(en)' or 'error(s)'/'warning(s)' for ``count`` items."""
    en = is_english(lang)
    if severity == "warning":
        if en:
            return "warning" if count == 1 else "warnings"
        return "waarschuwing" if count == 1 else "waarschuwingen"
    if en:
        return "error" if count == 1 else "errors"
    return "fout" if count == 1 else "fouten"


def printable(text: str) -> str:
    """``text`` with invisible and control characters shown as ``<U+XXXX>``."""
    return _INVISIBLE.sub(lambda match: f"<U+{ord(match.group()):04X}>", text)


def shortened(issue: Issue, limit: int = VALUE_LIMIT) -> Issue:
    """The issue with its value cut to ``limit`` characters, so one huge cell cannot flood a message."""
    if issue.value is None or len(issue.value) <= limit:
        return issue
    return replace(issue, value=issue.value[: limit - 1] + "…")


def has_place(issue: Issue) -> bool:
    return issue.row is not None or issue.column is not None or bool(issue.cell)


def bare_message(issue: Issue, lang: str | None) -> str:
    """The message without its leading place ('Rij 17, kolom X (K17): '), for tables and comments."""
    issue = shortened(issue)
    message = issue.message(lang or "nl")
    prefix = issue.where(lang or "nl") + ": "
    if message.startswith(prefix):
        return message[len(prefix):]
    return message


def issue_line(issue: Issue, lang: str | None) -> str:
    """One line of the overview: 'Rij 17, kolom EMAILADRES (K17): <message>'; file-level issues as is."""
    bare = bare_message(issue, lang)
    if not has_place(issue):
        return bare
    return f"{issue.where(lang or 'nl')}: {bare}"
