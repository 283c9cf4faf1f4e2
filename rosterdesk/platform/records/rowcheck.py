"""One row from a form through exactly the checks of a file: a one-row ``Sheet`` into ``validate_sheet``.

The form's values become the data row under the profile's own header row, with the profile's
options, institution code and reference data, so every cell, row and file check of the profile
judges it as it would judge row 2 of an upload; nothing here knows a rule of its own. The
normalised values come from the engine's ``RecordWriter`` (the same sink that writes a version's
records), so a value typed in a form is stored exactly as the same value in a file would be.

What the engine reports is mapped back to the form: an issue with a column goes to that field,
one without (a file-level issue) to the top of the form.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field as dc_field
from pathlib import Path
from typing import Any

from rosterdesk.importers.engine import Settings, validate_sheet
from rosterdesk.importers.errors import RosterdeskError
from rosterdesk.importers.issues import Issue
from rosterdesk.importers.messages import render
from rosterdesk.importers.profile import Profile
from rosterdesk.importers.records import Key, RecordWriter, read_records
from rosterdesk.importers.reference import Reference
from rosterdesk.importers.sheet import Sheet
from rosterdesk.platform.web.i18n import translate


@dataclass(frozen=True)
class FormError:
    """One problem of a form: an engine issue or a records text (``text`` key), at ``field`` (None: the form)."""

    field: str | None
    severity: str
    issue: Issue | None = None
    text: str = ""
    params: dict[str, Any] = dc_field(default_factory=dict)

    def message(self, lang: str, profile: Profile) -> str:
        """The message in ``lang``, placed by the field's label rather than a cell reference."""
        if self.issue is None:
            return translate(self.text, lang, **self.params)
        issue = self.issue
        header = issue.column or ""
        if issue.type == "missing-value":
            return translate("records.field-required", lang, column=header)
        params: dict[str, Any] = {"where": header or translate("records.the-form", lang), "value": issue.value or "",
                                  "column": header, "row": issue.row, "cell": ""}
        params.update(issue.params)
        return render(issue.type, lang, params)


@dataclass
class RowCheck:
    """The verdict on one row: the normalised values when the engine could read them, and the problems."""

    profile: Profile
    raw: dict[str, str]
    options: dict[str, str]
    values: dict[str, Any] | None = None
    key: Key | None = None
    """The record key as a records file would have it (a ``RowKey`` when the key fields are empty)."""
    errors: list[FormError] = dc_field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.values is not None and not any(error.severity == "error" for error in self.errors)

    def of(self, field_name: str) -> list[FormError]:
        return [error for error in self.errors if error.field == field_name]

    @property
    def general(self) -> list[FormError]:
        return [error for error in self.errors if error.field is None]

    def add(self, field_name: str | None, text: str, **params: Any) -> None:
        self.errors.append(FormError(field_name, "error", None, text, params))


def check_row(profile: Profile, raw: Mapping[str, str], options: Mapping[str, str], *, institution: str | None,
              reference: Reference | None, today: dt.date) -> RowCheck:
    """Run one row (field -> text typed) through the profile's checks; blocking work, call it in a thread."""
    result = RowCheck(profile=profile, raw=dict(raw), options=dict(options))
    cells = [str(raw.get(column.field) or "").strip() for column in profile.columns]
    if not any(cells):
        result.add(None, "records.form-empty")
        return result
    header_row = list(profile.headers)
    rows: list[list[Any]] = [[""] * len(header_row) for _ in range(profile.header_row - 1)]
    rows += [header_row, cells]
    sheet = Sheet(format="csv", rows=iter(rows), name=profile.sheet_name)
    by_header = {column.header: column.field for column in profile.columns}
    with tempfile.TemporaryDirectory(prefix="rd-row-") as folder:
        target = Path(folder) / "row.records.jsonl.gz"
        writer = RecordWriter(target, profile)
        settings = Settings(institution=institution, reference=reference, options=dict(options), today=today,
                            sinks=(writer,))
        try:
            report = validate_sheet(profile, sheet, settings)
            if writer.started:
                writer.close()
                records = list(read_records(target))
                if records:
                    result.values = records[0].as_dict()
                    result.key = records[0].key
        except RosterdeskError:
            result.add(None, "records.form-unreadable")
            return result
        finally:
            writer.discard()
    for issue in report.issues:
        result.errors.append(FormError(by_header.get(issue.column or ""), issue.severity, issue))
    return result
