"""Check a file from start to end: the stateless ``validate`` behind the CLI and the web.

The file is opened and checked inside the sandbox (a child process with a memory and a time
limit), because a hostile workbook can make a parser abort the whole process. Only the report,
a plain dictionary, comes back. Nothing is stored, except the file's records when the caller
asks for them (``records_to``), written by the child in the same pass.
"""

from __future__ import annotations

import datetime as dt
import resource
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from rosterdesk.importers.engine import ProgressCallback, Settings, validate_sheet
from rosterdesk.importers.errors import UnusableFile
from rosterdesk.importers.issues import DEFAULT_ISSUES_PER_TYPE, Report
from rosterdesk.importers.limits import Limits
from rosterdesk.importers.profile import Profile
from rosterdesk.importers.readers import open_sheet
from rosterdesk.importers.records import RecordWriter, remove_parts
from rosterdesk.importers.reference import Reference
from rosterdesk.importers.sandbox import run_in_sandbox
from rosterdesk.importers.structure import ColumnMapping

DELIMITERS = {"tab": "\t", "semicolon": ";", "comma": ","}
"""The CSV delimiters a user may choose (the command line's ``--delimiter``, the mapping step), by name."""
IGNORE = "-"
"""A column mapped to this (or to nothing) is not read: "negeren" in the wizard, ``--map "Kop=-"``."""


@dataclass
class Request:
    """Everything one check of one file needs; picklable, so it can cross into the sandbox."""

    profile: Profile
    institution: str | None = None
    reference: Reference | None = None
    options: Mapping[str, str] = field(default_factory=dict)
    filename: str | None = None
    encoding: str | None = None
    delimiter: str | None = None
    mapping: ColumnMapping | None = None
    """Header as written -> field (None: ignore); replaces matching by name (``structure.check_mapped``)."""
    today: dt.date = field(default_factory=dt.date.today)
    issues_per_type: int = DEFAULT_ISSUES_PER_TYPE
    structure_only: bool = False
    limits: Limits = field(default_factory=Limits)


def check_options(profile: Profile, options: Mapping[str, str]) -> dict[str, str]:
    """Options with their defaults filled in; an unknown key or value is refused with a reason."""
    result: dict[str, str] = {}
    for key, value in options.items():
        option = profile.option(key)
        if option is None:
            known = ", ".join(o.key for o in profile.options) or "-"
            raise UnusableFile("bad-option", option=key, detail=f"{profile.slug}: {known}")
        if value not in option.choices:
            raise UnusableFile("bad-option", option=key, detail=" | ".join(option.choices))
        result[key] = value
    for option in profile.options:
        if option.key not in result and option.default is not None:
            result[option.key] = option.default
    return result


def check_mapping(profile: Profile, mapping: ColumnMapping | Mapping[str, str]) -> dict[str, str | None]:
    """The mapping with ``-`` and empty targets as None (ignore); a field the profile lacks is refused."""
    result: dict[str, str | None] = {}
    known = {column.field for column in profile.columns}
    for header, target in mapping.items():
        name = (target or "").strip()
        if not name or name == IGNORE:
            result[header] = None
        elif name in known:
            result[header] = name
        else:
            raise UnusableFile("bad-mapping", header=header, field=name,
                               detail=", ".join(column.field for column in profile.columns))
    return result


def _validate_here(path: str, request: Request, records_to: str | None = None,
                   progress: ProgressCallback | None = None) -> dict[str, Any]:
    """Open and check the file in this process; returns the report in storage form.

    With ``records_to``, the records are written from the engine's normalised columns in the
    same pass (``RecordWriter`` is a chunk sink): the file is parsed once.
    """
    profile = request.profile
    sheet = open_sheet(Path(path), formats=profile.formats, filename=request.filename, sheet_name=profile.sheet_name,
                       encoding=request.encoding, delimiter=request.delimiter, limits=request.limits,
                       profile_title=profile.title_nl)
    writer = RecordWriter(Path(records_to), profile) if records_to is not None else None
    settings = Settings(institution=request.institution, reference=request.reference, options=request.options,
                        today=request.today, max_rows=request.limits.max_rows,
                        issues_per_type=request.issues_per_type, structure_only=request.structure_only,
                        mapping=request.mapping, sinks=(writer,) if writer is not None else (), progress=progress)
    try:
        report = validate_sheet(profile, sheet, settings)
        if writer is not None and writer.started:
            header = writer.close()
            report.stats["records"] = header.count
            report.stats["records_left_out"] = dict(header.left_out)
    finally:
        if writer is not None:
            writer.discard()
    # Peak memory of the process that parsed and checked: what the sandbox's limit must cover.
    report.stats["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    return report.to_storage()


def validate_file(path: Path, request: Request, *, sandbox: bool = True, records_to: Path | None = None,
                  progress: ProgressCallback | None = None) -> Report:
    """Check the file at ``path`` (a path chosen by the program, never by a user) and return the report.

    With ``records_to`` (a path chosen by the program), the checking child also writes the
    file's records there (``rosterdesk.importers.records``, docs/records.md) and the report's
    stats get ``records`` and ``records_left_out``. The file appears only when the content
    checks ran: after a structure failure or an ``UnusableFile`` nothing is at ``records_to``.

    ``progress(done, total)`` is called as rows are checked (from the sandboxed child, through its
    pipe). Raises ``UnusableFile`` when the file cannot be checked at all.
    """
    if not path.is_file():
        raise UnusableFile("file-not-found", path=path.name)
    size = path.stat().st_size
    if size > request.limits.max_bytes:
        raise UnusableFile("file-too-large", size_mb=round(size / 1_048_576, 1),
                           limit_mb=round(request.limits.max_bytes / 1_048_576))
    request.options = check_options(request.profile, request.options)
    if request.mapping is not None:
        request.mapping = check_mapping(request.profile, request.mapping)
    if request.institution and request.reference is not None:
        # Rows of another institution are refused by MatchesInstitution before any RIO check, so
        # the child needs only this institution's part of RIO (a fraction of the pickling cost).
        request = replace(request, reference=request.reference.subset({request.institution}))
    target = None
    if records_to is not None:
        records_to.unlink(missing_ok=True)  # a stale file must not pass for this file's records
        target = str(records_to)
    try:
        if sandbox:
            data = run_in_sandbox(_validate_here, str(path), request, target, limits=request.limits,
                                  progress=progress)
        else:
            data = _validate_here(str(path), request, target, progress)
    finally:
        if records_to is not None:
            remove_parts(records_to)  # left behind when the child was killed mid-write
    return Report.from_storage(data)
