"""Test accounts drawn from a provisioned list, and the ledger that keeps their state.

A portal we did not build has no hook to create voters: its vendor provisions a list of
test accounts (the roll's CSV format, on a capture domain), `actif` ones with passwords
derived from the list's secret. A scenario takes the account it needs from that list;
what it does to the account (a password chosen, an activation, a lock) is written to a
ledger beside the list, so that neither a second xdist worker nor tomorrow's run is ever
handed an account in a state it no longer has.

The ledger is a JSON-lines file, one line per change, the last line of an address
winning; it is appended under an exclusive lock (flock), so processes never interleave.
An account taken by a run that then died stays marked `pris` and is never handed out
again: its state is unknown. The ledger holds the passwords the scenarios chose: it
is written for test accounts only, readable by its owner only.
"""

from __future__ import annotations

import fcntl
import json
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, replace
from pathlib import Path
from typing import IO, Any

from fixtures.identifiants import deriver_code_vote, deriver_identifiants, normalise_identifiant
from fixtures.liste import lire_liste
from harnais.comptes.besoins import ACCEPTES, LIBELLES_BESOINS, convient
from harnais.comptes.etats import ETATS, LIBELLES, Electeur, EtatCompte


class ComptesEpuises(Exception):
    """No account of the state a scenario needs is left; the message counts the others."""

    def __init__(self, message: str, besoin: str = "", restes: dict[str, int] | None = None):
        super().__init__(message)
        self.besoin = besoin
        self.restes = restes or {}


class Registre:
    """The accounts of one list and their ledger, shared by every process of a run."""

    def __init__(self, liste: Path, secret: str, registre: Path | None = None) -> None:
        self.liste = liste
        self.secret = secret
        self.chemin = registre or liste.with_name(liste.name + ".registre")
        # Read and checked whole at once: a malformed list fails before any browser starts.
        self._comptes: list[tuple[str, str]] = [
            (normalise_identifiant(fields[3]), fields[7]) for _, fields in lire_liste(liste)
        ]
        if not self._comptes:
            raise ComptesEpuises(f"la liste {liste} ne contient aucun compte")
        domaine = self._comptes[0][0].rpartition("@")[2]
        self.domaine = domaine

    @contextmanager
    def _verrouille(self) -> Iterator[IO[str]]:
        self.chemin.parent.mkdir(parents=True, exist_ok=True)
        descripteur = os.open(self.chemin, os.O_RDWR | os.O_CREAT | os.O_APPEND, 0o600)
        with os.fdopen(descripteur, "a+", encoding="utf-8") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield handle
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    @staticmethod
    def _relire(handle: IO[str]) -> dict[str, EtatCompte]:
        handle.seek(0)
        etats: dict[str, EtatCompte] = {}
        for ligne in handle:
            if not ligne.strip():
                continue
            donnees: dict[str, Any] = json.loads(ligne)
            email = donnees.pop("email")
            for inutile in ("le", "par"):
                donnees.pop(inutile, None)
            etats[email] = EtatCompte(**donnees)
        return etats

    @staticmethod
    def _ecrire(handle: IO[str], email: str, etat: EtatCompte, par: str) -> None:
        ligne = {
            "email": email,
            **asdict(etat),
            "le": time.strftime("%Y-%m-%dT%H:%M:%S"),
            "par": par,
        }
        handle.write(json.dumps(ligne, ensure_ascii=False) + "\n")
        handle.flush()
        os.fsync(handle.fileno())

    def _courant(self, etats: dict[str, EtatCompte], email: str, etat_liste: str) -> EtatCompte:
        connu = etats.get(email)
        if connu is not None:
            return connu
        if etat_liste == "actif":
            return EtatCompte("actif", deriver_identifiants(email, self.secret).password)
        return EtatCompte("nouveau")

    def prendre(self, besoin: str, par: str = "") -> tuple[Electeur, EtatCompte]:
        """Claim an account for a scenario that needs `besoin`; raise ComptesEpuises with
        the counts of what is left when there is none."""
        acceptes = ACCEPTES[besoin]
        maintenant = time.time()
        with self._verrouille() as handle:
            etats = self._relire(handle)
            choix: tuple[int, int, str, EtatCompte] | None = None
            for email, etat_liste in self._comptes:
                courant = self._courant(etats, email, etat_liste)
                disponible = courant.disponible(maintenant)
                if disponible is None or not convient(besoin, courant, disponible, maintenant):
                    continue
                cle = (acceptes.index(disponible), courant.echecs, email, courant)
                if choix is None or cle[:2] < choix[:2]:
                    choix = cle
                    if cle[:2] == (0, 0):
                        break
            if choix is None:
                compte = self._compter(etats, maintenant)
                raise ComptesEpuises(self._bilan(besoin, compte), besoin, compte)
            _, _, email, courant = choix
            if courant.etat == "verrouille":  # its lock is over by now
                courant = replace(courant, etat="actif", echecs=0, jusqu_a=0.0)
            self._ecrire(handle, email, replace(courant, pris=True), par)
        derive = deriver_identifiants(email, self.secret)
        initial = courant.mot_de_passe == derive.password and courant.reponse is None
        electeur = Electeur(
            email=email,
            state=courant.etat,
            password=courant.mot_de_passe,
            question=derive.question if initial else None,
            answer=derive.answer if initial else courant.reponse,
            code_vote=courant.code_vote or deriver_code_vote(email, self.secret),
        )
        return electeur, courant

    def rendre(self, email: str, etat: EtatCompte, par: str = "") -> None:
        """Record what a scenario left the account in, and free it."""
        with self._verrouille() as handle:
            self._ecrire(handle, email, replace(etat, pris=False), par)

    def _compter(self, etats: dict[str, EtatCompte], maintenant: float) -> dict[str, int]:
        compte = dict.fromkeys((*ETATS, "pris"), 0)
        for email, etat_liste in self._comptes:
            courant = self._courant(etats, email, etat_liste)
            cle = "pris" if courant.pris else courant.disponible(maintenant) or courant.etat
            compte[cle] += 1
        return compte

    def restes(self) -> dict[str, int]:
        """How many accounts of the list are in each state now (`pris`: in use)."""
        with self._verrouille() as handle:
            return self._compter(self._relire(handle), time.time())

    def _bilan(self, besoin: str, compte: dict[str, int]) -> str:
        restes = ", ".join(
            f"{LIBELLES.get(etat, 'pris par un scénario en cours ou interrompu')} : {n}"
            for etat, n in compte.items()
            if n
        )
        return (
            f"Plus aucun compte « {besoin} » ({LIBELLES_BESOINS[besoin]}) libre dans la "
            f"liste {self.liste} (registre {self.chemin}). Restent : {restes}. Demandez "
            "d'autres comptes de test, ou repartez d'un registre neuf si le portail a été "
            "réinitialisé."
        )
