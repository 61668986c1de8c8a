"""Steps of the réassort: asking, the mail, following its link."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from pytest_bdd import given, parsers, then, when

from harnais.courrier import BoiteMail
from steps.besoins import electeur_pour
from steps.contexte import Contexte
from steps.fixtures import Cible
from steps.libelles import message
from steps.pages import PageInitialisation, PageReassort
from steps.parcours import attendre_lien, demander_reassort
from steps.sentinelle import mails_apres_sentinelle


@given("un électeur qui a ouvert le lien de réassort reçu par mail")
def electeur_sur_initialisation(
    request: pytest.FixtureRequest,
    page: Page,
    cible: Cible,
    contexte: Contexte,
    boite_mail: BoiteMail,
) -> None:
    """Un électeur sans mot de passe valable a demandé le réassort et ouvert le lien reçu."""
    electeur_pour(request, contexte, "reassort")
    demander_reassort(page, cible, contexte, boite_mail)
    page.goto(attendre_lien(boite_mail, contexte))
    expect(PageInitialisation(page).entete).to_be_visible()


@when("il demande le réassort de son mot de passe Élections")
def demande_reassort(page: Page, cible: Cible, contexte: Contexte, boite_mail: BoiteMail) -> None:
    """S'identifie puis clique sur « Besoin du réassort… »."""
    demander_reassort(page, cible, contexte, boite_mail)


@when("il demande le réassort de son mot de passe Élections deux fois")
def demande_reassort_deux_fois(
    page: Page, cible: Cible, contexte: Contexte, boite_mail: BoiteMail
) -> None:
    """Demande deux fois le réassort, en attendant chaque mail."""
    for _ in range(2):
        demander_reassort(page, cible, contexte, boite_mail)
        attendre_lien(boite_mail, contexte)


@then("il voit la confirmation d'envoi du mail")
def voit_confirmation(page: Page) -> None:
    """« Un mail vient de vous être envoyé… » est affiché."""
    expect(PageReassort(page).confirmation).to_be_visible()


@then("il reçoit un mail contenant un lien de réassort")
@when("il reçoit un mail contenant un lien de réassort")
def recoit_mail(boite_mail: BoiteMail, contexte: Contexte) -> None:
    """Un nouveau mail avec un lien de réassort arrive (attente bornée)."""
    attendre_lien(boite_mail, contexte)


@then("il n'a reçu qu'un seul mail")
def un_seul_mail(request: pytest.FixtureRequest, boite_mail: BoiteMail, contexte: Contexte) -> None:
    """L'électeur n'a reçu qu'un mail : vérifié une fois arrivé le mail témoin demandé
    après le sien (steps/sentinelle.py), jamais après une simple attente."""
    recus = mails_apres_sentinelle(request, contexte, boite_mail)
    assert len(recus) == contexte.mails_avant + 1, f"{len(recus) - contexte.mails_avant} mails"


@then("aucun mail n'est envoyé à cette adresse")
def aucun_mail(request: pytest.FixtureRequest, boite_mail: BoiteMail, contexte: Contexte) -> None:
    """Rien n'est arrivé à cette adresse quand arrive le mail témoin demandé après elle
    (steps/sentinelle.py)."""
    assert mails_apres_sentinelle(request, contexte, boite_mail) == []


@when("il suit le lien reçu par mail")
@when("il suit le dernier lien reçu")
def suit_le_lien(page: Page, boite_mail: BoiteMail, contexte: Contexte) -> None:
    """Ouvre le dernier lien reçu (en attendant son mail si besoin)."""
    if not contexte.liens:
        attendre_lien(boite_mail, contexte)
    page.goto(contexte.liens[-1])


@when("il suit de nouveau le même lien")
def suit_encore(page: Page, contexte: Contexte) -> None:
    """Ouvre une seconde fois le même lien."""
    page.goto(contexte.liens[-1])


@when("il suit le premier lien reçu")
def suit_le_premier(page: Page, contexte: Contexte) -> None:
    """Ouvre le premier lien reçu."""
    page.goto(contexte.liens[0])


@then(parsers.parse('le lien est refusé avec le message "{texte}"'))
def lien_refuse(page: Page, texte: str) -> None:
    """La page du lien refusé donne ce motif (clé de [messages] du vocabulaire)."""
    expect(PageReassort(page).alerte(message(texte))).to_be_visible()


@then("il peut demander un nouveau lien")
def peut_redemander(page: Page) -> None:
    """La page du lien refusé propose d'en demander un nouveau."""
    expect(PageReassort(page).lien_nouvelle_demande).to_be_visible()
