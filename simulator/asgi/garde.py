"""The outermost guard of every HTTP app of the simulator (portal and mail API): a size
limit on request bodies, and a net under the app.

A body larger than the limit gets a 413 before the app reads it (by its Content-Length)
or as soon as its chunks pass the limit. An exception no handler turned into an answer
is written to the log with its traceback, and the client still gets a page (500) on a
connection that stays open: a test finds the fault in the log instead of losing the
next request of the same client to a dropped connection.
"""

from __future__ import annotations

import logging

from starlette.types import ASGIApp, Message, Receive, Scope, Send

journal = logging.getLogger("simulator.asgi.garde")

# A form of the portal is a few hundred bytes; the largest test hook body, a few more.
TAILLE_MAX_CORPS = 64 * 1024

PAGE_TROP_GRAND = (
    '<!doctype html><html lang="fr"><meta charset="utf-8"><title>Requête trop volumineuse'
    "</title><h1>Requête trop volumineuse</h1><p>Le formulaire envoyé dépasse la taille "
    'permise. <a href="/">Retour à l\'accueil</a></p></html>'
).encode()
PAGE_ERREUR = (
    '<!doctype html><html lang="fr"><meta charset="utf-8"><title>Erreur du portail</title>'
    "<h1>Erreur du portail</h1><p>Une erreur inattendue est survenue ; elle a été "
    'consignée. <a href="/">Retour à l\'accueil</a></p></html>'
).encode()


class CorpsTropGrand(Exception):
    """The request body went past the limit while the app was reading it."""


async def _page(send: Send, statut: int, corps: bytes, fermer: bool = False) -> None:
    headers = [
        (b"content-type", b"text/html; charset=utf-8"),
        (b"content-length", str(len(corps)).encode()),
    ]
    if fermer:
        # The unread rest of the body cannot be told from a next request: say we close.
        headers.append((b"connection", b"close"))
    await send({"type": "http.response.start", "status": statut, "headers": headers})
    await send({"type": "http.response.body", "body": corps})


class Garde:
    """ASGI middleware: body size limit (413), and no exception left unanswered."""

    def __init__(self, app: ASGIApp, taille_max: int = TAILLE_MAX_CORPS) -> None:
        self.app = app
        self.taille_max = taille_max

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Check the declared size, count the received one, answer any escaped error."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declaree = dict(scope.get("headers", [])).get(b"content-length")
        if declaree is not None:
            try:
                taille = int(declaree)
            except ValueError:
                taille = -1
            if taille < 0 or taille > self.taille_max:
                await _page(send, 413 if taille >= 0 else 400, PAGE_TROP_GRAND, fermer=True)
                return
        recu = 0
        commence = False

        async def recevoir() -> Message:
            nonlocal recu
            message = await receive()
            if message["type"] == "http.request":
                recu += len(message.get("body", b""))
                if recu > self.taille_max:
                    raise CorpsTropGrand()
            return message

        async def envoyer(message: Message) -> None:
            nonlocal commence
            if message["type"] == "http.response.start":
                commence = True
            await send(message)

        try:
            await self.app(scope, recevoir, envoyer)
        except CorpsTropGrand:
            if not commence:
                await _page(send, 413, PAGE_TROP_GRAND, fermer=True)
        except Exception:
            journal.exception("erreur non traitée : %s %s", scope.get("method"), scope.get("path"))
            if not commence:
                await _page(send, 500, PAGE_ERREUR)
