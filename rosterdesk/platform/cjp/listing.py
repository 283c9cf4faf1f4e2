"""The CJP profiles' additions to the records list (``records.extensions``): the seed's column names,
the Activatiecode column, the selection with "Verstuur uitnodiging" and "Exporteer naar Excel",
and "Student toevoegen" / "Docent toevoegen" for the manual add (seed 002: "voeg student toe")."""

from __future__ import annotations

from rosterdesk.platform.cjp.invitations import codes_of
from rosterdesk.platform.cjp.statuses import PROFILES
from rosterdesk.platform.cjp.texts import CODE_HEADER, HEADERS, STATUS_LABELS
from rosterdesk.platform.records.extensions import ListExtension, register
from rosterdesk.platform.tenants.tables import Institution

NO_CODE = "---"
"""What the seed's list shows in Activatiecode before an invitation."""
ADD_KEYS = {"cjp-students": "cjp.add-student", "cjp-teachers": "cjp.add-teacher"}


async def code_cells(institution: Institution, record_ids: list[int]) -> dict[int, list[str]]:
    codes = await codes_of(institution, record_ids)
    return {record_id: [codes.get(record_id, NO_CODE)] for record_id in record_ids}


def register_all() -> None:
    """Register the extension for both CJP profiles (the app does this when it is made)."""
    for slug in PROFILES:
        register(slug, ListExtension(headers=HEADERS, extra_headers=(CODE_HEADER,), extra_cells=code_cells,
                                     actions_template="cjp/_actions.html", add_key=ADD_KEYS[slug],
                                     status_labels=STATUS_LABELS))
