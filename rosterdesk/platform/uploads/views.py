"""What the wizard's pages show, computed from a version and its report: no I/O, no ORM calls.

The controllers fetch (through the scoped services) and these functions shape: which step a
state belongs to, the issues grouped by type with their counts, the filters, the download names.
Keeping them pure makes the page logic testable without a browser and keeps ``controllers.py``
about HTTP only.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from rosterdesk.importers.issues import Issue, Report
from rosterdesk.importers.profile import Profile

DOWNLOAD_KINDS = ("overview", "csv", "xlsx", "annotated")
EXAMPLES_PER_TYPE = 10
"""Rows shown per issue type on the result page; the downloads hold every kept issue."""
FILTERED_LIMIT = 200
"""Rows shown when the user filtered on one type or column."""

def steps(profile: Profile, current: int) -> list[dict[str, Any]]:
    """The wizard's steps for the stepper; step 5 is named after confirming for every profile.

    ``state`` is ``done``, ``current`` or ``todo`` so the template needs no arithmetic.
    """
    result = []
    for number in range(1, 6):
        state = "done" if number < current else "current" if number == current else "todo"
        key = "columns.step" if number == 3 and profile.column_mapping else f"wizard.step-{number}"  # roster.mapping
        result.append({"number": number, "key": key, "state": state})
    return result


def as_dict(value: Any) -> dict[str, Any]:
    """A JSON column as a dict, whether the ORM hands it over decoded or as text."""
    if isinstance(value, str):
        try:
            value = json.loads(value or "{}")
        except ValueError:
            return {}
    return dict(value) if isinstance(value, Mapping) else {}


def stored_report(value: Any) -> Report | None:
    """A report kept in a JSON column (``Report.to_storage``), or None when there is none."""
    data = as_dict(value)
    if not data or "issues" not in data:
        return None
    try:
        return Report.from_storage(data)
    except (KeyError, TypeError, ValueError):
        return None


@dataclass
class IssueRow:
    """One issue as a table row, rendered in the page's language."""

    type: str
    severity: str
    row: int | None
    column: str | None
    cell: str | None
    value: str | None
    message: str


@dataclass
class IssueGroup:
    """All shown issues of one type, with the exact count (which may exceed what is kept)."""

    type: str
    title: str
    severity: str
    count: int
    rows: list[IssueRow] = field(default_factory=list)

    @property
    def more(self) -> int:
        return max(self.count - len(self.rows), 0)


@dataclass
class ResultView:
    """The result of a check as the page shows it."""

    errors: int
    warnings: int
    rows: int
    groups: list[IssueGroup]
    types: list[dict[str, Any]]
    """Every type in the report: type, title, severity, exact count (for the summary and the filter)."""
    columns: list[str]
    chosen_type: str
    chosen_column: str
    filtered: bool

    @property
    def shown(self) -> int:
        return sum(len(group.rows) for group in self.groups)


def _row(issue: Issue, lang: str) -> IssueRow:
    return IssueRow(type=issue.type, severity=issue.severity, row=issue.row, column=issue.column, cell=issue.cell,
                    value=issue.value, message=issue.message(lang))


def result_view(report: Report, lang: str, *, chosen_type: str = "", chosen_column: str = "",
                per_type: int = EXAMPLES_PER_TYPE) -> ResultView:
    """Issues grouped by type (errors first, then by count), filtered by type and column.

    Unknown filter values (typed into the URL) are treated as "all": a filter can only narrow
    what the report already holds, never show something else.
    """
    kept_types = Counter(issue.type for issue in report.issues)
    counts = {t: max(report.counts.get(t, 0), kept_types[t]) for t in set(report.counts) | set(kept_types)}
    severity = {t: report.severity_of(t) for t in counts}
    order = sorted(counts, key=lambda t: (severity[t] != "error", -counts[t], t))
    types = [{"type": t, "title": Issue(t, "error").title(lang), "severity": severity[t], "count": counts[t]}
             for t in order]
    columns = sorted({issue.column for issue in report.issues if issue.column})
    chosen_type = chosen_type if chosen_type in counts else ""
    chosen_column = chosen_column if chosen_column in columns else ""
    filtered = bool(chosen_type or chosen_column)
    limit = FILTERED_LIMIT if filtered else per_type
    groups: dict[str, IssueGroup] = {}
    for issue_type in order:
        if chosen_type and issue_type != chosen_type:
            continue
        groups[issue_type] = IssueGroup(type=issue_type, title=Issue(issue_type, "error").title(lang),
                                        severity=severity[issue_type], count=counts[issue_type])
    for issue in report.issues:
        group = groups.get(issue.type)
        if group is None or (chosen_column and issue.column != chosen_column) or len(group.rows) >= limit:
            continue
        group.rows.append(_row(issue, lang))
    if chosen_column:
        for group in groups.values():
            group.count = sum(1 for issue in report.issues
                              if issue.type == group.type and issue.column == chosen_column)
        groups = {t: g for t, g in groups.items() if g.count}
    stats = report.stats
    return ResultView(errors=int(stats.get("errors", 0)), warnings=int(stats.get("warnings", 0)),
                      rows=int(stats.get("rows", 0)), groups=list(groups.values()), types=types, columns=columns,
                      chosen_type=chosen_type, chosen_column=chosen_column, filtered=filtered)


def issue_rows(report: Report | None, lang: str) -> list[IssueRow]:
    """Every kept issue of a (structure) report as rows, errors before warnings."""
    if report is None:
        return []
    ordered = sorted(report.issues, key=lambda issue: issue.severity != "error")
    return [_row(issue, lang) for issue in ordered]


def size_text(size: int, lang: str) -> str:
    """A byte count as people say it: '48 KB', '1,5 MB' (Dutch decimal comma)."""
    if size < 1024:
        text = f"{size} B"
    elif size < 1024 * 1024:
        text = f"{size / 1024:.0f} KB"
    else:
        text = f"{size / 1_048_576:.1f} MB".replace(".0 MB", " MB")
    return text if lang == "en" else text.replace(".", ",")


def formats_text(profile: Profile, lang: str) -> str:
    """The accepted formats in words, e.g. 'Excel-werkmap (.xlsx), CSV'."""
    names = {"xlsx": ("Excel-werkmap (.xlsx)", "Excel workbook (.xlsx)"), "xls": ("Excel 97-2003 (.xls)",) * 2,
             "ods": ("OpenDocument (.ods)",) * 2, "csv": ("CSV (.csv)",) * 2}
    order = ("xlsx", "xls", "ods", "csv")
    words = [names[f][1 if lang == "en" else 0] for f in order if f in profile.formats]
    return ", ".join(words)


def accept_attribute(profile: Profile) -> str:
    """The file input's ``accept``: a hint for the chooser, never trusted (content decides)."""
    return ",".join(f".{f}" for f in ("xlsx", "xls", "ods", "csv") if f in profile.formats)


def option_fields(profile: Profile, lang: str, chosen: Mapping[str, str] | None = None,
                  fixed: Mapping[str, str] | None = None, leave_out: Collection[str] = ()) -> list[dict[str, Any]]:
    """The profile's options as select fields: label, choices, the chosen or default value; ``fixed``
    ones (the school type from the membership, seed 003) are shown as text, not as a field; the
    ``leave_out`` ones are asked elsewhere (step 1 leaves the column-mapping step's switches to it)."""
    chosen = {**(chosen or {}), **(fixed or {})}
    return [{"key": option.key, "label": (option.help_en if lang == "en" else option.help_nl) or option.key,
             "choices": option.choices, "value": chosen.get(option.key, option.default or ""),
             "required": option.default is None, "fixed": option.key in (fixed or {})}
            for option in profile.options if option.key not in leave_out]


def read_options(profile: Profile, form: Mapping[str, Any], fixed: Mapping[str, str] | None = None
                 ) -> tuple[dict[str, str], str | None]:
    """The profile's options from a form: only known keys and listed values (A11); ``fixed`` ones
    come from the server, whatever the form says.

    Returns the options and, when one is missing or not in its list, the key of that option so
    the page can name the field to fix.
    """
    options: dict[str, str] = {}
    for option in profile.options:
        value = (fixed or {}).get(option.key, form.get(f"option_{option.key}"))
        if isinstance(value, str) and value in option.choices:
            options[option.key] = value
        elif value in (None, "") and option.default is not None:
            options[option.key] = option.default
        else:
            return options, option.key
    return options, None


def content_disposition(filename: str) -> str:
    """``attachment`` with an ASCII fallback and the UTF-8 name (RFC 6266 / 5987), F2-safe.

    The name is the one the server chose; control and bidi characters are removed anyway, so a
    stored name with a right-to-left override cannot disguise a download's extension.
    """
    cleaned = "".join(ch for ch in filename if unicodedata.category(ch)[0] != "C")
    cleaned = cleaned.replace("/", "_").replace("\\", "_").strip() or "download"
    ascii_name = unicodedata.normalize("NFKD", cleaned).encode("ascii", "ignore").decode()
    ascii_name = re.sub(r'[^A-Za-z0-9._ -]', "_", ascii_name).strip() or "download"
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(cleaned, safe='')}"


def safe_name(name: str | None) -> str:
    """A user's file name for display: control and bidi characters out, at most 120 characters.

    Jinja escapes HTML; this removes what escaping does not (F2: a right-to-left override that
    makes ``cod.xlsx.exe`` read as ``exe.xslx.doc``).
    """
    text = "".join(ch for ch in (name or "") if unicodedata.category(ch)[0] != "C")
    return text if len(text) <= 120 else text[:117] + "…"


@dataclass
class PreviewView:
    """Step 3: the header row and a few rows with the numbers they have in Excel."""

    headers: list[str]
    rows: list[tuple[int | None, list[str]]]


def preview_view(data: Any) -> PreviewView:
    """Accept the preview as the service gives it: a mapping with ``headers`` and ``rows``
    (each row a mapping with ``row`` and ``cells``/``values``, or a ``(number, cells)`` pair).
    """
    if isinstance(data, Mapping):
        headers = [str(h) for h in data.get("headers") or []]
        raw_rows: Iterable[Any] = data.get("rows") or []
    else:
        headers_attr = getattr(data, "headers", None)
        headers = [str(h) for h in headers_attr or []]
        raw_rows = getattr(data, "rows", None) or []
    rows: list[tuple[int | None, list[str]]] = []
    for item in raw_rows:
        if isinstance(item, Mapping):
            number = item.get("row", item.get("number"))
            cells: Sequence[Any] = item.get("cells", item.get("values")) or []
        elif isinstance(item, Sequence) and len(item) == 2 and isinstance(item[1], Sequence) and not isinstance(
                item[1], str):
            number, cells = item[0], item[1]
        else:
            number = getattr(item, "row", getattr(item, "number", None))
            cells = getattr(item, "cells", getattr(item, "values", ())) or ()
        rows.append((int(number) if isinstance(number, int) else None,
                     ["" if cell is None else str(cell) for cell in cells]))
    return PreviewView(headers=headers, rows=rows)
