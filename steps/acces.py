"""Steps of the home and help pages."""

from __future__ import annotations

import re

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
    """La liste des contacts d'assistance contient ce texte."""
    expect(PageAide(page).contacts).to_contain_text(texte)


@then("il voit le contact d'assistance configuré")
def voit_contact_configure(page: Page) -> None:
    """L'aide cite le syndicat et une adresse d'assistance."""
    contacts = PageAide(page).contacts
    expect(contacts.get_by_role("link").first).to_have_attribute(
        "href", re.compile(r"^mailto:.+@.+")
    )
    expect(contacts).to_contain_text("syndicat")
