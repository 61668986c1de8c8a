"""'Saisie du mot de passe Élections' screen."""

from __future__ import annotations

from playwright.sync_api import Locator

from steps.pages._base import Ecran


class PageMotDePasse(Ecran):
    """The Élections password field, the réassort link and 'CONNEXION'."""

    @property
    def entete(self) -> Locator:
        """The page heading."""
        return self.titre(self.voc.titres.mot_de_passe)

    @property
    def champ_mot_de_passe(self) -> Locator:
        """The 'Mot de passe Elections' input."""
        return self.champ(self.voc.champs.mot_de_passe)

    @property
    def bouton_reassort(self) -> Locator:
        """'Besoin du réassort de votre mot de passe Elections ?'."""
        return self.bouton(self.voc.boutons.reassort)

    def se_connecter(self, mot_de_passe: str) -> None:
        """Type the password and press 'CONNEXION'."""
        self.champ_mot_de_passe.fill(mot_de_passe)
        self.bouton(self.voc.boutons.connexion).click()

    def demander_reassort(self) -> None:
        """Press 'Besoin du réassort de votre mot de passe Elections ?'."""
        self.bouton_reassort.click()
