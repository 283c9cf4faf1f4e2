"""Jinja2 through litestar.plugins.jinja, with the translation function and one page helper."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import pass_context
from jinja2.runtime import Context
from litestar import Request
from litestar.plugins.jinja import JinjaTemplateEngine
from litestar.response import Template
from litestar.template.config import TemplateConfig

import rosterdesk
from rosterdesk.platform.web.i18n import translate

TEMPLATES = Path(rosterdesk.__file__).parent / "templates"
STATIC = Path(rosterdesk.__file__).parent / "static"
HTMX_FILE = "htmx-2.0.11.min.js"


@pass_context
def _t(context: Context, key: str, **params: object) -> str:
    return translate(key, context.get("lang", "nl"), **params)


def _configure(engine: JinjaTemplateEngine) -> None:
    engine.engine.globals["t"] = _t
    engine.engine.globals["htmx_file"] = HTMX_FILE
    engine.engine.trim_blocks = True
    engine.engine.lstrip_blocks = True


def template_config() -> TemplateConfig[JinjaTemplateEngine]:
    return TemplateConfig(directory=TEMPLATES, engine=JinjaTemplateEngine, engine_callback=_configure)


def lang_of(request: Request[Any, Any, Any]) -> str:
    return str(getattr(request.state, "lang", None) or request.app.state.settings.app.language)


def text(request: Request[Any, Any, Any], key: str, **params: object) -> str:
    return translate(key, lang_of(request), **params)


def page(request: Request[Any, Any, Any], template: str, status_code: int = 200, **context: Any) -> Template:
    """Render a page (or a ``_partial``) with the layout's context: user, stage, lang, navigation."""
    user = getattr(request.state, "user", None)
    stage = getattr(request.state, "stage", None)
    full = user is not None and stage == "full"
    base = {
        "lang": lang_of(request),
        "user": user if full else None,
        "nav": getattr(request.state, "nav", None) if full else None,
        "path": request.url.path,
        "embedded_mail": request.app.state.settings.embedded_mail,
    }
    return Template(template_name=template, context={**base, **context}, status_code=status_code)
