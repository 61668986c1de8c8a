"""Small helpers for driving the portal's HTML forms without a browser."""

from __future__ import annotations

import re

_CSRF = re.compile(r'name="csrf" value="([^"]+)"')


def csrf_if_any(html: str) -> str | None:
    """The page's anti-forgery token, or None for a page without a form."""
    match = _CSRF.search(html)
    return match.group(1) if match else None
