"""The Dramatiq broker from ``BROKER_URL`` and the one actor declared on it.

``redis://`` gives a ``RedisBroker``, ``amqp://`` a ``RabbitmqBroker``; unset gives Dramatiq's
in-memory ``StubBroker`` for the embedded worker thread inside the web process (its queue is
lost with the process, which is fine: the database row is the truth and the sweeper queues
every unfinished check again at start). Building a broker connects to nothing, so a broker that
is down never stops the web process from starting; sending then fails and the check is "delayed"
until the sweeper gets it through (SECURITY.md R4).

The actor is declared per broker (not with a module-level ``@dramatiq.actor``), so one process
can build the broker its settings name, and nothing depends on import order.
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlsplit

import dramatiq
import redis
from dramatiq.brokers.rabbitmq import RabbitmqBroker
from dramatiq.brokers.redis import RedisBroker
from dramatiq.brokers.stub import StubBroker

from rosterdesk.platform.settings import Settings

log = logging.getLogger("rosterdesk.uploads")

ACTOR_NAME = "check_version"
CONNECT_SECONDS = 3
MAX_RETRIES = 2
"""Dramatiq's own retries, for a worker that lost its database mid-check (R6). Crashes of the
parser are counted in the database row instead (``attempts``), where they survive redelivery."""


def make_broker(settings: Settings) -> dramatiq.Broker:
    """The broker ``BROKER_URL`` names (``StubBroker`` when unset). Opens no connection."""
    url = settings.worker.broker_url
    if not url:
        return StubBroker()
    scheme = urlsplit(url).scheme
    if scheme in ("redis", "rediss"):
        client = redis.Redis.from_url(url, socket_connect_timeout=CONNECT_SECONDS, socket_keepalive=True,
                                      health_check_interval=30)
        return RedisBroker(client=client)  # type: ignore[no-untyped-call]
    if scheme in ("amqp", "amqps"):
        return RabbitmqBroker(url=_with_timeouts(url))
    raise ValueError("BROKER_URL must be a redis:// or amqp:// URL")


def _with_timeouts(url: str) -> str:
    """pika's defaults wait long for a broker that is down; a web request should not."""
    extra = f"connection_attempts=1&socket_timeout={CONNECT_SECONDS}&blocked_connection_timeout=30"
    return url + ("&" if "?" in url else "?") + extra


class Dispatcher:
    """The broker plus the ``check_version`` actor on it: ``send(version_id)`` queues one check."""

    def __init__(self, settings: Settings, fn: Any) -> None:
        self.broker = make_broker(settings)
        limit_ms = (settings.uploads.check_seconds + 60) * 1000  # the sandbox enforces the real limit
        options = {"max_retries": MAX_RETRIES, "min_backoff": 1_000, "max_backoff": 30_000, "time_limit": limit_ms}
        unknown = set(options) - self.broker.actor_options
        if unknown:  # what dramatiq.actor() checks too: a typo must not pass silently
            raise ValueError(f"unknown actor options {sorted(unknown)}")
        self.actor: dramatiq.Actor[Any, Any] = dramatiq.Actor(
            fn, broker=self.broker, actor_name=ACTOR_NAME, queue_name=settings.worker.queue, priority=0,
            options=options)

    @property
    def queue(self) -> str:
        return str(self.actor.queue_name)

    def send(self, version_id: int) -> None:
        """Queue a check of ``version_id``; raises when the broker cannot be reached."""
        self.actor.send(int(version_id))

    def close(self) -> None:
        try:
            self.broker.close()
        except Exception:
            log.warning("closing the broker failed", exc_info=True)
