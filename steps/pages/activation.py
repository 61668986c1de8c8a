"""Activation screen: the 'Défi' question, the answer twice, the two buttons."""

from __future__ import annotations

from playwright.sync_api import Locator

from steps.pages._base import Ecran


class PageActivation(Ecran):
    """'ACTIVER SON COMPTE' or 'ACCÈS SANS ACTIVATION'."""

    @property
    def defi(self) -> Locator:
        """The 'Défi' drop-down."""
        return self.page.get_by_role("combobox", name="Défi")

    def activer(self, question: str | None, reponse: str, confirmation: str) -> None:
        """Choose a question, type the answer twice, press 'ACTIVER SON COMPTE'."""
        if question:
            self.defi.select_option(label=question)
        self.page.get_by_label("Répondre à la Question défi choisie").fill(reponse)
        self.page.get_by_label("Ressaisir la réponse à la Question défi").fill(confirmation)
        self.bouton("ACTIVER SON COMPTE").click()

    def acces_sans_activation(self) -> None:
        """Press 'ACCÈS SANS ACTIVATION'."""
        self.bouton("ACCÈS SANS ACTIVATION").click()
