"""Fixtures for the column mapping step: the uploads' fixtures (SQLite and PostgreSQL,
tests/integration/rd_platform.py), plus empty mapping tables (SQLite may give a new institution the id of
a deleted one, so a remembered mapping must not outlive its test).
"""

from __future__ import annotations

from rosterdesk.platform.roster.mapping_tables import ColumnMapping, VersionMapping
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

use_folders("uploads", "mapping")
site = site_fixture(VersionMapping, ColumnMapping)
"""The app behind Litestar's test client, on empty tables (the mappings too) and an empty uploads folder."""
