"""The accessibility statement (« Déclaration d'accessibilité »), reached from the footer."""

from __future__ import annotations

from playwright.sync_api import Locator

from steps.pages._base import Ecran

# The headings the RGAA's model statement requires.
RUBRIQUES = (
    "État de conformité",
    "Contenus non accessibles",
    "Retour d'information et contact",
    "Voies de recours",
)


class PageDeclaration(Ecran):
    """Its heading, its required sections, and the footer link that leads there."""

    @property
    def entete(self) -> Locator:
        """The statement's heading."""
        return self.titre("Déclaration d'accessibilité")

    @property
    def rubriques(self) -> list[Locator]:
        """The heading of each required section."""
        return [self.titre(rubrique) for rubrique in RUBRIQUES]

    def ouvrir_depuis_le_pied_de_page(self) -> None:
        """Follow the footer's link to the statement (and wait for it)."""
        pied = self.page.get_by_role("contentinfo")
        with self.page.expect_navigation():
            pied.get_by_role("link", name=self.voc.liens.declaration_accessibilite).click()
