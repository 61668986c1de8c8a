"""Steps of the code de vote: typed right or wrong, its lock, and its réassort through the
question défi (a new code by mail, the old one void).

What the voter's code goes through is noted from the screen (`Contexte.noter`): a list's
ledger then knows which account has a new or a locked code de vote.
"""

from __future__ import annotations

from playwright.sync_api import Page, expect
from pytest_bdd import given, parsers, then, when

from harnais.courrier import BoiteMail
from harnais.vocabulaire import vocabulaire
from steps.contexte import Contexte
from steps.pages import PageCodeVote, PageEspaceElecteur, PageReassortCode, PageScrutins

CODE_FAUX = "ZZZZ-ZZZZ-ZZZZ"


# The code de vote --------------------------------------------------------------------


def _ouvrir_vote(page: Page, contexte: Contexte, code: str) -> None:
    """« JE VOTE » from the voter space, then the code; note how the portal took it."""
    if not PageCodeVote(page).champ_code.is_visible():
        espace = PageEspaceElecteur(page)
        if espace.entete.is_visible():
            espace.je_vote()
        else:
            PageCodeVote(page).ouvrir()
    ecran = PageCodeVote(page)
    contexte.noter("envoi", "code_vote")  # a failure before the answer counts it refused
    ecran.valider(code)
    scrutins = PageScrutins(page).entete
    expect(scrutins.or_(ecran.erreur).first).to_be_visible()
    if scrutins.is_visible():
        contexte.noter("vu")
        return
    texte = " ".join(ecran.erreurs.all_text_contents())
    if vocabulaire().vote.code_bloque in texte:
        contexte.noter("code_bloque")
    elif vocabulaire().vote.code_incorrect in texte:
        contexte.noter("code_echec")
    else:
        contexte.noter("vu")


def _code(contexte: Contexte) -> str:
    code = contexte.notes.code_vote or contexte.electeur_requis().code_vote
    assert code, "le code de vote de cet électeur n'est pas connu du harnais"
    return str(code)


@given("il a ouvert le vote avec son code de vote")
@when("il ouvre le vote avec son code de vote")
def ouvre_le_vote(page: Page, contexte: Contexte) -> None:
    """Clique sur « JE VOTE » et saisit son code de vote."""
    _ouvrir_vote(page, contexte, _code(contexte))


@when("il ouvre le vote avec un code de vote erroné")
def ouvre_avec_code_faux(page: Page, contexte: Contexte) -> None:
    """Clique sur « JE VOTE » et saisit un code qui n'est pas le sien."""
    _ouvrir_vote(page, contexte, CODE_FAUX)


@when(parsers.parse("il saisit un code de vote erroné {fois:d} fois"))
def code_faux_n_fois(page: Page, contexte: Contexte, fois: int) -> None:
    """Saisit ce nombre de fois un code de vote qui n'est pas le sien."""
    for _ in range(fois):
        _ouvrir_vote(page, contexte, CODE_FAUX)


@when("il ouvre le vote avec son ancien code de vote")
def ouvre_avec_ancien_code(page: Page, contexte: Contexte) -> None:
    """Saisit le code de vote qu'il avait avant le réassort."""
    ancien = contexte.notes.ancien_code_vote
    assert ancien, "aucun réassort du code de vote n'a eu lieu dans ce scénario"
    PageCodeVote(page).ouvrir()
    _ouvrir_vote(page, contexte, ancien)


@when("il ouvre le vote avec le code reçu par mail")
def ouvre_avec_nouveau_code(page: Page, contexte: Contexte) -> None:
    """Saisit le nouveau code de vote reçu par mail."""
    PageCodeVote(page).ouvrir()
    _ouvrir_vote(page, contexte, _code(contexte))


@then("le code de vote est refusé")
def code_refuse(page: Page) -> None:
    """Le message « Code de vote incorrect » est affiché."""
    expect(PageCodeVote(page).alerte(vocabulaire().vote.code_incorrect)).to_be_visible()


@then("le code de vote est bloqué")
def code_bloque(page: Page) -> None:
    """Le message du blocage du code de vote est affiché."""
    expect(PageCodeVote(page).alerte(vocabulaire().vote.code_bloque)).to_be_visible()


@then("même son vrai code de vote est refusé")
def vrai_code_refuse(page: Page, contexte: Contexte) -> None:
    """Pendant le blocage, même le bon code de vote est refusé."""
    _ouvrir_vote(page, contexte, _code(contexte))
    expect(PageCodeVote(page).alerte(vocabulaire().vote.code_bloque)).to_be_visible()


# Réassort of the code de vote ---------------------------------------------------------


def _demander_code(page: Page, contexte: Contexte, boite: BoiteMail) -> PageReassortCode:
    contexte.notes.mails_avant_code = len(boite.messages_to(contexte.electeur_requis().email))
    PageCodeVote(page).ouvrir()
    PageCodeVote(page).demander_nouveau_code()
    return PageReassortCode(page)


@when("il demande un nouveau code de vote en répondant à sa question défi")
def reassort_code(page: Page, contexte: Contexte, boite_mail: BoiteMail) -> None:
    """« Code de vote perdu ? », puis la réponse secrète choisie à l'activation."""
    reponse = contexte.electeur_requis().answer
    assert reponse, "la réponse secrète de cet électeur n'est pas connue du harnais"
    _demander_code(page, contexte, boite_mail).repondre(reponse)


@when("il demande un nouveau code de vote avec une mauvaise réponse à sa question défi")
def reassort_code_mauvaise_reponse(page: Page, contexte: Contexte, boite_mail: BoiteMail) -> None:
    """« Code de vote perdu ? », puis une réponse qui n'est pas la sienne."""
    _demander_code(page, contexte, boite_mail).repondre("Pas ma réponse")


@when("il demande un nouveau code de vote")
def ouvre_reassort_code(page: Page, contexte: Contexte, boite_mail: BoiteMail) -> None:
    """Clique sur « Code de vote perdu ? »."""
    _demander_code(page, contexte, boite_mail)


@then("il reçoit un mail contenant un nouveau code de vote")
@when("il reçoit un mail contenant un nouveau code de vote")
def recoit_code(page: Page, contexte: Contexte, boite_mail: BoiteMail) -> None:
    """Le portail annonce l'envoi, et un mail apporte un code différent de l'ancien."""
    expect(PageCodeVote(page).information).to_contain_text(vocabulaire().vote.nouveau_code_envoye)
    mail = boite_mail.wait_for_mail(
        contexte.electeur_requis().email, newer_than=contexte.notes.mails_avant_code
    )
    nouveau = mail.code_vote()
    assert nouveau, f"le mail ne contient pas de code de vote :\n{mail.text}"
    ancien = _code(contexte)
    assert nouveau != ancien, "le nouveau code de vote est l'ancien"
    contexte.notes.ancien_code_vote = ancien
    contexte.notes.code_vote = nouveau
    contexte.noter("code_vote", nouveau)


@then("la réponse à la question défi est refusée")
def reponse_refusee(page: Page) -> None:
    """Un message d'erreur dit que la réponse est incorrecte."""
    expect(PageReassortCode(page).erreur).to_be_visible()


@then("il est invité à activer son compte pour obtenir un nouveau code de vote")
def invite_a_activer(page: Page) -> None:
    """Sans question défi, la page explique quoi faire au lieu de demander une réponse."""
    ecran = PageReassortCode(page)
    expect(ecran.alerte(vocabulaire().vote.sans_defi)).to_be_visible()
    expect(page.get_by_label(vocabulaire().vote.champ_reponse_defi)).to_have_count(0)
