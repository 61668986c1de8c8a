"""The sink's HTTP API (Mailpit v1 shapes for the subset used) and a small web page."""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from datetime import datetime

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from simulator.asgi.garde import Garde
from simulator.mailsink.arrivals import MAX_WAIT_SECONDS
from simulator.mailsink.chaos import Chaos, ChaosInvalide
from simulator.mailsink.liens import texte_avec_liens
from simulator.mailsink.store import MessageStore, StoredMessage, iso_utc, recipient_of
from simulator.settings import PARIS

_pages = Environment(
    loader=PackageLoader("simulator.mailsink", "templates"), autoescape=select_autoescape(["html"])
)


def heure_de_paris(instant: datetime) -> str:
    """An instant as a reader in France says it, the zone named (the page's times; the
    API keeps UTC, as Mailpit does)."""
    return f"{instant.astimezone(PARIS):%d/%m/%Y à %H:%M:%S} (heure de Paris)"


_pages.filters["heure_de_paris"] = heure_de_paris
_pages.filters["iso_utc"] = iso_utc
_pages.filters["liens"] = texte_avec_liens

# The page shows mails anyone could send: even if some markup got through, no script,
# frame, form or remote resource would work on it (its one style sheet is inline).
ENTETES_PAGE = {
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
}


class ParametreInvalide(ValueError):
    """A query parameter of the mail API that is not what it must be."""


def _entier(request: Request, nom: str, defaut: int, maximum: int) -> int:
    texte = request.query_params.get(nom, "") or str(defaut)
    if not texte.isascii() or not texte.isdigit() or int(texte) > maximum:
        raise ParametreInvalide(f"{nom} doit être un entier de 0 à {maximum}")
    return int(texte)


def _refus(message: str) -> PlainTextResponse:
    return PlainTextResponse(message, status_code=400)


def _listing(messages: list[StoredMessage], total: int, request: Request) -> Response:
    try:
        start = _entier(request, "start", 0, 10**9)
        limit = _entier(request, "limit", 50, 10**6)
    except ParametreInvalide as exc:
        return _refus(str(exc))
    page = messages[start : start + limit]
    return JSONResponse(
        {
            "total": total,
            "unread": len(messages),
            "count": len(page),
            "messages_count": len(messages),
            "start": start,
            "tags": [],
            "messages": [m.summary() for m in page],
        }
    )


def page_des_mails(messages: list[StoredMessage]) -> str:
    """The web page of the caught mails, newest first as given."""
    return _pages.get_template("boite.html").render(messages=messages)


def create_mail_api(store: MessageStore, chaos: Chaos) -> Starlette:
    """Build the sink's ASGI app over a message store and its chaos settings."""

    async def messages(request: Request) -> Response:
        if request.method == "DELETE":
            body = await request.body()
            ids = None
            if body.strip():
                try:
                    data = json.loads(body)
                except (json.JSONDecodeError, UnicodeDecodeError) as exc:
                    return _refus(f"JSON invalide : {exc}")
                ids = data.get("IDs") if isinstance(data, dict) else None
                if ids is not None and (
                    not isinstance(ids, list) or not all(isinstance(i, str) for i in ids)
                ):
                    return _refus("IDs doit être une liste d'identifiants de messages")
            store.delete(ids or None)
            return PlainTextResponse("ok")
        all_messages = store.newest_first()
        return _listing(all_messages, len(all_messages), request)

    async def message(request: Request) -> Response:
        found = store.get(request.path_params["id"])
        if found is None:
            return PlainTextResponse("message introuvable", status_code=404)
        return JSONResponse(found.detail())

    async def raw(request: Request) -> Response:
        found = store.get(request.path_params["id"])
        if found is None:
            return PlainTextResponse("message introuvable", status_code=404)
        return Response(found.raw, media_type="message/rfc822")

    async def search(request: Request) -> Response:
        query = request.query_params.get("query", "")
        try:
            wait = float(request.query_params.get("wait", "0") or 0)
        except ValueError:
            wait = -1.0
        if not 0 <= wait <= MAX_WAIT_SECONDS:
            return PlainTextResponse(
                f"wait doit être un nombre de secondes entre 0 et {MAX_WAIT_SECONDS:.0f}",
                status_code=400,
            )
        deadline = time.monotonic() + wait
        # Watching starts before the first search: a mail caught in between still wakes us.
        address = recipient_of(query)
        with store.arrivals.watch(address) as arrived:
            found, held = store.lookup(query)
            while not found and (left := deadline - time.monotonic()) > 0:
                # A mail caught before we watched may still be held back by the chaos delay.
                # The loop's timers may fire a little early (uvloop reads its clock once per
                # turn): the extra millisecond spares a turn that would find nothing.
                pause = left if held is None else min(left, held + 0.001)
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(arrived.wait(), pause)
                arrived.clear()
                found, held = store.lookup(query)
        return _listing(found, store.count(), request)

    async def chaos_settings(request: Request) -> Response:
        if request.method == "PUT":
            try:
                chaos.configure(json.loads(await request.body() or b"{}"))
            except json.JSONDecodeError as exc:
                return PlainTextResponse(f"JSON invalide : {exc.msg}", status_code=400)
            except (ChaosInvalide, UnicodeDecodeError) as exc:
                return PlainTextResponse(f"chaos refusé : {exc}", status_code=400)
        return JSONResponse(chaos.as_json())

    async def livez(request: Request) -> Response:
        return PlainTextResponse("ok")

    async def inbox(request: Request) -> Response:
        return HTMLResponse(page_des_mails(store.newest_first()), headers=ENTETES_PAGE)

    return Starlette(
        middleware=[Middleware(Garde)],
        routes=[
            Route("/", inbox),
            Route("/api/v1/messages", messages, methods=["GET", "DELETE"]),
            Route("/api/v1/message/{id}", message),
            Route("/api/v1/message/{id}/raw", raw),
            Route("/api/v1/search", search),
            Route("/api/v1/chaos", chaos_settings, methods=["GET", "PUT"]),
            Route("/livez", livez),
        ],
    )
