"""Home page of the portal."""

from __future__ import annotations

from playwright.sync_api import Locator

from steps.pages._base import Ecran


class PageAccueil(Ecran):
    """'ACCÈS AU PORTAIL ÉLECTIONS' and its entry link."""

    def ouvrir(self) -> PageAccueil:
        """Load the home page."""
        self.page.goto("/")
        return self

    @property
    def bouton_acceder(self) -> Locator:
        """The 'ACCÉDER AU PORTAIL ÉLECTIONS' entry."""
        return self.lien("ACCÉDER AU PORTAIL ÉLECTIONS")

    def acceder_au_portail(self) -> None:
        """Go on to the identification screen."""
        self.bouton_acceder.click()
