"""Piccolo app ``audit``: the audit log."""

from __future__ import annotations

from pathlib import Path

from piccolo.conf.apps import AppConfig, table_finder

import rosterdesk

APP_CONFIG = AppConfig(
    app_name="audit",
    migrations_folder_path=str(Path(rosterdesk.__file__).parent / "migrations" / "audit"),
    table_classes=table_finder(modules=["rosterdesk.platform.audit.tables"], exclude_imported=True),
    migration_dependencies=["rosterdesk.platform.auth.piccolo_app", "rosterdesk.platform.tenants.piccolo_app"],
    commands=[],
)
