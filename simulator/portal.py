"""The voter-facing screens: thin handlers calling the domain in a thread pool."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from simulator import accounts, captcha
from simulator.errors import EtapeManquante, JetonCSRFInvalide, PortalError
from simulator.sessions import Session
from simulator.web import portal_of, read_form, render, with_session


def _see_other(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


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


def _identification_page(
    request: Request,
    session: Session,
    *,
    erreur: str | None = None,
    identifiant: str = "",
    status_code: int = 200,
) -> Response:
    # Every display of the page shows a new CAPTCHA: a code is tried at most once.
    session.set("captcha", captcha.new_code())
    version = int(session.get("captcha_version") or 0) + 1
    session.set("captcha_version", version)
    message = session.pop("message") if session.get("message") else None
    return render(
        request,
        session,
        "identification.html",
        status_code=status_code,
        erreur=erreur,
        message=message,
        identifiant=identifiant,
        captcha_version=version,
    )


@with_session
async def identification(request: Request, session: Session) -> Response:
    """Identification: the professional address and a CAPTCHA."""
    if request.method == "GET":
        return _identification_page(request, session)
    try:
        form = await read_form(request, session)
    except JetonCSRFInvalide as exc:
        return _identification_page(request, session, erreur=exc.message, status_code=400)
    expected = session.pop("captcha")
    identifiant = form.get("identifiant", "")
    try:
        email = accounts.normalise_identifiant(accounts.require(identifiant, "Identifiant"))
        accounts.check_captcha(expected, form.get("captcha", ""))
    except PortalError as exc:
        return _identification_page(
            request, session, erreur=exc.message, identifiant=identifiant, status_code=400
        )
    # Known or not, every address goes on to the password page: no enumeration.
    session.set("identifiant", email)
    return _see_other("/mot-de-passe")


@with_session
async def mot_de_passe(request: Request, session: Session) -> Response:
    """'Saisie du mot de passe Élections': password of an identified voter."""
    email = session.get("identifiant")
    if not isinstance(email, str):
        session.set("message", EtapeManquante.message)
        return _see_other("/identification")
    if request.method == "GET":
        return render(request, session, "mot_de_passe.html", identifiant=email)
    portal = portal_of(request)
    try:
        form = await read_form(request, session)
        voter = await run_in_threadpool(
            accounts.authenticate,
            portal.db,
            portal.settings.hash_cost,
            email,
            form.get("mot_de_passe", ""),
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


@with_session
async def espace(request: Request, session: Session) -> Response:
    """The voter space: name, académie and ballots of the logged-in voter."""
    voter_id = session.get("voter_id")
    voter = None
    if isinstance(voter_id, int):
        voter = await run_in_threadpool(portal_of(request).db.voter_by_id, voter_id)
    if voter is None:
        session.set("message", EtapeManquante.message)
        return _see_other("/identification")
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


@with_session
async def captcha_image(request: Request, session: Session) -> Response:
    """The PNG of the CAPTCHA currently expected from this session."""
    code = session.get("captcha")
    if not isinstance(code, str):
        code = captcha.new_code()
        session.set("captcha", code)
    png = await run_in_threadpool(captcha.render_png, code)
    return Response(png, media_type="image/png")


ROUTES: list[BaseRoute] = [
    Route("/", accueil, name="accueil"),
    Route("/aide", aide, name="aide"),
    Route("/aide/identifiant", aide_identifiant, name="aide_identifiant"),
    Route("/identification", identification, methods=["GET", "POST"], name="identification"),
    Route("/mot-de-passe", mot_de_passe, methods=["GET", "POST"], name="mot_de_passe"),
    Route("/espace", espace, name="espace"),
    Route("/deconnexion", deconnexion, methods=["POST"], name="deconnexion"),
    Route("/captcha.png", captcha_image, name="captcha"),
]
