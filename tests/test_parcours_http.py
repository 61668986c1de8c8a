"""The harness's one HTTP journey judges a screen by what it says, never by its status:
against a small portal of other habits (401 for a wrong password, a token of its own
name, a label that is not the field's name), served by a real app over the test client."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from harnais.erreurs_ecran import EcranInattendu
from harnais.navigation import navigation_httpx
from harnais.parcours_http import ParcoursHttp
from harnais.vocabulaire import vocabulaire

PAGE_MOT_DE_PASSE = """<html><head><title>Connexion</title></head><body>
<h1>Saisie du mot de passe Élections</h1>{erreur}
<form action="/session" method="post"><input type="hidden" name="__jeton" value="j42">
<label>Mot de passe Elections<input type="password" name="pwd"></label>
<button type="submit" name="go">CONNEXION</button></form></body></html>"""


async def _mot_de_passe(request: Request) -> HTMLResponse:
    return HTMLResponse(PAGE_MOT_DE_PASSE.format(erreur=""))


async def _session(request: Request) -> HTMLResponse:
    """Its own statuses: 401 for a wrong password, 429 when flooded (with a page that
    still looks like a success), 200 and the voter space otherwise."""
    champs = await request.form()
    if champs.get("__jeton") != "j42":
        return HTMLResponse("<title>Jeton</title><p>Jeton manquant</p>", status_code=403)
    if champs.get("pwd") == "inonde":
        return HTMLResponse("<title>Mon espace électeur</title><h1>Mon espace électeur</h1>", 429)
    if champs.get("pwd") != "bon":
        erreur = '<p role="alert">Identifiant ou mot de passe\n incorrect.</p>'
        return HTMLResponse(PAGE_MOT_DE_PASSE.format(erreur=erreur), status_code=401)
    return HTMLResponse("<title>Accueil</title><h1>Mon espace électeur</h1>")


@pytest.fixture
def parcours() -> Iterator[ParcoursHttp]:
    """The journey, checking every screen, on the small portal's password screen."""
    app = Starlette(
        routes=[Route("/mdp", _mot_de_passe), Route("/session", _session, methods=["POST"])]
    )
    with TestClient(app) as client:
        journee = ParcoursHttp(navigation_httpx(client), lambda: "0", vocabulaire())
        journee.ouvrir("/mdp", "mot de passe")
        yield journee


def test_a_wrong_password_is_recognised_by_its_words_whatever_the_status(
    parcours: ParcoursHttp,
) -> None:
    """The portal answers 401: the outcome expected is read on the screen, and the form of
    the re-shown screen (its own token name) serves the next try."""
    refus = parcours.mot_de_passe("faux", attendu=vocabulaire().messages.identifiants_incorrects)
    assert refus.statut == 401
    assert parcours.mot_de_passe("bon").montre("Mon espace électeur")


def test_the_wrong_outcome_is_named_with_the_missing_words_and_the_screen(
    parcours: ParcoursHttp,
) -> None:
    """Expecting the voter space and getting the refusal: the message names the words
    missing and the screen shown."""
    with pytest.raises(EcranInattendu, match=r"« Mon espace électeur » absent de l'écran "
                       r"« Connexion » \(statut 401\)"):  # fmt: skip
        parcours.mot_de_passe("faux")


def test_a_rate_limit_is_a_failure_even_when_the_page_looks_right(
    parcours: ParcoursHttp,
) -> None:
    """429 is reported as such, whatever the page shows."""
    with pytest.raises(EcranInattendu, match="trop de requêtes"):
        parcours.mot_de_passe("inonde")
