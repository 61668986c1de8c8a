"""Fail fast, say why (steps/diagnostic.py): a missing element fails within --attente-s,
naming what was searched and the closest accessible names on the page."""

from __future__ import annotations

import time

import pytest
from playwright.sync_api import Error, Page, expect

from steps.diagnostic import diagnostiquer, noms_accessibles

pytestmark = pytest.mark.navigateur

FORMULAIRE = """
<main>
  <h1>Connexion au vote</h1>
  <label for="i">Adresse académique</label><input id="i">
  <button>Se connecter</button>
  <a href="#">Retour</a>
</main>
"""


def test_a_missing_button_fails_within_the_wait_and_names_the_closest(page: Page) -> None:
    """A button the vocabulary calls « CONNEXION » on a portal that says « Se connecter »:
    the failure comes within the run's wait (5 s here, not 30) and names it."""
    page.set_content(FORMULAIRE)
    debut = time.monotonic()
    with pytest.raises(Error) as erreur:
        page.get_by_role("button", name="CONNEXION", exact=True).click()
    assert time.monotonic() - debut < 10
    diagnostic = diagnostiquer(str(erreur.value), noms_accessibles(page))
    assert diagnostic is not None
    assert 'get_by_role("button", name="CONNEXION", exact=True)' in diagnostic
    assert 'button "Se connecter"' in diagnostic


def test_a_missing_label_names_the_labels_present(page: Page) -> None:
    """A field searched by its label: the closest names include the field the page has."""
    page.set_content(FORMULAIRE)
    with pytest.raises(AssertionError) as erreur:
        expect(page.get_by_label("Adresse électronique")).to_be_visible(timeout=500)
    diagnostic = diagnostiquer(str(erreur.value), noms_accessibles(page))
    assert diagnostic is not None
    assert "« Adresse électronique »" in diagnostic
    assert 'textbox "Adresse académique"' in diagnostic


def test_a_failure_that_waited_for_nothing_gets_no_diagnostic() -> None:
    """A plain assertion (a count, a mail) is left as it is."""
    assert diagnostiquer("assert 3 == 4", [("button", "OK")]) is None


def test_a_role_searched_lists_the_elements_of_that_role() -> None:
    """A link searched by role: the links the page has are listed, whatever their name."""
    message = 'Call log:\n  - waiting for get_by_role("link", name="JE VOTE")'
    noeuds = [("link", "Voter maintenant"), ("link", "Aide"), ("heading", "Mon espace")]
    diagnostic = diagnostiquer(message, noeuds)
    assert diagnostic is not None
    assert 'Éléments « link » de la page : "Voter maintenant", "Aide"' in diagnostic


def test_nothing_close_lists_what_the_page_has() -> None:
    """When no name is close, the failure lists the named elements present instead."""
    message = 'Call log:\n  - waiting for get_by_label("Code de vote")'
    diagnostic = diagnostiquer(message, [("button", "OK"), ("heading", "Accueil")])
    assert diagnostic is not None
    assert "« Code de vote » : aucun" in diagnostic
    assert 'heading "Accueil"' in diagnostic
