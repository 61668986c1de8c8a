"""Steps of the voter space."""

from __future__ import annotations

from playwright.sync_api import Page, expect
from pytest_bdd import then, when

from steps.pages import PageAccueil, PageEspaceElecteur


@then("il voit son espace électeur")
def voit_son_espace(page: Page) -> None:
    """L'espace électeur est affiché."""
    expect(PageEspaceElecteur(page).entete).to_be_visible()


@then("la liste de ses scrutins est affichée")
def voit_ses_scrutins(page: Page) -> None:
    """Au moins un scrutin est listé."""
    expect(PageEspaceElecteur(page).scrutins.first).to_be_visible()


@when("il se déconnecte")
def se_deconnecte(page: Page) -> None:
    """Clique sur « SE DÉCONNECTER »."""
    PageEspaceElecteur(page).se_deconnecter()


@then("il revient sur la page d'accueil du portail")
def revient_accueil(page: Page) -> None:
    """La page d'accueil est de nouveau affichée."""
    expect(PageAccueil(page).bouton_acceder).to_be_visible()
