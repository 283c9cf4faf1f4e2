"""Piccolo app ``submission``: submission links and submitter details."""

from __future__ import annotations

from pathlib import Path

from piccolo.conf.apps import AppConfig, table_finder

import rosterdesk

APP_CONFIG = AppConfig(
    app_name="submission",
    migrations_folder_path=str(Path(rosterdesk.__file__).parent / "migrations" / "submission"),
    table_classes=table_finder(modules=["rosterdesk.platform.submission.tables"], exclude_imported=True),
    migration_dependencies=["rosterdesk.platform.auth.piccolo_app", "rosterdesk.platform.tenants.piccolo_app",
                            "rosterdesk.platform.uploads.piccolo_app"],
    commands=[],
)
