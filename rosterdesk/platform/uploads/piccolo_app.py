"""Piccolo app ``uploads``: the versions of uploaded roster files."""

from __future__ import annotations

from pathlib import Path

from piccolo.conf.apps import AppConfig, table_finder

import rosterdesk

APP_CONFIG = AppConfig(
    app_name="uploads",
    migrations_folder_path=str(Path(rosterdesk.__file__).parent / "migrations" / "uploads"),
    table_classes=table_finder(modules=["rosterdesk.platform.uploads.tables"], exclude_imported=True),
    migration_dependencies=["rosterdesk.platform.auth.piccolo_app", "rosterdesk.platform.tenants.piccolo_app"],
    commands=[],
)
