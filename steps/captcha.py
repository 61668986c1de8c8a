"""Reading the CAPTCHA a browser was shown: a staging bypass code, or the test hook."""

from __future__ import annotations

import json
from typing import Any

import pytest
from playwright.sync_api import Page

from harnais.crochets import Crochets, Transport
from steps.fixtures import Cible


def transport_navigateur(page: Page, base_url: str) -> Transport:
    """A hook transport through the browser's own request context: same cookies, so the
    hook answers for this very session."""

    def envoyer(
        methode: str, chemin: str, corps: dict[str, Any] | None, nom: str
    ) -> tuple[int, Any]:
        reponse = page.request.fetch(
            base_url + chemin,
            method=methode,
            data=json.dumps(corps) if corps is not None else None,
            headers={"Content-Type": "application/json"} if corps is not None else None,
        )
        try:
            return reponse.status, reponse.json()
        except (ValueError, json.JSONDecodeError):
            return reponse.status, reponse.text()

    return envoyer


def captcha_affiche(page: Page, cible: Cible) -> str:
    """The digits to type for the CAPTCHA last shown to this browser context."""
    if cible.captcha_code:
        return cible.captcha_code
    if not cible.crochets:
        pytest.skip("ni point d'accès CAPTCHA ni --captcha-code pour ce portail")
    return Crochets(transport_navigateur(page, cible.portail_url)).captcha()


def captcha_faux(bon: str) -> str:
    """A code surely different from the right one."""
    return "".join("1" if c != "1" else "2" for c in bon) if bon else "00000"
