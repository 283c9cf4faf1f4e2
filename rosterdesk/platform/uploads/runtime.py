"""What the uploads need at run time, installed once per process by whoever starts them.

The web app's lifespan installs a ``Runtime`` (settings, file store, broker) and so does
``rosterdesk worker``; services and the actor read it with ``current()``. ``loop`` is the event
loop that owns the database engine (the app's loop, or the worker's loop thread): the actor runs
in a Dramatiq worker thread and hands its database steps to that loop with ``call``, so one
connection pool serves both, on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from rosterdesk.importers.limits import Limits
from rosterdesk.importers.reference import Reference
from rosterdesk.platform.settings import Settings
from rosterdesk.platform.uploads.broker import Dispatcher
from rosterdesk.platform.uploads.storage import MB, FileStore

T = TypeVar("T")


@dataclass
class Runtime:
    """Settings, store, broker and the database's loop of this process."""

    settings: Settings
    store: FileStore
    dispatcher: Dispatcher
    loop: asyncio.AbstractEventLoop

    @classmethod
    def create(cls, settings: Settings, loop: asyncio.AbstractEventLoop) -> Runtime:
        from rosterdesk.platform.uploads.tasks import check_version  # noqa: PLC0415 - tasks imports this module

        return cls(settings=settings, store=FileStore(upload_dir(settings)),
                   dispatcher=Dispatcher(settings, check_version), loop=loop)

    def call(self, coro: Coroutine[Any, Any, T]) -> T:
        """Run ``coro`` on the database's loop from another thread and wait for its result."""
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result()

    @property
    def limits(self) -> Limits:
        uploads = self.settings.uploads
        return Limits(max_bytes=uploads.max_mb * MB, memory_mb=uploads.check_memory_mb,
                      seconds=float(uploads.check_seconds))

    def reference(self) -> Reference | None:
        """The reference data in force: the newest import (``rosterdesk.platform.reference``).

        None while nothing was ever imported: the engine then skips the RIO checks with a
        warning in the report, which is honest; checking real files against the bundled
        (fictional) sample would not be. The demo seed imports that sample as its first import.
        Called from worker threads (the actor, compare's thread): the database query runs on the
        database's loop through ``call``, the files are parsed once per import and process. Never
        call it on that loop itself: it would wait for itself.
        """
        from rosterdesk.platform.reference.services import current_reference  # noqa: PLC0415 - web-side service

        found = self.call(current_reference(self.settings.app.data_dir))
        if found is None:
            logging.getLogger("rosterdesk.uploads").warning("no reference data imported yet: RIO checks are skipped")
        return found


def upload_dir(settings: Settings) -> Path:
    return settings.app.data_dir / "uploads"


_current: Runtime | None = None


def install(runtime: Runtime) -> None:
    global _current  # noqa: PLW0603 - one runtime per process, like Dramatiq's one worker per process
    _current = runtime


def uninstall(runtime: Runtime) -> None:
    global _current  # noqa: PLW0603
    if _current is runtime:
        _current = None


def current() -> Runtime:
    """The installed runtime; the app (or ``rosterdesk worker``) must have started."""
    if _current is None:
        raise RuntimeError("uploads are not started: create_app()'s lifespan or 'rosterdesk worker' installs them")
    return _current
