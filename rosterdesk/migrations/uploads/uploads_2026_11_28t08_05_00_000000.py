from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine.finder import engine_finder

ID = "2026-11-28T08:05:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "unique version number per institution and profile"

# Piccolo adds a table's Unique constraint with ALTER TABLE ... ADD CONSTRAINT, which SQLite
# cannot do; a unique index does the same on both databases.
SQL = (
    'CREATE UNIQUE INDEX IF NOT EXISTS rd_upload_version_number ON rd_upload_version '
    '("institution", "profile", "number")'
)


async def unique_number() -> None:
    await engine_finder().run_ddl(SQL)


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="uploads", description=DESCRIPTION)
    manager.add_raw(unique_number)
    return manager
