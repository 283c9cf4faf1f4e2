"""Step 5's page (seed 000): the profile's completeness step and "Ja, bevestigen" / "Nee, opnieuw beginnen".

A profile with import modes (``Profile.import_modes``) shows the mode picker and the fate preview
here instead of a completeness step (``roster.pages``).

The controller renders it on GET, and again (422) when "Ja, bevestigen" came without a reason for
every missing programme, with the message at that programme; and (409) after the upload period
closed, saying so, without the confirm button (``uploads.period``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from litestar import Request
from litestar.response import Template

from rosterdesk.platform import clock
from rosterdesk.platform.periods.services import period_state
from rosterdesk.platform.roster.pages import fates_allow_confirm, fates_context
from rosterdesk.platform.uploads import completeness
from rosterdesk.platform.uploads.pages import Wizard
from rosterdesk.platform.web.templating import TEMPLATES, lang_of, page, text


async def step5_page(request: Request[Any, Any, Any], wizard: Wizard, *, status_code: int = 200,
                     errors: Mapping[str, str] | None = None, values: Mapping[str, Mapping[str, str]] | None = None,
                     error_text: str | None = None, mode: str | None = None) -> Template:
    """Step 5 with the missing programmes (a reason each) and the confirm button while the period is open;
    for a profile with import modes the mode picker and every row's fate (``roster.pages``)."""
    lang = lang_of(request)
    name = f"uploads/completeness/{wizard.profile.completeness}.html"
    step = await completeness.step_of(wizard.version, wizard.institution) if wizard.profile.completeness else None
    period = await period_state(wizard.profile.slug, clock.now())
    if not period.open and error_text is None:
        error_text = text(request, "step5.period-closed", period=period.message(lang))
    if errors and error_text is None:
        error_text = text(request, "step5.reasons-missing", count=len(errors))
    fates = await fates_context(request, wizard, mode) if wizard.profile.import_modes else {}
    return page(request, "uploads/confirm.html", status_code=status_code, **wizard.context(request, 5),
                completeness_template=name if (TEMPLATES / name).is_file() else None,
                completeness=completeness.step_view(step, lang, errors, values) if step is not None else None,
                can_confirm=period.open and fates_allow_confirm(fates), error_text=error_text, **fates)
