"""Small helpers for HTML forms: read fields as text, safe redirects."""

from __future__ import annotations

from typing import Any

from litestar import Request


async def form_fields(request: Request[Any, Any, Any]) -> dict[str, str]:
    """Every single-valued form field as text (files and unknown types ignored)."""
    form = await request.form()
    return {key: value for key, value in form.items() if isinstance(value, str)}


async def form_list(request: Request[Any, Any, Any], name: str) -> list[str]:
    form = await request.form()
    return [value for value in form.getall(name) if isinstance(value, str)] if name in form else []


def safe_next(target: str | None, default: str = "/") -> str:
    """Only paths on this site: no scheme, no host, no protocol-relative //."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return default
    return target
