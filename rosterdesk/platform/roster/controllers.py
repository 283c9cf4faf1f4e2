"""The fate preview's partial: step 5's table again for another mode or page (htmx).

Scoped like every wizard page (``uploads.pages.wizard_for``: another institution's version is a
404); a GET that changes nothing, so viewers may look too. A plain request goes to step 5 itself.
"""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, get
from litestar.params import FromPath
from litestar.response import Redirect, Template

from rosterdesk.platform.roster.pages import fates_context
from rosterdesk.platform.tenants.controllers import ScopeDep
from rosterdesk.platform.uploads.pages import DEPENDENCIES, is_htmx, version_url, wizard_for
from rosterdesk.platform.web.templating import page

PREVIEW_STATES = ("valid", "invalid")


class FatesController(Controller):
    """``/i/<id>/versions/<id>/fates?mode=...&page=...``."""

    path = "/i/{institution_id:int}/versions/{version_id:int}/fates"
    dependencies = DEPENDENCIES

    @get("/")
    async def fates(self, request: Request[Any, Any, Any], institution_id: FromPath[int], version_id: FromPath[int],
                    tenancy: ScopeDep) -> Template | Redirect:
        wizard = await wizard_for(tenancy, institution_id, version_id)
        if not wizard.profile.import_modes or wizard.version.state not in PREVIEW_STATES:
            return Redirect(path=version_url(wizard), status_code=303)
        if not is_htmx(request):
            query = request.url.query
            return Redirect(path=wizard.urls["complete"] + (f"?{query}" if query else ""), status_code=303)
        return page(request, "roster/_fates.html", **wizard.context(request, 5),
                    **await fates_context(request, wizard))
