"""The "Kolommen koppelen" step's pages: the labels form, its htmx re-read per delimiter, and its POST.

HTTP only; the work is in ``mapping_services``. Every version comes through the wizard's scoped
lookup (``uploads.pages.wizard_for``), so another institution's version is a 404 like a missing one;
only uploaders and admins may submit (staff never act for a school); the POST is under the app's
CSRF check (htmx sends the token from ``hx-headers``). A posted field, delimiter or switch value
that the page did not offer is answered with 400 and says which.
"""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, get, post
from litestar.exceptions import NotFoundException
from litestar.params import FromPath
from litestar.response import Redirect, Template

from rosterdesk.importers.issues import Report, column_letter
from rosterdesk.importers.profile import Profile
from rosterdesk.platform.roster.mapping_services import (
    SHOWN_ROWS,
    BadChoice,
    Choice,
    FileColumns,
    Suggestion,
    parse_choice,
    read_columns,
    submit,
    suggestions,
    switches,
)
from rosterdesk.platform.tenants.controllers import ScopeDep
from rosterdesk.platform.uploads.errors import UploadRefused, WrongState
from rosterdesk.platform.uploads.pages import (
    DEPENDENCIES,
    Wizard,
    is_htmx,
    version_error,
    version_url,
    wizard_for,
    wrong_step,
)
from rosterdesk.platform.uploads.views import as_dict, issue_rows
from rosterdesk.platform.web.forms import form_fields
from rosterdesk.platform.web.i18n import TEXTS
from rosterdesk.platform.web.templating import lang_of, page, text

DELIMITER_CHOICES = ("tab", "semicolon", "comma")
COLUMNS_PATH = "columns"


def columns_url(wizard: Wizard) -> str:
    return f"{version_url(wizard)}/{COLUMNS_PATH}"


def needs_columns(wizard: Wizard) -> bool:
    """The version waits for its columns to be labelled: the wizard sends the user to this step."""
    return wizard.profile.column_mapping and wizard.version.state == "received"


class ColumnsController(Controller):
    """GET and POST of the mapping step, for every profile with ``column_mapping``."""

    path = "/i/{institution_id:int}/versions/{version_id:int}/" + COLUMNS_PATH
    dependencies = DEPENDENCIES

    @get("/")
    async def show(self, request: Request[Any, Any, Any], institution_id: FromPath[int], version_id: FromPath[int],
                   tenancy: ScopeDep) -> Template | Redirect:
        """The form (or, for htmx, the table re-read with the chosen delimiter)."""
        wizard = await wizard_for(tenancy, institution_id, version_id)
        if not wizard.profile.column_mapping:
            raise NotFoundException()
        if not needs_columns(wizard):
            return Redirect(path=version_url(wizard), status_code=303)
        chosen = request.query_params.get("delimiter") or None
        if chosen is not None and chosen not in DELIMITER_CHOICES:
            return version_error(request, wizard, text(request, "columns.bad-delimiter", value=chosen[:20]),
                                 status_code=400)
        try:
            columns = await read_columns(wizard.version, wizard.profile, chosen)
        except UploadRefused as exc:
            return version_error(request, wizard, exc.message(lang_of(request)))
        picked = await suggestions(wizard.institution, wizard.profile, columns.headers)
        template = "roster/_columns_table.html" if is_htmx(request) else "roster/columns.html"
        return _page(request, wizard, template, columns, picked)

    @post("/")
    async def save(self, request: Request[Any, Any, Any], institution_id: FromPath[int], version_id: FromPath[int],
                   tenancy: ScopeDep) -> Template | Redirect:
        """Store the labels and start the check; the form again (422) with what is wrong, or 400 for a bad value."""
        wizard = await wizard_for(tenancy, institution_id, version_id, act=True)
        if not wizard.profile.column_mapping:
            raise NotFoundException()
        form = await form_fields(request)
        if wizard.version.state != "received":
            return await wrong_step(request, tenancy, wizard, WrongState(str(wizard.version.state), "columns"))
        delimiter = form.get("delimiter") or ""  # '' for a workbook, which has none
        if delimiter and delimiter not in DELIMITER_CHOICES:
            return version_error(request, wizard, text(request, "columns.bad-delimiter", value=delimiter[:20]),
                                 status_code=400)
        try:
            columns = await read_columns(wizard.version, wizard.profile, delimiter or None)
            if (form.get("read_with") or "") != columns.delimiter:  # the columns shown were read with another delimiter
                picked = await suggestions(wizard.institution, wizard.profile, columns.headers)
                return _page(request, wizard, "roster/columns.html", columns, picked, status_code=422,
                             error_text=text(request, "columns.changed-delimiter"))
            choice = parse_choice(wizard.profile, columns.headers, form)
            report = await submit(wizard.version, wizard.institution, wizard.profile, request.state.user, choice)
        except BadChoice as exc:
            return version_error(request, wizard, text(request, exc.key, **exc.params), status_code=400)
        except UploadRefused as exc:
            return version_error(request, wizard, exc.message(lang_of(request)))
        except WrongState as exc:
            return await wrong_step(request, tenancy, wizard, exc)
        if not report.valid:
            return _page(request, wizard, "roster/columns.html", columns, _as_suggestions(choice), status_code=422,
                         report=report, options=choice.options)
        return Redirect(path=version_url(wizard), status_code=303)


def _as_suggestions(choice: Choice) -> list[Suggestion]:
    return [Suggestion(selected) for selected in choice.selected]


def _page(request: Request[Any, Any, Any], wizard: Wizard, template: str, columns: FileColumns,
          picked: list[Suggestion], *, status_code: int = 200, report: Report | None = None,
          options: dict[str, str] | None = None, error_text: str | None = None) -> Template:
    lang = lang_of(request)
    profile = wizard.profile
    chosen = options if options is not None else {str(k): str(v) for k, v in as_dict(wizard.version.options).items()}
    fields = [{"name": column.field, "required": column.required, "help": column.help(lang)}
              for column in profile.columns]
    cells = [{"index": index, "letter": column_letter(index), "header": header.strip(), "field": suggestion.field,
              "source": suggestion.source}
             for index, (header, suggestion) in enumerate(zip(columns.headers, picked, strict=True))]
    option_switches = [{"key": key, "on": chosen.get(key) == "J",
                        "label": _text_or(f"columns.switch-{key}", lang) or _option_help(profile, key, lang),
                        "help": _text_or(f"columns.switch-help-{key}", lang)} for key in switches(profile)]
    return page(request, template, status_code=status_code, **wizard.context(request, 3), columns=columns,
                cells=cells, fields=fields, switches=option_switches, delimiters=DELIMITER_CHOICES,
                columns_url=columns_url(wizard), shown_rows=SHOWN_ROWS, error_text=error_text,
                mapping_issues=issue_rows(report, lang) if report is not None else [],
                required_fields=", ".join(column.field for column in profile.columns if column.required))


def _option_help(profile: Profile, key: str, lang: str) -> str:
    option = profile.option(key)
    if option is None:
        return key
    return (option.help_en if lang == "en" else option.help_nl) or key


def _text_or(key: str, lang: str) -> str:
    """A text of this step if it exists (a switch's label), else ''."""
    if key not in TEXTS:
        return ""
    nl, en = TEXTS[key]
    return en if lang == "en" else nl
