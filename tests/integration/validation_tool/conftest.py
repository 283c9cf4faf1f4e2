"""Fixtures for the validation tool: the uploads' fixtures (SQLite and PostgreSQL), re-exported.

The uploads' conftest is loaded by path (neither folder is a package), so the tool runs on both
backends exactly like the wizard; ``site`` starts from empty tables and an empty uploads folder.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

UPLOADS_TESTS = Path(__file__).resolve().parent.parent / "uploads"
HERE = str(Path(__file__).resolve().parent)
for folder in (str(UPLOADS_TESTS), HERE):
    if folder not in sys.path:
        sys.path.insert(0, folder)


def _load_uploads_conftest() -> object:
    spec = importlib.util.spec_from_file_location("rd_uploads_conftest_tool", UPLOADS_TESTS / "conftest.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_uploads = _load_uploads_conftest()
database = _uploads.database  # type: ignore[attr-defined]
settings = _uploads.settings  # type: ignore[attr-defined]
fake_clock = _uploads.fake_clock  # type: ignore[attr-defined]
kind = _uploads.kind  # type: ignore[attr-defined]
env = _uploads.env  # type: ignore[attr-defined]
site = _uploads.site  # type: ignore[attr-defined]
