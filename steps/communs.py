"""Steps shared by every section: who the voter is, what the page says, time passing."""

from __future__ import annotations

import secrets

import pytest
from playwright.sync_api import Page, expect
from pytest_bdd import given, parsers, then, when

from harnais.comptes import Electeur
from harnais.crochets import Crochets
from harnais.vocabulaire import vocabulaire
from steps.besoins import electeur_pour
from steps.contexte import Contexte
from steps.electeurs import ParCrochets
from steps.fixtures import REGISTRE
from steps.libelles import libelle, message
from steps.pages._base import Ecran


@given("un électeur inscrit dont le compte est activé")
def electeur_active(request: pytest.FixtureRequest, contexte: Contexte) -> None:
    """Un électeur dont le mot de passe Élections est connu : créé par le point d'accès
    de test, ou pris dans la liste de comptes ; si la liste n'a plus de compte activé,
    un autre compte est activé d'abord par le mail de réassort (steps/besoins.py)."""
    electeur_pour(request, contexte, "actif")


@given("un électeur inscrit qui n'a pas encore de mot de passe Élections")
def electeur_nouveau(request: pytest.FixtureRequest, contexte: Contexte) -> None:
    """Un électeur inscrit qui n'a jamais créé son mot de passe Élections (compte neuf,
    jamais utilisé)."""
    electeur_pour(request, contexte, "nouveau")


@given("une adresse absente de la liste électorale")
def adresse_inconnue(request: pytest.FixtureRequest, contexte: Contexte) -> None:
    """Une adresse bien formée, sur le domaine des électeurs visés, absente de toute liste."""
    registre = request.config.stash[REGISTRE]
    domaine = registre.domaine if registre is not None else ParCrochets.domaine
    email = f"personne.{secrets.token_hex(5)}@{domaine}"
    contexte.electeur = Electeur(
        email=email, state="inconnu", password=None, question=None, answer=None
    )


@when(parsers.parse("{minutes:d} minutes passent"))
def le_temps_passe(crochets: Crochets, minutes: int) -> None:
    """Avance l'horloge du portail (point d'accès de test : scénario @crochets)."""
    crochets.avancer_horloge(minutes * 60)


@when(parsers.parse('il clique sur "{texte}"'))
def clique_sur(page: Page, texte: str) -> None:
    """Clique sur le lien ou le bouton portant ce texte du guide (ou ce que le vocabulaire
    du portail met à sa place)."""
    nom = libelle(texte, "liens", "boutons")
    page.get_by_role("link", name=nom).or_(
        page.get_by_role("button", name=nom, exact=True)
    ).first.click()


@then(parsers.parse('il voit le message d\'erreur "{texte}"'))
def voit_erreur(page: Page, texte: str) -> None:
    """Une alerte (il peut y en avoir une par règle enfreinte) dit ce message : une clé
    de [messages] du vocabulaire, ou les mots du guide."""
    expect(Ecran(page).alerte(message(texte))).to_be_visible()


@then(parsers.parse('il voit le message "{texte}"'))
def voit_message(page: Page, texte: str) -> None:
    """Ce message (clé de [messages] ou mots du guide) est affiché dans la page."""
    expect(page.get_by_text(message(texte)).first).to_be_visible()


@then(parsers.parse('il voit le titre "{texte}"'))
def voit_titre(page: Page, texte: str) -> None:
    """Ce titre du guide est affiché : un titre de la page, ou tout texte visible, car le
    guide ne dit pas quel élément le porte."""
    nom = libelle(texte, "titres")
    expect(page.get_by_role("heading", name=nom).or_(page.get_by_text(nom)).first).to_be_visible()


@then("il voit le titre de l'élection")
def voit_titre_election(page: Page) -> None:
    """Le titre de l'élection (« Elections professionnelles 2022 » sur la capture du guide)
    tel que ce déploiement le porte : une valeur du vocabulaire, pas un mot du guide, car
    l'année change d'une élection à l'autre."""
    nom = vocabulaire().titres.election
    expect(page.get_by_role("heading", name=nom).or_(page.get_by_text(nom)).first).to_be_visible()


@then(parsers.parse('il voit le lien "{texte}"'))
def voit_lien(page: Page, texte: str) -> None:
    """Un lien portant ce texte du guide (ou ce que le vocabulaire met à sa place)."""
    expect(page.get_by_role("link", name=libelle(texte, "liens")).first).to_be_visible()
