"""Activation screen: the 'Défi' question, the answer twice, the two buttons."""

from __future__ import annotations

from playwright.sync_api import Locator

from steps.pages._base import Ecran


class PageActivation(Ecran):
    """'ACTIVER SON COMPTE' or 'ACCÈS SANS ACTIVATION'."""

    @property
    def defi(self) -> Locator:
        """The 'Défi' drop-down."""
        return self.page.get_by_role("combobox", name=self.voc.champs.defi)

    def activer(self, question: str | None, reponse: str, confirmation: str) -> None:
        """Choose a question, type the answer twice, press 'ACTIVER SON COMPTE'."""
        if question:
            self.defi.select_option(label=question)
        self.champ(self.voc.champs.reponse).fill(reponse)
        self.champ(self.voc.champs.confirmation_reponse).fill(confirmation)
        self.bouton(self.voc.boutons.activer).click()

    def acces_sans_activation(self) -> None:
        """Press 'ACCÈS SANS ACTIVATION'."""
        self.bouton(self.voc.boutons.sans_activation).click()
