"""The CJP actions on the records list: "Verstuur uitnodiging" and "Exporteer naar Excel" (seed 002).

HTTP only. The institution comes from ``TenantScope`` first (another institution's id or a missing
one: 404, before anything else is looked at), then the profile must be one of the CJP profiles
switched on for it (else 404). Inviting changes records: uploaders and admins only (viewers and
staff: 403), a POST under the app's CSRF check, audited by ``invitations.invite``. Exporting reads:
everyone who may see the list, also audited (``cjp.exported``: personal data leave the platform).
"""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, Response, get, post
from litestar.exceptions import NotFoundException
from litestar.params import FromPath
from litestar.response import Redirect

from rosterdesk.importers.profile import Profile
from rosterdesk.platform import clock
from rosterdesk.platform.audit import record as audit
from rosterdesk.platform.cjp import export
from rosterdesk.platform.cjp.invitations import codes_of, invite
from rosterdesk.platform.cjp.selection import Selection, chosen_records
from rosterdesk.platform.cjp.statuses import is_cjp
from rosterdesk.platform.records.controllers import EDIT_ROLES, NO_STAFF, give_notice, urls
from rosterdesk.platform.tenants.controllers import ScopeDep
from rosterdesk.platform.tenants.tables import Institution
from rosterdesk.platform.uploads.pages import DEPENDENCIES, profile_of
from rosterdesk.platform.uploads.views import content_disposition
from rosterdesk.platform.web.forms import form_fields, form_list
from rosterdesk.platform.web.templating import lang_of


def cjp_profile(institution: Institution, slug: str) -> Profile:
    """A CJP profile switched on for ``institution``; anything else is a 404 like an unknown path."""
    profile = profile_of(institution, slug)
    if not is_cjp(profile.slug):
        raise NotFoundException()
    return profile


async def _selection(request: Request[Any, Any, Any], profile: Profile) -> Selection:
    return Selection.parse(profile, await form_fields(request), await form_list(request, "record"))


class CjpController(Controller):
    """Invite and export the chosen records of a CJP list."""

    path = "/i/{institution_id:int}/cjp"
    dependencies = DEPENDENCIES

    @post("/{profile:str}/invite")
    async def invite(self, request: Request[Any, Any, Any], institution_id: FromPath[int], profile: FromPath[str],
                     tenancy: ScopeDep) -> Redirect:
        """Codes, status Uitgenodigd and mails for the chosen records; back to the list with the counts."""
        institution = await tenancy.institution(institution_id, roles=EDIT_ROLES, staff=NO_STAFF)
        chosen = cjp_profile(institution, profile)
        selection = await _selection(request, chosen)
        address = urls(institution_id, chosen.slug)["list"]
        back = address + (f"?{selection.query.query_string()}" if selection.query.query_string() else "")
        if selection.empty:
            give_notice(request, address, "cjp.nothing-chosen")
            return Redirect(path=back, status_code=303)
        result = await invite(institution, chosen, selection, request.state.user, mailer=request.app.state.mailer,
                              lang=lang_of(request), activate_url=request.app.state.settings.mail.cjp_activate_url)
        key = "cjp.invited-again" if result.reinvited else "cjp.invited"
        give_notice(request, address, key, mailed=result.mailed, unmailed=result.unmailed,
                    reinvited=result.reinvited)
        return Redirect(path=back, status_code=303)

    @post("/{profile:str}/export", status_code=200)
    async def export_chosen(self, request: Request[Any, Any, Any], institution_id: FromPath[int],
                            profile: FromPath[str], tenancy: ScopeDep) -> Response[bytes]:
        """The ticked records, or (nothing ticked, or "all") every record matching the search and filter."""
        institution = await tenancy.institution(institution_id)
        chosen = cjp_profile(institution, profile)
        selection = await _selection(request, chosen)
        if selection.empty:
            selection = Selection(ids=(), everything=True, query=selection.query)
        return await self._export(request, institution, chosen, selection)

    @get("/{profile:str}/export")
    async def export_list(self, request: Request[Any, Any, Any], institution_id: FromPath[int],
                          profile: FromPath[str], tenancy: ScopeDep) -> Response[bytes]:
        """The whole list (with the search and filter in the address) as Excel: a plain link works too."""
        institution = await tenancy.institution(institution_id)
        chosen = cjp_profile(institution, profile)
        selection = Selection.parse(chosen, {**dict(request.query_params), "all": "1"}, [])
        return await self._export(request, institution, chosen, selection)

    @staticmethod
    async def _export(request: Request[Any, Any, Any], institution: Institution, profile: Profile,
                      selection: Selection) -> Response[bytes]:
        lang = lang_of(request)
        rows = await chosen_records(institution, profile, selection)
        codes = await codes_of(institution, [int(row["id"]) for row in rows])
        content = export.workbook_bytes(profile, rows, codes, lang)
        await audit(request.state.user, "cjp.exported", int(institution.id), target=f"records:{profile.slug}",
                    details={"profile": profile.slug, "records": len(rows), "all": selection.everything})
        name = export.filename(str(institution.name), profile, clock.now().date(), lang)
        return Response(content=content, media_type=export.XLSX_MEDIA_TYPE,
                        headers={"Content-Disposition": content_disposition(name), "Cache-Control": "no-store"})
