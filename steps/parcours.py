"""Journeys that several steps share (plain functions: steps stay one sentence each).

Every journey that changes the voter's account notes what the screen showed
(`Contexte.noter`): a list's ledger learns the account's true state from it.
"""

from __future__ import annotations

import time
from dataclasses import replace

from playwright.sync_api import Page, expect

from harnais.courrier import BoiteMail
from harnais.vocabulaire import vocabulaire
from steps.captcha import captcha_affiche
from steps.contexte import Contexte
from steps.fixtures import Cible
from steps.pages import (
    PageAccueil,
    PageActivation,
    PageEspaceElecteur,
    PageIdentification,
    PageInitialisation,
    PageMotDePasse,
)

# The challenge answer of accounts the harness activates itself.
REPONSE_DEFI = "Labrador"


def ouvrir_portail(page: Page) -> PageIdentification:
    """Home page, then 'ACCÉDER AU PORTAIL ÉLECTIONS'."""
    PageAccueil(page).ouvrir().acceder_au_portail()
    ecran = PageIdentification(page)
    expect(ecran.image_captcha).to_be_visible()
    return ecran


def s_identifier(page: Page, cible: Cible, contexte: Contexte) -> PageMotDePasse:
    """From the identification page, type the voter's address and the CAPTCHA shown,
    up to the password page."""
    ecran = PageIdentification(page)
    captcha = captcha_affiche(page, cible)
    mot_de_passe = PageMotDePasse(page)
    with contexte.identification():
        ecran.s_identifier(contexte.electeur_requis().email, captcha)
        expect(mot_de_passe.entete).to_be_visible()
    return mot_de_passe


def envoyer_mot_de_passe(page: Page, contexte: Contexte, mot_de_passe: str) -> None:
    """Send a password on the password page, and note how the portal took it: the voter
    space (`connexion`), the lock (`verrou`) or a refusal (`echec`)."""
    ecran = PageMotDePasse(page)
    contexte.noter("envoi", "mot_de_passe")  # a failure before the answer counts it wrong
    with page.expect_navigation():
        ecran.se_connecter(mot_de_passe)
    espace = PageEspaceElecteur(page).entete
    expect(espace.or_(ecran.erreur).first).to_be_visible()
    if espace.is_visible():
        contexte.noter("connexion")
    elif vocabulaire().messages.verrouille in " ".join(ecran.erreurs.all_text_contents()):
        contexte.noter("verrou")
    else:
        contexte.noter("echec")


def se_connecter(page: Page, cible: Cible, contexte: Contexte, mot_de_passe: str) -> None:
    """The whole login of the scenario's voter, from the home page to the password sent."""
    ouvrir_portail(page)
    s_identifier(page, cible, contexte)
    contexte.noter("vu")  # the account's password page: a failure from here is no mystery
    envoyer_mot_de_passe(page, contexte, mot_de_passe)


def demander_reassort(page: Page, cible: Cible, contexte: Contexte, boite: BoiteMail) -> None:
    """Home, identification, then 'Besoin du réassort…' on the password page; the mails
    the voter already had are counted first, so that only a newer one is awaited."""
    email = contexte.electeur_requis().email
    if not contexte.liens and "reassort" not in (quoi for quoi, _ in contexte.evenements):
        contexte.mails_avant = len(boite.messages_to(email))
    ouvrir_portail(page)
    ecran = s_identifier(page, cible, contexte)
    contexte.noter("vu")
    contexte.reassort_demande_le = time.monotonic()
    ecran.demander_reassort()
    contexte.noter("reassort")


def attendre_lien(boite: BoiteMail, contexte: Contexte) -> str:
    """Wait for one more réassort mail to the scenario's voter; remember and return its link."""
    electeur = contexte.electeur_requis()
    deja = contexte.mails_avant + len(contexte.liens)
    mail = boite.wait_for_mail(electeur.email, newer_than=deja)
    liens = mail.liens_reassort()
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


def apres_activation(page: Page, contexte: Contexte, quoi: str, reponse: str | None = None) -> None:
    """Note `active` (with the answer to the défi, which a code de vote réassort will ask
    for) or `sans_activation` once the voter space shows after that button."""
    espace = PageEspaceElecteur(page).entete
    expect(espace.or_(page.get_by_role("alert")).first).to_be_visible()
    if espace.is_visible():
        contexte.noter(quoi, reponse)


def activer_par_reassort(page: Page, cible: Cible, contexte: Contexte, boite: BoiteMail) -> None:
    """Bring the scenario's account to `actif` the way a voter would: réassort, mailed
    link, a new password, activation, logout; the voter then knows that password."""
    demander_reassort(page, cible, contexte, boite)
    page.goto(attendre_lien(boite, contexte))
    choisi = mot_de_passe_valide(20)
    choisir_mot_de_passe(page, cible, contexte, choisi, choisi)
    PageActivation(page).activer(None, REPONSE_DEFI, REPONSE_DEFI)
    apres_activation(page, contexte, "active", REPONSE_DEFI)
    espace = PageEspaceElecteur(page)
    expect(espace.entete).to_be_visible()
    espace.se_deconnecter()
    contexte.electeur = replace(
        contexte.electeur_requis(), state="actif", password=choisi, answer=REPONSE_DEFI
    )


def mot_de_passe_valide(longueur: int) -> str:
    """A password meeting every rule, of exactly `longueur` characters (at least 4)."""
    return "Aa1!" + "x" * (longueur - 4)
