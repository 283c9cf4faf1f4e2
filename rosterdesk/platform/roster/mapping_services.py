"""The "Kolommen koppelen" step (seed 004): read the file's columns, suggest labels, accept the user's labels.

For every profile with ``Profile.column_mapping``: after the upload (the version is ``received``) the
user picks the delimiter and labels each column with a field or "negeren". The suggestion for a
header is (a) what this institution chose for it last time, matched case- and space-insensitively
(``structure.header_key``), else (b) the field whose name the header is (the same way), else
"negeren". Submitting checks the structure with the mapping at once (the same engine step as
step 2), remembers the labels for the institution, and when the structure is right stores the
delimiter and mapping with the version and starts the content check, which the worker runs with
them (``uploads.tasks``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import anyio.to_thread

from rosterdesk.importers.errors import UnusableFile
from rosterdesk.importers.issues import Report
from rosterdesk.importers.profile import Profile
from rosterdesk.importers.sandbox import run_in_sandbox
from rosterdesk.importers.structure import header_key
from rosterdesk.importers.validate import DELIMITERS, IGNORE, check_options, validate_file
from rosterdesk.platform.audit import record
from rosterdesk.platform.auth.tables import User
from rosterdesk.platform.roster.mapping_read import first_rows
from rosterdesk.platform.roster.mapping_store import StoredMapping, remember, remembered, save_version_mapping
from rosterdesk.platform.tenants.tables import Institution
from rosterdesk.platform.uploads import services
from rosterdesk.platform.uploads.db import write_transaction
from rosterdesk.platform.uploads.errors import UploadRefused, WrongState
from rosterdesk.platform.uploads.runtime import current
from rosterdesk.platform.uploads.tables import Version
from rosterdesk.platform.uploads.tasks import build_request
from rosterdesk.platform.uploads.views import as_dict

SHOWN_ROWS = 5
NAMES = {value: name for name, value in DELIMITERS.items()}
"""Delimiter character -> its name in forms and texts (tab, semicolon, comma)."""
SWITCH_CHOICES = ("J", "N")
"""Profile options with these choices are shown on the step as a switch (on = J)."""


@dataclass(frozen=True)
class FileColumns:
    """What the step shows of the file: headers, the first rows, and the delimiter they were read with."""

    headers: list[str]
    rows: list[tuple[int, list[str]]]
    delimiter: str
    """Name of the delimiter used (tab, semicolon, comma), '' for a workbook."""
    detected: str
    """Name of the delimiter the reader recognised by itself."""
    format: str


@dataclass(frozen=True)
class Suggestion:
    """The field preselected for one column ('' = negeren) and why (``memory``, ``name`` or '')."""

    field: str
    source: str = ""


@dataclass
class Choice:
    """What the user submitted: the delimiter's name, header -> field (None: ignore), the switches."""

    delimiter: str
    columns: dict[str, str | None]
    selected: list[str]
    """Per column the field posted ('' = negeren), to show the form again as it was."""
    options: dict[str, str] = field(default_factory=dict)


class BadChoice(Exception):
    """A posted value that is not one of the offered choices (a tampered or stale form): answered with 400."""

    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


def delimiter_char(name: str | None) -> str | None:
    """The character for a delimiter name; None for no choice. Unknown names raise ``BadChoice``."""
    if not name:
        return None
    if name not in DELIMITERS:
        raise BadChoice("columns.bad-delimiter", value=name[:20])
    return DELIMITERS[name]


def detected_delimiter(version: Version) -> str:
    """The name of the delimiter the reader recognised at upload (step 2's structure check kept it)."""
    stats = as_dict(as_dict(version.structure_report).get("stats"))
    return NAMES.get(str(stats.get("delimiter") or ""), "")


async def read_columns(version: Version, profile: Profile, delimiter: str | None) -> FileColumns:
    """The first rows of the version's file, read in the sandbox with ``delimiter`` (a name; None: the
    one recognised at upload). Raises ``UploadRefused`` when the file is gone or cannot be read that way.
    """
    runtime = current()
    if not version.file_id:
        raise UploadRefused("file-gone")
    path = str(runtime.store.path(str(version.file_id)))
    detected = detected_delimiter(version)
    char = delimiter_char(delimiter or detected)
    try:
        data = await anyio.to_thread.run_sync(lambda: run_in_sandbox(
            first_rows, path, profile, filename=str(version.original_name), read_limits=runtime.limits,
            delimiter=char, count=SHOWN_ROWS, limits=runtime.limits))
    except UnusableFile as exc:
        raise UploadRefused(exc.type, **exc.params) from None
    return FileColumns(headers=list(data["headers"]), rows=[(int(n), list(cells)) for n, cells in data["rows"]],
                       delimiter=NAMES.get(str(data["delimiter"] or ""), ""), detected=detected,
                       format=str(data["format"]))


async def suggestions(institution: Institution, profile: Profile, headers: list[str]) -> list[Suggestion]:
    """Per column: the remembered field for its header, else the field it is named after, else negeren."""
    memory = await remembered(int(institution.id), profile.slug)
    fields = {column.field for column in profile.columns}
    by_name: dict[str, str] = {}
    for column in profile.columns:
        by_name.setdefault(header_key(column.field), column.field)
        by_name.setdefault(header_key(column.header), column.field)
    result = []
    named: set[str] = set()
    for header in headers:
        key = header_key(header)
        if not key:
            result.append(Suggestion(""))
        elif key in memory and (memory[key] in fields or memory[key] == ""):
            result.append(Suggestion(memory[key], "memory"))
        elif key in by_name and by_name[key] not in named:
            named.add(by_name[key])
            result.append(Suggestion(by_name[key], "name"))
        else:
            result.append(Suggestion(""))
    return result


def switches(profile: Profile) -> list[str]:
    """The keys of the profile's yes/no options, shown as switches on the step (roster CSV: add_as_student)."""
    return list(profile.mapping_switches)


def parse_choice(profile: Profile, headers: list[str], form: Mapping[str, Any]) -> Choice:
    """The posted delimiter, labels and switches; anything not offered raises ``BadChoice`` (a 400).

    ``column-<i>`` holds the field for the i-th column of ``headers`` (read again from the file with
    the posted delimiter, never taken from the form), ``-`` for negeren.
    """
    delimiter = str(form.get("delimiter") or "")
    delimiter_char(delimiter)
    fields = {column.field for column in profile.columns}
    columns: dict[str, str | None] = {}
    selected: list[str] = []
    for index, header in enumerate(headers):
        posted = str(form.get(f"column-{index}") or IGNORE).strip()
        if posted != IGNORE and posted not in fields:
            raise BadChoice("columns.bad-field", header=header[:60], field=posted[:60], profile=profile.title_nl)
        selected.append("" if posted == IGNORE else posted)
        if header_key(header):
            columns[header] = None if posted == IGNORE else posted
    options: dict[str, str] = {}
    for key in switches(profile):
        value = str(form.get(f"option_{key}") or "N")
        if value not in SWITCH_CHOICES:
            raise BadChoice("columns.bad-option", option=key, value=value[:20])
        options[key] = value
    return Choice(delimiter=delimiter, columns=columns, selected=selected, options=options)


def _check(version: Version, profile: Profile, institution_code: str, choice: Choice, options: dict[str, str]
           ) -> Report:
    """The structure check with the user's mapping and delimiter, in the sandbox (a worker thread waits)."""
    runtime = current()
    request = build_request(runtime, profile, institution_code, options, str(version.original_name),
                            structure_only=True, mapping=choice.columns, delimiter=delimiter_char(choice.delimiter))
    return validate_file(runtime.store.path(str(version.file_id)), request)


async def submit(version: Version, institution: Institution, profile: Profile, user: User, choice: Choice
                 ) -> Report:
    """Remember the labels, check the structure with them, and when it is right store them and start the check.

    Returns the structure report: valid means the version moved on to the content check; otherwise
    nothing about the version changed and the report's issues say what to fix. Raises ``WrongState``
    when the version is past this step, ``UploadRefused`` when the file is gone or unreadable.
    """
    if not version.file_id:
        raise UploadRefused("file-gone")
    options = check_options(profile, {**{str(k): str(v) for k, v in as_dict(version.options).items()},
                                      **choice.options})
    try:
        report = await anyio.to_thread.run_sync(_check, version, profile, str(institution.brin or ""), choice,
                                                options)
    except UnusableFile as exc:
        raise UploadRefused(exc.type, **exc.params) from None
    await remember(int(institution.id), profile.slug, choice.columns)
    details = {"profile": profile.slug, "number": version.number, "delimiter": choice.delimiter,
               "fields": {target: header for header, target in choice.columns.items() if target},
               "options": choice.options, "accepted": report.valid}
    if not report.valid:
        await record(user, "roster.columns-mapped", int(institution.id), target=f"version:{version.id}",
                     details=details)
        return report
    async with write_transaction() as lock:
        row = await lock(Version.select(Version.state).where(
            (Version.id == version.id) & (Version.institution == institution.id))).first().run()
        if row is None or row["state"] != "received":
            raise WrongState(row["state"] if row else "discarded", "columns")
        await save_version_mapping(int(version.id), StoredMapping(delimiter=delimiter_char(choice.delimiter),
                                                                  columns=choice.columns))
        await Version.update({Version.options: options, Version.structure_report: report.to_storage()}).where(
            Version.id == version.id).run()
    await record(user, "roster.columns-mapped", int(institution.id), target=f"version:{version.id}",
                 details=details)
    await services.start_check(version, user)
    return report
