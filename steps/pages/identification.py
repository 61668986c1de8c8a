"""Identification screen: identifiant and CAPTCHA."""

from __future__ import annotations

from playwright.sync_api import Locator

from steps.pages._base import Ecran


class PageIdentification(Ecran):
    """'Identifiant', the CAPTCHA image, audio and field, 'CONNEXION'."""

    @property
    def champ_identifiant(self) -> Locator:
        """The 'Identifiant' input."""
        return self.champ(self.voc.champs.identifiant)

    @property
    def champ_captcha(self) -> Locator:
        """The 'CAPTCHA' input."""
        return self.champ(self.voc.champs.captcha)

    @property
    def image_captcha(self) -> Locator:
        """The CAPTCHA picture."""
        return self.page.get_by_role("img", name=self.voc.titres.captcha)

    @property
    def captcha_audio(self) -> Locator:
        """The link to the audio alternative."""
        return self.page.get_by_role("link", name=self.voc.liens.captcha_audio)

    def remplir(self, identifiant: str, captcha: str) -> None:
        """Fill both fields without sending."""
        self.champ_identifiant.fill(identifiant)
        self.champ_captcha.fill(captcha)

    def valider(self) -> None:
        """Press 'CONNEXION'."""
        self.bouton(self.voc.boutons.connexion).click()

    def s_identifier(self, identifiant: str, captcha: str) -> None:
        """Fill both fields and press 'CONNEXION'."""
        self.remplir(identifiant, captcha)
        self.valider()

    def nouveau_captcha(self) -> None:
        """Press 'Nouveau CAPTCHA'."""
        self.bouton(self.voc.boutons.nouveau_captcha).click()
