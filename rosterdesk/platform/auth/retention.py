"""Removing password links that can no longer be used (SECURITY.md A2, docs/privacy.md).

A ``PasswordToken`` row (reset or invitation link) is worthless once it is used or expired: it is
single use and only its hash is stored. Kept, it still says who asked for a link and when, long
after that matters, and the table grows with every request. So used and expired rows go after
``KEEP`` (a day: enough to look into "my link did not work" the same day; the audit log keeps
``password.requested`` and ``password.set`` for longer).

Deleting a used row does not change what a second click on its link answers: the link page has
one message for every link that does not work ("al gebruikt of verlopen", ``link.invalid``), so
an unknown token and a used one look the same and no longer grace period is needed.

The privacy job (``privacy.erase.run_privacy_job``, every 10 minutes in the web process) calls
``purge_tokens``: the rows go even when no new link is ever requested.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from rosterdesk.platform.auth.tables import PasswordToken

log = logging.getLogger("rosterdesk.auth")

KEEP = timedelta(days=1)
"""How long a used or expired password link stays before it is deleted."""


async def purge_tokens(now: datetime) -> int:
    """Delete the links used or expired more than ``KEEP`` before ``now`` (all users, one DELETE); the count."""
    before = now - KEEP
    gone = await PasswordToken.delete().where(
        (PasswordToken.used_at < before) | (PasswordToken.expires_at < before)
    ).returning(PasswordToken.id).run()
    if gone:
        log.info("removed %s used or expired password link(s)", len(gone))
    return len(gone)
