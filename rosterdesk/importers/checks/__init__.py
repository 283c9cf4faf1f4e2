"""The built-in checks, one per module, registered through the same hook as plugin checks."""

from __future__ import annotations

from rosterdesk.importers.checks.base import Check
from rosterdesk.importers.checks.choices_by_option import ChoicesByOption
from rosterdesk.importers.checks.different_from import DifferentFrom
from rosterdesk.importers.checks.digits_when import DigitsWhen
from rosterdesk.importers.checks.exactly_one_per_group import ExactlyOnePerGroup
from rosterdesk.importers.checks.matches_institution import MatchesInstitution
from rosterdesk.importers.checks.not_identifying import NotIdentifying
from rosterdesk.importers.checks.required_unless import RequiredUnless
from rosterdesk.importers.checks.rio_location import RioLocation
from rosterdesk.importers.checks.rio_programme import RioProgramme
from rosterdesk.importers.checks.unique_together import UniqueTogether
from rosterdesk.importers.checks.unique_value import UniqueValue
from rosterdesk.importers.hookspecs import hookimpl

BUILTIN_CHECKS: tuple[type[Check], ...] = (
    ChoicesByOption,
    DifferentFrom,
    DigitsWhen,
    ExactlyOnePerGroup,
    MatchesInstitution,
    NotIdentifying,
    RequiredUnless,
    RioLocation,
    RioProgramme,
    UniqueTogether,
    UniqueValue,
)

__all__ = [
    "BUILTIN_CHECKS",
    "Check",
    "ChoicesByOption",
    "DifferentFrom",
    "DigitsWhen",
    "ExactlyOnePerGroup",
    "MatchesInstitution",
    "NotIdentifying",
    "RequiredUnless",
    "RioLocation",
    "RioProgramme",
    "UniqueTogether",
    "UniqueValue",
]


@hookimpl
def register_checks() -> list[type[Check]]:
    return list(BUILTIN_CHECKS)
