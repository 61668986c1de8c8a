"""The app factory: `create_app(settings)` wires storage, sessions and routes."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from jinja2 import Environment, FileSystemLoader
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import BaseRoute, Mount
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from simulator.acces.service import ServiceAcces
from simulator.asgi.entetes import SecurityHeaders
from simulator.asgi.garde import Garde
from simulator.clock import Clock
from simulator.courrier.outbox import OutboxSender
from simulator.settings import Settings
from simulator.storage import Database
from simulator.vote.election import ouvrir_election
from simulator.vote.inscriptions import inscriptions_du_portail
from simulator.vote.service import ServiceVote
from simulator.web import hooks, screens
from simulator.web.portal import TEMPLATES_DIR, Portal
from simulator.web.sessions import SessionStore

STATIC_DIR = Path(__file__).parent / "static"


async def _not_found(request: Request, exc: Exception) -> Response:
    return HTMLResponse(
        '<!doctype html><html lang="fr"><meta charset="utf-8"><title>Page introuvable</title>'
        '<h1>Page introuvable</h1><p><a href="/">Retour à l\'accueil</a></p></html>',
        status_code=404,
    )


def _templates() -> Jinja2Templates:
    """The page templates, read once: no modification-time check on every render."""
    environment = Environment(
        loader=FileSystemLoader(TEMPLATES_DIR),
        autoescape=True,
        auto_reload=False,
    )
    return Jinja2Templates(env=environment)


def create_app(settings: Settings | None = None) -> Starlette:
    """Build the portal's ASGI app; test hooks are mounted only if the settings ask."""
    settings = settings or Settings()
    db = Database(settings.db_path)
    clock = Clock(db)
    sessions = SessionStore(db, clock, settings.session_lifetime_seconds)
    outbox = OutboxSender(db, clock, settings) if settings.outbox_enabled else None
    election = ouvrir_election(db, settings)
    services = Portal(
        settings=settings,
        db=db,
        clock=clock,
        sessions=sessions,
        templates=_templates(),
        outbox=outbox,
        acces=ServiceAcces(db, clock, settings, outbox),
        vote=ServiceVote(
            db,
            clock,
            settings,
            election,
            inscriptions_du_portail(settings, election.parametres if election else None),
        ),
    )
    routes: list[BaseRoute] = [
        *screens.ROUTES,
        Mount("/static", StaticFiles(directory=str(STATIC_DIR)), name="static"),
    ]
    if settings.test_hooks:
        routes.extend(hooks.ROUTES)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        # Every worker process runs a sender; leases in the outbox keep them from
        # sending the same mail twice.
        if services.outbox is not None:
            services.outbox.start()
        yield
        if services.outbox is not None:
            services.outbox.stop()

    app = Starlette(
        routes=routes,
        # The guard outermost: a body too large never reaches the app, and an error that
        # escaped everything else is logged and answered (simulator/garde.py).
        middleware=[Middleware(Garde), Middleware(SecurityHeaders, hsts=settings.en_https)],
        exception_handlers={404: _not_found},
        lifespan=lifespan,
    )
    app.state.portal = services
    return app
