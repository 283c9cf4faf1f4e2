"""Fixtures for the platform: the same suite on SQLite and on PostgreSQL (tests/integration/rd_platform.py).

Every test starts from empty tables; the fixtures refuse to touch a database that is not a test database.
"""

from __future__ import annotations

from tests.integration.rd_platform import database, env, fake_clock, kind, settings, site_fixture  # noqa: F401

site = site_fixture(uploads=False)
"""The app behind Litestar's test client, on empty tables."""
