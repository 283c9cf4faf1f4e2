"""Check one uploaded file against a profile without storing anything (seed 002).

The file's bytes are copied into a temporary file (mode 0600, in the system's temporary folder,
never the data folder and never under the user's file name), checked by the engine in its
sandboxed child on a worker thread (the event loop stays free), and the temporary file is
deleted in a ``finally`` block: after a good check, a refused file, a crash of the parser, and
when the request is cancelled (the thread is not cancellable, so the file is only removed after
the child is done with it).

What is kept: one audit event ``validation-tool.used`` with the profile and the counts (rows,
errors, warnings) and the institution and user, never the file name, a value or an issue. What is
logged: nothing of the file (the audit log line names action, user and institution only).
"""

from __future__ import annotations

import contextlib
import logging
import os
import tempfile
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import anyio.to_thread

from rosterdesk.importers.errors import UnusableFile
from rosterdesk.importers.issues import Report
from rosterdesk.importers.profile import Profile
from rosterdesk.importers.validate import validate_file
from rosterdesk.platform.audit import record
from rosterdesk.platform.auth.tables import User
from rosterdesk.platform.tenants.tables import Institution
from rosterdesk.platform.uploads.runtime import Runtime, current
from rosterdesk.platform.uploads.tasks import build_request, unusable_report

log = logging.getLogger("rosterdesk.validation_tool")

ACTION = "validation-tool.used"
"""The one audit action (written as a literal at the call, where the audit test looks for it)."""
PREFIX = "rd-check-"
"""Name prefix of the temporary files (the rest is random): ``rd-check-<random>``."""


def scratch_dir() -> str | None:
    """Where the temporary file goes: the system's temporary folder (None lets ``tempfile`` choose).

    Not the data folder: that one is backed up and must hold nothing of this tool, not even for
    the seconds a check takes. Tests point this somewhere they can watch.
    """
    return None


@dataclass(frozen=True)
class Outcome:
    """The engine's report, or the one reason the file could not be checked (as a report too)."""

    report: Report
    usable: bool


class TooLarge(Exception):
    """The file is larger than the upload limit (checked while copying; nothing beyond it is kept)."""

    def __init__(self, limit_bytes: int) -> None:
        super().__init__("too large")
        self.limit_bytes = limit_bytes


async def check_upload(institution: Institution, user: User, profile: Profile, filename: str,  # noqa: PLR0917
                       chunks: AsyncIterator[bytes], options: dict[str, str]) -> Outcome:
    """Copy ``chunks`` to a temporary file, check it, delete it; audit the counts only."""
    runtime = current()
    limit = runtime.limits.max_bytes
    handle, name = tempfile.mkstemp(prefix=PREFIX, dir=scratch_dir())
    path = Path(name)
    try:
        with os.fdopen(handle, "wb") as out:
            size = 0
            async for chunk in chunks:
                size += len(chunk)
                if size > limit:
                    raise TooLarge(limit)
                await anyio.to_thread.run_sync(out.write, chunk)
        outcome = await anyio.to_thread.run_sync(_check, runtime, path, profile, str(institution.brin or ""),
                                                 options, filename)
    finally:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
    stats = outcome.report.stats
    await record(user, "validation-tool.used", int(institution.id), target=f"profile:{profile.slug}",
                 details={"profile": profile.slug, "valid": outcome.report.valid, "usable": outcome.usable,
                          "rows": int(stats.get("rows", 0) or 0), "errors": int(stats.get("errors", 0) or 0),
                          "warnings": int(stats.get("warnings", 0) or 0)})
    return outcome


def _check(runtime: Runtime, path: Path, profile: Profile, institution_code: str,  # noqa: PLR0917
           options: dict[str, str], filename: str) -> Outcome:
    """The wizard's own check (same request, same sandbox), on a worker thread."""
    request = build_request(runtime, profile, institution_code, options, filename, structure_only=False)
    try:
        return Outcome(report=validate_file(path, request), usable=True)
    except UnusableFile as exc:  # the engine's reason, as a one-issue report (no value of the file is logged)
        return Outcome(report=unusable_report(profile.slug, exc), usable=False)
