"""Bad input never breaks anything: every route of the portal, its test hooks and the mail
API driven with generated bad input (Hypothesis); not one 5xx, not one exception in the
log. Then the cases that once broke, one by one, and a real server's connection that
outlives them."""

from __future__ import annotations

import json
import logging
import re
import socket
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from starlette.routing import Route
from starlette.testclient import TestClient

from simulator import Settings, create_app
from simulator.asgi.garde import TAILLE_MAX_CORPS
from simulator.asgi.server import ServerThread
from simulator.mailsink.api import create_mail_api
from simulator.mailsink.chaos import Chaos
from simulator.mailsink.store import MessageStore
from simulator.vote.scrutins_publics import sceller_essai
from simulator.web import hooks, screens
from simulator.web.sessions import COOKIE_NAME
from tests.conftest import Portail, csrf_of

# Generated requests per route and method in `make test`: bounded, so the suite stays
# quick; the database of examples (.hypothesis/) replays any failure first next time.
EXEMPLES_PAR_ROUTE = 60

CHAMPS = (
    "csrf", "identifiant", "captcha", "mot_de_passe", "confirmation", "question", "reponse",
    "confirmation_reponse", "action", "depuis", "code_vote", "liste", "empreinte",
)  # fmt: skip
PARAMETRES = (
    "jeton", "scrutin", "empreinte", "le", "deconnecte", "start", "limit", "query", "wait",
)  # fmt: skip
MECHANTS = (
    "", " ", "é", "１２３４５６", "٣٤٥", "NaN", "nan", "inf", "-inf", "1e999", "-1", "0",
    "9" * 400, "\x00", "%ff", "'; DROP TABLE voters;--", "<script>alert(1)</script>",
    "a" * 2000, "ZZZZ-ZZZZ-ZZZZ", "activer", "sans_activation", "nouveau_captcha",
    "mot-de-passe", "to:", "to:x@ac-reims.fr", "{}", "[]", "null",
)  # fmt: skip
TYPES = (
    None,
    "application/x-www-form-urlencoded",
    "application/json",
    "multipart/form-data; boundary=frontiere",
    "multipart/form-data",
    "text/plain; charset=latin-1",
    "application/octet-stream",
)

# Text that can travel in a URL or a form (no lone surrogates: they have no UTF-8).
texte = st.text(alphabet=st.characters(codec="utf-8"), max_size=60)
mechant = st.one_of(st.sampled_from(MECHANTS), texte)
json_mechant = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(min_value=-(10**30), max_value=10**30),
        st.floats(allow_nan=False, allow_infinity=False),
        mechant,
    ),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(texte, inner, max_size=4),
    max_leaves=8,
)


def formulaire(draw: st.DrawFn, csrf: str | None, presence: float) -> bytes:
    """Every field a screen may read, each present with that probability and a bad value;
    a few unknown names; now and then a field sent twice; the CSRF token if given."""
    paires = [
        (c, draw(mechant)) for c in CHAMPS if c != "csrf" and draw(st.floats(0, 1)) < presence
    ]
    paires += draw(st.lists(st.tuples(texte, mechant), max_size=2))
    if paires and draw(st.integers(0, 9)) == 0:
        paires.append(paires[0])
    if csrf is not None:
        paires.insert(0, ("csrf", csrf))
    return urlencode(paires).encode()


@st.composite
def corps(draw: st.DrawFn, csrf: str) -> tuple[bytes | None, str | None]:
    """Anything: a form (the session's CSRF token or not), JSON (NaN and infinities as
    Python writes them), raw bytes (not UTF-8), a body past the size limit, or none,
    under any content type."""
    genre = draw(st.sampled_from(["formulaire", "json", "octets", "enorme", "aucun"]))
    type_ = draw(st.sampled_from(TYPES))
    if genre == "formulaire":
        jeton = csrf if draw(st.booleans()) else None
        return formulaire(draw, jeton, 0.5), type_ or "application/x-www-form-urlencoded"
    if genre == "json":
        valeur = draw(json_mechant | st.sampled_from([float("nan"), float("inf"), 1e308]))
        return json.dumps(valeur).encode(), type_
    if genre == "octets":
        return draw(st.binary(max_size=300)), type_
    if genre == "enorme":
        return b"a=" + b"x" * (TAILLE_MAX_CORPS + 10), type_
    return None, type_


@dataclass(frozen=True)
class Cible:
    """An app under test, and the cookies and CSRF token of a session it knows."""

    client: TestClient
    cookies: dict[str, str]
    csrf: str


def _par_methode(routes: list[Any]) -> list[tuple[str, str, bool]]:
    """(path, method, whether the path also answers GET) for every route of a table."""
    paires = []
    for route in routes:
        if isinstance(route, Route):
            methodes = sorted((route.methods or {"GET"}) - {"HEAD"})
            paires += [(route.path, m, "GET" in methodes) for m in methodes]
    return paires


# The real route tables: a route added tomorrow is driven too.
ROUTES_PORTAIL = [
    *_par_methode([*screens.ROUTES, *hooks.ROUTES]),
    ("/static/portail.css", "GET", True),
    ("/identification", "PUT", True),  # a method the route does not take
]
ROUTES_MAIL = _par_methode(create_mail_api(MessageStore(), Chaos()).routes)


@pytest.fixture(scope="module")
def portail(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cible]:
    """A sealed reference portal with test hooks, its vote open, a voter logged in with
    the code de vote accepted: the generated requests reach the deep screens too."""
    dossier = tmp_path_factory.mktemp("robustesse")
    publication, tiers = sceller_essai(dossier)
    reglages = Settings(
        db_path=dossier / "p.sqlite3",
        test_hooks=True,
        hash_cost="fast",
        outbox_enabled=False,
        # Thousands of wrong CAPTCHAs from one address are what this test sends: the
        # limits per address are another test's business (test_foules.py).
        captcha_failures_per_window=0,
        posts_per_minute=0,
        ouverture_vote=0.0,
        cloture_vote=4e9,
        parametres=str(publication),
        fragments_test=str(tiers),
    )
    with TestClient(
        create_app(reglages), raise_server_exceptions=False, follow_redirects=True
    ) as client:
        pas_a_pas = Portail(client)
        electeur = pas_a_pas.creer_electeur("actif")
        pas_a_pas.login(electeur["email"], electeur["password"])
        page = pas_a_pas.ouvrir_vote(electeur["code_vote"])
        assert "Mes scrutins" in page.text
        cookies = {COOKIE_NAME: client.cookies[COOKIE_NAME]}
        csrf = csrf_of(client.get("/vote/scrutin/1/confirmation").text)
        client.cookies.clear()
        yield Cible(client, cookies, csrf)


@pytest.fixture(scope="module")
def api_mail() -> Iterator[Cible]:
    """The sink's mail API over an empty store (nothing to log in: no cookie, no CSRF)."""
    with TestClient(create_mail_api(MessageStore(), Chaos()), raise_server_exceptions=False) as c:
        yield Cible(c, {}, "")


@st.composite
def requete(
    draw: st.DrawFn, cible: Cible, chemin: str, methode: str, avec_get: bool
) -> dict[str, Any]:
    """One bad request for this route and method of the target."""
    chemin = re.sub(
        r"\{[^}]+\}",
        lambda _: str(draw(st.integers(min_value=0, max_value=10**25))),
        chemin,
    )
    parametres = draw(st.lists(st.tuples(st.sampled_from(PARAMETRES) | texte, mechant), max_size=4))
    if bool(cible.cookies) and draw(st.booleans()):
        # Half the requests come as from the voter's own browser: logged in, the page
        # loaded first (its CAPTCHA drawn, its step reached), the form with its CSRF
        # token and nearly every field, each with a bad value. They get past the CSRF
        # check to the rules behind it.
        return {
            "method": methode,
            "url": chemin,
            "params": parametres,
            "content": formulaire(draw, cible.csrf, 0.9) if methode != "GET" else None,
            "headers": {
                "content-type": "application/x-www-form-urlencoded",
                "cookie": "; ".join(f"{k}={v}" for k, v in cible.cookies.items()),
            },
            "avant": avec_get and methode != "GET",
        }
    contenu, type_ = draw(corps(cible.csrf))
    entetes: dict[str, str] = {}
    if type_ is not None:
        entetes["content-type"] = type_
    cookie = draw(st.sampled_from(["aucun", "session", "session", "session", "bidon", "enorme"]))
    if cookie == "session" and cible.cookies:
        entetes["cookie"] = "; ".join(f"{k}={v}" for k, v in cible.cookies.items())
    elif cookie == "bidon":
        entetes["cookie"] = f"{COOKIE_NAME}=%ff%00;;=;{COOKIE_NAME}=x"
    elif cookie == "enorme":
        entetes["cookie"] = f"{COOKIE_NAME}=" + "a" * 8000
    return {
        "method": methode,
        "url": chemin,
        "params": parametres,
        "content": contenu,
        "headers": entetes,
        # As a browser would: the form's page loaded first (its CAPTCHA drawn, its step
        # reached), then the bad post.
        "avant": avec_get and methode != "GET" and draw(st.booleans()),
    }


def _sans_erreur(cible: Cible, demande: dict[str, Any], caplog: pytest.LogCaptureFixture) -> None:
    caplog.clear()
    cible.client.cookies.clear()
    demande = dict(demande)
    if demande.pop("avant"):
        cookie = demande["headers"].get("cookie", "")
        page = cible.client.get(demande["url"], headers={"cookie": cookie})
        assert page.status_code < 500, (demande["url"], page.status_code)
        cible.client.cookies.clear()
    reponse = cible.client.request(**demande)
    erreurs = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert reponse.status_code < 500, (demande, reponse.status_code, reponse.text[:300])
    assert not erreurs, (demande, [r.getMessage() for r in erreurs])


REGLAGES = settings(
    max_examples=EXEMPLES_PAR_ROUTE,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.mark.parametrize(
    ("chemin", "methode", "avec_get"),
    ROUTES_PORTAIL,
    ids=[f"{m} {p}" for p, m, _ in ROUTES_PORTAIL],
)
@REGLAGES
@given(data=st.data())
def test_no_bad_request_breaks_the_portal(
    portail: Cible,
    caplog: pytest.LogCaptureFixture,
    chemin: str,
    methode: str,
    avec_get: bool,
    data: st.DataObject,
) -> None:
    """Every route and method: any query, body, content type and cookie gets a 4xx at
    worst, and nothing in the log."""
    _sans_erreur(portail, data.draw(requete(portail, chemin, methode, avec_get)), caplog)


@pytest.mark.parametrize(
    ("chemin", "methode", "avec_get"), ROUTES_MAIL, ids=[f"{m} {p}" for p, m, _ in ROUTES_MAIL]
)
@REGLAGES
@given(data=st.data())
def test_no_bad_request_breaks_the_mail_api(
    api_mail: Cible,
    caplog: pytest.LogCaptureFixture,
    chemin: str,
    methode: str,
    avec_get: bool,
    data: st.DataObject,
) -> None:
    """The same for the sink's Mailpit-compatible API."""
    _sans_erreur(api_mail, data.draw(requete(api_mail, chemin, methode, avec_get)), caplog)


# The cases that broke before, each kept as a plain test ---------------------------------


def _identification(portail: Cible, captcha: str) -> Any:
    client = portail.client
    client.cookies.clear()
    page = client.get("/identification")
    return client.post(
        "/identification",
        data={"csrf": csrf_of(page.text), "identifiant": "a@ac-reims.fr", "captcha": captcha},
    )


@pytest.mark.parametrize("captcha", ["é", "٣٤٥٦٧٨", "x" * 1024])
def test_a_captcha_in_other_characters_is_just_wrong(portail: Cible, captcha: str) -> None:
    """Letters, accents, Arabic-Indic digits: « ne correspondent pas », the form again."""
    reponse = _identification(portail, captcha)
    assert reponse.status_code == 400 and "ne correspondent pas" in reponse.text


def test_full_width_digits_are_the_digits_they_show(portail: Cible) -> None:
    """« １２３ » typed on a full-width keyboard is read as 123 (NFKC)."""
    client = portail.client
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
    portail: Cible, contenu: bytes, type_: str, statut: int, motif: str
) -> None:
    """Not UTF-8, broken multipart, too large, a field twice: a 4xx page in French."""
    portail.client.cookies.clear()
    reponse = portail.client.post(
        "/identification", content=contenu, headers={"content-type": type_}
    )
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
    api_mail: Cible, methode: str, chemin: str, corps_json: bytes | None, motif: str
) -> None:
    """Bad query parameters and bad JSON: 400 with what is wrong, in French."""
    reponse = api_mail.client.request(methode, chemin, content=corps_json)
    assert reponse.status_code == 400 and motif in reponse.text, reponse.text


def test_the_clock_hook_refuses_infinite_and_unreadable_moves(portail: Cible) -> None:
    """`advance` of 1e999 (infinity), NaN, or an instant without its time zone: 400."""
    for corps_brut in (b'{"advance": 1e999}', b'{"advance": NaN}', b'{"aller_a": "demain"}'):
        reponse = portail.client.post("/__test__/clock", content=corps_brut)
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
