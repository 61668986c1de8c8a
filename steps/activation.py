"""Steps of the account activation."""

from __future__ import annotations

from dataclasses import replace

from playwright.sync_api import Page
from pytest_bdd import parsers, when

from steps.contexte import Contexte
from steps.fixtures import Cible
from steps.pages import PageActivation
from steps.parcours import apres_activation, choisir_mot_de_passe, mot_de_passe_valide


@when("il choisit un mot de passe valide")
def choisit_valide(page: Page, cible: Cible, contexte: Contexte) -> None:
    """Un mot de passe conforme, saisi deux fois avec le CAPTCHA."""
    contexte.mot_de_passe = mot_de_passe_valide(16)
    choisir_mot_de_passe(page, cible, contexte, contexte.mot_de_passe, contexte.mot_de_passe)


@when(parsers.parse('il active son compte avec la réponse "{reponse}"'))
def active(page: Page, contexte: Contexte, reponse: str) -> None:
    """Garde la première question, saisit la réponse deux fois, « ACTIVER SON COMPTE »."""
    PageActivation(page).activer(None, reponse, reponse)
    apres_activation(page, contexte, "active", reponse)
    if contexte.electeur is not None:
        contexte.electeur = replace(contexte.electeur, answer=reponse)


@when(parsers.parse('il active son compte avec les réponses "{reponse}" et "{confirmation}"'))
def active_deux_reponses(page: Page, reponse: str, confirmation: str) -> None:
    """Saisit ces deux réponses puis « ACTIVER SON COMPTE »."""
    PageActivation(page).activer(None, reponse, confirmation)


@when("il choisit l'accès sans activation")
def sans_activation(page: Page, contexte: Contexte) -> None:
    """Clique sur « ACCÈS SANS ACTIVATION »."""
    PageActivation(page).acces_sans_activation()
    apres_activation(page, contexte, "sans_activation")


@when("il active son compte sans saisir de réponse")
def active_sans_reponse(page: Page) -> None:
    """Laisse les deux réponses vides puis « ACTIVER SON COMPTE »."""
    PageActivation(page).activer(None, "", "")
