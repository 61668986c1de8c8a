"""Fail fast, say why (steps/diagnostic.py): a missing element fails within --attente-s,
naming what was searched and the closest accessible names on the page."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import Error, Page, expect

from harnais.vocabulaire import utiliser
from steps.diagnostic import diagnostiquer, noms_accessibles, sans_repetition

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


ALERTES = """
<main><h1>Identification</h1>
  <div role="alert"><p>Les chiffres recopiés
     diffèrent de ceux de l'image</p></div>
  <p role="alert">Saisissez votre identifiant.</p>
  <label>CAPTCHA <input></label></main>
"""


def test_the_alerts_of_the_page_are_listed_by_their_text(page: Page) -> None:
    """A message key whose words are not the portal's: the alerts the page does show are
    listed by their text (an alert has no accessible name), the closest first."""
    page.set_content(ALERTES)
    with pytest.raises(AssertionError) as erreur:
        alerte = page.get_by_role("alert").filter(has_text="ne correspondent pas").first
        expect(alerte).to_be_visible(timeout=300)
    diagnostic = diagnostiquer(str(erreur.value), noms_accessibles(page))
    assert diagnostic is not None
    assert (
        'Éléments « alert » de la page : "Les chiffres recopiés diffèrent de ceux de '
        'l\'image", "Saisissez votre identifiant."'
    ) in diagnostic
    assert "Noms accessibles les plus proches de « ne correspondent pas »" in diagnostic
    assert "Clé du vocabulaire : [messages] captcha_errone" in diagnostic


class _PortailLent(BaseHTTPRequestHandler):
    """A form whose answer (a page with an alert) takes 3 s to come."""

    def do_GET(self) -> None:
        self._page('<form method="post"><button>CONNEXION</button></form>')

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        time.sleep(3)
        self._page('<div role="alert">Les chiffres recopiés diffèrent</div>')

    def _page(self, corps: str) -> None:
        contenu = f"<!doctype html><html lang=fr><title>t</title><main>{corps}</main>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.end_headers()
        self.wfile.write(contenu.encode())

    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""


@pytest.fixture
def portail_lent() -> Iterator[str]:
    """The slow form above, on a free port of 127.0.0.1."""
    serveur = ThreadingHTTPServer(("127.0.0.1", 0), _PortailLent)
    threading.Thread(target=serveur.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{serveur.server_address[1]}/"
    serveur.shutdown()


def test_the_diagnosis_reads_the_answer_a_short_wait_did_not_see(
    page: Page, portail_lent: str
) -> None:
    """A wait shorter than the portal's answer (--attente-s 2 on a slow form): the
    listing describes the answer page, with its alert, not the form being left."""
    page.goto(portail_lent)
    # Sent as a script would (a click would wait for the answer to start): the failure
    # below then comes while the answer is still on its way.
    page.get_by_role("button", name="CONNEXION").evaluate("b => b.form.requestSubmit(b)")
    with pytest.raises(AssertionError) as erreur:
        expect(page.get_by_role("alert").filter(has_text="xyz").first).to_be_visible(timeout=200)
    diagnostic = diagnostiquer(str(erreur.value), noms_accessibles(page))
    assert diagnostic is not None
    assert 'Éléments « alert » de la page : "Les chiffres recopiés diffèrent"' in diagnostic


def test_a_label_of_a_portal_s_file_names_its_key_and_where_it_comes_from(
    tmp_path: Path,
) -> None:
    """A label searched as the page objects search fields (the « * » tolerated) is traced
    to its vocabulary key, and told apart: given by the file, or reprised."""
    fichier = tmp_path / "recette.toml"
    fichier.write_text('[champs]\nidentifiant = "Courriel"\n', encoding="utf-8")
    champ = 'Call log:\n  - waiting for get_by_label(re.compile(r"^\\s*Courriel\\s*\\*?\\s*$"))'
    lien = 'Call log:\n  - waiting for get_by_role("link", name="AIDE/FAQ")'
    try:
        utiliser(fichier)
        donne, repris = diagnostiquer(champ, []), diagnostiquer(lien, [])
    finally:
        utiliser(None)
    assert donne is not None and repris is not None
    assert f"Clé du vocabulaire : [champs] identifiant (valeur donnée par {fichier})" in donne
    assert "Clé du vocabulaire : [liens] aide ou [titres] aide (valeur reprise" in repris
    assert f"absente de {fichier})" in repris


def test_the_closing_lines_that_repeat_the_message_are_dropped() -> None:
    """The report puts the message first; its `E` copy at the end of the traceback goes."""
    message = "TimeoutError: click\nCherché : x"
    trace = "    code()\nE   TimeoutError: click\nE   \nE   Cherché : x\nE   autre\nf.py:3: Err"
    assert sans_repetition(trace, message) == "    code()\nE   autre\nf.py:3: Err"
