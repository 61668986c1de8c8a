"""Reading the CAPTCHA a browser was shown: through the test hook, or a staging bypass code."""

from __future__ import annotations

from playwright.sync_api import Page


def captcha_affiche(page: Page, portail_url: str) -> str:
    """The digits of the CAPTCHA last shown to this browser context (same cookies)."""
    response = page.request.get(f"{portail_url}/__test__/captcha")
    if not response.ok:
        raise AssertionError(f"le crochet CAPTCHA a répondu {response.status} : {response.text()}")
    answer: str = response.json()["answer"]
    return answer
