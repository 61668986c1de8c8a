"""Help pages: support contacts and the forgotten-identifiant help."""

from __future__ import annotations

from playwright.sync_api import Locator

from steps.pages._base import Ecran


class PageAide(Ecran):
    """'AIDE/FAQ': the union, the support cell's phone and mail, frequent questions."""

    @property
    def contacts(self) -> Locator:
        """The list of support contacts."""
        return self.page.locator("ul.contacts")
