"""The mapping step's look at the file: its headers and first data rows, read with a chosen delimiter.

``first_rows`` runs in the sandbox's child process (it opens a user's file), so this module imports
only the engine. Unlike step 3's random sample it takes the first rows, and it reads no further
than that: the page is read again whenever the user picks another delimiter.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rosterdesk.importers.kinds import cell_text, is_blank
from rosterdesk.importers.limits import Limits
from rosterdesk.importers.profile import Profile
from rosterdesk.importers.readers import open_sheet
from rosterdesk.importers.structure import trimmed_headers

MAX_COLUMNS = 200
"""Columns offered for labelling; a file with more is not a roster a person labels by hand."""


def first_rows(path: str, profile: Profile, *, filename: str, read_limits: Limits, delimiter: str | None,
               count: int) -> dict[str, Any]:
    """``{"headers", "rows": [[row number, [cell texts]]], "delimiter", "format", "width"}``.

    ``delimiter`` None: the reader's detection decides, and ``delimiter`` in the answer is the one it
    found (the choice to preselect). ``width`` is the number of columns shown: the header row's,
    or more when data rows are wider (a wrong delimiter, or values without a header).
    """
    sheet = open_sheet(Path(path), formats=profile.formats, filename=filename, sheet_name=profile.sheet_name,
                       delimiter=delimiter, limits=read_limits, profile_title=profile.title_nl)
    rows = iter(sheet.rows)
    header_cells: list[Any] = []
    number = 0
    for row in rows:
        number += 1
        if number == profile.header_row:
            header_cells = row
            break
    headers = trimmed_headers(header_cells)[:MAX_COLUMNS]
    shown: list[list[Any]] = []
    width = len(headers)
    for raw in rows:
        number += 1
        if all(is_blank(cell) for cell in raw):
            continue
        cells = ["" if is_blank(cell) else cell_text(cell) for cell in raw[:MAX_COLUMNS]]
        while cells and not cells[-1]:
            cells.pop()
        width = max(width, len(cells))
        shown.append([number, cells])
        if len(shown) >= count:
            break
    headers = headers + [""] * (width - len(headers))
    return {"headers": headers, "rows": [[n, cells + [""] * (width - len(cells))] for n, cells in shown],
            "delimiter": sheet.delimiter, "format": sheet.format, "width": width}
