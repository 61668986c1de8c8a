"""The tiers portal keeps the guide's rules: otherwise a scenario passing against it would
prove nothing. Real SMTP to the project's sink; the portal in-process."""

from __future__ import annotations

import html
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

import httpx
import pytest
from starlette.testclient import TestClient

from fixtures.identifiants import deriver_identifiants
from simulator.mailsink import MailSink
from tests.portail_tiers import regles as r
from tests.portail_tiers.app import Reglages, creer_app
from tests.portail_tiers.magasin import Magasin

SECRET = "s"
ACTIF = "ada.lovelace@ac-paris.fr"
NOUVEAU = "alan.turing@ac-lyon.fr"
CODE = "97531"


class Page(Protocol):
    """What these tests read of a response (Starlette's TestClient or httpx's)."""

    @property
    def text(self) -> str:
        """The body, decoded."""
        ...


@pytest.fixture(scope="module")
def puits() -> Iterator[MailSink]:
    """The project's sink, playing the Mailpit."""
    sink = MailSink().start()
    yield sink
    sink.stop()


def _portail(tmp_path: Path, puits: MailSink, lien_minutes: float = 30) -> TestClient:
    liste = tmp_path / "liste.csv"
    entete = "civilite,nom,prenom,email,academie,corps,scrutins,etat\n"
    liste.write_text(
        entete
        + f"Mme,Lovelace,Ada,{ACTIF},Paris,Professeur certifié,CSA ministériel|CAPA,actif\n"
        + f"M.,Turing,Alan,{NOUVEAU},Lyon,Professeur agrégé,CSA ministériel,nouveau\n",
        encoding="utf-8",
    )
    magasin = Magasin(lien_minutes)
    magasin.charger(liste, SECRET)
    reglages = Reglages(CODE, "127.0.0.1", puits.smtp_port, lien_minutes)
    return TestClient(creer_app(reglages, magasin), base_url="http://127.0.0.1")


def _jeton(page: Page) -> str:
    trouve = re.search(r'name="jeton_formulaire" value="([^"]+)"', page.text)
    assert trouve, page.text
    return trouve.group(1)


def _identifie(client: TestClient, email: str) -> str:
    jeton = _jeton(client.get("/connexion/etape1"))
    page = client.post(
        "/connexion/etape1", data={"jeton_formulaire": jeton, "login": email, "code_image": CODE}
    )
    assert page.url.path == "/connexion/etape2"
    return jeton


def _alertes(page: Page) -> list[str]:
    return [html.unescape(m) for m in re.findall(r'role="alert"[^>]*>([^<]*)<', page.text)]


def test_cinq_mots_de_passe_faux_bloquent_meme_le_bon(tmp_path: Path, puits: MailSink) -> None:
    """401 for each of the first four, the lock at the fifth, then even the right one fails."""
    client = _portail(tmp_path, puits)
    jeton = _identifie(client, ACTIF)
    statuts = [
        client.post("/connexion/etape2", data={"jeton_formulaire": jeton, "pwd": "Faux-2026!x"})
        for _ in range(5)
    ]
    assert [s.status_code for s in statuts] == [401, 401, 401, 401, 403]
    assert _alertes(statuts[-1]) == [r.BLOQUE]
    bon = deriver_identifiants(ACTIF, SECRET).password
    refuse = client.post("/connexion/etape2", data={"jeton_formulaire": jeton, "pwd": bon})
    assert refuse.status_code == 403


def test_adresse_inconnue_meme_reponse(tmp_path: Path, puits: MailSink) -> None:
    """No enumeration: an unknown address and a wrong password read the same."""
    reponses = []
    for email in (ACTIF, "personne@ac-paris.fr"):
        client = _portail(tmp_path, puits)
        jeton = _identifie(client, email)
        page = client.post("/connexion/etape2", data={"jeton_formulaire": jeton, "pwd": "Xx-1"})
        reponses.append((page.status_code, _alertes(page)))
    assert reponses[0] == reponses[1] == (401, [r.IDENTIFIANTS_INCORRECTS])


def _lien_recu(client: TestClient, puits: MailSink) -> str:
    jeton = _identifie(client, NOUVEAU)
    assert client.post("/connexion/oubli", data={"jeton_formulaire": jeton}).status_code == 200
    for _ in range(50):
        trouves = httpx.get(f"{puits.api_url}/api/v1/search", params={"query": f"to:{NOUVEAU}"})
        if trouves.json()["messages"]:
            ident = trouves.json()["messages"][0]["ID"]
            texte = httpx.get(f"{puits.api_url}/api/v1/message/{ident}").json()["Text"]
            lien = re.search(r"http://\S+", texte)
            assert lien
            httpx.delete(f"{puits.api_url}/api/v1/messages")
            return lien.group(0)
        time.sleep(0.1)
    raise AssertionError("aucun mail de réassort")


def test_lien_expire_refuse(tmp_path: Path, puits: MailSink) -> None:
    """A link older than its validity is refused with 410 and its reason."""
    client = _portail(tmp_path, puits, lien_minutes=0.002)
    lien = _lien_recu(client, puits)
    time.sleep(0.2)
    page = client.get(lien)
    assert (page.status_code, _alertes(page)) == (410, [r.LIEN_EXPIRE])


def test_sans_activation_n_enregistre_rien(tmp_path: Path, puits: MailSink) -> None:
    """The password chosen then « ACCÈS SANS ACTIVATION » does not open the account later;
    one alert per broken rule on the way."""
    client = _portail(tmp_path, puits)
    page = client.get(_lien_recu(client, puits))
    jeton = _jeton(page)
    faux = client.post(
        "/compte/mot-de-passe",
        data={"jeton_formulaire": jeton, "pwd1": "école", "pwd2": "école", "code_image": CODE},
    )
    assert _alertes(faux) == [
        r.REGLE_LONGUEUR, r.REGLE_MAJUSCULE, r.REGLE_CHIFFRE, r.REGLE_SPECIAL, r.REGLE_EXCLUSIF,
    ]  # fmt: skip
    choisi = "Mon-Vote-Dec-2026"
    client.post(
        "/compte/mot-de-passe",
        data={"jeton_formulaire": jeton, "pwd1": choisi, "pwd2": choisi, "code_image": CODE},
    )
    espace = client.post(
        "/compte/activation", data={"jeton_formulaire": jeton, "sans_activation": "1"}
    )
    assert espace.url.path == "/electeur"
    client.post("/sortie", data={"jeton_formulaire": _jeton(espace)})
    jeton = _identifie(client, NOUVEAU)
    page = client.post("/connexion/etape2", data={"jeton_formulaire": jeton, "pwd": choisi})
    assert page.status_code == 401


@pytest.mark.parametrize(
    ("mot_de_passe", "enfreintes"),
    [
        ("Abcdefg-123", [r.REGLE_LONGUEUR]),
        ("A" * 120 + "b" * 130 + "-12345", []),
        ("A" * 120 + "b" * 130 + "-123456", [r.REGLE_LONGUEUR]),
        ("SANS-MINUSCULE-2026", [r.REGLE_MINUSCULE]),
        ("ÉCOLE-ÉTÉ-2026", [r.REGLE_MINUSCULE, r.REGLE_EXCLUSIF]),
        ("Mot de passe 2026!", [r.REGLE_EXCLUSIF]),
        ("Mon-Vote-Dec-2026", []),
    ],
)
def test_politique_du_guide(mot_de_passe: str, enfreintes: list[str]) -> None:
    """The guide's policy: 12 to 256 characters, each class, nothing else."""
    assert r.regles_enfreintes(mot_de_passe) == enfreintes


def test_le_portail_tiers_n_importe_rien_du_portail_de_reference() -> None:
    """A portal we did not build: nothing of `simulator` behind it."""
    code = (
        "import sys, tests.portail_tiers.__main__; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'simulator'))"
    )
    sortie = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True,
        cwd=Path(__file__).resolve().parents[2],
    )  # fmt: skip
    assert sortie.stdout.strip() == "[]"
