"""Test hooks (JSON over HTTP), mounted only with `--test-hooks`: voters, CAPTCHA, clock."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from simulator import comptes
from simulator.errors import RequeteInvalide
from simulator.sessions import Session
from simulator.storage.electeurs import electeur_par_email
from simulator.web import portal_of, with_session

ETATS_ELECTEUR = ("nouveau", "actif")


async def _json_body(request: Request) -> dict[str, Any]:
    try:
        body = json.loads(await request.body() or b"{}")
    except json.JSONDecodeError as exc:
        raise RequeteInvalide(f"Corps JSON invalide : {exc.msg}") from exc
    if not isinstance(body, dict):
        raise RequeteInvalide("Le corps doit être un objet JSON.")
    return body


def _refuse(message: str, status_code: int = 400) -> JSONResponse:
    return JSONResponse({"erreur": message}, status_code=status_code)


async def creer_electeur(request: Request) -> Response:
    """POST /__test__/voters: create a `nouveau` or `actif` voter and return its fields."""
    try:
        body = await _json_body(request)
    except RequeteInvalide as exc:
        return _refuse(exc.message)
    # « etat » is the field's name in the project's rule (French for the domain);
    # « state », its first name, is still accepted.
    if "etat" in body and "state" in body and body["etat"] != body["state"]:
        return _refuse("« etat » et « state » (ancien nom) disent deux états différents.")
    state = body.get("etat", body.get("state"))
    if state not in ETATS_ELECTEUR:
        return _refuse(f"« etat » doit valoir {' ou '.join(ETATS_ELECTEUR)}.")
    fields = {k: body.get(k) for k in ("email", "password", "question", "answer")}
    if any(v is not None and not isinstance(v, str) for v in fields.values()):
        return _refuse("email, password, question et answer sont des chaînes.")
    portal = portal_of(request)
    if fields["email"] and electeur_par_email(
        portal.db.reader(), comptes.normalise_identifiant(fields["email"])
    ):
        return _refuse("Un électeur porte déjà cette adresse.", status_code=409)
    created = await run_in_threadpool(
        lambda: comptes.creer_electeur(
            portal.db,
            portal.settings.hash_cost,
            state=state,
            email=fields["email"],
            password=fields["password"],
            question=fields["question"],
            answer=fields["answer"],
        )
    )
    return JSONResponse(asdict(created), status_code=201)


@with_session
async def captcha_answer(request: Request, session: Session) -> Response:
    """GET /__test__/captcha: the digits of the CAPTCHA last shown to this session."""
    code = session.get("captcha")
    if not isinstance(code, str):
        return _refuse("Aucun CAPTCHA n'a été affiché à cette session.", status_code=404)
    return JSONResponse({"answer": code})


async def clock(request: Request) -> Response:
    """GET returns the clock's offset; POST {"advance": SECONDS} moves it forward."""
    portal = portal_of(request)
    if request.method == "POST":
        try:
            body = await _json_body(request)
        except RequeteInvalide as exc:
            return _refuse(exc.message)
        advance = body.get("advance")
        if isinstance(advance, bool) or not isinstance(advance, int | float) or advance < 0:
            return _refuse("« advance » doit être un nombre de secondes positif.")
        offset = await run_in_threadpool(portal.clock.advance, float(advance))
    else:
        offset = portal.clock.offset()  # a memory read: no thread needed
    return JSONResponse({"offset": offset, "now": portal.clock.now()})


ROUTES: list[BaseRoute] = [
    Route("/__test__/voters", creer_electeur, methods=["POST"]),
    Route("/__test__/captcha", captcha_answer, methods=["GET"]),
    Route("/__test__/clock", clock, methods=["GET", "POST"]),
]
