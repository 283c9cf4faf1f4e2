"""What a profile's own package adds to the records list (CJP: the activation codes and the selection).

The records pages stay generic; a package registers a ``ListExtension`` for its profiles and the
list asks ``extension_for(slug)``: headers to show instead of the file's column names, extra
columns after the status (their cells fetched for the ids on the page), a template with the
selection's buttons inside the results, and the wording of the add button.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field

from rosterdesk.platform.tenants.tables import Institution

ExtraCells = Callable[[Institution, list[int]], Awaitable[dict[int, list[str]]]]
"""(institution, record ids on the page) -> record id -> the extra columns' cells."""


@dataclass(frozen=True)
class ListExtension:
    headers: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    """field -> (nl, en): the header the list shows instead of the file's column name."""
    extra_headers: tuple[tuple[str, str], ...] = ()
    """(nl, en) of each extra column, shown after the status."""
    extra_cells: ExtraCells | None = None
    actions_template: str = ""
    """A template included at the top of the results (it gets the list's context); empty for none."""
    add_key: str = ""
    """Text key of the add button (default ``records.add``)."""
    status_labels: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    """stored status -> (nl, en) as pages show it (CJP: Uitgenodigd / Invited); others are shown as stored."""

    def header(self, field_name: str, default: str, lang: str) -> str:
        shown = self.headers.get(field_name)
        return default if shown is None else shown[1 if lang == "en" else 0]


_EXTENSIONS: dict[str, ListExtension] = {}


def register(profile_slug: str, extension: ListExtension) -> None:
    """Called by the package that owns ``profile_slug`` (again: replaces, so a reload is harmless)."""
    _EXTENSIONS[profile_slug] = extension


def extension_for(profile_slug: str) -> ListExtension | None:
    return _EXTENSIONS.get(profile_slug)


def status_labels(profile_slug: str, lang: str) -> dict[str, str]:
    """stored status -> how the pages show it in ``lang``, for the profile's own statuses."""
    extension = extension_for(profile_slug)
    if extension is None:
        return {}
    return {status: pair[1 if lang == "en" else 0] for status, pair in extension.status_labels.items()}
