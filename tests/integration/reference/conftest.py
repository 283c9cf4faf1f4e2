"""Fixtures for reference data and upload periods: the same suite on SQLite and on PostgreSQL.

The platform's fixtures (tests/integration/rd_platform.py); every test starts from empty tables (the
reference imports and upload periods too) and an empty reference folder. DUO's real files are the
session fixture ``duo_dir`` of tests/conftest.py.
"""

from __future__ import annotations

from rosterdesk.platform.periods.tables import UploadPeriod
from rosterdesk.platform.reference.tables import ReferenceImport
from tests.integration.rd_platform import database, env, fake_clock, kind, settings, site_fixture  # noqa: F401

site = site_fixture(ReferenceImport, UploadPeriod, uploads=False, folders=("reference",))
"""The app behind Litestar's test client, on empty tables and without reference imports."""
