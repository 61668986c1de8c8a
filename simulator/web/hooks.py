"""Test hooks (JSON over HTTP), mounted only with `--test-hooks`: voters (with their public
credential), CAPTCHA, clock, the voting window, and a count with the test portal's own
trustees' keys."""

from __future__ import annotations

import json
import tempfile
from dataclasses import asdict
from datetime import datetime
from pathlib import Path
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from simulator.acces import comptes
from simulator.errors import RequeteInvalide
from simulator.settings import PARIS
from simulator.storage.electeurs import electeur_par_email
from simulator.vote.credentials import inscrire_code
from simulator.vote.depouillement import DepouillementRefuse, depouiller_election
from simulator.web.portal import portal_of, with_session
from simulator.web.sessions import Session

ETATS_ELECTEUR = ("nouveau", "actif")
# An address has at most 254 characters; a password of the policy, 256.
LONGUEUR_MAX = 256


async def _json_body(request: Request) -> dict[str, Any]:
    try:
        body = json.loads(await request.body() or b"{}")
    except (ValueError, RecursionError) as exc:
        # ValueError covers bad JSON and a body that is not UTF-8 at all.
        raise RequeteInvalide("Corps JSON invalide : un objet JSON en UTF-8 est attendu.") from exc
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
    fields = {k: body.get(k) for k in ("email", "password", "question", "answer", "code_vote")}
    if any(v is not None and not isinstance(v, str) for v in fields.values()):
        return _refuse("email, password, question, answer et code_vote sont des chaînes.")
    if any(v is not None and len(v) > LONGUEUR_MAX for v in fields.values()):
        return _refuse(f"Chaque champ fait au plus {LONGUEUR_MAX} caractères.")
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
            code_vote=fields["code_vote"],
        )
    )
    election = portal.vote.election
    electeur = electeur_par_email(portal.db.reader(), created.email)
    if election is not None and electeur is not None:
        # The credential authority's part, played here by the test hook: g^x from the code.
        await run_in_threadpool(
            inscrire_code, portal.db, election.parametres, electeur, created.code_vote
        )
    return JSONResponse(asdict(created), status_code=201)


@with_session
async def captcha_answer(request: Request, session: Session) -> Response:
    """GET /__test__/captcha: the digits of the CAPTCHA last shown to this session."""
    code = session.captcha
    if not isinstance(code, str):
        return _refuse("Aucun CAPTCHA n'a été affiché à cette session.", status_code=404)
    return JSONResponse({"answer": code})


async def clock(request: Request) -> Response:
    """GET returns the clock's offset; POST {"advance": SECONDS} moves it forward, and
    POST {"aller_a": "ISO 8601 instant"} puts it at that instant (before or after now:
    the vote's window scenarios need to stand before the opening and after the closing)."""
    portal = portal_of(request)
    if request.method == "POST":
        try:
            body = await _json_body(request)
        except RequeteInvalide as exc:
            return _refuse(exc.message)
        if "aller_a" in body:
            cible = body["aller_a"]
            try:
                if not isinstance(cible, str):
                    raise ValueError
                instant = datetime.fromisoformat(cible)
                if instant.tzinfo is None:
                    raise ValueError
            except ValueError:
                return _refuse("« aller_a » doit être un instant ISO 8601 avec son fuseau.")
            ecart = instant.timestamp() - portal.clock.now()
            offset = await run_in_threadpool(portal.clock.advance, ecart)
        else:
            advance = body.get("advance")
            if (
                isinstance(advance, bool)
                or not isinstance(advance, int | float)
                or not 0 <= advance < 1e10
            ):
                return _refuse("« advance » doit être un nombre de secondes positif.")
            offset = await run_in_threadpool(portal.clock.advance, float(advance))
    else:
        offset = portal.clock.offset()  # a memory read: no thread needed
    return JSONResponse({"offset": offset, "now": portal.clock.now()})


async def fenetre_vote(request: Request) -> Response:
    """GET /__test__/vote: the voting window, in ISO 8601, and the grace in seconds."""
    fenetre = portal_of(request).vote.fenetre
    return JSONResponse(
        {
            "ouverture": datetime.fromtimestamp(fenetre.ouverture, PARIS).isoformat(),
            "cloture": datetime.fromtimestamp(fenetre.cloture, PARIS).isoformat(),
            "delai_grace_s": fenetre.delai_grace_s,
        }
    )


async def depouillement(request: Request) -> Response:
    """POST /__test__/depouillement: count now with the test portal's own trustees' keys
    (as `python -m simulator depouiller` would): the board closed and published beside a
    copy of the parameters, the sums decrypted, the fingerprints given to « Vérifier mon
    vote »."""
    portal = portal_of(request)
    regles = portal.settings.election
    dossier, parametres = regles.fragments_test, regles.parametres
    if not dossier or not parametres:
        return _refuse("Ce portail n'a pas été scellé avec des clés de test.", 409)
    cles = sorted(Path(dossier).glob("*.cle"))
    publication = Path(
        tempfile.mkdtemp(prefix="depouillement-", dir=portal.settings.db_path.parent)
    )
    try:
        resultat = await run_in_threadpool(
            depouiller_election, portal.db, Path(parametres), publication, cles, portal.clock.now()
        )
    except DepouillementRefuse as exc:
        return _refuse(f"Dépouillement refusé : {exc}", 409)
    bulletins = sum(r["bulletins"] for r in resultat["scrutins"].values())
    return JSONResponse(
        {"bulletins": bulletins, "concordant": True, "empreintes": bulletins,
         "publication": str(publication)}
    )  # fmt: skip


ROUTES: list[BaseRoute] = [
    Route("/__test__/voters", creer_electeur, methods=["POST"]),
    Route("/__test__/captcha", captcha_answer, methods=["GET"]),
    Route("/__test__/clock", clock, methods=["GET", "POST"]),
    Route("/__test__/vote", fenetre_vote, methods=["GET"]),
    Route("/__test__/depouillement", depouillement, methods=["POST"]),
]
