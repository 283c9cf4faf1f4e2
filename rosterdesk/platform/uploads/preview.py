"""Step 3 of the wizard: ten data rows chosen at random, read inside the sandbox.

``sample_rows`` runs in the sandbox's child process (it opens a user's file), so this module
imports only the engine. The rows are drawn with reservoir sampling: one pass over the file,
memory for ``count`` rows, every data row equally likely. Sensitive columns are masked as in
reports.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

from rosterdesk.importers.kinds import cell_text, is_blank
from rosterdesk.importers.limits import Limits
from rosterdesk.importers.profile import Profile
from rosterdesk.importers.readers import open_sheet
from rosterdesk.importers.structure import header_text


def sample_rows(path: str, profile: Profile, *, filename: str, read_limits: Limits, count: int,
                seed: int | None = None, delimiter: str | None = None) -> dict[str, Any]:
    """``{"headers": [...], "rows": [[row_number, [cell texts]], ...], "total": data rows}``.

    ``delimiter``: the one the user chose at the mapping step (None: the reader's detection)."""
    sheet = open_sheet(Path(path), formats=profile.formats, filename=filename, sheet_name=profile.sheet_name,
                       delimiter=delimiter, limits=read_limits, profile_title=profile.title_nl)
    # Only versions whose structure check passed get a preview: the headers are on the profile's row.
    header_number = profile.header_row
    rows = iter(sheet.rows)
    head: list[list[Any]] = []
    for row in rows:
        head.append(row)
        if len(head) >= header_number:
            break
    header_cells = head[header_number - 1] if len(head) >= header_number else []
    headers = [header_text(cell).strip() for cell in header_cells]
    while headers and not headers[-1]:
        headers.pop()
    by_header = {column.header: column for column in profile.columns}
    columns = [by_header.get(header) for header in headers]

    rng = random.Random(seed)  # noqa: S311 - a sample to look at, not a secret
    chosen: list[tuple[int, list[Any]]] = []
    seen = 0
    number = header_number

    def source() -> Any:
        yield from head[header_number:]
        yield from rows

    for raw in source():
        number += 1
        if all(is_blank(cell) for cell in raw):
            continue
        seen += 1
        if len(chosen) < count:
            chosen.append((number, raw))
        else:
            slot = rng.randrange(seen)
            if slot < count:
                chosen[slot] = (number, raw)
    chosen.sort(key=lambda item: item[0])
    shown = []
    for row_number, raw in chosen:
        cells = [(raw[index] if index < len(raw) else None) for index in range(len(headers))]
        texts = ["" if is_blank(cell) else cell_text(cell) for cell in cells]
        texts = [column.display(text) if column is not None and text else text
                 for column, text in zip(columns, texts, strict=True)]
        shown.append([row_number, texts])
    return {"headers": headers, "rows": shown, "total": seen}

