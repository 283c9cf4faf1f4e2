"""Issues and the report that collects them.

An ``Issue`` is one problem at one place: a stable ``type`` code, a severity, the position as the
user sees it in Excel (row number, column header, cell reference) and the offending value
(already masked when the column is sensitive). Its message is rendered on demand in Dutch or
English from the type's template in ``messages.py``, so one stored report serves both languages.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from rosterdesk.importers.messages import render, title

Severity = Literal["error", "warning"]
ERROR: Severity = "error"
WARNING: Severity = "warning"

DEFAULT_ISSUES_PER_TYPE = 1000


def column_letter(index: int) -> str:
    """Excel column letter for a 0-based column index (0 -> A, 26 -> AA)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@dataclass(slots=True)
class Issue:
    """One problem at one place in a file."""

    type: str
    severity: Severity
    row: int | None = None
    column: str | None = None
    cell: str | None = None
    value: str | None = None
    params: dict[str, Any] = field(default_factory=dict)

    def where(self, lang: str = "nl") -> str:
        """The place of the issue in words, e.g. 'Rij 17, kolom EMAILADRES (K17)'."""
        en = lang == "en"
        parts = []
        if self.row is not None:
            parts.append(f"{'Row' if en else 'Rij'} {self.row}")
        if self.column is not None:
            parts.append(f"{'column' if en else 'kolom'} {self.column}" if parts else
                         f"{'Column' if en else 'Kolom'} {self.column}")
        text = ", ".join(parts) or ("File" if en else "Bestand")
        if self.cell:
            text += f" ({self.cell})"
        return text

    def message(self, lang: str = "nl") -> str:
        """The full message in ``lang``: what is wrong, where, and how to fix it."""
        params = {"where": self.where(lang), "value": self.value if self.value is not None else "",
                  "column": self.column or "", "row": self.row, "cell": self.cell or ""}
        params.update(self.params)
        return render(self.type, lang, params)

    def title(self, lang: str = "nl") -> str:
        return title(self.type, lang)

    def to_dict(self, lang: str = "nl") -> dict[str, Any]:
        return {
            "type": self.type,
            "severity": self.severity,
            "row": self.row,
            "column": self.column,
            "cell": self.cell,
            "value": self.value,
            "message": self.message(lang),
        }

    def to_storage(self) -> dict[str, Any]:
        """A language-neutral form that ``from_storage`` turns back into the same issue."""
        return {"type": self.type, "severity": self.severity, "row": self.row, "column": self.column,
                "cell": self.cell, "value": self.value, "params": self.params}

    @classmethod
    def from_storage(cls, data: dict[str, Any]) -> Issue:
        return cls(type=data["type"], severity=data["severity"], row=data.get("row"), column=data.get("column"),
                   cell=data.get("cell"), value=data.get("value"), params=dict(data.get("params") or {}))


class IssueCollector:
    """Keeps the first ``limit`` issues of each type and exact counts of all of them.

    A file with a million bad rows must not produce a million stored issues: the counts stay
    exact, the kept examples are capped per type.
    """

    def __init__(self, limit_per_type: int = DEFAULT_ISSUES_PER_TYPE) -> None:
        self.limit = limit_per_type
        self.kept: list[Issue] = []
        self.counts: Counter[str] = Counter()
        self.severity_counts: Counter[str] = Counter()
        self._types_with_severity: dict[str, Severity] = {}

    def add(self, issue: Issue) -> None:
        count = self.counts[issue.type] + 1
        self.counts[issue.type] = count
        self.severity_counts[issue.severity] += 1
        self._types_with_severity[issue.type] = issue.severity
        if count <= self.limit:
            self.kept.append(issue)

    def extend(self, issues: Iterable[Issue]) -> None:
        for issue in issues:
            self.add(issue)

    def tally(self, not_kept: Mapping[tuple[str, Severity], int]) -> None:
        """Count issues that were found but never built (a reader's capped notes)."""
        for (type_, severity), count in not_kept.items():
            if count:
                self.counts[type_] += count
                self.severity_counts[severity] += count
                self._types_with_severity[type_] = severity

    @property
    def errors(self) -> int:
        return self.severity_counts["error"]

    @property
    def warnings(self) -> int:
        return self.severity_counts["warning"]


def _sort_key(issue: Issue) -> tuple[int, int, str, str]:
    # File- and column-level issues first, then by row; within a row by cell position.
    row = issue.row if issue.row is not None else -1
    cell = issue.cell or ""
    letters = "".join(ch for ch in cell if ch.isalpha())
    return (row, len(letters), letters, issue.type)


@dataclass
class Report:
    """The outcome of checking one file against one profile."""

    profile: str
    stats: dict[str, Any]
    issues: list[Issue]
    counts: dict[str, int] = field(default_factory=dict)
    stage: str = "content"

    @classmethod
    def build(cls, profile: str, stats: dict[str, Any], collector: IssueCollector, stage: str = "content") -> Report:
        issues = sorted(collector.kept, key=_sort_key)
        stats = dict(stats)
        stats["errors"] = collector.errors
        stats["warnings"] = collector.warnings
        return cls(profile=profile, stats=stats, issues=issues, counts=dict(collector.counts), stage=stage)

    @property
    def valid(self) -> bool:
        """A file is valid when it has no errors; warnings never block."""
        return int(self.stats.get("errors", 0)) == 0

    @property
    def truncated(self) -> dict[str, int]:
        """Issue types of which not every issue was kept: type -> number left out."""
        kept = Counter(issue.type for issue in self.issues)
        return {t: n - kept[t] for t, n in self.counts.items() if n > kept[t]}

    def severity_of(self, type: str) -> Severity:
        for issue in self.issues:
            if issue.type == type:
                return issue.severity
        return "error"

    def to_dict(self, lang: str = "nl") -> dict[str, Any]:
        """The JSON shape of the CLI and the API."""
        return {
            "valid": self.valid,
            "profile": self.profile,
            "stage": self.stage,
            "stats": self.stats,
            "counts": self.counts,
            "truncated": self.truncated,
            "issues": [issue.to_dict(lang) for issue in self.issues],
        }

    def to_storage(self) -> dict[str, Any]:
        return {"profile": self.profile, "stage": self.stage, "stats": self.stats, "counts": self.counts,
                "issues": [issue.to_storage() for issue in self.issues]}

    @classmethod
    def from_storage(cls, data: dict[str, Any]) -> Report:
        return cls(profile=data["profile"], stats=dict(data["stats"]), counts=dict(data.get("counts") or {}),
                   issues=[Issue.from_storage(item) for item in data["issues"]], stage=data.get("stage", "content"))

    def flatten(self, fields: Sequence[str] = ("row", "column", "type")) -> list[list[Any]]:
        """Issues as lists of the named fields: what tests compare."""
        return [[getattr(issue, name) for name in fields] for issue in self.issues]

    def errors(self) -> list[Issue]:
        return [issue for issue in self.issues if issue.severity == "error"]

    def warnings(self) -> list[Issue]:
        return [issue for issue in self.issues if issue.severity == "warning"]
