"""The one client of the portal's test hooks (`--test-hooks`): voters, CAPTCHA, clock,
the voting window and a count.

It speaks through a transport, so that the same code serves an httpx client (steps,
HTTP tests), a browser's own request context (the CAPTCHA of that very session) and
Locust's client (each call then counted under its `name`). A portal without hooks
answers 404: the error says so instead of a bare status.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from harnais.comptes import Electeur

# (method, path, JSON body or None, name for load statistics) -> (status, decoded body)
Transport = Callable[[str, str, dict[str, Any] | None, str], tuple[int, Any]]

ELECTEURS = "/__test__/voters"
CAPTCHA = "/__test__/captcha"
HORLOGE = "/__test__/clock"
VOTE = "/__test__/vote"
DEPOUILLEMENT = "/__test__/depouillement"


class CrochetRefuse(AssertionError):
    """A test hook answered with an error (or does not exist on this portal)."""

    def __init__(self, chemin: str, statut: int, corps: Any) -> None:
        raison = (
            "ce portail n'a pas de points d'accès de test (--test-hooks)"
            if statut == 404 and chemin != CAPTCHA
            else f"statut {statut} : {corps}"
        )
        super().__init__(f"point d'accès de test {chemin} : {raison}")
        self.statut = statut


class Crochets:
    """Creates voters, reads the CAPTCHA shown, moves the clock."""

    __test__ = False  # not a pytest test class

    def __init__(self, transport: Transport) -> None:
        self._transport = transport

    def _appel(self, methode: str, chemin: str, corps: dict[str, Any] | None, nom: str) -> Any:
        statut, reponse = self._transport(methode, chemin, corps, nom)
        if not 200 <= statut < 300:
            raise CrochetRefuse(chemin, statut, reponse)
        return reponse

    def creer_electeur(self, etat: str, **champs: Any) -> Electeur:
        """Create a voter (`nouveau` or `actif`) and return it with its secrets."""
        data = self._appel("POST", ELECTEURS, {"etat": etat, **champs}, "crochet: électeur")
        return Electeur(**data)

    def captcha(self) -> str:
        """The digits of the CAPTCHA last shown to the transport's session."""
        answer: str = self._appel("GET", CAPTCHA, None, "crochet: captcha")["answer"]
        return answer

    def avancer_horloge(self, secondes: float) -> float:
        """Move the portal's clock forward; return the total offset."""
        data = self._appel("POST", HORLOGE, {"advance": secondes}, "crochet: horloge")
        offset: float = data["offset"]
        return offset

    def aller_a(self, instant: datetime) -> float:
        """Put the portal's clock at this instant (before or after now); return its offset."""
        data = self._appel("POST", HORLOGE, {"aller_a": instant.isoformat()}, "crochet: horloge")
        offset: float = data["offset"]
        return offset

    def maintenant(self) -> datetime:
        """The portal's time."""
        data = self._appel("GET", HORLOGE, None, "crochet: horloge")
        return datetime.fromtimestamp(float(data["now"]), UTC)

    def fenetre_vote(self) -> FenetreVote:
        """The portal's voting window."""
        data = self._appel("GET", VOTE, None, "crochet: vote")
        return FenetreVote(
            datetime.fromisoformat(data["ouverture"]),
            datetime.fromisoformat(data["cloture"]),
            timedelta(seconds=int(data["delai_grace_s"])),
        )

    def depouiller(self) -> dict[str, Any]:
        """Count now with the test portal's own fragments and publish the fingerprints."""
        data: dict[str, Any] = self._appel("POST", DEPOUILLEMENT, {}, "crochet: dépouillement")
        return data


@dataclass(frozen=True)
class FenetreVote:
    """When a portal accepts ballots, and the grace of a voter already in at the closing."""

    ouverture: datetime
    cloture: datetime
    delai_grace: timedelta


def transport_httpx(client: Any) -> Transport:
    """A transport over an httpx-like client (httpx.Client, Starlette's TestClient)."""

    def envoyer(
        methode: str, chemin: str, corps: dict[str, Any] | None, nom: str
    ) -> tuple[int, Any]:
        reponse = client.request(methode, chemin, json=corps)
        try:
            return reponse.status_code, reponse.json()
        except ValueError:
            return reponse.status_code, reponse.text

    return envoyer
