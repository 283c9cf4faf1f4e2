"""The records page's query: search, sort by a column, filter by status, one page at a time (server-side).

Search looks in ``Record.search`` (the non-sensitive values, lower-cased). Sorting reads the value
out of the JSON column with the database's own function (SQLite ``json_extract``, PostgreSQL
``->>``); the field name is one of the profile's columns, never the user's text, and is passed
as a bound parameter anyway. Sensitive columns can be neither searched nor sorted: their order
would tell something about values the page only shows masked.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from piccolo.querystring import QueryString

from rosterdesk.importers.kinds import Integer
from rosterdesk.importers.profile import Profile
from rosterdesk.platform.records.tables import Record
from rosterdesk.platform.tenants.tables import Institution
from rosterdesk.platform.uploads.views import as_dict

PAGE_SIZE = 25
QUERY_LIMIT = 100


def sortable(profile: Profile) -> list[str]:
    """The fields the list may be sorted by: the non-sensitive columns, then status and last change."""
    return [column.field for column in profile.columns if not column.sensitive] + ["status", "updated"]


@dataclass(frozen=True)
class ListQuery:
    """What the records page asks for; anything unknown falls back to the default."""

    q: str = ""
    sort: str = ""
    desc: bool = False
    status: str = ""
    page: int = 1

    @classmethod
    def parse(cls, profile: Profile, params: Mapping[str, str]) -> ListQuery:
        sort = params.get("sort", "")
        page = params.get("page", "1")
        return cls(q=" ".join(params.get("q", "").split())[:QUERY_LIMIT],
                   sort=sort if sort in sortable(profile) else "",
                   desc=params.get("dir") == "desc",
                   status=params.get("status", "")[:20],
                   page=int(page) if page.isdigit() and len(page) < 7 and int(page) > 0 else 1)

    def query_string(self, **changes: Any) -> str:
        values: dict[str, Any] = {"q": self.q, "sort": self.sort, "dir": "desc" if self.desc else "",
                                  "status": self.status, "page": self.page if self.page > 1 else ""}
        values.update(changes)
        return urlencode({key: str(value) for key, value in values.items() if value not in ("", None, 1)})

    def sort_link(self, field_name: str) -> str:
        """The query that sorts by ``field_name`` (the other way round when it already does), from page 1."""
        desc = not self.desc if self.sort == field_name else False
        return self.query_string(sort=field_name, dir="desc" if desc else "", page="")


@dataclass(frozen=True)
class RecordPage:
    rows: list[dict[str, Any]]
    total: int
    page: int
    pages: int
    statuses: list[str]


def _order(profile: Profile, query: ListQuery) -> Any:
    if query.sort == "status":
        return Record.status
    if query.sort in ("", "updated"):
        return Record.updated_at if query.sort else Record.id
    column = profile.column(query.sort)
    if Record._meta.db.engine_type == "sqlite":
        return QueryString('json_extract("data", {})', f"$.{column.field}")
    if isinstance(column.kind, Integer):
        return QueryString('(("data"::jsonb ->> {})::numeric)', column.field)
    return QueryString('lower("data"::jsonb ->> {})', column.field)


def in_force(institution: Institution, profile: Profile) -> Any:
    """The where clause of the institution's records in force of ``profile``."""
    return ((Record.institution == institution.id) & (Record.profile == profile.slug)
            & (Record.deleted == False))  # noqa: E712


def matching(institution: Institution, profile: Profile, query: ListQuery) -> Any:
    """The where clause of the records the list shows for ``query`` (search and status; all pages)."""
    where = in_force(institution, profile)
    if query.status:
        where = where & (Record.status == query.status)
    if query.q:
        where = where & Record.search.like(f"%{query.q.lower()}%")
    return where


def ordered(select: Any, profile: Profile, query: ListQuery) -> Any:
    """``select`` in the list's order for ``query``."""
    return select.order_by(_order(profile, query), ascending=not query.desc).order_by(
        Record.id, ascending=not query.desc)


async def list_records(institution: Institution, profile: Profile, query: ListQuery) -> RecordPage:
    """One page of the institution's records in force of ``profile``."""
    statuses = sorted({str(row["status"]) for row in await Record.select(Record.status).where(
        in_force(institution, profile)).distinct().run()})
    where = matching(institution, profile, query)
    total = int(await Record.count().where(where).run())
    pages = max(1, math.ceil(total / PAGE_SIZE))
    page = min(query.page, pages)
    rows = await ordered(Record.select(Record.id, Record.data, Record.status, Record.updated_at).where(where),
                         profile, query).limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE).run()
    for row in rows:
        row["data"] = as_dict(row["data"])
    return RecordPage(rows=rows, total=total, page=page, pages=pages, statuses=statuses)
