"""Fixtures for the validation tool: the uploads' fixtures (SQLite and PostgreSQL,
tests/integration/rd_platform.py); ``site`` starts from empty tables and an empty uploads folder.
"""

from __future__ import annotations

from tests.integration.rd_platform import (  # noqa: F401 - fixtures, used by name
    database,
    fake_clock,
    kind,
    queued_env,
    settings,
    site_fixture,
    use_folders,
)

use_folders("uploads")
site = site_fixture()
