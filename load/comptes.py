"""Accounts for simulated voters: from a roll (disjoint per worker) or from the test hook.

A roll is read and checked as the acceptance suite reads it (fixtures/liste.py): a bad
line stops the run at its start with its line number.

No two simulated voters ever use the same account: in one process every account is
handed out once; across processes each worker reads only its own share of the roll
(line i goes to worker i mod K, as `python -m fixtures split` deals them).
"""

from __future__ import annotations

import logging
import secrets
import threading
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fixtures.identifiants import deriver_code_vote, deriver_identifiants
from fixtures.liste import ETATS, lire_liste
from harnais.crochets import CrochetRefuse, Crochets


@dataclass(frozen=True)
class Compte:
    """An account for one simulated voter, with its clear password if it is `actif`, and
    its code de vote."""

    email: str
    etat: str
    mot_de_passe: str | None = None
    code_vote: str | None = None


# The Locust entry type of a user stopped for want of accounts: a failure of its own,
# in the report's failures table and in the SLO verdict, never a silent stop.
COMPTES = "COMPTES"
_journal = logging.getLogger(__name__)
_deja_dit: set[tuple[str, str]] = set()


class ListeEpuisee(Exception):
    """Every account of that state in this worker's share has been used."""


def signaler_epuisement(environment: Any, persona: str, etat: str, comptes: Comptes) -> None:
    """Say that a simulated voter stops for want of accounts: a warning in the log (once
    per persona and state in this process) and one failure per user in the report."""
    message = (
        f"{persona} : plus aucun compte « {etat} » dans la part de la liste de ce processus ; "
        "cet utilisateur s'arrête. Donnez une liste plus longue ou plus de comptes de cet état."
    )
    if (persona, etat) not in _deja_dit:
        _deja_dit.add((persona, etat))
        restes = ", ".join(f"{e} : {comptes.disponibles(e)}" for e in ETATS)
        _journal.warning("%s (Restent %s.)", message, restes)
    # The same message every time: Locust's report groups one line per persona and state.
    environment.events.request.fire(
        request_type=COMPTES,
        name=f"comptes « {etat} » épuisés : {persona}",
        response_time=0,
        response_length=0,
        exception=ListeEpuisee(message),
        context={},
    )


class Comptes:
    """Hands out accounts by state; from a roll file, or created through the test hook."""

    def __init__(self, liste: Path | None, secret: str, partie: int, parties: int) -> None:
        self._lock = threading.Lock()
        self._secret = secret
        self._par_etat: dict[str, deque[str]] = {etat: deque() for etat in ETATS}
        self.depuis_liste = liste is not None
        if liste is not None:
            # Duplicates are the other workers' business too: checking them would keep
            # every address of a national roll in memory in every worker.
            for index, (_, fields) in enumerate(lire_liste(liste, doublons=False)):
                if index % parties == partie:
                    self._par_etat[fields[7]].append(fields[3])

    def disponibles(self, etat: str) -> int:
        """How many accounts of this state remain."""
        return len(self._par_etat[etat])

    def prendre(self, etat: str, client: Any) -> Compte:
        """An unused account of this state (a new one from the hook if there is no roll)."""
        if not self.depuis_liste:
            return self._creer(etat, client)
        with self._lock:
            if not self._par_etat[etat]:
                raise ListeEpuisee(etat)
            email = self._par_etat[etat].popleft()
        password = deriver_identifiants(email, self._secret).password if etat == "actif" else None
        return Compte(
            email=email,
            etat=etat,
            mot_de_passe=password,
            code_vote=deriver_code_vote(email, self._secret),
        )

    @staticmethod
    def _creer(etat: str, client: Any) -> Compte:
        # Imported here: load.portail imports Locust, which this module does not need.
        from load.portail import transport_locust

        email = f"charge.{secrets.token_hex(6)}@ac-reims.fr"
        try:
            cree = Crochets(transport_locust(client)).creer_electeur(etat, email=email)
        except CrochetRefuse as exc:
            raise ListeEpuisee(etat) from exc
        return Compte(
            email=cree.email, etat=etat, mot_de_passe=cree.password, code_vote=cree.code_vote
        )


_comptes: Comptes | None = None
_verrou = threading.Lock()


def comptes_du_worker(environment: Any) -> Comptes:
    """This process's account pool, built once from the run's options."""
    global _comptes
    with _verrou:
        if _comptes is None:
            options = environment.parsed_options
            liste = Path(options.liste) if options and options.liste else None
            runner = environment.runner
            partie = int(getattr(runner, "worker_index", 0) or 0)
            parties = (options.parties_liste if options else 0) or (
                options.processes if options and (options.processes or 0) > 0 else 1
            )
            if partie >= parties:
                raise RuntimeError(
                    f"worker {partie} mais seulement {parties} parties : --parties-liste ?"
                )
            _comptes = Comptes(liste, options.secret_liste if options else "", partie, parties)
        return _comptes
