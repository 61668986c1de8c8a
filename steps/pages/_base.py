"""What every screen of the portal shares: messages, errors, buttons by their text."""

from __future__ import annotations

import re

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

    @property
    def contenu(self) -> Locator:
        """The page's main content (landmark main)."""
        return self.page.get_by_role("main")

    def largeurs(self) -> tuple[int, int]:
        """The document's scroll width and the window's client width, read once the page
        has loaded: right after a click that navigates there may be no document yet."""
        for _ in range(20):
            self.page.wait_for_load_state("load")
            largeurs = self.page.evaluate(
                "() => document.documentElement ? [document.documentElement.scrollWidth, "
                "document.documentElement.clientWidth] : null"
            )
            if largeurs is not None:
                return int(largeurs[0]), int(largeurs[1])
            self.page.wait_for_timeout(100)
        raise AssertionError(f"{self.page.url} : aucun document chargé")

    def champs_decrits_par(self, identifiant: str) -> Locator:
        """The fields marked invalid (aria-invalid) whose description (aria-describedby)
        includes the element of this id: how a screen reader links a field to its error."""
        return self.page.locator(f'[aria-invalid="true"][aria-describedby~="{identifiant}"]')

    def champ(self, libelle: str) -> Locator:
        """A form field by its label (`<label>`, wrapping label, aria-label or
        aria-labelledby), the « * » of a required field tolerated, as a user reads past it."""
        return self.page.get_by_label(re.compile(rf"^\s*{re.escape(libelle)}\s*\*?\s*$"))

    def bouton(self, texte: str) -> Locator:
        """A button by its exact text."""
        return self.page.get_by_role("button", name=texte, exact=True)

    def lien(self, texte: str) -> Locator:
        """A link by its text."""
        return self.page.get_by_role("link", name=texte)

    def titre(self, texte: str) -> Locator:
        """A heading by its text."""
        return self.page.get_by_role("heading", name=texte)
