"""Journeys that several steps share (plain functions: steps stay one sentence each).

Every journey that changes the voter's account notes what the screen showed
(`Contexte.noter`): a list's ledger learns the account's true state from it.
"""

from __future__ import annotations

from playwright.sync_api import Page, expect

from harnais.vocabulaire import vocabulaire
from steps.captcha import captcha_affiche
from steps.fixtures import Cible, Contexte
from steps.mailbox import Mailbox
from steps.pages import (
    PageAccueil,
    PageActivation,
    PageEspaceElecteur,
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


def envoyer_mot_de_passe(page: Page, contexte: Contexte, mot_de_passe: str) -> None:
    """Send a password on the password page, and note how the portal took it: the voter
    space (`connexion`), the lock (`verrou`) or a refusal (`echec`)."""
    ecran = PageMotDePasse(page)
    with page.expect_navigation():
        ecran.se_connecter(mot_de_passe)
    espace = PageEspaceElecteur(page).entete
    expect(espace.or_(ecran.erreur).first).to_be_visible()
    if espace.is_visible():
        contexte.noter("connexion")
    elif vocabulaire().messages.verrouille in (ecran.erreur.first.text_content() or ""):
        contexte.noter("verrou")
    else:
        contexte.noter("echec")


def se_connecter(page: Page, cible: Cible, contexte: Contexte, mot_de_passe: str) -> None:
    """The whole login of the scenario's voter, from the home page to the password sent."""
    ouvrir_portail(page)
    s_identifier(page, cible, contexte.electeur_requis().email)
    envoyer_mot_de_passe(page, contexte, mot_de_passe)


def demander_reassort(page: Page, cible: Cible, contexte: Contexte) -> None:
    """Home, identification, then 'Besoin du réassort…' on the password page."""
    ouvrir_portail(page)
    s_identifier(page, cible, contexte.electeur_requis().email).demander_reassort()
    contexte.noter("reassort")


def attendre_lien(boite: Mailbox, contexte: Contexte) -> str:
    """Wait for one more réassort mail to the scenario's voter; remember and return its link."""
    electeur = contexte.electeur_requis()
    mail = boite.wait_for_mail(electeur.email, newer_than=len(contexte.liens))
    liens: list[str] = vocabulaire().motif_lien_reassort().findall(mail.text)
    assert len(liens) == 1, f"le mail ne contient pas un lien de réassort :\n{mail.text}"
    contexte.liens.append(liens[0])
    return liens[0]


def choisir_mot_de_passe(
    page: Page, cible: Cible, contexte: Contexte, mot_de_passe: str, confirmation: str
) -> None:
    """Fill the initialisation page and send it; note the password once it is accepted
    (the activation page shows)."""
    ecran = PageInitialisation(page)
    expect(ecran.entete).to_be_visible()
    with page.expect_navigation():
        ecran.choisir(mot_de_passe, confirmation, captcha_affiche(page, cible))
    if PageActivation(page).defi.is_visible():
        contexte.noter("initialise", mot_de_passe)


def apres_activation(page: Page, contexte: Contexte, quoi: str) -> None:
    """Note `active` or `sans_activation` once the voter space shows after that button."""
    espace = PageEspaceElecteur(page).entete
    expect(espace.or_(page.get_by_role("alert")).first).to_be_visible()
    if espace.is_visible():
        contexte.noter(quoi)


def mot_de_passe_valide(longueur: int) -> str:
    """A password meeting every rule, of exactly `longueur` characters (at least 4)."""
    return "Aa1!" + "x" * (longueur - 4)
