"""The public board of ballots: a page anyone opens without a session, its entries shown
page after page, each ballot by its fingerprint."""

from __future__ import annotations

from playwright.sync_api import Locator, expect

from steps.pages._base import Ecran

# How many pages a reader turns before giving up: 200 pages of 50 entries on the
# reference portal, far more than a recette board holds.
PAGES_MAX = 200


class PageTableau(Ecran):
    """« Tableau public des bulletins »."""

    @property
    def entete(self) -> Locator:
        """The page heading."""
        return self.titre(self.voc.vote.titre_tableau)

    def ouvrir(self) -> PageTableau:
        """Load the board by its path, as anyone typing its address would."""
        self.page.goto(self.voc.vote.chemin_tableau)
        expect(self.entete).to_be_visible()
        return self

    def empreinte(self, empreinte: str) -> Locator:
        """The fingerprint as the page's visible text shows it, on the page open now."""
        return self.contenu.get_by_text(empreinte, exact=True)

    def chercher(self, empreinte: str) -> Locator:
        """Look for a fingerprint on this page, then on the following ones by the link to
        the next entries, as a reader turns the pages; return it, found or not, on the
        page where the search stopped (a failed `expect` then shows that page)."""
        for _ in range(PAGES_MAX):
            if self.empreinte(empreinte).count():
                break
            suivantes = self.lien(self.voc.vote.lien_tableau_suivant)
            if not suivantes.count():
                break
            with self.page.expect_navigation():
                suivantes.first.click()
        return self.empreinte(empreinte)
