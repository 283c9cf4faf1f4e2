"""The helpdesk's pages: the queue across all institutions, one held version, approve and reject.

Staff only (helpdesk and superadmin) through the app guard's ``opt={"staff": ...}``: an
institution's users get 403 on every route here (A12), whatever id they try. Opening a held
version shows personal data (ten rows, the change), so it is audited (``review.viewed``). A
decision that came second answers 409 with the page as it is now and "already decided" (R9).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from litestar import Controller, Request, get, post
from litestar.params import FromPath
from litestar.response import Redirect, Template

from rosterdesk.importers.errors import UnknownProfile
from rosterdesk.importers.plugins import get_profile
from rosterdesk.platform import clock
from rosterdesk.platform.audit import record
from rosterdesk.platform.review import services
from rosterdesk.platform.review.change import change_view
from rosterdesk.platform.review.errors import AlreadyDecided, ReasonRequired
from rosterdesk.platform.submission.services import details_of
from rosterdesk.platform.uploads import services as uploads
from rosterdesk.platform.uploads.errors import UploadRefused, WrongState
from rosterdesk.platform.uploads.pages import PREVIEW_ROWS, urls
from rosterdesk.platform.uploads.views import DOWNLOAD_KINDS, as_dict, preview_view, result_view, safe_name
from rosterdesk.platform.web.forms import form_fields
from rosterdesk.platform.web.templating import lang_of, page, text

STAFF = {"staff": ("helpdesk", "superadmin")}
BASE = "/admin/reviews"


def when(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value is not None else ""


def age(request: Request[Any, Any, Any], since: datetime) -> str:
    """How long a list has been waiting, in words: minutes, hours or days."""
    minutes = max(0, int((clock.now() - since).total_seconds() // 60))
    if minutes < 120:
        return text(request, "review.age-minutes", count=minutes)
    if minutes < 48 * 60:
        return text(request, "review.age-hours", count=minutes // 60)
    return text(request, "review.age-days", count=minutes // (24 * 60))


def why(request: Request[Any, Any, Any], reason: str, share: float | None) -> str:
    if reason == "change-share":
        return text(request, "review.why-change-share", share=f"{share or 0:.0f}")
    return text(request, "review.why-profile")


class ReviewController(Controller):
    """``/admin/reviews``: the queue, one held version, and the two decisions."""

    path = BASE
    opt = STAFF

    @get("")
    async def index(self, request: Request[Any, Any, Any]) -> Template:
        lang = lang_of(request)
        entries = [{"url": f"{BASE}/{e.version_id}", "institution": e.institution, "number": e.number,
                    "profile": _title(e.profile, lang), "submitter": e.submitter, "when": when(e.submitted_at),
                    "age": age(request, e.submitted_at), "why": why(request, e.reason, e.share),
                    "rows": "" if e.rows is None else e.rows, "errors": "" if e.errors is None else e.errors,
                    "warnings": "" if e.warnings is None else e.warnings} for e in await services.queue()]
        return page(request, "review/queue.html", entries=entries)

    @get("/{version_id:int}")
    async def show(self, request: Request[Any, Any, Any], version_id: FromPath[int]) -> Template:
        return await _detail(request, version_id)

    @post("/{version_id:int}/approve")
    async def approve(self, request: Request[Any, Any, Any], version_id: FromPath[int]) -> Template | Redirect:
        try:
            await services.approve(version_id, request.state.user)
        except AlreadyDecided as exc:
            return await _detail(request, version_id, status_code=409, error_text=_already(request, exc.state))
        except UploadRefused as exc:  # rows a profile's check refuses now (roster.apply.RowErrors): nothing changed
            return await _detail(request, version_id, status_code=422, error_text=exc.message(lang_of(request)))
        request.session["review_notice"] = "approved"
        return Redirect(path=f"{BASE}/{version_id}", status_code=303)

    @post("/{version_id:int}/reject")
    async def reject(self, request: Request[Any, Any, Any], version_id: FromPath[int]) -> Template | Redirect:
        reason = (await form_fields(request)).get("reason", "")
        try:
            await services.reject(version_id, request.state.user, reason)
        except AlreadyDecided as exc:
            return await _detail(request, version_id, status_code=409, error_text=_already(request, exc.state))
        except ReasonRequired:
            return await _detail(request, version_id, status_code=422,
                                 reason_error=text(request, "review.reason-required"))
        request.session["review_notice"] = "rejected"
        return Redirect(path=f"{BASE}/{version_id}", status_code=303)


def _already(request: Request[Any, Any, Any], state: str) -> str:
    return text(request, "review.already-decided", state=text(request, f"state.{state}")
                if state in uploads.STATES else state)


def _title(slug: str, lang: str) -> str:
    try:
        return get_profile(slug).title(lang)
    except UnknownProfile:
        return slug


async def _detail(request: Request[Any, Any, Any], version_id: int, *, status_code: int = 200,
                  error_text: str | None = None, reason_error: str | None = None) -> Template:
    """One held version: facts, the check's report, ten rows, the change, and the decision (or its form)."""
    lang = lang_of(request)
    item = await services.held(version_id)
    version, review = item.version, item.review
    waiting = version.state == "submitted"
    report = result_view(uploads.report_of(version), lang) if version.report is not None else None
    sample, sample_error = None, None
    if waiting:
        try:
            sample = preview_view(await uploads.preview_rows(version, PREVIEW_ROWS))
        except (UploadRefused, WrongState) as exc:
            sample_error = exc.message(lang) if isinstance(exc, UploadRefused) else str(exc.detail)
    change = await change_view(item.institution, version, item.profile) if waiting else None
    await record(request.state.user, "review.viewed", int(item.institution.id), target=f"version:{version_id}",
                 details={"profile": version.profile, "number": version.number})
    notice = request.session.pop("review_notice", None)
    decided = None
    if review.decision:
        decided = text(request, "review.decided", decision=text(request, f"review.decision-{review.decision}"),
                       who=review.decided_email or "-", when=when(review.decided_at))
    return page(request, "review/detail.html", status_code=status_code, item=item, version=version, review=review,
                institution=item.institution, profile=item.profile, filename=safe_name(str(version.original_name)),
                waiting=waiting, result=report, failure="", has_file=bool(version.file_id),
                download_kinds=DOWNLOAD_KINDS,
                urls=urls(int(item.institution.id), item.profile.slug, int(version.id)), sample=sample,
                sample_error=sample_error, change=change, submitted_at=when(review.submitted_at),
                why=why(request, str(review.reason), services.share_of(review)), error_text=error_text,
                reason_error=reason_error, notice=notice, decided=decided, base=f"{BASE}/{version_id}",
                reason_value=(await form_fields(request)).get("reason", "") if request.method == "POST" else "",
                submission=await details_of(version_id), version_options=as_dict(version.options))
