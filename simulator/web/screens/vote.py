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

from simulator.errors import EtapeManquante, PortalError
from simulator.vote.calendrier import date_en_clair
from simulator.vote.errors import (
    ChoixManquant,
    SansQuestionDefi,
    ScrutinDejaVote,
    ScrutinInconnu,
    VoteFerme,
)
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
from simulator.web.sessions import Choix, Session

EMPREINTE = re.compile(r"[0-9a-f]{64}")


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
    if isinstance(erreur, ScrutinDejaVote):
        session.annoncer(erreur.message)
    if isinstance(erreur, ScrutinDejaVote | ScrutinInconnu):
        return see_other("/vote/scrutins")
    return _ferme(request, session, erreur)


@with_session
async def je_vote(request: Request, session: Session) -> Response:
    """« JE VOTE »: the code de vote, asked once per session."""
    vote = _vote(request)
    try:
        electeur = vote.entrer(session.electeur_id, session.connecte_a)
    except REFUS as exc:
        return _refus(request, session, exc)
    if session.code_vote_accepte:
        return see_other("/vote/scrutins")
    if request.method == "GET":
        return render(request, session, "code_vote.html", message=session.message())
    try:
        form = await read_form(request, session)
        await vote.ouvrir(electeur, form.get("code_vote", ""), client_address(request))
    except PortalError as exc:
        return form_again(request, session, "code_vote.html", exc)
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


@with_session
async def listes(request: Request, session: Session) -> Response:
    """One scrutin: all its candidate lists, one to choose, then « JE VEUX VOTER »."""
    numero = int(request.path_params["numero"])
    try:
        bulletin = _vote(request).bulletin(session.electeur_id, numero, session.connecte_a)
    except REFUS as exc:
        return _refus(request, session, exc)
    if not session.code_vote_accepte:
        return see_other("/vote")
    page: dict[str, Any] = {"scrutin": bulletin.scrutin, "listes": bulletin.listes}
    choix = session.choix
    page["choisie"] = choix.liste if choix is not None and choix.numero == numero else None
    if request.method == "GET":
        return render(request, session, "listes.html", **page)
    try:
        form = await read_form(request, session)
        liste = form.get("liste", "")
        if liste not in bulletin.listes:
            raise ChoixManquant()
    except PortalError as exc:
        return form_again(request, session, "listes.html", exc, **{**page, "choisie": None})
    session.choisir(Choix(numero, liste))
    return see_other(f"/vote/scrutin/{numero}/confirmation")


def _page_confirmation(
    request: Request, session: Session, numero: int, erreur: PortalError | None = None
) -> Response:
    """Only the list chosen and « JE VOTE » (with the error of a refused post, if any)."""
    try:
        bulletin = _vote(request).bulletin(session.electeur_id, numero, session.connecte_a)
    except REFUS as exc:
        return _refus(request, session, exc)
    choix = session.choix
    if not session.code_vote_accepte:
        return see_other("/vote")
    if choix is None or choix.numero != numero:
        return see_other(f"/vote/scrutin/{numero}")
    page: dict[str, Any] = {"scrutin": bulletin.scrutin, "liste": choix.liste}
    if erreur is not None:
        return form_again(request, session, "confirmation.html", erreur, **page)
    return render(request, session, "confirmation.html", **page)


@with_session
async def confirmation(request: Request, session: Session) -> Response:
    """The confirmation page; its « JE VOTE » is one call of the vote's service, whose
    answer is the « Accusé de réception »."""
    numero = int(request.path_params["numero"])
    choix = session.choix
    if request.method == "GET":
        return _page_confirmation(request, session, numero)
    if session.electeur_id is None:
        return restart(session)
    if not session.code_vote_accepte:
        return see_other("/vote")
    if choix is None or choix.numero != numero:
        return see_other(f"/vote/scrutin/{numero}")
    try:
        await read_form(request, session)
    except PortalError as exc:
        return _page_confirmation(request, session, numero, exc)
    session.oublier_choix()
    try:
        recu = await _vote(request).voter(
            session.electeur_id, numero, choix.liste, session.connecte_a
        )
    except PortalError as exc:
        return _refus(request, session, exc)
    return render(
        request,
        session,
        "accuse.html",
        recu=recu,
        le=date_en_clair(recu.le),
        horodatage=int(recu.le),
    )


@with_session
async def preuve(request: Request, session: Session) -> Response:
    """The proof of vote as a text file to keep: scrutin, time, fingerprint; never the
    list. Given only to the voter who voted in that scrutin."""
    if session.electeur_id is None:
        return restart(session)
    empreinte = request.query_params.get("empreinte", "")
    try:
        numero = int(request.query_params.get("scrutin", ""))
        le = float(request.query_params.get("le", ""))
    except ValueError:
        numero, le = 0, 0.0
    if not math.isfinite(le) or not 0 < le < 1e11:
        le = 0.0
    try:
        scrutin = _vote(request).scrutin_vote(session.electeur_id, numero)
    except EtapeManquante:
        return restart(session)
    if scrutin is None or not EMPREINTE.fullmatch(empreinte) or not le:
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
    page["resultat"] = _vote(request).verifier_empreinte(empreinte)
    return render(request, session, "verification.html", **page)
