"""Steps of the initialisation of the Élections password."""

from __future__ import annotations

from playwright.sync_api import Page, expect
from pytest_bdd import parsers, then, when

from steps.captcha import captcha_affiche, captcha_faux
from steps.fixtures import Cible, Contexte
from steps.pages import PageActivation, PageInitialisation
from steps.parcours import choisir_mot_de_passe, mot_de_passe_valide


@when(parsers.parse('il choisit le mot de passe "{mot_de_passe}"'))
def choisit(page: Page, cible: Cible, contexte: Contexte, mot_de_passe: str) -> None:
    """Type the password twice, the CAPTCHA, and send."""
    contexte.mot_de_passe = mot_de_passe
    choisir_mot_de_passe(page, cible, mot_de_passe, mot_de_passe)


@when(parsers.parse("il choisit un mot de passe valide de {longueur:d} caractères"))
@when(parsers.parse("il choisit un mot de passe de {longueur:d} caractères"))
def choisit_longueur(page: Page, cible: Cible, contexte: Contexte, longueur: int) -> None:
    """A password meeting every other rule, of the given length."""
    contexte.mot_de_passe = mot_de_passe_valide(longueur)
    choisir_mot_de_passe(page, cible, contexte.mot_de_passe, contexte.mot_de_passe)


@when(parsers.parse('il choisit le mot de passe "{mot_de_passe}" confirmé par "{confirmation}"'))
def choisit_confirmation(page: Page, cible: Cible, mot_de_passe: str, confirmation: str) -> None:
    """Type two different entries."""
    choisir_mot_de_passe(page, cible, mot_de_passe, confirmation)


@when(parsers.parse('il choisit le mot de passe "{mot_de_passe}" avec un CAPTCHA erroné'))
def choisit_captcha_faux(page: Page, cible: Cible, mot_de_passe: str) -> None:
    """A valid password, but digits that are not the CAPTCHA's."""
    ecran = PageInitialisation(page)
    ecran.choisir(mot_de_passe, mot_de_passe, captcha_faux(captcha_affiche(page, cible)))


@then(parsers.parse('le mot de passe est refusé avec le message "{texte}"'))
def refuse(page: Page, texte: str) -> None:
    """The initialisation page is shown again with this rule's message."""
    ecran = PageInitialisation(page)
    expect(ecran.entete).to_be_visible()
    expect(ecran.erreur).to_contain_text(texte)


@then("les règles du mot de passe sont affichées")
def regles_affichees(page: Page) -> None:
    """The page states the five rules of the guide."""
    politique = PageInitialisation(page).politique
    for regle in (
        "entre 12 caractères et 256 caractères",
        "minuscule non-accentuée",
        "majuscule non-accentuée",
        "au moins un chiffre",
        "caractère spécial",
    ):
        expect(politique).to_contain_text(regle)


@then("il voit la page d'initialisation du mot de passe Élections")
def voit_initialisation(page: Page) -> None:
    """The initialisation page is shown."""
    expect(PageInitialisation(page).entete).to_be_visible()


@then("il voit la page d'activation du compte")
def voit_activation(page: Page) -> None:
    """The activation page with its 'Défi' drop-down is shown."""
    expect(PageActivation(page).defi).to_be_visible()
