from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine.finder import engine_finder

ID = "2026-11-28T08:42:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "unique record key per institution and profile"

# A unique index rather than a table constraint: Piccolo adds constraints with ALTER TABLE,
# which SQLite cannot do; the index does the same on both databases.
SQL = (
    'CREATE UNIQUE INDEX IF NOT EXISTS rd_record_key ON rd_record ("institution", "profile", "record_key")'
)


async def unique_key() -> None:
    await engine_finder().run_ddl(SQL)


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="records", description=DESCRIPTION)
    manager.add_raw(unique_key)
    return manager
