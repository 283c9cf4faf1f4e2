"""Step 2 of the pipeline: do the column headers match the profile?

Headers are compared exactly (spaces and capitals count, as the NSE manual insists), but a near
miss gets a "did you mean" hint instead of a bare "missing" and "unexpected" pair. Order is only
judged once the set of headers is right, so one missing column does not flag every column after
it.

A profile whose user labels the columns (Zermelo's "Label de kolomkoppen", seed 004) passes a
column mapping instead: header as written in the file -> field, or ``None`` for a column to
ignore. Then the mapping decides, not the header's spelling (``check_mapped``).
"""

from __future__ import annotations

import difflib
import unicodedata
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from rosterdesk.importers.issues import Issue, Severity, column_letter
from rosterdesk.importers.kinds import is_blank
from rosterdesk.importers.profile import Profile


def header_text(raw: Any) -> str:
    """A header cell as text: NFC, numbers without '.0', but spaces kept (they count)."""
    if raw is None:
        return ""
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    text = raw if isinstance(raw, str) else str(raw)
    return unicodedata.normalize("NFC", text)


ColumnMapping = Mapping[str, str | None]
"""Header as written in the file -> the profile field its column is read as, or None: not read."""


def header_key(text: str) -> str:
    """A header compared case- and whitespace-insensitively: NFC, casefolded, without any whitespace.

    The key under which a mapping's headers are matched with the file's (" Leerling nummer" and
    "leerlingnummer" are one column), and under which a remembered mapping is stored.
    """
    return "".join(unicodedata.normalize("NFC", text).split()).casefold()


def _squash(text: str) -> str:
    return "".join(text.split()).casefold().replace("_", "").replace("-", "")


def _near_miss(found: str, candidates: Sequence[str]) -> str | None:
    squashed = _squash(found)
    if not squashed:
        return None
    for candidate in candidates:
        if _squash(candidate) == squashed:
            return candidate
    close = difflib.get_close_matches(squashed, [_squash(c) for c in candidates], n=1, cutoff=0.8)
    if close:
        return next(c for c in candidates if _squash(c) == close[0])
    return None


@dataclass
class StructureResult:
    issues: list[Issue] = field(default_factory=list)
    positions: dict[str, int] = field(default_factory=dict)
    headers: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(issue.severity == "error" for issue in self.issues)

    def matches(self) -> int:
        return len(self.positions)


def trimmed_headers(row: Sequence[Any]) -> list[str]:
    """Header texts without the blank cells at the end of the row."""
    headers = [header_text(cell) for cell in row]
    while headers and not headers[-1].strip():
        headers.pop()
    return headers


def check_structure(profile: Profile, row: Sequence[Any], mapping: ColumnMapping | None = None) -> StructureResult:
    """Compare one header row with the profile's columns, or apply the user's ``mapping`` to it."""
    headers = trimmed_headers(row)
    if mapping is not None:
        return check_mapped(profile, headers, mapping)
    result = StructureResult(headers=headers)
    issues = result.issues
    expected = list(profile.headers)
    by_header = {column.header: column for column in profile.columns}

    seen: dict[str, list[int]] = defaultdict(list)
    for index, header in enumerate(headers):
        if is_blank(header):
            issues.append(Issue("blank-header", "error", column=None,
                                cell=f"{column_letter(index)}{profile.header_row}",
                                params={"letter": column_letter(index)}))
            continue
        seen[header].append(index)
    for header, indexes in seen.items():
        if len(indexes) > 1:
            issues.append(Issue("duplicate-column", "error", column=header,
                                params={"found": header, "letters": ", ".join(column_letter(i) for i in indexes)}))

    missing = [h for h in expected if h not in seen]
    unknown = [(indexes[0], h) for h, indexes in seen.items() if h not in by_header]
    for index, header in sorted(unknown):
        guess = _near_miss(header, missing)
        if guess is not None:
            missing.remove(guess)
            issues.append(Issue("misspelled-column", "error", column=header,
                                cell=f"{column_letter(index)}{profile.header_row}",
                                params={"letter": column_letter(index), "found": header, "expected": guess}))
        else:
            severity: Severity = "error" if profile.header_policy == "exact" else "warning"
            issues.append(Issue("unexpected-column", severity, column=header,
                                cell=f"{column_letter(index)}{profile.header_row}",
                                params={"letter": column_letter(index), "found": header}))
    for header in missing:
        column = by_header[header]
        if profile.header_policy == "by_name" and not column.required:
            continue
        issues.append(Issue("missing-column", "error", column=header,
                            params={"expected": header, "letter": column_letter(expected.index(header))}))

    for header, indexes in seen.items():
        if header in by_header:
            result.positions[by_header[header].field] = indexes[0]

    if profile.header_policy == "exact":
        filled = [h for h in headers if not is_blank(h)]
        if len(filled) != len(expected):
            issues.insert(0, Issue("column-count", "error", params={"found": len(filled), "expected": len(expected)}))
        elif result.ok:
            for position, header in enumerate(expected):
                index = seen[header][0]
                if index != position:
                    issues.append(Issue("column-order", "error", column=header,
                                        cell=f"{column_letter(index)}{profile.header_row}",
                                        params={"found": header, "letter": column_letter(index),
                                                "expected_letter": column_letter(position)}))
    return result


def check_mapped(profile: Profile, headers: list[str], mapping: ColumnMapping) -> StructureResult:
    """The positions from a column mapping (keys matched with ``header_key``), and what is wrong with it.

    A mapped column is read as its field and an ignored one is not read at all, without a warning.
    A column the mapping does not mention is matched by name as under ``by_name`` (so the command
    line may label only the columns whose headers differ); unknown, it is a warning. Errors: a
    required field no column is labelled with, and a field two columns are labelled with. A
    header of the mapping that is not in the file is a warning (a typo on the command line).
    A column without a header cannot be labelled and is not read.
    """
    result = StructureResult(headers=headers)
    issues = result.issues
    by_key = {header_key(header): target for header, target in mapping.items()}
    by_header = {column.header: column for column in profile.columns}
    assigned: dict[str, list[int]] = defaultdict(list)
    used: set[str] = set()
    for index, header in enumerate(headers):
        if is_blank(header):
            continue
        key = header_key(header)
        if key in by_key:
            used.add(key)
            target = by_key[key]
            if target is not None:
                assigned[target].append(index)
        elif header in by_header:
            assigned[by_header[header].field].append(index)
        else:
            issues.append(Issue("unexpected-column", "warning", column=header,
                                cell=f"{column_letter(index)}{profile.header_row}",
                                params={"letter": column_letter(index), "found": header}))
    for header in mapping:
        if header_key(header) not in used:
            issues.append(Issue("mapped-column-not-found", "warning", params={"found": header}))
    for column in profile.columns:
        indexes = assigned.get(column.field, [])
        if len(indexes) > 1:
            issues.append(Issue("field-mapped-twice", "error", column=column.header,
                                params={"field": column.field, "letters": ", ".join(map(column_letter, indexes)),
                                        "found": ", ".join(f"'{headers[i]}'" for i in indexes)}))
        elif not indexes and column.required:
            issues.append(Issue("unmapped-field", "error", column=column.header, params={"field": column.field}))
        if indexes:
            result.positions[column.field] = indexes[0]
    return result
