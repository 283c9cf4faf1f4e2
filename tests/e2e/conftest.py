"""The browser every e2e module drives: one headless Chromium per module (rd_e2e.chromium), so a module's
tests share its start-up cost and no module keeps its own copy of the launch."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.e2e.rd_e2e import chromium


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as launched:
        yield launched
