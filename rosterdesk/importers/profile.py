"""The profile: everything rosterdesk knows about one kind of file, declared in one place.

A plugin module holds declarations only and ends in ``PROFILE = Profile(...)``. The engine, the
template writer, the CLI and (later) the web forms all read the same declaration, so a rule
exists once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from rosterdesk.importers.checks.base import Check
from rosterdesk.importers.columns import Column
from rosterdesk.importers.errors import ProfileDefinitionError

HeaderPolicy = Literal["exact", "by_name"]
FORMATS = frozenset({"xlsx", "xls", "ods", "csv"})
IMPORT_MODES = ("new", "update", "sync")
"""How a confirmed version may change the records in force (``Profile.import_modes``): ``new`` adds keys not
yet present, ``update`` also changes existing ones, ``sync`` also removes the keys the file does not list."""


@dataclass(frozen=True)
class Option:
    """A profile option set per upload (``--set key=value`` on the command line)."""

    key: str
    choices: tuple[str, ...]
    default: str | None = None
    help_nl: str = ""
    help_en: str = ""


@dataclass(frozen=True)
class Profile:
    """One import profile.

    ``header_row`` is the 1-based row holding the column headers; rows above it are the
    template's preamble (CJP: a Verplicht/Optioneel row and a hint row) and are not checked.
    ``header_policy`` ``exact`` demands every column, spelled exactly, in order (NSE, CJP,
    Intergrip); ``by_name`` demands the required columns in any order and ignores unknown ones
    with a warning (the roster CSV before its column mapping exists).
    ``import_modes`` (from ``IMPORT_MODES``, the first one preselected) lets the user choose at the
    confirm step how the version changes the records in force, after a preview of every row's fate
    (``platform.roster``); empty: a confirmed version is the complete list, as for NSE, CJP and Intergrip.
    """

    slug: str
    title_nl: str
    title_en: str
    description_nl: str
    description_en: str
    columns: tuple[Column, ...]
    formats: frozenset[str] = frozenset({"xlsx"})
    checks: tuple[Check, ...] = ()
    header_row: int = 1
    preamble: tuple[Literal["required", "hint"], ...] = ()
    header_policy: HeaderPolicy = "exact"
    column_mapping: bool = False
    """The user labels each column with a field or "negeren" after uploading (seed 004, roster CSV): the
    wizard shows the mapping step and the engine reads the columns by the mapping (``Request.mapping``)."""
    sheet_name: str = "Gegevens"
    record_key: tuple[str, ...] = ()
    review: bool = False
    completeness: str | None = None
    options: tuple[Option, ...] = ()
    needs_institution: bool = False
    needs_reference: bool = False
    tile_nl: str = ""
    tile_en: str = ""
    import_modes: tuple[str, ...] = ()
    _by_field: dict[str, Column] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_field = {column.field: column for column in self.columns}
        if len(by_field) != len(self.columns):
            raise ProfileDefinitionError(f"{self.slug}: two columns share a field name")
        if len({column.header for column in self.columns}) != len(self.columns):
            raise ProfileDefinitionError(f"{self.slug}: two columns share a header")
        unknown_formats = self.formats - FORMATS
        if unknown_formats:
            raise ProfileDefinitionError(f"{self.slug}: unknown formats {sorted(unknown_formats)}")
        if len(self.preamble) != self.header_row - 1:
            raise ProfileDefinitionError(f"{self.slug}: preamble must fill the rows above header_row")
        for check in self.checks:
            for name in check.fields:
                if name not in by_field:
                    raise ProfileDefinitionError(f"{self.slug}: check {check.type} names unknown field {name}")
        for key in self.record_key:
            if key not in by_field:
                raise ProfileDefinitionError(f"{self.slug}: record key names unknown field {key}")
        unknown_modes = set(self.import_modes) - set(IMPORT_MODES)
        if unknown_modes or (self.import_modes and (self.review or not self.record_key)):
            raise ProfileDefinitionError(f"{self.slug}: import modes need known names {IMPORT_MODES}, a record key "
                                         "and no review")
        object.__setattr__(self, "_by_field", by_field)

    def column(self, field_name: str) -> Column:
        return self._by_field[field_name]

    @property
    def headers(self) -> tuple[str, ...]:
        return tuple(column.header for column in self.columns)

    @property
    def first_data_row(self) -> int:
        return self.header_row + 1

    def title(self, lang: str) -> str:
        return self.title_en if lang == "en" else self.title_nl

    def description(self, lang: str) -> str:
        return self.description_en if lang == "en" else self.description_nl

    def option(self, key: str) -> Option | None:
        return next((option for option in self.options if option.key == key), None)

    @property
    def mapping_switches(self) -> tuple[str, ...]:
        """The yes/no options asked as switches on the column-mapping step (roster CSV: "Toevoegen als
        leerling"), not on step 1 beside the file: they are about the columns the user labels there."""
        if not self.column_mapping:
            return ()
        return tuple(option.key for option in self.options if tuple(option.choices) == ("J", "N"))
