"""The uploader's mail when a background check finishes: valid or not, the counts, a link to the result.

``uploads.tasks.check_version`` calls ``check_finished`` after the result is committed, from the
worker thread. Whatever goes wrong here is logged and swallowed: the check's result is stored
already, and a mail server that is down must not turn a finished check into a failed one. The
link is built from ``RD_BASE_URL`` (never from a request).
"""

from __future__ import annotations

import logging
from typing import Any

from rosterdesk.importers.errors import UnknownProfile
from rosterdesk.importers.plugins import get_profile
from rosterdesk.platform.mail.services import Mailer
from rosterdesk.platform.settings import Settings
from rosterdesk.platform.uploads.runtime import Runtime
from rosterdesk.platform.uploads.tables import Version
from rosterdesk.platform.uploads.views import as_dict

log = logging.getLogger("rosterdesk.review")

KINDS = {"valid": "check-valid", "invalid": "check-invalid", "failed": "check-failed"}


async def check_finished_mail(version_id: int, settings: Settings) -> str | None:
    """Send the mail for a version whose check has finished; the mail kind sent, or None (nothing to say)."""
    row = await Version.select(
        Version.id, Version.state, Version.number, Version.profile, Version.original_name, Version.report,
        Version.row_count, Version.failure_params, Version.institution.id.as_alias("institution_id"),
        Version.institution.name.as_alias("institution_name"), Version.uploader.email.as_alias("email"),
        Version.uploader.language.as_alias("language"),
    ).where(Version.id == version_id).first().run()
    if row is None or row["state"] not in KINDS or not row["email"]:
        return None
    lang = row["language"] if row["language"] in ("nl", "en") else settings.app.language
    try:
        title = get_profile(str(row["profile"])).title(lang)
    except UnknownProfile:
        title = str(row["profile"])
    stats: dict[str, Any] = dict(as_dict(row["report"]).get("stats") or {})
    kind = KINDS[row["state"]]
    await Mailer(settings).send(
        str(row["email"]), kind, lang, profile=title, number=row["number"], filename=str(row["original_name"]),
        institution=str(row["institution_name"] or ""), institution_id=row["institution_id"], version_id=row["id"],
        rows=int(stats.get("rows") or row["row_count"] or 0), errors=int(stats.get("errors") or 0),
        warnings=int(stats.get("warnings") or 0), attempts=as_dict(row["failure_params"]).get("attempts", "?"))
    return kind


def check_finished(runtime: Runtime, version_id: int) -> None:
    """From the worker thread, after the commit: the mail, or a line in the log when it cannot be sent."""
    try:
        runtime.call(check_finished_mail(version_id, runtime.settings))
    except Exception:
        log.exception("the check-finished mail for version %s could not be sent", version_id)

