"""'Initialisation du mot de passe Élections' screen."""

from __future__ import annotations

from playwright.sync_api import Locator

from steps.pages._base import Ecran


class PageInitialisation(Ecran):
    """New password, its confirmation, the CAPTCHA and the policy shown."""

    @property
    def entete(self) -> Locator:
        """The page heading."""
        return self.titre(self.voc.titres.initialisation)

    def regle(self, texte: str) -> Locator:
        """Where the page states this rule of the password policy, whatever holds it."""
        return self.page.get_by_text(texte).first

    def choisir(self, mot_de_passe: str, confirmation: str, captcha: str) -> None:
        """Fill the three fields and press 'CONNEXION'."""
        champs = self.voc.champs
        self.champ(champs.nouveau_mot_de_passe).fill(mot_de_passe)
        self.champ(champs.confirmation).fill(confirmation)
        self.champ(champs.captcha).fill(captcha)
        self.bouton(self.voc.boutons.connexion).click()
