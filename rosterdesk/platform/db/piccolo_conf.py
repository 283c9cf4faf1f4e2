"""Piccolo configuration module (``PICCOLO_CONF=rosterdesk.platform.db.piccolo_conf``).

The ``piccolo`` command line (``piccolo migrations new auth --auto``) and the migration runner read
``DB`` and ``APP_REGISTRY`` here. ``DB`` is built from the environment; the app replaces it with
its own engine through ``rosterdesk.platform.db.engine.use_engine``. Building an engine opens
nothing, so importing this module does no I/O.
"""

from __future__ import annotations

from piccolo.conf.apps import AppRegistry

from rosterdesk.platform.db.engine import APPS, engine_for
from rosterdesk.platform.settings import Settings

DB = engine_for(Settings.from_env())

APP_REGISTRY = AppRegistry(apps=list(APPS))
