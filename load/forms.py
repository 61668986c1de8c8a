"""Small helpers for driving the portal's HTML forms without a browser."""

from __future__ import annotations

import re

_CSRF = re.compile(r'name="csrf" value="([^"]+)"')


class FormulaireIntrouvable(ValueError):
    """The page has no CSRF field: it is not the expected form."""


def csrf_of(html: str) -> str:
    """The anti-forgery token of the first form of a page."""
    match = _CSRF.search(html)
    if match is None:
        raise FormulaireIntrouvable("aucun jeton CSRF dans la page")
    return match.group(1)


def csrf_if_any(html: str) -> str | None:
    """The page's anti-forgery token, or None for a page without a form."""
    match = _CSRF.search(html)
    return match.group(1) if match else None
