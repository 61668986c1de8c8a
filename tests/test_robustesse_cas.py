"""The bad inputs that once broke the portal or the mail API, each kept as a plain test,
and a real server's keep-alive connection that outlives them. The generated ones are in
tests/test_robustesse.py."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from simulator import Settings, create_app
from simulator.asgi.garde import TAILLE_MAX_CORPS
from simulator.asgi.server import ServerThread
from simulator.mailsink.api import create_mail_api
from simulator.mailsink.chaos import Chaos
from simulator.mailsink.store import MessageStore
from tests.conftest import csrf_of


@pytest.fixture(scope="module")
def portail(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """A reference portal with test hooks (its CAPTCHA answer, its clock), no limit per
    address: these cases send wrong CAPTCHAs from one address on purpose."""
    reglages = Settings(
        db_path=tmp_path_factory.mktemp("robustesse-cas") / "p.sqlite3",
        test_hooks=True,
        hash_cost="fast",
        outbox_enabled=False,
        captcha_failures_per_window=0,
        posts_per_minute=0,
    )
    with TestClient(
        create_app(reglages), raise_server_exceptions=False, follow_redirects=True
    ) as client:
        yield client


@pytest.fixture(scope="module")
def api_mail() -> Iterator[TestClient]:
    """The sink's mail API over an empty store."""
    with TestClient(create_mail_api(MessageStore(), Chaos()), raise_server_exceptions=False) as c:
        yield c


def _identification(client: TestClient, captcha: str) -> Any:
    """Post the identification form (its CSRF token read from the page) with `captcha`."""
    client.cookies.clear()
    page = client.get("/identification")
    return client.post(
        "/identification",
        data={"csrf": csrf_of(page.text), "identifiant": "a@ac-reims.fr", "captcha": captcha},
    )


@pytest.mark.parametrize("captcha", ["é", "٣٤٥٦٧٨", "x" * 1024])
def test_a_captcha_in_other_characters_is_just_wrong(portail: TestClient, captcha: str) -> None:
    """Letters, accents, Arabic-Indic digits: « ne correspondent pas », the form again."""
    reponse = _identification(portail, captcha)
    assert reponse.status_code == 400 and "ne correspondent pas" in reponse.text


def test_full_width_digits_are_the_digits_they_show(portail: TestClient) -> None:
    """« １２３ » typed on a full-width keyboard is read as 123 (NFKC)."""
    client = portail  # the CAPTCHA drawn for this client's session
    client.cookies.clear()
    page = client.get("/identification")
    attendu = client.get("/__test__/captcha").json()["answer"]
    plein = "".join(chr(ord(c) + 0xFEE0) for c in attendu)
    reponse = client.post(
        "/identification",
        data={"csrf": csrf_of(page.text), "identifiant": "a@ac-reims.fr", "captcha": plein},
    )
    assert reponse.url.path == "/mot-de-passe", reponse.text[:300]


@pytest.mark.parametrize(
    ("contenu", "type_", "statut", "motif"),
    [
        (b"csrf=x&identifiant=\xff\xfe&captcha=1", "application/x-www-form-urlencoded", 400, ""),
        (b"--frontiere\r\ncass\xc3\xa9", "multipart/form-data; boundary=frontiere", 400, ""),
        (b"a=" + b"x" * (TAILLE_MAX_CORPS + 1), "application/x-www-form-urlencoded", 413, ""),
        (b"identifiant=a&identifiant=b", "application/x-www-form-urlencoded", 400, ""),
    ],
    ids=["pas-utf8", "multipart-casse", "trop-grand", "champ-repete"],
)
def test_unreadable_forms_are_refused_in_french(
    portail: TestClient, contenu: bytes, type_: str, statut: int, motif: str
) -> None:
    """Not UTF-8, broken multipart, too large, a field twice: a 4xx page in French."""
    portail.cookies.clear()
    reponse = portail.post("/identification", content=contenu, headers={"content-type": type_})
    assert reponse.status_code == statut
    assert 'lang="fr"' in reponse.text


@pytest.mark.parametrize(
    ("methode", "chemin", "corps_json", "motif"),
    [
        ("GET", "/api/v1/messages?start=abc", None, "start"),
        ("GET", "/api/v1/messages?limit=-1", None, "limit"),
        ("DELETE", "/api/v1/messages", b"{pas du json", "JSON invalide"),
        ("DELETE", "/api/v1/messages", b'{"IDs": 3}', "IDs"),
        ("PUT", "/api/v1/chaos", b"[1, 2]", "objet"),
        ("PUT", "/api/v1/chaos", b'{"DelaySeconds": 1e999}', "DelaySeconds"),
    ],
    ids=["start", "limit", "json-casse", "ids", "chaos-liste", "chaos-infini"],
)
def test_the_mail_api_refuses_bad_parameters_with_a_400(
    api_mail: TestClient, methode: str, chemin: str, corps_json: bytes | None, motif: str
) -> None:
    """Bad query parameters and bad JSON: 400 with what is wrong, in French."""
    reponse = api_mail.request(methode, chemin, content=corps_json)
    assert reponse.status_code == 400 and motif in reponse.text, reponse.text


def test_the_clock_hook_refuses_infinite_and_unreadable_moves(portail: TestClient) -> None:
    """`advance` of 1e999 (infinity), NaN, or an instant without its time zone: 400."""
    for corps_brut in (b'{"advance": 1e999}', b'{"advance": NaN}', b'{"aller_a": "demain"}'):
        reponse = portail.post("/__test__/clock", content=corps_brut)
        assert reponse.status_code == 400, corps_brut


def test_a_real_server_keeps_the_connection_after_bad_requests(tmp_path: Path) -> None:
    """Over one keep-alive connection to uvicorn: bad requests, then a good one, all
    answered on the same socket (nothing dropped)."""
    serveur = ServerThread()
    reglages = Settings(db_path=tmp_path / "p.sqlite3", hash_cost="fast", outbox_enabled=False)
    serveur.start(create_app(reglages))
    try:
        hote, port = serveur.url.removeprefix("http://").split(":")
        with socket.create_connection((hote, int(port)), timeout=10) as prise:
            fichier = prise.makefile("rb")
            formulaire = b"captcha=\xc3\xa9&x=\xff\xfe&x=2"
            for demande in (
                b"POST /identification HTTP/1.1\r\nHost: x\r\nContent-Type: "
                b"application/x-www-form-urlencoded\r\nContent-Length: "
                + str(len(formulaire)).encode()
                + b"\r\n\r\n"
                + formulaire,
                b"GET /vote/preuve?scrutin=1&le=nan HTTP/1.1\r\nHost: x\r\n"
                b"Cookie: session_electeur=" + b"z" * 4000 + b"\r\n\r\n",
                b"GET /reassort/lien?jeton=%ff%00 HTTP/1.1\r\nHost: x\r\n\r\n",
                b"GET / HTTP/1.1\r\nHost: x\r\n\r\n",
            ):
                prise.sendall(demande)
                statut = fichier.readline()
                assert statut.startswith(b"HTTP/1.1 "), statut
                assert int(statut.split()[1]) < 500, statut
                longueur = 0
                while (ligne := fichier.readline()) not in (b"\r\n", b""):
                    nom, _, valeur = ligne.partition(b":")
                    if nom.lower() == b"content-length":
                        longueur = int(valeur)
                    assert not (nom.lower() == b"connection" and b"close" in valeur.lower())
                fichier.read(longueur)
    finally:
        serveur.stop()
