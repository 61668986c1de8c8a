"""The way in: home, help, identification, password, voter space, logout, CAPTCHA media."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from simulator.acces import captcha
from simulator.errors import PortalError
from simulator.web.portal import (
    client_address,
    form_again,
    portal_of,
    read_form,
    render,
    render_form,
    restart,
    see_other,
    with_session,
)
from simulator.web.sessions import Session

NEW_CAPTCHA = "nouveau_captcha"


@with_session
async def accueil(request: Request, session: Session) -> Response:
    """Home page: the election's title and the way in."""
    message = session.message()
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


@with_session
async def accessibilite(request: Request, session: Session) -> Response:
    """« Déclaration d'accessibilité », linked from every page's footer (a legal duty)."""
    return render(request, session, "accessibilite.html")


@with_session
async def identification(request: Request, session: Session) -> Response:
    """Identification: the professional address and a CAPTCHA."""
    page = "identification.html"
    if request.method == "GET":
        return render_form(request, session, page, with_captcha=True, identifiant="")
    identifiant = ""
    try:
        form = await read_form(request, session)
        identifiant = form.get("identifiant", "")
        if form.get("action") == NEW_CAPTCHA:
            return render_form(request, session, page, with_captcha=True, identifiant=identifiant)
        email = await portal_of(request).acces.identifier(
            identifiant,
            session.prendre_captcha(),
            form.get("captcha", ""),
            client_address(request),
        )
    except PortalError as exc:
        return form_again(request, session, page, exc, with_captcha=True, identifiant=identifiant)
    session.identifiant = email
    return see_other("/mot-de-passe")


@with_session
async def mot_de_passe(request: Request, session: Session) -> Response:
    """'Saisie du mot de passe Élections': password of an identified voter."""
    email = session.identifiant
    if email is None:
        return restart(session)
    if request.method == "GET":
        return render(request, session, "mot_de_passe.html", identifiant=email)
    try:
        form = await read_form(request, session)
        electeur = await portal_of(request).acces.se_connecter(
            email, form.get("mot_de_passe", ""), client_address(request)
        )
    except PortalError as exc:
        return form_again(request, session, "mot_de_passe.html", exc, identifiant=email)
    session.entrer(electeur.id, portal_of(request).clock.now())
    return see_other("/espace")


@with_session
async def espace(request: Request, session: Session) -> Response:
    """The voter space: name, académie and ballots of the logged-in voter."""
    electeur = portal_of(request).acces.electeur(session.electeur_id)
    if electeur is None:
        return restart(session)
    return render(request, session, "espace.html", electeur=electeur)


@with_session
async def deconnexion(request: Request, session: Session) -> Response:
    """Logout: the session is destroyed and the voter is back on the home page."""
    try:
        await read_form(request, session)
    except PortalError:
        return see_other("/espace")
    await run_in_threadpool(portal_of(request).sessions.destroy, session)
    return see_other("/?deconnecte=1")


def _current_code(session: Session) -> str:
    code = session.captcha
    if code is None:
        code = captcha.new_code()
        session.montrer_captcha(code)
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
