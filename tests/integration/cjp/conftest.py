"""Fixtures for CJP's invitations and export: the records' fixtures (SQLite and PostgreSQL,
tests/integration/rd_platform.py), so these tests run on both backends exactly like the records' tests;
the validation tool's file helpers (the seed's three-row header) are reused for the uploads.
"""

from __future__ import annotations

import pytest

from rosterdesk.platform.records.tables import Record, RecordRevision
from tests.integration import rd_platform
from tests.integration.rd_platform import database, fake_clock, kind, settings, uploads  # noqa: F401

rd_platform.use_folders("uploads", "records", "validation_tool")
site = rd_platform.site_fixture(RecordRevision, Record)
"""The app behind Litestar's test client, on empty tables (records too) and an empty uploads folder."""


@pytest.fixture
def env(database: dict[str, str]) -> dict[str, str]:  # noqa: F811 - the imported fixture, by name
    """The uploads' environment, with the helpdesk review's change share at 100 %: these tests replace small
    lists wholesale (a version that changes most of a list is held for review otherwise, docs/review.md)."""
    return {**rd_platform.uploads_env(database), "RD_REVIEW_CHANGE_SHARE": "100"}
