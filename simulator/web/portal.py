"""Shared HTTP plumbing: the portal's services, sessions per request, CSRF, rendering."""

from __future__ import annotations

import hmac
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markupsafe import Markup
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.formparsers import MultiPartException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.templating import Jinja2Templates

from simulator.acces import captcha, ratelimit
from simulator.acces.errors import TropDeRequetes
from simulator.acces.service import ServiceAcces
from simulator.clock import Clock
from simulator.courrier.outbox import OutboxSender
from simulator.errors import EtapeManquante, FormulaireInvalide, JetonCSRFInvalide, PortalError
from simulator.settings import Settings
from simulator.storage import Database
from simulator.vote.service import ServiceVote
from simulator.web.sessions import COOKIE_NAME, Session, SessionStore

TEMPLATES_DIR = Path(__file__).parent / "templates"


@dataclass(frozen=True)
class Portal:
    """The shared services a request handler may use, built once by `create_app`."""

    settings: Settings
    db: Database
    clock: Clock
    sessions: SessionStore
    templates: Jinja2Templates
    outbox: OutboxSender | None
    acces: ServiceAcces
    vote: ServiceVote


def portal_of(request: Request) -> Portal:
    """The Portal services of the running app."""
    portal: Portal = request.app.state.portal
    return portal


Handler = Callable[[Request, Session], Awaitable[Response]]


def with_session(handler: Handler) -> Callable[[Request], Awaitable[Response]]:
    """Load the caller's session before the handler and save it, with its cookie, after."""

    async def endpoint(request: Request) -> Response:
        store = portal_of(request).sessions
        # A WAL read never waits for a writer and takes tens of microseconds: done inline,
        # it saves every request a round trip through the thread pool.
        session = store.load(request.cookies.get(COOKIE_NAME))
        try:
            portal = portal_of(request)
            # The limit switched off costs nothing, not even a hop to the thread pool.
            if request.method == "POST" and portal.settings.posts_per_minute > 0:
                await run_in_threadpool(
                    ratelimit.count_post,
                    portal.db,
                    portal.clock,
                    portal.settings,
                    client_address(request),
                )
            response = await handler(request, session)
        except TropDeRequetes as exc:
            response = render(
                request,
                session,
                "erreur.html",
                status_code=429,
                titre="Trop de tentatives",
                erreur=exc.message,
            )
            response.headers["Retry-After"] = str(exc.retry_after)
        if session.destroyed:
            response.delete_cookie(COOKIE_NAME, path="/")
            return response
        if session.dirty:
            await run_in_threadpool(store.save, session)
        if not session.stored:
            return response
        response.set_cookie(
            COOKIE_NAME,
            session.token,
            httponly=True,
            samesite="lax",
            path="/",
            # Behind HTTPS the cookie never travels in clear (--url-publique https://…).
            secure=portal_of(request).settings.en_https,
        )
        return response

    endpoint.__name__ = handler.__name__
    endpoint.__doc__ = handler.__doc__
    return endpoint


def client_address(request: Request) -> str:
    """The address the request came from (the limits and the audit log are per address)."""
    return request.client.host if request.client else "inconnue"


class LazyCsrf:
    """The CSRF token, created only if a template prints it (pages without forms stay
    session-less, so an anonymous visit writes nothing)."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def __str__(self) -> str:
        return csrf_token(self._session)

    def __html__(self) -> str:
        return csrf_token(self._session)


def csrf_token(session: Session) -> str:
    """The session's anti-forgery token, created on first use."""
    return session.csrf


# No field of the portal's forms is longer (an address: 254; a password: 256), but for
# the few a form names as long (an encrypted ballot: about 5 kB for 8 lists).
LONGUEUR_MAX_CHAMP = 1024
LONGUEUR_MAX_CHAMP_LONG = 32 * 1024


async def read_form(
    request: Request, session: Session, longs: frozenset[str] = frozenset()
) -> dict[str, str]:
    """Parse a posted form and check its CSRF token against the session's; a body that is
    not a readable form, a field sent twice or one too long (`longs`: those allowed
    32 KiB) is refused (400), in French."""
    try:
        form = await request.form(max_files=0, max_fields=32)
    except (HTTPException, MultiPartException, UnicodeDecodeError, ValueError) as exc:
        raise FormulaireInvalide() from exc
    fields: dict[str, str] = {}
    for cle, valeur in form.multi_items():
        if not isinstance(valeur, str):
            raise FormulaireInvalide("Ce formulaire n'accepte pas de fichier.")
        if cle in fields:
            raise FormulaireInvalide(f"Le champ « {cle[:40]} » est envoyé plusieurs fois.")
        if len(valeur) > (LONGUEUR_MAX_CHAMP_LONG if cle in longs else LONGUEUR_MAX_CHAMP):
            raise FormulaireInvalide(f"Le champ « {cle[:40]} » dépasse la longueur permise.")
        fields[cle] = valeur
    expected = session.csrf_attendu
    if expected is None or not hmac.compare_digest(
        expected.encode(), fields.get("csrf", "").encode()
    ):
        raise JetonCSRFInvalide()
    return fields


def render(
    request: Request, session: Session, template: str, status_code: int = 200, **context: Any
) -> Response:
    """Render a page with the values every template needs."""
    portal = portal_of(request)
    context.setdefault("message", None)
    context.setdefault("erreur", None)
    context.setdefault("champ_en_erreur", None)
    context["erreur_sur"] = _attributs_erreur(context["champ_en_erreur"])
    context.update(
        titre_election=portal.settings.election.titre_election,
        assistance=portal.settings.election.assistance,
        csrf=LazyCsrf(session),
    )
    return portal.templates.TemplateResponse(request, template, context, status_code=status_code)


def _attributs_erreur(champ_en_erreur: str | None) -> Callable[..., Markup]:
    """`erreur_sur(id, *decrit_par)` for the templates: the field in error gets
    aria-invalid and points at the error message; every field keeps its own help."""

    def erreur_sur(champ: str, *decrit_par: str) -> Markup:
        references = list(decrit_par)
        invalide = champ == champ_en_erreur
        if invalide:
            references.insert(0, "erreur")
        attributs = ' aria-invalid="true"' if invalide else ""
        if references:
            attributs += f' aria-describedby="{" ".join(references)}"'
        return Markup(attributs)

    return erreur_sur


def render_form(
    request: Request,
    session: Session,
    template: str,
    *,
    with_captcha: bool = False,
    status_code: int = 200,
    **context: Any,
) -> Response:
    """Render a form; one with a CAPTCHA (where `restart` sends the voter back) gets a
    new code at every display, a code being tried at most once, and shows the message
    left by that redirect, if any."""
    if with_captcha:
        context["captcha_version"] = session.montrer_captcha(captcha.new_code())
        if "message" not in context:
            context["message"] = session.message()
    return render(request, session, template, status_code=status_code, **context)


def form_again(
    request: Request,
    session: Session,
    template: str,
    error: PortalError,
    *,
    with_captcha: bool = False,
    **context: Any,
) -> Response:
    """Any domain error as the form shown again, with its message and its status."""
    return render_form(
        request,
        session,
        template,
        with_captcha=with_captcha,
        status_code=error.status_code,
        **{**context, **error.context()},
    )


def see_other(url: str) -> RedirectResponse:
    """303 to another screen (after a POST, or to skip a step)."""
    return RedirectResponse(url, status_code=303)


def restart(session: Session, url: str = "/identification") -> RedirectResponse:
    """Back to the start of a journey whose previous step is missing, saying why."""
    session.annoncer(EtapeManquante.message)
    return see_other(url)
