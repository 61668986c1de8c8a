"""Fail fast, say why (steps/diagnostic.py): a missing element fails within --attente-s,
naming what was searched and the closest accessible names on the page."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from playwright.sync_api import Error, Page, expect

from steps.diagnostic import diagnostiquer, noms_accessibles

pytestmark = pytest.mark.navigateur
ROOT = Path(__file__).resolve().parent.parent

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


def test_a_scenario_s_failure_starts_with_the_assertion_and_its_diagnostic(
    tmp_path: Path,
) -> None:
    """A real scenario against the reference portal, with a vocabulary whose link does not
    exist: it fails in seconds, and the Cucumber JSON and JUnit messages start with the
    assertion and name the closest link, not the step's source."""
    vocabulaire = tmp_path / "faux.toml"
    vocabulaire.write_text('[liens]\nacceder = "ENTRER DANS LE PORTAIL"\n', encoding="utf-8")
    cucumber, junit = tmp_path / "cucumber.json", tmp_path / "junit.xml"
    resultat = subprocess.run(
        [sys.executable, "-m", "pytest", "features", "-p", "no:cacheprovider", "-n", "0",
         "-k", "entrée_du_portail_mène", "--vocabulaire", str(vocabulaire),
         "--cucumberjson", str(cucumber), "--junitxml", str(junit)],
        cwd=ROOT, capture_output=True, text=True, timeout=180,
    )  # fmt: skip
    assert resultat.returncode == 1, resultat.stdout[-3000:]
    messages = [
        etape["result"]["error_message"]
        for fonctionnalite in json.loads(cucumber.read_text(encoding="utf-8"))
        for element in fonctionnalite["elements"]
        for etape in element["steps"]
        if etape["result"].get("error_message")
    ]
    assert len(messages) == 1, messages
    assert messages[0].startswith("playwright._impl._errors.TimeoutError: Locator.click: Timeout")
    message = messages[0]
    proches = message.index("Noms accessibles les plus proches de « ENTRER DANS LE PORTAIL »")
    assert 'link "ACCÉDER AU PORTAIL ÉLECTIONS"' in message[proches:].split("\n", 1)[0]
    assert proches < message.index("fixturefunc")  # pytest-bdd's fixture source comes after
    assert "Timeout 5000ms" in junit.read_text(encoding="utf-8")
