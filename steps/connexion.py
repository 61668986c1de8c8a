"""French steps of access, identification, Élections password and the voter space."""

from __future__ import annotations

from playwright.sync_api import Page, expect
from pytest_bdd import given, then, when

from steps.captcha import captcha_affiche
from steps.fixtures import Cible, Contexte
from steps.hooks_client import TestHooks
from steps.pages import PageAccueil, PageEspaceElecteur, PageIdentification, PageMotDePasse


@given("un électeur inscrit dont le compte est activé")
def electeur_active(contexte: Contexte, hooks: TestHooks) -> None:
    """A fresh voter with an Élections password and a challenge answer."""
    contexte.electeur = hooks.create_voter("actif")


@when("il ouvre le portail Élections")
def ouvre_le_portail(page: Page) -> None:
    """Open the home page and go on to identification."""
    PageAccueil(page).ouvrir().acceder_au_portail()


@when("il s'identifie avec son adresse professionnelle et le CAPTCHA affiché")
def s_identifie(page: Page, cible: Cible, contexte: Contexte) -> None:
    """Type the voter's address and the digits of the CAPTCHA shown."""
    ecran = PageIdentification(page)
    expect(ecran.image_captcha).to_be_visible()
    ecran.s_identifier(contexte.electeur_requis().email, captcha_affiche(page, cible.portail_url))


@when("il saisit son mot de passe Élections")
def saisit_mot_de_passe(page: Page, contexte: Contexte) -> None:
    """Type the voter's own Élections password."""
    ecran = PageMotDePasse(page)
    expect(ecran.titre).to_be_visible()
    password = contexte.electeur_requis().password
    assert password, "cet électeur n'a pas de mot de passe Élections"
    ecran.se_connecter(password)


@then("il voit son espace électeur")
def voit_son_espace(page: Page) -> None:
    """The voter space is shown."""
    expect(PageEspaceElecteur(page).titre).to_be_visible()


@then("la liste de ses scrutins est affichée")
def voit_ses_scrutins(page: Page) -> None:
    """At least one ballot is listed."""
    expect(PageEspaceElecteur(page).scrutins.first).to_be_visible()


@when("il se déconnecte")
def se_deconnecte(page: Page) -> None:
    """Press the logout button."""
    PageEspaceElecteur(page).se_deconnecter()


@then("il revient sur la page d'accueil du portail")
def revient_accueil(page: Page) -> None:
    """The home page is shown again, with its entry link."""
    expect(PageAccueil(page).bouton_acceder).to_be_visible()
