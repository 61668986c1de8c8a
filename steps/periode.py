"""Steps of the voting window: open, not yet open, closed, the closing near; and what the
voter is told outside it. Moving the portal's clock takes its test hooks (@crochets);
against a recette portal, « le vote est ouvert » can only take the portal as it is.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from playwright.sync_api import Page, expect
from pytest_bdd import given, then, when

from harnais.crochets import Crochets
from harnais.vocabulaire import vocabulaire
from steps.fixtures import Cible
from steps.pages import PageEspaceElecteur

# The window --------------------------------------------------------------------------


@given("le vote est ouvert")
def vote_ouvert(request: pytest.FixtureRequest, cible: Cible) -> None:
    """Avec les points d'accès de test, l'horloge du portail est placée dans la période
    de vote si elle n'y est pas ; sans eux (recette), le portail visé doit avoir son vote
    ouvert : la page du vote le dira sinon."""
    if not cible.crochets:
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
