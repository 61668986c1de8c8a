"""Steps shared by every section: who the voter is, what the page says, time passing."""

from __future__ import annotations

import secrets

from playwright.sync_api import Page, expect
from pytest_bdd import given, parsers, then, when

from steps.fixtures import Contexte
from steps.hooks_client import Electeur, TestHooks


@given("un électeur inscrit dont le compte est activé")
def electeur_active(contexte: Contexte, hooks: TestHooks) -> None:
    """Crée un électeur neuf, avec mot de passe Élections et réponse au défi."""
    contexte.electeur = hooks.create_voter("actif")


@given("un électeur inscrit qui n'a pas encore de mot de passe Élections")
def electeur_nouveau(contexte: Contexte, hooks: TestHooks) -> None:
    """Crée un électeur neuf, inscrit, qui n'a jamais créé son mot de passe Élections."""
    contexte.electeur = hooks.create_voter("nouveau")


@given("une adresse absente de la liste électorale")
def adresse_inconnue(contexte: Contexte, hooks: TestHooks) -> None:
    """Une adresse professionnelle bien formée, absente de toute liste."""
    email = f"personne.{secrets.token_hex(5)}@ac-reims.fr"
    contexte.electeur = Electeur(
        email=email, state="inconnu", password=None, question=None, answer=None
    )


@when(parsers.parse("{minutes:d} minutes passent"))
def le_temps_passe(hooks: TestHooks, minutes: int) -> None:
    """Avance l'horloge du portail (point d'accès de test)."""
    hooks.advance_clock(minutes * 60)


@when(parsers.parse('il clique sur "{texte}"'))
def clique_sur(page: Page, texte: str) -> None:
    """Clique sur le lien ou le bouton portant ce texte."""
    page.get_by_role("link", name=texte).or_(
        page.get_by_role("button", name=texte, exact=True)
    ).first.click()


@then(parsers.parse('il voit le message d\'erreur "{texte}"'))
def voit_erreur(page: Page, texte: str) -> None:
    """Un message d'erreur contenant ce texte est affiché."""
    expect(page.get_by_role("alert")).to_contain_text(texte)


@then(parsers.parse('il voit le message "{texte}"'))
def voit_message(page: Page, texte: str) -> None:
    """Ce texte est affiché dans la page."""
    expect(page.get_by_text(texte).first).to_be_visible()


@then(parsers.parse('il voit le titre "{texte}"'))
def voit_titre(page: Page, texte: str) -> None:
    """Un titre portant ce texte est affiché."""
    expect(page.get_by_role("heading", name=texte).first).to_be_visible()


@then(parsers.parse('il voit le lien "{texte}"'))
def voit_lien(page: Page, texte: str) -> None:
    """Un lien portant ce texte est affiché."""
    expect(page.get_by_role("link", name=texte).first).to_be_visible()
