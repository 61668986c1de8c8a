"""The voter space."""

from __future__ import annotations

from playwright.sync_api import Locator

from steps.pages._base import Ecran


class PageEspaceElecteur(Ecran):
    """Name, académie, ballots and logout."""

    @property
    def entete(self) -> Locator:
        """The page heading."""
        return self.titre(self.voc.titres.espace)

    @property
    def scrutins(self) -> Locator:
        """The list items naming the voter's ballots."""
        liste = self.page.get_by_role("list", name=self.voc.titres.scrutins)
        return liste.get_by_role("listitem")

    def je_vote(self) -> None:
        """Follow « JE VOTE »."""
        self.lien(self.voc.vote.lien_je_vote).click()

    def se_deconnecter(self) -> None:
        """Press 'SE DÉCONNECTER'."""
        self.bouton(self.voc.boutons.deconnexion).click()
