"""The encrypted vote in real Chromium against the reference portal: the page's module
derives the key from the code de vote, keeps the choice, builds the ballot. What leaves
the browser is intercepted; what the portal stores is read back; the receipt is found on
the public board at once and the proof of vote verifies."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

import httpx
import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Request, expect

from chiffrement.accuse import verifier_accuse
from chiffrement.bulletin import verifier_bulletin
from chiffrement.groupe import point_depuis_texte
from chiffrement.parametres import lire_parametres
from steps.reference import RunningPortal, start_reference_portal
from tests.conftest import Portail

pytestmark = pytest.mark.navigateur


@pytest.fixture
def portail(tmp_path: Path) -> Iterator[RunningPortal]:
    """A sealed reference portal, its vote open."""
    lance = start_reference_portal(tmp_path, ouverture_vote=0.0, cloture_vote=4e9)
    yield lance
    lance.stop()


@pytest.fixture
def connecte(browser: Browser, portail: RunningPortal) -> Iterator[tuple[Page, dict[str, Any]]]:
    """A voter logged in (by the HTTP journey), its session carried into a Chromium tab."""
    with httpx.Client(base_url=portail.url, follow_redirects=True) as client:
        acteur = Portail(client)
        electeur = acteur.creer_electeur("actif")
        acteur.login(electeur["email"], electeur["password"])
        cookies = [{"name": k, "value": v, "url": portail.url} for k, v in client.cookies.items()]
    contexte: BrowserContext = browser.new_context(base_url=portail.url, accept_downloads=True)
    contexte.add_cookies(cookies)  # type: ignore[arg-type]
    page = contexte.new_page()
    yield page, electeur
    contexte.close()


def _voter(page: Page, code: str, rang: int = 2) -> tuple[str, str, list[Request]]:
    """Code de vote, first scrutin, the list of that rank, JE VEUX VOTER, JE VOTE; return
    the list's label, its radio's value and every request the page made."""
    requetes: list[Request] = []
    page.on("request", lambda r: requetes.append(r))
    page.goto("/vote")
    page.get_by_label("Code de vote").fill(code)
    with page.expect_navigation():
        page.get_by_role("button", name="VALIDER").click()
    page.goto("/vote/scrutin/1")
    radio = page.get_by_role("radio").nth(rang - 1)
    libelle = page.locator(f"label[for='{radio.get_attribute('id')}']").inner_text().strip()
    valeur = radio.get_attribute("value") or ""
    radio.check()
    with page.expect_navigation():
        page.get_by_role("button", name="JE VEUX VOTER").click()
    expect(page.locator("#liste-choisie")).to_have_text(libelle)
    with page.expect_navigation():
        page.get_by_role("button", name="JE VOTE").click()
    expect(page.get_by_role("heading", name="Accusé de réception")).to_be_visible()
    return libelle, valeur, requetes


def _empreinte(page: Page) -> str:
    return page.locator("code.empreinte").inner_text().strip()


def test_le_choix_ne_quitte_le_navigateur_que_chiffre(
    connecte: tuple[Page, dict[str, Any]], portail: RunningPortal
) -> None:
    """No posted field equals the chosen list's value or label, no request carries the
    label, the code de vote is never posted; and nothing the portal stored (sessions,
    database file and its WAL) holds the label."""
    page, electeur = connecte
    libelle, valeur, requetes = _voter(page, electeur["code_vote"])
    postes = [r for r in requetes if r.method == "POST"]
    assert {r.url.split("/", 3)[3] for r in postes} >= {"vote", "vote/scrutin/1/confirmation"}
    for r in requetes:
        corps = r.post_data or ""
        champs = dict(parse_qsl(corps, keep_blank_values=True))
        assert valeur not in champs.values() and libelle not in champs.values(), (r.url, champs)
        assert libelle not in corps and libelle not in r.url, r.url
        assert electeur["code_vote"] not in corps and "code_vote" not in champs, champs
    assert set(dict(parse_qsl(postes[-1].post_data or "")).keys()) == {"csrf", "bulletin"}
    base = Path(portail.settings.db_path)
    for fichier in (base, base.with_name(base.name + "-wal")):
        if fichier.exists():
            assert libelle.encode() not in fichier.read_bytes(), fichier
    with sqlite3.connect(base) as conn:
        for (donnees,) in conn.execute("SELECT data FROM sessions"):
            assert libelle not in donnees and "choix" not in json.loads(donnees), donnees


def test_l_empreinte_de_l_accuse_est_au_tableau_et_la_preuve_est_signee(
    connecte: tuple[Page, dict[str, Any]], portail: RunningPortal
) -> None:
    """The receipt's fingerprint is on /tableau.json at once, its ballot verifies; the
    proof of vote is signed with the key the board's opening publishes, and refused for
    another fingerprint."""
    page, electeur = connecte
    _voter(page, electeur["code_vote"])
    empreinte = _empreinte(page)
    tableau = httpx.get(f"{portail.url}/tableau.json").json()["entrees"]
    document = httpx.get(f"{portail.url}/election/parametres.json").json()
    parametres = lire_parametres(document, tableau[0]["contenu"]["election_hash"])
    bulletins = [e for e in tableau if e["type"] == "bulletin"]
    trouvees = [
        e for e in bulletins if verifier_bulletin(parametres, e["contenu"]).empreinte == empreinte
    ]
    assert len(trouvees) == 1
    assert empreinte in httpx.get(f"{portail.url}/tableau", params={"empreinte": empreinte}).text
    with page.expect_download() as telechargement:
        page.get_by_role("link", name="Télécharger la preuve de vote").click()
    preuve = json.loads(Path(telechargement.value.path()).read_text(encoding="utf-8"))
    cle = point_depuis_texte(tableau[0]["contenu"]["cle_accuses"])
    accuse = verifier_accuse(preuve, cle)
    assert accuse["empreinte"] == empreinte and accuse["hauteur"] == trouvees[0]["hauteur"]
    autre = page.request.get(f"/vote/preuve?scrutin=1&empreinte={'0' * 64}")
    assert autre.status == 404
    preuve["accuse"]["empreinte"] = "0" * 64
    with pytest.raises(Exception, match="signature"):
        verifier_accuse(preuve, cle)


def test_des_parametres_echanges_sont_refuses_par_le_navigateur(
    connecte: tuple[Page, dict[str, Any]],
) -> None:
    """Parameters served with another key than the fingerprint shown: the page's module
    refuses them, says so, and posts nothing."""
    page, electeur = connecte

    def echanger(route: Any) -> None:
        reponse = route.fetch()
        document = reponse.json()
        document["nom"] = "Paramètres échangés"
        route.fulfill(response=reponse, body=json.dumps(document))

    page.route("**/election/parametres.json", echanger)
    postes: list[Request] = []
    page.on("request", lambda r: postes.append(r) if r.method == "POST" else None)
    page.goto("/vote")
    page.get_by_label("Code de vote").fill(electeur["code_vote"])
    page.get_by_role("button", name="VALIDER").click()
    expect(page.get_by_role("alert")).to_contain_text("paramètres de l'élection")
    assert not postes
    expect(page.locator("meta[name=election-empreinte]")).to_have_count(1)


def test_un_clic_fait_avant_que_le_module_tourne_n_est_pas_defait(
    connecte: tuple[Page, dict[str, Any]],
) -> None:
    """« MODIFIER MON CHOIX » on a slow device: the page shows its lists before its module
    runs and puts back the kept choice; a list clicked meanwhile stays the one chosen.
    (Seen in CI under load: the module undid the click and Playwright's `check` failed.)"""
    page, electeur = connecte
    page.goto("/vote")
    page.get_by_label("Code de vote").fill(electeur["code_vote"])
    with page.expect_navigation():
        page.get_by_role("button", name="VALIDER").click()
    page.goto("/vote/scrutin/1")
    page.get_by_role("radio").first.check()
    with page.expect_navigation():
        page.get_by_role("button", name="JE VEUX VOTER").click()
    # Back to the lists with the first kept, the page's module held back by the network.
    retenu: list[Any] = []
    page.route("**/static/vote.js*", lambda route: retenu.append(route))
    page.goto("/vote/scrutin/1", wait_until="commit")
    expect(page.get_by_role("radio").nth(1)).to_be_visible()
    page.wait_for_timeout(200)  # the network's delay: the page shows, its module has not run
    page.get_by_role("radio").nth(1).check()
    assert retenu, "le module de la page n'a pas été retenu"
    for route in retenu:
        route.continue_()
    page.wait_for_function("() => document.readyState === 'complete'")
    expect(page.get_by_role("radio").nth(1)).to_be_checked()
    expect(page.get_by_role("radio").first).not_to_be_checked()
