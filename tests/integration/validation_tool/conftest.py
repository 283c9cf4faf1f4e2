"""Fixtures for the validation tool: the uploads' fixtures (SQLite and PostgreSQL,
tests/integration/rd_platform.py); ``site`` starts from empty tables and an empty uploads folder.
"""

from __future__ import annotations

from tests.integration import rd_platform
from tests.integration.rd_platform import database, fake_clock, kind, queued_env, settings  # noqa: F401

rd_platform.use_folders("uploads")
site = rd_platform.site_fixture()
