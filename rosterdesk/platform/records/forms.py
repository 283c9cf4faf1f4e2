"""The manual forms, generated from the profile's declaration: one field per column, in the profile's order.

Everything a field shows comes from the ``Column``: the header as its label, the help text under
it, required (``*``) from ``required`` and from the profile's ``RequiredUnless`` checks (BSN *,
Onderwijsnummer * "verplicht indien BSN niet beschikbaar is"), a select where the kind has fixed
values (``Column.choices``), a date input for dates. The profile's upload options (Intergrip's
school type and kind of learner, the roster's "add as student") are form fields too. No rule is
written here: the values go to ``rowcheck`` and the engine judges them.

Sensitive values (BSN, onderwijsnummer, e-mail where declared so) are never put back into a page:
an edit form shows them masked as a placeholder, and an empty field keeps the stored value.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from dataclasses import field as dc_field
from typing import Any

from rosterdesk.importers.checks import RequiredUnless
from rosterdesk.importers.columns import Column
from rosterdesk.importers.kinds import Bsn, Date, Digits, Email, Integer
from rosterdesk.importers.profile import Profile
from rosterdesk.platform.records.rowcheck import RowCheck
from rosterdesk.platform.tenants.tables import Institution
from rosterdesk.platform.uploads.views import read_options

FIELD_PREFIX = "field_"
OPTION_PREFIX = "option_"
CLEAR_PREFIX = "clear_"
"""A checkbox beside an optional masked field in an edit: empty the stored value (left empty, it is kept)."""


def input_name(field_name: str) -> str:
    return FIELD_PREFIX + field_name


def stored_text(value: Any) -> str:
    """A stored (normalised) value as a form shows it: dates as ISO text, numbers as digits, nothing as ''."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def shown(column: Column, value: Any) -> str:
    """A stored value as a page may show it: masked when the column is sensitive."""
    text = stored_text(value)
    return column.display(text) if text else ""


def required_unless(profile: Profile) -> dict[str, str]:
    """field -> the other field's header, for both fields of every ``RequiredUnless`` check."""
    found: dict[str, str] = {}
    for check in profile.checks:
        if isinstance(check, RequiredUnless):
            found[check.field] = profile.column(check.other).header
            found[check.other] = profile.column(check.field).header
    return found


def related_fields(profile: Profile, field_name: str) -> list[str]:
    """The other fields that a row check judges together with ``field_name`` (their messages may change too)."""
    related: list[str] = []
    for check in profile.checks:
        names = list(getattr(check, "fields", ()))
        if field_name in names:
            related.extend(name for name in names if name != field_name and name not in related)
    return [name for name in related if any(column.field == name for column in profile.columns)]


@dataclass
class FieldView:
    """One input of the form, ready for ``records/_field.html``."""

    field: str
    name: str
    label: str
    help: str
    required: bool
    marked: bool
    either: str
    choices: tuple[str, ...]
    input_type: str
    inputmode: str
    value: str
    placeholder: str
    clear_name: str = ""
    """Set for an optional masked field that holds a value, in an edit: the name of its "clear" checkbox."""
    cleared: bool = False
    errors: list[str] = dc_field(default_factory=list)
    warnings: list[str] = dc_field(default_factory=list)

    @property
    def describedby(self) -> str:
        parts = [f"help-{self.field}", f"err-{self.field}"]
        return " ".join(parts)


@dataclass
class OptionView:
    key: str
    name: str
    label: str
    choices: list[tuple[str, str]]
    value: str
    required: bool


def _input_type(column: Column) -> tuple[str, str]:
    kind = column.kind
    if isinstance(kind, Date):
        return "date", ""
    if isinstance(kind, Email):
        return "email", "email"
    if isinstance(kind, Digits | Bsn | Integer):
        return "text", "numeric"
    return "text", ""


def field_views(profile: Profile, lang: str, raw: Mapping[str, str], check: RowCheck | None = None, *,
                stored: Mapping[str, Any] | None = None, only: str | None = None,
                cleared: Collection[str] = ()) -> list[FieldView]:
    """The form's fields with what was typed (``raw``) and the check's messages beside them.

    ``stored`` (an edit): sensitive fields stay empty, their current value masked as the placeholder;
    an optional one also gets a checkbox to clear it (ticked for the fields in ``cleared``).
    ``only`` limits the messages to one field (the check of a field as it is left).
    """
    either = required_unless(profile)
    views = []
    for column in profile.columns:
        input_type, inputmode = _input_type(column)
        value = raw.get(column.field, "")
        placeholder = clear_name = ""
        if stored is not None and column.sensitive:
            current = stored_text(stored.get(column.field))
            if value == current:
                value = ""
            if current:
                placeholder = column.display(current)
                clear_name = "" if column.required else CLEAR_PREFIX + column.field
        view = FieldView(field=column.field, name=input_name(column.field), label=column.header,
                         help=column.help(lang), required=column.required, marked=column.required or (
                             column.field in either), either=either.get(column.field, ""),
                         choices=column.choices, input_type=input_type, inputmode=inputmode, value=value,
                         placeholder=placeholder, clear_name=clear_name, cleared=column.field in cleared)
        if check is not None and (only is None or only == column.field or column.field in related_fields(
                profile, only)):
            for error in check.of(column.field):
                (view.errors if error.severity == "error" else view.warnings).append(error.message(lang, profile))
        views.append(view)
    return views


def _choice_label(value: str) -> str:
    return value.replace("-", " ").capitalize() if "-" in value else value


def option_views(profile: Profile, lang: str, chosen: Mapping[str, str], institution: Institution
                 ) -> list[OptionView]:
    """The profile's upload options as selects; the school type is filled in from the institution (seed 003)."""
    views = []
    for option in profile.options:
        value = chosen.get(option.key, "")
        if not value and option.key == "school_type" and str(institution.kind) in option.choices:
            value = str(institution.kind)
        views.append(OptionView(key=option.key, name=OPTION_PREFIX + option.key,
                                label=(option.help_en if lang == "en" else option.help_nl) or option.key,
                                choices=[(choice, _choice_label(choice)) for choice in option.choices],
                                value=value or option.default or "", required=option.default is None))
    return views


def read_form(profile: Profile, form: Mapping[str, Any], stored: Mapping[str, Any] | None = None
              ) -> tuple[dict[str, str], dict[str, str], str | None]:
    """(field -> text, options, the key of an option that is missing or not in its list).

    Only the profile's own fields and options are read; anything else in the form is ignored (A11).
    In an edit, an empty sensitive field means "keep the stored value", unless its "clear" box is
    ticked (``cleared_fields``) and the field is optional.
    """
    raw: dict[str, str] = {}
    cleared = cleared_fields(profile, form)
    for column in profile.columns:
        value = form.get(input_name(column.field))
        text = value.strip() if isinstance(value, str) else ""
        if not text and stored is not None and column.sensitive and column.field not in cleared:
            text = stored_text(stored.get(column.field))
        raw[column.field] = text
    options, bad = read_options(profile, form)
    return raw, options, bad


def cleared_fields(profile: Profile, form: Mapping[str, Any]) -> set[str]:
    """The optional masked fields whose "clear" box the form has ticked."""
    return {column.field for column in profile.columns
            if column.sensitive and not column.required and form.get(CLEAR_PREFIX + column.field)}


def raw_from_stored(profile: Profile, stored: Mapping[str, Any]) -> dict[str, str]:
    return {column.field: stored_text(stored.get(column.field)) for column in profile.columns}
