"""The voter-facing screens: thin handlers calling the domain in a thread pool."""

from __future__ import annotations

from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from simulator import accounts, captcha, policy, ratelimit, reset
from simulator.errors import (
    CaptchaIncorrect,
    EtapeManquante,
    JetonCSRFInvalide,
    LienInconnu,
    LienInvalide,
    MotDePasseRefuse,
    PortalError,
)
from simulator.passwords import hash_password
from simulator.sessions import Session
from simulator.storage.voters import voter_by_id
from simulator.web import client_address, portal_of, read_form, render, with_session

NEW_CAPTCHA = "nouveau_captcha"


def _see_other(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


def _restart(session: Session, url: str = "/identification") -> RedirectResponse:
    session.set("message", EtapeManquante.message)
    return _see_other(url)


def _page_with_captcha(
    request: Request, session: Session, template: str, status_code: int = 200, **context: object
) -> Response:
    # Every display of a form shows a new CAPTCHA: a code is tried at most once.
    session.set("captcha", captcha.new_code())
    version = int(session.get("captcha_version") or 0) + 1
    session.set("captcha_version", version)
    if "message" not in context and session.get("message"):
        context["message"] = session.pop("message")
    return render(
        request, session, template, status_code=status_code, captcha_version=version, **context
    )


async def _identified_email(request: Request, session: Session, form: dict[str, str]) -> str | None:
    """The address typed, once its CAPTCHA is checked; None if a new CAPTCHA was asked."""
    if form.get("action") == NEW_CAPTCHA:
        return None
    email = accounts.normalise_identifiant(
        accounts.require(form.get("identifiant", ""), "Identifiant")
    )
    await _check_captcha(request, session, form.get("captcha", ""))
    return email


async def _check_captcha(request: Request, session: Session, typed: str) -> None:
    """Check the CAPTCHA typed against the one shown; count failures per address."""
    portal = portal_of(request)
    client = client_address(request)
    expected = session.pop("captcha")
    limited = portal.settings.captcha_failures_per_window > 0
    if limited:
        await run_in_threadpool(
            ratelimit.check_captcha_allowance, portal.db, portal.clock, portal.settings, client
        )
    try:
        accounts.check_captcha(expected, typed, portal.settings.captcha_recette)
    except CaptchaIncorrect:
        # Failures are audited even when the limit is off.
        await run_in_threadpool(
            ratelimit.record_captcha_failure, portal.db, portal.clock, portal.settings, client
        )
        raise


# Home and help ---------------------------------------------------------------


@with_session
async def accueil(request: Request, session: Session) -> Response:
    """Home page: the election's title and the way in."""
    message = session.pop("message") if session.get("message") else None
    if request.query_params.get("deconnecte"):
        message = "Vous êtes déconnecté(e) du portail Élections."
    return render(request, session, "accueil.html", message=message)


@with_session
async def aide(request: Request, session: Session) -> Response:
    """Help page: where a voter in difficulty finds support."""
    return render(request, session, "aide.html")


@with_session
async def aide_identifiant(request: Request, session: Session) -> Response:
    """Help for a voter who does not know their identifiant."""
    return render(request, session, "aide_identifiant.html")


# Identification and password -------------------------------------------------


@with_session
async def identification(request: Request, session: Session) -> Response:
    """Identification: the professional address and a CAPTCHA."""
    if request.method == "GET":
        return _page_with_captcha(request, session, "identification.html", identifiant="")
    identifiant = ""
    try:
        form = await read_form(request, session)
        identifiant = form.get("identifiant", "")
        email = await _identified_email(request, session, form)
        if email is None:
            return _page_with_captcha(
                request, session, "identification.html", identifiant=identifiant
            )
    except PortalError as exc:
        return _page_with_captcha(
            request,
            session,
            "identification.html",
            status_code=400,
            erreur=exc.message,
            identifiant=identifiant,
        )
    # Known or not, every address goes on to the password page: no enumeration.
    session.set("identifiant", email)
    return _see_other("/mot-de-passe")


@with_session
async def mot_de_passe(request: Request, session: Session) -> Response:
    """'Saisie du mot de passe Élections': password of an identified voter."""
    email = session.get("identifiant")
    if not isinstance(email, str):
        return _restart(session)
    if request.method == "GET":
        return render(request, session, "mot_de_passe.html", identifiant=email)
    portal = portal_of(request)
    try:
        form = await read_form(request, session)
        voter = await run_in_threadpool(
            accounts.authenticate,
            portal.db,
            portal.clock,
            portal.settings,
            email,
            form.get("mot_de_passe", ""),
            client_address(request),
        )
    except PortalError as exc:
        return render(
            request,
            session,
            "mot_de_passe.html",
            status_code=400,
            identifiant=email,
            erreur=exc.message,
        )
    session.rotate()
    session.pop("identifiant")
    session.set("voter_id", voter.id)
    return _see_other("/espace")


# Réassort -------------------------------------------------------------------


@with_session
async def reassort(request: Request, session: Session) -> Response:
    """Ask for a réassort link: from the password page, or with identifiant and CAPTCHA."""
    if request.method == "GET":
        return _page_with_captcha(request, session, "reassort.html", identifiant="")
    portal = portal_of(request)
    identifiant = ""
    try:
        form = await read_form(request, session)
        if form.get("depuis") == "mot-de-passe":
            # The CAPTCHA was passed at identification, moments ago, in this session.
            known = session.get("identifiant")
            if not isinstance(known, str):
                return _restart(session, "/reassort")
            email = known
        else:
            identifiant = form.get("identifiant", "")
            typed = await _identified_email(request, session, form)
            if typed is None:
                return _page_with_captcha(
                    request, session, "reassort.html", identifiant=identifiant
                )
            email = typed
    except PortalError as exc:
        return _page_with_captcha(
            request,
            session,
            "reassort.html",
            status_code=400,
            erreur=exc.message,
            identifiant=identifiant,
        )
    await run_in_threadpool(
        reset.request_reset,
        portal.db,
        portal.clock,
        portal.settings,
        email,
        client_address(request),
    )
    if portal.outbox is not None:
        portal.outbox.wake()
    # Same confirmation whether or not the address is on the roll.
    session.set("reassort_adresse", email)
    return _see_other("/reassort/envoye")


@with_session
async def reassort_envoye(request: Request, session: Session) -> Response:
    """Confirmation that a réassort mail is on its way."""
    adresse = session.get("reassort_adresse")
    if not isinstance(adresse, str):
        return _see_other("/reassort")
    return render(request, session, "reassort_envoye.html", adresse=adresse)


@with_session
async def reassort_lien(request: Request, session: Session) -> Response:
    """Follow the mailed link: check it, bind it to a fresh session, go to initialisation."""
    portal = portal_of(request)
    try:
        link = await run_in_threadpool(
            reset.open_link,
            portal.db,
            portal.clock,
            request.query_params.get("jeton", ""),
            client_address(request),
        )
    except LienInvalide as exc:
        status = 404 if isinstance(exc, LienInconnu) else 410
        return render(
            request, session, "lien_invalide.html", status_code=status, erreur=exc.message
        )
    session.rotate()
    session.replace({"reset_link_id": link.id})
    # Redirect to a URL without the token, so it is not kept in history or sent as Referer.
    return _see_other("/initialisation")


@with_session
async def initialisation(request: Request, session: Session) -> Response:
    """'Initialisation du mot de passe Élections': new password, confirmation, CAPTCHA."""
    link_id = session.get("reset_link_id")
    if not isinstance(link_id, int):
        return _restart(session, "/reassort")
    page: dict[str, Any] = {"rules": policy.RULES_SHOWN, "special": policy.SPECIAL_SHOWN}
    if request.method == "GET":
        return _page_with_captcha(request, session, "initialisation.html", **page)
    portal = portal_of(request)
    try:
        form = await read_form(request, session)
        if form.get("action") == NEW_CAPTCHA:
            return _page_with_captcha(request, session, "initialisation.html", **page)
        password = form.get("mot_de_passe", "")
        accounts.require(password, "Mot de passe Élections")
        accounts.require(form.get("confirmation", ""), "Confirmation du mot de passe Élections")
        await _check_captcha(request, session, form.get("captcha", ""))
        broken = policy.violations(password)
        if broken:
            raise MotDePasseRefuse(broken)
        if password != form.get("confirmation", ""):
            raise MotDePasseRefuse([policy.MSG_CONFIRMATION])
        voter_id = await run_in_threadpool(
            reset.consume_link, portal.db, portal.clock, link_id, client_address(request)
        )
    except MotDePasseRefuse as exc:
        return _page_with_captcha(
            request,
            session,
            "initialisation.html",
            status_code=400,
            violations=exc.violations,
            **page,
        )
    except LienInvalide as exc:
        session.pop("reset_link_id")
        return render(request, session, "lien_invalide.html", status_code=410, erreur=exc.message)
    except PortalError as exc:
        return _page_with_captcha(
            request, session, "initialisation.html", status_code=400, erreur=exc.message, **page
        )
    password_hash = await run_in_threadpool(hash_password, password, portal.settings.hash_cost)
    session.rotate()
    session.replace({"activation": {"voter_id": voter_id, "password_hash": password_hash}})
    return _see_other("/activation")


@with_session
async def activation(request: Request, session: Session) -> Response:
    """Activation: 'ACTIVER SON COMPTE' saves everything, 'ACCÈS SANS ACTIVATION' nothing."""
    pending = session.get("activation")
    if not isinstance(pending, dict):
        return _restart(session)
    page: dict[str, Any] = {
        "questions": accounts.QUESTIONS_DEFI,
        "question": accounts.QUESTIONS_DEFI[0],
    }
    if request.method == "GET":
        return render(request, session, "activation.html", **page)
    portal = portal_of(request)
    voter_id = int(pending["voter_id"])
    client = client_address(request)
    try:
        form = await read_form(request, session)
        if form.get("action") == "sans_activation":
            await run_in_threadpool(
                accounts.access_without_activation, portal.db, portal.clock, voter_id, client
            )
        else:
            page["question"] = form.get("question", "")
            await run_in_threadpool(
                accounts.activate,
                portal.db,
                portal.clock,
                portal.settings,
                voter_id,
                str(pending["password_hash"]),
                form.get("question", ""),
                form.get("reponse", ""),
                form.get("confirmation_reponse", ""),
                client,
            )
    except PortalError as exc:
        return render(
            request, session, "activation.html", status_code=400, erreur=exc.message, **page
        )
    session.rotate()
    session.replace({"voter_id": voter_id})
    return _see_other("/espace")


# Voter space -----------------------------------------------------------------


@with_session
async def espace(request: Request, session: Session) -> Response:
    """The voter space: name, académie and ballots of the logged-in voter."""
    voter_id = session.get("voter_id")
    voter = None
    if isinstance(voter_id, int):
        # A read: inline, see web.py.
        voter = voter_by_id(portal_of(request).db.reader(), voter_id)
    if voter is None:
        return _restart(session)
    return render(request, session, "espace.html", voter=voter)


@with_session
async def deconnexion(request: Request, session: Session) -> Response:
    """Logout: the session is destroyed and the voter is back on the home page."""
    try:
        await read_form(request, session)
    except JetonCSRFInvalide:
        return _see_other("/espace")
    await run_in_threadpool(portal_of(request).sessions.destroy, session)
    return _see_other("/?deconnecte=1")


# CAPTCHA media ---------------------------------------------------------------


def _current_code(session: Session) -> str:
    code = session.get("captcha")
    if not isinstance(code, str):
        code = captcha.new_code()
        session.set("captcha", code)
    return code


@with_session
async def captcha_image(request: Request, session: Session) -> Response:
    """The PNG of the CAPTCHA currently expected from this session."""
    # About a millisecond of pasting pre-drawn glyphs: cheaper inline than a thread hop.
    png = captcha.render_png(_current_code(session))
    return Response(png, media_type="image/png")


@with_session
async def captcha_audio(request: Request, session: Session) -> Response:
    """The audio alternative of the CAPTCHA currently expected from this session."""
    wav = await run_in_threadpool(captcha.render_wav, _current_code(session))
    return Response(wav, media_type="audio/wav")


ROUTES: list[BaseRoute] = [
    Route("/", accueil, name="accueil"),
    Route("/aide", aide, name="aide"),
    Route("/aide/identifiant", aide_identifiant, name="aide_identifiant"),
    Route("/identification", identification, methods=["GET", "POST"], name="identification"),
    Route("/mot-de-passe", mot_de_passe, methods=["GET", "POST"], name="mot_de_passe"),
    Route("/reassort", reassort, methods=["GET", "POST"], name="reassort"),
    Route("/reassort/envoye", reassort_envoye, name="reassort_envoye"),
    Route(reset.LINK_PATH, reassort_lien, name="reassort_lien"),
    Route("/initialisation", initialisation, methods=["GET", "POST"], name="initialisation"),
    Route("/activation", activation, methods=["GET", "POST"], name="activation"),
    Route("/espace", espace, name="espace"),
    Route("/deconnexion", deconnexion, methods=["POST"], name="deconnexion"),
    Route("/captcha.png", captcha_image, name="captcha"),
    Route("/captcha.wav", captcha_audio, name="captcha_audio"),
]
