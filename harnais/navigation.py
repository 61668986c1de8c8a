"""How the harness's HTTP journey reaches a portal: a navigation function, one per client.

The journey (`harnais/parcours_http.py`) only says "GET this path" or "send this form";
a navigation does it with its own client and returns the screen. The same journey then
serves Locust's session (each request counted under its name, marked failed with the
journey's own reason, see `load/portail.py`) and httpx or Starlette's TestClient (the HTTP
tests), as `harnais/crochets.py` does for the test hooks.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol
from urllib.parse import urlsplit

from harnais.ecran import Ecran

FORMULAIRE = {"Content-Type": "application/x-www-form-urlencoded"}

# What the journey expects of a screen: returns quietly, or raises EcranInattendu.
Verification = Callable[[Ecran], None]


class Navigation(Protocol):
    """Sends one request (`corps`: an urlencoded form, or None) and returns the screen,
    checked by `verifier` when given (the navigation reports the failure its own way)."""

    def __call__(
        self, methode: str, chemin: str, corps: str | None, nom: str, verifier: Verification | None
    ) -> Ecran: ...


def chemin_de(url: str) -> str:
    """Path and query of a URL: the host is always the one under test (a mailed link may
    name the public host while the run targets 127.0.0.1)."""
    parties = urlsplit(url)
    return f"{parties.path or '/'}{'?' + parties.query if parties.query else ''}"


def navigation_httpx(client: Any) -> Navigation:
    """A navigation over an httpx-like client (httpx.Client, Starlette's TestClient),
    following redirects as the client is set to; a failed check raises EcranInattendu."""

    def naviguer(
        methode: str, chemin: str, corps: str | None, nom: str, verifier: Verification | None
    ) -> Ecran:
        if corps is None:
            reponse = client.request(methode, chemin)
        else:
            reponse = client.request(methode, chemin, content=corps, headers=FORMULAIRE)
        ecran = Ecran(reponse.status_code, str(reponse.url), reponse.text, reponse)
        if verifier is not None:
            verifier(ecran)
        return ecran

    return naviguer
