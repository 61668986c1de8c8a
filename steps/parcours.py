"""Journeys that several steps share (plain functions: steps stay one sentence each)."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from steps.captcha import captcha_affiche
from steps.fixtures import Cible, Contexte
from steps.mailbox import Mailbox
from steps.pages import (
    PageAccueil,
    PageIdentification,
    PageInitialisation,
    PageMotDePasse,
)


def ouvrir_portail(page: Page) -> PageIdentification:
    """Home page, then 'ACCÉDER AU PORTAIL ÉLECTIONS'."""
    PageAccueil(page).ouvrir().acceder_au_portail()
    ecran = PageIdentification(page)
    expect(ecran.image_captcha).to_be_visible()
    return ecran


def s_identifier(page: Page, cible: Cible, identifiant: str) -> PageMotDePasse:
    """From the identification page, type the address and the CAPTCHA shown."""
    ecran = PageIdentification(page)
    ecran.s_identifier(identifiant, captcha_affiche(page, cible))
    mot_de_passe = PageMotDePasse(page)
    expect(mot_de_passe.entete).to_be_visible()
    return mot_de_passe


def se_connecter(page: Page, cible: Cible, identifiant: str, mot_de_passe: str) -> None:
    """The whole login, from the home page to the password sent."""
    ouvrir_portail(page)
    s_identifier(page, cible, identifiant).se_connecter(mot_de_passe)


def demander_reassort(page: Page, cible: Cible, identifiant: str) -> None:
    """Home, identification, then 'Besoin du réassort…' on the password page."""
    ouvrir_portail(page)
    s_identifier(page, cible, identifiant).demander_reassort()


def attendre_lien(boite: Mailbox, contexte: Contexte) -> str:
    """Wait for one more réassort mail to the scenario's voter; remember and return its link."""
    electeur = contexte.electeur_requis()
    mail = boite.wait_for_mail(electeur.email, newer_than=len(contexte.liens))
    liens = [lien for lien in mail.links() if "/reassort/lien" in lien]
    assert len(liens) == 1, f"le mail ne contient pas un lien de réassort :\n{mail.text}"
    contexte.liens.append(liens[0])
    return liens[0]


def choisir_mot_de_passe(page: Page, cible: Cible, mot_de_passe: str, confirmation: str) -> None:
    """Fill the initialisation page and send it."""
    ecran = PageInitialisation(page)
    expect(ecran.entete).to_be_visible()
    ecran.choisir(mot_de_passe, confirmation, captcha_affiche(page, cible))


def mot_de_passe_valide(longueur: int) -> str:
    """A password meeting every rule, of exactly `longueur` characters (at least 4)."""
    return "Aa1!" + "x" * (longueur - 4)
