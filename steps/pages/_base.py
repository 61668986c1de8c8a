"""What every screen of the portal shares: messages, errors, buttons by their text."""

from __future__ import annotations

from playwright.sync_api import Locator, Page

from harnais.vocabulaire import Vocabulaire, vocabulaire


class Ecran:
    """Base of the page objects: the page, the wording in force, its alert and status
    messages, its buttons."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.voc: Vocabulaire = vocabulaire()

    @property
    def erreur(self) -> Locator:
        """The first error block (role alert): a portal may show one per broken rule."""
        return self.page.get_by_role("alert").first

    @property
    def erreurs(self) -> Locator:
        """Every error block (role alert) the page shows."""
        return self.page.get_by_role("alert")

    def alerte(self, texte: str) -> Locator:
        """The first alert that says `texte` (whitespace normalised, case ignored)."""
        return self.erreurs.filter(has_text=texte).first

    @property
    def information(self) -> Locator:
        """The information block (role status), if the page shows one."""
        return self.page.get_by_role("status")

    def bouton(self, texte: str) -> Locator:
        """A button by its exact text."""
        return self.page.get_by_role("button", name=texte, exact=True)

    def lien(self, texte: str) -> Locator:
        """A link by its text."""
        return self.page.get_by_role("link", name=texte)

    def titre(self, texte: str) -> Locator:
        """A heading by its text."""
        return self.page.get_by_role("heading", name=texte)
