"""Piccolo app ``auth``: users, recovery codes, password links, throttles."""

from __future__ import annotations

from pathlib import Path

from piccolo.conf.apps import AppConfig, table_finder

import rosterdesk

APP_CONFIG = AppConfig(
    app_name="auth",
    migrations_folder_path=str(Path(rosterdesk.__file__).parent / "migrations" / "auth"),
    table_classes=table_finder(modules=["rosterdesk.platform.auth.tables"], exclude_imported=True),
    migration_dependencies=[],
    commands=[],
)
