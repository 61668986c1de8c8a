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
        """The items naming the voter's ballots: the list items or table rows of the
        list or region the vocabulary names, or else of the page's main content."""
        nom = self.voc.titres.scrutins
        items = self.contenu.get_by_role("listitem").or_(self.contenu.get_by_role("row"))
        for role in ("list", "region", "table"):
            conteneur = self.page.get_by_role(role, name=nom)
            items = conteneur.get_by_role("listitem").or_(conteneur.get_by_role("row")).or_(items)
        return items

    def je_vote(self) -> None:
        """Follow « JE VOTE » (and wait for the page it leads to)."""
        with self.page.expect_navigation():
            self.lien(self.voc.vote.lien_je_vote).click()

    def se_deconnecter(self) -> None:
        """Press 'SE DÉCONNECTER'."""
        self.bouton(self.voc.boutons.deconnexion).click()
