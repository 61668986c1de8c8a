"""Bad input never breaks anything: every route of the portal, its test hooks and the mail
API driven with generated bad input (Hypothesis, strategies in tests/requetes_mechantes.py);
not one 5xx, not one exception in the log. The cases that once broke are kept one by one
in tests/test_robustesse_cas.py."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from starlette.routing import Route
from starlette.testclient import TestClient

from simulator import ReglesElection, Settings, create_app
from simulator.mailsink.api import create_mail_api
from simulator.mailsink.chaos import Chaos
from simulator.mailsink.store import MessageStore
from simulator.vote.scrutins_publics import sceller_essai
from simulator.web import hooks, screens
from simulator.web.sessions import COOKIE_NAME
from tests.conftest import Portail, csrf_of
from tests.requetes_mechantes import Cible, requete

# Generated requests per route and method in `make test`: bounded, so the suite stays
# quick; the database of examples (.hypothesis/) replays any failure first next time.
EXEMPLES_PAR_ROUTE = 60


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
        election=ReglesElection(
            ouverture_vote=0.0,
            cloture_vote=4e9,
            parametres=str(publication),
            fragments_test=str(tiers),
        ),
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
