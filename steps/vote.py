"""Steps of the vote itself: the voter, the scrutins, the candidate lists, a ballot, the
receipt and its proof, and the check of a receipt after the count (the code de vote and
the voting window have their own modules: code_vote.py, periode.py).

A receipt seen on the screen is noted (`Contexte.noter("vote")`): a list's ledger then
knows the account has voted.
"""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import parse_qsl, unquote_plus

import pytest
from playwright.sync_api import Page, expect
from pytest_bdd import given, then, when

from harnais.crochets import Crochets
from harnais.vocabulaire import vocabulaire
from steps.besoins import electeur_pour
from steps.contexte import Contexte
from steps.fixtures import Cible
from steps.pages import (
    PageAccuse,
    PageConfirmation,
    PageEspaceElecteur,
    PageListes,
    PageScrutins,
    PageVerification,
)
from steps.parcours import se_connecter

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


# Scrutins and lists ------------------------------------------------------------------


def _premier_scrutin(page: Page, contexte: Contexte) -> str:
    scrutins = PageScrutins(page)
    expect(scrutins.entete).to_be_visible()
    nom = contexte.notes.scrutin or (scrutins.a_voter.first.text_content() or "").strip()
    contexte.notes.scrutin = nom
    return nom


def _choisir(page: Page, contexte: Contexte, rang: int = 1) -> str:
    """Open the first scrutin still to vote and choose its list of that rank (1 = the
    first, wrapping round on a short ballot); return the list chosen."""
    nom = _premier_scrutin(page, contexte)
    PageScrutins(page).choisir(nom)
    listes = PageListes(page)
    expect(listes.listes.first).to_be_visible()
    noms = listes.noms()
    liste = noms[(rang - 1) % len(noms)]
    contexte.notes.valeur_liste = listes.groupe.get_by_label(liste, exact=True).get_attribute(
        "value"
    )
    listes.je_veux_voter(liste)
    contexte.notes.liste = liste
    return liste


def _confirmer(page: Page, contexte: Contexte) -> None:
    contexte.noter("envoi", "bulletin")  # a failure before the answer counts it cast
    PageConfirmation(page).je_vote()
    accuse = PageAccuse(page)
    expect(accuse.entete.or_(accuse.erreur).first).to_be_visible()
    if accuse.entete.is_visible():
        contexte.noter("vote")
        contexte.notes.empreintes.append(accuse.empreinte())
    else:
        contexte.noter("vu")


@when("il choisit une liste de son premier scrutin")
def choisit_une_liste(page: Page, contexte: Contexte) -> None:
    """Ouvre son premier scrutin, coche la deuxième liste et clique sur « JE VEUX VOTER »."""
    _choisir(page, contexte, rang=2)


@when("il modifie son choix pour une autre liste")
def modifie_son_choix(page: Page, contexte: Contexte) -> None:
    """« MODIFIER MON CHOIX », puis une autre liste et « JE VEUX VOTER »."""
    PageConfirmation(page).modifier()
    listes = PageListes(page)
    expect(listes.listes.first).to_be_visible()
    autre = next(n for n in listes.noms() if n != contexte.notes.liste_choisie())
    listes.je_veux_voter(autre)
    contexte.notes.liste = autre


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
        contexte.notes.scrutin = None
        _choisir(page, contexte, rang=rang)
        _confirmer(page, contexte)
        expect(PageAccuse(page).entete).to_be_visible()
        if rang < restants:
            PageAccuse(page).autre_scrutin()
    contexte.notes.votes = restants


@when("il valide sans avoir choisi de liste")
def valide_sans_choix(page: Page, contexte: Contexte) -> None:
    """Ouvre son premier scrutin et clique sur « JE VEUX VOTER » sans rien cocher."""
    nom = _premier_scrutin(page, contexte)
    PageScrutins(page).choisir(nom)
    PageListes(page).je_veux_voter(None)


@when("il ouvre la confirmation dans un second onglet")
def second_onglet(page: Page, contexte: Contexte) -> None:
    """Ouvre la même page de confirmation dans un second onglet du même navigateur."""
    onglet = PageConfirmation(page).dans_un_second_onglet()
    expect(onglet.bouton_je_vote).to_be_visible()
    contexte.notes.onglet = onglet.page


@when("il confirme aussi son vote dans le second onglet")
def confirme_second_onglet(contexte: Contexte) -> None:
    """Clique sur « JE VOTE » dans le second onglet, après le premier vote."""
    PageConfirmation(contexte.notes.second_onglet()).je_vote()


@when("il revient à la liste de ses scrutins")
def revient_scrutins(page: Page) -> None:
    """Ouvre la liste de ses scrutins."""
    PageScrutins(page).ouvrir()


@then("il voit les listes de candidats de ce scrutin")
def voit_les_listes(page: Page) -> None:
    """Plusieurs listes de candidats sont proposées, chacune avec son libellé."""
    listes = PageListes(page)
    expect(listes.listes.first).to_be_visible()
    assert listes.listes.count() >= 2, "un scrutin présente au moins deux listes"


@then("seule la liste choisie lui est présentée avant de voter")
def seule_la_liste_choisie(page: Page, contexte: Contexte) -> None:
    """La confirmation montre la liste choisie et aucun choix à cocher."""
    confirmation = PageConfirmation(page)
    expect(confirmation.contenu).to_contain_text(contexte.notes.liste_choisie())
    expect(confirmation.choix).to_have_count(0)
    expect(confirmation.bouton_je_vote).to_be_visible()


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
    expect(PageAccuse(page).contenu).not_to_contain_text(contexte.notes.liste_choisie())


@then("la preuve de vote téléchargée porte l'empreinte, jamais la liste choisie")
def preuve_sans_choix(page: Page, contexte: Contexte) -> None:
    """Le fichier téléchargé porte l'empreinte de l'accusé, pas la liste choisie."""
    accuse = PageAccuse(page)
    preuve = accuse.telecharger_preuve()
    assert accuse.empreinte() in preuve, preuve
    assert contexte.notes.liste_choisie() not in preuve, preuve


@then("ce scrutin est marqué comme voté et ne peut plus être choisi")
def scrutin_marque(page: Page, contexte: Contexte) -> None:
    """Sur la liste des scrutins, celui-ci porte « A voté » et n'est plus un lien."""
    scrutins = PageScrutins(page).ouvrir()
    nom = contexte.notes.scrutin_ouvert()
    expect(scrutins.ligne(nom)).to_contain_text(vocabulaire().vote.etat_a_vote)
    expect(scrutins.lien_scrutin(nom)).to_have_count(0)


@then("tous ses scrutins sont marqués comme votés")
def tous_marques(page: Page, contexte: Contexte) -> None:
    """Plus aucun scrutin à voter ; chacun porte « A voté »."""
    scrutins = PageScrutins(page).ouvrir()
    expect(scrutins.a_voter).to_have_count(0)
    expect(scrutins.marques_a_vote).to_have_count(contexte.notes.votes)


@then("le second onglet lui dit qu'il a déjà voté pour ce scrutin")
def second_onglet_refuse(contexte: Contexte) -> None:
    """Le second « JE VOTE » est refusé : déjà voté."""
    onglet = PageConfirmation(contexte.notes.second_onglet())
    expect(onglet.contenu).to_contain_text(vocabulaire().vote.deja_vote)


@then("il voit ses scrutins")
def voit_ses_scrutins_de_vote(page: Page) -> None:
    """La page « Mes scrutins » du vote est affichée."""
    expect(PageScrutins(page).entete).to_be_visible()


# What leaves the browser -------------------------------------------------------------


@given("ses requêtes sont observées")
def requetes_observees(page: Page, contexte: Contexte) -> None:
    """Chaque requête que la page envoie désormais est notée, avec son corps."""
    page.on("request", lambda requete: contexte.notes.requetes.append(requete))


@then("aucune requête n'a envoyé la liste choisie en clair")
def choix_jamais_en_clair(contexte: Contexte) -> None:
    """Aucun champ envoyé ne vaut la liste choisie ni la valeur de sa case ; aucun corps
    ni aucune adresse ne contient son libellé : le choix n'est parti que chiffré."""
    libelle, valeur = contexte.notes.liste_choisie(), contexte.notes.valeur_liste
    interdits = {libelle} | ({valeur} if valeur else set())
    envoyes = [r for r in contexte.notes.requetes if r.method == "POST"]
    assert envoyes, "aucun formulaire envoyé pendant le vote"
    for requete in contexte.notes.requetes:
        corps = requete.post_data or ""
        champs = parse_qsl(corps, keep_blank_values=True)
        fautifs = [nom for nom, v in champs if v in interdits]
        assert not fautifs, f"{requete.url} envoie le choix en clair : {fautifs}"
        assert libelle not in corps and libelle not in unquote_plus(requete.url), requete.url


# After the count ---------------------------------------------------------------------


@when("le dépouillement a eu lieu")
def depouillement(crochets: Crochets) -> None:
    """Après la clôture et son délai de grâce (horloge du portail avancée), le bureau
    dépouille avec les fragments du portail de test (@crochets)."""
    fenetre = crochets.fenetre_vote()
    crochets.aller_a(fenetre.cloture + fenetre.delai_grace + timedelta(minutes=1))
    assert crochets.depouiller()["concordant"], "bulletins et émargements ne concordent pas"


@when("il vérifie l'empreinte de son accusé de réception")
def verifie_empreinte(page: Page, contexte: Contexte) -> None:
    """Saisit l'empreinte de son dernier accusé sur la page « Vérifier mon vote »."""
    PageVerification(page).verifier(contexte.notes.derniere_empreinte())


@then("il retrouve l'empreinte de son accusé de réception parmi les bulletins comptés")
def retrouve_empreinte(page: Page, contexte: Contexte) -> None:
    """La page « Vérifier mon vote » trouve l'empreinte de son accusé."""
    ecran = PageVerification(page)
    ecran.verifier(contexte.notes.derniere_empreinte())
    expect(ecran.information).to_contain_text(vocabulaire().vote.bulletin_compte)
