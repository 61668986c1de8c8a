"""Steps of the Élections password screen and of logging in."""

from __future__ import annotations

from playwright.sync_api import Page, expect
from pytest_bdd import parsers, then, when

from harnais.vocabulaire import vocabulaire
from steps.contexte import Contexte
from steps.fixtures import Cible
from steps.pages import PageMotDePasse
from steps.parcours import envoyer_mot_de_passe, se_connecter

FAUX = "Pas-le-bon-2026!"


@when("il saisit son mot de passe Élections")
def saisit_mot_de_passe(page: Page, contexte: Contexte) -> None:
    """Saisit le mot de passe Élections de l'électeur."""
    password = contexte.electeur_requis().password
    assert password, "cet électeur n'a pas de mot de passe Élections"
    envoyer_mot_de_passe(page, contexte, password)


@when(parsers.parse('il saisit le mot de passe Élections "{mot_de_passe}"'))
def saisit_ce_mot_de_passe(page: Page, contexte: Contexte, mot_de_passe: str) -> None:
    """Saisit ce mot de passe."""
    envoyer_mot_de_passe(page, contexte, mot_de_passe)


@when(parsers.parse("il se trompe de mot de passe Élections {fois:d} fois"))
def se_trompe(page: Page, cible: Cible, contexte: Contexte, fois: int) -> None:
    """Tente de se connecter avec un mauvais mot de passe, ce nombre de fois."""
    for _ in range(fois):
        se_connecter(page, cible, contexte, FAUX)


@when("il se connecte avec son mot de passe Élections")
def se_connecte(page: Page, cible: Cible, contexte: Contexte) -> None:
    """Se connecte de bout en bout avec son mot de passe (ou celui qu'il vient de choisir)."""
    password = contexte.mot_de_passe or contexte.electeur_requis().password
    assert password, "cet électeur n'a pas de mot de passe Élections"
    se_connecter(page, cible, contexte, password)


@then("même son vrai mot de passe est refusé")
def vrai_mot_de_passe_refuse(page: Page, cible: Cible, contexte: Contexte) -> None:
    """Pendant le verrou, même le bon mot de passe est refusé."""
    electeur = contexte.electeur_requis()
    assert electeur.password
    se_connecter(page, cible, contexte, electeur.password)
    expect(PageMotDePasse(page).alerte(vocabulaire().messages.verrouille)).to_be_visible()


@then("il est invité à demander le réassort de son mot de passe")
def invite_au_reassort(page: Page) -> None:
    """Le mot de passe est refusé et la page garde « Besoin du réassort… », que le guide
    dit de cliquer « si mot de passe jamais créé » ; le guide n'en demande pas plus au
    message lui-même."""
    ecran = PageMotDePasse(page)
    expect(ecran.erreur).to_be_visible()
    expect(ecran.bouton_reassort).to_be_visible()
