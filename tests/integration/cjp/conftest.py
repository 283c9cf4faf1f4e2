"""Fixtures for CJP's invitations and export: the records' fixtures (SQLite and PostgreSQL), loaded by path.

The records' conftest is loaded by path and its fixtures re-exported (neither folder is a package),
so these tests run on both backends exactly like the records' tests; the validation tool's file
helpers (the seed's three-row header) are reused for the uploads.
"""

from __future__ import annotations

import importlib.util
import secrets
import sys
from pathlib import Path

import pytest

INTEGRATION = Path(__file__).resolve().parent.parent
for folder in (INTEGRATION / "records", INTEGRATION / "validation_tool", Path(__file__).resolve().parent):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))


def _load_records_conftest() -> object:
    spec = importlib.util.spec_from_file_location("rd_records_conftest", INTEGRATION / "records" / "conftest.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_records = _load_records_conftest()
database = _records.database  # type: ignore[attr-defined]
settings = _records.settings  # type: ignore[attr-defined]
fake_clock = _records.fake_clock  # type: ignore[attr-defined]
kind = _records.kind  # type: ignore[attr-defined]
site = _records.site  # type: ignore[attr-defined]
uploads = _records.uploads  # type: ignore[attr-defined]


@pytest.fixture
def env(database: dict[str, str]) -> dict[str, str]:
    """The uploads' environment, with the helpdesk review's change share at 100 %: these tests replace small
    lists wholesale (a version that changes most of a list is held for review otherwise, docs/review.md)."""
    return {**database, "RD_SECRET_KEY": _records._uploads.SECRET,  # type: ignore[attr-defined]
            "RD_BASE_URL": "http://testserver.local", "RD_QUEUE": f"rd-test-{secrets.token_hex(6)}",
            "RD_REVIEW_CHANGE_SHARE": "100"}
