"""Fixtures for the records: the uploads' fixtures (SQLite and PostgreSQL, tests/integration/rd_platform.py),
plus empty records tables.
"""

from __future__ import annotations

from rosterdesk.platform.records.tables import Record, RecordRevision
from tests.integration import rd_platform
from tests.integration.rd_platform import database, fake_clock, kind, queued_env, settings, uploads  # noqa: F401

rd_platform.use_folders("uploads")
site = rd_platform.site_fixture(RecordRevision, Record)
"""The app behind Litestar's test client, on empty tables (records too) and an empty uploads folder."""
