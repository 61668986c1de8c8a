"""Reading the CAPTCHA a browser was shown: a staging bypass code, or the test hook."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from steps.fixtures import Cible


def captcha_affiche(page: Page, cible: Cible) -> str:
    """The digits to type for the CAPTCHA last shown to this browser context."""
    if cible.captcha_code:
        return cible.captcha_code
    if not cible.hooks:
        pytest.skip("ni point d'accès CAPTCHA ni --captcha-code pour ce portail")
    # page.request shares the context's cookies: the hook answers for this very session.
    response = page.request.get(f"{cible.portail_url}/__test__/captcha")
    if not response.ok:
        raise AssertionError(f"le crochet CAPTCHA a répondu {response.status} : {response.text()}")
    answer: str = response.json()["answer"]
    return answer


def captcha_faux(bon: str) -> str:
    """A code surely different from the right one."""
    return "".join("1" if c != "1" else "2" for c in bon) if bon else "00000"
