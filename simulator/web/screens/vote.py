"""The vote: « JE VOTE » and the code de vote, the voter's scrutins, the candidate lists
of one scrutin, the confirmation, the « Accusé de réception » and its downloadable proof;
the code de vote's réassort; the public page where a receipt's fingerprint is checked
after the count.

The receipt is shown in the answer to « JE VOTE » and kept nowhere: storing a voter's
fingerprint, even in a session, would tie the voter to the sealed ballot.
"""

from __future__ import annotations

import math
import re
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from simulator.errors import FormulaireInvalide, JetonCSRFInvalide, PortalError
from simulator.storage.electeurs import Electeur
from simulator.vote.calendrier import date_en_clair
from simulator.vote.code_vote import SansQuestionDefi
from simulator.vote.service import Scrutin, ServiceVote
from simulator.vote.urne import ScrutinDejaVote
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

CODE_ACCEPTE = "code_vote_accepte"
CHOIX = "choix"
EMPREINTE = re.compile(r"[0-9a-f]{64}")


class ChoixManquant(PortalError):
    """« JE VEUX VOTER » without a list chosen."""

    message = "Veuillez choisir une liste de candidats."
    champ = "liste"


def _electeur(request: Request, session: Session) -> Electeur | None:
    return portal_of(request).service.electeur(session.get("electeur_id"))


def _connecte_a(session: Session) -> float | None:
    valeur = session.get("connecte_a")
    return float(valeur) if isinstance(valeur, int | float) else None


def _ferme(request: Request, session: Session, erreur: PortalError) -> Response:
    """The vote refused as a whole (window closed): said on its own page."""
    return render(
        request, session, "vote_ferme.html", status_code=erreur.status_code, erreur=erreur.message
    )


@with_session
async def je_vote(request: Request, session: Session) -> Response:
    """« JE VOTE »: the code de vote, asked once per session."""
    periode = _dans_la_periode(request, session)
    if isinstance(periode, Response):
        return periode
    electeur, vote = periode
    if session.get(CODE_ACCEPTE) == electeur.id:
        return see_other("/vote/scrutins")
    if request.method == "GET":
        message = session.pop("message") if session.get("message") else None
        return render(request, session, "code_vote.html", message=message)
    try:
        form = await read_form(request, session)
        await vote.ouvrir(
            electeur, form.get("code_vote", ""), _connecte_a(session), client_address(request)
        )
    except PortalError as exc:
        return form_again(request, session, "code_vote.html", exc)
    session.set(CODE_ACCEPTE, electeur.id)
    return see_other("/vote/scrutins")


def _dans_la_periode(request: Request, session: Session) -> tuple[Electeur, ServiceVote] | Response:
    """The logged-in voter, inside the voting window; otherwise the response that sends
    them back (to log in) or says why the vote is closed."""
    electeur = _electeur(request, session)
    if electeur is None:
        return restart(session)
    vote = portal_of(request).vote
    try:
        vote.exiger_ouvert(_connecte_a(session))
    except PortalError as exc:
        return _ferme(request, session, exc)
    return electeur, vote


def _ouvert(request: Request, session: Session) -> tuple[Electeur, ServiceVote] | Response:
    """As `_dans_la_periode`, and the code de vote already accepted in this session."""
    periode = _dans_la_periode(request, session)
    if isinstance(periode, Response):
        return periode
    if session.get(CODE_ACCEPTE) != periode[0].id:
        return see_other("/vote")
    return periode


@with_session
async def scrutins(request: Request, session: Session) -> Response:
    """The voter's scrutins: those already voted are said so and cannot be chosen."""
    ouvert = _ouvert(request, session)
    if isinstance(ouvert, Response):
        return ouvert
    electeur, vote = ouvert
    tous = vote.scrutins(electeur)
    return render(
        request,
        session,
        "scrutins.html",
        scrutins=tous,
        restants=sum(1 for s in tous if not s.vote),
        message=session.pop("message") if session.get("message") else None,
    )


def _scrutin_a_voter(
    request: Request, session: Session
) -> tuple[Electeur, ServiceVote, Scrutin] | Response:
    ouvert = _ouvert(request, session)
    if isinstance(ouvert, Response):
        return ouvert
    electeur, vote = ouvert
    scrutin = vote.scrutin(electeur, int(request.path_params["numero"]))
    if scrutin is None:
        return see_other("/vote/scrutins")
    if scrutin.vote:
        session.set("message", f"Vous avez déjà voté pour le scrutin « {scrutin.nom} ».")
        return see_other("/vote/scrutins")
    return electeur, vote, scrutin


@with_session
async def listes(request: Request, session: Session) -> Response:
    """One scrutin: all its candidate lists, one to choose, then « JE VEUX VOTER »."""
    trouve = _scrutin_a_voter(request, session)
    if isinstance(trouve, Response):
        return trouve
    _, vote, scrutin = trouve
    page: dict[str, Any] = {"scrutin": scrutin, "listes": vote.listes(scrutin), "choisie": None}
    if request.method == "GET":
        choix = session.get(CHOIX)
        if isinstance(choix, dict) and choix.get("numero") == scrutin.numero:
            page["choisie"] = choix.get("liste")
        return render(request, session, "listes.html", **page)
    try:
        form = await read_form(request, session)
        liste = form.get("liste", "")
        if liste not in page["listes"]:
            raise ChoixManquant()
    except PortalError as exc:
        return form_again(request, session, "listes.html", exc, **page)
    session.set(CHOIX, {"numero": scrutin.numero, "liste": liste})
    return see_other(f"/vote/scrutin/{scrutin.numero}/confirmation")


@with_session
async def confirmation(request: Request, session: Session) -> Response:
    """Only the list chosen, then « JE VOTE »; the answer is the « Accusé de réception »."""
    trouve = _scrutin_a_voter(request, session)
    if isinstance(trouve, Response):
        return trouve
    electeur, vote, scrutin = trouve
    choix = session.get(CHOIX)
    if not isinstance(choix, dict) or choix.get("numero") != scrutin.numero:
        return see_other(f"/vote/scrutin/{scrutin.numero}")
    liste = str(choix.get("liste"))
    if request.method == "GET":
        return render(request, session, "confirmation.html", scrutin=scrutin, liste=liste)
    try:
        await read_form(request, session)
        recu = await vote.voter(electeur, scrutin, liste, _connecte_a(session))
    except (JetonCSRFInvalide, FormulaireInvalide) as exc:
        return form_again(request, session, "confirmation.html", exc, scrutin=scrutin, liste=liste)
    except ScrutinDejaVote as exc:
        session.pop(CHOIX)
        session.set("message", exc.message)
        return see_other("/vote/scrutins")
    except PortalError as exc:
        session.pop(CHOIX)
        return _ferme(request, session, exc)
    session.pop(CHOIX)
    restants = sum(1 for s in vote.scrutins(electeur) if not s.vote)
    return render(
        request,
        session,
        "accuse.html",
        recu=recu,
        le=date_en_clair(recu.le),
        horodatage=int(recu.le),
        restants=restants,
    )


@with_session
async def preuve(request: Request, session: Session) -> Response:
    """The proof of vote as a text file to keep: scrutin, time, fingerprint; never the
    list. Given only to the voter who voted in that scrutin."""
    electeur = _electeur(request, session)
    if electeur is None:
        return restart(session)
    vote = portal_of(request).vote
    empreinte = request.query_params.get("empreinte", "")
    try:
        numero = int(request.query_params.get("scrutin", ""))
        le = float(request.query_params.get("le", ""))
    except ValueError:
        numero, le = 0, 0.0
    if not math.isfinite(le) or not 0 < le < 1e11:
        le = 0.0
    scrutin = vote.scrutin(electeur, numero)
    if scrutin is None or not scrutin.vote or not EMPREINTE.fullmatch(empreinte) or not le:
        return render(
            request,
            session,
            "erreur.html",
            status_code=404,
            titre="Preuve de vote introuvable",
            erreur="Aucun vote de votre part ne correspond à cette preuve.",
        )
    portal = portal_of(request)
    texte = (
        f"{portal.settings.titre_election}\n"
        "Preuve de vote (accusé de réception)\n\n"
        f"Scrutin : {scrutin.nom}\n"
        f"Vote enregistré le {date_en_clair(le)} (heure de Paris)\n"
        f"Empreinte du bulletin scellé : {empreinte}\n\n"
        "Cette preuve ne dit pas pour quelle liste vous avez voté. Après le dépouillement, "
        "la liste des empreintes des bulletins comptés est publiée : retrouvez-y la vôtre "
        f"sur {portal.settings.public_url}/verification\n"
    )
    return Response(
        texte,
        media_type="text/plain; charset=utf-8",
        headers={
            "content-disposition": f'attachment; filename="preuve-de-vote-{scrutin.numero}.txt"'
        },
    )


@with_session
async def reassort_code(request: Request, session: Session) -> Response:
    """Réassort of the code de vote: the question défi answered, a new code by mail."""
    electeur = _electeur(request, session)
    if electeur is None:
        return restart(session)
    page: dict[str, Any] = {"question": electeur.question}
    if electeur.question is None or electeur.answer_hash is None:
        return render(
            request, session, "code_vote_reassort.html", erreur=SansQuestionDefi.message, **page
        )
    if request.method == "GET":
        return render(request, session, "code_vote_reassort.html", **page)
    try:
        form = await read_form(request, session)
        await portal_of(request).vote.reassort_code(
            electeur, form.get("reponse", ""), client_address(request)
        )
    except PortalError as exc:
        return form_again(request, session, "code_vote_reassort.html", exc, **page)
    session.set(
        "message",
        "Un nouveau code de vote vient de vous être envoyé par mail. Votre code précédent "
        "ne fonctionne plus.",
    )
    return see_other("/vote")


@with_session
async def verification(request: Request, session: Session) -> Response:
    """« Vérifier mon vote »: after the count, is this receipt's fingerprint published?"""
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
    page["resultat"] = portal_of(request).vote.verifier_empreinte(empreinte)
    return render(request, session, "verification.html", **page)
