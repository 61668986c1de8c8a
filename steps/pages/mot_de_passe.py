"""'Saisie du mot de passe Élections' screen."""

from __future__ import annotations

from playwright.sync_api import Locator, Page


class PageMotDePasse:
    """The Élections password field and 'CONNEXION'."""

    def __init__(self, page: Page) -> None:
        self.page = page

    @property
    def titre(self) -> Locator:
        """The page heading."""
        return self.page.get_by_role("heading", name="Saisie du mot de passe Élections")

    @property
    def champ_mot_de_passe(self) -> Locator:
        """The 'Mot de passe Elections' input."""
        return self.page.get_by_label("Mot de passe Elections")

    @property
    def erreur(self) -> Locator:
        """The error message, if the page shows one."""
        return self.page.get_by_role("alert")

    def se_connecter(self, mot_de_passe: str) -> None:
        """Type the password and press 'CONNEXION'."""
        self.champ_mot_de_passe.fill(mot_de_passe)
        self.page.get_by_role("button", name="CONNEXION").click()
