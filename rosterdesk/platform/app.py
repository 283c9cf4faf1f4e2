"""``create_app(settings)``: the Litestar application. Nothing here runs at import time."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from litestar import Litestar
from litestar.config.csrf import CSRFConfig
from litestar.datastructures import State
from litestar.plugins.htmx import HTMXPlugin
from litestar.static_files import create_static_files_router

from rosterdesk.importers.exports.rebuild import require_defused_xml
from rosterdesk.platform.audit.controllers import AuditController
from rosterdesk.platform.auth.account import AccountController
from rosterdesk.platform.auth.controllers import EnrolController, LoginController, PasswordController
from rosterdesk.platform.auth.guards import access_guard
from rosterdesk.platform.auth.sessions import STORE_NAME, session_config, session_store
from rosterdesk.platform.cjp.controllers import CjpController
from rosterdesk.platform.cjp.listing import register_all as register_cjp_list
from rosterdesk.platform.db import engine as db
from rosterdesk.platform.mail.controllers import OutboxController
from rosterdesk.platform.mail.services import Mailer, drain_mail
from rosterdesk.platform.periods.controllers import PeriodsController
from rosterdesk.platform.records.controllers import RecordsController
from rosterdesk.platform.reference.controllers import (
    InstitutionRioController,
    ReferenceAdminController,
    RioSearchController,
)
from rosterdesk.platform.review.controllers import ReviewController
from rosterdesk.platform.roster.controllers import FatesController
from rosterdesk.platform.roster.mapping_controllers import ColumnsController
from rosterdesk.platform.settings import Settings, get_settings
from rosterdesk.platform.submission.controllers import link_routes
from rosterdesk.platform.tenants.controllers import InstitutionAdminController, MembersController
from rosterdesk.platform.uploads.controllers import upload_routes
from rosterdesk.platform.uploads.worker import Background
from rosterdesk.platform.validation_tool.controllers import tool_routes
from rosterdesk.platform.web.controllers import HomeController
from rosterdesk.platform.web.errors import exception_handlers
from rosterdesk.platform.web.security import security_headers
from rosterdesk.platform.web.templating import STATIC, template_config

log = logging.getLogger("rosterdesk")

CSRF_COOKIE = "rd_csrf"
CSRF_HEADER = "x-csrftoken"
MAX_BODY = 2 * 1024 * 1024  # forms only, for now; uploads get their own limit


def create_app(settings: Settings | None = None, *, migrate: bool = True) -> Litestar:
    """The app for ``settings`` (default: from the environment). The database is opened (and, with
    ``migrate``, migrated) when the app starts, not here."""
    require_defused_xml()  # SECURITY.md: user workbooks are only parsed through defusedxml
    settings = settings or get_settings()
    engine = db.engine_for(settings)
    background = Background(settings)  # uploads: sweeper, and the in-process worker without BROKER_URL
    register_cjp_list()  # the CJP columns and buttons on the records list (records.extensions)

    @asynccontextmanager
    async def lifespan(app: Litestar) -> AsyncIterator[None]:
        db.use_engine(engine)
        await db.start(engine)
        try:
            if migrate:
                await db.migrate(engine)
            await background.start()
            log.info("rosterdesk ready on %s (%s)", settings.base_url, db.describe(engine))
            yield
        finally:
            await background.stop()  # running checks finish first: they need the database
            await drain_mail()
            await db.stop(engine)
            await app.stores.get(STORE_NAME).__aexit__(None, None, None)

    static = create_static_files_router(path="/static", directories=[STATIC], opt={"public": True,
                                                                                  "skip_session": True},
                                        name="static", include_in_schema=False)
    csrf = CSRFConfig(secret=settings.secret(), cookie_name=CSRF_COOKIE, header_name=CSRF_HEADER,
                      cookie_secure=settings.app.https, cookie_httponly=True, cookie_samesite="lax")
    return Litestar(
        route_handlers=[LoginController, PasswordController, EnrolController, AccountController, HomeController,
                        InstitutionAdminController, MembersController, AuditController, OutboxController,
                        ReferenceAdminController, RioSearchController, InstitutionRioController, PeriodsController,
                        RecordsController, FatesController, CjpController,
                        ColumnsController,
                        ReviewController, *upload_routes(settings), *tool_routes(settings), *link_routes(settings),
                        static],
        guards=[access_guard],
        middleware=[session_config(settings).middleware],
        before_send=[security_headers(settings.app.https)],
        csrf_config=csrf,
        stores={STORE_NAME: session_store(settings)},
        template_config=template_config(),
        plugins=[HTMXPlugin()],
        exception_handlers=exception_handlers(),
        lifespan=[lifespan],
        state=State({"settings": settings, "mailer": Mailer(settings), "engine": engine}),
        request_max_body_size=MAX_BODY,
        openapi_config=None,
        debug=False,
    )


def app_from_env() -> Any:
    """Factory for ``uvicorn --factory rosterdesk.platform.app:app_from_env``."""
    return create_app(Settings.from_env())
