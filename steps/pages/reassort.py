"""Réassort screens: the request form, the confirmation, the refused-link page."""

from __future__ import annotations

from playwright.sync_api import Locator

from steps.pages._base import Ecran

CONFIRMATION = "Un mail vient de vous être envoyé"


class PageReassort(Ecran):
    """Confirmation and refusal texts of the réassort."""

    @property
    def confirmation(self) -> Locator:
        """The 'Un mail vient de vous être envoyé…' message."""
        return self.page.get_by_text(CONFIRMATION)

    @property
    def lien_nouvelle_demande(self) -> Locator:
        """The way to ask for a new link after a refused one."""
        return self.lien("Demander un nouveau lien de réassort")
