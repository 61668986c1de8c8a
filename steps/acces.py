"""Steps of the home and help pages."""

from __future__ import annotations

from playwright.sync_api import Page, expect
from pytest_bdd import parsers, then, when

from steps.pages import PageAccueil, PageAide, PageIdentification


@when("un visiteur ouvre la page d'accueil du portail")
def ouvre_accueil(page: Page) -> None:
    """Ouvre la page d'accueil."""
    PageAccueil(page).ouvrir()


@when("un visiteur ouvre la page d'aide")
def ouvre_aide(page: Page) -> None:
    """Ouvre l'aide par le lien « AIDE/FAQ » de l'accueil."""
    PageAccueil(page).ouvrir().ouvrir_aide()


@then("il voit la page d'identification")
def voit_identification(page: Page) -> None:
    """Le formulaire d'identification et son CAPTCHA sont affichés."""
    ecran = PageIdentification(page)
    expect(ecran.champ_identifiant).to_be_visible()
    expect(ecran.image_captcha).to_be_visible()


@then(parsers.parse('il voit le contact d\'assistance "{texte}"'))
def voit_contact(page: Page, texte: str) -> None:
    """La page d'aide donne ce contact (en texte, quelle que soit la mise en page)."""
    expect(PageAide(page).texte(texte)).to_be_visible()


@then("il voit le contact d'assistance configuré")
def voit_contact_configure(page: Page) -> None:
    """L'aide cite le syndicat (« Contacter votre syndicat », dit le guide) et une adresse
    ou un numéro d'assistance."""
    aide = PageAide(page)
    expect(aide.texte("syndicat")).to_be_visible()
    expect(aide.adresse_ou_telephone).to_be_visible()
