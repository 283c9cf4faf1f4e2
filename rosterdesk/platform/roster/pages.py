"""Step 5 for a profile with import modes: the mode picker and the fate preview, as page context.

``uploads.step5`` adds this context to the confirm page; ``roster.controllers`` renders the
preview alone when the mode or the page changes (htmx). Both read the mode and page from the
query (``mode``, ``page``), so a plain link works without JavaScript too.
"""

from __future__ import annotations

from typing import Any

from litestar import Request

from rosterdesk.platform.audit.tables import AuditEvent
from rosterdesk.platform.roster.fates import resolve_mode
from rosterdesk.platform.roster.preview import ICONS, SHOWN_FATES, fate_view, mode_choices, version_plan
from rosterdesk.platform.uploads.pages import Wizard
from rosterdesk.platform.uploads.tables import Version
from rosterdesk.platform.uploads.views import as_dict
from rosterdesk.platform.web.i18n import translate
from rosterdesk.platform.web.templating import lang_of


def fates_url(wizard: Wizard) -> str:
    return f"{wizard.urls['version']}/fates"


def chosen_mode(wizard: Wizard, raw: str | None) -> str:
    """The mode asked for, or the profile's first (the safest: it never changes nor removes)."""
    modes = wizard.profile.import_modes
    return (resolve_mode(modes, raw) if raw else None) or modes[0]


def page_number(raw: str | None) -> int:
    return int(raw) if raw and raw.isdigit() and len(raw) < 7 else 1


async def fates_context(request: Request[Any, Any, Any], wizard: Wizard, mode: str | None = None) -> dict[str, Any]:
    """The modes, the chosen one and the preview's page (of one fate with ``fate`` in the query); ``fates``
    None when the records cannot be made."""
    lang = lang_of(request)
    chosen = chosen_mode(wizard, mode or request.query_params.get("mode"))
    plan = await version_plan(wizard.institution, wizard.version, wizard.profile, chosen, lang)
    only = request.query_params.get("fate", "")
    view = fate_view(wizard.profile, plan, page_number(request.query_params.get("page")), lang, only) if plan else None
    return {"modes": mode_choices(wizard.profile.import_modes, chosen, lang), "mode": chosen, "fates": view,
            "fates_url": fates_url(wizard)}


def fates_allow_confirm(context: dict[str, Any]) -> bool:
    """Step 5 may offer "Ja, bevestigen": no preview at all (no import modes), or one without error rows."""
    if not context:
        return True
    view = context.get("fates")
    return view is not None and not view.blocked


async def applied_counts(version: Version, lang: str) -> dict[str, Any] | None:
    """The mode and count per fate of the version's ``roster.applied`` event; None before it was applied."""
    row = await AuditEvent.select(AuditEvent.details).where(
        (AuditEvent.action == "roster.applied") & (AuditEvent.target == f"version:{version.id}")
        & (AuditEvent.institution == version.institution)).order_by(AuditEvent.id, ascending=False).first().run()
    if row is None:
        return None
    details = as_dict(row["details"])
    mode = str(details.get("mode") or "")
    if mode not in SHOWN_FATES:
        return None
    counts = [{"fate": fate, "icon": ICONS[fate], "word": translate(f"fates.{fate}", lang),
               "count": int(details.get(fate) or 0)} for fate in SHOWN_FATES[mode] if fate != "error"]
    return {"mode": translate(f"fates.mode-{mode}", lang), "counts": counts}
