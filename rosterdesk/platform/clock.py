"""The one place the platform reads the time, so tests can move it."""

from __future__ import annotations

import time
from datetime import UTC, datetime


def timestamp() -> float:
    return time.time()


def now() -> datetime:
    return datetime.fromtimestamp(timestamp(), tz=UTC)
