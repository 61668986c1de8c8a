"""The page objects read a page as its user does: labels with or without « * », any number
of alerts, the scrutins wherever the portal lists them, the rules wherever it states them."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from steps.pages import PageAide, PageEspaceElecteur, PageInitialisation
from steps.pages._base import Ecran

pytestmark = pytest.mark.navigateur


@pytest.mark.parametrize(
    "champ",
    [
        '<label for="i">Identifiant <span aria-hidden="true">*</span></label><input id="i">',
        "<label>Identifiant * <input></label>",
        '<span id="l">Identifiant *</span><input aria-labelledby="l">',
        '<input aria-label="Identifiant">',
    ],
)
def test_a_field_is_found_by_its_label_whatever_the_markup(page: Page, champ: str) -> None:
    """`for`, wrapping label, aria-labelledby, aria-label; the « * » read past."""
    page.set_content(f"<main>{champ}<label>Identifiant oublié <input></label></main>")
    Ecran(page).champ("Identifiant").fill("jean.dupont@ac-reims.fr")
    expect(Ecran(page).champ("Identifiant")).to_have_value("jean.dupont@ac-reims.fr")


def test_a_message_is_found_in_any_of_several_alerts(page: Page) -> None:
    """One alert per broken rule: the expected one may be the second."""
    page.set_content(
        '<p role="alert">Il manque au moins un chiffre.</p>'
        '<p role="alert">Il manque au moins un caractère spécial.</p>'
    )
    ecran = Ecran(page)
    expect(ecran.alerte("au moins un caractère spécial")).to_be_visible()
    expect(ecran.alerte("au moins une majuscule")).to_have_count(0)


def test_the_scrutins_are_read_in_a_region_the_vocabulary_names(page: Page) -> None:
    """A portal that lists the scrutins in a labelled region, not in a list named
    « Mes scrutins », and has no main landmark."""
    page.set_content(
        '<p id="t">Mes scrutins</p><section aria-labelledby="t">'
        "<ul><li>CTMEN</li><li>CAPA</li></ul></section>"
    )
    expect(PageEspaceElecteur(page).scrutins).to_have_count(2)


def test_the_rules_and_contacts_are_read_as_text(page: Page) -> None:
    """No id, no class: the rules and the help's contacts found by what they say."""
    page.set_content(
        "<div><p>entre 12 caractères et 256 caractères</p></div>"
        "<dl><dt>Votre syndicat</dt><dd>Téléphone : 03 26 05 99 46</dd></dl>"
    )
    expect(PageInitialisation(page).regle("entre 12 caractères et 256 caractères")).to_be_visible()
    expect(PageAide(page).texte("syndicat")).to_be_visible()
    expect(PageAide(page).adresse_ou_telephone).to_be_visible()
