"""The vote: « JE VOTE » and the code de vote, the voter's scrutins, the candidate lists
of one scrutin, the confirmation, the « Accusé de réception » and its signed proof; the
code de vote's réassort; the public page where a receipt's fingerprint is checked.

The code de vote, the choice and the ballot's making stay in the voter's browser
(static/vote.js): the portal receives a proof of possession of the credential, then one
encrypted ballot. The session never holds a choice; it keeps only the last receipt of its
own, so that the proof of vote is given for that ballot and no other.
"""

from __future__ import annotations

import re
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from chiffrement.fichiers_navigateur import carte_imports
from simulator.errors import EtapeManquante, PortalError
from simulator.vote.calendrier import date_en_clair
from simulator.vote.errors import (
    SansQuestionDefi,
    ScrutinDejaVote,
    ScrutinInconnu,
    VoteFerme,
)
from simulator.vote.possession import tirer_defi
from simulator.vote.service import ServiceVote
from simulator.web.portal import (
    client_address,
    form_again,
    portal_of,
    read_form,
    render,
    restart,
    see_other,
    with_session,
)
from simulator.web.sessions import Session

EMPREINTE = re.compile(r"[0-9a-f]{64}")
CARTE = carte_imports("/chiffrement")


def _vote(request: Request) -> ServiceVote:
    return portal_of(request).vote


def _ferme(request: Request, session: Session, erreur: PortalError) -> Response:
    """The vote refused as a whole (window closed): said on its own page."""
    return render(
        request, session, "vote_ferme.html", status_code=erreur.status_code, erreur=erreur.message
    )


# What the vote's service refuses before any form is read, and where each refusal leads.
REFUS = (EtapeManquante, VoteFerme, ScrutinInconnu, ScrutinDejaVote)


def _refus(request: Request, session: Session, erreur: PortalError) -> Response:
    """No voter in the session: back to the identification. The vote closed: said on its
    own page. A scrutin already voted in (said so) or unknown: back to the scrutins."""
    if isinstance(erreur, EtapeManquante):
        return restart(session)
    if isinstance(erreur, ScrutinDejaVote | ScrutinInconnu):
        session.annoncer(erreur.message)
        return see_other("/vote/scrutins")
    return _ferme(request, session, erreur)


def _page(request: Request, email: str, **autres: str) -> dict[str, Any]:
    """What the encrypted vote's pages give the browser (templates/_vote_chiffre.html)."""
    election = _vote(request).election
    empreinte = election.parametres.empreinte if election else ""
    return {"empreinte": empreinte, "electeur": email, "carte": CARTE, **autres}


def _page_code(request: Request, session: Session, email: str) -> dict[str, Any]:
    """A new challenge for every display of the code de vote screen."""
    defi = tirer_defi()
    session.defi_possession = defi
    return {"vote_chiffre": _page(request, email, defi=defi)}


@with_session
async def je_vote(request: Request, session: Session) -> Response:
    """« JE VOTE »: the code de vote, proven by the browser once per session (asked again
    with ?ressaisir=1, when a tab has lost the key the browser derived from it)."""
    vote = _vote(request)
    try:
        electeur = vote.entrer(session.electeur_id, session.connecte_a)
    except REFUS as exc:
        return _refus(request, session, exc)
    ressaisir = request.query_params.get("ressaisir") == "1"
    if session.code_vote_accepte and request.method == "GET" and not ressaisir:
        return see_other("/vote/scrutins")
    if request.method == "GET":
        page = _page_code(request, session, electeur.email)
        return render(request, session, "code_vote.html", message=session.message(), **page)
    defi = session.prendre_defi()
    try:
        form = await read_form(request, session)
        await vote.ouvrir(electeur, defi, form.get("preuve", ""), client_address(request))
    except PortalError as exc:
        page = _page_code(request, session, electeur.email)
        return form_again(request, session, "code_vote.html", exc, **page)
    session.accepter_code_vote()
    return see_other("/vote/scrutins")


@with_session
async def scrutins(request: Request, session: Session) -> Response:
    """The voter's scrutins: those already voted are said so and cannot be chosen."""
    try:
        tous = _vote(request).scrutins(session.electeur_id, session.connecte_a)
    except REFUS as exc:
        return _refus(request, session, exc)
    if not session.code_vote_accepte:
        return see_other("/vote")
    return render(
        request,
        session,
        "scrutins.html",
        scrutins=tous,
        restants=sum(1 for s in tous if not s.vote),
        message=session.message(),
    )


def _page_bulletin(request: Request, session: Session, numero: int) -> dict[str, Any] | Response:
    """The scrutin's page data, or the response that sends the voter elsewhere."""
    try:
        bulletin = _vote(request).bulletin(session.electeur_id, numero, session.connecte_a)
    except REFUS as exc:
        return _refus(request, session, exc)
    if not session.code_vote_accepte:
        return see_other("/vote")
    return {
        "scrutin": bulletin.scrutin,
        "listes": bulletin.listes,
        "vote_chiffre": _page(request, bulletin.electeur, scrutin=bulletin.ident),
    }


@with_session
async def listes(request: Request, session: Session) -> Response:
    """One scrutin: all its candidate lists, one to choose, then « JE VEUX VOTER » (which
    the browser handles: the choice does not come here)."""
    page = _page_bulletin(request, session, int(request.path_params["numero"]))
    if isinstance(page, Response):
        return page
    return render(request, session, "listes.html", **page)


@with_session
async def confirmation(request: Request, session: Session) -> Response:
    """The confirmation page (the browser shows the choice it kept); its « JE VOTE »
    posts the ballot the browser built, and the answer is the « Accusé de réception »."""
    numero = int(request.path_params["numero"])
    if request.method == "GET" or not session.code_vote_accepte:
        page = _page_bulletin(request, session, numero)
        if isinstance(page, Response):
            return page
        return render(request, session, "confirmation.html", **page)
    # The ballot read once: the service reads the voter and its émargements, once each.
    try:
        form = await read_form(request, session, longs=frozenset({"bulletin"}))
        recu = await _vote(request).voter(
            session.electeur_id, numero, form.get("bulletin", ""), session.connecte_a
        )
    except REFUS as exc:
        return _refus(request, session, exc)
    except PortalError as exc:
        page = _page_bulletin(request, session, numero)
        if isinstance(page, Response):
            return page
        return form_again(request, session, "confirmation.html", exc, **page)
    session.garder_accuse(numero, recu.ident, recu.empreinte, recu.hauteur, recu.le)
    return render(request, session, "accuse.html", recu=recu, le=date_en_clair(recu.le))


@with_session
async def preuve(request: Request, session: Session) -> Response:
    """The proof of vote, signed by the portal: only for the last ballot this session
    cast, named by its scrutin and fingerprint; never the list."""
    if session.electeur_id is None:
        return restart(session)
    accuse = session.dernier_accuse
    demande = (request.query_params.get("scrutin", ""), request.query_params.get("empreinte", ""))
    if accuse is None or demande != (str(accuse["numero"]), accuse["empreinte"]):
        return render(
            request,
            session,
            "erreur.html",
            status_code=404,
            titre="Preuve de vote introuvable",
            erreur="Aucun vote de votre part ne correspond à cette preuve.",
        )
    document = _vote(request).preuve_de_vote(
        str(accuse["ident"]), str(accuse["empreinte"]), int(accuse["hauteur"]), float(accuse["le"])
    )
    nom = f"preuve-de-vote-{accuse['numero']}.json"
    return JSONResponse(document, headers={"content-disposition": f'attachment; filename="{nom}"'})


@with_session
async def reassort_code(request: Request, session: Session) -> Response:
    """Réassort of the code de vote: the question défi answered, a new code by mail."""
    vote = _vote(request)
    try:
        page: dict[str, Any] = {"question": vote.question_defi(session.electeur_id)}
    except EtapeManquante:
        return restart(session)
    except SansQuestionDefi as exc:
        return render(
            request, session, "code_vote_reassort.html", erreur=exc.message, question=None
        )
    if request.method == "GET":
        return render(request, session, "code_vote_reassort.html", **page)
    try:
        form = await read_form(request, session)
        await vote.reassort_code(
            session.electeur_id, form.get("reponse", ""), client_address(request)
        )
    except PortalError as exc:
        return form_again(request, session, "code_vote_reassort.html", exc, **page)
    session.annoncer(
        "Un nouveau code de vote vient de vous être envoyé par mail. Votre code précédent "
        "ne fonctionne plus."
    )
    return see_other("/vote")


@with_session
async def verification(request: Request, session: Session) -> Response:
    """« Vérifier mon vote »: is this receipt's fingerprint on the board, and counted?"""
    page: dict[str, Any] = {"empreinte": "", "resultat": None}
    if request.method == "GET":
        return render(request, session, "verification.html", **page)
    try:
        form = await read_form(request, session)
    except PortalError as exc:
        return form_again(request, session, "verification.html", exc, **page)
    empreinte = form.get("empreinte", "").strip().lower()
    page["empreinte"] = empreinte
    if not EMPREINTE.fullmatch(empreinte):
        page["erreur"] = (
            "Une empreinte s'écrit avec 64 caractères de 0 à 9 et de a à f : recopiez celle "
            "de votre accusé de réception."
        )
        page["champ_en_erreur"] = "empreinte"
        return render(request, session, "verification.html", status_code=400, **page)
    trouvee = _vote(request).verifier_empreinte(empreinte)
    page["resultat"], page["au_tableau"] = trouvee.comptee, trouvee.au_tableau
    return render(request, session, "verification.html", **page)
