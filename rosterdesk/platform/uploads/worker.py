"""Running the checks: in the web process (embedded default) or as ``rosterdesk worker``.

``Background`` is what the web app's lifespan starts: the uploads' runtime, the sweeper, and,
without ``BROKER_URL``, a Dramatiq worker on the in-memory broker, in threads of the web
process. With ``BROKER_URL`` the web process only sends; ``rosterdesk worker`` processes (any
number, on any machine) consume. ``run_worker`` is that process: a Dramatiq ``Worker`` (one per
process, as Dramatiq wants), the database on an event-loop thread, and the sweeper.

SIGTERM (a deploy, R10): the worker stops taking messages, lets the running checks finish
(bounded by the check's own time limit), hands prefetched messages back to the broker, and
exits. A check that still does not finish is found by the sweeper (its row stays ``checking``
and its heartbeat stops), as after a SIGKILL.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import threading
from types import FrameType
from urllib.parse import urlsplit

import anyio.to_thread
import dramatiq
from dramatiq.brokers.stub import StubBroker

from rosterdesk.platform.db import engine as db
from rosterdesk.platform.settings import Settings
from rosterdesk.platform.uploads import runtime as rt
from rosterdesk.platform.uploads.sweeper import run_sweeper

log = logging.getLogger("rosterdesk.uploads")


def grace_ms(settings: Settings) -> int:
    """How long a stopping worker waits for running checks: their time limit and a margin."""
    return (settings.uploads.check_seconds + 30) * 1000


class Background:
    """The uploads' background side of the web process (see the module docstring)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.runtime: rt.Runtime | None = None
        self.worker: dramatiq.Worker | None = None
        self.sweeper: asyncio.Task[None] | None = None
        self.privacy: asyncio.Task[None] | None = None
        """The privacy job: erases a profile's e-mail addresses on its retention date (docs/privacy.md)."""

    @property
    def embedded(self) -> bool:
        return not self.settings.worker.broker_url

    async def start(self) -> None:
        runtime = rt.Runtime.create(self.settings, asyncio.get_running_loop())
        rt.install(runtime)
        self.runtime = runtime
        if self.embedded and isinstance(runtime.dispatcher.broker, StubBroker):
            self.worker = dramatiq.Worker(runtime.dispatcher.broker, queues={runtime.dispatcher.queue},
                                          worker_threads=self.settings.worker.threads, worker_timeout=250)
            self.worker.start()
        self.sweeper = asyncio.create_task(run_sweeper(runtime, all_queued_first=self.embedded),
                                           name="rosterdesk-sweeper")
        from rosterdesk.platform.privacy.erase import run_privacy_job  # noqa: PLC0415 - privacy imports uploads

        self.privacy = asyncio.create_task(run_privacy_job(self.settings), name="rosterdesk-privacy")

    async def stop(self) -> None:
        """Stop the sweeper, let running checks finish (off the loop: they need it), close the broker."""
        for task in (self.sweeper, self.privacy):
            if task is not None:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
        if self.worker is not None:
            worker = self.worker
            await anyio.to_thread.run_sync(lambda: worker.stop(timeout=grace_ms(self.settings)))
        if self.runtime is not None:
            self.runtime.dispatcher.close()
            rt.uninstall(self.runtime)


def run_worker(settings: Settings, threads: int | None = None) -> int:
    """``rosterdesk worker``: consume checks from ``BROKER_URL`` until SIGTERM or SIGINT; exit code."""
    if not settings.worker.broker_url:
        log.error("BROKER_URL is not set: without a broker the web process runs the checks itself")
        return 2
    loop = asyncio.new_event_loop()
    loop_thread = threading.Thread(target=loop.run_forever, name="rosterdesk-db-loop", daemon=True)
    loop_thread.start()
    engine = db.engine_for(settings)
    db.use_engine(engine)
    asyncio.run_coroutine_threadsafe(db.start(engine), loop).result()
    runtime = rt.Runtime.create(settings, loop)
    rt.install(runtime)
    worker = dramatiq.Worker(runtime.dispatcher.broker, queues={runtime.dispatcher.queue},
                             worker_threads=threads or settings.worker.threads)
    stop = threading.Event()

    def on_signal(signum: int, frame: FrameType | None) -> None:
        log.info("signal %s: finishing running checks, then stopping", signum)
        stop.set()

    previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGTERM, signal.SIGINT)}
    worker.start()
    sweeper = asyncio.run_coroutine_threadsafe(run_sweeper(runtime, all_queued_first=False), loop)
    log.info("rosterdesk worker: queue %s on %s, %s thread(s), %s", runtime.dispatcher.queue,
             _safe_url(settings.worker.broker_url), threads or settings.worker.threads, db.describe(engine))
    try:
        stop.wait()
    finally:
        sweeper.cancel()
        worker.stop(timeout=grace_ms(settings))
        runtime.dispatcher.close()
        asyncio.run_coroutine_threadsafe(db.stop(engine), loop).result()
        loop.call_soon_threadsafe(loop.stop)
        loop_thread.join(5)
        rt.uninstall(runtime)
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    log.info("rosterdesk worker stopped")
    return 0


def _safe_url(url: str) -> str:
    """The broker URL without its password, for the log."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.hostname}:{parts.port or ''}{parts.path}"
