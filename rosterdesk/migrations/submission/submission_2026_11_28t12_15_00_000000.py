"""The submitter's language on rd_submission, so the decision mails to a link's visitor follow it (ID never edited)."""
from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import Varchar
from piccolo.columns.indexes import IndexMethod

ID = "2026-11-28T12:15:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "rd_submission.language"


async def forwards():
    manager = MigrationManager(
        migration_id=ID, app_name="submission", description=DESCRIPTION
    )

    manager.add_column(
        table_class_name="Submission",
        tablename="rd_submission",
        column_name="language",
        db_column_name="language",
        column_class_name="Varchar",
        column_class=Varchar,
        params={
            "length": 2,
            "default": "",
            "null": False,
            "primary_key": False,
            "unique": False,
            "index": False,
            "index_method": IndexMethod.btree,
            "choices": None,
            "db_column_name": None,
            "secret": False,
        },
        schema=None,
    )

    return manager
