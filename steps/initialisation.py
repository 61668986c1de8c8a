"""Steps of the initialisation of the Élections password."""

from __future__ import annotations

from playwright.sync_api import Page, expect
from pytest_bdd import parsers, then, when

from steps.captcha import captcha_affiche, captcha_faux
from steps.contexte import Contexte
from steps.fixtures import Cible
from steps.libelles import message
from steps.pages import PageActivation, PageInitialisation
from steps.parcours import choisir_mot_de_passe, mot_de_passe_valide


@when(parsers.parse('il choisit le mot de passe "{mot_de_passe}"'))
def choisit(page: Page, cible: Cible, contexte: Contexte, mot_de_passe: str) -> None:
    """Saisit ce mot de passe deux fois, le CAPTCHA, et valide."""
    contexte.mot_de_passe = mot_de_passe
    choisir_mot_de_passe(page, cible, contexte, mot_de_passe, mot_de_passe)


@when(parsers.parse("il choisit un mot de passe valide de {longueur:d} caractères"))
@when(parsers.parse("il choisit un mot de passe de {longueur:d} caractères"))
def choisit_longueur(page: Page, cible: Cible, contexte: Contexte, longueur: int) -> None:
    """Un mot de passe conforme aux autres règles, de cette longueur."""
    contexte.mot_de_passe = mot_de_passe_valide(longueur)
    choisir_mot_de_passe(page, cible, contexte, contexte.mot_de_passe, contexte.mot_de_passe)


@when(parsers.parse('il choisit le mot de passe "{mot_de_passe}" confirmé par "{confirmation}"'))
def choisit_confirmation(
    page: Page, cible: Cible, contexte: Contexte, mot_de_passe: str, confirmation: str
) -> None:
    """Saisit ces deux valeurs (mot de passe et confirmation)."""
    choisir_mot_de_passe(page, cible, contexte, mot_de_passe, confirmation)


@when(parsers.parse('il choisit le mot de passe "{mot_de_passe}" avec un CAPTCHA erroné'))
def choisit_captcha_faux(page: Page, cible: Cible, mot_de_passe: str) -> None:
    """Un mot de passe valide, mais un CAPTCHA faux."""
    ecran = PageInitialisation(page)
    ecran.choisir(mot_de_passe, mot_de_passe, captcha_faux(captcha_affiche(page, cible)))


@then(parsers.parse('le mot de passe est refusé avec le message "{texte}"'))
def refuse(page: Page, texte: str) -> None:
    """La page d'initialisation revient avec ce message (clé de [messages] du vocabulaire,
    `refus_longueur`… pour chaque règle) dans l'une de ses alertes."""
    ecran = PageInitialisation(page)
    expect(ecran.entete).to_be_visible()
    expect(ecran.alerte(message(texte))).to_be_visible()


@then("les règles du mot de passe sont affichées")
def regles_affichees(page: Page) -> None:
    """La page affiche les cinq règles du guide."""
    ecran = PageInitialisation(page)
    for regle in ecran.voc.messages.regles_mot_de_passe:
        expect(ecran.regle(regle)).to_be_visible()


@then("il voit la page d'initialisation du mot de passe Élections")
def voit_initialisation(page: Page) -> None:
    """La page d'initialisation est affichée."""
    expect(PageInitialisation(page).entete).to_be_visible()


@then("il voit la page d'activation du compte")
def voit_activation(page: Page) -> None:
    """La page d'activation et sa liste « Défi » sont affichées."""
    expect(PageActivation(page).defi).to_be_visible()
