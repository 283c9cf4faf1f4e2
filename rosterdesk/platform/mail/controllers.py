"""The outbox page: every mail the platform sent (embedded: with its text)."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, get
from litestar.response import Template

from rosterdesk.platform.mail.tables import OutboxMail
from rosterdesk.platform.web.templating import page

LIMIT = 200


class OutboxController(Controller):
    path = "/admin/outbox"

    @get("", opt={"staff": ("superadmin",)})
    async def index(self, request: Request[Any, Any, Any]) -> Template:
        mails = await OutboxMail.select().order_by(OutboxMail.id, ascending=False).limit(LIMIT).run()
        return page(request, "mail/outbox.html", mails=mails)
