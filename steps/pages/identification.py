"""Identification screen: identifiant and CAPTCHA."""

from __future__ import annotations

from playwright.sync_api import Locator, Page


class PageIdentification:
    """'Identifiant', the CAPTCHA image and field, 'CONNEXION'."""

    def __init__(self, page: Page) -> None:
        self.page = page

    @property
    def champ_identifiant(self) -> Locator:
        """The 'Identifiant' input."""
        return self.page.get_by_role("textbox", name="Identifiant", exact=True)

    @property
    def champ_captcha(self) -> Locator:
        """The 'CAPTCHA' input."""
        return self.page.get_by_role("textbox", name="CAPTCHA", exact=True)

    @property
    def image_captcha(self) -> Locator:
        """The CAPTCHA picture."""
        return self.page.get_by_role("img", name="CAPTCHA")

    @property
    def erreur(self) -> Locator:
        """The error message, if the page shows one."""
        return self.page.get_by_role("alert")

    def s_identifier(self, identifiant: str, captcha: str) -> None:
        """Fill both fields and press 'CONNEXION'."""
        self.champ_identifiant.fill(identifiant)
        self.champ_captcha.fill(captcha)
        self.page.get_by_role("button", name="CONNEXION").click()
