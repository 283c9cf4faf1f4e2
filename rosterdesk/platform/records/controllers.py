"""The records pages: the list per profile, one record with its history, and the manual forms.

HTTP only. Every institution comes from ``TenantScope`` (a foreign or missing one: 404; a role
that may not do this: 403) and every record from ``manual.get_record`` scoped to it and to the
profile, so another institution's record answers exactly like a missing one (A10), and asking for
it through one's own institution is logged and audited. Viewers (and platform staff) may read;
uploaders and admins may add, change and delete. Every change is a POST under the app's CSRF
check (htmx sends the token from ``hx-headers``).
"""

from __future__ import annotations

import logging
from collections.abc import Collection
from typing import Any

from litestar import Controller, Request, get, post
from litestar.exceptions import NotFoundException
from litestar.params import FromPath
from litestar.response import Redirect, Template

from rosterdesk.importers.profile import Profile
from rosterdesk.platform.audit import record as audit
from rosterdesk.platform.records import manual
from rosterdesk.platform.records.extensions import extension_for, status_labels
from rosterdesk.platform.records.forms import (
    cleared_fields,
    field_views,
    option_views,
    raw_from_stored,
    read_form,
    related_fields,
    shown,
    stored_text,
)
from rosterdesk.platform.records.listing import ListQuery, list_records, sortable
from rosterdesk.platform.records.rowcheck import RowCheck
from rosterdesk.platform.records.tables import Record
from rosterdesk.platform.tenants.controllers import ScopeDep
from rosterdesk.platform.tenants.scope import TenantScope
from rosterdesk.platform.tenants.tables import Institution
from rosterdesk.platform.uploads.pages import DEPENDENCIES, is_htmx, profile_of, when
from rosterdesk.platform.uploads.views import as_dict
from rosterdesk.platform.web.forms import form_fields
from rosterdesk.platform.web.templating import lang_of, page, text

log = logging.getLogger("rosterdesk.records")

EDIT_ROLES = ("admin", "uploader")
NO_STAFF: tuple[str, ...] = ()
"""Staff may read a school's records but never change them for it."""


def urls(institution_id: int, slug: str, record_id: int | None = None) -> dict[str, str]:
    """Every address the records templates link to, built in one place."""
    base = f"/i/{institution_id}/records/{slug}"
    result = {"list": base, "new": f"{base}/new", "check_new": f"{base}/check",
              "upload": f"/i/{institution_id}/uploads/{slug}", "home": f"/i/{institution_id}"}
    if record_id is not None:
        one = f"{base}/{record_id}"
        result.update(record=one, edit=f"{one}/edit", check_edit=f"{one}/check", delete=f"{one}/delete")
    return result


def key_label(profile: Profile, record: Record) -> str:
    """The record as its key fields show it (masked where sensitive), e.g. ``200001``."""
    data = as_dict(record.data)
    parts = [shown(profile.column(name), data.get(name)) for name in profile.record_key]
    label = " / ".join(part for part in parts if part)
    return label or f"#{record.id}"


async def may_edit(tenancy: TenantScope, institution: Institution) -> bool:
    if tenancy.user.staff_role:
        return False
    return await tenancy.role_in(int(institution.id)) in EDIT_ROLES


async def scoped_record(tenancy: TenantScope, institution: Institution, profile: Profile, record_id: int) -> Record:
    """``manual.get_record``; when the id exists elsewhere the attempt is logged and audited (A10), still a 404."""
    try:
        return await manual.get_record(institution, profile.slug, record_id)
    except NotFoundException:
        if await manual.record_exists_elsewhere(record_id):
            log.warning("user %s asked for record %s through institution %s", tenancy.user.id, record_id,
                        institution.id)
            await audit(tenancy.user, "tenant.access-denied", institution=int(institution.id),
                        target=f"record:{record_id}")
        raise


async def _list_context(request: Request[Any, Any, Any], institution: Institution, profile: Profile,
                        query: ListQuery, result: Any) -> dict[str, Any]:
    lang = lang_of(request)
    extension = extension_for(profile.slug)  # a profile's own columns and buttons (CJP), see records.extensions
    columns = [{"field": column.field, "sortable": column.field in sortable(profile),
                "header": extension.header(column.field, column.header, lang) if extension else column.header}
               for column in profile.columns]
    extra: dict[int, list[str]] = {}
    if extension is not None and extension.extra_cells is not None:
        extra = await extension.extra_cells(institution, [int(row["id"]) for row in result.rows])
    rows = [{"id": row["id"], "status": row["status"], "updated": when(row["updated_at"]),
             "cells": [shown(column, row["data"].get(column.field)) for column in profile.columns],
             "extra": extra.get(int(row["id"]), [])}
            for row in result.rows]
    extra_headers = [pair[1 if lang == "en" else 0] for pair in extension.extra_headers] if extension else []
    return {"institution": institution, "profile": profile, "title": profile.title(lang), "query": query,
            "result": result, "columns": columns, "rows": rows, "urls": urls(int(institution.id), profile.slug),
            "extra_headers": extra_headers, "actions_template": extension.actions_template if extension else "",
            "add_key": (extension.add_key if extension else "") or "records.add",
            "status_labels": status_labels(profile.slug, lang)}


NOTICE_KEY = "records_notice"


def give_notice(request: Request[Any, Any, Any], list_url: str, key: str, **params: object) -> None:
    """A message for the next view of the list at ``list_url`` (after a POST that redirects there)."""
    request.session[NOTICE_KEY] = {"url": list_url, "key": key, "params": params}


def take_notice(request: Request[Any, Any, Any], list_url: str) -> tuple[str, dict[str, Any]] | None:
    notice = request.session.get(NOTICE_KEY)
    if not isinstance(notice, dict) or notice.get("url") != list_url:
        return None
    request.session.pop(NOTICE_KEY, None)
    return str(notice["key"]), dict(notice.get("params") or {})


def wants_partial(request: Request[Any, Any, Any]) -> bool:
    """An htmx request for the results only (not a boosted link, not htmx restoring a page from history)."""
    return is_htmx(request) and request.headers.get("hx-history-restore-request") != "true"


class RecordsController(Controller):
    """The list, one record, and the manual add, edit and delete."""

    path = "/i/{institution_id:int}/records"
    dependencies = DEPENDENCIES

    # -- reading --------------------------------------------------------------------------------------------

    @get("/{profile:str}")
    async def records(self, request: Request[Any, Any, Any], institution_id: FromPath[int], profile: FromPath[str],
                      tenancy: ScopeDep) -> Template:
        """The records in force: search, sort, filter, pages; htmx gets the results partial only."""
        institution = await tenancy.institution(institution_id)
        chosen = profile_of(institution, profile)
        query = ListQuery.parse(chosen, dict(request.query_params))
        result = await list_records(institution, chosen, query)
        context = await _list_context(request, institution, chosen, query, result)
        context["can_edit"] = await may_edit(tenancy, institution)
        if wants_partial(request):
            return page(request, "records/_results.html", **context)
        notice = take_notice(request, context["urls"]["list"])
        return page(request, "records/list.html", **context, notice_key=notice[0] if notice else None,
                    notice_params=notice[1] if notice else None)

    @get("/{profile:str}/{record_id:int}")
    async def record(self, request: Request[Any, Any, Any], institution_id: FromPath[int], profile: FromPath[str],
                     record_id: FromPath[int], tenancy: ScopeDep) -> Template:
        """One record: its values, which version or manual change set each, and its history."""
        institution = await tenancy.institution(institution_id)
        chosen = profile_of(institution, profile)
        found = await scoped_record(tenancy, institution, chosen, record_id)
        lang = lang_of(request)
        history = await manual.revisions(found)
        origin = manual.provenance(history)
        data = as_dict(found.data)

        def source(revision: manual.Revision | None) -> str:
            if revision is None:
                return ""
            where = (text(request, "records.by-version", number=revision.version_number)
                     if revision.source == "version" and revision.version_number is not None
                     else text(request, "records.by-hand"))
            return f"{where} · {revision.user_email or '—'} · {when(revision.at)}"

        extension = extension_for(chosen.slug)
        values = [{"header": extension.header(column.field, column.header, lang) if extension else column.header,
                   "value": shown(column, data.get(column.field)), "source": source(origin.get(column.field))}
                  for column in chosen.columns]
        extra: list[dict[str, str]] = []
        if extension is not None and extension.extra_cells is not None:  # e.g. CJP's Activatiecode
            cells = (await extension.extra_cells(institution, [int(found.id)])).get(int(found.id), [])
            extra = [{"header": pair[1 if lang == "en" else 0], "value": cell}
                     for pair, cell in zip(extension.extra_headers, cells, strict=False)]
        headers = {column.field: column.header for column in chosen.columns}
        lines = []
        for revision in history:
            changes = []
            for name, (old, new) in revision.changes.items():
                try:
                    column = chosen.column(name)
                except KeyError:
                    changes.append({"field": name, "old": stored_text(old), "new": stored_text(new)})
                    continue
                changes.append({"field": headers[name], "old": shown(column, old), "new": shown(column, new)})
            lines.append({"action": revision.action, "source": source(revision), "changes": changes})
        return page(request, "records/record.html", institution=institution, profile=chosen, record=found,
                    title=chosen.title(lang), key=key_label(chosen, found), values=values, extra=extra, history=lines,
                    status_label=status_labels(chosen.slug, lang).get(str(found.status), str(found.status)),
                    urls=urls(institution_id, chosen.slug, int(found.id)),
                    can_edit=await may_edit(tenancy, institution) and not found.deleted,
                    saved=request.query_params.get("saved") == "1")

    # -- add --------------------------------------------------------------------------------------------------

    @get("/{profile:str}/new")
    async def new(self, request: Request[Any, Any, Any], institution_id: FromPath[int], profile: FromPath[str],
                  tenancy: ScopeDep) -> Template:
        institution = await tenancy.institution(institution_id, roles=EDIT_ROLES, staff=NO_STAFF)
        chosen = profile_of(institution, profile)
        return self._form(request, institution, chosen, None, raw={}, options={}, result=None)

    @post("/{profile:str}/new")
    async def add(self, request: Request[Any, Any, Any], institution_id: FromPath[int], profile: FromPath[str],
                  tenancy: ScopeDep) -> Template | Redirect:
        institution = await tenancy.institution(institution_id, roles=EDIT_ROLES, staff=NO_STAFF)
        chosen = profile_of(institution, profile)
        raw, options, bad = read_form(chosen, await form_fields(request))
        result = await manual.check(institution, chosen, raw, options)
        if bad is not None:
            result.add(None, "records.option-missing", option=_option_label(chosen, bad, lang_of(request)))
        if not result.ok or bad is not None:
            return self._form(request, institution, chosen, None,
                              raw=raw, options=options, result=result, status_code=422)
        try:
            saved = await manual.add_record(institution, chosen, result, request.state.user)
        except manual.KeyTaken:
            first = chosen.column(chosen.record_key[0])
            result.add(first.field, "records.key-taken", column=first.header)
            return self._form(request, institution, chosen, None,
                              raw=raw, options=options, result=result, status_code=409)
        return Redirect(path=urls(institution_id, chosen.slug, int(saved.id))["record"] + "?saved=1",
                        status_code=303)

    @post("/{profile:str}/check")
    async def check_new(self, request: Request[Any, Any, Any], institution_id: FromPath[int],
                        profile: FromPath[str], tenancy: ScopeDep) -> Template:
        """The field the user just left, judged with the whole row (htmx, ``?field=``)."""
        institution = await tenancy.institution(institution_id, roles=EDIT_ROLES, staff=NO_STAFF)
        chosen = profile_of(institution, profile)
        return await self._check_field(request, institution, chosen, None)

    # -- edit and delete --------------------------------------------------------------------------------------

    @get("/{profile:str}/{record_id:int}/edit")
    async def edit(self, request: Request[Any, Any, Any], institution_id: FromPath[int], profile: FromPath[str],
                   record_id: FromPath[int], tenancy: ScopeDep) -> Template:
        institution = await tenancy.institution(institution_id, roles=EDIT_ROLES, staff=NO_STAFF)
        chosen = profile_of(institution, profile)
        found = await self._live(tenancy, institution, chosen, record_id)
        data = as_dict(found.data)
        options = {str(k): str(v) for k, v in as_dict(found.options).items()}
        return self._form(request, institution, chosen, found,
                          raw=raw_from_stored(chosen, data), options=options, result=None)

    @post("/{profile:str}/{record_id:int}/edit")
    async def change(self, request: Request[Any, Any, Any], institution_id: FromPath[int], profile: FromPath[str],
                     record_id: FromPath[int], tenancy: ScopeDep) -> Template | Redirect:
        institution = await tenancy.institution(institution_id, roles=EDIT_ROLES, staff=NO_STAFF)
        chosen = profile_of(institution, profile)
        found = await self._live(tenancy, institution, chosen, record_id)
        posted = await form_fields(request)
        raw, options, bad = read_form(chosen, posted, as_dict(found.data))
        cleared = cleared_fields(chosen, posted)
        result = await manual.check(institution, chosen, raw, options, found)
        if bad is not None:
            result.add(None, "records.option-missing", option=_option_label(chosen, bad, lang_of(request)))
        if not result.ok or bad is not None:
            return self._form(request, institution, chosen, found,
                              raw=raw, options=options, result=result, status_code=422, cleared=cleared)
        try:
            await manual.change_record(institution, chosen, found, result, request.state.user)
        except manual.KeyTaken:
            first = chosen.column(chosen.record_key[0])
            result.add(first.field, "records.key-taken", column=first.header)
            return self._form(request, institution, chosen, found,
                              raw=raw, options=options, result=result, status_code=409, cleared=cleared)
        return Redirect(path=urls(institution_id, chosen.slug, record_id)["record"] + "?saved=1", status_code=303)

    @post("/{profile:str}/{record_id:int}/check")
    async def check_edit(self, request: Request[Any, Any, Any], institution_id: FromPath[int],
                         profile: FromPath[str], record_id: FromPath[int], tenancy: ScopeDep) -> Template:
        institution = await tenancy.institution(institution_id, roles=EDIT_ROLES, staff=NO_STAFF)
        chosen = profile_of(institution, profile)
        found = await self._live(tenancy, institution, chosen, record_id)
        return await self._check_field(request, institution, chosen, found)

    @get("/{profile:str}/{record_id:int}/delete")
    async def confirm_delete(self, request: Request[Any, Any, Any], institution_id: FromPath[int],
                             profile: FromPath[str], record_id: FromPath[int], tenancy: ScopeDep) -> Template:
        institution = await tenancy.institution(institution_id, roles=EDIT_ROLES, staff=NO_STAFF)
        chosen = profile_of(institution, profile)
        found = await self._live(tenancy, institution, chosen, record_id)
        return page(request, "records/delete.html", institution=institution, profile=chosen, record=found,
                    key=key_label(chosen, found), urls=urls(institution_id, chosen.slug, record_id))

    @post("/{profile:str}/{record_id:int}/delete")
    async def delete(self, request: Request[Any, Any, Any], institution_id: FromPath[int], profile: FromPath[str],
                     record_id: FromPath[int], tenancy: ScopeDep) -> Redirect:
        institution = await tenancy.institution(institution_id, roles=EDIT_ROLES, staff=NO_STAFF)
        chosen = profile_of(institution, profile)
        found = await scoped_record(tenancy, institution, chosen, record_id)
        await manual.delete_record(institution, found, request.state.user)
        return Redirect(path=urls(institution_id, chosen.slug, record_id)["record"], status_code=303)

    # -- helpers ----------------------------------------------------------------------------------------------

    @staticmethod
    async def _live(tenancy: TenantScope, institution: Institution, profile: Profile, record_id: int) -> Record:
        """A record that may be edited: removed ones are history only (a 404 for the forms)."""
        found = await scoped_record(tenancy, institution, profile, record_id)
        if found.deleted:
            raise NotFoundException()
        return found

    @staticmethod
    def _form(request: Request[Any, Any, Any], institution: Institution, profile: Profile, found: Record | None, *,
              raw: dict[str, str], options: dict[str, str], result: RowCheck | None, status_code: int = 200,
              cleared: Collection[str] = ()) -> Template:
        lang = lang_of(request)
        stored = as_dict(found.data) if found is not None else None
        address = urls(int(institution.id), profile.slug, int(found.id) if found is not None else None)
        general = [error.message(lang, profile) for error in result.general] if result is not None else []
        return page(request, "records/form.html", status_code=status_code, institution=institution, profile=profile,
                    record=found, key=key_label(profile, found) if found is not None else "",
                    fields=field_views(profile, lang, raw, result, stored=stored, cleared=cleared),
                    options=option_views(
                        profile, lang, options, institution),
                    general=general, failed=result is not None and not result.ok, urls=address,
                    action=address["edit"] if found is not None else address["new"],
                    check_url=address["check_edit"] if found is not None else address["check_new"])

    @staticmethod
    async def _check_field(request: Request[Any, Any, Any], institution: Institution, profile: Profile,
                           found: Record | None) -> Template:
        """One field's wrapper with its messages, plus the message slots of fields a row check ties to it."""
        lang = lang_of(request)
        field_name = request.query_params.get("field", "")
        if not any(column.field == field_name for column in profile.columns):
            raise NotFoundException()
        stored = as_dict(found.data) if found is not None else None
        posted = await form_fields(request)
        raw, options, _bad = read_form(profile, posted, stored)
        result = await manual.check(institution, profile, raw, options, found)
        views = field_views(profile, lang, raw, result, stored=stored, only=field_name,
                            cleared=cleared_fields(profile, posted))
        target = next(view for view in views if view.field == field_name)
        tied = related_fields(profile, field_name)
        related = [view for view in views if view.field in tied]
        check_url = urls(int(institution.id), profile.slug, int(found.id) if found is not None else None)[
            "check_edit" if found is not None else "check_new"]
        return page(request, "records/_check.html", f=target, related=related, check_url=check_url)


def _option_label(profile: Profile, key: str, lang: str) -> str:
    option = profile.option(key)
    if option is None:
        return key
    return (option.help_en if lang == "en" else option.help_nl) or key
