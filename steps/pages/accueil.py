"""Home page of the portal."""

from __future__ import annotations

from playwright.sync_api import Locator

from steps.pages._base import Ecran


class PageAccueil(Ecran):
    """'ACCÈS AU PORTAIL ÉLECTIONS' and its entry link."""

    def ouvrir(self) -> PageAccueil:
        """Load the home page."""
        self.page.goto(self.voc.chemins.accueil)
        return self

    @property
    def bouton_acceder(self) -> Locator:
        """The 'ACCÉDER AU PORTAIL ÉLECTIONS' entry."""
        return self.lien(self.voc.liens.acceder)

    def acceder_au_portail(self) -> None:
        """Go on to the identification screen."""
        self.bouton_acceder.click()

    def ouvrir_aide(self) -> None:
        """Follow 'AIDE/FAQ'."""
        self.lien(self.voc.liens.aide).first.click()
