"""Fixtures for the records: the uploads' fixtures (SQLite and PostgreSQL, tests/integration/rd_platform.py),
plus empty records tables.
"""

from __future__ import annotations

from rosterdesk.platform.records.tables import Record, RecordRevision
from tests.integration.rd_platform import (  # noqa: F401 - fixtures, used by name
    database,
    fake_clock,
    kind,
    queued_env,
    settings,
    site_fixture,
    uploads,
    use_folders,
)

use_folders("uploads")
site = site_fixture(RecordRevision, Record)
"""The app behind Litestar's test client, on empty tables (records too) and an empty uploads folder."""
