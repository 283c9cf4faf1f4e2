"""Piccolo app ``records``: the institution's records per profile and their revisions."""

from __future__ import annotations

from pathlib import Path

from piccolo.conf.apps import AppConfig, table_finder

import rosterdesk

APP_CONFIG = AppConfig(
    app_name="records",
    migrations_folder_path=str(Path(rosterdesk.__file__).parent / "migrations" / "records"),
    table_classes=table_finder(modules=["rosterdesk.platform.records.tables"], exclude_imported=True),
    migration_dependencies=["rosterdesk.platform.auth.piccolo_app", "rosterdesk.platform.tenants.piccolo_app",
                            "rosterdesk.platform.uploads.piccolo_app"],
    commands=[],
)
