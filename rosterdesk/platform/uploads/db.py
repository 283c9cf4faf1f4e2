"""Write transactions that serialise the uploads' state changes on both databases.

PostgreSQL: a normal transaction, and selects that decide a transition lock their rows
(``SELECT ... FOR UPDATE OF rd_upload_version``). SQLite has no row locks; an *immediate*
transaction takes the database's write lock at ``BEGIN``, so two transitions of the same row
(or two new version numbers) follow each other instead of interleaving.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

from piccolo.engine.sqlite import SQLiteEngine, TransactionType

from rosterdesk.platform.uploads.tables import Version

Lock = Callable[[Any], Any]


def _lock_rows(query: Any) -> Any:
    return query.lock_rows(of=(Version,))


def _as_is(query: Any) -> Any:
    return query


@asynccontextmanager
async def write_transaction(*, lock: bool = True) -> AsyncIterator[Lock]:
    """A transaction; yields the function that makes a select lock the rows it reads."""
    engine = Version._meta.db
    if isinstance(engine, SQLiteEngine):
        async with engine.transaction(transaction_type=TransactionType.immediate):
            yield _as_is
    else:
        async with engine.transaction():
            yield _lock_rows if lock else _as_is
