"""The voter space."""

from __future__ import annotations

from playwright.sync_api import Locator, Page


class PageEspaceElecteur:
    """Name, académie, ballots and logout."""

    def __init__(self, page: Page) -> None:
        self.page = page

    @property
    def titre(self) -> Locator:
        """The page heading."""
        return self.page.get_by_role("heading", name="Mon espace électeur")

    @property
    def scrutins(self) -> Locator:
        """The list items naming the voter's ballots."""
        return self.page.get_by_role("list", name="Mes scrutins").get_by_role("listitem")

    def se_deconnecter(self) -> None:
        """Press 'SE DÉCONNECTER'."""
        self.page.get_by_role("button", name="SE DÉCONNECTER").click()
