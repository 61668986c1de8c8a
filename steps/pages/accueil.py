"""Home page of the portal."""

from __future__ import annotations

from playwright.sync_api import Locator, Page


class PageAccueil:
    """'ACCÈS AU PORTAIL ÉLECTIONS' and its entry link."""

    def __init__(self, page: Page) -> None:
        self.page = page

    def ouvrir(self) -> PageAccueil:
        """Load the home page."""
        self.page.goto("/")
        return self

    @property
    def bouton_acceder(self) -> Locator:
        """The 'ACCÉDER AU PORTAIL ÉLECTIONS' entry."""
        return self.page.get_by_role("link", name="ACCÉDER AU PORTAIL ÉLECTIONS")

    def acceder_au_portail(self) -> None:
        """Go on to the identification screen."""
        self.bouton_acceder.click()
