"""Steps of the vote: the window, the code de vote, the scrutins, a ballot, the receipt,
the code's réassort and the check of a receipt after the count.

What the voter's account goes through is noted from the screen (`Contexte.noter`) so that
a list's ledger knows which accounts have voted, or have a new or locked code de vote.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from playwright.sync_api import Page, expect
from pytest_bdd import given, parsers, then, when

from harnais.crochets import Crochets
from harnais.vocabulaire import vocabulaire
from steps.fixtures import Cible, Contexte, electeur_pour
from steps.mailbox import Mailbox
from steps.pages import (
    PageAccuse,
    PageCodeVote,
    PageConfirmation,
    PageEspaceElecteur,
    PageListes,
    PageReassortCode,
    PageScrutins,
    PageVerification,
)
from steps.parcours import se_connecter

CODE_FAUX = "ZZZZ-ZZZZ-ZZZZ"


# The window --------------------------------------------------------------------------


@given("le vote est ouvert")
def vote_ouvert(request: pytest.FixtureRequest, cible: Cible) -> None:
    """Avec les points d'accès de test, l'horloge du portail est placée dans la période
    de vote si elle n'y est pas ; sans eux (recette), le portail visé doit avoir son vote
    ouvert : la page du vote le dira sinon."""
    if not cible.hooks:
        return
    crochets: Crochets = request.getfixturevalue("crochets")
    fenetre = crochets.fenetre_vote()
    if not fenetre.ouverture <= crochets.maintenant() < fenetre.cloture:
        crochets.aller_a(fenetre.ouverture + timedelta(hours=1))


@given("le vote n'est pas encore ouvert")
def vote_pas_ouvert(crochets: Crochets) -> None:
    """L'horloge du portail est placée dix minutes avant l'ouverture (@crochets)."""
    crochets.aller_a(crochets.fenetre_vote().ouverture - timedelta(minutes=10))


@given("le vote est clos")
def vote_clos(crochets: Crochets) -> None:
    """L'horloge du portail est placée une minute après la clôture (@crochets)."""
    crochets.aller_a(crochets.fenetre_vote().cloture + timedelta(minutes=1))


@given("la clôture du vote est dans cinq minutes")
def cloture_proche(crochets: Crochets) -> None:
    """L'horloge du portail est placée cinq minutes avant la clôture (@crochets)."""
    crochets.aller_a(crochets.fenetre_vote().cloture - timedelta(minutes=5))


# The voter ---------------------------------------------------------------------------


@given("un électeur inscrit qui n'a pas encore voté")
def electeur_votant(request: pytest.FixtureRequest, contexte: Contexte) -> None:
    """Un électeur activé, qui connaît son code de vote et n'a voté pour aucun scrutin."""
    electeur_pour(request, contexte, "votant")


@given("il est connecté à son espace électeur")
@when("il se connecte à son espace électeur")
def connecte(page: Page, cible: Cible, contexte: Contexte) -> None:
    """Se connecte avec son mot de passe Élections et arrive sur son espace électeur."""
    password = contexte.mot_de_passe or contexte.electeur_requis().password
    assert password, "cet électeur n'a pas de mot de passe Élections"
    se_connecter(page, cible, contexte, password)
    expect(PageEspaceElecteur(page).entete).to_be_visible()


# The code de vote --------------------------------------------------------------------


def _ouvrir_vote(page: Page, contexte: Contexte, code: str) -> None:
    """« JE VOTE » from the voter space, then the code; note how the portal took it."""
    if not PageCodeVote(page).champ_code.is_visible():
        espace = PageEspaceElecteur(page)
        if espace.entete.is_visible():
            espace.je_vote()
        else:
            page.goto(vocabulaire().vote.chemin)
    ecran = PageCodeVote(page)
    ecran.valider(code)
    scrutins = PageScrutins(page).entete
    expect(scrutins.or_(ecran.erreur).first).to_be_visible()
    if scrutins.is_visible():
        return
    texte = ecran.erreur.first.text_content() or ""
    if vocabulaire().vote.code_bloque in texte:
        contexte.noter("code_bloque")
    elif vocabulaire().vote.code_incorrect in texte:
        contexte.noter("code_echec")


def _code(contexte: Contexte) -> str:
    code = contexte.notes.get("code_vote") or contexte.electeur_requis().code_vote
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
    ancien = contexte.notes.get("ancien_code_vote")
    assert ancien, "aucun réassort du code de vote n'a eu lieu dans ce scénario"
    page.goto(vocabulaire().vote.chemin)
    _ouvrir_vote(page, contexte, str(ancien))


@when("il ouvre le vote avec le code reçu par mail")
def ouvre_avec_nouveau_code(page: Page, contexte: Contexte) -> None:
    """Saisit le nouveau code de vote reçu par mail."""
    page.goto(vocabulaire().vote.chemin)
    _ouvrir_vote(page, contexte, _code(contexte))


@then("le code de vote est refusé")
def code_refuse(page: Page) -> None:
    """Le message « Code de vote incorrect » est affiché."""
    expect(PageCodeVote(page).erreur).to_contain_text(vocabulaire().vote.code_incorrect)


@then("le code de vote est bloqué")
def code_bloque(page: Page) -> None:
    """Le message du blocage du code de vote est affiché."""
    expect(PageCodeVote(page).erreur).to_contain_text(vocabulaire().vote.code_bloque)


@then("même son vrai code de vote est refusé")
def vrai_code_refuse(page: Page, contexte: Contexte) -> None:
    """Pendant le blocage, même le bon code de vote est refusé."""
    _ouvrir_vote(page, contexte, _code(contexte))
    expect(PageCodeVote(page).erreur).to_contain_text(vocabulaire().vote.code_bloque)


# Réassort of the code de vote ---------------------------------------------------------


def _demander_code(page: Page, contexte: Contexte, boite: Mailbox) -> PageReassortCode:
    contexte.notes["mails_avant_code"] = len(boite.messages_to(contexte.electeur_requis().email))
    page.goto(vocabulaire().vote.chemin)
    PageCodeVote(page).demander_nouveau_code()
    return PageReassortCode(page)


@when("il demande un nouveau code de vote en répondant à sa question défi")
def reassort_code(page: Page, contexte: Contexte, boite_mail: Mailbox) -> None:
    """« Code de vote perdu ? », puis la réponse secrète choisie à l'activation."""
    reponse = contexte.electeur_requis().answer
    assert reponse, "la réponse secrète de cet électeur n'est pas connue du harnais"
    _demander_code(page, contexte, boite_mail).repondre(reponse)


@when("il demande un nouveau code de vote avec une mauvaise réponse à sa question défi")
def reassort_code_mauvaise_reponse(page: Page, contexte: Contexte, boite_mail: Mailbox) -> None:
    """« Code de vote perdu ? », puis une réponse qui n'est pas la sienne."""
    _demander_code(page, contexte, boite_mail).repondre("Pas ma réponse")


@when("il demande un nouveau code de vote")
def ouvre_reassort_code(page: Page, contexte: Contexte, boite_mail: Mailbox) -> None:
    """Clique sur « Code de vote perdu ? »."""
    _demander_code(page, contexte, boite_mail)


@then("il reçoit un mail contenant un nouveau code de vote")
@when("il reçoit un mail contenant un nouveau code de vote")
def recoit_code(page: Page, contexte: Contexte, boite_mail: Mailbox) -> None:
    """Le portail annonce l'envoi, et un mail apporte un code différent de l'ancien."""
    expect(PageCodeVote(page).information).to_contain_text(vocabulaire().vote.nouveau_code_envoye)
    mail = boite_mail.wait_for_mail(
        contexte.electeur_requis().email, newer_than=int(contexte.notes["mails_avant_code"])
    )
    nouveau = mail.code_vote()
    assert nouveau, f"le mail ne contient pas de code de vote :\n{mail.text}"
    ancien = _code(contexte)
    assert nouveau != ancien, "le nouveau code de vote est l'ancien"
    contexte.notes["ancien_code_vote"] = ancien
    contexte.notes["code_vote"] = nouveau
    contexte.noter("code_vote", nouveau)


@then("la réponse à la question défi est refusée")
def reponse_refusee(page: Page) -> None:
    """Un message d'erreur dit que la réponse est incorrecte."""
    expect(PageReassortCode(page).erreur).to_be_visible()


@then("il est invité à activer son compte pour obtenir un nouveau code de vote")
def invite_a_activer(page: Page) -> None:
    """Sans question défi, la page explique quoi faire au lieu de demander une réponse."""
    ecran = PageReassortCode(page)
    expect(ecran.erreur).to_contain_text(vocabulaire().vote.sans_defi)
    expect(page.get_by_label(vocabulaire().vote.champ_reponse_defi)).to_have_count(0)


# Scrutins and lists ------------------------------------------------------------------


def _premier_scrutin(page: Page, contexte: Contexte) -> str:
    scrutins = PageScrutins(page)
    expect(scrutins.entete).to_be_visible()
    nom = contexte.notes.get("scrutin") or (scrutins.a_voter.first.text_content() or "").strip()
    contexte.notes["scrutin"] = nom
    return str(nom)


def _choisir(page: Page, contexte: Contexte, rang: int = 1) -> str:
    """Open the first scrutin still to vote and choose its list of that rank (1 = the
    first, wrapping round on a short ballot); return the list chosen."""
    nom = _premier_scrutin(page, contexte)
    PageScrutins(page).choisir(nom)
    listes = PageListes(page)
    expect(listes.listes.first).to_be_visible()
    noms = listes.noms()
    liste = noms[(rang - 1) % len(noms)]
    listes.je_veux_voter(liste)
    contexte.notes["liste"] = liste
    return liste


def _confirmer(page: Page, contexte: Contexte) -> None:
    PageConfirmation(page).je_vote()
    accuse = PageAccuse(page)
    expect(accuse.entete.or_(accuse.erreur).first).to_be_visible()
    if accuse.entete.is_visible():
        contexte.noter("vote")
        contexte.notes.setdefault("empreintes", []).append(accuse.empreinte())


@when("il choisit une liste de son premier scrutin")
def choisit_une_liste(page: Page, contexte: Contexte) -> None:
    """Ouvre son premier scrutin, coche la deuxième liste et clique sur « JE VEUX VOTER »."""
    _choisir(page, contexte, rang=2)


@when("il modifie son choix pour une autre liste")
def modifie_son_choix(page: Page, contexte: Contexte) -> None:
    """« MODIFIER MON CHOIX », puis une autre liste et « JE VEUX VOTER »."""
    PageConfirmation(page).lien(vocabulaire().vote.lien_modifier).click()
    listes = PageListes(page)
    expect(listes.listes.first).to_be_visible()
    autre = next(n for n in listes.noms() if n != contexte.notes["liste"])
    listes.je_veux_voter(autre)
    contexte.notes["liste"] = autre


@when("il confirme son vote")
def confirme(page: Page, contexte: Contexte) -> None:
    """Clique sur « JE VOTE » sur la page de confirmation."""
    _confirmer(page, contexte)


@when("il vote pour une liste de son premier scrutin")
def vote_premier_scrutin(page: Page, contexte: Contexte) -> None:
    """Choisit une liste de son premier scrutin puis confirme son vote."""
    _choisir(page, contexte, rang=2)
    _confirmer(page, contexte)


@when("il vote pour chacun de ses scrutins")
def vote_tous(page: Page, contexte: Contexte) -> None:
    """Vote, scrutin après scrutin, jusqu'à ce qu'il n'en reste aucun à voter."""
    scrutins = PageScrutins(page)
    expect(scrutins.entete).to_be_visible()
    restants = scrutins.a_voter.count()
    assert restants, "aucun scrutin à voter"
    for rang in range(1, restants + 1):
        contexte.notes.pop("scrutin", None)
        _choisir(page, contexte, rang=rang)
        _confirmer(page, contexte)
        expect(PageAccuse(page).entete).to_be_visible()
        if rang < restants:
            PageAccuse(page).autre_scrutin()
    contexte.notes["votes"] = restants


@when("il valide sans avoir choisi de liste")
def valide_sans_choix(page: Page, contexte: Contexte) -> None:
    """Ouvre son premier scrutin et clique sur « JE VEUX VOTER » sans rien cocher."""
    nom = _premier_scrutin(page, contexte)
    PageScrutins(page).choisir(nom)
    PageListes(page).je_veux_voter(None)


@when("il ouvre la confirmation dans un second onglet")
def second_onglet(page: Page, contexte: Contexte) -> None:
    """Ouvre la même page de confirmation dans un second onglet du même navigateur."""
    onglet = page.context.new_page()
    onglet.goto(page.url)
    expect(onglet.get_by_role("button", name=vocabulaire().vote.bouton_je_vote)).to_be_visible()
    contexte.notes["onglet"] = onglet


@when("il confirme aussi son vote dans le second onglet")
def confirme_second_onglet(contexte: Contexte) -> None:
    """Clique sur « JE VOTE » dans le second onglet, après le premier vote."""
    onglet: Page = contexte.notes["onglet"]
    PageConfirmation(onglet).je_vote()


@when("il revient à la liste de ses scrutins")
def revient_scrutins(page: Page) -> None:
    """Ouvre la liste de ses scrutins."""
    page.goto(vocabulaire().vote.chemin_scrutins)


@then("il voit les listes de candidats de ce scrutin")
def voit_les_listes(page: Page) -> None:
    """Plusieurs listes de candidats sont proposées, chacune avec son libellé."""
    listes = PageListes(page)
    expect(listes.listes.first).to_be_visible()
    assert listes.listes.count() >= 2, "un scrutin présente au moins deux listes"


@then("seule la liste choisie lui est présentée avant de voter")
def seule_la_liste_choisie(page: Page, contexte: Contexte) -> None:
    """La confirmation montre la liste choisie et aucun choix à cocher."""
    main = page.locator("main")
    expect(main).to_contain_text(str(contexte.notes["liste"]))
    expect(main.get_by_role("radio")).to_have_count(0)
    expect(page.get_by_role("button", name=vocabulaire().vote.bouton_je_vote)).to_be_visible()


@then("il est invité à choisir une liste")
def invite_a_choisir(page: Page) -> None:
    """Un message d'erreur demande de choisir une liste."""
    expect(PageListes(page).erreur).to_be_visible()
    expect(PageListes(page).listes.first).to_be_visible()


@then("il voit l'accusé de réception de son vote")
def voit_accuse(page: Page) -> None:
    """« Accusé de réception » et l'empreinte du bulletin sont affichés."""
    accuse = PageAccuse(page)
    expect(accuse.entete).to_be_visible()
    assert len(accuse.empreinte()) >= 32


@then("l'accusé de réception ne dit pas pour quelle liste il a voté")
def accuse_sans_choix(page: Page, contexte: Contexte) -> None:
    """Le nom de la liste choisie n'apparaît nulle part sur l'accusé."""
    expect(page.locator("main")).not_to_contain_text(str(contexte.notes["liste"]))


@then("la preuve de vote téléchargée porte l'empreinte, jamais la liste choisie")
def preuve_sans_choix(page: Page, contexte: Contexte) -> None:
    """Le fichier téléchargé porte l'empreinte de l'accusé et le scrutin, pas la liste."""
    accuse = PageAccuse(page)
    preuve = accuse.telecharger_preuve()
    assert accuse.empreinte() in preuve, preuve
    assert str(contexte.notes["scrutin"]) in preuve, preuve
    assert str(contexte.notes["liste"]) not in preuve, preuve


@then("ce scrutin est marqué comme voté et ne peut plus être choisi")
def scrutin_marque(page: Page, contexte: Contexte) -> None:
    """Sur la liste des scrutins, celui-ci porte « A voté » et n'est plus un lien."""
    page.goto(vocabulaire().vote.chemin_scrutins)
    scrutins = PageScrutins(page)
    nom = str(contexte.notes["scrutin"])
    expect(scrutins.ligne(nom)).to_contain_text(vocabulaire().vote.etat_a_vote)
    expect(page.get_by_role("link", name=nom, exact=True)).to_have_count(0)


@then("tous ses scrutins sont marqués comme votés")
def tous_marques(page: Page, contexte: Contexte) -> None:
    """Plus aucun scrutin à voter ; chacun porte « A voté »."""
    page.goto(vocabulaire().vote.chemin_scrutins)
    scrutins = PageScrutins(page)
    expect(scrutins.a_voter).to_have_count(0)
    expect(page.locator("main").get_by_text(vocabulaire().vote.etat_a_vote)).to_have_count(
        int(contexte.notes["votes"])
    )


@then("le second onglet lui dit qu'il a déjà voté pour ce scrutin")
def second_onglet_refuse(contexte: Contexte) -> None:
    """Le second « JE VOTE » est refusé : déjà voté."""
    onglet: Page = contexte.notes["onglet"]
    expect(onglet.locator("main")).to_contain_text(vocabulaire().vote.deja_vote)


@then("il voit ses scrutins")
def voit_ses_scrutins_de_vote(page: Page) -> None:
    """La page « Mes scrutins » du vote est affichée."""
    expect(PageScrutins(page).entete).to_be_visible()


@then("le vote lui est refusé car il n'est pas encore ouvert")
def refuse_pas_ouvert(page: Page) -> None:
    """La page du vote dit qu'il n'est pas encore ouvert, avec la date."""
    expect(page.get_by_role("alert")).to_contain_text(vocabulaire().vote.non_ouvert)


@then("le vote lui est refusé car il est clos")
def refuse_clos(page: Page) -> None:
    """La page du vote dit qu'il est clos."""
    expect(page.get_by_role("alert")).to_contain_text(vocabulaire().vote.clos)


@when("il clique sur JE VOTE")
def clique_je_vote(page: Page) -> None:
    """Depuis son espace électeur, clique sur « JE VOTE »."""
    PageEspaceElecteur(page).je_vote()


# After the count ---------------------------------------------------------------------


@when("le dépouillement a eu lieu")
def depouillement(crochets: Crochets) -> None:
    """Le bureau dépouille avec les fragments du portail de test (@crochets)."""
    assert crochets.depouiller()["concordant"], "bulletins et émargements ne concordent pas"


@when("il vérifie l'empreinte de son accusé de réception")
def verifie_empreinte(page: Page, contexte: Contexte) -> None:
    """Saisit l'empreinte de son dernier accusé sur la page « Vérifier mon vote »."""
    empreintes = contexte.notes.get("empreintes")
    assert empreintes, "aucun accusé de réception dans ce scénario"
    PageVerification(page).verifier(empreintes[-1])


@then("il retrouve l'empreinte de son accusé de réception parmi les bulletins comptés")
def retrouve_empreinte(page: Page, contexte: Contexte) -> None:
    """La page « Vérifier mon vote » trouve l'empreinte de son accusé."""
    empreintes = contexte.notes.get("empreintes")
    assert empreintes, "aucun accusé de réception dans ce scénario"
    ecran = PageVerification(page)
    ecran.verifier(empreintes[-1])
    expect(ecran.information).to_contain_text(vocabulaire().vote.bulletin_compte)
