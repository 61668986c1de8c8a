"""Steps shared by every section: who the voter is, what the page says, time passing."""

from __future__ import annotations

import secrets

from playwright.sync_api import Page, expect
from pytest_bdd import given, parsers, then, when

from steps.fixtures import Contexte
from steps.hooks_client import Electeur, TestHooks


@given("un électeur inscrit dont le compte est activé")
def electeur_active(contexte: Contexte, hooks: TestHooks) -> None:
    """A fresh voter with an Élections password and a challenge answer."""
    contexte.electeur = hooks.create_voter("actif")


@given("un électeur inscrit qui n'a pas encore de mot de passe Élections")
def electeur_nouveau(contexte: Contexte, hooks: TestHooks) -> None:
    """A fresh voter on the roll who never created an Élections password."""
    contexte.electeur = hooks.create_voter("nouveau")


@given("une adresse absente de la liste électorale")
def adresse_inconnue(contexte: Contexte, hooks: TestHooks) -> None:
    """A well-formed professional address that is on no roll."""
    email = f"personne.{secrets.token_hex(5)}@ac-reims.fr"
    contexte.electeur = Electeur(
        email=email, state="inconnu", password=None, question=None, answer=None
    )


@when(parsers.parse("{minutes:d} minutes passent"))
def le_temps_passe(hooks: TestHooks, minutes: int) -> None:
    """Move the portal's clock forward."""
    hooks.advance_clock(minutes * 60)


@when(parsers.parse('il clique sur "{texte}"'))
def clique_sur(page: Page, texte: str) -> None:
    """Click the link or button with this text."""
    page.get_by_role("link", name=texte).or_(
        page.get_by_role("button", name=texte, exact=True)
    ).first.click()


@then(parsers.parse('il voit le message d\'erreur "{texte}"'))
def voit_erreur(page: Page, texte: str) -> None:
    """An error block containing this text is shown."""
    expect(page.get_by_role("alert")).to_contain_text(texte)


@then(parsers.parse('il voit le message "{texte}"'))
def voit_message(page: Page, texte: str) -> None:
    """This text is shown somewhere on the page."""
    expect(page.get_by_text(texte).first).to_be_visible()


@then(parsers.parse('il voit le titre "{texte}"'))
def voit_titre(page: Page, texte: str) -> None:
    """A heading with this text is shown."""
    expect(page.get_by_role("heading", name=texte).first).to_be_visible()


@then(parsers.parse('il voit le lien "{texte}"'))
def voit_lien(page: Page, texte: str) -> None:
    """A link with this text is shown."""
    expect(page.get_by_role("link", name=texte).first).to_be_visible()
