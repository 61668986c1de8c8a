"""The Mailpit v1 API as a mail transport: the reference sink's, or a real Mailpit's.

Reading needs two routes, `GET /api/v1/search?query=to:ADDRESS` and
`GET /api/v1/message/ID`; the HTTP client is the caller's (httpx by default, Locust's
geventhttpclient in load runs), so that polling costs a load generator little.
`Mailbox` adds what only a sink under our control allows: its faults, the raw message,
emptying it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

import httpx

from harnais.client_http import client_durable
from harnais.courrier.boite import BoiteMail
from harnais.courrier.mail import CourrierIndisponible, Mail

# (path with its query, timeout in seconds) -> (status, body)
Obtenir = Callable[[str, float], tuple[int, bytes]]
# The network timeout beyond a held search.
MARGE_RESEAU_S = 10.0


def obtenir_httpx(client: httpx.Client) -> Obtenir:
    """GETs through an httpx client whose base URL is the API's."""

    def obtenir(chemin: str, delai_s: float) -> tuple[int, bytes]:
        reponse = client.get(chemin, timeout=delai_s)
        return reponse.status_code, reponse.content

    return obtenir


def _courriel(adresses: list[dict[str, Any]]) -> list[str]:
    return [str(a.get("Address", "")).lower() for a in adresses]


class TransportMailpit:
    """Search and read mails through the Mailpit v1 API."""

    def __init__(
        self, obtenir: Obtenir, prefixe: str = "", fermer: Callable[[], None] = lambda: None
    ):
        self._obtenir = obtenir
        self._prefixe = prefixe.rstrip("/")
        self._fermer = fermer

    def _json(self, chemin: str, delai_s: float = 5.0) -> Any:
        statut, corps = self._obtenir(self._prefixe + chemin, delai_s)
        if statut != 200:
            raise CourrierIndisponible(f"API mail : statut {statut} sur {chemin}")
        return json.loads(corps)

    def chercher(self, adresse: str, attente_s: float) -> list[dict[str, Any]]:
        """The mails to exactly this address, newest first; `wait` held by the sink."""
        params: dict[str, str] = {"query": f"to:{adresse}"}
        if attente_s > 0:
            params["wait"] = f"{attente_s:.3f}"
        reponse = self._json("/api/v1/search?" + urlencode(params), attente_s + MARGE_RESEAU_S)
        trouves: list[dict[str, Any]] = reponse["messages"]
        # Mailpit's `to:` matches a part of the address: keep the exact recipient only.
        cible = adresse.lower()
        return [m for m in trouves if cible in _courriel(m.get("To") or [])]

    def lire(self, identifiant: str) -> Mail:
        """One mail in full, from its detail route."""
        data: dict[str, Any] = self._json(f"/api/v1/message/{identifiant}")
        return Mail(
            id=data["ID"],
            subject=data["Subject"],
            to=[a["Address"] for a in data["To"]],
            text=data["Text"],
            html=data["HTML"],
        )

    def fermer(self) -> None:
        """Release the HTTP client, if this transport owns it."""
        self._fermer()


class Mailbox(BoiteMail):
    """A mailbox read through a Mailpit API by httpx, with the sink's own switches."""

    def __init__(self, api_url: str, timeout: float | None = None) -> None:
        self.api_url = api_url.rstrip("/")
        self._http = client_durable(self.api_url, timeout=5.0)
        super().__init__(
            TransportMailpit(obtenir_httpx(self._http), fermer=self._http.close), timeout
        )

    def all_messages(self, limit: int = 500) -> list[dict[str, Any]]:
        """Summaries of every mail in the box, newest first."""
        response = self._http.get("/api/v1/messages", params={"limit": limit})
        found: list[dict[str, Any]] = response.raise_for_status().json()["messages"]
        return found

    def set_chaos(
        self, refus_destinataires: int = 0, retard_s: float = 0.0, code: int = 451
    ) -> httpx.Response:
        """Replace the sink's faults, in Mailpit's body: refuse this percentage of
        recipients with `code`; with `retard_s`, the reference sink's own extension, show
        each mail that many seconds after accepting it. No argument: every fault off."""
        body: dict[str, object] = {
            "Recipient": {"ErrorCode": code, "Probability": refus_destinataires}
        }
        if retard_s:
            body["DelaySeconds"] = retard_s
        return self._http.put("/api/v1/chaos", json=body)

    def chaos(self) -> dict[str, object]:
        """The sink's current faults, in Mailpit's shape."""
        current: dict[str, object] = self._http.get("/api/v1/chaos").raise_for_status().json()
        return current

    def raw(self, message_id: str) -> bytes:
        """The message as received over SMTP (Mailpit's /raw endpoint)."""
        return self._http.get(f"/api/v1/message/{message_id}/raw").raise_for_status().content

    def latest(self) -> Mail | None:
        """The newest mail of the whole mailbox, if any."""
        response = self._http.get("/api/v1/message/latest")
        if response.status_code == 404:
            return None
        return self.read(response.raise_for_status().json()["ID"])

    def clear(self) -> None:
        """Delete every mail."""
        self._http.delete("/api/v1/messages").raise_for_status()
