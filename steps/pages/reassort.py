"""Réassort screens: the request form, the confirmation, the refused-link page."""

from __future__ import annotations

from playwright.sync_api import Locator

from steps.pages._base import Ecran


class PageReassort(Ecran):
    """Confirmation and refusal texts of the réassort."""

    @property
    def confirmation(self) -> Locator:
        """The 'Un mail vient de vous être envoyé…' message."""
        return self.page.get_by_text(self.voc.messages.mail_envoye)

    @property
    def lien_nouvelle_demande(self) -> Locator:
        """The way to ask for a new link after a refused one."""
        return self.lien(self.voc.liens.nouveau_lien)
