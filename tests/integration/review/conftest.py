"""Fixtures for the helpdesk review: the uploads' fixtures (SQLite and PostgreSQL,
tests/integration/rd_platform.py), reviews and records emptied.
"""

from __future__ import annotations

from rosterdesk.platform.records.tables import Record, RecordRevision
from rosterdesk.platform.review.tables import Review
from tests.integration import rd_platform
from tests.integration.rd_platform import database, fake_clock, kind, queued_env, settings, uploads  # noqa: F401

rd_platform.use_folders("uploads")
site = rd_platform.site_fixture(Review, RecordRevision, Record)
"""The app on empty tables (reviews and records too) and an empty uploads folder."""
