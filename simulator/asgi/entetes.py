"""The security headers of every HTTP response of the portal (and HSTS behind HTTPS)."""

from __future__ import annotations

import base64
import hashlib

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from chiffrement.fichiers_navigateur import carte_imports

# The one inline script of the portal: the vote pages' import map, allowed by its hash.
_CARTE = base64.b64encode(hashlib.sha256(carte_imports("/chiffrement").encode()).digest())
SECURITY_HEADERS: list[tuple[bytes, bytes]] = [
    (
        b"content-security-policy",
        b"default-src 'self'; script-src 'self' 'sha256-" + _CARTE + b"'; "
        b"img-src 'self' data:; media-src 'self'; "
        b"frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
    ),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    # Authenticated pages must never be served back from a shared or back-button cache.
    (b"cache-control", b"no-store"),
]


# Behind HTTPS: a year of HTTPS only, for the portal's host and its subdomains.
HSTS = (b"strict-transport-security", b"max-age=31536000; includeSubDomains")


class SecurityHeaders:
    """ASGI middleware adding the security headers to every HTTP response (and HSTS when
    the portal is served over HTTPS)."""

    def __init__(self, app: ASGIApp, hsts: bool = False) -> None:
        self.app = app
        self.entetes = [*SECURITY_HEADERS, HSTS] if hsts else SECURITY_HEADERS

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Wrap `send` to append the headers at response start."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name for name, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in self.entetes if k not in present]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, send_with_headers)
