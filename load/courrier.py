"""The mail API (the sink's, or a real Mailpit's) as simulated voters read it.

One pooled geventhttpclient client per Locust process, shared by its users: polling a
mailbox is not a page load, so it stays out of Locust's statistics, and it must cost the
load generator as little as possible, since it shares the machine with the portal.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlencode

from geventhttpclient import HTTPClient
from geventhttpclient.url import URL

# Voters of one process polling at once; more simply wait for a free connection.
CONNEXIONS = 64
# A held search (`wait`) lasts at most this long, well within the network timeout.
ATTENTE_MAX_S = 20.0
DELAI_RESEAU_S = ATTENTE_MAX_S + 10.0


class ApiCourrierIndisponible(Exception):
    """The mail API answered with an error status."""


class ApiCourrier:
    """Search and read mails through the Mailpit v1 API."""

    def __init__(self, url: str) -> None:
        parsed = URL(url.rstrip("/"))
        self._prefix = parsed.path.rstrip("/")
        self._client = HTTPClient.from_url(
            parsed,
            concurrency=CONNEXIONS,
            connection_timeout=DELAI_RESEAU_S,
            network_timeout=DELAI_RESEAU_S,
        )

    def _json(self, chemin: str) -> Any:
        response = self._client.get(self._prefix + chemin)
        body = response.read()
        if response.status_code != 200:
            raise ApiCourrierIndisponible(f"API mail : statut {response.status_code} sur {chemin}")
        return json.loads(body)

    def destines_a(self, email: str, attente_s: float = 0.0) -> list[dict[str, Any]]:
        """Summaries of the mails to an address, newest first. With `attente_s`, the sink
        holds an empty answer until a mail arrives (`wait`; a Mailpit answers at once)."""
        params: dict[str, str] = {"query": f"to:{email}"}
        if attente_s > 0:
            params["wait"] = f"{min(attente_s, ATTENTE_MAX_S):.3f}"
        found: list[dict[str, Any]] = self._json("/api/v1/search?" + urlencode(params))["messages"]
        return found

    def message(self, identifiant: str) -> dict[str, Any]:
        """One mail in full (its `Text` holds the link)."""
        detail: dict[str, Any] = self._json(f"/api/v1/message/{identifiant}")
        return detail


_par_url: dict[str, ApiCourrier] = {}


def api_courrier(url: str) -> ApiCourrier:
    """This process's client of the mail API at `url`."""
    if url not in _par_url:
        _par_url[url] = ApiCourrier(url)
    return _par_url[url]
